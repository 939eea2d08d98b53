"""Control characters shown, never sent: text a terminal or a CI log reads must not carry ESC, OSC, CSI or
other C0/C1 control characters from a draft or a file name (they could recolour, retitle or rewrite the
screen), and a line break inside a name must not start a new line (a CI workflow command such as
``::error::`` is recognised only at the start of a line)."""

from __future__ import annotations

import re

#: C0 controls except tab, DEL, and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b"}


def _show(m: re.Match) -> str:
    ch = m.group()
    return _NAMED.get(ch) or f"\\x{ord(ch):02x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character but tab written as ``\\xNN`` (``\\n``, ``\\r`` for breaks)."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_show, text)


def one_line(text: str) -> str:
    """A message for stderr: one line, control characters escaped."""
    return escape_controls(text)


def shown_width(ch: str) -> int:
    """How many columns ``escape_controls`` gives one character (1 when it is left alone)."""
    if _CONTROLS.match(ch) is None:
        return 1
    return len(_show(_CONTROLS.match(ch)))
