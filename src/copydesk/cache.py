"""A result cache keyed by file content, the effective rule set and copydesk's version.

Entries are small JSON files under ``.copydesk_cache/v1/`` (the folder carries its own ``.gitignore``).
The cache is untrusted input, and the folder may hold things copydesk did not put there:

* The cache folder is opened without following symlinks and must be a real folder owned by the user; if
  it is a symlink, not a folder, or someone else's, the cache is not used (a notice says why). Every file
  below it is opened relative to that folder's descriptor with ``O_NOFOLLOW``, so a planted link cannot
  redirect a read or a write.
* Writes go to a temporary file with a random name created with ``O_EXCL`` in the entry's folder, then an
  atomic rename; on any error (a full disk) the temporary file is removed.
* Keys are salted with a random value kept in ``v1/stamp``, which also records the folder's device and
  inode: a cache folder copied, unpacked or committed elsewhere gets a new salt, so entries planted in it
  are never looked up.
* An entry is size-checked before it is read (at most 1 MiB plus 64 bytes per byte of the draft) and
  validated field by field (types, the entry's own key and path, known rules and levels, positions inside
  the draft); anything off and it is ignored and rebuilt. JSON, not pickle, so an entry cannot run code.
* The whole cache is kept under a size cap (256 MiB, ``$COPYDESK_CACHE_MAX_SIZE``); past it the entries
  least recently used are removed.

The rule packs kept between runs (``copydesk.compiled``) live in a cache folder of the same kind in the
per-user cache (``copydesk.usercache``: ``~/.cache/copydesk/packs/v1/compiled/``), found through that
folder's salt and read and written with the same helpers.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path

from .__about__ import __version__
from .diagnostics import LEVELS, Diagnostic, Edit, FileResult
from .fsutil import create_exclusive, write_all
from .suppress import Suppressions

CACHE_DIR_NAME = ".copydesk_cache"
FORMAT = 1
STAMP = "stamp"
DEFAULT_MAX_SIZE = 256 * 1024 * 1024
ENTRY_BASE_LIMIT = 1 << 20
ENTRY_PER_BYTE = 64
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_HEX = re.compile(r"[0-9a-f]{64}\Z")
_SUPPORTED = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")


class CacheRefused(Exception):
    """The cache folder cannot be used safely (the message says why)."""


def default_cache_dir(root: str | Path) -> Path:
    env = os.environ.get("COPYDESK_CACHE_DIR")
    return Path(env) if env else Path(root) / CACHE_DIR_NAME


def max_cache_size() -> int:
    from .source import parse_size

    try:
        return parse_size(os.environ.get("COPYDESK_CACHE_MAX_SIZE", DEFAULT_MAX_SIZE))
    except ValueError:
        return DEFAULT_MAX_SIZE


def ruleset_key(linter) -> str:
    """A digest of everything that changes results: version, rules as configured, levels shown."""
    # "fixes": entries also keep each finding's edit (``--fix`` must not lose them on a cache hit).
    data = [
        __version__,
        FORMAT,
        "fixes",
        linter.config.min_level,
        linter.config.audience,
        linter.config.max_findings,
    ]
    data.append(linter.config.docs_url)
    data.extend([r.id, r.level, r.raw] for r in linter.rules)
    blob = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def _owned(st) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def _open_subdir(parent_fd: int, name: str, create: bool) -> int:
    """A folder below ``parent_fd``, never through a symlink, created (0700) when ``create``."""
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=parent_fd)
        except FileExistsError:
            pass
    fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISDIR(st.st_mode) or not _owned(st):
            raise CacheRefused(f"{name}: not a folder owned by you")
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_cache_root(folder: Path, create: bool = True) -> int:
    """The cache folder's descriptor, or ``CacheRefused``: it must be a real folder (not a symlink) owned
    by the user. Missing, it is created (0700) with a ``.gitignore`` holding ``*``."""
    if not _SUPPORTED:
        raise CacheRefused("this platform cannot open files without following symlinks")
    folder = Path(folder)
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise CacheRefused(f"{folder}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise CacheRefused(f"{folder} is a symlink")
        if not stat.S_ISDIR(st.st_mode):
            raise CacheRefused(f"{folder} is not a folder")
        if not _owned(st):
            raise CacheRefused(f"{folder} belongs to another user")
    elif not create:
        raise CacheRefused(f"{folder} does not exist")
    else:
        try:
            if str(folder.parent) not in ("", "."):
                folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise CacheRefused(f"{folder}: cannot create ({exc.strerror or exc})") from None
    try:
        fd = os.open(folder, _DIR_FLAGS)
    except OSError as exc:
        raise CacheRefused(f"{folder}: cannot open ({exc.strerror or exc})") from None
    st = os.fstat(fd)
    if not stat.S_ISDIR(st.st_mode) or not _owned(st):
        os.close(fd)
        raise CacheRefused(f"{folder} is not a folder owned by you")
    try:
        fd_ignore = os.open(
            ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=fd
        )
    except FileExistsError:
        pass
    except OSError:
        pass  # a read-only cache folder can still be read
    else:
        try:
            write_all(fd_ignore, b"# Written by copydesk: the result cache is never committed.\n*\n")
        finally:
            os.close(fd_ignore)
    return fd


def check_cache_dir(folder: str | Path) -> str | None:
    """None when ``folder`` can hold the cache (or does not exist yet: it is made when an entry is first
    written), else why not (for a notice)."""
    if not os.path.lexists(folder):
        return None if _SUPPORTED else "result cache not used: this platform cannot open files safely"
    try:
        os.close(open_cache_root(Path(folder), create=False))
    except CacheRefused as exc:
        return f"result cache not used: {exc}"
    except OSError as exc:
        return f"result cache not used: {folder}: {exc.strerror or exc}"
    return None


def _read_small(dir_fd: int, name: str, limit: int) -> bytes | None:
    """A regular file's bytes (never through a symlink), or None when missing, odd or over ``limit``."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _replace(dir_fd: int, name: str, raw: bytes) -> None:
    """Write ``name`` in ``dir_fd`` atomically: an exclusive random temporary file, then a rename."""
    fd, tmp = create_exclusive(dir_fd, Path("."), name)
    try:
        try:
            write_all(fd, raw)
        finally:
            os.close(fd)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise


