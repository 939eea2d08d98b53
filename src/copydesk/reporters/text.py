"""``text``: for people. Findings grouped by file as ``line:col  level  rule  message``, the source line
with the span underlined, colour only when asked (on a TTY), and a summary line."""

from __future__ import annotations

import re
import unicodedata

from ._escape import escape_controls

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_LINES = re.compile(r"\r\n|\r|\n")
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _width(ch: str) -> int:
    if ch < " " or "\x7f" <= ch <= "\x9f":  # a control character, shown escaped (\x1b: four columns)
        return len(escape_controls(ch))
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _underline(line: str, start_col: int, end_col: int) -> tuple[str, str]:
    """The line (tabs expanded to one space) and a caret line under columns [start_col, end_col)."""
    shown = line.replace("\t", " ")
    pad = sum(_width(c) for c in shown[: start_col - 1])
    span = sum(_width(c) for c in shown[start_col - 1 : end_col - 1])
    return escape_controls(shown), " " * pad + "^" * max(1, span)


def render(report, options) -> str:
    return "".join(render_file(fr, options) for fr in report.files) + render_end(report, options)


def render_file(fr, options) -> str:
    """One file's part of the report: its path, errors and findings with their source lines (empty when
    the file has neither). ``render`` is every file's part and then ``render_end``, so the report can be
    written file by file as files finish (``copydesk check`` streams it)."""
    if not fr.diagnostics and not fr.errors:
        return ""
    color = options.color
    out: list[str] = []
    path = escape_controls(fr.path)
    out.append(f"{_BOLD}{path}{_RESET}" if color else path)
    for e in fr.errors:
        out.append(f"  error: {escape_controls(e)}")
    lines = _LINES.split(fr.text) if fr.text is not None else []
    for d in fr.diagnostics:
        level = f"{_COLORS[d.severity]}{d.severity}{_RESET}" if color else d.severity
        out.append(f"  {d.line}:{d.column}  {level}  {escape_controls(d.rule)}  {escape_controls(d.message)}")
        if 0 < d.line <= len(lines):
            text = lines[d.line - 1]
            end_col = d.end_column if d.end_line == d.line else len(text) + 1
            if len(text) <= 400:
                shown, carets = _underline(text, d.column, max(end_col, d.column + 1))
                out.append(f"    {_DIM}{shown}{_RESET}" if color else f"    {shown}")
                out.append(f"    {_COLORS[d.severity]}{carets}{_RESET}" if color else f"    {carets}")
    out.append("")
    return "\n".join(out) + "\n"


def render_end(report, options) -> str:
    """What follows the files: where to read about the rules, run-level errors, notices and the summary."""
    out: list[str] = []
    out.extend(_where_to_read_more(report))
    for e in report.errors:
        out.append(f"error: {escape_controls(e)}")
    for n in report.notices():
        out.append(f"notice: {escape_controls(n)}")
    counts = report.by_severity()
    total = sum(counts.values())
    n_files = len(report.files)
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in ("error", "warning", "suggestion")]
    summary = (
        f"{total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {n_files} file{'s' if n_files != 1 else ''}"
        if total
        else f"No problems in {n_files} file{'s' if n_files != 1 else ''}."
    )
    unchecked = sum(1 for f in report.files if f.errors)
    if unchecked:
        summary = (
            summary.rstrip(".")
            + f"; {unchecked} file{'s' if unchecked != 1 else ''} not fully checked (see the errors above)."
        )
    out.append(summary)
    return "\n".join(out) + "\n"


def _where_to_read_more(report) -> list[str]:
    """One pointer to the rule docs: the URLs of the rules that fired when the config names them
    (``docs_url``), else ``copydesk explain RULE``, which works offline."""
    urls: dict[str, str] = {}
    for fr in report.files:
        for d in fr.diagnostics:
            urls.setdefault(d.rule, d.link)
    if not urls:
        return []
    if all(urls.values()):
        return ["Rule docs:"] + [f"  {rule}  {url}" for rule, url in sorted(urls.items())] + [""]
    first = sorted(urls)[0]
    return [f"'copydesk explain RULE' describes a rule with examples (e.g. copydesk explain {first})."]
