"""``rdjson``: reviewdog Diagnostic Format, the JSON ``DiagnosticResult`` (``reviewdog -f=rdjson``).

``{"source": {"name", "url"}, "diagnostics": [{"message", "location": {"path", "range": {"start", "end"}},
"severity", "code": {"value", "url"}}]}``. Columns are UTF-8 byte offsets plus one, as reviewdog counts them;
``end`` is exclusive. Severity: error -> ``ERROR``, warning -> ``WARNING``, suggestion -> ``INFO``. Files that
could not be checked are ``ERROR`` diagnostics without a range, code ``copydesk.file-error``.
"""

from __future__ import annotations

import json

from ..diagnostics import sort_key
from ._columns import Lines, absolute_link, artifact_path, span_of

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}
FILE_ERROR = "copydesk.file-error"


def render(report, options) -> str:
    meta = options.rules or {}
    diagnostics = []
    for fr in report.files:
        path = artifact_path(fr.path)
        lines = Lines(fr.text)
        for error in fr.errors:
            diagnostics.append(
                {
                    "message": error,
                    "location": {"path": path},
                    "severity": "ERROR",
                    "code": {"value": FILE_ERROR},
                }
            )
        for d in sorted(fr.diagnostics, key=sort_key):
            span = span_of(d)
            code = {"value": d.rule}
            link = absolute_link(d.link) or absolute_link(getattr(meta.get(d.rule), "link", ""))
            if link:
                code["url"] = link
            diagnostics.append(
                {
                    "message": d.message or d.rule,
                    "location": {
                        "path": path,
                        "range": {
                            "start": {"line": span.line, "column": lines.utf8(span.line, span.column)},
                            "end": {
                                "line": span.end_line,
                                "column": lines.utf8(span.end_line, span.end_column),
                            },
                        },
                    },
                    "severity": SEVERITIES.get(d.severity, "WARNING"),
                    "code": code,
                }
            )
    result = {"source": {"name": "copydesk"}, "diagnostics": diagnostics}
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
