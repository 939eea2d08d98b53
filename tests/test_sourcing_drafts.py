"""Sourcing on whole drafts in the three formats: rule id, line and column of every finding.

The drafts were written for these tests; their wording differs from the rule examples and the
unit tests so that they check the structure the rules read, not a phrase list.
"""

from __future__ import annotations

from copydesk import lint_text

MARKDOWN = """\
---
title: Harbor dredging plan draws fire
---

# Harbor dredging plan draws fire

The port commission voted 5-2 on Tuesday to dredge the north channel.
Many marine biologists fear the silt will smother the oyster beds.

Dredging will cost $40 million, port
sources
said, and take two winters.

> Many fishermen say the channel was fine as it was.

The channel was last dredged in 1998. Roughly 60 percent of boat owners oppose the plan.
The vote, critics contend, was rushed.
"""

HTML = """\
<html><body>
<h1>Clinic hours cut</h1>
<p>The county clinic will close on Saturdays from March.
It is widely assumed that the change saves money.</p>
<p>A handful of nurses insist the waiting room is already full.</p>
<p>Twelve patients waited in the lobby on Friday. Others said they would drive to the next town.</p>
<p>Studies show that shorter hours push patients to emergency rooms,
<a href="https://example.org/study">according to a 2022 review</a>.</p>
</body></html>
"""

TEXT = """\
School board delays vote on start times

The board postponed its vote on later start times until June.

Not everyone agrees the change would help: several pediatric sleep
specialists have cautioned that a half hour makes little difference.

One in four parents drives a child to school, and the later bell
would strain their mornings, one official said.

The buses run early. About a third of students ride the bus.
"""


def hits(text: str, path: str) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


def col(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


def test_markdown_draft():
    assert hits(MARKDOWN, "dredging.md") == [
        ("sourcing.WeaselSource", 8, 1),  # quantifier + any plural noun + belief verb
        ("sourcing.AnonymousSource", 10, col(MARKDOWN, 10, "port")),  # across two line breaks
        ("sourcing.UnsourcedStatistic", 16, col(MARKDOWN, 16, "Roughly")),  # a population figure, no source
        ("sourcing.WeaselSource", 17, col(MARKDOWN, 17, "critics contend")),  # inverted tag
    ]  # the blockquote is a quotation, not a claim of the writer's


def test_markdown_draft_with_its_own_survey():
    own = MARKDOWN + "\nWe surveyed 120 boat owners in May for this story.\n"
    stat = ("sourcing.UnsourcedStatistic", 16, col(MARKDOWN, 16, "Roughly"))
    assert stat in hits(MARKDOWN, "dredging.md")
    assert stat not in hits(own, "dredging.md")
    linked = MARKDOWN.replace("oppose the plan.", "oppose the plan ([harbor survey](https://example.org/s)).")
    assert stat not in hits(linked, "dredging.md")


def test_html_draft():
    assert hits(HTML, "clinic.html") == [
        ("sourcing.PassiveAttribution", 4, 1),
        ("sourcing.WeaselSource", 5, 4),
    ]  # "Others said" points back to the twelve patients; the study is cited by its link


def test_plain_text_draft():
    assert hits(TEXT, "board.txt") == [
        ("sourcing.WeaselSource", 5, 1),  # "Not everyone agrees"
        ("sourcing.WeaselSource", 5, col(TEXT, 5, "several")),  # modifiers before a group noun
        ("sourcing.AnonymousSource", 9, col(TEXT, 9, "one official")),
        ("sourcing.UnsourcedStatistic", 11, col(TEXT, 11, "About")),
    ]  # "One in four parents" is sourced by the official in its sentence


def test_other_genre_shapes_are_quiet():
    """Shapes from edited blogs that are not vague sourcing (each was a false finding once)."""
    md = (
        "# Office hours\n\n"
        "We will answer as many questions as we can on Friday.\n\n"
        "**Dana:** Honestly, a lot of people say the form is too long.\n\n"
        "In some cases, research may show that no new tool is needed.\n\n"
        "We started the pilot as an experiment to demonstrate the idea.\n\n"
        "The guides offer tested patterns (often shared by other design teams).\n\n"
        'Recent studies have found that <a href="https://example.org/s">most clips play muted</a>.\n\n'
        "Prices fell by as much as 30 percent of laptops sold.\n"
    )
    assert hits(md, "hours.md") == []


def test_own_research_points_back_to_participants():
    md = (
        "# What renters told us\n\n"
        "We interviewed tenants in three cities this spring.\n\n"
        "Many people feel that the deposit rules are unfair.\n"
    )
    assert hits(md, "renters.md") == []
    assert hits(md.replace("We interviewed tenants", "Tenants live"), "renters.md") == [
        ("sourcing.WeaselSource", 5, 1)
    ]
