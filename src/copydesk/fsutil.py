"""Writing files safely: a temporary file created exclusively in the same folder, then an atomic rename."""

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
    import secrets  # only when something is written (a read-only run never imports it)

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = f".{stem}.{secrets.token_hex(8)}.tmp"
        try:
            if folder_fd is not None:
                return os.open(name, flags, mode, dir_fd=folder_fd), name
            return os.open(folder / name, flags, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(17, "could not create a temporary file", str(folder))


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
