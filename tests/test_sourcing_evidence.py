"""Unsourced statistics and unnamed studies: the shapes a figure is written in, and what sources it.

Every draft here was written for these tests (ferry, library, dairy, bakery and software stories); none
reuses the wording of the blind drafts, the rule examples or the issue. Positive tests check the rule id,
line and column in Markdown, HTML and plain text; each false-alarm class has a negative test.
"""

from __future__ import annotations

import pytest

from copydesk import lint_text


def hits(text: str, path: str = "story.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


def col(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


STAT = "sourcing.UnsourcedStatistic"
STUDY = "sourcing.UnnamedStudy"


# ---------------------------------------------------------------------------------------------------
# Shapes of a statistic


@pytest.mark.parametrize(
    "sentence, needle",
    [
        ("The ferry now sails at dawn. Roughly one commuter in four misses the first boat.", "Roughly one"),
        ("The ferry now sails at dawn. Only three pensioners in ten hold a travel pass.", "Only three"),
        ("The ferry now sails at dawn. Nearly three-fifths of Scottish islanders own a car.", "Nearly"),
        ("The ferry now sails at dawn. Island nurses spend almost half of their shift travelling.", "Island"),
        ("The ferry now sails at dawn. The number of island renters has doubled since 2015.", "The number"),
        (
            "The ferry now sails at dawn. Island teenagers are twice as likely to leave for the city.",
            "Island",
        ),
        (
            "The ferry now sails at dawn. About 45 percent of small shopkeepers in the UK close on Mondays.",
            "About",
        ),
    ],
)
def test_statistic_shapes_without_a_source(sentence, needle):
    text = f"{sentence}\n"
    assert hits(text) == [(STAT, 1, col(text, 1, needle))]


def test_statistic_shapes_in_html_and_plain_text():
    html = (
        "<html><body>\n<h1>Library hours cut</h1>\n<p>The branch closes at six.</p>\n"
        "<p>Close to two thirds of Welsh households borrow at least one book a year.</p>\n</body></html>\n"
    )
    assert hits(html, "story.html") == [(STAT, 4, col(html, 4, "Close"))]
    txt = "Library hours cut\n\nThe branch closes at six.\n\nAbout one reader in three visits on Saturdays.\n"
    assert hits(txt, "story.txt") == [(STAT, 5, 1)]


@pytest.mark.parametrize(
    "text",
    [
        # counts of people in places, not a ratio
        "The plan covers about 1,800 dairy workers in 82 counties.\n",
        # a change that is not about a population
        "The ferry now sails at dawn. Fuel costs have doubled since 2015.\n",
        # a share of a thing, with a part verb
        "The ferry now sails at dawn. Members are half of its board.\n",
    ],
)
def test_not_a_statistic_about_a_population(text):
    assert hits(text) == []


# ---------------------------------------------------------------------------------------------------
# What sources a statistic


@pytest.mark.parametrize(
    "text",
    [
        # a citation after the figure
        "Dairy farms keep fewer cows. Nearly 40 percent of dairy farmers work alone (Table 3).\n",
        "Dairy farms keep fewer cows. Nearly 40 percent of dairy farmers work alone.[^1]\n\n[^1]: Farm census.\n",
        # a speech verb with its speaker
        "Dairy farms keep fewer cows. The inspector noted 40 percent of dairy farmers work alone.\n",
        # a named survey in the paragraph before, as its subject
        "The county's annual farm survey came out in May.\n\nNearly 40 percent of dairy farmers work alone.\n",
        # a linked list lead-in sources every item and every sentence of it
        "The [dairy board](https://example.org/board) lists the trends:\n\n"
        "- **Fewer herds.** Nearly 40 percent of dairy farmers work alone.\n"
        "- **Older owners.** About a third of farm owners are over 65.\n",
        # a product's own audience, in a draft about its own site
        "We rebuilt our site this spring. About 25 percent of visitors come back within a week.\n",
        # the writer's own sample, measured and reported in the past tense
        "We tracked 40 bakeries for a month. Bakers lost about a fifth of their flour to waste.\n",
    ],
)
def test_sourced_statistics(text):
    assert hits(text) == []


def test_data_word_used_as_a_verb_or_in_passing_does_not_source():
    # "agreed to study" is a verb; "sensitive data" is no data set cited for the figure
    text = (
        "The council agreed to study the proposal.\n\n"
        "Around 70 percent of local drivers park on the street.\n\n"
        "The leak exposed the most sensitive data the clinic holds.\n\n"
        "Around 60 percent of clinic owners lack two-factor logins.\n"
    )
    assert hits(text) == [(STAT, 3, 1), (STAT, 7, 1)]


def test_data_cited_for_one_claim_does_not_source_the_next_paragraph():
    text = (
        "The new route costs £2 million a year, according to a report by the harbour master.\n\n"
        "Around one resident in five has never used the ferry.\n"
    )
    assert hits(text) == [(STAT, 3, 1)]


def test_own_method_does_not_source_a_national_figure_or_a_present_habit():
    method = "We measured heat loss in 30 flats last winter.\n\n"
    text = method + "Roughly half of British tenants never adjust their radiators.\n"
    assert hits(text) == [(STAT, 3, 1)]
    text = method + "Office workers lose close to a quarter of their day to email.\n"
    assert hits(text) == [(STAT, 3, 1)]
    text = method + "Tenants lost close to a quarter of their heat through the windows.\n"
    assert hits(text) == []  # what the writer's own sample did, in the past tense


def test_a_run_needs_a_figure_about_a_group_before_it():
    # "fell by 11 percent" is a change, not a figure about a group: the next figure still needs a source
    text = "Bills fell by 11 percent after the refit.\n\nNearly half of Irish homes still burn peat.\n"
    assert hits(text) == [(STAT, 3, 1)]


def test_running_a_race_is_not_a_method():
    # "I ran" is not "we ran a survey": the figure needs a source
    text = "I ran my first 10K in May.\n\nAbout 30% of people who enter a marathon never start it.\n"
    assert hits(text) == [(STAT, 3, 1)]
    text = "We ran a survey of 200 members in May.\n\nAbout 30% of members never start a race.\n"
    assert hits(text) == []


# ---------------------------------------------------------------------------------------------------
# Unnamed studies


def test_published_with_no_outlet_names_no_study():
    text = "The ice shelf thinned again.\n\nResearch published this spring suggests the shelf could split.\n"
    assert hits(text) == [(STUDY, 3, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Research published in Nature this spring suggests the shelf could split.\n",
        "A study conducted by the polar institute found the shelf could split.\n",
        "A study by the county extension office found the shelf could split.\n",
        # a vague study followed by a named, linked example
        "Several studies have found that links rot. A study in the "
        "[Law Review](https://example.org/rot) found, for example, that half of them failed.\n",
    ],
)
def test_named_or_exemplified_studies(text):
    assert hits(text) == []


def test_study_by_unnamed_others_is_unnamed():
    text = "The archive checked its links. Studies by other groups have found that links rot.\n"
    assert hits(text) == [(STUDY, 1, col(text, 1, "Studies"))]
