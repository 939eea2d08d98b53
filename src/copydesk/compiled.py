"""Rule packs kept between runs in the per-user cache: parsed rule files and compiled patterns, plain JSON.

A one-draft run (a pre-commit hook) spends most of its start-up reading the packs: parsing about 60 YAML
files and compiling a few hundred regular expressions. Both results are kept like ``.pyc`` files, in the
per-user cache (``$XDG_CACHE_HOME/copydesk/packs/v1/compiled/`` or ``~/.cache/copydesk/...``, see
``copydesk.usercache``), with and without ``--no-cache`` (which is about the project's result cache), and
reused while nothing they depend on has changed:

* ``rules-<key>.data`` (JSON, like every file here): each rule file's parsed data (the mapping and the line of each key), found by the
  SHA-256 of the file's bytes. Every rule file is still read and hashed on every run, so an edited file
  (same size and time or not) is parsed again, and a new entry replaces the old one. What is read back goes
  through the same validation as freshly parsed YAML (``rules.build_rule``): an entry can never do more than
  the YAML file it stands for could.
* ``regex-<key>.data``: compiled regular-expression programs (``copydesk.regexcache``), for the Python build
  that made them.
* ``derived-<key>.data``: strings the analysis modules derive from a pack's word lists while the rules are
  set up (the sourcing vocabulary's alternations), each table kept with the signature of the code that
  made it (the size and time of its source files, as a ``.pyc`` is): see :meth:`CompiledStore.derived`.

Both names are derived from the cache folder's salt (``cache.folder_salt``, bound to the folder's device and
inode), so a cache folder committed to a repository, unpacked from an archive or restored from a CI cache
never has its files read. Files are opened without following symlinks, size-checked before reading,
validated field by field, and ignored (then rewritten) when anything is off. JSON, never pickle or marshal:
loading cannot run code. Writes use the cache's atomic writer (an ``O_EXCL`` temporary file, then a rename).
With the per-user cache off (``COPYDESK_NO_USER_CACHE=1``, ``--no-user-cache``) nothing is read or written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

from . import regexcache
from .__about__ import __version__
from .cache import CacheRefused, _open_subdir, _read_small, _replace, open_versioned
from .fsutil import _prune_fd, user_cache_max_size
from .yamlload import LineDict

FORMAT = 1
SUBDIR = "compiled"
MAX_RULES_BYTES = 16 << 20
MAX_REGEX_BYTES = 64 << 20
MAX_DERIVED_BYTES = 16 << 20
#: The most entries of one derived table (the sourcing vocabulary has about 40 alternations).
MAX_DERIVED_ENTRIES = 5000
#: The most rule files kept (the built-in packs have about 60); past it only this run's are kept.
MAX_FILES = 5000
#: Kept files of another version, Python build or salt are removed after this many seconds unused.
STALE_AFTER = 7 * 24 * 3600.0
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_NAME = re.compile(r"(rules|regex|derived)-[0-9a-f]{32}\.data\Z")


def _plain(v, depth: int = 0) -> bool:
    """Data JSON keeps exactly: str-keyed mappings, lists, strings, numbers, booleans, null."""
    if depth > 50:
        return False
    if v is None or isinstance(v, (str, bool, int, float)):
        return True
    if isinstance(v, list):
        # (a list of strings, the common case, in one C-level pass; anything else item by item)
        return _all_str(v) or all(_plain(x, depth + 1) for x in v)
    if isinstance(v, dict):
        return all(type(k) is str and _plain(x, depth + 1) for k, x in v.items())
    return False


def _all_str(items: list) -> bool:
    return set(map(type, items)) <= {str}


def _line(v) -> bool:
    return type(v) is int and 1 <= v < 1 << 31


class CompiledStore:
    """The kept rule data and patterns of one cache folder, for one run."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.files: dict[str, dict] = {}  # digest -> {"data", "line", "lines"} (validated on use)
        self._seen: set[str] = set()  # digests of the rule files read in this run
        self._hits: set[str] = set()  # ... taken from the kept data
        self._parsed: set[str] = set()  # ... parsed from their YAML
        self._new = False
        self._patterns = 0
        self._names: tuple[str, str, str] | None = None
        self._derived: dict[str, tuple[list, dict[str, str]]] = {}  # name -> (code signature, entries)
        self._derived_new = False
        self._fd: int | None = None
        self._broken = False
        self._loaded = False

    @property
    def stats(self) -> dict[str, int]:
        """Distinct rule files of this run taken from the kept data and parsed, and patterns loaded."""
        return {
            "rule files cached": len(self._hits - self._parsed),
            "rule files parsed": len(self._parsed),
            "patterns loaded": self._patterns,
        }

    # -- the folder ------------------------------------------------------------------------------------------

    def _open(self) -> int | None:
        if self._fd is not None or self._broken:
            return self._fd
        try:
            fd, salt = open_versioned(self.folder)
            try:
                sub = _open_subdir(fd, SUBDIR, create=True)
            finally:
                os.close(fd)
        except (OSError, CacheRefused, ValueError):
            self._broken = True
            return None
        self._fd = sub

        def name(kind: str, *parts) -> str:
            blob = json.dumps([salt, kind, FORMAT, __version__, *parts]).encode()
            return f"{kind}-{hashlib.sha256(blob).hexdigest()[:32]}.data"

        self._names = (name("rules"), name("regex", regexcache.signature()), name("derived"))
        return sub

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _read_json(self, name: str, limit: int):
        raw = _read_small(self._fd, name, limit)
        if raw is None:
            return None
        try:
            os.utime(name, dir_fd=self._fd, follow_symlinks=False)  # recently used (see _drop_stale)
        except (OSError, NotImplementedError):
            pass
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            return None

    # -- loading -----------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the kept rule data and install the kept patterns (once; nothing when the folder is unusable)."""
        if self._loaded:
            return
        self._loaded = True
        if self._open() is None:
            return
        rules_name, regex_name, derived_name = self._names
        data = self._read_json(rules_name, MAX_RULES_BYTES)
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("version") == __version__
            and isinstance(data.get("files"), dict)
        ):
            self.files = {k: v for k, v in data["files"].items() if _HEX64.match(k) and isinstance(v, dict)}
        if regexcache.install():
            data = self._read_json(regex_name, MAX_REGEX_BYTES)
            if (
                isinstance(data, dict)
                and data.get("format") == FORMAT
                and data.get("signature") == regexcache.signature()
            ):
                self._patterns = regexcache.load(data.get("programs"))
        data = self._read_json(derived_name, MAX_DERIVED_BYTES)
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") == __version__:
            tables = data.get("tables")
            if isinstance(tables, dict):
                for table, kept in tables.items():
                    if _valid_derived(kept):
                        self._derived[table] = (kept["code"], kept["entries"])

    def lookup(self, raw: bytes) -> LineDict | None:
        """The parsed data of a rule file with these bytes, when kept and well-formed."""
        digest = hashlib.sha256(raw).hexdigest()
        self._seen.add(digest)
        entry = self.files.get(digest)
        if entry is None:
            return None
        out = _entry_data(entry)
        if out is None:
            del self.files[digest]
            return None
        self._hits.add(digest)
        return out

    def remember(self, raw: bytes, data) -> None:
        """Keep a freshly parsed rule file (only data that JSON keeps exactly: anything else is parsed
        from its YAML again on every run)."""
        digest = hashlib.sha256(raw).hexdigest()
        self._seen.add(digest)
        self._parsed.add(digest)
        entry = _entry_of(data)
        if entry is None:
            return
        self.files[digest] = entry
        self._new = True

    def derived(self, table: str, code: list) -> dict[str, str]:
        """The kept entries of a table of derived strings (a mutable dict: add to it, then call
        :meth:`derived_changed`), empty when none was kept or it was made by other code: ``code`` is the
        signature of the code that derives the strings (:func:`code_signature`). The entries are trusted
        as far as the folder is (the user's own, bound to its salt): every one is a string of bounded
        size, which the caller uses as the value it stands for."""
        if not code:
            return {}  # (code that cannot be identified: nothing kept)
        kept = self._derived.get(table)
        if kept is None or kept[0] != code:
            kept = self._derived[table] = (code, {})
        return kept[1]

    def derived_changed(self) -> None:
        self._derived_new = True

    # -- saving ------------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what changed in this run (nothing when nothing did). Never raises."""
        if not self._loaded or self._open() is None:
            return
        rules_name, regex_name, derived_name = self._names
        try:
            if self._new:
                files = self.files
                if len(files) > MAX_FILES:
                    files = {k: v for k, v in files.items() if k in self._seen}
                body = {"format": FORMAT, "version": __version__, "files": files}
                raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                if len(raw) <= MAX_RULES_BYTES:
                    _replace(self._fd, rules_name, raw)
                self._new = False
            if regexcache.has_new() or regexcache.over_budget():
                body = {
                    "format": FORMAT,
                    "signature": regexcache.signature(),
                    "programs": regexcache.programs_to_save(),
                }
                raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                if len(raw) <= MAX_REGEX_BYTES:
                    _replace(self._fd, regex_name, raw)
                regexcache.saved()
            if self._derived_new:
                tables = {
                    k: {"code": code, "entries": dict(list(entries.items())[:MAX_DERIVED_ENTRIES])}
                    for k, (code, entries) in self._derived.items()
                }
                body = {"format": FORMAT, "version": __version__, "tables": tables}
                raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                if len(raw) <= MAX_DERIVED_BYTES:
                    _replace(self._fd, derived_name, raw)
                self._derived_new = False
            self._drop_stale(rules_name, regex_name, derived_name)
        except (OSError, ValueError, TypeError, RecursionError):
            pass  # a cache that cannot be written only costs speed

    def _drop_stale(self, *keep: str) -> None:
        """Remove files of other copydesk versions, Python builds or salts unused for a week (two Python
        builds sharing the folder keep theirs), and temporary files left by a killed run an hour ago; then
        keep the folder under the per-user cache's cap (``fsutil.user_cache_max_size``) the way the rest of
        the per-user cache is kept: the least recently used kept files first, never this run's."""
        try:
            names = os.listdir(self._fd)
        except OSError:
            return
        now = time.time()
        for n in names:
            if n in keep:
                continue
            if _NAME.match(n):
                max_age = STALE_AFTER
            elif n.endswith(".tmp"):
                max_age = 3600.0
            else:
                continue
            try:
                if now - os.stat(n, dir_fd=self._fd, follow_symlinks=False).st_mtime > max_age:
                    os.unlink(n, dir_fd=self._fd)
            except OSError:
                pass
        _prune_fd(self._fd, user_cache_max_size(), keep=keep, names=_NAME)

    def describe(self) -> str:
        s = self.stats
        return (
            f"rule cache: {s['rule files cached']} rule files from the cache, {s['rule files parsed']} parsed; "
            f"{regexcache.stats['hits']} patterns from the cache, {regexcache.stats['compiled']} compiled"
        )


