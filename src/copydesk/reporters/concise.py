"""``concise``: one line per finding, ``path:line:col: level rule message``, for editors and grep.

The shape compilers and linters print (Vim's quickfix, Emacs' compilation mode and most editors jump to
it). Columns count code points, as in the text format. Files that could not be checked are one line
``path: error: ...``; nothing else is printed (no summary), so every line is a place.
"""

from __future__ import annotations


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(report, options) -> str:
    return "".join(render_file(fr, options) for fr in report.files) + render_end(report, options)


def render_file(fr, options) -> str:
    """One file's lines (``render`` is every file's, then ``render_end``: the report streams)."""
    out = [f"{fr.path}: error: {_one_line(e)}" for e in fr.errors]
    for d in fr.diagnostics:
        out.append(f"{fr.path}:{d.line}:{d.column}: {d.severity} {d.rule} {_one_line(d.message)}")
    return "".join(line + "\n" for line in out)


def render_end(report, options) -> str:
    return "".join(f"copydesk: error: {_one_line(e)}\n" for e in report.errors)
