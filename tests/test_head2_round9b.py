"""Headline classes of the ninth round's second pass: a sub-heading printed again with a tail noun that
names the same thing ("Schedule" / "Schedule of events", "Detours" / "Detour routes"), with "hours" said
as "times", and a product named by a brand and a model code that says nothing of a heading's case
style; each with a quiet twin. Drafts written for these tests; every assertion names the rule, line and
column."""

from __future__ import annotations

import pytest

from copydesk import lint_text


def found(text, path, rule="headlines.Repeated"):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def md_sections(first: str, second: str, title: str = "Kessock swimming pool closes for a month") -> str:
    """A Markdown draft: title, body, ``first`` (line 5), another section, ``second`` (line 13)."""
    return (
        f"# {title}\n\nThe pool shuts on 3 June.\n\n## {first}\n\nWork starts at eight.\n\n"
        f"## Who to call\n\nThe front desk.\n\n## {second}\n\nMore below.\n"
    )


@pytest.mark.parametrize(
    "first, second",
    [
        ("Schedule", "Schedule of events"),
        ("Detours", "Detour routes"),
        ("Sequence", "Sequence of events"),
        ("Visiting hours", "Visiting times"),
    ],
)
def test_sub_heading_again_with_a_tail_noun_markdown(first, second):
    assert found(md_sections(first, second), "pool.md") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Schedule", "Schedule of repairs"),  # another noun: another section
        ("Detours", "Detour signs"),
        ("Visiting hours", "Visiting rules"),
        ("The API", "The API key"),
    ],
)
def test_sub_heading_with_another_tail_is_quiet(first, second):
    assert found(md_sections(first, second), "pool.md") == []


def test_sub_heading_again_with_a_tail_noun_plain_text():
    text = (
        "Kessock swimming pool closes for a month\n"
        "Posted by the leisure team on 2 May 2025\n\n"
        "The pool shuts on 3 June for new tiles.\n\n"
        "Detours\n\n"
        "The footpath by the pool is closed; walkers go round by the library.\n\n"
        "Who to call\n\n"
        "The front desk answers on weekdays.\n\n"
        "Detour routes\n\n"
        "Cyclists can use the towpath.\n"
    )
    assert found(text, "pool.txt") == [("headlines.Repeated", 14, 1)]


def html_page(h2s: list[str]) -> str:
    body = "".join(f"<h2>{h}</h2>\n<p>Some words under it.</p>\n" for h in h2s)
    return f"<h1>How to set up your thermostat</h1>\n<p>It takes ten minutes.</p>\n{body}"


def test_brand_and_model_code_say_nothing_of_case_style():
    page = html_page(
        ["Finding the wall unit", "Pairing the Tarn K4", "Pairing the Velle Q9", "If the screen stays blank"]
    )
    assert found(page, "help.html", "headlines.CaseStyle") == []


def test_title_case_heading_with_no_model_code_is_reported():
    page = html_page(
        [
            "Finding the wall unit",
            "Pairing The Wall Unit",
            "Setting the weekly plan",
            "If the screen stays blank",
        ]
    )
    assert found(page, "help.html", "headlines.CaseStyle") == [("headlines.CaseStyle", 5, 5)]


def kicker_page(line: str) -> str:
    return (
        "<h1>Dunmore tenants win a rent freeze for two years</h1>\n"
        "<p>Tenants on the Dunmore estate will pay the same rent until 2027.</p>\n"
        f"<p>{line}</p>\n"
        "<p>The landlord had asked for a rise of 6 per cent.</p>\n"
    )


def test_kicker_line_restating_the_title_is_reported():
    line = "Landlord gives way: Dunmore rent stays put until 2027"
    assert found(kicker_page(line), "rent.html") == [("headlines.Repeated", 3, 4)]


@pytest.mark.parametrize(
    "line",
    [
        "Landlord gives way: Dunmore rent stays put until 2027.",  # a sentence, with its full stop
        "Next meeting: the hall on Tuesday at seven",  # a label and one shared word at most
    ],
)
def test_kicker_line_quiet_twins(line):
    assert found(kicker_page(line), "rent.html") == []


def test_kicker_line_under_a_what_we_learned_title_markdown():
    text = (
        "---\ntitle: What we learned moving our billing jobs to a queue\n---\n\n"
        "The jobs ran on cron for six years.\n\n"
        "Moving billing onto the queue: lessons from the switch\n\n"
        "## Why we moved\n\nCron could not retry.\n"
    )
    assert found(text, "queue.md") == [("headlines.Repeated", 7, 1)]


def test_kicker_line_with_a_time_word_is_still_a_restatement():
    line = "Landlord gives way: Dunmore rent frozen from next week"
    assert found(kicker_page(line), "rent.html") == [("headlines.Repeated", 3, 4)]


PLAIN_ESSAY = (
    "Rural clinics and the future of village healthcare\n"
    "Essay by Morag Tulloch\n\n"
    "Small surgeries close every year across the hill country.\n\n"
    "The nearest doctor is now forty minutes away for many.\n\n"
    "{line}\n\n"
    "Funding follows patients, and patients are few.\n"
)


def test_kicker_heading_line_of_a_plain_text_restating_the_title():
    text = PLAIN_ESSAY.format(line="Saving the village surgery: a case for rural clinics")
    assert found(text, "essay.txt") == [("headlines.Repeated", 8, 1)]


def test_colon_headings_of_a_markdown_draft_are_section_labels():
    text = (
        "# How a week of pairing moved our clinic booking forward\n\nWe paired for a week.\n\n"
        "## Background: the booking clinic\n\nIt took calls.\n\n"
        "## The pairing week: from booking form to prototype\n\nFive days.\n"
    )
    assert found(text, "pairing.md") == []


@pytest.mark.parametrize(
    "line, path",
    [
        ("**Dunmore estate: a rent freeze explained**", "rent.md"),
        ("_Landlord gives way: Dunmore rent stays put_", "rent.md"),
        ("LANDLORD GIVES WAY: DUNMORE RENT STAYS PUT", "rent.md"),
    ],
)
def test_kicker_line_set_as_a_label_is_quiet(line, path):
    text = (
        "# Dunmore tenants win a rent freeze for two years\n\n"
        "Tenants on the Dunmore estate will pay the same rent until 2027.\n\n"
        f"{line}\n\nThe landlord had asked for a rise of 6 per cent.\n"
    )
    assert found(text, path) == []


@pytest.mark.parametrize(
    "line",
    ["Also read: Dunmore rent row goes to a tribunal", "Editor's note: Dunmore rent figures corrected"],
)
def test_kicker_line_pointing_elsewhere_is_quiet(line):
    assert found(kicker_page(line), "rent.html") == []
