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


# --------------------------------------------------------------------------------------------------
# Hygiene
# --------------------------------------------------------------------------------------------------


def test_double_space_in_figures_aligned_in_columns_is_quiet():
    text = "Tickets sold by quarter:\n\n- Adults     1,204   1,388\n- Children    310     402\n"
    assert found(text, "t.md", "hygiene.DoubleSpace") == []


def test_double_space_in_prose_with_a_number_is_still_reported():
    text = "The vote was 7 to 2.  It passed in May  after a recount.\n"
    assert found(text, "t.md", "hygiene.DoubleSpace") == [
        ("hygiene.DoubleSpace", 1, 21),
        ("hygiene.DoubleSpace", 1, 39),
    ]


def test_percent_style_ignores_figures_inside_quotations():
    text = (
        "About 30 percent of riders use the app. Use rose to 35 percent in May.\n\n"
        "\u201cNearly 50% of our calls are about fares,\u201d the manager said.\n"
    )
    assert found(text, "p.md", "hygiene.PercentStyle") == []


def test_percent_style_outside_quotations_still_reported():
    text = (
        "About 30 percent of riders use the app. Use rose to 35 percent in May.\n\n"
        "\u201cIt is busy,\u201d the manager said. Nearly 50% of calls are about fares.\n"
    )
    assert found(text, "p.md", "hygiene.PercentStyle") == [("hygiene.PercentStyle", 3, 40)]


def test_doubled_skips_words_mentioned_as_words():
    text = "Choose between _and_ or _or_ in a list, and write **not** not as a label.\n"
    assert found(text, "d.md", "hygiene.Doubled") == []


def test_doubled_still_reports_a_plain_slip_across_a_wrapped_line():
    text = "The fix is\nis ready. Join the [the riders' group](https://example.org) today.\n"
    assert found(text, "d.md", "hygiene.Doubled") == [("hygiene.Doubled", 1, 9), ("hygiene.Doubled", 2, 16)]


def test_doubled_skips_the_break_between_a_title_and_an_outlet_line():
    text = "Gale closes the ferry to Fenwick Isle\nFenwick Isle Courier\nBy Ana Price\n\nThe ferry stopped.\n"
    assert found(text, "g.txt", "hygiene.Doubled") == []


def test_doubled_across_a_break_in_body_prose_is_still_reported():
    text = "Gale closes the ferry\n\nThe ferry stopped at Fenwick Isle\nFenwick Isle was cut off for a day.\n"
    assert found(text, "g.txt", "hygiene.Doubled") == [("hygiene.Doubled", 3, 22)]


def test_space_before_mark_after_emoji_shortcode_is_quiet():
    assert found("You passed the exam :tada: !\n", "e.md", "hygiene.SpaceBeforePunctuation") == []


def test_space_before_mark_after_a_word_is_still_reported():
    text = "You passed the exam :tada: ! Well done .\n"
    assert found(text, "e.md", "hygiene.SpaceBeforePunctuation") == [
        ("hygiene.SpaceBeforePunctuation", 1, 39)
    ]


def test_unclosed_inline_code_in_html_ends_with_its_list_item():
    text = (
        "<ol>\n<li>Reload with <code>systemctl reload web.</li>\n</ol>\n"
        "<p>A reload is is safe during the day.</p>\n"
    )
    diags = lint_text(text, "run.html")
    assert [(d.rule, d.line, d.column) for d in diags if d.rule == "hygiene.Doubled"] == [
        ("hygiene.Doubled", 4, 13)
    ]
    assert ("markup.UnclosedElement", 2, 17) in [(d.rule, d.line, d.column) for d in diags]


def test_html_code_with_a_line_break_inside_stays_code():
    text = "<p>Run <code>make the<br>the install</code> now.</p>\n"
    assert found(text, "run.html", "hygiene.Doubled") == []


# --------------------------------------------------------------------------------------------------
# Readability: sentence units
# --------------------------------------------------------------------------------------------------


