"""Round 8 speed work on the word families (issue 9): the same findings whichever way the words are read."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.kinds import consistency

DRAFT = """# Notes on the work space

Our team moved to a new workspace in the centre of town. The center has a colour scheme; the color is
blue. We organise events and we organize meetups. Each co-worker has a desk, and every coworker has a
locker. The web hook fires, and the webhooks retry.
"""

EXPECTED = [
    (3, 25, "'workspace' here, 'work space' elsewhere in this draft; spell it one way."),
    (3, 62, "'center' here, 'centre' elsewhere in this draft; spell it one way."),
    (3, 94, "'color' here, 'colour' elsewhere in this draft; spell it one way."),
    (4, 33, "'organize' here, 'organise' elsewhere in this draft; spell it one way."),
    (4, 88, "'coworker' here, 'co-worker' elsewhere in this draft; spell it one way."),
    (5, 37, "'webhooks' here, 'web hook' elsewhere in this draft; spell it one way."),
]


@pytest.mark.parametrize("listed_chars", [consistency._LISTED_CHARS, len(DRAFT) - 1, 0])
def test_spellings_same_findings_with_word_lists_kept_or_read_twice(monkeypatch, listed_chars):
    # Up to _LISTED_CHARS of prose, each block's words are listed once and the lists read twice; past it,
    # the blocks are searched twice: the pairs found are the same.
    monkeypatch.setattr(consistency, "_LISTED_CHARS", listed_chars)
    found = [
        (d.line, d.column, d.message)
        for d in copydesk.lint_text(DRAFT, path="draft.md")
        if d.rule == "hygiene.Spellings"
    ]
    assert found == EXPECTED
