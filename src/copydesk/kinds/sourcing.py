"""``sourcing``: claims with no source or a vague one (see :mod:`copydesk.analysis.sourcing`).

Each rule names the categories it reports and may set any vocabulary key of
:data:`copydesk.analysis.sourcing_vocab.VOCAB_KEYS`: a list replaces the built-in default, a mapping
``{add: [...], remove: [...]}`` edits it. Rules with the same vocabulary share one detection run per
block (in the shared analysis), so every category can be enabled, disabled or re-levelled on its own.
"""

from __future__ import annotations

import contextlib
import re

from ..analysis.shared import SOURCING_SCOPES
from ..rules import Kind, Option
from ._common import KindError, finding

#: Blockquotes are quotations: their wording is the quoted author's, so they are not judged.
BODY = SOURCING_SCOPES


def _vocab_options() -> dict[str, Option]:
    from ..analysis.sourcing_vocab import VOCAB_KEYS

    return {
        key: Option(
            "any", None, f"{help_} (a list replaces the default; {{add: [...], remove: [...]}} edits it)"
        )
        for key, (_, help_) in VOCAB_KEYS.items()
    }


_INTERNED: dict[tuple, dict] = {}


@contextlib.contextmanager
def _kept_alternations():
    """While the vocabulary compiles, its alternations (a third of the detector's set-up) come from the
    packs kept in the per-user cache when they were made by this code, and new ones go back there."""
    from .. import compiled, rules
    from ..analysis import evidence, sourcing

    store = rules._KEPT[0]
    if store is None:
        yield
        return
    sourcing._ALT_MEMO[:] = [
        store.derived("sourcing.alternations", compiled.code_signature(sourcing, evidence)),
        False,
    ]
    try:
        yield
    finally:
        if sourcing._ALT_MEMO[1]:
            store.derived_changed()
        sourcing._ALT_MEMO[:] = [None, False]


class Sourcing(Kind):
    analysis_parts = frozenset(("sourcing", "sentences"))
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
        # Rules with equal vocabularies share one object, and so one detection run per document.
        if len(_INTERNED) > 64:
            _INTERNED.clear()
        self.vocab = _INTERNED.setdefault(tuple(sorted(self.vocab.items())), self.vocab)
        try:
            with _kept_alternations():
                compile_vocabulary(self.vocab)
        except PatternError as exc:
            raise KindError("own_method_patterns", f"own_method_patterns: {exc}") from None

    def check(self, doc, ctx):
        analysis = ctx.analysis
        found = analysis.sourcing_by_block(self.vocab)
        if not found:
            return []  # no block has a finding (most drafts): nothing to visit
        raw_links = doc.format == "markdown" and "<a " in doc.source.text
        out = []
        for block in self.blocks(doc):
            hits = found.get(id(block))
            if not hits:
                continue
            hits = [f for f in hits if f.category in self.categories]
            if hits and _transcript(doc, block):
                continue  # "**Kat:** ...": the speaker's words, attributed by the label
            if hits and block.links:
                # A hyperlink in the claim's sentence is its citation ("[most studies suggest](https://...)").
                hits = [f for f in hits if not analysis.sentence_has_link(block, f.start)]
            if hits and raw_links:
                # Raw HTML links inside Markdown are not Markdown links, but cite the claim all the same.
                hits = [f for f in hits if not _raw_link_in_sentence(doc, analysis, block, f.start)]
            for f in hits:
                out.append(
                    finding(block, f.start, f.end, (" ".join(f.quote.split()), self.explain[f.category]))
                )
        return out


def _transcript(doc, block) -> bool:
    """The block opens with a bold speaker name in the source ("**Dr. Barry**:", "**Kat:**")."""
    from ..analysis.sourcing import _SPEAKER_RE

    start = block.source_span(0, 1)[0]
    return bool(_SPEAKER_RE.match(doc.source.text[max(0, start - 2) : start + 80]))


def _raw_link_in_sentence(doc, analysis, block, pos: int) -> bool:
    for s, e in analysis.block(block).sentences:
        if s <= pos < e:
            src_s, src_e = block.source_span(s, e)
            return bool(_RAW_LINK_RE.search(doc.source.text, src_s, src_e))
    return False


_RAW_LINK_RE = re.compile(r"<a\s[^>]*href", re.IGNORECASE)

KINDS = [Sourcing]
