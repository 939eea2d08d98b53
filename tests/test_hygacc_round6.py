"""Hygiene, readability and markup classes missed on the fifth round's dev drafts: a compound written
closed in one place and spaced or hyphenated in another with a plural on one side only; share buttons in a
plain-text masthead; a plain-text masthead read as one long sentence; italic opened with a single mark
and never closed. Drafts written for these tests; every assertion names the rule, line and column, and
each false class has a quiet case beside it."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.analysis.sentences import split_line_units


def found(text, path, rule):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def messages(text, path, rule):
    return [d.message for d in lint_text(text, path) if d.rule == rule]


# --------------------------------------------------------------------------------------------------
# hygiene.Spellings: compounds with a plural on one side
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col", "pair"),
    [
        (
            "hooks.md",
            "# Payment events\n\nRegister your webhooks in the console. Each webhook has a secret.\n\n"
            "Retries mean the same web hook can arrive twice.\n",
            5,
            23,
            ("web hook", "webhooks"),
        ),
        (
            "scooters.html",
            "<h1>Council caps rental fleets</h1>\n<p>Each e-scooter operator may run 600 vehicles.</p>\n"
            "<p>Every e-scooter must be parked in a bay.</p>\n<p>Riders must leave escooters in painted bays.</p>\n",
            4,
            22,
            ("escooters", "e-scooter"),
        ),
        (
            "filters.txt",
            "Cursor pagination\n\nThe timestamp filter pairs with cursors. Each timestamp is in UTC.\n\n"
            "Both filters accept an ISO time stamp such as 2024-05-01.\n",
            5,
            28,
            ("time stamp", "timestamp"),
        ),
        (
            "roof.md",
            "The Millrace Co-op fitted solar panels. The co-op borrowed the money.\n\n"
            "At current savings the coop repays the loan in nine years.\n",
            3,
            24,
            ("coop", "Co-op"),
        ),
    ],
)
def test_a_compound_spelled_two_ways_with_a_plural_on_one_side(path, text, line, col, pair):
    assert found(text, path, "hygiene.Spellings") == [("hygiene.Spellings", line, col)]
    (msg,) = messages(text, path, "hygiene.Spellings")
    assert f"'{pair[0]}' here, '{pair[1]}' elsewhere" in msg


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # Only the plural differs: one spelling.
        ("a.md", "Register your webhooks first. Each webhook can fire twice.\n"),
        # Two capitals in running text: a name, not a spelling of the common noun.
        ("b.md", "The study used three datasets. Data Set 3 was the largest of the datasets.\n"),
        ("c.txt", "Try Google Key Word Planner first.\n\nPick keywords that match what people type.\n"),
        # A compound stop word still keeps phrases apart ("every day" is not "everyday").
        ("d.md", "We walk every day. It is an everyday habit.\n"),
    ],
)
def test_compound_pairs_that_are_one_spelling_or_a_name_are_quiet(path, text):
    assert found(text, path, "hygiene.Spellings") == []


def test_a_title_cased_pair_in_a_heading_is_still_judged():
    text = "# Setting Up Web Hooks\n\nRegister webhooks in the console. Test webhooks with the CLI.\n"
    assert found(text, "guide.md", "hygiene.Spellings") == [("hygiene.Spellings", 1, 14)]


# --------------------------------------------------------------------------------------------------
# hygiene.Residue: share buttons in a masthead
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        (
            "fares.txt",
            "Ferry fares to rise in June\nBy Ana Ruiz | Harbour Courier | April 2, 2024\n"
            "Share on Facebook | Share by email | Print article\n\nTickets will cost more.\n",
            3,
            1,
        ),
        ("pool.txt", "Pool reopens\n\nShare Tweet Email Print\n\nThe pool reopens on Monday.\n", 3, 1),
        ("pool.md", "# Pool reopens\n\nEmail this story Print\n\nThe pool reopens on Monday.\n", 3, 1),
        ("pool.html", "<h1>Pool reopens</h1>\n<p>Share Tweet Email</p>\n<p>The pool reopens.</p>\n", 2, 4),
    ],
)
def test_share_buttons_with_or_without_separators_are_residue(path, text, line, col):
    assert found(text, path, "hygiene.Residue") == [("hygiene.Residue", line, col)]


@pytest.mark.parametrize(
    "text",
    [
        "Share prices fell.\n\nEmail the desk or print the form.\n",
        "Pool reopens\n\nX\n\nThe pool reopens on Monday.\n",  # one letter: not judged alone
        "Share your photos with us by email and we will print the best ones.\n",
    ],
)
def test_button_words_in_prose_are_not_residue(text):
    assert found(text, "note.txt", "hygiene.Residue") == []


# --------------------------------------------------------------------------------------------------
# readability.SentenceLength: a plain-text masthead is one unit per line
# --------------------------------------------------------------------------------------------------

MASTHEAD = (
    "Island ferry fares to rise eighteen percent from the first of June as fuel and crew costs climb\n"
    "By Tomasz Aldana, transport reporter | Harbour Courier | Tuesday, April 2, 2024\n"
    "Share on Facebook | Share by email | Print article\n\n"
    "Round-trip tickets on the ferry will cost more from June 1, the authority said.\n"
)


def test_a_masthead_without_end_punctuation_is_not_one_long_sentence():
    assert found(MASTHEAD, "fares.txt", "readability.SentenceLength") == []
    head = MASTHEAD.split("\n\n")[0]
    assert len(split_line_units(head)) == 3


def test_a_long_wrapped_sentence_in_plain_text_is_still_reported():
    text = (
        "The committee, which had been meeting since early spring to review the proposal that the\n"
        "regional planning office submitted after two years of study, finally voted on Tuesday night to\n"
        "send the plan back for more work on costs and on the schedule.\n"
    )
    assert found(text, "plan.txt", "readability.SentenceLength") == [("readability.SentenceLength", 1, 1)]


def test_a_full_stop_before_a_leftover_tag_ends_the_unit():
    text = (
        "Burn ban in effect\n\n"
        "<p>The Vessel County Fire District is banning all outdoor burning in unincorporated areas from 8 a.m. on Monday, July 15.<br>\n"
        "The ban covers yard waste piles, burn barrels, agricultural burning and recreational campfires outside designated campgrounds.\n"
    )
    assert found(text, "ban.txt", "readability.SentenceLength") == []
    # ... while the same sentences glued on one line are one unit in prose.
    block = text.split("\n\n")[1]
    assert len(split_line_units(block)) == 2


# --------------------------------------------------------------------------------------------------
# markup.UnclosedEmphasis: a single '*' or '_' that opens italic text and is never closed
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("Volunteers check every item.\n\n*Opening hours are Thursday and Friday, 4 to 7 p.m.\n", 3, 1),
        ("The mayor called it *the best budget in years, and the council agreed.\n", 1, 21),
        ("> Quoted: *this line opens italic\n> and never closes it.\n", 1, 11),
        ("_Editor's note: this story was updated on Friday.\n", 1, 1),
    ],
)
def test_an_unclosed_single_mark_is_reported(text, line, col):
    assert found(text, "post.md", "markup.UnclosedEmphasis") == [("markup.UnclosedEmphasis", line, col)]
    (msg,) = messages(text, "post.md", "markup.UnclosedEmphasis")
    assert "opens italic text" in msg


@pytest.mark.parametrize(
    "text",
    [
        "This is *very* important, and so is _this_.\n",
        "Multiply 5 * 3 and 4*2, then list *.txt files.\n",
        "Pass the _id field and the snake_case_name option.\n",
        "* first bullet\n* second bullet\n",
        "Tickets cost $20*.\n\n*Prices exclude tax and booking fees.\n",
        "The clock counts down (*a helpful note: it starts at midnight).\n",
        "An *italic phrase\nthat wraps* onto the next line.\n",
        "A lone * star.\n",
    ],
)
def test_single_marks_that_are_not_open_italics_are_quiet(text):
    assert found(text, "post.md", "markup.UnclosedEmphasis") == []


def test_single_marks_are_not_judged_in_plain_text_or_html():
    assert found("*Opening hours are Thursday and Friday.\n", "a.txt", "markup.UnclosedEmphasis") == []
    assert (
        found("<p>*Opening hours are Thursday and Friday.</p>\n", "a.html", "markup.UnclosedEmphasis") == []
    )
