"""``sarif``: SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``) and other viewers.

One run. ``tool.driver.rules`` describes every rule that fired (sorted by id; ``ruleIndex`` points into it).
Regions count UTF-16 code units (``columnKind: utf16CodeUnits``), 1-based, ``endColumn`` exclusive. Paths
are relative to the repository root with forward slashes, percent-encoded as URI references. Each result has a
``partialFingerprints`` entry (``copydeskSpanHash/v1``) that does not change when unrelated lines move. Files
that could not be checked are tool execution notifications, and ``executionSuccessful`` is then false.
Levels: error -> ``error``, warning -> ``warning``, suggestion -> ``note``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from ..diagnostics import sort_key
from ._columns import Lines, absolute_link, artifact_path, fingerprints, span_of

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
FINGERPRINT_KEY = "copydeskSpanHash/v1"
_MAX_DESCRIPTION = 1000
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


def artifact_uri(path: str) -> str:
    return quote(artifact_path(path), safe="/-._~!$&'()*+,;=@")


def _short(text: str) -> str:
    """The first sentence (or line) of a description, kept short."""
    first = text.strip().split("\n\n", 1)[0].replace("\n", " ")
    m = re.match(r"(.+?[.!?])(\s|$)", first)
    if m:
        first = m.group(1)
    return first if len(first) <= _MAX_DESCRIPTION else first[: _MAX_DESCRIPTION - 1] + "\u2026"


def _descriptor(rule_id: str, meta, sample) -> dict:
    description = (getattr(meta, "description", "") or "").strip()
    name = getattr(meta, "name", "") or rule_id.rsplit(".", 1)[-1]
    pack = getattr(meta, "pack", "") or (rule_id.rsplit(".", 1)[0] if "." in rule_id else "")
    level = getattr(meta, "level", "") or sample.severity
    # The diagnostic's link is already resolved (the rule's own URL or the config's docs_url).
    link = absolute_link(sample.link) or absolute_link(getattr(meta, "link", ""))
    short = _short(description) if description else rule_id
    full = description or short
    help_text = full + (f"\n\nMore: {link}" if link else "")
    out = {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(level, "warning")},
        "properties": {"tags": ["copydesk"] + ([pack] if pack else [])},
    }
    if link:
        out["helpUri"] = link
    return out


def render(report, options) -> str:
    meta = options.rules or {}
    placed = []  # (diagnostic, uri, lines, fingerprint)
    notifications = []
    for fr in report.files:
        uri = artifact_uri(fr.path)
        lines = Lines(fr.text)
        diags = sorted(fr.diagnostics, key=sort_key)
        for d, fp in zip(diags, fingerprints(artifact_path(fr.path), diags, lines), strict=True):
            placed.append((d, uri, lines, fp))
        for error in fr.errors:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
    for error in report.errors:
        notifications.append({"level": "error", "message": {"text": error}})

    samples: dict = {}
    for d, *_ in placed:
        samples.setdefault(d.rule, d)
    rule_ids = sorted(samples)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [_descriptor(rule_id, meta.get(rule_id), samples[rule_id]) for rule_id in rule_ids]

    results = []
    for d, uri, lines, fp in placed:
        span = span_of(d)
        region = {
            "startLine": span.line,
            "startColumn": lines.utf16(span.line, span.column),
            "endLine": span.end_line,
            "endColumn": lines.utf16(span.end_line, span.end_column),
        }
        results.append(
            {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": LEVELS.get(d.severity, "warning"),
                "message": {"text": d.message or d.rule},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
            }
        )

    driver: dict = {"name": "copydesk"}
    if options.version:
        driver["version"] = options.version
        if _SEMVER.fullmatch(options.version):
            driver["semanticVersion"] = options.version
    driver["rules"] = rules
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
