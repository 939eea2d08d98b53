"""Round 8 sourcing classes: agent nouns in "-ors"/"-ents" with a verb things do not do, a modifier that
sets a bare plural apart from a group counted before, a place named after a group, quantified groups in
the simple past, judging participles with an unnamed agent, unnamed sources at a place, statistics written
in words or as a fraction "of all", and "a.m."/"p.m." closing a sentence.

Every sentence below was written for these tests (a cider press, a lido, a ferry line, a bell foundry, a
quarry, a chess club, an allotment); none reuses the wording of the labeled drafts, the sentence banks or
the rule examples. Each positive asserts the rule id, line and column in Markdown, HTML or plain text; each
class has a quiet case of the same shape next to it.
"""

from __future__ import annotations

from copydesk import lint_text
from copydesk.analysis.sentences import split_sentences


def hits(text: str, path: str = "post.md") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith("sourcing.")]


def rules(text: str, path: str = "post.md", family: str = "readability.") -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(family)]


# --- Agent nouns in "-ors" and "-ents" ------------------------------------------------------------------


def test_ors_noun_with_a_speech_verb_and_a_clause():
    text = "# Press\n\nThe cider press moved to the barn.\n\nDistributors point out that the bottles leak.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_ents_noun_in_the_progressive_in_html():
    html = "<h1>Lido</h1>\n<p>Season tickets go on sale in May.</p>\n<p>Lifeguard agents are quietly betting that the pool stays shut.</p>\n"
    assert hits(html, "lido.html") == [("sourcing.WeaselSource", 3, 4)]


def test_ors_and_ments_nouns_with_verbs_things_do_stay_quiet():
    quiet = (
        "# Quarry\n\nBlasting resumes on Monday.\n\nMonitors indicate that the dust level is falling.\n\n"
        "Statements stress that the road stays open.\n"
    )
    assert hits(quiet) == []


# --- A modifier sets the group apart from one counted before --------------------------------------------


def test_modifier_makes_another_group_than_the_one_counted():
    text = (
        "Bell foundry\n\nLast year we turned away 40 exhibitors for lack of space.\n\n"
        "Veteran exhibitors insist the hall was always too small.\n"
    )
    assert hits(text, "foundry.txt") == [("sourcing.WeaselSource", 5, 1)]


def test_the_same_group_counted_before_stays_quiet():
    quiet = (
        "Bell foundry\n\nWe spoke to 40 exhibitors at the open day.\n\n"
        "Exhibitors insist the hall was always too small.\n"
    )
    assert hits(quiet, "foundry.txt") == []


# --- A place after a group names the place, not the group -----------------------------------------------


def test_a_place_after_the_group_does_not_name_it():
    text = "# Orchards\n\nThe frost came in April.\n\nGrowers in Somerset say the blossom was lost.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_an_affiliation_or_a_body_after_the_group_names_it():
    quiet = (
        "# Orchards\n\nThe frost came in April.\n\nGrowers at Brockwell Farms say the blossom was lost.\n\n"
        "Analysts in the Treasury say the subsidy will end.\n"
    )
    assert hits(quiet) == []


# --- Quantified groups in the simple past ---------------------------------------------------------------


def test_quantified_group_in_the_simple_past_before_a_clause():
    text = "# Chess club\n\nThe club moved to Thursdays.\n\nA few members grumbled online that the new room is cold.\n"
    assert hits(text) == [("sourcing.WeaselSource", 5, 1)]


def test_quantified_group_in_the_past_after_a_test_is_its_participants():
    quiet = (
        "# Booking form\n\nWe tested the booking form with nine volunteers in June. "
        "Several people noted that the date field was confusing.\n"
    )
    assert hits(quiet) == []


# --- Judging participles with an unnamed agent ----------------------------------------------------------


def test_judging_participle_needs_no_opinion_noun():
    text = "# Fares\n\nThe new ferry fare has been dismissed by commuters as a tax on islanders.\n"
    assert hits(text) == [("sourcing.WeaselSource", 3, 29)]


