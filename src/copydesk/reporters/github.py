"""``github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=PATH,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE``; a suggestion is a
``notice``. Columns are 1-based code points with ``endColumn`` exclusive, as in the text output; they are left
out when a span covers several lines (GitHub only places columns within one line). The path is relative to
``$GITHUB_WORKSPACE``. Files that could not be checked become ``error`` annotations on the file.

Escaping follows the runner's rules: in the message ``%`` ``\\r`` ``\\n`` become ``%25`` ``%0D`` ``%0A``; in
property values ``:`` and ``,`` also become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from ..diagnostics import sort_key
from ._columns import artifact_path, span_of

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report, options) -> str:
    return "".join(render_file(fr, options) for fr in report.files) + render_end(report, options)


def render_file(fr, options) -> str:
    """One file's annotations (``render`` is every file's, then ``render_end``: the report streams)."""
    out: list[str] = []
    path = artifact_path(fr.path)
    for error in fr.errors:
        out.append(command("error", {"file": path, "title": "copydesk"}, error))
    for d in sorted(fr.diagnostics, key=sort_key):
        span = span_of(d)
        props: dict = {"file": path, "line": span.line, "endLine": span.end_line}
        if span.single_line:
            props["col"] = span.column
            props["endColumn"] = span.end_column
        props["title"] = d.rule
        out.append(command(COMMANDS.get(d.severity, "warning"), props, d.message))
    return "".join(line + "\n" for line in out)


def render_end(report, options) -> str:
    return "".join(command("error", {"title": "copydesk"}, error) + "\n" for error in report.errors)
