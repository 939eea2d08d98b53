"""Source files: bytes to text, and offsets to line and column.

Offsets everywhere in copydesk are code-point offsets into ``Source.text``. ``Source.text`` is the decoded
file with a leading BOM removed and line endings left exactly as they were, so an offset maps to one
character of the file. Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns are 1-based code points
(a tab counts as one column).
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> array:
    """The offset where each line of ``text`` starts (after each ``\r\n``, ``\r`` or ``\n``). Text without
    a carriage return (nearly all) takes C-level passes over its lines' lengths: each start is the one
    before plus that line's length and its ``\n``."""
    if "\r" in text:
        starts = array("q", [0])
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        return starts
    lines = text.split("\n")
    del lines[-1]  # (what follows the last line break starts a line; nothing ends it)
    return array("q", accumulate(map((1).__add__, map(len, lines)), initial=0))


FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}


class SourceError(Exception):
    """A file that cannot be read as a draft (missing, unreadable, binary)."""


def format_for(path: str) -> str:
    """The document format for a path, by extension; plain text when unknown."""
    return FORMATS.get(Path(path).suffix.lower(), "text")


@dataclass
class Source:
    path: str
    text: str
    format: str = "text"
    #: Notes about how the file was read (for example a decoding fallback), reported once per file.
    notices: list[str] = field(default_factory=list)
    _starts: array = field(default_factory=lambda: array("q"), repr=False)

    def __post_init__(self) -> None:
        # An integer array, not a list: a large draft has hundreds of thousands of lines.
        self._starts = _line_starts(self.text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """1-based line of an offset (an offset at a line break belongs to the line it ends)."""
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    @property
    def line_starts(self) -> array:
        """Offset of the start of each line (0-based lines; read it, do not change it)."""
        return self._starts

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: How much of each end of a file is searched for NUL bytes to call it binary (as git does).
BINARY_SNIFF_BYTES = 8192

# Windows-1252 leaves five bytes undefined; they are read as the Latin-1 (C1) characters of the same value,
# so every byte becomes exactly one character and columns stay exact.
_CP1252 = {i: bytes([i]).decode("cp1252", errors="ignore") or chr(i) for i in range(0x80, 0x100)}
_CP1252_TABLE = str.maketrans({chr(i): c for i, c in _CP1252.items()})
#: A character that only a valid multi-byte UTF-8 sequence can produce (U+FFFD is checked in the bytes).
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_UTF8_FFFD = "\ufffd".encode()


class BinaryFileError(SourceError):
    """A file that is not text (NUL bytes and no byte-order mark). Skipped with a notice, not an error."""


def _line_col(text: str, offset: int) -> tuple[int, int]:
    head = text[:offset]
    breaks = list(_LINE_BREAK.finditer(head))
    if not breaks:
        return 1, offset + 1
    return len(breaks) + 1, offset - breaks[-1].end() + 1


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode file bytes to text, returning the text and notices about how it was read.

    * A UTF-8/16/32 byte-order mark selects that encoding and is dropped, so it never shifts a column.
    * A NUL byte in the first or last 8 KiB (and no BOM) marks a binary file: ``BinaryFileError``.
    * Otherwise UTF-8. When the bytes are not valid UTF-8 there are two cases, both reported in a notice
      that names the byte offset (and line and column) of the first bad byte:

      - the file holds no valid multi-byte UTF-8 sequence at all: it was written in a legacy single-byte
        encoding, read as Windows-1252 (a superset of the printable Latin-1), one character per byte;
      - it also holds valid UTF-8: a damaged UTF-8 file, read with U+FFFD in place of each bad sequence.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"{path}: not valid {encoding} after its byte-order mark (byte {exc.start + len(bom)})"
                ) from None
    nul = data.find(b"\x00", 0, BINARY_SNIFF_BYTES)
    if nul < 0:
        nul = data.find(b"\x00", max(0, len(data) - BINARY_SNIFF_BYTES))
    if nul >= 0:
        raise BinaryFileError(f"{path}: looks like a binary file (NUL byte at byte {nul}); skipped")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="replace")
    offset = len(data[:first].decode("utf-8"))
    line, col = _line_col(text, offset)
    where = f"byte {first} (line {line}, column {col})"
    real_fffd = data.count(_UTF8_FFFD)
    if not real_fffd and _NON_ASCII.search(text) is None:
        text = data.decode("latin-1").translate(_CP1252_TABLE)
        return text, [
            f"not valid UTF-8 at {where} and no UTF-8 text anywhere; read as Windows-1252 (Latin-1)"
        ]
    bad = text.count("\ufffd") - real_fffd
    return text, [
        f"invalid UTF-8 at {where}; {bad} undecodable sequence{'s' if bad != 1 else ''} replaced with U+FFFD"
    ]


#: The default largest draft, in bytes (``--max-file-size``); 0 or None means no limit.
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
_CHUNK = 1 << 20


def human_size(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def parse_size(value: str | int) -> int:
    """``50MB``, ``512k``, ``1G``, ``1000`` (bytes) or ``0`` (no limit) as a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError("a size cannot be negative")
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?\s*", str(value), re.I)
    if not m:
        raise ValueError(f"not a size: {value!r} (examples: 50MB, 512kB, 0 for no limit)")
    factor = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, for messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def not_a_draft(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read as a draft (None: it is a regular file)."""
    return _kind(mode)


def _too_large(shown: str, limit: int) -> SourceError:
    return SourceError(
        f"{shown}: larger than the {human_size(limit)} limit for one draft; not checked "
        "(--max-file-size changes the limit)"
    )


def read_stream(fh, shown: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """Read a binary stream to its end in chunks, stopping with a SourceError past ``limit`` bytes."""
    chunks = []
    total = 0
    while True:
        want = _CHUNK if not limit else min(_CHUNK, limit + 1 - total)
        chunk = fh.read(want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if limit and total > limit:
            raise _too_large(shown, limit)
    return b"".join(chunks)


def read_bytes(path: str | Path, shown: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """A regular file's bytes, or a SourceError that says why they could not be read.

    The file is opened without blocking (a FIFO never hangs the run) and checked to be a regular file
    (FIFOs, devices and sockets are refused); its size is checked against ``limit`` before reading and
    again while reading (a file that grows, or lies about its size, cannot exhaust memory).
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SourceError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{shown}: is a directory") from None
    except PermissionError:
        raise SourceError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        why = _kind(st.st_mode)
        if why is not None:
            raise SourceError(f"{shown}: {why}; not checked")
        if limit and st.st_size > limit:
            raise _too_large(shown, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", buffering=0, closefd=True) as fh:
            fd = -1
            return read_stream(fh, shown, limit)
    except SourceError:
        raise
    except PermissionError:
        raise SourceError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    except MemoryError:
        raise SourceError(f"{shown}: too large to read into memory") from None
    finally:
        if fd >= 0:
            os.close(fd)


def from_bytes(data: bytes, shown: str) -> Source:
    """A source from raw bytes (a file's or stdin's), decoded by ``decode`` (which may raise SourceError)."""
    text, notices = decode(data, shown)
    return Source(shown, text, format_for(shown), notices)


def read_source(
    path: str | Path, *, display_path: str | None = None, limit: int | None = DEFAULT_MAX_FILE_SIZE
) -> Source:
    """Read and decode a draft from disk. Raises ``SourceError`` (``BinaryFileError`` for binaries)."""
    shown = display_path or str(path)
    return from_bytes(read_bytes(path, shown, limit), shown)


def from_text(text: str, path: str = "draft.md", fmt: str | None = None) -> Source:
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text, fmt or format_for(path))
