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


SOURCING_DRAFT = """# Budget talks

Many economists expect the plan to fail, and officials say it was rushed.

It is widely believed that the council approved it quickly. A recent study found that 40% of renters
moved last year.

- Most people agree.
- Experts warn about costs.
"""


def _sourcing_findings(monkeypatch, prepared_chars: int) -> list[tuple[str, int, int]]:
    from copydesk.analysis import sourcing

    monkeypatch.setattr(sourcing, "_PREPARED_CHARS", prepared_chars)
    return [
        (d.rule, d.line, d.column)
        for d in copydesk.lint_text(SOURCING_DRAFT, path="draft.md")
        if d.rule.startswith("sourcing.")
    ]


def test_sourcing_same_findings_with_block_words_kept_or_made_twice(monkeypatch):
    # Up to _PREPARED_CHARS, each block's lowercased text and words are made once and kept for the
    # detectors; past it (-1: always), they are made again block by block: the findings are the same.
    kept = _sourcing_findings(monkeypatch, 1 << 18)
    assert ("sourcing.WeaselSource", 3, 1) in kept and ("sourcing.PassiveAttribution", 5, 1) in kept
    assert kept == _sourcing_findings(monkeypatch, -1)
