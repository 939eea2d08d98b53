"""Classes left after the first blind round (headlines, markup, hygiene, readability), each in the formats
it occurs in, with the quiet cases beside it. Drafts written for these tests in our own words; every
assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.config import Config


def found(text, path, prefix):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(prefix)]


def messages(text, path, rule):
    return [d.message for d in lint_text(text, path) if d.rule == rule]


# --------------------------------------------------------------------------------------------------
# Headlines
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        (
            "notes.md",
            "# Parser 4.0 notes\n\nA short intro.\n\n## Known issues\n\nNone yet.\n\n## Upgrade steps\n\n"
            "Run the tool.\n\n## Known Issues\n\nOne, in fact.\n",
            13,
            4,
        ),
        (
            "notes.html",
            "<h1>Parser 4.0 notes</h1>\n<p>A short intro.</p>\n<h2>Known issues</h2>\n<p>None.</p>\n"
            "<h2>Upgrade steps</h2>\n<p>Run it.</p>\n<h2>known issues</h2>\n<p>One.</p>\n",
            7,
            5,
        ),
    ],
)
def test_two_word_subheading_printed_twice(path, text, line, col):
    assert found(text, path, "headlines.Repeated") == [("headlines.Repeated", line, col)]


def test_two_word_subheadings_under_different_parents_are_parallel_sections():
    text = (
        "# Two releases\n\nIntro.\n\n## Version 2\n\n### Known issues\n\nNone.\n\n"
        "## Version 3\n\n### Known issues\n\nOne.\n"
    )
    assert found(text, "notes.md", "headlines.Repeated") == []


def test_two_word_subheadings_that_differ_are_not_repeats():
    text = "# Notes\n\nIntro.\n\n## Known issues\n\nNone.\n\n## Known limits\n\nSome.\n"
    assert found(text, "notes.md", "headlines.Repeated") == []


def test_short_subheading_repeats_can_be_turned_off():
    text = "# Notes\n\nIntro.\n\n## Known issues\n\nNone.\n\n## Other\n\nx\n\n## Known issues\n\nOne.\n"
    cfg = Config(rules={"headlines.Repeated": {"min_subheading_words": 0}})
    assert [d for d in lint_text(text, "notes.md", config=cfg) if d.rule == "headlines.Repeated"] == []


def test_capitals_subheading_in_plain_text_is_not_all_caps_finding():
    text = (
        "Ferry timetable changes on Monday\n\n"
        "The morning boats leave ten minutes earlier from next week.\n\n"
        "WHAT COMMUTERS SHOULD KNOW\n\n"
        "Season tickets stay valid on every sailing.\n"
    )
    assert found(text, "notice.txt", "headlines.AllCaps") == []


def test_capitals_heading_in_markdown_is_still_reported():
    text = "# Ferry timetable changes\n\nBoats leave earlier.\n\n## WHAT COMMUTERS SHOULD KNOW\n\nTickets stay valid.\n"
    assert found(text, "notice.md", "headlines.AllCaps") == [("headlines.AllCaps", 5, 4)]


def test_opposite_pairs_and_stop_words_are_rule_data():
    # Built in: "open"/"close" tell two otherwise alike headings apart.
    text = (
        "# Pool opens on Monday for the summer\n\nThe pool is ready.\n\n"
        "## Pool closes on Monday for the summer\n\nIt shuts for repairs.\n"
    )
    assert found(text, "pool.md", "headlines.Repeated") == []
    # A config that replaces the opposite pairs with one that does not know open/close: now a repeat.
    cfg = Config(rules={"headlines.Repeated": {"opposites": ["arrive, depart"]}})
    got = [
        (d.rule, d.line, d.column)
        for d in lint_text(text, "pool.md", config=cfg)
        if d.rule == "headlines.Repeated"
    ]
    assert got == [("headlines.Repeated", 5, 4)]


def test_a_bare_on_in_a_yaml_word_list_is_a_config_error(tmp_path):
    from copydesk.rules import Option

    with pytest.raises(ValueError, match="quote words"):
        Option("list").coerce(["in", True])


# --------------------------------------------------------------------------------------------------
# Markup
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        ("page.html", "<p>The gates open at noon./p>\n<p>Parking is free.</p>\n", 1, 27),
        ("post.md", "The gates open at noon./p>\n\nParking is free.\n", 1, 24),
        ("post.txt", "The gates open at noon./li>\n\nParking is free.\n", 1, 24),
    ],
)
def test_end_tag_that_lost_its_angle_bracket(path, text, line, col):
    assert found(text, path, "markup.MangledTag") == [("markup.MangledTag", line, col)]


def test_end_tag_cut_off_at_a_markdown_line_end():
    text = "## Getting there\n\nTake the number 9 bus to the last stop.</li\n\nWalk north for five minutes.\n"
    assert found(text, "post.md", "markup.MangledTag") == [("markup.MangledTag", 3, 40)]


def test_end_tag_split_over_two_lines_in_markdown_is_html_not_a_cut_tag():
    text = "<div>\nTake the bus.</div\n>\n\nWalk north.\n"
    assert found(text, "post.md", "markup.MangledTag") == []


def test_css_child_selector_and_comparison_in_html_text_are_quiet():
    html = "<p>Style it with ul > li and note that 3 > 2.</p>\n<pre><code>a./p></code></pre>\n"
    assert found(html, "page.html", "markup.MangledTag") == []


def test_unclosed_attribute_quote_does_not_also_report_every_open_element():
    html = (
        '<section class="news">\n<ul>\n<li>Tickets are <a href="/t" class=\'cheap">on sale</a> now.</li>\n'
        "</ul>\n<p>Doors open at six.</p>\n</section>\n"
    )
    got = found(html, "page.html", "markup.")
    assert got == [("markup.BrokenTag", 3, 17)]


def test_element_left_open_in_a_fragment_is_still_reported():
    html = "<section>\n<ul>\n<li>One</li>\n</section>\n"
    assert ("markup.UnclosedElement", 2, 1) in found(html, "page.html", "markup.")


# --------------------------------------------------------------------------------------------------
# Hygiene
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        ("post.txt", "Road reopens\n\nCrews finished early.\n\nShare | Email | Print this article\n", 5, 1),
        ("post.md", "Crews finished early.\n\nTweet · Share on Facebook · Back to top\n", 3, 1),
        ("post.html", "<p>Crews finished early.</p>\n<p>Print this page | Back to top</p>\n", 2, 4),
    ],
)
def test_share_and_navigation_bars(path, text, line, col):
    assert found(text, path, "hygiene.Residue") == [("hygiene.Residue", line, col)]


def test_a_list_of_real_words_between_bars_is_not_a_share_bar():
    text = "Crews finished early.\n\nRoads | Bridges | Parks\n"
    assert found(text, "post.md", "hygiene.Residue") == []


def test_comment_count_in_a_byline_is_reported_alone():
    text = "Road reopens early\n\nBy Ama Boateng | March 3 | 112 comments\n\nCrews finished early.\n"
    diags = [d for d in lint_text(text, "post.txt") if d.rule == "hygiene.Residue"]
    assert [(d.line, d.column, d.end_column) for d in diags] == [(3, 28, 40)]
    assert "'112 comments'" in diags[0].message


def test_comment_count_inside_a_sentence_is_prose():
    text = "The plan drew 112 comments from residents before the vote.\n"
    assert found(text, "post.md", "hygiene.Residue") == []


@pytest.mark.parametrize(
    ("path", "text", "line", "col"),
    [
        (
            "page.html",
            '<div class="consent">This website uses cookies to measure traffic. Accept or decline.</div>\n'
            "<h1>Road reopens</h1>\n<p>Crews finished early.</p>\n",
            1,
            22,
        ),
        (
            "post.md",
            "We use cookies so the site remembers you. OK\n\n# Road reopens\n\nCrews finished.\n",
            1,
            1,
        ),
    ],
)
def test_cookie_notice(path, text, line, col):
    assert found(text, path, "hygiene.Residue") == [("hygiene.Residue", line, col)]


def test_story_about_cookies_is_not_a_notice():
    text = "Regulators said many sites ignore the rules. We use cookies as an example in this guide.\n"
    assert found(text, "post.md", "hygiene.Residue") == []


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        (
            "post.md",
            "Crews finished early.\n\nFound this useful? Get our weekly roundup in your inbox. "
            "[Subscribe here](https://example.org/s)\n",
            3,
        ),
        (
            "post.txt",
            "Crews finished early.\n\nWant more? Sign up and get every new story by email on Fridays.\n",
            3,
        ),
    ],
)
def test_subscribe_call_after_a_short_question(path, text, line):
    assert found(text, path, "hygiene.Residue") == [("hygiene.Residue", line, 1)]


def test_link_to_the_author_s_own_page_is_not_a_call_to_action():
    text = (
        "Crews finished early.\n\nQuestions? Read [our newsletter archive](https://example.org/a) for more.\n"
    )
    assert found(text, "post.md", "hygiene.Residue") == []


@pytest.mark.parametrize(
    ("text", "line", "col", "here", "there"),
    [
        (
            "The favourite trail is closed. Our favorite trail reopens, and the favorite lot too.\n",
            1,
            5,
            "favourite",
            "favorite",
        ),
        (
            "We organised the list. Then we organized the map, and organized the rest.\n",
            1,
            4,
            "organised",
            "organized",
        ),
        (
            "They travelled by bus. She traveled by train, and he traveled by car.\n",
            1,
            6,
            "travelled",
            "traveled",
        ),
        ("The theatre opens. The theater is new, and the theater seats 300.\n", 1, 5, "theatre", "theater"),
        ("Ask a co-owner. Each coowner signs, and the coowner pays.\n", 1, 7, "co-owner", "coowner"),
        ("The data set is big. The dataset has rows, and the dataset grows.\n", 1, 5, "data set", "dataset"),
    ],
)
def test_spelling_pairs_derived_by_rule(text, line, col, here, there):
    diags = [d for d in lint_text(text, "post.md") if d.rule == "hygiene.Spellings"]
    assert [(d.line, d.column) for d in diags] == [(line, col)]
    assert f"'{here}'" in diags[0].message and f"'{there}'" in diags[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Log in first. The login page is slow.\n",
        "We meet every day. It is an everyday thing.\n",
        "The four of us came for the view.\n",
        "Tools can work around the bug. The workaround is easy.\n",
        "See designsystem.digital.gov for the design system.\n",
        "The CODEOWNERS file lists code owners.\n",
        "Which tier of tire fits the car?\n",
    ],
)
def test_spelling_pairs_that_are_two_words(text):
    assert found(text, "post.md", "hygiene.Spellings") == []


def test_doubled_by_after_a_participle_is_a_typo():
    text = "Files without the flag are skipped by by the tool.\n"
    assert found(text, "post.md", "hygiene.Doubled") == [("hygiene.Doubled", 1, 36)]


# --------------------------------------------------------------------------------------------------
# Readability
# --------------------------------------------------------------------------------------------------

PLAIN = (
    "The library opens at nine on weekdays. You can borrow six books at a time. "
    "Kids can join the reading club for free. The staff can help you find a book. "
    "Bring a card with your name on it. We also lend tools, games and bikes. "
)
DENSE = (
    "The consolidated institutional reorganization necessitates comprehensive reconsideration of "
    "interdepartmental accountability mechanisms, notwithstanding considerable administrative "
    "complexity, organizational heterogeneity and operational interdependencies across municipal "
    "jurisdictions. Implementation responsibilities consequently necessitate institutionalized "
    "collaborative prioritization, comprehensive documentation and systematic evaluation."
)


def test_one_dense_paragraph_in_a_plain_draft():
    text = f"{PLAIN}\n\n{PLAIN}\n\n{DENSE}\n\n{PLAIN}\n"
    got = found(text, "post.md", "readability.")
    assert ("readability.ParagraphGrade", 5, 1) in got
    assert not any(rule == "readability.GradeLevel" for rule, _, _ in got)


def test_draft_dense_throughout_gets_one_draft_finding_not_one_per_paragraph():
    text = "\n\n".join([DENSE] * 5) + "\n"
    got = found(text, "memo.md", "readability.")
    assert [g for g in got if g[0] in ("readability.GradeLevel", "readability.ParagraphGrade")] == [
        ("readability.GradeLevel", 1, 1)
    ]


def test_html_element_names_are_rule_data():
    text = "Put <x-map> on the page.\n"
    default = messages(text, "post.md", "markup.UnclosedElement")
    assert len(default) == 1 and "is no HTML element" in default[0]
    cfg = Config(rules={"markup.LiteralTag": {"elements": {"add": ["x-map"]}}})
    custom = [d for d in lint_text(text, "post.md", config=cfg) if d.rule == "markup.UnclosedElement"]
    assert [(d.line, d.column) for d in custom] == [(1, 5)]
    assert "is no HTML element" not in custom[0].message


def test_block_element_open_across_markdown_paragraphs_renders_as_meant():
    text = (
        'The map shows the route. <figure><img src="m.png" alt="Route"><figcaption>\n\n'
        "_The new route, from the depot to the pier_</figcaption></figure>\n\n"
        "<blockquote>Riders asked for this.\n\nIt took two years.</blockquote>\n"
    )
    assert found(text, "post.md", "markup.") == []


def test_inline_element_open_across_markdown_paragraphs_is_still_broken():
    text = 'Read <span class="x">the notice\n\nbefore</span> the vote.\n'
    assert found(text, "post.md", "markup.") == [
        ("markup.UnclosedElement", 1, 6),
        ("markup.StrayEndTag", 3, 7),
    ]