def folder_salt(fd: int) -> str:
    """The salt of the cache folder ``fd`` (``v1``); a new one when the stamp is missing, damaged or was
    made for another folder (a copied or committed cache). Everything kept in the folder is found through
    names derived from it, so entries planted with the folder (or copied from elsewhere) are never read."""
    st = os.fstat(fd)
    raw = _read_small(fd, STAMP, 4096)
    try:
        data = json.loads(raw) if raw else None
        if (
            isinstance(data, dict)
            and data.get("dev") == st.st_dev
            and data.get("ino") == st.st_ino
            and isinstance(data.get("salt"), str)
            and re.fullmatch(r"[0-9a-f]{32}", data["salt"])
        ):
            return data["salt"]
    except ValueError:
        pass
    salt = os.urandom(16).hex()  # as secrets.token_hex(16), without importing secrets
    _replace(fd, STAMP, json.dumps({"dev": st.st_dev, "ino": st.st_ino, "salt": salt}).encode())
    return salt


def open_versioned(folder: Path, create: bool = True) -> tuple[int, str]:
    """The descriptor of the cache's ``v1`` folder and its salt (``CacheRefused``/``OSError`` when the
    folder cannot be used safely)."""
    root = open_cache_root(Path(folder), create=create)
    try:
        fd = _open_subdir(root, f"v{FORMAT}", create=create)
    finally:
        os.close(root)
    try:
        return fd, folder_salt(fd)
    except BaseException:
        os.close(fd)
        raise


