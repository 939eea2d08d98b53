"""False classes judged on the corpus in rounds 8 and 9, each with its true twin beside it: a quiet
case an editor would leave alone and a near case that is still a real problem. Drafts written for these
tests; every assertion names the rule, line and column."""

from __future__ import annotations

import pytest

from copydesk import lint_text

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
    ],
)
def test_bold_that_does_not_close_is_still_reported(middle, col):
    assert found(md(middle), "fees.md", "markup.UnclosedEmphasis") == [("markup.UnclosedEmphasis", 3, col)]
