"""A result cache keyed by file content, the effective rule set and copydesk's version.

Entries are small JSON files under ``.copydesk_cache/v1/`` (the folder carries its own ``.gitignore``),
written atomically (temporary file, then rename). An entry that cannot be read or parsed is ignored and
rebuilt; JSON, not pickle, so a planted cache file cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .__about__ import __version__
from .diagnostics import Diagnostic, Edit, FileResult
from .suppress import Suppressions

CACHE_DIR_NAME = ".copydesk_cache"
FORMAT = 1


def default_cache_dir(root: str | Path) -> Path:
    env = os.environ.get("COPYDESK_CACHE_DIR")
    return Path(env) if env else Path(root) / CACHE_DIR_NAME


def ruleset_key(linter) -> str:
    """A digest of everything that changes results: version, rules as configured, levels shown."""
    # "fixes": entries also keep each finding's edit (``--fix`` must not lose them on a cache hit).
    data = [__version__, FORMAT, "fixes", linter.config.min_level, linter.config.audience]
    data.append(linter.config.docs_url)
    data.extend([r.id, r.level, r.raw] for r in linter.rules)
    blob = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


class ResultCache:
    def __init__(self, folder: Path, ruleset: str) -> None:
        self.folder = Path(folder) / f"v{FORMAT}"
        self.ruleset = ruleset
        self._ready = False

    def key(self, path: str, data: bytes) -> str:
        h = hashlib.sha256()
        h.update(self.ruleset.encode())
        h.update(b"\0")
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, text: str):
        try:
            raw = self._file(key).read_text(encoding="utf-8")
            entry = json.loads(raw)
            if entry.get("format") != FORMAT:
                return None
            return _load(entry, text)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult, facts: dict) -> None:
        try:
            self._prepare()
            target = self._file(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(_dump(result, facts), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs speed

    def _prepare(self) -> None:
        if self._ready:
            return
        root = self.folder.parent
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text(
                "# Written by copydesk: the result cache is never committed.\n*\n", encoding="utf-8"
            )
        self._ready = True


def _dump(result: FileResult, facts: dict) -> dict:
    out_facts = {}
    for k, v in facts.items():
        if isinstance(v, Suppressions):
            out_facts[k] = {
                "__suppressions__": [
                    [a, b, sorted(r) if r is not None else None, sorted(x)] for a, b, r, x in v.spans
                ]
            }
        else:
            out_facts[k] = v
    return {
        "format": FORMAT,
        "path": result.path,
        "diagnostics": [
            [
                d.line,
                d.column,
                d.rule,
                d.end_line,
                d.end_column,
                d.severity,
                d.message,
                d.offset,
                d.end_offset,
                d.link,
                list(d.fix) if d.fix is not None else None,
            ]
            for d in result.diagnostics
        ],
        "errors": result.errors,
        "notices": result.notices,
        "facts": out_facts,
    }


def _load(entry: dict, text: str) -> tuple[FileResult, dict]:
    path = entry["path"]
    diags = [
        Diagnostic(path, a, b, c, d, e, f, g, h, i, j, fix=Edit(*k) if k else None)
        for a, b, c, d, e, f, g, h, i, j, k in entry["diagnostics"]
    ]
    facts = {}
    for k, v in entry["facts"].items():
        if isinstance(v, dict) and "__suppressions__" in v:
            spans = [
                (a, b, frozenset(r) if r is not None else None, frozenset(x))
                for a, b, r, x in v["__suppressions__"]
            ]
            facts[k] = Suppressions(spans)
        else:
            facts[k] = v
    result = FileResult(path, diags, list(entry["errors"]), list(entry["notices"]), text)
    return result, facts
