"""Writing files safely: a temporary file created exclusively in the same folder, then an atomic rename;
and the user-cache files (tables kept between runs) read and written only through real, owned folders."""

from __future__ import annotations

import os
import stat
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
