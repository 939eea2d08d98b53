"""``extends: existence``: report every match of any token (optionally with ``raw`` text around them)."""

from __future__ import annotations

from .. import ValeError
from .base import Alert, Check, word_regex


class Existence(Check):
    kind = "existence"
    keys = {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"}
    #: The combined pre-filter may test this rule's pattern (see ``runner.Prefilter``).
    prefilter = True

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        tokens = [t for t in self.str_list("tokens") if t.strip()]
        raw = "".join(self.str_list("raw"))
        ignorecase = bool(self.opt("ignorecase", False))
        nonword = bool(self.opt("nonword", False))
        append = bool(self.opt("append", False))
        vocab = bool(self.opt("vocab", True))
        # Vale's makeRegexp: the word (or non-word) template around the tokens, ``raw`` before it (after
        # it with ``append: true``), and ``(?i)`` in front of everything.
        word = not nonword and bool(tokens)
        template = word_regex(self.ctx.word_template, "|".join(tokens), ignorecase=False, nonword=not word)
        self.pattern_text = ("(?i)" if ignorecase else "") + (template + raw if append else raw + template)
        try:
            self.pattern = self.compile(self.pattern_text, "tokens" if tokens else "raw")
        except ValeError:
            for t in tokens:  # name the bad token rather than the whole alternation
                self.compile(t, "tokens")
            raise
        self.except_re = self.exceptions_regex(self.str_list("exceptions"), vocab and not nonword)

    def run(self, block, state: dict) -> list[Alert]:
        out = []
        text = block.text
        for m in self.pattern.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            observed = text[s:e]
            if self.except_re is not None and self.except_re.search(observed.strip()):
                continue
            out.append(Alert(s, e, self.alert_message(observed)))
        return out
