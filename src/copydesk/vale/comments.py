"""Vale's inline directives in Markdown and HTML comments.

``<!-- vale off -->`` ... ``<!-- vale on -->`` turn every rule off and on again;
``<!-- vale Style.Rule = NO -->`` ... ``<!-- vale Style.Rule = YES -->`` one rule (or a whole style,
``<!-- vale Style = NO -->``); several assignments may be separated by commas. A directive takes effect
from where it is written.
"""

from __future__ import annotations

import bisect
import re

_DIRECTIVE = re.compile(r"^\s*vale\s+(.*?)\s*$", re.DOTALL | re.IGNORECASE)
_ASSIGN = re.compile(r"^\s*([\w.\-]+(?:\[[^\]]*\])?)\s*=\s*(\w+)\s*$")


class Directives:
    def __init__(self, events: list[tuple[int, str, str]]) -> None:
        #: (offset, target, "on"/"off"); target "*" is every rule.
        self.events = sorted(events, key=lambda e: e[0])
        self.offsets = [e[0] for e in self.events]

    def __bool__(self) -> bool:
        return bool(self.events)

    def disabled(self, rule_id: str, offset: int) -> bool:
        if not self.events:
            return False
        k = bisect.bisect_right(self.offsets, offset)
        style = rule_id.split(".", 1)[0]
        off_all = False
        state: dict[str, bool] = {}
        for _, target, what in self.events[:k]:
            if target == "*":
                off_all = what == "off"
            else:
                state[target] = what == "off"
        if off_all:
            return True
        if state.get(rule_id):
            return True
        return bool(state.get(style)) and rule_id not in state


def parse_directives(comments: list[tuple[int, int, str]]) -> Directives:
    events: list[tuple[int, str, str]] = []
    for start, end, body in comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        rest = m.group(1)
        word = rest.lower()
        if word in ("off", "on"):
            events.append((start, "*", word))
            continue
        for part in rest.split(","):
            a = _ASSIGN.match(part)
            if not a:
                continue
            target = a.group(1).split("[", 1)[0]
            value = a.group(2).upper()
            events.append((start, target, "off" if value == "NO" else "on"))
    return Directives(events)
