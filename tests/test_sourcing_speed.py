"""The shortcuts that keep the vague-sourcing detector fast skip only scans that could find nothing.

The detector does not run a regex over a paragraph (or a draft) when the paragraph's words show that the
regex cannot match there: the statistic keys, the passive-attribution and agent patterns, the windows of
the clause families (which must hold the head word of a verb form), the draft-wide cues. Each shortcut is
a necessary condition read off its pattern. These tests check each one on the dev drafts, the rule
examples and generated text (upper case, glued words, digits of other scripts, the characters that fold
to ASCII letters): wherever the pattern matches, the shortcut lets the scan run, and the shortcuts that
replace a scan give the scan's answer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.analysis import evidence
from copydesk.analysis import sourcing as so
from copydesk.analysis.sourcing_vocab import builtin_vocabulary, verb_forms

ROOT = Path(__file__).resolve().parent.parent
PT = so.compile_vocabulary(None)


def _real_texts() -> list[str]:
    """Paragraphs of the dev drafts and every example of the sourcing rules."""
    out = []
    for path in sorted((ROOT / "tests" / "data").glob("blind*/*.md")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for path in sorted((ROOT / "rules" / "sourcing").glob("*.yml")):
        examples = yaml.safe_load(path.read_text(encoding="utf-8")).get("examples") or {}
        for key in ("fail", "pass"):
            for ex in examples.get(key, []):
                out.append(ex if isinstance(ex, str) else ex.get("text", ""))
    return [t for t in out if t.strip()]


REAL = _real_texts()


def _vocabulary_words() -> list[str]:
    v = builtin_vocabulary()
    words = set()
    for key, entries in v.items():
        if key == "own_method_patterns":
            continue
        for e in entries:
            if key.endswith("verbs"):
                words.update(verb_forms(e))
            else:
                words.add(e)
    return sorted(words)


# Words the patterns are made of, glue and noise: text where the patterns do match, in any case.
CORE = (
    "it is was are were been being there that to as by according of in out every their its one two "
    "three ten 40 7 3.5 % percent per cent half a third thirds quarter majority minority doubled twice "
    "times we i our site users asked interviewed data report survey poll study studies polled people "
    "residents economists officials experts critics many some others say said show found believed widely "
    "reportedly seen , . ; : ! ? ( ) — “ ” \" ' _ - é Ünder ٣ ١٢"
).split() + [so._OBJ, "\u0130", "\u0131", "\u017f", "\u212a", "\n"]
words = st.one_of(st.sampled_from(CORE), st.sampled_from(CORE), st.sampled_from(_vocabulary_words()))
texts = st.lists(
    st.tuples(words, st.sampled_from(["", "", "upper", "title"]), st.sampled_from([" ", " ", "", "  "])),
    min_size=1,
    max_size=24,
).map(lambda parts: "".join((getattr(w, case)() if case else w) + sep for w, case, sep in parts))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _paragraph(text: str) -> so._Paragraph:
    return so._Paragraph(text, "")


def _all_matches(pattern, text: str):
    return list(so._matches(pattern, text))


# ---------------------------------------------------------------------------------------------------
# The characters that fold to ASCII letters


def test_folds_to_ascii_lists_every_character_that_matches_an_ascii_letter_ignoring_case():
    chars = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert set(re.findall("(?i)[a-z]", chars)) == set(so._FOLDS_TO_ASCII)
    # lowercasing turns none of the others into an ASCII letter either
    assert {c for c in chars if re.search("[a-z]", c.lower())} <= set(so._FOLDS_TO_ASCII)


def test_a_paragraph_with_such_a_character_is_scanned_in_full():
    p = _paragraph("\u0130t is widely believed that the bridge is unsafe.")
    assert p.exotic
    assert so._may_match(p, PT.passive_needs[id(PT.it_passive)])
    assert not _paragraph("It is a bridge.").exotic


# ---------------------------------------------------------------------------------------------------
# Paragraph gates


STAT_GATES = [
    (so._STAT_KEY, so._may_share),
    (evidence.INNER_KEY, so._may_ratio),
    (evidence.SHARE_OF_OWN_KEY, so._may_own_share),
    (evidence.CHANGE_KEY, so._may_change),
]


def _check_statistic_gates(text: str) -> None:
    p = _paragraph(text)
    for key, may in STAT_GATES:
        if key.search(p.low):
            assert may(p), (key.pattern, text)


def _pattern_needs():
    needs = [
        (getattr(PT, name), PT.passive_needs[id(getattr(PT, name))])
        for name in (
            "it_passive",
            "subj_passive",
            "subj_passive_adv",
            "perception_as",
            "hedge",
            "according_reports",
        )
    ]
    return needs + [(PT.weasel_agent, PT.agent_needs)]


def _check_pattern_needs(text: str) -> None:
    p = _paragraph(text)
    for pattern, needs in _pattern_needs():
        if pattern.search(text):
            assert so._may_match(p, needs), (pattern.pattern[:60], text)


def _windowed():
    """(pattern, head words): every match of the pattern holds one of the words whole."""
    out = [
        (getattr(PT, name), PT.verb_heads)
        for name in (
            "weasel_subject",
            "weasel_quant_any",
            "weasel_quant_place",
            "weasel_singular",
            "weasel_bare",
            "weasel_plural",
        )
    ]
    return out + [(PT.evidence_subject, PT.evidence_verb_heads), (PT.statistic_inner, so._IN_OUT)]


def _check_heads_in_matches(text: str) -> None:
    p = _paragraph(text)
    if p.exotic:
        return  # (the gates are not used there)
    for pattern, heads in _windowed():
        for m in _all_matches(pattern, text):
            present = p.words & heads
            assert any(m.start() <= i and i + len(w) <= m.end() for w in present for i in p.positions(w)), (
                pattern.pattern[:60],
                text,
                m.group(0),
            )


def _check_agent_phrases(text: str) -> None:
    """Keywords found at their first words are the keywords a scan of every position finds."""
    p = _paragraph(text)
    assert so._AGENT_PHRASES.hits(p) == [(m.start(), m.end()) for m in so._AGENT_ANCHOR.finditer(p.low)]
    for anchor in (so._INNER_KEY, PT.evidence_anchor):
        assert anchor.firsts is not None
        assert anchor.hits(p) == [(m.start(), m.end()) for m in anchor.regex.finditer(p.low)], text


CHECKS = [_check_statistic_gates, _check_pattern_needs, _check_heads_in_matches, _check_agent_phrases]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_paragraph_shortcuts_hold_on_the_dev_drafts_and_rule_examples(check):
    assert len(REAL) > 100
    for text in REAL:
        check(text)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@FAST
@given(text=texts)
def test_paragraph_shortcuts_hold_on_generated_text(check, text):
    check(text)


def test_the_generated_text_exercises_the_patterns():
    """The generator does reach the patterns (else the property tests would hold vacuously)."""
    hit = {"weasel": False, "passive": False, "statistic": False}
    for text in REAL:
        hit["weasel"] |= bool(_all_matches(PT.weasel_subject, text) or _all_matches(PT.weasel_plural, text))
        hit["passive"] |= bool(PT.it_passive.search(text) or PT.hedge.search(text))
        hit["statistic"] |= bool(so._STAT_KEY.search(text.lower()))
    assert all(hit.values()), hit


def test_a_window_is_searched_when_its_last_word_is_cut():
    """A search that ends inside a word sees its head as a whole word: such a window is kept."""
    p = _paragraph("Experts shows")
    assert p.word_in(frozenset({"show"}), 0, len("Experts show"))
    assert not p.word_in(frozenset({"show"}), 0, len("Experts"))


# ---------------------------------------------------------------------------------------------------
# Draft-wide cues


def _draft_words(low: str) -> frozenset[str]:
    return frozenset(so._WORD_RE.findall(low))


def _check_draft_cues(text: str) -> None:
    low = so._lower(text)
    if so._FOLDS_TO_ASCII_RE.search(text):
        return  # such drafts are scanned in full (find_document_sourcing passes no words)
    words = _draft_words(low)
    for regex, gate in (
        (so._FIRST_PERSON_REPORT_LOW_RE, so._FIRST_PERSON_GATE),
        (so._RESEARCH_CONTEXT_LOW, so._RESEARCH_GATE),
        (so._WE_OUR_RE, so._WE_OUR_GATE),
        (so._SURVEY_NAMED_RE, so._SURVEY_GATE),
    ):
        assert so._search(regex, low, words, gate) == (regex.search(low) is not None), (regex.pattern, text)
    assert evidence.data_sources(text, low, words) == evidence.data_sources(text, low), text
    assert evidence.own_product(text, words) == evidence.own_product(text), text


def test_draft_cues_agree_with_a_full_scan_on_the_dev_drafts():
    for path in sorted((ROOT / "tests" / "data").glob("blind*/*.md")):
        _check_draft_cues(path.read_text(encoding="utf-8"))
    for text in REAL:
        _check_draft_cues(text)


@FAST
@given(text=texts)
def test_draft_cues_agree_with_a_full_scan_on_generated_text(text):
    _check_draft_cues(text)


def test_alternation_heads_read_plain_alternations_only():
    assert evidence.alternation_heads(r"polls?|polling|web\s+site") == {"poll", "polls", "polling", "web"}
    assert evidence.alternation_heads(r"stud(?:y|ies)|data") is None
    assert so._heads(["say/said", "point out"]) is None or so._heads(["point out", "say"]) == {"point", "say"}
    assert so._heads(["don't"]) is None


def test_word_positions_are_whole_words_as_backslash_b_reads_them():
    low = "data, metadata data_set data-set édata data"
    assert evidence.word_positions(low, "data") == [m.start() for m in re.finditer(r"\bdata\b", low)]


@FAST
@given(text=st.one_of(texts, st.text()))
def test_word_runs_split_into_the_words_the_word_pattern_finds(text):
    low = so._lower(text)
    assert so._word_runs(low).split() == so._WORD_RE.findall(low)
    assert len(so._word_runs(low)) == len(low)