class ResultCache:
    def __init__(self, folder: Path, ruleset: str, known_rules: frozenset[str] | None = None) -> None:
        self.root = Path(folder)
        self.folder = self.root / f"v{FORMAT}"
        self.ruleset = ruleset
        self.known_rules = known_rules
        self._fd: int | None = None
        self._salt: str | None = None
        self._broken = False

    # -- the folder --------------------------------------------------------------------------------------

    def _open(self) -> int | None:
        if self._fd is not None or self._broken:
            return self._fd
        try:
            root = open_cache_root(self.root)
            try:
                fd = _open_subdir(root, f"v{FORMAT}", create=True)
            finally:
                os.close(root)
            self._salt = self._stamp(fd)
            self._fd = fd
        except (OSError, CacheRefused, ValueError):
            self._broken = True
        return self._fd

    def _stamp(self, fd: int) -> str:
        return folder_salt(fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- entries -----------------------------------------------------------------------------------------

    def key(self, path: str, data: bytes) -> str | None:
        if self._open() is None:
            return None
        h = hashlib.sha256()
        h.update(self.ruleset.encode())
        h.update(b"\0")
        h.update((self._salt or "").encode())
        h.update(b"\0")
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str | None, text: str, path: str | None = None, size: int | None = None):
        """The cached ``(FileResult, facts)`` for ``key``, or None (missing, too large or invalid)."""
        fd = self._open()
        if fd is None or key is None or not _HEX.match(key):
            return None
        limit = ENTRY_BASE_LIMIT + ENTRY_PER_BYTE * (len(text) if size is None else size)
        try:
            sub = os.open(key[:2], _DIR_FLAGS, dir_fd=fd)
        except OSError:
            return None
        try:
            raw = _read_small(sub, f"{key}.json", limit)
            if raw is None:
                return None
            try:
                os.utime(f"{key}.json", dir_fd=sub, follow_symlinks=False)  # recently used
            except (OSError, NotImplementedError):
                pass
        finally:
            os.close(sub)
        try:
            entry = json.loads(raw)
            return validate(entry, key, path, text, self.known_rules)
        except (ValueError, KeyError, TypeError, IndexError, RecursionError):
            return None

    def put(self, key: str | None, result: FileResult, facts: dict) -> None:
        fd = self._open()
        if fd is None or key is None:
            return
        try:
            raw = json.dumps(_dump(result, facts, key), ensure_ascii=False).encode("utf-8")
            sub = _open_subdir(fd, key[:2], create=True)
            try:
                _replace(sub, f"{key}.json", raw)
            finally:
                os.close(sub)
        except (OSError, TypeError, ValueError, CacheRefused):
            pass  # a cache that cannot be written only costs speed


def evict(folder: str | Path, max_size: int | None = None, stale_tmp_seconds: float = 3600) -> int:
    """Keep the cache under ``max_size`` bytes by removing the least recently used entries (down to 80% of
    the cap); temporary files older than an hour (left by a killed run) go too. Returns files removed."""
    max_size = max_cache_size() if max_size is None else max_size
    try:
        root = open_cache_root(Path(folder), create=False)
    except (CacheRefused, OSError):
        return 0
    removed = 0
    try:
        try:
            v1 = _open_subdir(root, f"v{FORMAT}", create=False)
        except (OSError, CacheRefused):
            return 0
        try:
            entries = []
            now = time.time()
            with os.scandir(v1) as it:
                subs = [e.name for e in it if len(e.name) == 2 and e.is_dir(follow_symlinks=False)]
            for name in subs:
                try:
                    sub = _open_subdir(v1, name, create=False)
                except (OSError, CacheRefused):
                    continue
                try:
                    with os.scandir(sub) as it:
                        for e in it:
                            try:
                                st = e.stat(follow_symlinks=False)
                            except OSError:
                                continue
                            if e.name.endswith(".tmp") and now - st.st_mtime > stale_tmp_seconds:
                                try:
                                    os.unlink(e.name, dir_fd=sub)
                                    removed += 1
                                except OSError:
                                    pass
                                continue
                            if e.name.endswith(".json"):
                                entries.append((st.st_mtime, st.st_size, name, e.name))
                finally:
                    os.close(sub)
            total = sum(size for _, size, _, _ in entries)
            if total <= max_size:
                return removed
            entries.sort()
            target = int(max_size * 0.8)
            for _mtime, size, sub_name, name in entries:
                if total <= target:
                    break
                try:
                    os.unlink(f"{sub_name}/{name}", dir_fd=v1)
                    total -= size
                    removed += 1
                except OSError:
                    pass
        finally:
            os.close(v1)
    finally:
        os.close(root)
    return removed


