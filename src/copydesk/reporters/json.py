"""``json``: the stable machine-readable contract (``version`` 1).

``{"version": 1, "diagnostics": [{path, line, column, end_line, end_column, rule, severity, message, link}],
"summary": {"files", "diagnostics", "by_severity"}, "errors": [...], "notices": [...]}``; columns are 1-based code points and
``end_column`` is exclusive.
"""

from __future__ import annotations

import json


def render(report, options) -> str:
    diags = report.diagnostics
    data = {
        "version": 1,
        "diagnostics": [d.to_dict() for d in diags],
        "summary": {
            "files": len(report.files),
            "diagnostics": len(diags),
            "by_severity": report.by_severity(),
        },
        "errors": [e for f in report.files for e in f.errors] + list(report.errors),
        "notices": report.notices(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
