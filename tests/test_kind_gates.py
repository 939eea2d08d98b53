"""Draft-level gates of the residue and existence kinds: one search of a whole draft decides which lines or
blocks are looked at, and must never hide a finding the line-by-line or block-by-block search gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_rule
from copydesk.analysis import sourcing as so

RESIDUE = {
    "extends": "residue",
    "message": "Residue: '%s'.",
    "lines": ["advertisement", "exit mobile version"],
    "teaser_labels": ["also read"],
    "cta_starts": ["subscribe"],
    "cta_objects": ["newsletter"],
    "notice_starts": ["we use cookies"],
}


def _where(diags):
    return [(d.rule, d.line, d.column, d.end_column) for d in diags]


def test_residue_lines_found_among_long_prose_lines():
    prose = " ".join(["word"] * 70)  # longer than any residue shape: ruled out without a pattern
    text = f"{prose}\n\nAdvertisement\n\n{prose}\n\n  Also read: The council's budget\n\nSubscribe to our newsletter\n"
    diags = run_rule(RESIDUE, text, "draft.txt")
    assert _where(diags) == [
        ("test.Rule", 3, 1, 14),
        ("test.Rule", 7, 3, 34),
        ("test.Rule", 9, 1, 28),
    ]


def test_residue_long_line_that_is_a_known_whole_line_is_still_found():
    rule = dict(RESIDUE, lines=[r"exit mobile version(?: \w+){0,80}"])
    text = "Intro.\n\nExit mobile version " + " ".join(["word"] * 70) + "\n"
    diags = run_rule(rule, text, "draft.txt")
    assert [(d.line, d.column) for d in diags] == [(3, 1)]


def test_residue_match_over_a_line_break_does_not_hide_the_next_line():
    # In the draft's joined lines "x\ny" matches the first entry across the line break; the line "y" alone
    # is residue (the second entry), and must still be found.
    rule = dict(RESIDUE, lines=[r"x\s+y", "y"])
    diags = run_rule(rule, "x\ny\n", "draft.txt")
    assert _where(diags) == [("test.Rule", 2, 1, 2)]


def test_residue_entry_with_its_own_anchor_is_checked_line_by_line():
    rule = dict(RESIDUE, lines=[r"\Atags"])
    diags = run_rule(rule, "The story.\n\ntags\n", "draft.txt")
    assert _where(diags) == [("test.Rule", 3, 1, 5)]


EXISTENCE = {"extends": "existence", "message": "Found '%s'.", "nonword": True}


def test_existence_match_over_a_block_break_does_not_hide_the_next_block():
    # Joined, the two paragraphs read "a\nb a b": "a\nb" would be one match over the break and hide the
    # second paragraph's first "b". Each paragraph alone: "b" at column 1, "a b" at column 3.
    rule = dict(EXISTENCE, raw=[r"a\s+b|b"])
    diags = run_rule(rule, "a\n\nb a b\n")
    assert _where(diags) == [("test.Rule", 3, 1, 2), ("test.Rule", 3, 3, 6)]


def test_existence_matches_in_many_blocks_keep_their_blocks_and_columns():
    rule = dict(EXISTENCE, tokens=["alpha"])
    text = "One alpha here.\n\nNone here.\n\n- alpha in a list\n- and alpha again, alpha\n"
    diags = run_rule(rule, text)
    assert _where(diags) == [
        ("test.Rule", 1, 5, 10),
        ("test.Rule", 5, 3, 8),
        ("test.Rule", 6, 7, 12),
        ("test.Rule", 6, 20, 25),
    ]


def test_existence_end_anchored_pattern_found_at_each_block_end_only():
    # "$" is a block's end: the draft-wide gate reads it in multi-line mode, the blocks are searched alone.
    rule = dict(EXISTENCE, raw=[r"\bend$"])
    text = "The end\n\nend of the road\n\nno end\n"
    diags = run_rule(rule, text)
    assert _where(diags) == [("test.Rule", 1, 5, 8), ("test.Rule", 5, 4, 7)]


def test_existence_end_anchored_pattern_absent_everywhere():
    rule = dict(EXISTENCE, raw=[r"\bend$"])
    assert run_rule(rule, "The end is near\n\nend of the road\n") == []


def test_existence_text_anchor_is_searched_block_by_block():
    rule = dict(EXISTENCE, raw=[r"\Aend"])
    diags = run_rule(rule, "The end\n\nend of the road\n")
    assert _where(diags) == [("test.Rule", 3, 1, 4)]


# ---------------------------------------------------------------------------------------------------
# Sourcing: gates that spare a pattern its search (and, in most runs, its compilation)

PT = so.compile_vocabulary(None)
DEV = sorted((Path(__file__).parent / "data").glob("blind*/*.md"))


def _dev_paragraphs():
    for path in DEV:
        yield from (p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip())


def _check_sourcing_gates(text: str) -> None:
    p = so._Paragraph(text, "")
    if PT.statistic_change.search(text):
        assert so._may_change_pattern(p), text
    if PT.pronoun_knows.search(text):
        assert so._may_pronoun_know(p, PT), text


def test_the_gated_patterns_start_as_their_gates_read_them():
    assert so._CHANGE_GATE  # else: read evidence.change_pattern again and update the digest in sourcing.py
    assert so._source_of(PT.pronoun_knows).startswith(so._PRONOUN_KNOWS_HEAD)


@pytest.mark.parametrize(
    "text",
    [
        "The number of renters in the city has doubled since 2010.",
        "The share of homeowners under 35 rose to a third last year.",
        "The proportion of drivers who speed fell to 12 percent.",
        "Teenagers are twice as likely to vape as adults.",
        "There are now three times as many cyclists downtown.",
        "Those close to him say the plan is dead.",
        "Someone familiar with the talks said a deal was near.",
    ],
)
def test_gates_pass_where_the_patterns_match(text):
    assert PT.statistic_change.search(text) or PT.pronoun_knows.search(text)
    _check_sourcing_gates(text)


@pytest.mark.parametrize(
    ("text", "gate"),
    [
        ("The share price rose on Tuesday.", "change"),  # a key word, but no "of"
        ("It took three times longer than planned.", "change"),  # "times", but not "as many" or "as likely"
        ("Those who left early missed the vote.", "pronoun"),  # the pronoun, but nothing it knows
    ],
)
def test_gates_rule_out_paragraphs_where_the_patterns_cannot_match(text, gate):
    p = so._Paragraph(text, "")
    if gate == "change":
        assert so._may_change(p) and not so._may_change_pattern(p)
    else:
        assert p.words & so._PRONOUNS_KNOW and not so._may_pronoun_know(p, PT)


def test_gates_pass_wherever_the_patterns_match_on_the_dev_drafts():
    if not DEV:
        pytest.skip("no dev drafts")
    for text in _dev_paragraphs():
        _check_sourcing_gates(text)


_WORDS = (
    "the a number share proportion percentage count of renters drivers has have had doubled halved rose "
    "to at a third half quarter 40 % percent per cent are were twice three times as likely more many "
    "those someone somebody close familiar aware privy with to on about say said , . ; \u017f \u212a"
).split()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", "title", "upper"])), max_size=20))
def test_gates_pass_wherever_the_patterns_match_on_generated_text(parts):
    _check_sourcing_gates(" ".join(getattr(w, case)() if case else w for w, case in parts))


def test_residue_entry_that_sets_multi_line_mode_is_checked_line_by_line():
    rule = dict(RESIDUE, lines=["(?-m:advertisement)"])
    diags = run_rule(rule, "The story.\n\nAdvertisement\n", "draft.txt")
    assert _where(diags) == [("test.Rule", 3, 1, 14)]