def _dump(result: FileResult, facts: dict, key: str = "") -> dict:
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
        "key": key,
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


_ENTRY_KEYS = {"format", "key", "path", "diagnostics", "errors", "notices", "facts"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _int(v, low: int = 0) -> bool:
    return type(v) is int and v >= low


def _strs(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _plain(v, depth: int = 0) -> bool:
    """JSON data of bounded depth (what rules collect as cross-file facts)."""
    if depth > 20:
        return False
    if v is None or isinstance(v, (str, int, float, bool)):
        return True
    if isinstance(v, list):
        return all(_plain(x, depth + 1) for x in v)
    if isinstance(v, dict):
        return all(isinstance(k, str) and _plain(x, depth + 1) for k, x in v.items())
    return False


def validate(entry, key: str, path: str | None, text: str, known_rules=None):
    """The ``(FileResult, facts)`` an entry holds, or None when any field is off."""
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        return None
    if entry["format"] != FORMAT or entry["key"] != key or not isinstance(entry["path"], str):
        return None
    if path is not None and entry["path"] != path:
        return None
    if not (_strs(entry["errors"]) and _strs(entry["notices"]) and isinstance(entry["diagnostics"], list)):
        return None
    if not isinstance(entry["facts"], dict):
        return None
    n_lines = len(_LINE_BREAK.findall(text)) + 1
    size = len(text)
    for d in entry["diagnostics"]:
        if not isinstance(d, list) or len(d) != 11:
            return None
        line, col, rule, end_line, end_col, severity, message, offset, end_offset, link, fix = d
        # A finding's edit (for --fix): start and end offsets inside the text and a replacement string.
        if fix is not None and not (
            isinstance(fix, list)
            and len(fix) == 3
            and _int(fix[0])
            and _int(fix[1])
            and fix[0] <= fix[1] <= size
            and isinstance(fix[2], str)
        ):
            return None
        if not (_int(line, 1) and _int(col, 1) and _int(end_line, 1) and _int(end_col, 1)):
            return None
        if line > n_lines or end_line > n_lines or (end_line, end_col) < (line, col):
            return None
        if not isinstance(rule, str) or (known_rules is not None and rule not in known_rules):
            return None
        if severity not in LEVELS or not isinstance(message, str):
            return None
        if not (offset is None or (_int(offset) and offset <= size)):
            return None
        if not (end_offset is None or (_int(end_offset) and end_offset <= size)):
            return None
        if not (link is None or isinstance(link, str)):
            return None
    for k, v in entry["facts"].items():
        if k == "__suppressions__":
            if not isinstance(v, dict) or set(v) != {"__suppressions__"}:
                return None
            for span in v["__suppressions__"]:
                if not (isinstance(span, list) and len(span) == 4):
                    return None
                a, b, r, x = span
                if not (_int(a) and _int(b) and (r is None or _strs(r)) and _strs(x)):
                    return None
        elif known_rules is not None and k not in known_rules:
            return None
        elif not _plain(v):
            return None
    return _load(entry, text)


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


#: Open result caches of this process, by (folder, rule set): one per folder and compiled rule set.
_OPEN: dict[tuple, ResultCache] = {}


def cache_for(linter, folder: str) -> ResultCache:
    """The result cache of ``folder`` for a compiled rule set, opened once per process and run."""
    key = (folder, id(linter))
    cache = _OPEN.get(key)
    if cache is None:
        known = frozenset(r.id for r in linter.rules) | frozenset(r.id for r in linter.cross_file_rules)
        cache = _OPEN[key] = ResultCache(Path(folder), ruleset_key(linter), known)
    return cache


def forget_caches() -> None:
    """Close every open cache, so the next run opens its folder (and checks its stamp) afresh."""
    for cache in _OPEN.values():
        cache.close()
    _OPEN.clear()