def _valid_derived(kept) -> bool:
    """A kept derived table: ``{"code": [plain data], "entries": {str: str}}``, of bounded size."""
    if not isinstance(kept, dict) or set(kept) != {"code", "entries"}:
        return False
    code, entries = kept["code"], kept["entries"]
    return (
        isinstance(code, list)
        and _plain(code)
        and isinstance(entries, dict)
        and len(entries) <= MAX_DERIVED_ENTRIES
        and all(type(v) is str for v in entries.values())
    )


def code_signature(*modules) -> list:
    """What a table derived by the code of ``modules`` depends on: copydesk's version and each module's
    source file's size and modification time (what a ``.pyc`` file is checked against). Empty (never
    equal to a kept signature) when a source file cannot be found."""
    out: list = [__version__]
    for module in modules:
        try:
            st = os.stat(module.__file__)
        except (OSError, TypeError, AttributeError):
            return []
        out += [module.__name__, st.st_size, st.st_mtime_ns]
    return out


def _entry_data(entry: dict) -> LineDict | None:
    data, line, lines = entry.get("data"), entry.get("line"), entry.get("lines")
    if set(entry) != {"data", "line", "lines"} or not isinstance(data, dict) or not _line(line):
        return None
    if not isinstance(lines, dict) or not all(k in data and _line(v) for k, v in lines.items()):
        return None
    if not _plain(data):
        return None
    out = LineDict(data)
    out.line = line
    out.lines = dict(lines)
    return out


