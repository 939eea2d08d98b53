"""Headline classes of the sixth round: a heading that restates the title in other words, a plain-text
headline printed again in capitals after a byline, a sub-heading printed again with a qualifier set off
after it; and the false classes of the fifth round kept quiet (a body line led by a stray ``<p>`` tag, a
heading that lists people's names in a case-style check). Drafts written for these tests; every assertion
names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.kinds.headlines import case_style


def found(text, path, rule="headlines.Repeated"):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


# --------------------------------------------------------------------------------------------------
# A heading that restates the title in other words
# --------------------------------------------------------------------------------------------------

RESTATED_MD = '---\ntitle: "Dunmere council caps food trucks at eight per square"\n---\nThe vote was six to one.\n\n## Vendors want more room\n\nTraders said the cap would hurt them.\n\n## Food truck numbers limited to eight on each square, council decides\n\nThe rule starts in April.\n'

RESTATED_HTML = "<html><body>\n<h1>Rivermouth library lends power tools to members</h1>\n<p>The shelf opened on Tuesday.</p>\n<h2>How borrowing works</h2>\n<p>Members book a drill online.</p>\n<h2>Members can now borrow power tools at the library in Rivermouth</h2>\n<p>Loans last a week.</p>\n</body></html>\n"

RESTATED_TEXT = "Pellham ferry timetable shrinks for the winter months\n\nBy Ines Marlow\n\nThe winter timetable starts on 1 November.\n\nFewer sailings this winter as Pellham ferry cuts its timetable\n\nTwo sailings a day are dropped.\n"


@pytest.mark.parametrize(
    ("text", "path", "where"),
    [
        (RESTATED_MD, "trucks.md", (10, 4)),
        (RESTATED_HTML, "tools.html", (6, 5)),
        (RESTATED_TEXT, "ferry.txt", (7, 1)),
    ],
)
def test_heading_that_restates_the_title_in_other_words(text, path, where):
    assert found(text, path) == [("headlines.Repeated", *where)]


def test_restated_title_reports_its_word_level_score():
    (diag,) = [d for d in lint_text(RESTATED_MD, "trucks.md") if d.rule == "headlines.Repeated"]
    assert "repeats line 2" in diag.message and "% similar" in diag.message
    score = int(diag.message.split("', ")[1].split("%")[0])
    assert score < 70  # below the lexical threshold: found by meaning, reported honestly
    assert diag.severity == "suggestion"  # less certain than a repeat (paraphrase_level)


def test_restatement_check_can_be_turned_off():
    from copydesk.config import Config

    config = Config(rules={"headlines.Repeated": {"paraphrase_min_shared": 0}})
    diags = lint_text(RESTATED_MD, "trucks.md", config=config)
    assert [d for d in diags if d.rule == "headlines.Repeated"] == []


QUIET_SECTIONS = "# Accessible video players for agency websites\n\nPick a player that works with a keyboard.\n\n## Testing accessible video players\n\nTry each control with the tab key.\n\n## HHS: captions for agency video players\n\nHHS captions every video.\n"


def test_headings_that_take_a_phrase_or_a_party_from_the_title_stay_quiet():
    # "Testing accessible video players" lifts one phrase of the title; "HHS: ..." is a labelled item.
    assert found(QUIET_SECTIONS, "players.md") == []


def test_question_heading_is_not_a_restatement():
    text = (
        "# Dunmere council caps food trucks at eight per square\n\nThe vote was six to one.\n\n"
        "## Why did the council cap food trucks on each square?\n\nSpace is short.\n"
    )
    assert found(text, "trucks.md") == []


# --------------------------------------------------------------------------------------------------
# Plain text: the headline again in capitals after a byline; a tag-led body line
# --------------------------------------------------------------------------------------------------

CAPITALS = "Tidewater 2.4 ships with a smaller installer\nPosted by the Tidewater team on 3 March 2025\n\nTIDEWATER 2.4 SHIPS WITH A SMALLER INSTALLER\n\nThe installer is now 40 MB.\n"

TAG_LED = "Harbour district bans open fires from July 1\n<p>The Harbour district bans open fires from Monday, July 1.<br>\nThe ban covers barbecues on the beach.\n\nWardens will patrol the dunes.\n"


def test_plain_text_headline_printed_again_in_capitals_after_a_byline():
    assert found(CAPITALS, "release.txt") == [("headlines.Repeated", 4, 1)]


def test_body_line_led_by_a_stray_p_tag_is_no_headline():
    assert found(TAG_LED, "fires.txt") == []


# --------------------------------------------------------------------------------------------------
# A sub-heading printed again with a qualifier set off after it
# --------------------------------------------------------------------------------------------------

QUALIFIED = "# A year of running our co-op bakery\n\nWe bake six days a week.\n\n## What went wrong\n\nThe oven broke twice.\n\n## What we would change\n\nMore staff on Saturdays.\n\n## What Went Wrong, Looking Back\n\nMostly the oven.\n"

QUALIFIED_UNDER_TWO_PARENTS = "# Two pilots of the night bus service\n\nBoth ran for a month.\n\n## Pilot in Ashby\n\nRiders liked it.\n\n### What went wrong\n\nBuses ran late.\n\n## Pilot in Crane\n\nRiders were few.\n\n### What went wrong, in Crane\n\nNobody knew about it.\n"


def test_sub_heading_again_with_a_set_off_qualifier():
    assert found(QUALIFIED, "bakery.md") == [("headlines.Repeated", 13, 4)]


def test_same_sub_heading_under_two_parents_stays_quiet():
    assert found(QUALIFIED_UNDER_TWO_PARENTS, "pilots.md") == []


# --------------------------------------------------------------------------------------------------
# CaseStyle: a heading that lists people's names
# --------------------------------------------------------------------------------------------------

NAMES = "# Our support team\n\n## How we answer tickets every day\n\n## What we learned from the pilot\n\n## Who answers the phone at night\n\n## Priya Raman and Tomasz Wieczorek - Night Desk\n\n## Meet the People Behind the Desk\n"


def test_heading_of_names_joined_by_and_is_no_title_case():
    assert case_style("Priya Raman and Tomasz Wieczorek - Support") is None
    assert case_style("Tips and Tricks for New Designers") == "title case"
    assert case_style("National Security and Intelligence Portfolio") == "title case"  # no role, no list
    # Only the title-cased heading of the draft is reported, not the names.
    assert found(NAMES, "team.md", "headlines.CaseStyle") == [("headlines.CaseStyle", 11, 4)]


def test_paraphrase_option_is_validated():
    from copydesk.config import Config
    from copydesk.engine import Linter
    from copydesk.rules import RuleError

    with pytest.raises(RuleError, match="paraphrase_min_shared must be 0 or more"):
        Linter(Config(rules={"headlines.Repeated": {"paraphrase_min_shared": -1}}))
    with pytest.raises(RuleError, match="paraphrase_level must be one of"):
        Linter(Config(rules={"headlines.Repeated": {"paraphrase_level": "loud"}}))


def test_common_words_can_be_extended_in_config():
    from copydesk.config import Config
    from copydesk.engine import Linter

    linter = Linter(Config(rules={"headlines.Repeated": {"common_words": {"add": ["Dunmere", "trucks"]}}}))
    (rule,) = [r for r in linter.rules if r.id == "headlines.Repeated"]
    # Added words are read as the rule reads headlines (stemmed), and the built-in list is kept.
    assert {"dunmer", "truck"} <= rule.checker.common_words
    assert "federal" in rule.raw["common_words"]
