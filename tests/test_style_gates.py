"""The pre-filters of the style family (repetition, passive voice) skip work, never findings: with the gate
and without it, the same spans come out, on hand-made edge cases and on generated text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, run_rule
from copydesk.analysis import readability
from copydesk.analysis.sentences import WordIndex, split_sentences
from copydesk.kinds import repetition

DOUBLED = {"extends": "repetition", "message": "'%s' twice.", "max_words": 3}

EDGE_CASES = [
    "We saw the the cat.",
    "We saw The\nthe cat and of them of them and in the park in the park.",
    "It’s it’s here; don't don't; rock 'n' roll.",
    "Ünïcödé ünïcödé words and straße straße.",
    "İstanbul İstanbul, ΟΔΟΣ οδοσ, Σ σ, \u212a k.",
    "A 12 12 b the_the the the1 the the.",
    "the  the\t\tthe\n\nthe",
    "again and again and again, step by step by step.",
    "It was taken. They're often asked. It isn’t  quickly  approved.",
    "This is being reviewed, and it was not quickly approved by anyone.",
    "x_is taken; ibis taken; is, taken; be-is taken; we are all set; we are used to it.",
    "The files were moved.\nThey got fired.  It is located here.  The door was closed İ was taken.",
    "Was Fred taken? It WAS TAKEN. The plan is re-examined. They’re bored. Who’s been freed?",
]


def _passive_ungated(text: str) -> list[tuple[int, int]]:
    words = WordIndex(text)
    lower = readability._lower_same_length(text)
    out: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        out.extend(readability._passive_in(text, s, e, words, lower))
    return out


def _passive_gated(text: str) -> list[tuple[int, int]]:
    return readability.passive_voice(text, sentences=split_sentences(text), words=WordIndex(text))


def _doubled(text: str, monkeypatch=None) -> list[tuple[int, int, int, int, str]]:
    return [(d.line, d.column, d.end_line, d.end_column, d.message) for d in run_rule(DOUBLED, text)]


def _doubled_ungated(text: str, monkeypatch) -> list[tuple[int, int, int, int, str]]:
    with monkeypatch.context() as m:
        m.setattr(repetition, "_may_repeat", lambda text, max_words: (True, max_words > 1))
        return _doubled(text)


def test_passive_gate_keeps_every_passive():
    for text in EDGE_CASES:
        assert _passive_gated(text) == _passive_ungated(text), text
    spans = _passive_gated("It was taken. They're often asked. It isn’t  quickly  approved.")
    assert spans == [(3, 12), (14, 33), (38, 62)]


def test_passive_gate_skips_blocks_without_a_candidate(monkeypatch):
    calls = []
    real = readability._passive_in
    monkeypatch.setattr(readability, "_passive_in", lambda *a: calls.append(a[1]) or real(*a))
    assert _passive_gated("The cat sat on the mat. We walk home. It is blue.") == []
    assert calls == []  # no auxiliary before a possible participle: no sentence is looked at
    assert _passive_gated("The dog ran. The mat was moved. We ran off.") == [(21, 30)]
    assert calls == [13]  # only the sentence that holds the candidate


def test_repetition_gate_keeps_every_finding(monkeypatch):
    for text in EDGE_CASES:
        assert _doubled(text) == _doubled_ungated(text, monkeypatch), text
    found = _doubled("We saw the the cat and of them of them.")
    assert [(f[0], f[1], f[3]) for f in found] == [(1, 8, 15), (1, 24, 39)]


def test_repetition_gate_says_which_pattern_can_match():
    assert repetition._may_repeat("no repeat here at all", 3) == (False, False)
    assert repetition._may_repeat("the The cat", 3) == (True, False)
    assert repetition._may_repeat("of them of them", 3) == (False, True)
    assert repetition._may_repeat("in the park in the park", 3) == (False, True)
    assert repetition._may_repeat("in the park in the park", 1) == (False, False)
    # capital I with a dot, capital sigma: lower-casing a word is not what the regex compares
    assert repetition._may_repeat("ΟΔΟΣ οδοσ", 3) == (True, True)


_WORDS = st.sampled_from(
    "the The THE of them in park was were is been being taken moved fired not quickly it’s it's "
    "don't 12 a_b ß straße İ ı Σ σ ς \u212a k".split()
)
_GAPS = st.sampled_from([" ", "  ", "\n", " \n ", "\t", ", ", ". ", "\n\n", "-", "’", "'", ""])


@st.composite
def _texts(draw):
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        parts.append(draw(_WORDS))
        parts.append(draw(_GAPS))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_gates_on_generated_text(text):
    assert _passive_gated(text) == _passive_ungated(text)
    once, runs = repetition._may_repeat(text, 3)
    if not once:
        assert repetition._REPEAT.search(text) is None
    if not runs:
        assert repetition._REPEAT_PHRASE.search(text) is None


def test_gates_on_corpus_blocks():
    import pytest

    folder = SHARED / "corpus" / "small"
    if not folder.is_dir():
        pytest.skip("no shared corpus")
    from copydesk import engine
    from copydesk.engine import FileResult
    from copydesk.source import from_text

    files = sorted(folder.rglob("*.md"))[:60]
    for path in files:
        doc = engine.parse_document(
            from_text(path.read_text(encoding="utf-8"), str(path)), FileResult(str(path))
        )
        for block in doc.blocks:
            text = block.text
            assert _passive_gated(text) == _passive_ungated(text), (path, text[:80])
            once, runs = repetition._may_repeat(text, 3)
            assert once or repetition._REPEAT.search(text) is None, (path, text[:80])
            assert runs or repetition._REPEAT_PHRASE.search(text) is None, (path, text[:80])


_TEXTS = st.text(
    alphabet=st.sampled_from(list("abzAZ '-.,\n\u00e9\u2019\u201c\u00a0\u0130\u0131\u017f\u212a\u00df1_")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_byte_atoms_are_the_text_atoms(text):
    from copydesk.analysis import prose_gate

    as_str = prose_gate.text_atoms(text)
    as_bytes = prose_gate.text_atoms_bytes(text)
    if as_str is None:
        assert as_bytes is None
        return
    words, lowered = as_str
    assert as_bytes[0] == frozenset(w.encode("ascii") for w in words)
    for a in ("ab", "b a", "z-a", "a.", "'a", "bz", "é"[:0] + "zz"):
        assert (a in lowered) == (a.encode("ascii") in as_bytes[1])


def test_byte_atoms_on_a_sample():
    from copydesk.analysis import prose_gate

    words, lowered = prose_gate.text_atoms_bytes("Caf\u00e9 STRA\u00dfE, don\u2019t A1b_c \u2014 x")
    assert words == {b"caf", b"stra", b"e", b"don", b"t", b"a", b"b", b"c", b"x"}
    assert b"don\xe2\x80\x99t" in lowered
    assert prose_gate.text_atoms_bytes("\u212a is a kelvin sign") is None


def test_table_with_a_non_ascii_atom_is_refused():
    from copydesk.analysis import prose_table

    table = prose_table.load_table()
    assert prose_table.validate_table(table)
    unit = next(u for u in table["units"] if u["gate"])
    bad = {**table, "units": [{**unit, "gate": [["caf\u00e9"]]}, *table["units"][1:]]}
    assert not prose_table.validate_table(bad)


def test_passive_gate_space_class_is_python_whitespace():
    import re2

    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    cls = re2.compile(f"[{readability._SPACE_CLASS}]")
    assert "".join(c for c in map(chr, range(0x3001)) if cls.fullmatch(c)) == spaces


def test_passive_gate_on_non_ascii_and_surrogates():
    for text in (
        "\u00e7a \u2014 \u201cit was taken\u201d and we\u2019re asked",
        "it was \ud800 taken",
        "x \ud800 was taken",
    ):
        assert _passive_gated(text) == _passive_ungated(text), text
    assert _passive_gated("\u00e7a \u2014 it was taken") == [(8, 17)]


def test_gate_substrings_from_one_pass_equal_the_scans(monkeypatch):
    from copydesk.analysis import prose_gate, prose_table

    checker = prose_table.TableChecker()
    texts = [
        "\nIt was kind of unique, from whence it came; the p = 0 result, 1990's data.\n",
        "\nWe are focussed and focused; the centre and the center. Suddenly, mental telepathy...\n",
        "\nNothing to see here.\n",
    ]
    slow = [checker._candidates(t) for t in texts]  # below the threshold: substrings tested one by one
    assert checker._needle_set is None
    monkeypatch.setattr(checker, "NEEDLE_SET_AFTER", 0)
    for text, expected in zip(texts, slow, strict=True):
        lowered = prose_gate.text_atoms_bytes(text)[1]
        present = checker._substrings_in(lowered)
        assert present == frozenset(n for n in checker._needles if n in lowered)
        assert checker._candidates(text) == expected
    assert checker._needle_set not in (None, False)
    assert b"kind of" in checker._substrings_in(b"a kind of thing")
    # a pass that does not report its sentinel is not trusted: the substrings are tested one by one
    monkeypatch.setattr(checker, "_needle_set", type("Broken", (), {"Match": lambda self, data: None})())
    assert checker._substrings_in(b"a kind of thing") is None
    assert checker._candidates(texts[0]) == slow[0]