def test_conveying_participle_without_an_opinion_noun_stays_quiet():
    quiet = "# Fares\n\nTimetables shared by other operators are linked below.\n"
    assert hits(quiet) == []


# --- Unnamed sources at a place -------------------------------------------------------------------------


def test_sources_inside_a_body_and_an_unnamed_spokesperson_for_one():
    html = (
        "<p>Sources inside the harbour board say the ferry will be sold.</p>\n"
        "<p>An unnamed spokeswoman for the operator said refunds would follow.</p>\n"
    )
    found = hits(html, "ferry.html")
    assert found == [("sourcing.AnonymousSource", 1, 4), ("sourcing.AnonymousSource", 2, 4)]


def test_a_spokesperson_for_a_body_stays_quiet():
    quiet = "<p>A spokeswoman for the operator said refunds would follow.</p>\n"
    assert hits(quiet, "ferry.html") == []


def test_a_person_with_knowledge_of_something_is_a_described_anonymous_source():
    text = "Quarry\n\nSomeone with direct knowledge of the inquiry said the permit would lapse.\n"
    assert hits(text, "quarry.txt") == [("sourcing.DescribedAnonymousSource", 3, 1)]


# --- Statistics in words, fractions of "all" ------------------------------------------------------------


def test_percentage_in_words_and_a_ratio_with_a_large_number():
    text = (
        "# Allotments\n\nSeventy per cent of plot holders water by hand.\n\n"
        "The site has two taps and a shed.\n\n"
        "Barely one in twenty gardeners locks the shed.\n"
    )
    assert hits(text) == [("sourcing.UnsourcedStatistic", 3, 1), ("sourcing.UnsourcedStatistic", 7, 1)]


def test_fraction_of_all_without_an_approximation():
    text = "Parcels\n\nA quarter of all parcels sent before noon arrive a day late.\n"
    assert hits(text, "parcels.txt") == [("sourcing.UnsourcedStatistic", 3, 1)]


def test_population_speaking_past_a_place_cites_nobody():
    text = "# Ferries\n\nEight in ten passengers on the night crossing say the boat is late.\n"
    assert hits(text) == [("sourcing.UnsourcedStatistic", 3, 1)]


def test_counted_fraction_and_sourced_figure_stay_quiet():
    quiet = (
        "# Allotments\n\nHalf of the 24 plots went to new tenants.\n\n"
        "Seventy per cent of plot holders water by hand, according to the Allotment Society.\n"
    )
    assert hits(quiet) == []


# --- "a.m." and "p.m." close a sentence before a new one ------------------------------------------------


def test_time_abbreviation_ends_a_sentence_before_a_capitalised_word():
    text = "The lido opens at 7 a.m. and shuts at 8 p.m. Lockers cost a pound."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The lido opens at 7 a.m. and shuts at 8 p.m.",
        "Lockers cost a pound.",
    ]


def test_time_abbreviation_before_a_day_or_a_time_zone_goes_on():
    text = "The vote is at 3 p.m. Thursday. Results follow by 6 p.m. GMT on the website."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The vote is at 3 p.m. Thursday.",
        "Results follow by 6 p.m. GMT on the website.",
    ]


def test_two_short_sentences_joined_at_pm_are_not_one_long_sentence():
    text = (
        "Opening hours\n\n"
        "The lido runs every day from June through September, 7 a.m. to 8 p.m. "
        "Season tickets and day passes are sold at the kiosk by the gate, and our swim club still books "
        "the deep lane on Tuesdays.\n"
    )
    assert rules(text, "lido.txt", "readability.SentenceLength") == []
    joined = text.replace("8 p.m. Season", "8 p.m., and season")
    assert rules(joined, "lido.txt", "readability.SentenceLength") == [("readability.SentenceLength", 3, 1)]
