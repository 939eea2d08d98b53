"""``repetition``: the same word twice in a row ("the the"), across spaces and line breaks."""

from __future__ import annotations

import re

from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, finding

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GAP = re.compile(r"[ \t]*\n?[ \t]*")


class Repetition(Kind):
    name = "repetition"
    default_message = "'%s' is repeated."
    options = {
        "tokens": Option("list", [], "only check these words or regular expressions (default: every word)"),
        "alpha": Option("bool", True, "only letters count as words"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.only = None
        if self.opts["tokens"]:
            try:
                self.only = compile_tokens(self.opts["tokens"], ignorecase=True)
            except PatternError as exc:
                raise KindError("tokens", str(exc)) from None
        self.exceptions = compile_exceptions(rule)
        self.ignorecase = rule.raw.get("ignorecase", True)

    def check(self, doc, ctx):
        out = []
        for block in self.blocks(doc):
            text = block.text
            prev = None
            for m in _WORD.finditer(text):
                if prev is not None:
                    a, b = prev.group(), m.group()
                    gap = text[prev.end() : m.start()]
                    same = a.lower() == b.lower() if self.ignorecase else a == b
                    if same and _GAP.fullmatch(gap) and gap:
                        if (self.only is None or self.only.search(a)) and not (
                            self.exceptions is not None and self.exceptions.search(f"{a} {b}".lower())
                        ):
                            out.append(finding(block, prev.start(), m.end(), (b,)))
                prev = m
        return out


KINDS = [Repetition]
