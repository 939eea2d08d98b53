"""Round 6 speed paths of the parse and the markup, consistency and headline checks give what the long
ways give: the block parse without the rules a draft's text cannot trigger."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.parsers.markdown import _BLOCK_RULE_NEEDS, _block_parser, _parser

# Every test here runs with each Markdown parser (see the fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("markdown_backend")

# Lines that start (or fail to start) every kind of block, alone and inside containers.
_LINES = [
    "Plain words here.",
    "| a | b |",
    "|---|---|",
    "a | b",
    "--- | ---",
    "```",
    "```py",
    "~~~",
    "> quoted",
    ">",
    "<div>",
    "</div>",
    "<!-- note -->",
    "# Heading",
    "#Tag",
    "Title",
    "===",
    "---",
    "***",
    "- item",
    "1. first",
    "    code",
    "[ref]: https://e.org",
    "[ref]:",
    "[a\\]b]: /x 'title'",
    "see [ref] and [x][ref]",
    "* * *",
    "_ _ _",
    "-- -",
    "Subtitle",
    "--",
    "=",
    "= =",
    "+ plus item",
    "* star item",
    "*",
    "2) second",
    "10. tenth",
    "1234567890. too long",
    "3.",
    "-not a list",
    "\tcode by tab",
    "",
]


def _tokens(md, text):
    return [
        (t.type, t.tag, t.map, t.nesting, t.level, t.markup, t.info, t.content, t.hidden, t.block)
        for t in md.parse(text)
    ]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "> ", "- ", "  ", "1. ", "> - ", "    ", "* ", "\t"]),
            st.sampled_from(_LINES),
        ),
        max_size=12,
    )
)
def test_block_parse_without_idle_rules_gives_markdown_its_tokens(lines):
    text = "\n".join(prefix + line for prefix, line in lines) + "\n"
    assert _tokens(_block_parser(text), text) == _tokens(_parser(), text)


def test_idle_rules_are_those_whose_text_is_missing():
    assert _block_parser("One paragraph.\n\n- and a list\n") is not _parser()
    every = "| > < # ]: ```\n"
    assert _block_parser(every) is _parser()
    names = [name for name, _needs in _BLOCK_RULE_NEEDS]
    md = _block_parser("No syntax at all.\n")
    enabled = {r.name for r in md.block.ruler.__rules__ if r.enabled}
    assert not enabled & set(names)
    assert {"paragraph", "list", "hr", "code", "lheading"} <= enabled


def test_findings_with_and_without_the_rules_a_draft_lacks():
    # A draft with a table and a heading but no fence, quote, HTML or definition: the heading without a
    # space and the reference with no definition are still found where they are.
    text = "# Title\n\n#Errors happen here in the text\n\n| a | b |\n|---|---|\n| c | [x][nope] |\n"
    found = {(d.rule, d.line, d.column) for d in copydesk.lint_text(text, path="t.md")}
    assert ("markup.HeadingSpace", 3, 1) in found
    assert ("markup.UndefinedReference", 7, 7) in found


_WORDS = st.sampled_from(["web", "site", "website", "e-mail", "email", "mail", "on-line", "online", "x", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=6).map(" ".join), min_size=2, max_size=6))
def test_blocks_holding_a_listed_spelling_include_every_block_with_a_match(texts):
    from copydesk.document import Block
    from copydesk.kinds.consistency import _blocks_holding
    from copydesk.matching import compile_tokens

    pattern = compile_tokens(["web site", "website", "e-mail", "email", "on-line"], ignorecase=True)
    blocks = [Block("paragraph", t, [(0, 0, len(t), True)]) for t in texts]
    want = [b for b in blocks if pattern.search(b.text)]
    got = _blocks_holding(pattern, blocks, "\n".join(texts))
    assert [id(b) for b in got] == sorted({id(b) for b in got}, key=[id(b) for b in blocks].index)
    assert {id(b) for b in want} <= {id(b) for b in got}
    assert {id(b) for b in got} <= {id(b) for b in blocks if b.text}


def test_listed_spellings_found_in_the_blocks_that_hold_them():
    text = (
        "Our web site is new.\n\nNothing here.\n\nThe website went live, and the website is fast.\n\n"
        "Send an e-mail today.\n\nOr an e-mail tomorrow, or an email.\n"
    )
    found = sorted(
        (d.rule, d.line, d.column, d.message)
        for d in copydesk.lint_text(text, path="s.md")
        if d.rule == "hygiene.Spellings"
    )
    assert [(r, line, col) for r, line, col, _m in found] == [
        ("hygiene.Spellings", 1, 5),
        ("hygiene.Spellings", 9, 30),
    ]
    assert "'web site' here, 'website' elsewhere" in found[0][3]
    assert "'email' here, 'e-mail' elsewhere" in found[1][3]
