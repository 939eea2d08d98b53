"""The shortcuts that make the rule kinds cheap on a corpus give the results of the plain computations they
replace: derived spelling pairs decided on distinct words, one search over a draft's blocks instead of
one per block, a whole-block test before polysyllable runs are looked for sentence by sentence, and
textstat's word normalisation in one pass."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_rule, run_rule
from copydesk.analysis import readability as rd
from copydesk.analysis.sentences import WordIndex, split_sentences
from copydesk.analysis.syllables import textstat_words
from copydesk.kinds._common import _anchored, blocks_may_match
from copydesk.kinds.consistency import _ANY_FAMILY_RE, _ODD_CASE_RE, _WORD_RE
from copydesk.matching import compile_pattern

# ------------------------------------------------------------------------------ derived spelling pairs

SPELLINGS = {
    "extends": "consistency",
    "message": "'%s' here, '%s' elsewhere",
    "ignorecase": True,
    "either": {"e-mail": "email"},
    "derive": ["our-or", "ise-ize", "re-er", "doubled-l", "compound"],
    "derive_exceptions": ["timbre timber"],
    "compound_stop": ["every", "set", "up", "any"],
}


class _Block:
    def __init__(self, text: str, base: int) -> None:
        self.text, self.base = text, base
        self.scope = "paragraph"

    def source_offset(self, i: int) -> int:
        return self.base + i


def _reference_groups(kind, blocks):
    """Derived pairs as copydesk found them before the shortcut: every word of every block, in order."""
    by_form: dict[str, list] = {}
    words_of = []
    whole: set[str] = set()
    parts: set[str] = set()
    for blk in blocks:
        words = []
        for m in _WORD_RE.finditer(blk.text):
            w = m.group()
            if not w.islower() and len(w) > 1 and any(_ODD_CASE_RE.search(p) for p in w.split("-")):
                continue
            by_form.setdefault(w.lower(), []).append((blk, m.start(), m.end()))
            words.append((m.start(), m.end(), w.lower()))
            if "-" in w:  # each part of four letters or more is a spelling of its own
                at = m.start()
                for part in w.lower().split("-"):
                    if len(part) >= 4:
                        by_form.setdefault(part, []).append((blk, at, at + len(part)))
                        parts.add(part)
                    at += len(part) + 1
            else:
                whole.add(w.lower())
        words_of.append((blk, blk.text, words))
    groups: dict[str, dict[str, list]] = {}

    def add(key, form, hits):
        groups.setdefault(key, {}).setdefault(form, []).extend(hits)

    closed = whole  # the compounds join whole words only
    for form, hits in by_form.items():
        if "-" in form:
            joined = form.replace("-", "")
            # (``compound_stop`` is about words written apart: "set-up" and "setup" are one word spelled two ways)
            if joined in closed:
                add(joined, form, hits)
                add(joined, joined, by_form[joined])
            continue
        if not _ANY_FAMILY_RE.search(form):
            continue
        for rewrite in kind.rewrites:
            key = rewrite(form)
            if key != form and key in by_form:
                add(key, form, hits)
                add(key, key, by_form[key])
    for blk, text, words in words_of:
        for (s1, e1, a), (s2, e2, b) in zip(words, words[1:], strict=False):
            if s2 != e1 + 1 or text[e1] != " " or len(a) < 3 or len(b) < 3:
                continue
            joined = a + b
            if joined in closed and a not in kind.compound_stop and b not in kind.compound_stop:
                add(joined, f"{a} {b}", [(blk, s1, e2)])
                add(joined, joined, by_form[joined])
    out = []
    for forms in groups.values():
        names = list(forms)
        if len(forms) < 2 or any(
            frozenset((x, y)) in kind.exceptions for x in names for y in names if x != y
        ):
            continue
        spellings = []
        for hits in forms.values():
            uniq = {(id(h[0]), h[1]): h for h in hits}
            spellings.append(sorted(uniq.values(), key=lambda h: h[0].source_offset(h[1])))
        out.append(spellings)
    return out


def _plain(groups):
    return [[[(h[0].base, h[1], h[2]) for h in hits] for hits in group] for group in groups]


_WORDS = [
    "colour",
    "color",
    "Colour",
    "centre",
    "center",
    "travelled",
    "traveled",
    "organise",
    "organize",
    "work",
    "space",
    "workspace",
    "work-space",
    "co-worker",
    "coworker",
    "co",
    "worker",
    "every",
    "day",
    "everyday",
    "set",
    "up",
    "setup",
    "timbre",
    "timber",
    "iPhone",
    "CODEOWNERS",
    "ant",
    "ant",
    "antant",
    "email",
    "e-mail",
    "the",
    "a",
    "of",
]
_GLUE = st.sampled_from([" ", " ", "  ", "\n", ", ", ". ", "-", "/", ".", "#"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_WORDS), _GLUE), max_size=14), min_size=1, max_size=4))
def test_derived_groups_equal_the_word_by_word_search(blocks):
    kind = make_rule(SPELLINGS).checker
    texts = ["".join(w + g for w, g in block) for block in blocks]
    blks = [_Block(t, 1000 * i) for i, t in enumerate(texts)]
    assert _plain(kind.derived_groups(blks)) == _plain(_reference_groups(kind, blks))


@pytest.mark.parametrize(
    "texts",
    [
        ["The ant ant ant trail.", "An antant, an antant and an antant."],  # overlapping neighbour pairs
        ["Colour, color and COLOR.", "The iPhone and the IPHONE; centre and center."],
        ["We set up the setup.", "Every day is an everyday day."],  # words of compound_stop
    ],
)
def test_derived_groups_equal_the_word_by_word_search_on_examples(texts):
    kind = make_rule(SPELLINGS).checker
    blks = [_Block(t, 1000 * i) for i, t in enumerate(texts)]
    assert _plain(kind.derived_groups(blks)) == _plain(_reference_groups(kind, blks))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The work space is new. The workspace is big. Our workspace is fine.\n", "work space"),
        ("A co-worker came. The coworker left, and every coworker stayed.\n", "co-worker"),
        ("Pick a colour. The color stays, and the color fades.\n", "colour"),
    ],
)
def test_derived_pairs_reported(text, flagged):
    found = run_rule(SPELLINGS, text)
    assert [(d.rule, d.line, d.column) for d in found] == [("test.Rule", 1, text.index(flagged) + 1)]
    assert text[found[0].offset : found[0].end_offset] == flagged
    assert found[0].message.startswith(f"'{flagged}' here")


def test_words_apart_are_no_compound_pair():
    # "work" and "space" both occur, and "workspace" too, but never side by side
    text = "Work hard. Space is short. The workspace opens.\n"
    assert run_rule(SPELLINGS, text) == []


# ------------------------------------------------------------------------------- one search per draft


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"\bfoo\b", False),
        (r"[^\s\x{FFFC}]([ ]{2,})[^\s\x{FFFC}]", False),
        (r"[]^]x", False),
        (r"\^x", False),
        (r"^foo", True),
        (r"foo$", True),
        (r"\Afoo", True),
        (r"foo\z", True),
        (r"x|(?:y$)", True),
        (r"\Q^\E", True),
        (r"[a", True),
    ],
)
def test_anchors_found_outside_character_classes(pattern, anchored):
    assert _anchored(pattern) is anchored


_PATTERNS = [
    r"\bthe\b",
    r"the the",
    r"[^\s]  [^\s]",
    r"^The",
    r"end\.$",
    r"\d+ ?%",
    r"\bU\.S\.",
    r"e\s+x",
    r"x",
]
_PIECES = st.sampled_from(
    ["the", "The", "  ", " ", "\n", "end.", "U.S.", "40%", "e", "x", "\u00e9", "\ufffc"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=8).map("".join), max_size=5), st.sampled_from(_PATTERNS))
def test_one_search_never_misses_a_block_match(texts, pattern):
    compiled = compile_pattern(pattern)
    blocks = [_Block(t, 0) for t in texts]
    any_block = any(compiled.search(t) is not None for t in texts)
    decided = blocks_may_match(compiled, blocks)
    assert decided or not any_block
    if not _anchored(pattern) and len(texts) == 1:
        assert decided == any_block


def test_python_patterns_are_searched_block_by_block():
    # a look-behind reads the line break joining two blocks: such programs get no joined search
    program = re.compile(r"(?<!\s)x")
    assert blocks_may_match(program, [_Block("a", 0), _Block("x", 0)])


# ------------------------------------------------------------------------------- polysyllable runs

_LONG = [
    "institutionalizing",
    "multilateral",
    "cooperation",
    "administrative",
    "regulatory",
    "the",
    "we",
    "Presidential",
    "Innovation",
    "2019",
    "U.S.",
    "co-operation",
    "information",
    "technology",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_LONG),
            st.sampled_from([" ", " ", ", ", ". ", "\n", "\n\n", "—", "/", " (", ") ", "\ufffc", "'s ", "_"]),
        )
    )
)
def test_polysyllable_runs_same_with_the_block_test(pieces):
    """The flags of a block's words come from its whitespace-separated tokens (a word never spans
    whitespace): the same runs as sentence by sentence and word by word, also where words are glued
    together by a dash, a slash or a masked span."""
    text = "".join(w + g for w, g in pieces)
    plain = rd.polysyllable_runs(text, 4, 3)  # sentence by sentence, no block test
    fast = rd.polysyllable_runs(text, 4, 3, sentences=split_sentences(text), words=WordIndex(text))
    assert fast == plain


def test_polysyllable_run_found_through_the_block_test():
    text = "We are institutionalizing multilateral cooperation today."
    runs = rd.polysyllable_runs(text, 4, 3, sentences=split_sentences(text), words=WordIndex(text))
    assert [text[s:e] for s, e in runs] == ["institutionalizing multilateral cooperation"]


# --------------------------------------------------------------------------------- textstat words


def _two_passes(text: str) -> list[str]:
    """textstat 0.7.13's normalisation as it is written: contraction-less apostrophes, then punctuation."""
    return re.sub(r"[^\w\s']", "", re.sub(r"'(?![tsd]|ve|ll|re)", "", text)).split()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab t'’.-,!sdvelr \n\u00e9\u0130_1", max_size=40))
