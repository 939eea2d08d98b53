"""Round 8 of the parse work (issue 9): the parse's own token class, the Markdown checks' units read from
the kept block tokens, the flat source map of ``TextBuilder``. Each must give what the code it replaced
gave: these tests compare with markdown-it's own parse and tokens, and pin positions."""

from __future__ import annotations

import pytest

from copydesk import lint_text
from copydesk.analysis import markup
from copydesk.analysis.shared import MARKUP_BLANKED
from copydesk.document import Runs, TextBuilder
from copydesk.parsers import parse
from copydesk.parsers.markdown import _parser
from copydesk.source import from_text

# Every test here runs with each Markdown parser (see the fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("markdown_backend")

DRAFT = """\
---
title: A draft
---
Setext heading
==============

# An ATX heading with [a link](https://example.org "Title") and ![an image](/a.png)

- [ ] a task item with **bold* text
- item two with a [broken link] (https://example.org/x)

> A quote with [a reference][ref] and [another][nowhere].

| Name | Value |
| --- | --- |
| **open | [x](https://e.org) |
| a \\| b | `code | span` |

```
fenced code [not a link](
```

[ref]: https://example.org/ref
"""


def test_markdown_check_units_from_the_kept_tokens_match_a_fresh_parse():
    """``check_markdown`` over the document's kept tokens (``BlockTokens.inlines``) finds what it finds
    over markdown-it's own token objects for the same text."""
    doc = parse(from_text(DRAFT, "d.md"))
    masked = doc.ranges(*MARKUP_BLANKED)
    kept = markup.check_markdown(doc.text, masked, doc.tokens, doc.references, doc.source.line_starts)
    work = markup._masked_text(doc.text, masked)
    env: dict = {}
    tokens = _parser().parse(work, env)
    fresh = markup.check_markdown(doc.text, masked, tokens, frozenset(env.get("references", {})))
    assert kept == fresh
    assert {(p.code, doc.source.position(p.start)) for p in kept} >= {
        ("link-space", (10, 19)),
        ("undefined-reference", (12, 39)),
    }


def test_block_tokens_inlines_are_each_inline_token_with_its_parent():
    doc = parse(from_text(DRAFT, "d.md"))
    expected = []
    previous = None
    for tok in _parser().parse(doc.text.replace("---\ntitle: A draft\n---", "\n\n")):
        if tok.type == "inline" and previous is not None and tok.map:
            expected.append((previous.type, previous.markup, tok.map[0], tok.map[1]))
        previous = tok
    assert doc.tokens.inlines() == expected
    assert ("th_open", "", 13, 14) in expected and ("heading_open", "=", 3, 4) in expected


def test_the_parse_tokens_keep_what_markdown_it_rules_set():
    """Link and image rules set ``attrs`` and ``meta`` on the parse's tokens; the walker reads the inline
    tokens' markup: the link text and the masked image are where markdown-it's tokens put them."""
    doc = parse(from_text("See [the guide](https://e.org/g 'T') and ![pic](/p.png) here.\n", "d.md"))
    (block,) = doc.blocks
    assert block.text == "See the guide and \ufffc here."
    assert block.links == [(4, 13)]
    s, e = block.source_span(block.text.index("\ufffc"), block.text.index("\ufffc") + 1)
    assert doc.text[s:e] == "![pic](/p.png)"


def test_textbuilder_runs_merge_literal_copies_and_placeholders():
    tb = TextBuilder()
    tb.add("abc", 10)
    tb.add("def", 13)  # continues the literal run
    tb.add_placeholder(16, 20)
    tb.add_placeholder(20, 25)  # adjacent masks become one placeholder
    tb.add("\n", 25, 26)  # a mapped (not literal) character: a run of its own
    tb.add("xyz", 26)
    assert tb.runs == [(0, 10, 16, True), (6, 16, 25, False), (7, 25, 26, False), (8, 26, 29, True)]
    block = tb.build("paragraph")
    assert block.text == "abcdef\ufffc\nxyz"
    assert list(block.runs) == tb.runs
    assert block.runs == Runs(tb.runs)
    assert block.source_span(6, 7) == (16, 25)
    assert block.source_span(8, 11) == (26, 29)


def test_findings_in_a_table_cell_and_after_a_template_keep_their_columns():
    text = "Intro {{< ref x >}} text.\n\n| A | B |\n| - | - |\n| The the cell | **open |\n"
    found = [(d.rule, d.line, d.column) for d in lint_text(text, path="t.md")]
    assert ("hygiene.Doubled", 5, 3) in found
