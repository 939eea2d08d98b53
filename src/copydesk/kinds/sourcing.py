"""``sourcing``: claims with no source or a vague one (see :mod:`copydesk.analysis.sourcing`).

Each rule names the categories it reports and may set any vocabulary key of
:data:`copydesk.analysis.sourcing_vocab.VOCAB_KEYS`: a list replaces the built-in default, a mapping
``{add: [...], remove: [...]}`` edits it. Rules with the same vocabulary share one detection run per
block (cached per document), so every category can be enabled, disabled or re-levelled on its own.
"""

from __future__ import annotations

from ..rules import Kind, Option
from ._common import KindError, finding

#: Blockquotes are quotations: their wording is the quoted author's, so they are not judged.
BODY = ("paragraph", "list_item", "table_cell")


def _vocab_options() -> dict[str, Option]:
    from ..analysis.sourcing_vocab import VOCAB_KEYS

    return {
        key: Option(
            "any", None, f"{help_} (a list replaces the default; {{add: [...], remove: [...]}} edits it)"
        )
        for key, (_, help_) in VOCAB_KEYS.items()
    }


def _all_findings(doc, ctx, vocab, key):
    caches = ctx.cache.setdefault("sourcing", {})
    cache = caches.get(key)
    if cache is None:
        from ..analysis.sourcing import find_vague_sourcing, mentions_data, own_method

        blocks = [b for b in doc.blocks if b.matches_scope(BODY)]
        own = own_method("\n".join(b.text for b in blocks), vocab)
        cache = {}
        previous = ""
        data_named = False  # a poll, survey, study or data set named earlier sources later figures
        for block in blocks:
            cache[id(block)] = find_vague_sourcing(
                block.text, previous_text=previous, vocab=vocab, own_data=own or data_named
            )
            previous = block.text
            data_named = data_named or mentions_data(block.text)
        caches[key] = cache
    return cache


class Sourcing(Kind):
    name = "sourcing"
    default_message = "Vague sourcing: '%s' (%s)."
    default_scope = BODY
    options = {
        "categories": Option("list", [], "categories of vague sourcing to report", required=True),
        **_vocab_options(),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        from ..analysis.sourcing import CATEGORIES, compile_vocabulary
        from ..analysis.sourcing_vocab import VocabularyError, vocabulary_from_options
        from ..matching import PatternError

        unknown = [c for c in self.opts["categories"] if c not in CATEGORIES]
        if unknown or not self.opts["categories"]:
            raise KindError("categories", f"unknown categories {unknown} (known: {', '.join(CATEGORIES)})")
        self.categories = frozenset(self.opts["categories"])
        self.explain = CATEGORIES
        try:
            self.vocab = vocabulary_from_options(self.opts)
        except VocabularyError as exc:
            raise KindError(exc.key, str(exc)) from None
        self.vocab_key = tuple(sorted(self.vocab.items()))
        try:
            compile_vocabulary(self.vocab)
        except PatternError as exc:
            raise KindError("own_method_patterns", f"own_method_patterns: {exc}") from None

    def check(self, doc, ctx):
        found = _all_findings(doc, ctx, self.vocab, self.vocab_key)
        out = []
        for block in self.blocks(doc):
            hits = [f for f in found.get(id(block), ()) if f.category in self.categories]
            if hits and block.links:
                hits = [f for f in hits if not _cited_by_link(block, f)]
            for f in hits:
                out.append(
                    finding(block, f.start, f.end, (" ".join(f.quote.split()), self.explain[f.category]))
                )
        return out


def _cited_by_link(block, f) -> bool:
    """A hyperlink in the claim's sentence is its citation ("[most studies suggest](https://...)")."""
    from ..analysis.sentences import split_sentences

    for s, e in split_sentences(block.text):
        if s <= f.start < e:
            return any(ls < e and le > s for ls, le in block.links)
    return False


KINDS = [Sourcing]
