"""False classes judged on the corpus in rounds 8 and 9, each with its true twin beside it: a quiet
case an editor would leave alone and a near case that is still a real problem. Drafts written for these
tests; every assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.config import Config

LEAD = "The harbour board met on Monday to set next year's mooring fees."


def found(text: str, path: str, rule: str) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_text(text, path) if d.rule == rule]


def md(middle: str) -> str:
    """A Markdown draft with ``middle`` as its third line."""
    return f"{LEAD}\n\n{middle}\n\nFees for small boats will stay the same until April.\n"


# --------------------------------------------------------------------------------------------------
# markup.UnclosedEmphasis: the character next to a run is the draft's, not the blank left for a tag
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "middle",
    [
        # Bold closed after punctuation, right before an inline tag, an autolink or a code span: the
        # '<' or the backtick is punctuation, so the run closes.
        "**Want to moor here next season?**<br />",
        "**Want to moor here next season?**<https://example.org/moorings> has the form.",
        "**Want to moor here next season?**`moor --apply` files the form.",
        "Call the office <b>**before noon?**</b> to book.",
        # A closing run of four closes two open runs: bold inside bold.
        "**Mooring fees (per metre) **2025 vs. 2026****",
        "__Winter berths **for small boats**__ and **summer **berths****",
    ],
)
def test_bold_next_to_blanked_markup_or_a_long_closing_run_is_closed(middle):
    assert found(md(middle), "fees.md", "markup.UnclosedEmphasis") == []


@pytest.mark.parametrize(
    ("middle", "col"),
    [
        # After punctuation a run followed by a letter cannot close (readers see the asterisks), also
        # when the letter starts a bare URL.
        ("**Want to moor here next season?**https://example.org/moorings has the form.", 1),
        ("**Want to moor here next season?**Call the office.", 1),
        # A run of four closes two of three open runs; the first stays open.
        ("**Fees **for small **boats****", 1),
        # Bold never closed, with a tag and a code span in the paragraph.
        ("The **new fee applies<br /> from `April` on.", 5),
        # A long closing run closes the bold text; readers see the marks it does not use.
        ("**What comes next******", 20),
        ("Fees: **small boats pay less.****", 32),
    ],
)
def test_bold_that_does_not_close_is_still_reported(middle, col):
    assert found(md(middle), "fees.md", "markup.UnclosedEmphasis") == [("markup.UnclosedEmphasis", 3, col)]


# --------------------------------------------------------------------------------------------------
# hygiene.DoubleSpace: the caption row of columns typed with spaces
# --------------------------------------------------------------------------------------------------

COLUMNS = "  * Ferries    41.5%  44.0%\n  * Dinghies   12.25%  9.75%\n"


@pytest.mark.parametrize(
    "caption",
    [
        "**Berths by boat type %  Q2 2024  vs.  Q2 2025**",
        "Berths by boat type   Last year   This year",
    ],
)
def test_caption_row_above_space_aligned_figures_is_quiet(caption):
    text = f"{LEAD}\n\n{caption}\n\n{COLUMNS}\nFees for small boats will stay the same until April.\n"
    assert found(text, "fees.md", "hygiene.DoubleSpace") == []


def test_double_space_before_columns_is_still_reported_with_one_gap_or_no_figures_below():
    # One gap in a sentence above the columns: a slip, not a caption row.
    text = f"{LEAD}\n\nThe board set these shares.  They apply from May.\n\n{COLUMNS}"
    assert found(text, "fees.md", "hygiene.DoubleSpace") == [("hygiene.DoubleSpace", 3, 28)]
    # Two gaps, but the next line is prose, not a row of figures.
    text = f"{LEAD}\n\nThe board met.  It set fees.  They apply from May.\n\nFees will stay the same.\n"
    assert found(text, "fees.md", "hygiene.DoubleSpace") == [
        ("hygiene.DoubleSpace", 3, 15),
        ("hygiene.DoubleSpace", 3, 29),
    ]


# --------------------------------------------------------------------------------------------------
# hygiene.Doubled: a word before a file, domain or path name that starts with it
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Check the feed with the Harbour Data data.json validator.",
        "Book a berth through Moorings moorings.example.org before May.",
        "Forms are in the Fees fees/2025 folder.",
        "Write to the Berths berths@example.org desk.",
    ],
)
def test_word_before_a_name_starting_with_it_is_not_doubled(sentence):
    assert found(f"{LEAD}\n\n{sentence}\n", "fees.md", "hygiene.Doubled") == []


@pytest.mark.parametrize(
    ("sentence", "col"),
    [
        ("Check the feed with the the validator.", 21),
        ("Fees are set by the board board.", 21),
        ("Fees are set by the board board. Berths follow.", 21),
    ],
)
def test_doubled_word_at_a_sentence_end_is_still_reported(sentence, col):
    assert found(f"{LEAD}\n\n{sentence}\n", "fees.md", "hygiene.Doubled") == [("hygiene.Doubled", 3, col)]


@pytest.mark.parametrize("rule", ["hygiene.Doubled", "style.LexicalIllusions"])
def test_neither_doubled_rule_reports_a_word_before_its_file_name(rule):
    text = f"{LEAD}\n\nCheck the feed with the Harbour Data data.json validator.\n"
    assert found(text, "fees.md", rule) == []
    # With the doubled-word rule off, proselint's check still reports a real repeat.
    if rule == "style.LexicalIllusions":
        slip = f"{LEAD}\n\nCheck the feed with the the validator.\n"
        diags = lint_text(slip, "fees.md", config=Config(rules={"hygiene.Doubled": "off"}))
        assert [(d.rule, d.line, d.column) for d in diags if d.rule == rule] == [(rule, 3, 21)]


# --------------------------------------------------------------------------------------------------
# readability.SentenceLength: a bold run-in label is no part of its sentence; "18F." ends a sentence
# --------------------------------------------------------------------------------------------------

# 35 words: at the pack's limit, not over it.
BODY35 = (
    "The harbour office wrote and published full guidance for crews on how to run a berth, from booking "
    "through departure, and how to meet the forty rules and local bylaws that apply to every mooring."
)


def long_ones(text: str, path: str = "rules.md") -> list[tuple[str, int, int, str]]:
    return [
        (d.rule, d.line, d.column, d.message.split(" words")[0])
        for d in lint_text(text, path)
        if d.rule == "readability.SentenceLength"
    ]


@pytest.mark.parametrize(
    "line",
    [
        f"- **Berth Rules Program**: {BODY35}",
        f"**NF:** {BODY35}",
        f"__Berth rules__: {BODY35}",
        f"<strong>Berth rules</strong>: {BODY35}",
    ],
)
def test_bold_run_in_label_is_not_counted_with_its_sentence(line):
    assert long_ones(f"{LEAD}\n\n{line}\n") == []


def test_sentence_after_a_label_is_still_long_when_its_own_words_pass_the_limit():
    # A plain label (no bold) is counted as before.
    assert long_ones(f"{LEAD}\n\n- Berth Rules Program: {BODY35}\n") == [
        ("readability.SentenceLength", 3, 3, "Sentence of 38")
    ]
    # 36 words after a bold label: reported, with the label's words left out of the count.
    assert long_ones(f"{LEAD}\n\n- **Berth Rules Program**: {BODY35[:-1]} today.\n") == [
        ("readability.SentenceLength", 3, 5, "Sentence of 36")
    ]


def test_full_stop_after_a_name_ending_in_a_capital_ends_the_sentence():
    first = (
        "In December the court opened its new filing system, a modern open-source case system built "
        "with help from an industry partner and 18F."
    )
    second = "The system sped up the work of the clerks and changed the way the public deals with the court."
    assert long_ones(f"{LEAD}\n\n{first} {second}\n") == []
    # An initial before a name still does not end the sentence (one sentence of 36 words).
    one = (
        "The court opened its new filing system, a modern open-source case system built with help from "
        "the clerk J. Smith and an industry partner, and it sped up the work of the clerks at every desk."
    )
    assert long_ones(f"{LEAD}\n\n{one}\n") == [("readability.SentenceLength", 3, 1, "Sentence of 36")]


# --------------------------------------------------------------------------------------------------
# markup.MangledTag: a tag name shown with its '<' escaped ('&lt;link>') is written as meant
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "middle"),
    [
        ("tags.md", "<table><tr><td><code>&lt;link></code> names the page.</td></tr></table>"),
        ("tags.html", "<p>Put a <code>&#60;link></code> tag in the head.</p>"),
        ("tags.html", "<p>Put a <code>&#x3C;link></code> tag in the head.</p>"),
    ],
)
def test_tag_name_after_an_escaped_angle_bracket_is_not_mangled(path, middle):
    assert found(f"{middle}\n\n{LEAD}\n", path, "markup.MangledTag") == []


@pytest.mark.parametrize("path", ["tags.md", "tags.txt"])
def test_tag_fragment_without_its_angle_bracket_is_still_mangled(path):
    text = f"{LEAD}\n\nThe scraper left this: li> Crews start in May.\n"
    assert found(text, path, "markup.MangledTag") == [("markup.MangledTag", 3, 24)]


# --------------------------------------------------------------------------------------------------
# hygiene.Spellings and style.Spelling: a spelling inside a name is the name's own
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["hygiene.Spellings", "style.Spelling"])
def test_a_name_keeps_its_spelling(rule):
    text = (
        f"{LEAD}\n\nThe course is taught at Harbour Centre School by two skippers. The center of the "
        "town is busy, and the center of the quay is quieter.\n"
    )
    assert found(text, "fees.md", rule) == []


@pytest.mark.parametrize("rule", ["hygiene.Spellings", "style.Spelling"])
def test_two_spellings_in_running_text_are_still_reported(rule):
    # 'centre' in lower case, and 'Centre' opening a sentence: spellings, not names.
    text = (
        f"{LEAD}\n\nThe centre of the town is busy. The center of the quay is quieter, and the center "
        "stays open.\n\nCentre staff will help at the center desk.\n"
    )
    got = found(text, "fees.md", rule)
    assert (rule, 3, 5) in got and (rule, 5, 1) in got


# --------------------------------------------------------------------------------------------------
# readability.SentenceLength: an emphasised line typed with no full stop is a unit of its own
# --------------------------------------------------------------------------------------------------

# 35 words: at the limit.
BIO35 = (
    "At the harbour office, Ana works on a booking system that reads mooring forms and sorts them by "
    "boat size, saving the clerks about two hours of work on every single day of the season."
)


@pytest.mark.parametrize(
    "lines",
    [
        f"**ANA LIMA VARGAS**\n{BIO35}",
        f"_Ana Lima works in the harbour office_\n_{BIO35}_",
        f"<strong>Ana Lima Vargas</strong>\n{BIO35}",
    ],
)
def test_emphasised_line_without_a_full_stop_is_not_counted_with_the_next(lines):
    assert long_ones(f"{LEAD}\n\n{lines}\n") == []


def test_plain_line_break_inside_a_sentence_still_counts_every_word():
    # A sentence wrapped over two lines (no emphasis around the first) is one sentence.
    wrapped = f"Ana Lima Vargas and her team at the office\n{BIO35}"
    assert long_ones(f"{LEAD}\n\n{wrapped}\n") == [("readability.SentenceLength", 3, 1, "Sentence of 44")]
    # After the bold name line, a sentence of its own over the limit is still reported, from its start.
    text = f"{LEAD}\n\n**ANA LIMA VARGAS**\n{BIO35[:-1]} and in the whole of the winter.\n"
    assert long_ones(text) == [("readability.SentenceLength", 4, 1, "Sentence of 42")]


# --------------------------------------------------------------------------------------------------
# readability.ParagraphGrade: a paragraph that is mostly a quotation is the source's wording
# --------------------------------------------------------------------------------------------------

STATUTE = (
    "The harbour act says new and updated mooring registers should \u201cnot overlap with or duplicate any "
    "antecedent registers and, where applicable, ensure that antecedent registers are systematically "
    "reviewed, eliminated, and consolidated\u201d (Harbour Act \u00a73(A)3)."
)
OWN = (
    "The harbour board says new and updated mooring registers should not overlap with or duplicate any "
    "antecedent registers and, where applicable, should ensure that antecedent registers are "
    "systematically reviewed, eliminated, and consolidated (Harbour Act \u00a73(A)3)."
)
PLAIN = "Boats pay by length. Small boats pay less. The fee is due in May. Pay at the desk or online."


def test_paragraph_mostly_quoted_is_not_graded():
    text = f"{LEAD}\n\n{STATUTE}\n\n{PLAIN}\n\n{PLAIN}\n"
    assert found(text, "act.md", "readability.ParagraphGrade") == []


def test_the_same_words_in_the_writers_own_voice_are_still_graded():
    text = f"{LEAD}\n\n{OWN}\n\n{PLAIN}\n\n{PLAIN}\n"
    assert found(text, "act.md", "readability.ParagraphGrade") == [("readability.ParagraphGrade", 3, 1)]


def test_lines_typed_with_a_star_and_no_space_are_told_to_become_a_list():
    text = f"{LEAD}\n\nThe fees come in two parts:\n*Part A: the berth itself\n*Part B: water and power\n"
    diags = [d for d in lint_text(text, "fees.md") if d.rule == "markup.UnclosedEmphasis"]
    assert [(d.line, d.column) for d in diags] == [(5, 1)]
    assert "add a space after each '*'" in diags[0].message
    # A single star opening a sentence's italics keeps the italic advice.
    text = f"{LEAD}\n\nThis is *very important news, the harbour master said.\n"
    diags = [d for d in lint_text(text, "fees.md") if d.rule == "markup.UnclosedEmphasis"]
    assert [(d.line, d.column) for d in diags] == [(3, 9)]
    assert "opens italic text" in diags[0].message


# --------------------------------------------------------------------------------------------------
# Sentence ends after "U.S." before a sentence opener, after "no." before a word, and in "APIs.Then"
# --------------------------------------------------------------------------------------------------

HALF = "the harbour board set the winter fees for every berth on the north quay and the south quay"


@pytest.mark.parametrize(
    "text",
    [
        f"Work by the board is free to use within the U.S. However, {HALF} last week in a short meeting.",
        f"The answer to whether fees rise is yes and no. We know that {HALF} last week in a short meeting.",
        f"The office points boat owners and their crews to its new online booking APIs.Then {HALF} last week "
        "in a short meeting.",
    ],
)
def test_two_sentences_are_counted_apart(text):
    assert long_ones(f"{LEAD}\n\n{text} It took an hour.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        # "U.S." before a name, "No." before a number: one sentence, 36 words.
        f"Boats from the U.S. Coast Guard station and boat No. 5 are exempt, as {HALF} during a long "
        "meeting.",
    ],
)
def test_abbreviations_inside_a_sentence_still_do_not_end_it(text):
    assert long_ones(f"{LEAD}\n\n{text}\n") == [("readability.SentenceLength", 3, 1, "Sentence of 36")]


def test_long_word_run_that_spells_the_drafts_acronym_is_a_term():
    text = (
        f"{LEAD}\n\nPersonally identifiable information, known as PII, stays in the office safe.\n\n"
        "Berth holders may ask to see their PII at any time.\n"
    )
    assert found(text, "pii.md", "readability.LongWordRun") == []
    # Without the acronym in the draft, the run is jargon as before.
    text = f"{LEAD}\n\nThe plan supports institutionalizing multilateral interoperability across the quays.\n"
    assert found(text, "pii.md", "readability.LongWordRun") == [("readability.LongWordRun", 3, 19)]


def test_a_capitalised_bare_tag_in_prose_is_told_to_be_escaped():
    text = f"{LEAD}\n\nUse headings like <H1> and <H2> to structure the page.\n"
    diags = [d for d in lint_text(text, "tags.md") if d.rule == "markup.UnclosedElement"]
    assert [(d.line, d.column) for d in diags] == [(3, 19), (3, 28)]
    assert all("&lt;" in d.message for d in diags)
    # A real element left open keeps the plain advice.
    text = f'{LEAD}\n\n<div class="note">\n\nFees rise in May.\n'
    diags = [d for d in lint_text(text, "tags.md") if d.rule == "markup.UnclosedElement"]
    assert [(d.line, d.column) for d in diags] == [(3, 1)]
    assert "&lt;" not in diags[0].message and "add '</div>'" in diags[0].message


def test_number_marks_before_roman_numerals_and_the_pronoun_i():
    from copydesk.analysis.sentences import split_sentences

    def parts(t):
        return [t[a:b] for a, b in split_sentences(t)]

    assert parts("See Vol. II of the fee report. It is long.") == [
        "See Vol. II of the fee report.",
        "It is long.",
    ]
    assert parts("The answer is no. I asked twice.") == ["The answer is no.", "I asked twice."]
    assert parts("Berth No. 5 is free.") == ["Berth No. 5 is free."]


# --------------------------------------------------------------------------------------------------
# readability.GradeLevel: two grade metrics barely past their limits are the formulas' noise
# --------------------------------------------------------------------------------------------------

HARBOUR = [
    "The harbour board agreed on Monday to review the mooring fees that visiting yachts pay during the busy "
    "summer season.",
    "Members said the current charges were set several years ago and no longer cover the cost of maintaining "
    "the pontoons.",
    "A consultation will open next month, and residents, fishermen and visiting sailors will be invited to "
    "comment on the proposals.",
    "The board expects to publish a final decision in the autumn, after considering every response it "
    "receives from the public.",
    "Officials said any increase would be introduced gradually, so that regular visitors have time to plan "
    "their budgets.",
    "The fishing fleet, which uses the inner harbour all year, will continue to pay the existing annual rate "
    "until further notice.",
]
PLAIN_LINE = (
    "The quay will stay open while the review goes on, and boats can still book a berth in the usual way."
)


def grade_findings(extra: int) -> list[tuple[str, int, int]]:
    sentences = HARBOUR * 2 + [PLAIN_LINE] * extra
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return found("\n\n".join(paragraphs) + "\n", "fees.md", "readability.GradeLevel")


def test_draft_just_past_two_grade_limits_is_not_called_hard():
    # Flesch-Kincaid about 10.7, fog about 13.2, SMOG about 12.6: within the formulas' own error.
    assert grade_findings(3) == []


def test_draft_clearly_past_the_limits_is_still_hard():
    # Flesch-Kincaid about 11.8, fog about 14.0: reported once, on the first paragraph.
    assert grade_findings(0) == [("readability.GradeLevel", 1, 1)]
