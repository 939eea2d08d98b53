"""``extends: conditional``: every match of ``first`` needs a ``second`` (an acronym needs its definition)."""

from __future__ import annotations

from .base import Alert, Check


class Conditional(Check):
    kind = "conditional"
    keys = {"first", "second", "exceptions", "ignorecase", "vocab"}

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        first = str(self.opt("first", "", str))
        second = str(self.opt("second", "", str))
        self.first = self.compile(first, "first")
        self.second = self.compile(second, "second")
        self.second_has_group = second.count("(") > second.count("(?") + second.count("\\(")
        self.except_re = self.exceptions_regex(self.str_list("exceptions"), bool(self.opt("vocab", True)))

    def _excepted(self, s: str) -> bool:
        return self.except_re is not None and bool(self.except_re.search(s))

    def run(self, block, state: dict) -> list[Alert]:
        text = block.text
        out = []
        if not self.second_has_group:
            if self.second.search(text):
                return []
            for m in self.first.finditer(text):
                if not self._excepted(m.group(0)):
                    out.append(Alert(m.start(), m.end(), self.alert_message(m.group(0))))
            return out
        defined = state.setdefault("defined", set())
        for m in self.second.finditer(text):
            for g in m.groups():
                if g:
                    defined.add(g)
        for m in self.first.finditer(text):
            s = m.group(0)
            if s not in defined and not self._excepted(s):
                out.append(Alert(m.start(), m.end(), self.alert_message(s)))
        return out
