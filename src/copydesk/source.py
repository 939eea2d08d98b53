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


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode file bytes to text.

    UTF-8 is the default; a UTF-8/16/32 BOM selects that encoding and is dropped, so it never shifts a
    column. Invalid UTF-8 is decoded with U+FFFD replacement characters and a notice that names the byte
    offset of the first bad byte, so the rest of the file is still checked. A file with NUL bytes and no
    BOM is taken to be binary and refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as exc:
                raise SourceError(f"{path}: not valid {encoding} after its byte-order mark (byte {exc.start})") from None
    if b"\x00" in data[:8192] or b"\x00" in data[-8192:]:
        raise SourceError(f"{path}: looks like a binary file (NUL bytes); skipped")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [f"invalid UTF-8 at byte {exc.start}; undecodable bytes were replaced with U+FFFD"]


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


def from_bytes(data: bytes, shown: str) -> Source:
    text, notices = decode(data, shown)
    return Source(shown, text, format_for(shown), notices)


def read_source(path: str | Path, *, display_path: str | None = None) -> Source:
    """Read and decode a draft from disk."""
    shown = display_path or str(path)
    return from_bytes(read_bytes(path, shown), shown)


def from_text(text: str, path: str = "draft.md", fmt: str | None = None) -> Source:
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text, fmt or format_for(path))
