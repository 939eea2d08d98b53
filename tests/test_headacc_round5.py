"""Headline, hygiene and readability classes of the fifth round: an h1 printed again as an h2 in HTML, a
sub-heading repeated with a light head noun, front matter after blank lines, parallel parts of a long
guide, a name with a parenthetical in a case-style check; and the quiet case beside each class. Drafts
written for these tests; every assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text


def found(text, path, rule):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def rules_of(text, path, family):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(family + ".")]


# --------------------------------------------------------------------------------------------------
# Headlines
# --------------------------------------------------------------------------------------------------


def test_html_h1_printed_again_as_h2_is_a_repeat():
    text = (
        "<div>\n<h1>Harbour trust hands back whaling logbooks</h1>\n"
        "<h2>Harbour trust hands back whaling logbooks</h2>\n<p>The books left on Friday.</p>\n</div>\n"
    )
    assert found(text, "story.html", "headlines.Repeated") == [("headlines.Repeated", 3, 5)]


def test_html_title_echoed_by_h1_stays_quiet():
    text = (
        "<html><head><title>Harbour trust hands back whaling logbooks</title></head>\n<body>\n"
        "<h1>Harbour trust hands back whaling logbooks</h1>\n<p>The books left on Friday.</p>\n</body></html>\n"
    )
    assert found(text, "story.html", "headlines.Repeated") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("The trial", "The trial scheme"), ("Our rollout", "Our rollout process")],
)
def test_sub_heading_again_with_a_light_head_noun(first, second):
    text = (
        "# Bus lanes open on the ring road\n\nThey opened on Monday.\n\n"
        f"## {first}\n\nSix months.\n\n## Who pays\n\nThe city.\n\n## {second}\n\nMore text.\n"
    )
    assert found(text, "bus.md", "headlines.Repeated") == [("headlines.Repeated", 13, 4)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The gateway", "The gateway logs"),  # a noun that names another thing
        ("Sign-up limits", "Sign-up limits for schools"),  # a qualifying phrase
    ],
)
def test_sub_heading_with_another_noun_is_a_new_section(first, second):
    text = (
        "# Bus lanes open on the ring road\n\nThey opened on Monday.\n\n"
        f"## {first}\n\nSix months.\n\n## Who pays\n\nThe city.\n\n## {second}\n\nMore text.\n"
    )
    assert found(text, "bus.md", "headlines.Repeated") == []


def test_light_head_noun_under_another_parent_is_a_parallel_section():
    text = (
        "# Two depots trial electric buses\n\nIntro.\n\n## North depot\n\n### The trial\n\nText.\n\n"
        "## South depot\n\n### The trial scheme\n\nText.\n"
    )
    assert found(text, "bus.md", "headlines.Repeated") == []


def test_same_section_name_in_two_numbered_parts_is_parallel():
    text = (
        "# Measuring a public website\n\nIntro.\n\n## Part 1: What to measure\n\nText.\n\n"
        "## Page speed numbers\n\nText.\n\n## Visitor surveys\n\nText.\n\n"
        "## Part 2: How to report\n\nText.\n\n## Page speed numbers\n\nText.\n"
    )
    assert found(text, "guide.md", "headlines.Repeated") == []


def test_same_section_name_twice_within_one_part_is_still_a_repeat():
    text = (
        "# Measuring a public website\n\nIntro.\n\n## Part 1: What to measure\n\nText.\n\n"
        "## Page speed numbers\n\nText.\n\n## Visitor surveys\n\nText.\n\n## Page speed numbers\n\nText.\n"
    )
    assert found(text, "guide.md", "headlines.Repeated") == [("headlines.Repeated", 17, 4)]


def test_front_matter_after_blank_lines_is_front_matter():
    text = (
        "\n---\ntitle: Ferry timetable changes for winter\n\n# Comment line in the YAML\ntags:\n"
        "  - ferries\n---\n\nThe winter timetable starts in November.\n"
    )
    diags = lint_text(text, "ferry.md")
    assert [d for d in diags if d.rule.startswith("headlines.")] == []
    # The YAML comment is not a heading and the title is the front-matter title.
    assert [d.rule for d in diags if d.line < 9] == []


def test_front_matter_after_blank_lines_still_repeats_its_title():
    text = "\n\n---\ntitle: Ferry timetable changes for winter\n---\n\n# Ferry timetable changes for winter\n\nText.\n"
    assert found(text, "ferry.md", "headlines.Repeated") == [("headlines.Repeated", 7, 3)]


def test_case_style_skips_a_parenthetical_descriptor():
    text = (
        "# Platforms for Creative Challenges\n\n## Criteria for Choosing a Platform\n\n"
        "## Platforms and Tools for the Contest\n\n### Tongal (GS partner via TopCoder)\n\n"
        "### Vimeo (video host for the entries)\n"
    )
    assert found(text, "c.md", "headlines.CaseStyle") == []


def test_case_style_still_reads_the_words_outside_the_parentheses():
    text = (
        "# Platforms for Creative Challenges\n\n## Criteria for Choosing a Platform\n\n"
        "## Platforms and Tools for the Contest\n\n## Where the entries are judged (video)\n"
    )
    assert found(text, "c.md", "headlines.CaseStyle") == [("headlines.CaseStyle", 7, 4)]
