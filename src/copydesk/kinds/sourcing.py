"""``sourcing``: claims with no source or a vague one (see :mod:`copydesk.analysis.sourcing`).

The detector runs once per block for all categories (cached per document); each rule reports the
categories it names, so every category can be enabled, disabled or re-levelled on its own.
"""

from __future__ import annotations

from ..rules import Kind, Option
from ._common import KindError, finding

#: Blockquotes are quotations: their wording is the quoted author's, so they are not judged.
BODY = ("paragraph", "list_item", "table_cell")


def _all_findings(doc, ctx):
    cache = ctx.cache.get("sourcing")
    if cache is None:
        from ..analysis.sourcing import find_vague_sourcing

        cache = {}
        previous = ""
        for block in doc.blocks:
            if not block.matches_scope(BODY):
                continue
            cache[id(block)] = find_vague_sourcing(block.text, previous_text=previous)
            previous = block.text
        ctx.cache["sourcing"] = cache
    return cache


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
        found = _all_findings(doc, ctx)
        out = []
        for block in self.blocks(doc):
            hits = [f for f in found.get(id(block), ()) if f.category in self.categories]
            if hits and block.links:
                hits = [f for f in hits if not _cited_by_link(block, f)]
            for f in hits:
                out.append(finding(block, f.start, f.end, (f.quote, self.explain[f.category])))
        return out


def _cited_by_link(block, f) -> bool:
    """A hyperlink in the claim's sentence is its citation ("[most studies suggest](https://...)")."""
    from ..analysis.sentences import split_sentences

    for s, e in split_sentences(block.text):
        if s <= f.start < e:
            return any(ls < e and le > s for ls, le in block.links)
    return False


KINDS = [Sourcing]
