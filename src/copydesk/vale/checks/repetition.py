"""``extends: repetition``: the same token twice in a row ("the the")."""

from __future__ import annotations

from ..scopes import sentences
from .base import Alert, Check, format_message


class Repetition(Check):
    kind = "repetition"
    keys = {"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        tokens = self.str_list("tokens")
        for t in tokens:
            self.compile(t, "tokens")
        self.max = int(self.opt("max", 0, (int, float)))
        self.ignorecase = bool(self.opt("ignorecase", False))
        self.alpha = bool(self.opt("alpha", False))
        prefix = "(?i)" if self.ignorecase else ""
        self.pattern = self.compile(prefix + "(" + "|".join(tokens) + ")", "tokens")
        self.except_re = self.exceptions_regex(self.str_list("exceptions"), bool(self.opt("vocab", True)))

    def run(self, block, state: dict) -> list[Alert]:
        out: list[Alert] = []
        text = block.text
        prev = ""
        ploc = (0, 0)
        count = 0
        for m in self.pattern.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            curr = text[s:e].strip()
            hit = curr != "" and (curr.lower() == prev.lower() if self.ignorecase else curr == prev)
            hit = hit and (not self.alpha or curr.isalpha())
            if hit:
                count += 1
            if hit and count > self.max:
                span_text = text[ploc[0] : e]
                # Across a sentence break ("... that. That is ...") it is not a repetition.
                from ..scopes import ValeBlock

                if len(sentences(ValeBlock("sentence", span_text))) == 1:
                    if self.except_re is None or not self.except_re.search(span_text):
                        out.append(Alert(ploc[0], e, format_message(self.message, curr)))
                        count = 0
            ploc = (s, e)
            prev = curr
        return out
