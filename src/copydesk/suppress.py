"""Inline suppressions.

Markdown and HTML: ``<!-- copydesk-disable [RULE ...] -->`` until ``<!-- copydesk-enable [RULE ...] -->``,
``<!-- copydesk-disable-next-line [RULE ...] -->`` and ``<!-- copydesk-disable-line [RULE ...] -->``.
Plain text: a line ``copydesk-disable-next-line [RULE ...]`` (and ``copydesk-disable`` / ``-enable``).
A RULE may be a full id (``markup.MangledTag``) or a pack name (``markup``); none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(r"^\s*copydesk-(disable-next-line|disable-line|disable|enable)\b([^\n]*)$", re.DOTALL)
INF = 1 << 60


@dataclass
class Suppressions:
    #: (first_line, last_line, rules or None for all, rules exempted from an all-rules span)
    spans: list[tuple[int, int, frozenset | None, frozenset]] = field(default_factory=list)

    def suppresses(self, rule_id: str, line: int) -> bool:
        pack = rule_id.split(".", 1)[0]
        for first, last, rules, exempt in self.spans:
            if not first <= line <= last:
                continue
            if rules is None:
                if rule_id not in exempt and pack not in exempt:
                    return True
            elif rule_id in rules or pack in rules:
                return True
        return False

    def __bool__(self) -> bool:
        return bool(self.spans)


def _rules(arg: str) -> frozenset | None:
    names = [r for r in re.split(r"[\s,]+", arg.strip()) if r]
    return frozenset(names) if names else None


def parse_suppressions(doc) -> Suppressions:
    """Turn the document's directive comments into line spans."""
    sup = Suppressions()
    if not doc.comments:
        return sup
    src = doc.source
    # Open disable ranges: (first_line, rules or None, exempt)
    open_: list[tuple[int, frozenset | None, frozenset]] = []
    for start, end, body in doc.comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        kind, rules = m.group(1), _rules(m.group(2))
        line = src.line_of(start)
        end_line = src.line_of(max(start, end - 1))
        if kind == "disable-next-line":
            sup.spans.append((end_line + 1, end_line + 1, rules, frozenset()))
        elif kind == "disable-line":
            sup.spans.append((line, end_line, rules, frozenset()))
        elif kind == "disable":
            open_.append((line, rules, frozenset()))
        else:
            still_open = []
            for first, r, exempt in open_:
                if rules is None:
                    sup.spans.append((first, line, r, exempt))
                elif r is None:
                    # Enabling some rules inside a blanket disable: they run again from here.
                    sup.spans.append((first, line, None, exempt))
                    still_open.append((line, None, exempt | rules))
                else:
                    if r & rules:
                        sup.spans.append((first, line, r & rules, frozenset()))
                    if r - rules:
                        still_open.append((first, r - rules, frozenset()))
            open_ = still_open
    for first, r, exempt in open_:
        sup.spans.append((first, INF, r, exempt))
    return sup


def unknown_rule_notices(doc, known: frozenset) -> list[str]:
    """A notice for each directive that names a rule or pack not in ``known`` (a misspelt id silences
    nothing, so the writer must hear about it), with the closest known id."""
    out = []
    if not doc.comments:
        return out
    import difflib

    for start, _end, body in doc.comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        for name in _rules(m.group(2)) or ():
            if name in known:
                continue
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]}?)" if close else ""
            out.append(
                f"line {doc.source.line_of(start)}: copydesk-{m.group(1)} names unknown rule '{name}'{hint}; "
                "it silences nothing"
            )
    return out
