"""What the Markdown walker reads of an inline token, and how a reference label is compared: shared by the
two Markdown parses (``parsers.markdown`` on markdown-it-py, ``parsers.markdown_rs`` on markdown-it-pyrs)
and the Markdown checks, without importing either parser."""

from __future__ import annotations

import re
from typing import NamedTuple


class Child(NamedTuple):
    """An inline token as the walker reads it (type, content, markup, info)."""

    type: str
    content: str = ""
    markup: str = ""
    info: str = ""


SOFTBREAK = Child("softbreak")
HARDBREAK = Child("hardbreak")


#: White space as markdown-it-py (4.3) trims a paragraph's, heading's or table cell's content and a
#: reference label: Unicode's space separators (Zs), the line and paragraph separators, and the ASCII
#: tab, line feed, vertical tab, form feed and carriage return (not every ``str.isspace`` character:
#: U+001C..U+001F and U+0085 stay).
BLOCK_SPACE = (
    "\t\n\v\f\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_RUN = re.compile(f"[{re.escape(BLOCK_SPACE)}]+")


def normalize_label(label: str) -> str:
    """A link reference label as it is compared: trimmed, each run of white space (``BLOCK_SPACE``) one
    space, case folded (lower then upper case, so that letters whose cases differ in more than one way
    compare equal). The same key as markdown-it-py's ``normalizeReference`` (a test keeps them equal),
    without importing markdown-it-py: on the fast parse a one-draft run never loads it."""
    return _SPACE_RUN.sub(" ", label.strip(BLOCK_SPACE)).lower().upper()
