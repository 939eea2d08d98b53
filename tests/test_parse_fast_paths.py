"""The parser's and the markup checks' shortcuts give what the long way gives: inline content without inline
syntax is tokenised without markdown-it's inline parse, masks are filled by ``str.translate``, and a few
regular expressions were reordered so that the engine jumps to their literal first character."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copydesk.analysis import markup
from copydesk.parsers import parse
from copydesk.parsers.markdown import _INLINE_SYNTAX, _parser, _plain_children
from copydesk.parsers.preprocess import fill_except
from copydesk.source import from_text

# Every test here runs with each Markdown parser (see the fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("markdown_backend")

# Text, spaces, tabs and line breaks, with punctuation markdown-it's text rule stops at but no rule takes.
_PLAIN = st.text(alphabet=st.sampled_from(list("ab .!#$%-:=>@]}{+\t\n\u00a0\ufffd")), max_size=30)


def _markdown_it_children(content: str) -> list[tuple[str, str]]:
    md = _parser()
    out: list = []
    md.inline.parse(content, md, {}, out)
    return [(t.type, t.content) for t in out]


@given(_PLAIN)
def test_plain_children_are_markdown_its_inline_tokens(content):
    assert _INLINE_SYNTAX.search(content) is None
    got = [(c.type, c.content) for c in _plain_children(content)]
    assert got == _markdown_it_children(content)


def test_plain_children_breaks():
    # Two trailing spaces: a hard break, the spaces dropped; one: a soft break, the space dropped; the next
    # line's leading spaces and tabs are skipped.
    assert [(c.type, c.content) for c in _plain_children("one  \n \ttwo \nthree")] == [
        ("text", "one"),
        ("hardbreak", ""),
        ("text", "two"),
        ("softbreak", ""),
        ("text", "three"),
    ]


def test_plain_paragraph_positions():
    text = "# Title\n\nFirst line  \n   second line\nthird &amp; *fourth*\n"
    doc = parse(from_text(text, "a.md"))
    heading, para = doc.blocks
    assert heading.text == "Title" and heading.scope == "heading.h1"
    assert para.text == "First line\nsecond line\nthird & fourth"
    i = para.text.index("second")
    assert para.source_span(i, i + 6) == (text.index("second"), text.index("second") + 6)
    assert doc.source.position(para.source_offset(para.text.index("fourth"))) == (5, 14)


@given(
    st.text(alphabet=st.sampled_from(list("ab\r\n \t\ufffc")), max_size=30), st.sampled_from([" ", "\ufffc"])
)
def test_fill_except_keeps_line_breaks(chunk, fill):
    assert fill_except(chunk, fill) == re.sub(r"[^\r\n]", fill, chunk)
    assert fill_except(chunk, fill, "\n") == re.sub(r"[^\n]", fill, chunk)


_TAGGY = st.text(alphabet=st.sampled_from(list('<\\/ab1>\n :="')), max_size=30)


@given(_TAGGY)
def test_reordered_look_behinds_match_as_before(text):
    cut = re.compile(r"(?<![<\\])</([A-Za-z][A-Za-z0-9]{0,9})[ \t]*$", re.M)
    literal = re.compile(r"(?<!\\)<(/?)([A-Za-z][A-Za-z0-9+.-]*)([^<>\n]{0,200})(>?)")
    assert [m.span() for m in markup._CUT_END_RE.finditer(text)] == [m.span() for m in cut.finditer(text)]
    assert [(m.span(), m.groups()) for m in markup._LITERAL_TAG_RE.finditer(text)] == [
        (m.span(), m.groups()) for m in literal.finditer(text)
    ]


def test_cut_end_tag_not_after_backslash_or_bracket():
    elements = frozenset({"p"})
    text = "a.</p\nb.\\</p\nc.<</p\n"
    assert [(p.start, p.end, p.code) for p in markup.find_cut_end_tags(text, elements)] == [
        (2, 5, "mangled-tag")
    ]


@given(st.text(alphabet=st.sampled_from(list("> \t-*+1.)[x] a\n")), max_size=30))
def test_prefix_blanking_unchanged(text):
    old = re.compile(r"^" + markup._PREFIX_RE.pattern, re.M)
    old_quote = re.compile(r"^" + markup._QUOTE_PREFIX_RE.pattern, re.M)
    assert markup._LINE_PREFIX_RE.sub(markup._blank_prefix, text) == old.sub(markup._blank_prefix, text)
    assert markup._LINE_QUOTE_PREFIX_RE.sub(markup._blank_prefix, text) == old_quote.sub(
        markup._blank_prefix, text
    )
