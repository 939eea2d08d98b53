"""``gitlab``: a GitLab Code Quality report (the Code Climate issue format GitLab reads as
``artifacts:reports:codequality``).

A JSON list of issues: ``description`` (message and rule id), ``check_name`` (rule id), ``fingerprint``
(stable when unrelated lines move), ``severity``, ``location.path`` (relative to ``$CI_PROJECT_DIR``) and
``location.lines.begin``/``end``. Severity mapping: suggestion -> ``info``, warning -> ``minor``, error ->
``major``; a file that could not be checked is a ``critical`` issue with check name ``copydesk.file-error``
on line 1. A clean run writes ``[]`` (GitLab wants the file to exist).
"""

from __future__ import annotations

import hashlib
import json

from ..diagnostics import sort_key
from ._columns import Lines, artifact_path, fingerprints, span_of

SEVERITIES = {"suggestion": "info", "warning": "minor", "error": "major"}
FILE_ERROR = "copydesk.file-error"


def _issue(
    check: str, description: str, severity: str, fingerprint: str, path: str, begin: int, end: int
) -> dict:
    return {
        "type": "issue",
        "engine_name": "copydesk",
        "check_name": check,
        "categories": ["Style"],
        "description": description,
        "severity": severity,
        "fingerprint": fingerprint,
        "location": {"path": path, "lines": {"begin": begin, "end": end}},
    }


def render(report, options) -> str:
    issues = []
    for fr in report.files:
        path = artifact_path(fr.path)
        lines = Lines(fr.text)
        diags = sorted(fr.diagnostics, key=sort_key)
        for error in fr.errors:
            fp = hashlib.sha256(
                "\0".join((FILE_ERROR, path, error)).encode("utf-8", "surrogatepass")
            ).hexdigest()[:32]
            issues.append(_issue(FILE_ERROR, error, "critical", fp, path, 1, 1))
        for d, fp in zip(diags, fingerprints(path, diags, lines), strict=True):
            span = span_of(d)
            issues.append(
                _issue(
                    d.rule,
                    f"{d.message} ({d.rule})",
                    SEVERITIES.get(d.severity, "minor"),
                    fp,
                    path,
                    span.line,
                    span.end_line,
                )
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
