"""The one adapter between copydesk's Document model and Vale's scoped blocks.

copydesk parses a draft once into ``Block``s (heading, paragraph, list item, blockquote, table cell...)
whose characters map back to exact source offsets. Vale names the same units differently (``heading.h2``,
``paragraph``, ``list``, ``blockquote``, ``table.cell``, ``sentence``, ``raw``); this module renames
them, masks what a Vale config ignores (``TokenIgnores``, ``BlockIgnores``), and maps spans back to the
source. Nothing else in ``copydesk.vale`` reads the Document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import PLACEHOLDER, Block, Document

#: copydesk block scope -> Vale scope.
_SCOPE_NAMES = {
    "paragraph": "paragraph",
    "list_item": "list",
    "blockquote": "blockquote",
    "table_cell": "table.cell",
}
#: Vale scopes that stand for "running text" (Vale's ``summary``).
_SUMMARY = ("paragraph", "list", "blockquote")


@dataclass
class ValeBlock:
    """A unit of text a Vale rule runs on: its Vale scope, its text and how to find it in the source."""

    scope: str
    text: str
    block: Block | None = None  # None: ``text`` is a literal slice of the source starting at ``base``
    base: int = 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self.block is None:
            return self.base + start, self.base + end
        return self.block.source_span(self.base + start, self.base + end)


def vale_scope(block: Block) -> str | None:
    scope = block.scope
    if scope.startswith("heading.h"):
        return scope
    if scope.startswith("heading"):
        return "heading.h1"
    return _SCOPE_NAMES.get(scope.split(".", 1)[0])


def scope_matches(block_scope: str, wanted: tuple[str, ...]) -> bool:
    """Whether a block of ``block_scope`` is in a rule's ``scope`` list (any entry; ``~x`` negates)."""
    for w in wanted:
        neg = w.startswith("~")
        name = w[1:] if neg else w
        hit = _one(block_scope, name)
        if neg:
            if block_scope not in ("raw", "sentence") and not hit:
                return True
        elif hit:
            return True
    return False


def _one(block_scope: str, name: str) -> bool:
    if name == "text":
        return block_scope not in ("raw",)
    if name == "summary":
        return block_scope in _SUMMARY or block_scope == "sentence"
    if name in ("table", "table.header"):
        return block_scope.startswith("table")
    if name == "title":
        return block_scope == "heading.h1"
    return block_scope == name or block_scope.startswith(name + ".")


def ignore_ranges(text: str, patterns: list) -> list[tuple[int, int]]:
    """Source ranges matched by compiled ``TokenIgnores``/``BlockIgnores`` patterns."""
    out: list[tuple[int, int]] = []
    for rx in patterns:
        for m in rx.finditer(text):
            if m.end() > m.start():
                out.append(m.span())
    out.sort()
    return out


def _masked(block: Block, ranges: list[tuple[int, int]]) -> str:
    """The block's text with every character whose source offset lies in ``ranges`` masked."""
    if not ranges:
        return block.text
    s0, e0 = block.source_extent
    hits = [(s, e) for s, e in ranges if s < e0 and e > s0]
    if not hits:
        return block.text
    chars = list(block.text)
    for t0, src0, src1, one in block.runs:
        length = (src1 - src0) if one else 1
        for i in range(length):
            pos = src0 + i
            if any(s <= pos < e for s, e in hits):
                chars[t0 + i] = PLACEHOLDER if chars[t0 + i] not in "\r\n" else chars[t0 + i]
    return "".join(chars)


_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)


def _mask_spans(text: str, spans) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s), min(e, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = PLACEHOLDER
    return "".join(chars)


def blocks_for(
    doc: Document, *, token_ignores: list, block_ignores: list, ignored_scopes: tuple[str, ...] = ()
) -> list[ValeBlock]:
    """Vale blocks for a document's prose, in source order (front matter and code are not prose).

    Display math (``$$...$$``) is never linted; with ``link`` in ``IgnoredScopes`` link text is masked
    (code spans always are: copydesk's parsers mask them)."""
    text = doc.source.text
    tok = ignore_ranges(text, token_ignores) if token_ignores else []
    blk_ranges = ignore_ranges(text, block_ignores) if block_ignores else []
    out: list[ValeBlock] = []
    for b in doc.blocks:
        name = vale_scope(b)
        if name is None:
            continue
        if blk_ranges:
            s, e = b.source_extent
            if any(rs <= s and e <= re_ for rs, re_ in blk_ranges):
                continue
        text = _masked(b, tok + blk_ranges)
        if "$$" in text:
            text = _mask_spans(text, [m.span() for m in _DISPLAY_MATH.finditer(text)])
        if "link" in ignored_scopes and b.links:
            text = _mask_spans(text, b.links)
        if not text.replace(PLACEHOLDER, "").strip():
            continue
        out.append(ValeBlock(name, text, b))
    return out


def sentences(block: ValeBlock) -> list[ValeBlock]:
    """A block's sentences as blocks of scope ``sentence`` (copydesk's shared sentence splitter)."""
    from ..analysis.sentences import split_sentences

    text = block.text
    return [
        ValeBlock("sentence", text[s:e], block.block, block.base + s)
        for s, e in split_sentences(text)
        if text[s:e].strip()
    ]


def raw_block(doc: Document) -> ValeBlock:
    """The whole source as one block (Vale's ``raw`` scope)."""
    return ValeBlock("raw", doc.source.text, None, 0)
