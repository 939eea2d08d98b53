"""A baseline: today's findings recorded once, so that a run reports and fails only on new ones.

The file is JSON (see docs/adopting.md)::

    {"version": 1, "tool": "copydesk",
     "findings": [{"path": "content/a.md", "rule": "hygiene.Doubled", "fingerprint": "9f2c...",
                   "line": 3, "message": "'the' is printed twice in a row; delete one."}]}

A finding is known when its path (relative to the baseline file's folder), rule and fingerprint are in the
file. The fingerprint hashes the rule, the path, the flagged text with its white space collapsed, and how
many earlier findings of that rule in that file flagged the same text, so it does not change when lines
are added or removed above it. ``line`` and ``message`` are there for people reading the file and for
review; they are not compared.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .reporters._columns import Lines, fingerprints

VERSION = 1


class BaselineError(Exception):
    pass


def _rel(path: str, folder: Path) -> str:
    try:
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(folder))
    except ValueError:  # another drive (Windows)
        rel = path
    return rel.replace(os.sep, "/")


def _keyed(report, folder: Path):
    """(diagnostic, path relative to ``folder``, fingerprint) for every finding of the report."""
    for fr in report.files:
        rel = _rel(fr.path, folder)
        diags = sorted(fr.diagnostics, key=lambda d: (d.line, d.column, d.rule, d.end_line, d.end_column))
        for d, fp in zip(diags, fingerprints(rel, diags, Lines(fr.text)), strict=True):
            yield d, rel, fp


def write_baseline(report, target: str) -> int:
    """Record the report's findings in ``target``; returns how many."""
    from .fsutil import atomic_write

    folder = Path(target).resolve().parent
    items = [
        {"path": rel, "rule": d.rule, "fingerprint": fp, "line": d.line, "message": d.message}
        for d, rel, fp in _keyed(report, folder)
    ]
    items.sort(key=lambda x: (x["path"], x["line"], x["rule"], x["fingerprint"]))
    data = {"version": VERSION, "tool": "copydesk", "findings": items}
    atomic_write(Path(target), json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return len(items)


def load_baseline(source: str) -> set[tuple[str, str, str]]:
    try:
        raw = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(
            f"{source}: cannot read baseline ({getattr(exc, 'strerror', None) or exc})"
        ) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise BaselineError(f"{source}: not a copydesk baseline (invalid JSON: {exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(
            f"{source}: not a copydesk baseline (expected version {VERSION} and a findings list)"
        )
    known = set()
    for i, item in enumerate(data["findings"]):
        try:
            known.add((str(item["path"]), str(item["rule"]), str(item["fingerprint"])))
        except (KeyError, TypeError):
            raise BaselineError(f"{source}: finding {i + 1} lacks path, rule or fingerprint") from None
    return known


def apply_baseline(report, source: str) -> int:
    """Drop the findings recorded in the baseline ``source`` from ``report``; returns how many."""
    known = load_baseline(source)
    folder = Path(source).resolve().parent
    dropped = set()
    count = 0
    for d, rel, fp in _keyed(report, folder):
        if (rel, d.rule, fp) in known:
            dropped.add(id(d))
            count += 1
    for fr in report.files:
        fr.diagnostics = [d for d in fr.diagnostics if id(d) not in dropped]
    return count
