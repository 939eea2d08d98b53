"""Hygiene classes of the seventh round: scraper residue found by its shape in every format (a lone
button, a bar of linked share targets, a teaser label before a linked headline, a widget's own heading, a
breadcrumb, text inside an HTML widget or button, paywall meters, app and follow prompts) with a quiet
case beside each; and two doubled-word classes that are not slips (an intensifier doubled for emphasis,
a redundancy spelled out in parentheses after the quoted term). Drafts written for these tests; every
assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text

LEAD = "The harbour board met on Monday to set next year's mooring fees."
TAIL = "Fees for small boats will stay the same until April."


def found(text, path, rule):
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def draft(path: str, middle: str) -> str:
    if path.endswith(".html"):
        return f"<p>{LEAD}</p>\n\n{middle}\n\n<p>{TAIL}</p>\n"
    return f"{LEAD}\n\n{middle}\n\n{TAIL}\n"


# --------------------------------------------------------------------------------------------------
# hygiene.Residue: found by shape
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "middle", "col"),
    [
        # A single button on a line of its own, in each format.
        ("notice.txt", "Bookmark", 1),
        ("notice.md", "[Share](https://example.org/share?id=7)", 2),
        ("notice.md", "[Previous story ←](/harbour/older)", 2),
        ("notice.html", "<button type='button'>Copy link</button>", 23),
        # Linked share targets side by side, with or without a label.
        ("notice.md", "[Pinterest](https://example.org/pin) [Telegram](https://example.org/tg)", 2),
        ("notice.md", "Share: [Mastodon](https://example.org/m) / [Bluesky](https://example.org/b)", 1),
        ("notice.md", "[Sign in](/account) | [Create an account](/account/new)", 2),
        # A teaser label before a linked headline.
        ("notice.md", "**Don't miss:** [Ferry timetable changes from May](https://example.org/ferry)", 3),
        ("notice.html", '<p><b>Up next:</b> <a href="/x">Lifeboat crew wins national award</a></p>', 7),
        # A recommendation widget's own heading, even written as a heading.
        ("notice.md", "## Most popular", 4),
        ("notice.html", "<h4>Recommended stories</h4>", 5),
        # A breadcrumb.
        ("notice.txt", "Home > News > Harbour", 1),
        ("notice.md", "[Home](/) › [Local](/local) › [Boats](/local/boats)", 2),
        # Text inside an HTML widget, named by its class.
        ("notice.html", '<div class="social-share"><span>Send</span></div>', 33),
        ("notice.html", '<section id="gdpr-banner">Your choices matter to us.</section>', 27),
        # Paywall meters, app and follow prompts, account nudges, comment links.
        ("notice.txt", "You have two free stories left this week.", 1),
        ("notice.txt", "Download our app for tide warnings", 1),
        ("notice.txt", "Follow us on TikTok", 1),
        ("notice.txt", "Not a member yet? Sign in", 1),
        ("notice.md", "[Show all comments (41)](#comments)", 2),
    ],
)
def test_residue_found_by_shape(path, middle, col):
    assert found(draft(path, middle), path, "hygiene.Residue") == [("hygiene.Residue", 3, col)]


def test_a_stack_of_buttons_in_plain_text_is_residue_line_by_line():
    text = draft("notice.txt", "Email\nPrint\nCopy link")
    assert found(text, "notice.txt", "hygiene.Residue") == [
        ("hygiene.Residue", 3, 1),
        ("hygiene.Residue", 4, 1),
        ("hygiene.Residue", 5, 1),
    ]


@pytest.mark.parametrize(
    ("path", "middle"),
    [
        # Real sentences that use the same words.
        ("notice.txt", "Skippers can print the permit at home or collect it from the office."),
        ("notice.txt", "Download the tide tables from the board's website before you sail."),
        ("notice.txt", "Home is a cottage by the slipway, where she has lived for forty years."),
        ("notice.md", "Share prices of the ferry operator fell after the vote."),
        ("notice.html", "<p>Readers may email the board with questions about the new fees.</p>"),
        # An author's own cross-references and section headings.
        ("notice.md", "See also: [Mooring rules for visiting yachts](https://example.org/rules)"),
        ("notice.md", "Related: [the board's annual report](https://example.org/report)"),
        ("notice.md", "## Related work"),
        ("notice.md", "## Comments from skippers"),
        ("notice.html", "<h2>Further reading</h2>"),
        # A list of steps, a table cell and a one-word list item are the author's.
        ("notice.md", "- Print\n- Sign\n- Return the form by Friday"),
        ("notice.html", "<table><tr><td>Print</td><td>£2 per page</td></tr></table>"),
        # Bylines, captions and credits.
        ("notice.html", '<p class="byline">By Ruth Calder</p>'),
        ("notice.html", "<figcaption>Boats at the east quay. Photo: Ian Moss</figcaption>"),
        ("notice.txt", "By Ruth Calder, Harbour Reporter"),
        # A class name that merely contains a widget word, and a long paragraph inside a widget-like class.
        ("notice.html", '<p class="lead">Send your views to the board by Friday.</p>'),
        (
            "notice.html",
            '<div class="related-facts"><p>The harbour was dredged in 1998 and again in 2011, '
            "each time at a cost of more than two million pounds to the board and its members.</p></div>",
        ),
    ],
)
def test_residue_quiet_on_content(path, middle):
    assert found(draft(path, middle), path, "hygiene.Residue") == []


# --------------------------------------------------------------------------------------------------
# hygiene.Doubled: emphasis and spelled-out redundancies
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["a.md", "a.txt", "a.html"])
def test_doubled_intensifier_before_the_word_it_grades_is_emphasis(path):
    body = "The new ramp is a far far safer way down, and it cost much much less."
    text = f"<p>{body}</p>\n" if path.endswith(".html") else body + "\n"
    assert found(text, path, "hygiene.Doubled") == []


@pytest.mark.parametrize("path", ["a.md", "a.txt", "a.html"])
def test_doubled_slips_still_found_beside_the_quiet_classes(path):
    body = "It was very very cold, and the the crew stayed in port."
    text = f"<p>{body}</p>\n" if path.endswith(".html") else body + "\n"
    col = 4 if path.endswith(".html") else 1
    assert found(text, path, "hygiene.Doubled") == [
        ("hygiene.Doubled", 1, col + 7),
        ("hygiene.Doubled", 1, col + 27),
    ]


def test_doubled_redundancy_spelled_out_after_its_quoted_term_is_a_mention():
    text = 'Avoid "LCD display" (liquid crystal display display) and "HIV virus" in headlines.\n'
    assert found(text, "style.md", "hygiene.Doubled") == []


def test_doubled_in_parentheses_without_a_quoted_term_is_a_slip():
    text = "The pump (which burns the the cheap diesel) failed.\n"
    assert found(text, "pump.md", "hygiene.Doubled") == [("hygiene.Doubled", 1, 23)]


# --------------------------------------------------------------------------------------------------
# hygiene.Spellings: more spelling families found by rule
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "line", "col", "shown"),
    [
        (
            "a.md",
            "The dialogue ran long.\n\nA second dialog box opened, and the dialogue went on.\n",
            3,
            10,
            "dialog",
        ),
        (
            "a.txt",
            "The sea defence failed.\n\nThe defense budget grew; the defence was rebuilt.\n",
            3,
            5,
            "defense",
        ),
        (
            "a.html",
            "<p>Ask a conveyor firm.</p>\n<p>The conveyer belt and a second conveyer broke.</p>\n",
            1,
            10,
            "conveyor",
        ),
        ("a.md", "Enroll early.\n\nPupils who enrol late pay more; most enroll in May.\n", 3, 12, "enrol"),
    ],
)
def test_spelling_families_found_by_rule(path, text, line, col, shown):
    diags = [d for d in lint_text(text, path) if d.rule == "hygiene.Spellings"]
    assert [(d.line, d.column) for d in diags] == [(line, col)]
    assert f"'{shown}' here" in diags[0].message


@pytest.mark.parametrize(
    "text",
    [
        "A better price helps every bettor at the track.\n",
        "Apply for a licence at the desk; the board will license the stall in May.\n",
        "The lesser of the two leases names the lessor.\n",
    ],
)
def test_two_words_one_ending_apart_are_not_a_spelling_pair(text):
    assert found(text, "a.md", "hygiene.Spellings") == []


# --------------------------------------------------------------------------------------------------
# markup.LinkSyntax: a pointy destination never closed
# --------------------------------------------------------------------------------------------------


def test_pointy_link_destination_never_closed():
    text = "The berth plan is [here](<plans/east quay.pdf) for skippers.\n"
    assert found(text, "a.md", "markup.LinkSyntax") == [("markup.LinkSyntax", 1, 19)]
    text = "The berth plan is [here](<plans/east quay\\>) for skippers.\n"
    assert found(text, "a.md", "markup.LinkSyntax") == [("markup.LinkSyntax", 1, 19)]


def test_pointy_link_destination_closed_is_quiet():
    text = "The berth plan is [here](<plans/east quay.pdf>) for skippers.\n"
    assert found(text, "a.md", "markup.LinkSyntax") == []


@pytest.mark.parametrize("path", ["q.md", "q.txt", "q.html"])
def test_doubled_content_word_in_a_quotation_is_the_speakers_emphasis(path):
    body = "\u201cThat was a hard hard winter for the fleet,\u201d the harbour master said."
    text = f"<p>{body}</p>\n" if path.endswith(".html") else body + "\n"
    assert found(text, path, "hygiene.Doubled") == []


@pytest.mark.parametrize("path", ["q.md", "q.txt", "q.html"])
def test_doubled_function_word_in_a_quotation_is_still_a_slip(path):
    body = "\u201cWe moved the boats to to the inner basin,\u201d she said."
    text = f"<p>{body}</p>\n" if path.endswith(".html") else body + "\n"
    col = 4 if path.endswith(".html") else 1
    assert found(text, path, "hygiene.Doubled") == [("hygiene.Doubled", 1, col + 20)]