def test_textstat_words_in_one_pass(text):
    assert textstat_words(text) == _two_passes(text)


# ------------------------------------------------------------------ readability counts by C-level passes

_PIECE_ALPHABET = "ab t'’.-,!?&—_ \n\t\u00e9\u0130\u00a0\u2028\x1c1"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_PIECE_ALPHABET, max_size=40))
def test_three_words_regex_is_textstat_word_count(piece):
    """textstat counts a sentence piece only with more than two of its words; one regex decides it."""
    assert bool(rd._THREE_WORDS.search(piece)) == (len(textstat_words(piece)) > 2)


def test_three_words_regex_is_linear_on_a_long_token_and_punctuation():
    import time

    for text in ("a" * 400_000, "- " * 200_000, "a " + "- " * 200_000 + "b"):
        start = time.process_time()
        rd._THREE_WORDS.search(text)
        assert time.process_time() - start < 5.0  # quadratic backtracking would take minutes here


def test_sentence_count_of_short_pieces():
    # "U.S. law" is three textstat pieces ("U.", "S.", " law") of one word each: at least one sentence.
    assert rd.compute_counts("U.S. law").sentences == 1
    text = "We met them. It rained. Then the sun came out again! Yes."
    assert rd.compute_counts(text).sentences == 2


_PROPER = [
    "the",
    "National",
    "Heritage",
    "Lottery",
    "Columbia",
    "Administration",
    "administration",
    "NASA",
    "2019",
    "Co-operation",
    "we",
    "Information",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PROPER), st.sampled_from([" ", " ", ", ", ". ", "\n", "\n\n"]))))
