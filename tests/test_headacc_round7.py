"""Headline classes of the seventh round: a sub-heading printed again reordered, re-spelled (British and
American spellings, hyphens, an outlet suffix); a heading that restates the
title with words of one sense or derivation (a shipped WordNet table) or with a year against a count; a
headline with two suffixes or a "·" separator; and the false classes of the sixth round kept quiet (a
prose line ending in leftover markup read as a plain-text headline, a title-case page title over
sentence-case sections). Drafts written for these tests; every assertion names the rule, line and
column."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.analysis.headlines import _stem, normalize_headline, related_groups, related_pairs
from copydesk.config import Config
from copydesk.parsers.text import is_headline_line


def found(text, path, rule="headlines.Repeated", config=None):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path, config) if d.rule == rule]


def md_sections(first: str, second: str, title: str = "Harbour office opens a new counter") -> str:
    return (
        f"# {title}\n\nThe counter opened on Monday.\n\n## {first}\n\nStaff answer questions.\n\n"
        f"## Opening times\n\nNine to five.\n\n## {second}\n\nMore text here.\n"
    )


# --------------------------------------------------------------------------------------------------
# A sub-heading printed again: reordered, re-spelled, one word swapped
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Install steps", "Steps to install"),  # two words, reordered
        ("Colour choices for the map", "Color choices for the map"),  # -our / -or
        ("Travelling to the island", "Traveling to the island"),  # -ll- / -l-
        ("Organising the archive", "Organizing the archive"),  # -ise / -ize
        ("Where the centre stands", "Where the center stands"),  # -re / -er
        ("Follow-up questions", "Followup questions"),  # hyphen
        ("Residents oppose the quarry plan", "Quarry plan opposed by residents"),  # passive
    ],
)
def test_sub_heading_repeated_in_other_order_spelling_or_voice(first, second):
    assert found(md_sections(first, second), "office.md") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Before the hearing", "After the hearing"),  # small words of opposite sense
        ("Results for fiscal 2019", "Results for fiscal 2020"),  # a figure swapped
        ("Trails near Ashby village", "Trails near Corran village"),  # a name swapped
        ("Grants for small farms", "Grants for small farms and orchards"),  # a word added: narrower
        ("10:00 update", "10:00 am update"),  # two times of a live blog
        ("Tips for making maps accessible", "Tips for making charts accessible"),  # parallel sections
        ("Reasons for opening two accounts", "Reasons for closing two accounts"),
    ],
)
def test_sub_headings_that_differ_in_a_telling_word_stay_quiet(first, second):
    assert found(md_sections(first, second), "office.md") == []


def test_sub_heading_repeat_in_html_and_plain_text():
    html = (
        "<h1>Harbour office opens a new counter</h1>\n<p>The counter opened on Monday.</p>\n"
        "<h2>Colour codes on the tickets</h2>\n<p>Red is for freight.</p>\n"
        "<h2>Opening times</h2>\n<p>Nine to five.</p>\n"
        "<h2>Color Codes on the Tickets</h2>\n<p>More text.</p>\n"
    )
    assert found(html, "office.html") == [("headlines.Repeated", 7, 5)]
    text = (
        "Harbour office opens a new counter\n\nThe counter opened on Monday.\n\n"
        "Ticket colour codes\n\nRed is for freight.\n\nOpening times\n\nNine to five.\n\n"
        "Colour codes on tickets\n\nMore text.\n"
    )
    assert found(text, "office.txt") == [("headlines.Repeated", 13, 1)]


def test_sub_heading_repeated_with_an_outlet_suffix():
    text = md_sections("Road works on the quay", "Road Works on the Quay | Harbour Weekly")
    assert found(text, "office.md") == [("headlines.Repeated", 13, 4)]


# --------------------------------------------------------------------------------------------------
# Word forms and spellings
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dialling", "dialing"),
        ("labelled", "labeled"),
        ("harbour", "harbor"),
        ("colours", "colors"),
        ("analyse", "analyze"),
        ("centres", "centers"),
        ("catalogue", "catalog"),
        ("licence", "license"),
    ],
)
def test_british_and_american_spellings_share_a_stem(a, b):
    assert _stem(a) == _stem(b)


def test_percent_written_three_ways_is_one_figure():
    assert normalize_headline("Fares up 8%") == normalize_headline("Fares up 8 per cent")
    assert normalize_headline("Fares up 8 percent") == normalize_headline("Fares up 8%")


def test_escaped_tag_names_stay_words_and_inline_tags_go():
    assert normalize_headline("&lt;h1&gt; and &lt;h2&gt; tags") == "h1 and h2 tags"
    assert normalize_headline("Tides <em>and</em> currents") == "tides and currents"


def test_related_words_from_the_shipped_table():
    # One sense ("shut" / "close"), a derivation ("approval" / "approve"), a pertainym ("coastal").
    assert related_groups(_stem("shut")) & related_groups(_stem("close"))
    assert related_groups(_stem("approval")) & related_groups(_stem("approve"))
    assert related_groups(_stem("coastal")) & related_groups(_stem("coast"))
    assert not related_groups(_stem("ferry")) & related_groups(_stem("budget"))
    assert related_groups("no-such-word\tx") == frozenset()
    pairs = related_pairs({_stem("shut"), _stem("ferry")}, {_stem("close"), _stem("budget")})
    assert pairs == [(_stem("shut"), _stem("close"))]


# --------------------------------------------------------------------------------------------------
# A heading that restates the title
# --------------------------------------------------------------------------------------------------

RESTATED_YEAR = (
    "---\ntitle: Tramway board weighs its first fare rise in nine years\n---\n"
    "The board meets on Thursday.\n\n## What a ticket costs now\n\nA single is 2 euros.\n\n"
    "## Fares could rise for the first time since 2016 as tramway board deliberates\n\n"
    "Riders can comment until May.\n"
)


def test_a_year_against_a_count_does_not_tell_two_stories_apart():
    assert found(RESTATED_YEAR, "tram.md") == [("headlines.Repeated", 10, 4)]
    # Two counts that differ still do.
    other = RESTATED_YEAR.replace("since 2016", "in twelve years")
    assert found(other, "tram.md") == []


RESTATED_RELATED_TEXT = (
    "Open burning banned across Kelvey County\n\nBy Tomas Ferre\n\n"
    "The fire marshal signed the order on Friday.\n\nWhat you may still light\n\n"
    "Gas grills remain allowed.\n\nKelvey County bans outdoor fires for the dry season\n\n"
    "The order lasts until October.\n"
)


def test_restatement_found_through_related_words_in_plain_text():
    assert found(RESTATED_RELATED_TEXT, "burn.txt") == [("headlines.Repeated", 11, 1)]


def test_related_words_can_be_turned_off():
    config = Config(rules={"headlines.Repeated": {"related_words": "none"}})
    assert found(RESTATED_RELATED_TEXT, "burn.txt", config=config) == []


def test_a_question_heading_does_not_restate_a_statement_title():
    text = (
        "---\ntitle: 'Harbourline’s newest online forms: built for boat owners'\n---\n"
        "The forms went live on Monday.\n\n## “Who’s using Harbourline forms?”\n\nMostly owners.\n"
    )
    assert found(text, "forms.md") == []


# --------------------------------------------------------------------------------------------------
# Outlet suffixes
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix",
    [" – Live updates – The Carrow Courier", " · carrow/news", " :: Carrow Echo"],
)
def test_headline_again_with_two_suffixes_or_other_separators(suffix):
    text = f"# Power cut hits the old town\n\nCrews are on site.\n\n## Power Cut Hits the Old Town{suffix}\n\nMore.\n"
    assert found(text, "cut.md") == [("headlines.Repeated", 5, 4)]


# --------------------------------------------------------------------------------------------------
# False classes of the sixth round
# --------------------------------------------------------------------------------------------------


def test_prose_line_ending_in_leftover_markup_is_no_headline():
    assert not is_headline_line("The front should bring cooler air to the valley by Sunday./p>")
    assert not is_headline_line("The front should bring cooler air by Sunday.</p")
    assert is_headline_line("Cooler air expected by Sunday</p>")
    text = (
        "Valley heat sends more people to hospital\n\nBy Ana Pirez\n\n"
        "Admissions rose again this week.\n\n"
        "The weather service expects the front to bring cooler air to every town of the valley by Sunday."
        "/p>\n\nResidents can call for a ride.\n"
    )
    assert found(text, "heat.txt", "headlines.Length") == []


CYCLING_HTML = (
    "<article>\n<h1>Four Days Walking the Old Harbour Road</h1>\n<p>I set out in May.</p>\n"
    "<h2>Day one: along the quiet shore</h2>\n<p>Flat and easy.</p>\n"
    "<h2>Day two: the hills begin early</h2>\n<p>Steep.</p>\n"
    "<h2>Day three: a rest in the village</h2>\n<p>Soup.</p>\n"
    "<h2>Day four: down to the harbour</h2>\n<p>Done.</p>\n</article>\n"
)


def test_title_case_page_title_over_sentence_case_sections_is_quiet():
    assert found(CYCLING_HTML, "walk.html", "headlines.CaseStyle") == []


def test_a_section_heading_in_the_odd_style_is_still_reported():
    text = CYCLING_HTML.replace("Day three: a rest in the village", "Day Three: A Rest in the Village")
    assert found(text, "walk.html", "headlines.CaseStyle") == [("headlines.CaseStyle", 8, 5)]


# --------------------------------------------------------------------------------------------------
# Equivalents and adjectives of one cluster
# --------------------------------------------------------------------------------------------------

TWELVE_MONTHS = (
    "<h1>A year of brewing cider in a tiny garden shed</h1>\n<p>By Ola Brandt</p>\n"
    "<h2>What the apples cost</h2>\n<p>Less than I feared.</p>\n"
    "<h2>Twelve months of cider in a small shed</h2>\n<p>It was worth it.</p>\n"
)


def test_twelve_months_reads_as_a_year_and_tiny_as_small():
    assert found(TWELVE_MONTHS, "cider.html") == [("headlines.Repeated", 5, 5)]


def test_equivalents_are_rule_data():
    config = Config(rules={"headlines.Repeated": {"equivalents": [], "related_words": "none"}})
    # Turned off, "twelve months" is two words the title lacks and "tiny" no longer matches "small".
    assert found(TWELVE_MONTHS, "cider.html", config=config) == []


def test_a_malformed_equivalent_is_a_config_error():
    from copydesk.kinds._common import KindError
    from copydesk.kinds.headlines import Repeated
    from copydesk.rules import builtin_packs_dir, load_rule_file

    rule = load_rule_file(builtin_packs_dir() / "headlines" / "Repeated.yml", "headlines")
    rule.options["equivalents"] = ["twelve months"]
    with pytest.raises(KindError, match="equivalent"):
        Repeated(rule)


def test_a_label_recurring_after_each_topic_is_no_repeat():
    topics = "".join(
        f"### {name}\n\nAbout {name.lower()}.\n\n### Further reading\n\nTwo links.\n\n"
        for name in ("How it looks", "How it reads", "How it loads")
    )
    text = f"# Keeping a site healthy\n\nThree checks.\n\n## Step one: check the pages\n\n{topics}"
    assert found(text, "site.md") == []
    # Printed twice by mistake, a sub-heading is still reported.
    twice = "# Keeping a site healthy\n\nThree checks.\n\n## Further reading\n\nA.\n\n## Costs\n\nB.\n\n## Further Reading\n"
    assert found(twice, "site.md") == [("headlines.Repeated", 13, 4)]
