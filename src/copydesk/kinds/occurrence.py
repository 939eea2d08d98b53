"""``occurrence``: a token may appear at most ``max`` (or at least ``min``) times per scope."""

from __future__ import annotations

from ..diagnostics import Finding
from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, finding


class Occurrence(Kind):
    analysis_parts = frozenset()
    name = "occurrence"
    default_message = "'%s' appears %s times (at most %s)."
    default_scope = ("paragraph",)
    options = {
        "token": Option("str", None, "word or regular expression to count", required=True),
        "max": Option("int", 0, "most occurrences allowed per scope (0: no limit)"),
        "min": Option("int", 0, "fewest occurrences required per scope (0: no minimum)"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        if not self.opts["max"] and not self.opts["min"]:
            raise KindError("max", "an occurrence rule needs 'max' or 'min'")
        try:
            self.pattern = compile_tokens(
                [self.opts["token"]], ignorecase=rule.ignorecase, nonword=rule.nonword
            )
        except PatternError as exc:
            raise KindError("token", str(exc)) from None

    def check(self, doc, ctx):
        out = []
        mx, mn = self.opts["max"], self.opts["min"]
        whole_doc = "document" in self.rule.scope
        groups = []
        if whole_doc:
            groups.append([b for b in doc.blocks if b.matches_scope(("prose",))])
        else:
            groups.extend([b] for b in doc.blocks if b.matches_scope(self.rule.scope))
        for blocks in groups:
            hits = [(b, m.start(), m.end()) for b in blocks for m in self.pattern.finditer(b.text)]
            if mx and len(hits) > mx:
                b, s, e = hits[mx]
                out.append(finding(b, s, e, (b.text[s:e], len(hits), mx)))
            elif mn and len(hits) < mn and blocks:
                b = blocks[0]
                s, e = b.source_span(0, len(b.text))
                out.append(Finding(s, e, (self.opts["token"], len(hits), mn)))
        return out


KINDS = [Occurrence]