def test_proper_complex_words_same_with_the_word_index(pieces):
    text = "".join(w + g for w, g in pieces)
    plain = rd.proper_complex_words(text)  # sentence by sentence, word by word
    fast = rd.proper_complex_words(text, sentences=split_sentences(text), words=WordIndex(text))
    assert fast == plain


def test_proper_complex_words_skip_a_sentence_first_word():
    text = "Administration matters. The National Administration met in Columbia."
    # The first "Administration" opens its sentence and is not counted; "National", the second
    # "Administration" and "Columbia" are (three syllables or more, capitalised, mid-sentence).
    assert rd.proper_complex_words(text, sentences=split_sentences(text), words=WordIndex(text)) == 3
    assert rd.proper_complex_words(text) == 3
    assert rd.proper_complex_words("Administration matters.", words=WordIndex("Administration matters.")) == 0


def test_sum_counts_equals_adding_one_by_one():
    texts = ["One short line.", "An institutionalized, multilateral cooperation agreement was signed.", "Hi"]
    counts = [rd.compute_counts(t) for t in texts]
    assert rd.sum_counts(counts) == counts[0] + counts[1] + counts[2]
    assert rd.sum_counts([]) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab t'’.-,!sdvelr \n\u00e9\u0130_1\u00a0—“”…\u2028\x1c\u0663", max_size=40))