def _entry_of(data) -> dict | None:
    """What is kept of a freshly parsed rule file (only data that JSON keeps exactly), or None."""
    if not isinstance(data, LineDict) or not _plain(data):
        return None
    lines = {k: v for k, v in getattr(data, "lines", {}).items() if type(k) is str and _line(v)}
    return {"data": dict(data), "line": data.line if _line(data.line) else 1, "lines": lines}


# ---------------------------------------------------------------------------------------------------------
# The parse of the built-in rule files, shipped with them (``rules/parsed-rules.json``): a run that keeps
# nothing (``--no-user-cache``, a fresh cache folder, a new CI machine) neither imports PyYAML nor parses the
# built-in packs. Each entry is found by the SHA-256 of a rule file's bytes, so it can only ever stand for
# exactly the file it was made from (an edited file is parsed from its YAML), and it is validated like a
# kept entry before ``rules.build_rule`` validates the rule. ``python -m copydesk.docgen`` rewrites the file;
# a test fails while it is stale.

SHIPPED_NAME = "parsed-rules.json"
_SHIPPED: dict[str, dict] = {}


def shipped_lookup(raw: bytes, folder: Path) -> LineDict | None:
    """The parse of a rule file with these bytes from the index shipped in ``folder`` (the built-in
    packs' folder), or None."""
    key = str(folder)
    index = _SHIPPED.get(key)
    if index is None:
        index = _SHIPPED[key] = _read_shipped(Path(folder) / SHIPPED_NAME)
    if not index:
        return None
    entry = index.get(hashlib.sha256(raw).hexdigest())
    return None if entry is None else _entry_data(entry)


