"""The parse, consistency and markup speed-ups of round 11 give what markdown-it's and the old code's long
ways give: link destinations read by jumps, line markers from whole-text string operations, front matter
handed to markdown-it as empty lines, token types read without making the tokens, compound pairs taken
from a draft's distinct words, and title signatures hashed in C."""

from __future__ import annotations

import re
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_block.state_block import StateBlock

import copydesk
from copydesk.analysis import markup
from copydesk.kinds.headlines import _shingles
from copydesk.parsers import parse
from copydesk.parsers.markdown import _line_marks, _link_destination, _parser, _plain_children, _plain_inline
from copydesk.source import from_text

# Every test here runs with each Markdown parser (see the fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("markdown_backend")

_DESTINATION_TEXT = st.text(alphabet=st.sampled_from(list("ab()\\ \n\t\x01\x7f<>%é")), max_size=24)


@given(_DESTINATION_TEXT, st.data())
def test_link_destination_as_markdown_it_reads_it(text, data):
    pos = data.draw(st.integers(0, len(text)))
    maximum = data.draw(st.integers(pos, len(text)))
    want = parseLinkDestination(text, pos, maximum)
    got = _link_destination(text, pos, maximum)
    assert (got.ok, got.pos, got.str) == (want.ok, want.pos, want.str)


def test_link_destination_nesting_limit():
    # markdown-it refuses a destination nested more than 32 parentheses deep, and one left open.
    deep = "(" * 33 + "x" + ")" * 33
    assert not _link_destination(deep, 0, len(deep)).ok
    ok = "(" * 32 + "x" + ")" * 32 + " rest"
    got = _link_destination(ok, 0, len(ok))
    assert (got.ok, got.pos) == (True, 65)
    assert not _link_destination("a(b", 0, 3).ok


@given(st.text(alphabet=st.sampled_from(["a", " ", "\t", "\n", "x", "\u00a0", "-"]), min_size=1))
def test_line_marks_are_markdown_its(text):
    state = StateBlock(text, _parser(), {}, [])
    assert _line_marks(text) == (state.bMarks, state.eMarks, state.tShift, state.sCount)


def test_link_positions_with_parenthesised_destination():
    text = "A [guide](https://e.org/a_(b)) and [more](<x y>) here, then the end.\n"
    doc = parse(from_text(text, "links.md"))
    (block,) = doc.blocks
    assert block.text == "A guide and more here, then the end."
    assert [block.text[s:e] for s, e in block.links] == ["guide", "more"]


def test_front_matter_lines_reach_markdown_it_empty():
    """The document's tokens are those of markdown-it's own parse of the draft with its front matter
    blanked: same types and line maps, so positions after the front matter hold."""
    front = "---\ntitle: A draft\ntags:\n    - a\n\t- b\n---\n"
    body = "    indented code\n\n# Heading\n\nText with `code`.\n"
    doc = parse(from_text(front + body, "fm.md"))
    blanked = re.sub(r"[^\n]", " ", front) + body
    want = [(t.type, tuple(t.map) if t.map else None) for t in _parser().parse(blanked)]
    assert [(t.type, t.map) for t in doc.tokens] == want
    found = copydesk.lint_text(front + body + "\n```\nnever closed\n", path="fm.md")
    assert ("markup.UnclosedFence", 13, 1) in {(d.rule, d.line, d.column) for d in found}


def test_token_types_pick_the_same_tokens():
    text = "# A\n\nOne.\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n> quote\n"
    doc = parse(from_text(text, "t.md"))
    assert doc.tokens.type_names() == [t.type for t in doc.tokens]
    assert markup._fences_and_inlines(doc.tokens) == markup._fences_and_inlines(list(doc.tokens))


def _reference_shingles(text: str, size: int = 5, keep: int = 48) -> list[int]:
    alnum = re.compile(r"[^\W_]")
    words = [w.encode("utf-8", "replace") for w in text.lower().split(None, 600)[:600] if alnum.search(w)]
    if len(words) < size:
        return []
    return sorted({zlib.crc32(b" ".join(words[i : i + size])) for i in range(len(words) - size + 1)})[:keep]


@given(st.text(alphabet=st.sampled_from(list("aBİ_ 1\n\t-.½\ud800")), max_size=80))
def test_title_signature_unchanged(text):
    assert _shingles(text) == _reference_shingles(text)


def test_title_signature_reads_600_words():
    words = [f"w{i}" for i in range(700)]
    assert _shingles(" ".join(words)) == _reference_shingles(" ".join(words))
    assert _shingles(" ".join(words)) != _shingles(" ".join(words[:100]))


def test_compound_pair_found_and_reported():
    text = "The new work space opens in May. The workspace seats forty, and workspace passes are free.\n"
    found = copydesk.lint_text(text, path="c.md")
    assert [(d.rule, d.line, d.column) for d in found if d.rule == "hygiene.Spellings"] == [
        ("hygiene.Spellings", 1, 9)
    ]


_AMPERSAND_PIECES = [
    "&",
    "&#19;",
    "&#x1f;",
    "&amp;",
    "&copy;",
    "&x1;",
    "&#;",
    "a",
    "b ",
    " ",
    "\n",
    "\t",
    ";",
    "#",
]


@given(st.lists(st.sampled_from(_AMPERSAND_PIECES), max_size=12).map("".join))
def test_ampersands_that_are_text_need_no_inline_parse(content):
    if not _plain_inline(content):
        return
    md = _parser()
    tokens: list = []
    md.inline.parse(content, md, {}, tokens)
    assert [(c.type, c.content) for c in _plain_children(content)] == [(t.type, t.content) for t in tokens]


def test_ampersand_fast_path_limits():
    assert _plain_inline("R&D and Q&A, 5 & 6")
    assert not _plain_inline("AT&amp;T")  # an entity: markdown-it's parse
    assert not _plain_inline("&#38; and &x1;")  # entity-like, known or not
    assert not _plain_inline("R&D *and* Q&A")
