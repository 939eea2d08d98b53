"""Round 5 sourcing classes: groups with a place or an indirect question, and statistics a draft's own
method does not cover.

Groups: a listed group noun followed by a place ("doubters in the shipping trade warn"), "some in the
<organisation> <verb>", and an indirect question after a verb of questioning or doubting ("have
questioned whether"), in any tense. Statistics: a figure about a population that the draft never
mentions again is not the sample of a method stated elsewhere in it; "the share of <group> ... has
fallen to N%"; the population's own verb ("riders say") is not a source; a bare percentage of any
plural as the subject of a finished event. "According to" two sentences up sources a figure.

Every draft below was written for these tests (a ferry, a repair café, bike thefts, a harbour); none
reuses the wording of the blind drafts, the rule examples or the issue. Each positive test checks the
rule id, line and column; each false-alarm class has a negative test of its own.
"""

from __future__ import annotations

import pytest

from copydesk import lint_text


def hits(text: str, path: str = "story.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


FERRY_MD = """\
# Harbour ferry adds a night crossing

The operator confirmed the timetable on Friday.

Doubters in the shipping trade warn that the late boat will run half empty.

Some in the fishing industry question whether the pier can take the extra traffic.

The first night sailing leaves at 23:10.

Regular passengers have long questioned whether a night boat was needed at all.
"""


def test_groups_with_a_place_or_an_indirect_question_in_markdown():
    assert hits(FERRY_MD) == [
        ("sourcing.WeaselSource", 5, 1),  # a listed group noun, then a place
        ("sourcing.WeaselSource", 7, 1),  # "some in the <field>" + "question whether"
        ("sourcing.WeaselSource", 11, 1),  # any plural for people, perfect + "whether"
    ]


def test_indirect_question_across_a_line_break_in_html():
    text = (
        "<html><body>\n<h1>Pier repairs</h1>\n<p>The pier reopened in June.</p>\n"
        "<p>Sceptics across the county\nhave questioned whether the repairs will last.</p>\n</body></html>\n"
    )
    assert hits(text, "pier.html") == [("sourcing.WeaselSource", 4, 4)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Many crews wonder whether to sail before the storm.",  # a choice weighed, not a claim
        "Economists at the Bank of England warn that the levy will slow lending.",  # an organisation
        "Some agencies consider whether to adopt the standard.",
    ],
)
def test_groups_that_are_not_vague_sources(sentence):
    assert hits(f"# Notes\n\nThe board met on Monday.\n\n{sentence}\n") == []


def test_others_after_a_counted_group_still_point_back_to_it():
    text = "# Form\n\nNine volunteers tried the new form.\nOthers questioned whether the labels were clear.\n"
    assert hits(text) == []


REPAIR_CAFE_TXT = """\
Our first winter running the repair cafe

We asked every visitor at the door what they had brought.

Most of the repairs were lamps and toasters.

Nearly a third of households throw away a small appliance each year.

Two in three visitors came back with a second item.
"""


def test_own_method_covers_its_sample_not_a_population_named_once_in_plain_text():
    # "visitors" is the group the writer counted; "households" appear nowhere else in the draft.
    assert hits(REPAIR_CAFE_TXT, "cafe.txt") == [("sourcing.UnsourcedStatistic", 7, 1)]


def test_own_method_in_the_same_paragraph_still_sources_the_figure():
    text = "# Meters\n\nWe interviewed 80 owners in May. Nearly half of homeowners had a smart meter.\n"
    assert hits(text) == []


BIKES_HTML = """\
<html><body>
<h1>Bike thefts in Corran</h1>
<p>The town added forty new racks in March.</p>
<p>More than 60% of reported bikes were never returned to their owners.</p>
<p>Police have added patrols near the station.</p>
<p>The share of cyclists who lock both wheels has fallen to 30 percent.</p>
<p>The council plans more racks by the library.</p>
<p>Three in ten riders say they no longer park in the square.</p>
</body></html>
"""


def test_statistic_shapes_in_html():
    assert hits(BIKES_HTML, "bikes.html") == [
        ("sourcing.UnsourcedStatistic", 4, 4),  # a bare percentage of things, as a finished event
        ("sourcing.UnsourcedStatistic", 6, 4),  # the share of a group, and where it moved to
        ("sourcing.UnsourcedStatistic", 8, 4),  # "riders say": the population's own verb is no source
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Three in ten riders told the council's travel survey they no longer park in the square.",
        "The share of the vote fell to 30 percent.",  # a vote is not a population
        "We timed the builds. About 40% of jobs failed on the first try.",  # the writer's own data
        "About 40% of the budget went on repairs, the treasurer said.",
        "According to the harbour board's count, landings fell by a fifth in May. The quay was quiet "
        "for weeks. Nearly half of skippers now fish part time.",  # "according to" two sentences up
    ],
)
def test_sourced_or_not_a_population(paragraph):
    assert hits(f"# Figures\n\nThe report came out in June.\n\n{paragraph}\n") == []


def test_a_source_noun_with_a_plain_object_is_not_speech():
    text = "# Patrols\n\nOfficials added that more patrols would follow.\n\nPolice have added patrols near the station.\n"
    assert hits(text) == [("sourcing.AnonymousSource", 3, 1)]


def test_bare_percentage_only_as_the_subject():
    text = "# Racks\n\nThe racks held bikes in May.\n\nThe town said that racks held 60% of parked bikes counted.\n"
    assert hits(text) == []


def test_the_last_subject_of_a_condition_is_not_a_vague_group():
    text = (
        "# Schedule\n\nWe publish on Mondays.\n\n"
        "We may move a date if page views, error reports, or other signals of reader demand reveal that "
        "a change is needed.\n"
    )
    assert hits(text) == []


def test_a_group_quoted_with_a_link_right_after_is_sourced():
    text = (
        "# Ledgers\n\nThe pilot ended in May.\n\n"
        "Shared ledgers may stay niche for years, according to some analysts. "
        "“[Most pilots teach more about process than technology](https://example.org/ledgers).”\n\n"
        "Shared ledgers may stay niche for years, according to some analysts.\n"
    )
    assert hits(text) == [("sourcing.WeaselSource", 7, 42)]
