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


# ----------------------------------------------------------------------------- kept token facts


def _fresh_memo(monkeypatch, tmp_path, after: int) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(rd, "KEPT_FACTS_AFTER", after)
    monkeypatch.setattr(rd, "KEPT_FACTS_WRITE_AFTER", 1)
    rd._WORD_FACTS.clear()
    rd.forget_kept_token_facts()


def _texts(n: int) -> list[str]:
    rng = random.Random(3)
    stems = ["commit", "read", "analys", "colour", "x", "organis", "well-being", "don't", "(data)", "café"]
    return [
        " ".join(
            f"{rng.choice(stems)}{rng.randint(0, 400)}{rng.choice(['', ',', '.', 'ing'])}" for _ in range(40)
        )
        for _ in range(n)
    ]


def test_a_large_run_keeps_its_token_facts_for_the_next_large_run(monkeypatch, tmp_path):
    """A run past ``KEPT_FACTS_AFTER`` new tokens writes their facts; the next such run reads them and
    counts only the tokens they lack, with the same counts."""
    texts = _texts(60)
    _fresh_memo(monkeypatch, tmp_path, after=50)
    first = [rd.compute_counts(t) for t in texts]
    assert rd.save_kept_token_facts()
    counted: list[int] = []
    real = rd._add_tokens

    def spy(tokens, facts):
        counted.append(len(tokens))
        return real(tokens, facts)

    monkeypatch.setattr(rd, "_add_tokens", spy)
    rd._WORD_FACTS.clear()
    rd.forget_kept_token_facts()
    assert [rd.compute_counts(t) for t in texts] == first
    fresh = sum(counted)
    assert 0 < fresh < len({tok for t in texts for tok in t.split()}) / 2  # only until the kept ones are read


def test_a_small_run_neither_reads_nor_writes_kept_token_facts(monkeypatch, tmp_path):
    _fresh_memo(monkeypatch, tmp_path, after=10_000)
    rd.compute_counts("A short draft of a few words, read once.")
    assert not rd.save_kept_token_facts()
    assert not list(tmp_path.rglob("readability-token-facts-*"))


def test_damaged_kept_token_facts_are_never_used(monkeypatch, tmp_path):
    """Kept facts whose token or packed value is off in any way are ignored whole: the counts are those of
    a run without them."""
    import json

    texts = _texts(20)
    _fresh_memo(monkeypatch, tmp_path, after=10)
    expected = [rd.compute_counts(t) for t in texts]
    assert rd.save_kept_token_facts()
    path, signature = rd._kept_facts_file()
    good = json.loads(path.read_text(encoding="utf-8"))["facts"]
    token, value = next(iter(good.items()))
    damaged = [
        {**good, token: value + (1 << (6 * rd._FIELD_BITS))},  # its length field is not the token's length
        {**good, token: -1},
        {**good, token: str(value)},
        {**good, "two words": value},
        {**good, "x" * (rd._MEMO_WORD_CHARS + 1): value},
        {},
        [token, value],
    ]
    for facts in damaged:
        path.write_text(json.dumps({"signature": signature, "facts": facts}), encoding="utf-8")
        assert rd._read_kept_facts() is None
        rd._WORD_FACTS.clear()
        rd.forget_kept_token_facts()
        assert [rd.compute_counts(t) for t in texts] == expected
    path.write_text(json.dumps({"signature": [*signature, "other code"], "facts": good}), encoding="utf-8")
    assert rd._read_kept_facts() is None


def test_the_kept_token_facts_are_a_file_the_user_cache_cap_counts_and_prunes(monkeypatch, tmp_path):
    from copydesk.fsutil import USER_CACHE_NAME

    _fresh_memo(monkeypatch, tmp_path, after=10)
    for text in _texts(5):
        rd.compute_counts(text)
    assert rd.save_kept_token_facts()
    path, _signature = rd._kept_facts_file()
    assert USER_CACHE_NAME.match(path.name)


def test_a_run_with_few_tokens_the_kept_facts_lack_does_not_rewrite_them(monkeypatch, tmp_path):
    texts = _texts(30)
    _fresh_memo(monkeypatch, tmp_path, after=10)
    for text in texts[:20]:
        rd.compute_counts(text)
    assert rd.save_kept_token_facts()
    path, _signature = rd._kept_facts_file()
    before = path.read_bytes()
    monkeypatch.setattr(rd, "KEPT_FACTS_WRITE_AFTER", 10_000)
    rd.compute_counts(texts[25])  # a few tokens more
    assert not rd.save_kept_token_facts()
    assert path.read_bytes() == before