def forget_shipped() -> None:
    """Read the shipped index again when next needed (after it was rewritten)."""
    _SHIPPED.clear()


def _read_shipped(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_RULES_BYTES:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return {}
    return {k: v for k, v in data["files"].items() if _HEX64.match(k) and isinstance(v, dict)}


def shipped_index_text(folder: Path) -> str:
    """The index of the rule files of every pack in ``folder`` (one entry a line, sorted: a stable file)."""
    from .yamlload import load_yaml

    entries = {}
    for path in sorted(Path(folder).glob("*/*")):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        raw = path.read_bytes()
        try:
            data = load_yaml(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), str(path))
        except Exception:  # a broken file is parsed (and reported) when it is loaded
            continue
        entry = _entry_of(data)
        if entry is not None:
            entries[hashlib.sha256(raw).hexdigest()] = entry
    rows = [
        f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=False, separators=(',', ':'))}"
        for k, v in sorted(entries.items())
    ]
    body = ",\n".join(rows)
    return f'{{"format":{FORMAT},"files":{{\n{body}\n}}}}\n'


#: The store of each cache folder, opened once per process.
_STORES: dict[str, CompiledStore] = {}


def store_for(folder: str | Path) -> CompiledStore:
    key = str(folder)
    store = _STORES.get(key)
    if store is None:
        store = _STORES[key] = CompiledStore(folder)
    store.load()
    return store


def forget_stores() -> None:
    """Close every store (tests; a new run then reads its folder afresh)."""
    for s in _STORES.values():
        s.close()
    _STORES.clear()
