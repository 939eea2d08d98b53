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
