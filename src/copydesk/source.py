"""Source files: bytes to text, and offsets to line and column.

Offsets everywhere in copydesk are code-point offsets into ``Source.text``. ``Source.text`` is the decoded
file with a leading BOM removed and line endings left exactly as they were, so an offset maps to one
character of the file. Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns are 1-based code points
(a tab counts as one column).
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

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
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        self._starts = starts

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


def read_bytes(path: str | Path, shown: str) -> bytes:
    """A file's bytes, or a SourceError that says why they could not be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{shown}: is a directory") from None
    except PermissionError:
        raise SourceError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    except MemoryError:
        raise SourceError(f"{shown}: too large to read into memory") from None


def from_bytes(data: bytes, shown: str) -> Source:
    """A source from raw bytes (a file's or stdin's), decoded by ``decode`` (which may raise SourceError)."""
    text, notices = decode(data, shown)
    return Source(shown, text, format_for(shown), notices)


def read_source(path: str | Path, *, display_path: str | None = None) -> Source:
    """Read and decode a draft from disk. Raises ``SourceError`` (``BinaryFileError`` for binaries)."""
    shown = display_path or str(path)
    return from_bytes(read_bytes(path, shown), shown)


def from_text(text: str, path: str = "draft.md", fmt: str | None = None) -> Source:
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text, fmt or format_for(path))
