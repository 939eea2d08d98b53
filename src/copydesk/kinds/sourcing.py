"""``sourcing``: claims with no source or a vague one (see :mod:`copydesk.analysis.sourcing`).

The detector runs once per block for all categories (in the shared analysis); each rule reports the
categories it names, so every category can be enabled, disabled or re-levelled on its own.
"""

from __future__ import annotations

from ..analysis.shared import SOURCING_SCOPES
from ..rules import Kind, Option
from ._common import KindError, finding

#: Blockquotes are quotations: their wording is the quoted author's, so they are not judged.
BODY = SOURCING_SCOPES


class Sourcing(Kind):
    name = "sourcing"
    default_message = "Vague sourcing: '%s' (%s)."
    default_scope = BODY
    options = {"categories": Option("list", [], "categories of vague sourcing to report", required=True)}

    def __init__(self, rule) -> None:
        super().__init__(rule)
        from ..analysis.sourcing import CATEGORIES

        unknown = [c for c in self.opts["categories"] if c not in CATEGORIES]
        if unknown or not self.opts["categories"]:
            raise KindError("categories", f"unknown categories {unknown} (known: {', '.join(CATEGORIES)})")
        self.categories = frozenset(self.opts["categories"])
        self.explain = CATEGORIES

    def check(self, doc, ctx):
        analysis = ctx.analysis
        out = []
        for block in self.blocks(doc):
            hits = [f for f in analysis.sourcing(block) if f.category in self.categories]
            if hits and block.links:
                # A hyperlink in the claim's sentence is its citation ("[most studies suggest](https://...)").
                hits = [f for f in hits if not analysis.sentence_has_link(block, f.start)]
            for f in hits:
                out.append(finding(block, f.start, f.end, (f.quote, self.explain[f.category])))
        return out


KINDS = [Sourcing]
