"""Vale's inline directives in Markdown and HTML comments.

``<!-- vale off -->`` ... ``<!-- vale on -->`` turn every rule off and on again;
``<!-- vale Style.Rule = NO -->`` ... ``<!-- vale Style.Rule = YES -->`` one rule (or a whole style,
``<!-- vale Style = NO -->``), or only the findings of a rule that match given text
(``<!-- vale Style.Rule["text"] = NO -->``); ``<!-- vale styles = A, B -->`` keeps only those styles. A
directive takes effect from where it is written. As in Vale, rules with ``scope: raw`` see the whole file
and are not affected by directives.
"""

from __future__ import annotations

import bisect
import re

_DIRECTIVE = re.compile(r"^\s*vale\s+(.*?)\s*$", re.DOTALL | re.IGNORECASE)
_ASSIGN = re.compile(r"([\w.\-]+)(\[[^\]]*\])?\s*=\s*(\w+)")
_STYLES = re.compile(r"^styles?\s*=\s*(.+)$", re.IGNORECASE)
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


class Directives:
    def __init__(self, events: list[tuple[int, str, str, frozenset | None]]) -> None:
        #: (offset, target, "on"/"off", matches or None); target "*" is every rule; with matches, only
        #: findings whose matched text is one of them.
        self.events = sorted(events, key=lambda e: e[0])
        self.offsets = [e[0] for e in self.events]

    def __bool__(self) -> bool:
        return bool(self.events)

    def disabled(self, rule_id: str, offset: int, matched: str = "") -> bool:
        if not self.events:
            return False
        k = bisect.bisect_right(self.offsets, offset)
        style = rule_id.split(".", 1)[0]
        off_all = False
        state: dict[str, bool] = {}
        only: frozenset | None = None
        for _, target, what, matches in self.events[:k]:
            if target == "@styles":
                only = matches
                continue
            if matches is not None and matched not in matches:
                continue
            if target == "*":
                off_all = what == "off"
            else:
                if "." not in target:  # a whole style: later than any per-rule setting in it
                    for key in [k for k in state if k.startswith(target + ".")]:
                        del state[key]
                state[target] = what == "off"
        if off_all:
            return True
        if only is not None and style not in only:
            return True
        if state.get(rule_id):
            return True
        return bool(state.get(style)) and rule_id not in state


def parse_directives(comments: list[tuple[int, int, str]]) -> Directives:
    events: list[tuple[int, str, str, frozenset | None]] = []
    for start, _end, body in comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        rest = m.group(1)
        word = rest.lower()
        if word in ("off", "on"):
            events.append((start, "*", word, None))
            continue
        styles = _STYLES.match(rest)
        if styles:  # <!-- vale style = A --> / <!-- vale styles = A, B -->: only these styles from here
            names = frozenset(n.strip() for n in styles.group(1).split(",") if n.strip())
            events.append((start, "@styles", "only", names))
            continue
        for a in _ASSIGN.finditer(rest):
            target = a.group(1)
            matches = None
            if a.group(2):
                matches = frozenset(q[0] or q[1] for q in _QUOTED.findall(a.group(2)))
            value = a.group(3).upper()
            events.append((start, target, "off" if value in ("NO", "OFF") else "on", matches))
    return Directives(events)
