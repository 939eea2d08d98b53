"""``extends: occurrence``: too many (``max``) or too few (``min``) matches of ``token`` in a scope."""

from __future__ import annotations

from .base import Alert, Check, format_message


def _is_code(s: str) -> bool:
    return all(ch in "*@" for ch in s)


class Occurrence(Check):
    kind = "occurrence"
    keys = {"token", "max", "min", "ignorecase"}

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        token = str(self.opt("token", "", (str, int, float)))
        self.max = int(self.opt("max", 0, (int, float)))
        self.min = int(self.opt("min", 0, (int, float)))
        prefix = "(?i)" if self.opt("ignorecase", False) else ""
        self.pattern = self.compile(f"{prefix}(?:{token})", "token")

    def run(self, block, state: dict) -> list[Alert]:
        text = block.text
        locs = [m.span() for m in self.pattern.finditer(text)]
        n = len(locs)
        if not ((self.max > 0 and n > self.max) or (self.min > 0 and n < self.min)):
            return []
        message = format_message(self.message, n)
        if n == 0:
            return [Alert(-1, -1, message)]  # no place to point at: the top of the file
        for s, e in locs:
            m = text[s:e]
            if m.strip() and not _is_code(m):
                return [Alert(s, e, message)]
        return []
