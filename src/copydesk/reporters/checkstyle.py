"""``checkstyle``: Checkstyle XML (version 4.3), read by Jenkins, SonarQube, reviewdog and many CI viewers.

``<checkstyle version="4.3"><file name="PATH"><error line column severity message source/></file>``; every
checked file has a ``<file>`` element, empty when clean. ``column`` is the 1-based code-point column, as in
the text output. Severity: error -> ``error``, warning -> ``warning``, suggestion -> ``info``. ``source`` is
the rule id. A file that could not be checked gets one ``error`` on line 0 with source ``copydesk.file-error``;
run-level errors sit under ``<file name="copydesk">`` with source ``copydesk.run-error``.

All text is XML-escaped; characters that XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
U+FFFE, U+FFFF) are written as visible ``\\xNN``/``\\uNNNN`` escapes.
"""

from __future__ import annotations

import re

from ..diagnostics import sort_key
from ._columns import artifact_path, span_of

SEVERITIES = {"error": "error", "warning": "warning", "suggestion": "info"}
FILE_ERROR = "copydesk.file-error"
RUN_ERROR = "copydesk.run-error"

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_attr(value) -> str:
    """An attribute value, quoted; line breaks and tabs as character references so parsers keep them."""
    text = _FORBIDDEN.sub(_visible, str(value))
    return '"' + re.sub('[&<>"\t\n\r]', lambda m: _ATTR[m.group()], text) + '"'


def xml_text(value) -> str:
    text = _FORBIDDEN.sub(_visible, str(value))
    return re.sub("[&<>\r]", lambda m: _TEXT[m.group()], text)


def render(report, options) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">']
    for fr in report.files:
        path = artifact_path(fr.path)
        rows = []
        for error in fr.errors:
            rows.append(
                f'    <error line="0" severity="error" message={xml_attr(error)} source="{FILE_ERROR}"/>'
            )
        for d in sorted(fr.diagnostics, key=sort_key):
            span = span_of(d)
            rows.append(
                f'    <error line="{span.line}" column="{span.column}"'
                f" severity={xml_attr(SEVERITIES.get(d.severity, 'warning'))}"
                f" message={xml_attr(d.message)} source={xml_attr(d.rule)}/>"
            )
        if rows:
            out.append(f"  <file name={xml_attr(path)}>")
            out.extend(rows)
            out.append("  </file>")
        else:
            out.append(f"  <file name={xml_attr(path)}/>")
    if report.errors:  # not about any one file: reported under the tool's own name
        out.append('  <file name="copydesk">')
        for error in report.errors:
            out.append(
                f'    <error line="0" severity="error" message={xml_attr(error)} source="{RUN_ERROR}"/>'
            )
        out.append("  </file>")
    out.append("</checkstyle>")
    return "\n".join(out) + "\n"