def _words(n, word="ferry"):
    return " ".join([word] * n)


def test_sentence_length_limit_is_35_words_in_the_pack():
    assert found(f"The {_words(33)} left.\n", "s.md", "readability.SentenceLength") == []
    assert found(f"The {_words(34)} left.\n", "s.md", "readability.SentenceLength") == [
        ("readability.SentenceLength", 1, 1)
    ]


def test_missing_space_after_full_stop_splits_two_sentences():
    from copydesk.analysis.sentences import split_sentences

    text = "The crew tested the pump.This keeps the deck dry. See data.gov and Node.js for more."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The crew tested the pump.",
        "This keeps the deck dry.",
        "See data.gov and Node.js for more.",
    ]


def test_glued_sentences_are_not_one_long_sentence():
    first, second = f"The {_words(24)} stopped", f"Each {_words(24)} waited."
    # A full stop with no space after it: two sentences of 26 words.
    assert found(f"{first}.{second}\n", "g.md", "readability.SentenceLength") == []
    # Joined by a comma they are one sentence of 53 words.
    assert found(f"{first}, and {second}\n", "g.md", "readability.SentenceLength") == [
        ("readability.SentenceLength", 1, 1)
    ]


def test_abbreviation_before_a_capital_is_not_a_glued_boundary():
    from copydesk.analysis.sentences import split_sentences

    text = "They met Dr.Grant at the dock."
    assert split_sentences(text) == [(0, len(text))]


def test_plain_text_list_of_lines_is_not_one_long_sentence():
    lines = "\n".join(f"Day {i}: {10 + i} km on the coast path" for i in range(1, 10))
    text = f"My walk\n\nMy daily distances, measured with my watch, were:\n{lines}\n"
    diags = lint_text(text, "walk.txt")
    assert [d for d in diags if d.rule in ("readability.SentenceLength", "readability.ParagraphLength")] == []


def test_plain_text_wrapped_prose_is_still_one_sentence():
    body = (
        "The ferry that runs from the north pier to the island left late on Monday because\n"
        "the crew waited for a part that had been sent by the yard in the city on the\n"
        "morning train and the engineer then had to fit it before the boat could sail again.\n"
    )
    assert found(f"Ferry late\n\n{body}", "f.txt", "readability.SentenceLength") == [
        ("readability.SentenceLength", 3, 1)
    ]


def test_line_units_apply_to_plain_text_only():
    lines = "\n".join(f"Day {i}: {10 + i} km on the path" for i in range(1, 8))
    text = f"# My walk\n\nMy daily distances were\n{lines}\n"
    assert found(text, "walk.md", "readability.SentenceLength") == [("readability.SentenceLength", 3, 1)]


# --------------------------------------------------------------------------------------------------
# The new options are validated like every other key
# --------------------------------------------------------------------------------------------------


def test_new_options_are_validated():
    from copydesk.config import Config
    from copydesk.engine import Linter
    from copydesk.rules import RuleError

    with pytest.raises(RuleError, match=r"DoubleSpace: invalid regular expression '\(unclosed'"):
        Linter(Config(rules={"hygiene.DoubleSpace": {"line_exceptions": ["(unclosed"]}}))
    with pytest.raises(RuleError, match="skip_quotations: expected true or false, got 'sometimes'"):
        Linter(Config(rules={"hygiene.PercentStyle": {"skip_quotations": "sometimes"}}))


def test_light_nouns_can_be_replaced_in_config():
    from copydesk.config import Config

    text = (
        "# Bus lanes open on the ring road\n\nThey opened on Monday.\n\n"
        "## The trial\n\nSix months.\n\n## Who pays\n\nThe city.\n\n## The trial scheme\n\nMore text.\n"
    )
    cfg = Config(rules={"headlines.Repeated": {"light_nouns": ["programme"]}})
    assert [d for d in lint_text(text, "bus.md", cfg) if d.rule == "headlines.Repeated"] == []