def test_textstat_words_by_deleting_characters(text):
    """textstat_words deletes characters by str.translate / str.replace: the same words as its regexes."""
    assert textstat_words(text) == _two_passes(text)


def test_textstat_words_character_sets_stay_bounded(monkeypatch):
    from copydesk.analysis import syllables as sy

    monkeypatch.setattr(sy, "_CHARS_MAX", 140)
    for start in range(0x400, 0x2000, 40):  # many distinct non-ASCII characters, letters and punctuation
        text = "".join(chr(c) for c in range(start, start + 40)) + " it's—“x”"
        assert textstat_words(text) == _two_passes(text)
    assert len(sy._KEPT_CHARS) + len(sy._GONE_CHARS) <= 140 + 128 + 48


def test_metric_on_words_alone_counts_no_syllables(monkeypatch):
    """A formula of words only (a headline's length) is judged without syllable counts."""

    def no_syllables(*args):
        raise AssertionError(f"syllables counted for {args!r}")

    rule = {
        "extends": "metric",
        "message": "%s is %s (limit %s)",
        "scope": ["heading.h1"],
        "formula": "words",
        "condition": "> 3",
    }
    text = "# One two three four five\n\nBody text here.\n\n# Short title\n"
    monkeypatch.setattr(rd, "_word_facts", no_syllables)
    monkeypatch.setattr(rd, "_add_tokens", no_syllables)
    rd._WORD_FACTS.clear()
    found = run_rule(rule, text)
    assert [(d.rule, d.line, d.column, d.message) for d in found] == [
        ("test.Rule", 1, 3, "words is 5 (limit > 3)")
    ]
    monkeypatch.undo()
    assert rd.compute_counts("One two three four five").words == 5


