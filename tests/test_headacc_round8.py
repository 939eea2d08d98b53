"""Headline classes of the eighth round: a sub-heading printed again lightly reworded or re-spelled (a
numbered part divider twice, words of the draft's own title added, a sentence-like sub-heading in another
order or voice, one heading spelt two ways: run together or hyphenated, British or American, an acronym
and the words it stands for, one-word headings), a "How to ..." heading against one led by a verb in
-ing, contracted question words; and the distinct pairs kept quiet. Drafts written for these tests;
every assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.kinds.headlines import question_lead, spelling_keys


def found(text, path, rule="headlines.Repeated"):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def md_sections(first: str, second: str, title: str = "Pelham rowing club opens a new boathouse") -> str:
    """A Markdown draft: title, body, ``first`` (line 5), another section, ``second`` (line 13)."""
    return (
        f"# {title}\n\nThe doors opened on Saturday.\n\n## {first}\n\nMembers can book now.\n\n"
        f"## Opening hours\n\nSeven till dusk.\n\n## {second}\n\nMore here.\n"
    )


# --------------------------------------------------------------------------------------------------
# A part divider printed twice
# --------------------------------------------------------------------------------------------------


def test_part_divider_printed_twice_is_a_repeat():
    text = (
        "# Field course for new surveyors\n\nFive days in the hills.\n\n"
        "## Week 1: Reading the contour maps\n\nScales and symbols.\n\n"
        "## Week 2: Taking bearings\n\nCompass drills.\n\n"
        "## Week 1: Read the Contour Maps\n\nA second pass.\n"
    )
    assert found(text, "course.md") == [("headlines.Repeated", 13, 4)]


def test_part_dividers_with_other_numbers_or_sections_in_two_parts_stay_quiet():
    text = (
        "# Field course for new surveyors\n\nFive days in the hills.\n\n"
        "## Week 1: Reading the contour maps\n\n### Kit list\n\nBoots.\n\n"
        "## Week 2: Reading the contour maps\n\n### Kit list\n\nBoots again.\n"
    )
    assert found(text, "course.md") == []


# --------------------------------------------------------------------------------------------------
# A sub-heading again with words of the draft's title added
# --------------------------------------------------------------------------------------------------


def test_sub_heading_with_title_words_added_html():
    text = (
        "<html><body>\n<h1>Greenvale Library Extends Weekend Hours</h1>\n<p>From next month.</p>\n"
        "<h2>What readers get</h2>\n<p>Two more hours.</p>\n<h2>Staffing</h2>\n<p>Four posts.</p>\n"
        "<h2>What Greenvale Library Readers Get</h2>\n<p>Again.</p>\n</body></html>\n"
    )
    assert found(text, "library.html") == [("headlines.Repeated", 8, 5)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("What members get", "What junior members get"),  # the added word is not the title's
        ("Costs in 2025", "Costs in 2026 for the boathouse"),  # another year
        ("Boathouse", "Boathouse rowing"),  # one content word is too little to go on
    ],
)
def test_sub_heading_with_other_words_added_stays_quiet(first, second):
    assert found(md_sections(first, second), "club.md") == []


# --------------------------------------------------------------------------------------------------
# A sentence-like sub-heading reworded: another order or voice
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Volunteers repaint the old lighthouse", "Old lighthouse repainted by volunteers"),
        ("Storm floods the lower harbour road", "Lower harbour road flooded in storm"),
        ("Crews clear fallen trees near Ashby", "Fallen trees near Ashby cleared by work crews"),
    ],
)
def test_sentence_like_sub_heading_in_another_order_or_voice(first, second):
    assert found(md_sections(first, second), "club.md") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The same words in the same order with one word put in names a narrower thing.
        ("Backup script for the mail server", "Legacy backup script for the mail server"),
        # Two content words swapped.
        ("Volunteers repaint the old lighthouse", "Volunteers inspect the old pier"),
        # A figure swapped.
        ("Crews clear 12 fallen trees near Ashby", "Crews clear 40 fallen trees near Ashby"),
    ],
)
def test_sentence_like_sub_headings_that_differ_stay_quiet(first, second):
    assert found(md_sections(first, second), "club.md") == []


# --------------------------------------------------------------------------------------------------
# One heading spelt two ways
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Set-up", "Setup"),
        ("Sign in", "Signin"),
        ("Work-flow", "Workflow"),
        ("Water centre repairs", "Watercenter repairs"),
        ("The schedule", "Schedule"),
        ("Tyre checks", "Tire checks"),
        ("Programme notes", "Program notes"),
        ("Locks and keys", "Locks & keys"),
        ("Frequently asked questions", "FAQs"),
        ("Terms and conditions", "T&C"),
        ("Whats changed", "What's changed"),
    ],
)
def test_sub_heading_spelt_two_ways_markdown(first, second):
    assert found(md_sections(first, second), "club.md") == [("headlines.Repeated", 13, 4)]


def test_sub_heading_spelt_two_ways_plain_text():
    text = (
        "Pelham rowing club opens a new boathouse\n\nThe doors opened on Saturday, and members can book.\n\n"
        "Check-list\n\nOars, vests, water.\n\nOpening hours\n\nSeven till dusk.\n\n"
        "Checklist\n\nThe same again.\n"
    )
    assert found(text, "club.txt") == [("headlines.Repeated", 13, 1)]


def test_acronym_and_its_words_html():
    text = (
        "<h1>Pelham rowing club opens a new boathouse</h1>\n<p>The doors opened on Saturday.</p>\n"
        "<h2>Annual general meeting</h2>\n<p>In May.</p>\n<h2>Fees</h2>\n<p>Forty a year.</p>\n"
        "<h2>AGM</h2>\n<p>Again.</p>\n"
    )
    assert found(text, "club.html") == [("headlines.Repeated", 7, 5)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("How to apply", "How to appeal"),
        ("Ease of setup", "Ease of search"),  # same initials, two sections
        ("Weekday timetable", "Weekend timetable"),
        ("Upgrading from 3.x", "Upgrading from 2.x"),
        ("Safety and security", "SAS"),  # initials "ss": "and" is no initial
    ],
)
def test_distinct_sub_headings_stay_quiet(first, second):
    assert found(md_sections(first, second), "club.md") == []


def test_one_word_label_further_on_is_a_template_not_a_repeat():
    text = (
        "# Plain language summit agenda\n\nThe day runs from ten.\n\n"
        "## Opening remarks from the chair\n\nWelcome.\n\n## Break\n\nCoffee.\n\n"
        "## Writing for forms and letters\n\nA talk.\n\n## Break\n\nLunch.\n"
    )
    assert found(text, "agenda.md") == []


def test_one_word_heading_twice_in_a_row_is_a_slip():
    text = (
        "# Plain language summit agenda\n\nThe day runs from ten.\n\n"
        "## Opening remarks from the chair\n\nWelcome.\n\n## Links\n\nOne.\n\n## Links\n\nTwo.\n"
    )
    assert found(text, "agenda.md") == [("headlines.Repeated", 13, 4)]


def test_spelling_keys():
    assert "w:setup" in spelling_keys("Set-up", "set up", {})
    assert "a:faq" in spelling_keys("FAQs", "faqs", {})
    assert "i:faq" in spelling_keys("Frequently asked questions", "frequently asked questions", {})
    assert spelling_keys("The", "the", {}) == frozenset()


# --------------------------------------------------------------------------------------------------
# "How to ..." against a heading led by a verb in -ing; contracted question words
# --------------------------------------------------------------------------------------------------


def test_how_to_heading_repeats_a_title_led_by_a_verb_in_ing():
    text = (
        "# Installing the sensor firmware on a field unit\n\nYou need a USB cable.\n\n"
        "## Before you start\n\nCharge the unit.\n\n"
        "## How to install the sensor firmware on a field unit\n\nPlug it in.\n"
    )
    assert found(text, "firmware.md") == [("headlines.Repeated", 9, 4)]


def test_how_to_heading_on_another_task_stays_quiet():
    text = (
        "# Installing the sensor firmware on a field unit\n\nYou need a USB cable.\n\n"
        "## How to reset the field unit\n\nHold the button.\n"
    )
    assert found(text, "firmware.md") == []


def test_question_leads_read_contractions():
    assert question_lead("What's new in release 4") == "what is"
    assert question_lead("What is new in release 4") == "what is"
    assert question_lead("Whats changed") == question_lead("What's changed")
    assert question_lead("Why we're moving") == question_lead("Why we moved")


def test_contracted_question_sub_heading_repeats():
    assert found(md_sections("What's new in release 4", "What is new in release 4"), "club.md") == [
        ("headlines.Repeated", 13, 4)
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Environment variables", "Env vars"),
        ("Configuration options", "Config options"),
        ("Repository layout", "Repo layout"),
    ],
)
def test_sub_heading_with_words_clipped(first, second):
    assert found(md_sections(first, second), "club.md") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Data", "Database"),  # one word: two sections
        ("Data sources", "Database sources"),  # "data" is half of "database": a word of its own
        ("Test plans", "Testing plans and budgets"),  # not word for word
    ],
)
def test_words_that_only_start_alike_stay_quiet(first, second):
    assert found(md_sections(first, second), "club.md") == []
