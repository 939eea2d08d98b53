"""Round 9, the word families' per-file CPU: each shortcut gives what the long way gives."""

from __future__ import annotations

import random

from copydesk.analysis import readability as rd
from copydesk.kinds.consistency import _holding_spaced, _spaced_pairs


def test_a_draft_with_long_tokens_counts_each_token_as_alone_and_keeps_none_of_them(monkeypatch):
    """Every count but the sentences is a sum over whitespace-separated tokens, long ones (a URL, a path)
    included; the memo keeps no token or word longer than ``_MEMO_WORD_CHARS`` and keeps what it knew."""
    rng = random.Random(9)
    long_url = "https://example.org/" + "segment/" * 12 + "page.html"
    long_word = "(" + "antidisestablishmentarianism" * 3 + ")"
    pieces = ["The", "committee's", "reading", "x", "--", "&", long_url, long_word, "café", "data,", "go."]
    for _ in range(40):
        tokens = [rng.choice(pieces) for _ in range(rng.randint(1, 30))]
        rd._WORD_FACTS.clear()
        rd.compute_counts("warm-up words")
        kept_before = dict(rd._WORD_FACTS)
        got = rd.compute_counts(" ".join(tokens))
        assert all(len(k) <= rd._MEMO_WORD_CHARS for k in rd._WORD_FACTS)
        assert kept_before.items() <= rd._WORD_FACTS.items()
        alone = [rd.compute_counts(t) for t in tokens]
        for name in ("words", "syllables", "letters", "chars", "tokens", "polysyllables", "complex_words"):
            assert getattr(got, name) == sum(getattr(c, name) for c in alone), name


def test_a_long_token_still_counts_when_the_memo_starts_afresh(monkeypatch):
    url = "https://example.org/" + "a" * 80
    expected = rd.compute_counts(f"Read {url} now. The committee met.")
    monkeypatch.setattr(rd, "_WORD_FACTS_MAX", 2)
    rd._WORD_FACTS.clear()
    rd.compute_counts("one two")
    assert rd.compute_counts(f"Read {url} now. The committee met.") == expected
    assert all(len(k) <= rd._MEMO_WORD_CHARS for k in rd._WORD_FACTS)


def test_texts_ruled_out_for_neighbouring_pairs_hold_none_of_them():
    """``_holding_spaced`` leaves out only texts in which ``_spaced_pairs`` finds none of the wanted
    pairs (case, hyphens, addresses, line breaks and the characters ``re`` folds to a letter)."""
    rng = random.Random(5)
    words = ["work", "Space", "WORK", "space", "web", "Hook", "co-op", "\u017fpace", "wor\u212a", "data", "x"]
    seps = [" ", "  ", "\n", ", ", "-", ". ", "/", "@", " .", "#", " \u00e9"]
    for _ in range(300):
        texts = [
            "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 8)))
            for _ in range(rng.randint(1, 4))
        ]
        wanted = {("work", "space"), ("web", "hook"), ("data", "x")}
        kept = list(_holding_spaced(texts, wanted))
        assert [t for t in texts if any(id(t) == id(k) for k in kept)] == kept  # in order, the same objects
        for text in texts:
            found = {(a, b) for _s, a, b in _spaced_pairs(text)} & wanted
            if found:
                assert any(text is k for k in kept)
