"""Mini-round 9b, markup and hygiene: blind set 9's misses and false findings, as classes.

Each shape has a test that it is found and a quiet twin that looks alike but is right.
"""

from __future__ import annotations

from copydesk import lint_text


def hits(text: str, path: str, family: str) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule.startswith(family + ".")]


# --- An attribute quote left open on its line: one finding, not a cascade ----------------------------------


def test_an_open_quote_that_swallows_a_link_is_reported_once_at_the_tag():
    text = (
        '<p>Fill in the <a href="/form" class="plain>claim form</a> before Friday.</p>\n\n'
        '<p>The clerk told us: "Send it in early, and keep a copy of the form for your own files."</p>\n'
    )
    got = [h for h in hits(text, "page.html", "markup") if h[0] == "markup.BrokenTag"]
    assert got == [("markup.BrokenTag", 1, 16)]


def test_a_quoted_value_that_runs_over_a_line_without_swallowing_an_end_tag_is_left_alone():
    quiet = '<p>See <a href="/form" title="claim\n form">the claim form</a> before Friday.</p>\n'
    assert hits(quiet, "page.html", "markup") == []


# --- An ampersand escaped twice between two words in HTML --------------------------------------------------


def test_a_twice_escaped_and_between_words_in_a_heading():
    text = "<h2>Pumps &amp;amp; pipes</h2>\n<p>The pumps were replaced.</p>\n"
    assert hits(text, "page.html", "markup") == [("markup.Escaping", 1, 11)]


def test_a_twice_escaped_ampersand_shown_in_code_or_alone_in_a_cell_stays_quiet():
    quiet = (
        "<p>Type <code>fish &amp;amp; chips</code> to see the escape.</p>\n"
        "<table><tr><td>&amp;amp;</td></tr></table>\n"
    )
    assert hits(quiet, "page.html", "markup") == []


# --- Tags escaped into prose ---------------------------------------------------------------------------


def test_an_escaped_pair_of_tags_in_markdown_prose():
    text = "# Ferry\n\nThe boat is called the &lt;em&gt;Morning Star&lt;/em&gt; by everyone on the quay.\n"
    assert hits(text, "post.md", "markup") == [("markup.LeftoverTag", 3, 24)]


def test_an_escaped_pair_of_tags_in_html_text():
    text = "<p>Read the &lt;b&gt;new timetable&lt;/b&gt; before you travel.</p>\n"
    assert hits(text, "page.html", "markup") == [("markup.LeftoverTag", 1, 13)]


def test_one_escaped_tag_named_in_prose_or_a_pair_in_code_stays_quiet():
    quiet = (
        "# Notes\n\nEvery paragraph starts with a &lt;p&gt; element.\n\n"
        "Write `&lt;em&gt;word&lt;/em&gt;` to show the tags.\n"
    )
    assert hits(quiet, "post.md", "markup") == []


# --- A styling span left in a Markdown sentence -----------------------------------------------------------


def test_a_span_with_a_class_in_the_middle_of_a_markdown_sentence():
    text = (
        '# Depot\n\nThe new vans arrive in May <span class="mark">after the audit</span>, the council said.\n'
    )
    assert hits(text, "post.md", "markup") == [("markup.LeftoverTag", 3, 28)]


def test_a_span_at_a_line_start_in_link_text_or_without_styling_stays_quiet():
    quiet = (
        '# Depot\n\n<span class="mark">Vans</span> arrive in May.\n\n'
        'Read [<span class="x">the audit</span>](https://example.org/audit) first.\n\n'
        "The vans arrive in May <span>after the audit</span>.\n"
    )
    assert hits(quiet, "post.md", "markup") == []


# --- One word spelled two ways: the part of a hyphenated word, and pairs no family derives ----------------


def test_a_spelling_inside_a_hyphenated_word_pairs_with_the_word_alone():
    text = (
        "# Broadband\n\nThe fibre-optic line reaches the school in June.\n\nHomes get fiber a year later.\n"
    )
    assert hits(text, "post.md", "hygiene") == [("hygiene.Spellings", 5, 11)]


def test_a_hyphenated_word_with_one_spelling_throughout_stays_quiet():
    quiet = (
        "# Broadband\n\nThe fibre-optic line reaches the school in June.\n\nHomes get fibre a year later.\n"
    )
    assert hits(quiet, "post.md", "hygiene") == []


def test_british_and_american_spellings_that_no_family_derives():
    text = "# Bikes\n\nFit winter tyres in November.\n\nA spare tire fits in the bag.\n"
    assert hits(text, "post.md", "hygiene") == [("hygiene.Spellings", 5, 9)]


def test_one_spelling_of_a_listed_pair_stays_quiet():
    quiet = "# Bikes\n\nFit winter tyres in November.\n\nA spare tyre fits in the bag.\n"
    assert hits(quiet, "post.md", "hygiene") == []
