"""Headline classes of the ninth round: a heading said again in another tense of an irregular verb
("went" / "goes"), as a sub-heading printed twice and as the title restated further down; each with a
quiet twin. Drafts written for these tests; every assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text


def found(text, path, rule="headlines.Repeated"):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def md_sections(first: str, second: str, title: str = "Marrow Hill parish council sets its budget") -> str:
    """A Markdown draft: title, body, ``first`` (line 5), another section, ``second`` (line 13)."""
    return (
        f"# {title}\n\nThe vote was on Thursday.\n\n## {first}\n\nThe precept rises by 3%.\n\n"
        f"## Who voted for it\n\nSix of the seven.\n\n## {second}\n\nMore below.\n"
    )


# --------------------------------------------------------------------------------------------------
# A sub-heading printed again in another tense of an irregular verb
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("Where the money goes", "Where the money went"),
        ("What the committee chose", "What the committee chooses"),
        ("What the clerk wrote", "What the clerk writes"),
        ("Why the grant fell through and what we lost", "Why the grant fell through and what we lose"),
    ],
)
def test_sub_heading_again_in_another_tense_markdown(first, second):
    assert found(md_sections(first, second), "budget.md") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Where the money goes", "Where the money comes from"),
        ("What the clerk wrote", "What the clerk read"),
        ("How the hall was built", "How the hall was sold"),
    ],
)
def test_sub_heading_with_another_verb_stays_quiet_markdown(first, second):
    assert found(md_sections(first, second), "budget.md") == []


def test_sub_heading_again_in_another_tense_html():
    text = (
        "<html><body>\n<h1>Orchard Lane allotments get a new water supply</h1>\n<p>Work starts soon.</p>\n"
        "<h2>Why the committee took the decision</h2>\n<p>The committee.</p>\n<h2>Costs</h2>\n<p>About 4,000.</p>\n"
        "<h2>Why the Committee Takes the Decision</h2>\n<p>Again, the committee.</p>\n</body></html>\n"
    )
    assert found(text, "allotments.html") == [("headlines.Repeated", 8, 5)]


def test_sub_heading_with_another_verb_stays_quiet_html():
    text = (
        "<html><body>\n<h1>Orchard Lane allotments get a new water supply</h1>\n<p>Work starts soon.</p>\n"
        "<h2>Why the committee took the decision</h2>\n<p>The committee.</p>\n<h2>Costs</h2>\n<p>About 4,000.</p>\n"
        "<h2>Why the Committee Checks the Decision</h2>\n<p>The auditor.</p>\n</body></html>\n"
    )
    assert found(text, "allotments.html") == []


def test_sub_heading_again_in_another_tense_plain_text():
    text = (
        "Marrow Hill parish council sets its budget\n\nThe vote was on Thursday.\n\n"
        "Where the money goes\n\nThe precept rises by 3%.\n\n"
        "Who voted for it\n\nSix of the seven.\n\n"
        "Where the money went\n\nMore below.\n"
    )
    assert found(text, "budget.txt") == [("headlines.Repeated", 13, 1)]


def test_sub_heading_with_another_verb_stays_quiet_plain_text():
    text = (
        "Marrow Hill parish council sets its budget\n\nThe vote was on Thursday.\n\n"
        "Where the money goes\n\nThe precept rises by 3%.\n\n"
        "Who voted for it\n\nSix of the seven.\n\n"
        "Where the money comes from\n\nMore below.\n"
    )
    assert found(text, "budget.txt") == []
