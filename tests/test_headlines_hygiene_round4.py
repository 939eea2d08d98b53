"""Headline and hygiene classes missed on the dev drafts of the fourth round: a heading that returns to an
earlier one ("..., Revisited", "... at a glance"), the headline again with any suffix after a dash, names
and acronyms compared by meaning; phrases printed twice, compounds and UK/US endings spelled two ways,
feedback and share widgets; plain-text lines that only look like headlines. Drafts written for these tests;
every assertion names the rule, line and column, and each class has its quiet case beside it."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.analysis.headlines import DEFAULT_THRESHOLD, headline_similarity, headline_tokens
from copydesk.parsers.text import is_headline_line


def found(text, path, rule):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


# --------------------------------------------------------------------------------------------------
# Headlines: a sub-heading that returns, reworded or with a revisit word
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        (
            "garden.md",
            "# What the frost did to my greenhouse\n\nA cold week.\n\n## Fleece covers\n\nThey helped.\n\n"
            "## Heating the benches\n\nCostly.\n\n## Fleece Covers, Revisited\n\nStill useful.\n",
            13,
            4,
        ),
        (
            "guide.md",
            "# Importing contacts in bulk\n\nStart here.\n\n## Mapping columns\n\nText.\n\n## Limits\n\n"
            "Text.\n\n## Mapping Columns Recap\n\nText.\n",
            13,
            4,
        ),
        (
            "notice.html",
            "<h1>Spring hours at the county libraries</h1>\n<p>From April.</p>\n<h2>Changes to opening times</h2>\n"
            "<p>Later on Thursdays.</p>\n<h2>Holds</h2>\n<p>Same as before.</p>\n"
            "<h2>Opening time changes at a glance</h2>\n<ul><li>Thursday: 8 pm</li></ul>\n",
            7,
            5,
        ),
    ],
)
def test_sub_heading_returns_with_a_revisit_word(path, text, line, col):
    assert found(text, path, "headlines.Repeated") == [("headlines.Repeated", line, col)]


@pytest.mark.parametrize(
    "text",
    [
        # A qualifier that is not a revisit word makes a new section.
        "# Greenhouse notes\n\nIntro.\n\n## Fleece covers\n\nText.\n\n## Fleece covers for seedlings\n\nText.\n",
        # A recap of the whole post is not a recap of one section.
        "# Greenhouse notes\n\nIntro.\n\n## Fleece covers\n\nText.\n\n## Heating benches\n\nText.\n\n## Recap\n\nText.\n",
    ],
)
def test_sub_headings_that_do_not_return_stay_quiet(text):
    assert found(text, "notes.md", "headlines.Repeated") == []


# --------------------------------------------------------------------------------------------------
# Headlines: the headline again with any suffix after a dash or bar
# --------------------------------------------------------------------------------------------------


def test_front_matter_title_printed_again_with_an_unknown_outlet_name():
    text = (
        '---\ntitle: "Harbour board delays the dredging of the east channel"\n---\n\n'
        "Harbour board delays the dredging of the east channel — The Quayside Courant\n\n"
        "The board met on Thursday and put the work back a year.\n"
    )
    assert found(text, "story.md", "headlines.Repeated") == [("headlines.Repeated", 5, 1)]


def test_heading_with_the_title_and_a_suffix_after_a_bar():
    text = (
        "# Harbour board delays the dredging of the east channel\n\nThe board met.\n\n"
        "## Harbour board delays the dredging of the east channel | Quayside\n\nMore.\n"
    )
    assert found(text, "story.md", "headlines.Repeated") == [("headlines.Repeated", 5, 4)]


def test_a_suffix_on_another_line_is_no_repeat():
    text = (
        "# Harbour board delays the dredging of the east channel\n\nThe board met.\n\n"
        "## What the delay means for ferries - a guide\n\nMore.\n"
    )
    assert found(text, "story.md", "headlines.Repeated") == []


# --------------------------------------------------------------------------------------------------
# Headlines: names, acronyms, versions and dates compared by meaning
# --------------------------------------------------------------------------------------------------


def test_heading_rewording_the_title_with_the_same_names_and_day():
    text = (
        "# Nurses in Dunmore Bay vote to strike on Friday\n\nThe union announced the result.\n\n"
        "## Dunmore Bay nurses agree to walk out on Friday\n\nWards will run short.\n"
    )
    assert found(text, "story.md", "headlines.Repeated") == [("headlines.Repeated", 5, 4)]


def test_same_names_on_another_day_is_another_story():
    text = (
        "# Nurses in Dunmore Bay vote to strike on Friday\n\nThe union announced the result.\n\n"
        "## Dunmore Bay nurses agree to walk out on Monday\n\nWards will run short.\n"
    )
    assert found(text, "story.md", "headlines.Repeated") == []


def test_acronym_against_the_words_it_stands_for():
    spelled = headline_similarity("Harbour Board approves dredging plan", "HB approves dredging plan")
    assert spelled >= DEFAULT_THRESHOLD
    # Initials that do not spell the acronym leave the words as they are.
    other = headline_similarity("Harbour Board approves dredging plan", "KC approves dredging plan")
    assert other < spelled


def test_version_number_written_two_ways_is_one_token():
    assert set(headline_tokens("Version 2 of the Ledger API")) == set(headline_tokens("Ledger API v2"))


def test_a_date_given_more_closely_is_a_milder_difference():
    close = headline_similarity("Quarry Road closure starts 3 March 2027", "Quarry Road closes in March 2027")
    apart = headline_similarity("Quarry Road closure starts 3 March 2027", "Quarry Road closes in April 2027")
    assert close > apart + 0.2


# --------------------------------------------------------------------------------------------------
# Plain text: lines that only look like headlines
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Posted on 3 August 2026 by Ilse Marten",
        "By Ilse Marten | 3 August",
        "Released 4 November 2026",
        "Thanks to everyone who tested it. The full list is at https://example.org/list",
    ],
)
def test_bylines_and_two_sentence_lines_are_not_headlines(line):
    assert not is_headline_line(line)


@pytest.mark.parametrize(
    "line", ["By the numbers", "U.S. Senate passes the budget", "Updated guidance for schools"]
)
def test_headline_lines_stay_headlines(line):
    assert is_headline_line(line)


def test_byline_in_plain_text_does_not_count_as_a_title_case_heading():
    text = (
        "Three nights at the harbour food market\n\nPosted on 3 August 2026 by Ilse Marten\n\n"
        "The market opens at six.\n\nNight one: the grill stalls\n\nSmoke everywhere.\n\n"
        "Night two: the sweet stalls\n\nSugar everywhere.\n\nNight three: what we missed\n\nRain.\n"
    )
    assert found(text, "market.txt", "headlines.CaseStyle") == []


def test_long_last_line_with_a_link_is_not_a_long_headline():
    text = (
        "Version 2.4 notes\n\nThe release fixes nine bugs.\n\n"
        "Thanks to the many people who sent reports for this release. The full list of changes is at "
        "https://example.org/changes\n"
    )
    assert found(text, "notes.txt", "headlines.Length") == []


# --------------------------------------------------------------------------------------------------
# Hygiene: phrases printed twice
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        ("post.md", "Within a week most of them of them knew my name.\n", 1, 20),
        ("post.txt", "Put the spare keys in the\nin the blue tin by the door.\n", 1, 20),
        ("post.html", "<p>We walked along the river to the to the old mill.</p>\n", 1, 30),
    ],
)
def test_phrase_printed_twice(path, text, line, col):
    assert found(text, path, "hygiene.Doubled") == [("hygiene.Doubled", line, col)]


def test_phrase_message_names_the_phrase():
    diags = [d for d in lint_text("Most of them of them came.\n", "a.md") if d.rule == "hygiene.Doubled"]
    assert [d.message for d in diags] == ["'of them' is printed twice in a row; delete one."]


@pytest.mark.parametrize(
    "text",
    [
        "The tide came in again and again and again that night.\n",
        "We rebuilt the wall step by step by step.\n",
        "- list item\n- list item list item\n- list item list item list item\n",
        "The tide came in and out, in and out of the bay.\n",
    ],
)
def test_repeated_phrases_that_are_meant(text):
    assert found(text, "post.md", "hygiene.Doubled") == []


# --------------------------------------------------------------------------------------------------
# Hygiene: one term spelled two ways, derived
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("Maps work offline. Offline search is new, and off-line routing follows.\n", 1, 47),
        ("The programme starts in May. Each programme has a mentor; the program is free.\n", 1, 63),
        ("Pick a follow-up date. The followup call is short, and the followup notes are shared.\n", 1, 8),
    ],
)
def test_compound_and_ending_variants(text, line, col):
    assert found(text, "post.md", "hygiene.Spellings") == [("hygiene.Spellings", line, col)]


def test_hyphen_that_makes_another_word_is_not_a_variant():
    text = "She will re-sign the lease, though she may resign from the board.\n"
    assert found(text, "post.md", "hygiene.Spellings") == []


# --------------------------------------------------------------------------------------------------
# Hygiene: feedback and share widgets
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("page.md", "Install the update.\n\nWas this page helpful? Yes / No\n", 3),
        ("page.txt", "Install the update.\n\nDid you find this article useful?\n", 3),
        ("page.md", "The vote is on Monday.\n\nShare this story: Facebook | X | Email | Print\n", 3),
        ("page.html", "<p>The vote is on Monday.</p>\n<p>Share this:</p>\n<ul><li>Facebook</li></ul>\n", 2),
    ],
)
def test_feedback_and_share_widgets(path, text, line):
    assert found(text, path, "hygiene.Residue") == [
        ("hygiene.Residue", line, 1 if path != "page.html" else 4)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We asked readers whether this page was helpful, and most said yes.\n",
        "Share this with your team: the form closes on Friday.\n",
        "Note: Facebook | X\n",
    ],
)
def test_sentences_about_feedback_or_sharing_are_content(text):
    assert found(text, "page.md", "hygiene.Residue") == []
