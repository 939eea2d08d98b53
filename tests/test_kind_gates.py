"""Draft-level gates of the residue and existence kinds: one search of a whole draft decides which lines or
blocks are looked at, and must never hide a finding the line-by-line or block-by-block search gives."""

from __future__ import annotations

from conftest import run_rule

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