_SENTENCE_WORDS = ["word", "U.S.", "a", "long-term", ".", "Yes.", "3.5", "\n\n", "Dr.", "x!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_WORDS), max_size=80), st.sampled_from([0, 1, 5, 20]))
def test_long_sentences_same_with_the_block_word_count_test(words, limit):
    """A block with no more words than the limit is skipped whole: the same sentences as counting each."""
    text = " ".join(words)
    plain = rd.long_sentences(text, limit)
    assert rd.long_sentences(text, limit, sentences=split_sentences(text), words=WordIndex(text)) == plain


# ------------------------------------------------------------------- word index without its offset arrays

_WORD_TEXT = st.text(alphabet="ab Z9_.-'’,;!?\n\u00e9\ufffc", max_size=60)


@settings(max_examples=500, deadline=None)
@given(_WORD_TEXT, st.integers(0, 70), st.integers(0, 70))
def test_word_index_scans_give_what_its_offset_arrays_give(text, start, end):
    """Before its offset arrays are built, a word index answers ``len``, ``count``, ``between`` and
    ``spelled`` by scanning the text or one range of it: the same answers as from the arrays, also for a
    range that starts or ends inside a word ("platform.This" split as two sentences)."""
    built = WordIndex(text)
    spans = built.spans()  # builds the arrays
    lazy = WordIndex(text)
    assert (
        lazy.between(start, end)
        == built.between(start, end)
        == [(a, b) for a, b in spans if start <= a < end]
    )
    assert WordIndex(text).count(start, end) == built.count(start, end)
    lazy = WordIndex(text)
    assert lazy.spelled() == [text[a:b] for a, b in spans]
    assert len(lazy) == len(WordIndex(text)) == len(spans)
    assert lazy._starts is None  # none of the above built the arrays


def test_word_index_counts_a_sentence_typed_onto_the_last():
    text = "It runs on the platform.This makes sense, e.g. U.S.A today."
    (s1, e1), (s2, e2) = split_sentences(text)
    assert text[s2:e2].startswith("This")
    built = WordIndex(text)
    built.spans()
    for s, e in ((s1, e1), (s2, e2)):
        assert WordIndex(text).between(s, e) == built.between(s, e)
        assert WordIndex(text).count(s, e) == built.count(s, e)
    # "platform.This" is one word, counted in the sentence where it starts
    assert WordIndex(text).between(s1, e1)[-1] == (text.index("platform"), text.index(" makes"))
    assert WordIndex(text).count(s2, e2) == 5  # makes sense e.g U.S.A today


# ------------------------------------------------------------------------------- counts from tokens


def _counts_word_by_word(text: str) -> rd.TextCounts:
    """The readability counts as their definitions read (textstat's words of the whole text, characters
    and tokens of the whole text), for comparison with compute_counts' sum over distinct tokens."""
    text = text.replace("\ufffc", " ")
    if not text:
        return rd.TextCounts()
    words = textstat_words(text)
    facts = [rd._word_facts(w) for w in words]
    b, mask = rd._FIELD_BITS, rd._FIELD_MASK
    total = sum(facts)
    raw = text.split()
    return rd.TextCounts(
        len(words),
        rd.compute_counts(text).sentences,
        total & mask,
        (total >> (3 * b)) & mask,
        len("".join(raw)),
        len(raw),
        (total >> b) & mask,
        (total >> (2 * b)) & mask,
        (total >> (4 * b)) & mask,
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "it's",
                "'tis",
                "don't",
                "rock'n'roll",
                "the",
                "Institutionalizing",
                "U.S.",
                "well-known",
                "—",
                "&",
                "--",
                "'",
                "’",
                "(word)",
                "“quoted”",
                "naïve",
                "İstanbul",
                "snake_case",
                "2019",
                "3.5%",
                "x",
                "co-operation",
                "'ll",
                "o'clock",
                "\ufffc",
                "é",
                "٣",
            ]
        )
        | st.text(alphabet="ab'’.-,!&sdvelt\u00e9\u0130_1—“", min_size=1, max_size=8),
        max_size=12,
    ),
    st.lists(st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "  "]), min_size=12, max_size=12),
)
def test_counts_summed_over_distinct_tokens_equal_the_word_by_word_counts(tokens, gaps):
    text = "".join(t + g for t, g in zip(tokens, gaps, strict=False))
    assert rd.compute_counts(text) == _counts_word_by_word(text)


def _abbreviation_reading_every_letter(text: str, dot: int) -> bool:
    """sentences._is_abbreviation as it reads the whole run of letters and dots before the full stop."""
    from copydesk.analysis.sentences import ABBREVIATIONS

    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower()
    if not token:
        return False
    if token in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():
        return text[start].isupper()
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["e", "g", "U", "s", "a", "approx", "Dr", "etc", "x", ".", " ", "Ph", "d", "ab"]),
        max_size=12,
    )
)
def test_abbreviation_test_stops_early_with_the_same_answer(parts):
    from copydesk.analysis.sentences import _is_abbreviation

    text = "".join(parts) + "."
    assert _is_abbreviation(text, len(text) - 1) == _abbreviation_reading_every_letter(text, len(text) - 1)
