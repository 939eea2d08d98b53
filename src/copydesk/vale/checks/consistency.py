"""``extends: consistency``: only one of each ``either`` pair may appear in a file."""

from __future__ import annotations

from .. import ValeError
from .base import Alert, Check, word_regex


class Consistency(Check):
    kind = "consistency"
    keys = {"either", "nonword", "ignorecase"}

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        either = self.data.get("either") or {}
        if not isinstance(either, dict):
            raise ValeError(
                self.path, self.line("either"), "'either' must be a mapping of one form to the other"
            )
        ignorecase = bool(self.opt("ignorecase", False))
        nonword = bool(self.opt("nonword", False))
        stem = self.id.rsplit(".", 1)[-1].replace("-", "_")
        self.steps = []
        count = 0
        for v1, v2 in either.items():
            count += 2
            subs = (f"{stem}{count}", f"{stem}{count + 1}")
            body = f"(?P<{subs[0]}>{v1})|(?P<{subs[1]}>{v2})"
            pattern = self.compile(
                word_regex(self.ctx.word_template, body, ignorecase=ignorecase, nonword=nonword), "either"
            )
            self.steps.append((pattern, subs, tuple(pattern.groupindex[n] for n in subs)))

    def run(self, block, state: dict) -> list[Alert]:
        seen = state.setdefault("sequences", set())
        out = []
        text = block.text
        for pattern, subs, numbers in self.steps:
            last = None
            for m in pattern.finditer(text):
                for name, gi in zip(subs, numbers, strict=True):
                    if m.start(gi) >= 0:
                        seen.add(name)
                        last = m.span(gi)
            if last is not None and subs[0] in seen and subs[1] in seen:
                out.append(Alert(last[0], last[1], self.alert_message(text[last[0] : last[1]])))
        return out
