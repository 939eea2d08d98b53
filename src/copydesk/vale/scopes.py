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

#: Vale's scope for the HTML tags that open a scoped block (Markdown is HTML to Vale: a pipe table's
#: first row is ``th``, its other rows ``td``). The first such tag among those opened since the last
#: block-level end tag names the block's scope (``<td><p>x</p></td>`` is a table cell, as in Vale).
TAG_SCOPES = {
    "th": "table.header",
    "td": "table.cell",
    "caption": "table.caption",
    "li": "list",
    "blockquote": "blockquote",
    "figcaption": "figure.caption",
}
#: Inline tags: their end does not end a block (Vale's ``inlineTags``).
INLINE_TAGS = frozenset(
    "b big i small abbr acronym cite dfn em kbd strong a br img span sub sup code tt del".split()
)
#: Vale scope -> the HTML tags that make it, for ``SkippedScopes`` (which names tags) in Markdown.
_SCOPE_TAGS = {
    "table.header": ("table", "thead", "tr", "th"),
    "table.cell": ("table", "tbody", "tr", "td"),
    "table.caption": ("table", "caption"),
    "list": ("ul", "ol", "li"),
    "blockquote": ("blockquote",),
    "paragraph": ("p",),
}
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^>]*>", re.DOTALL)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_HEADING_TAG = re.compile(r"h[1-6]")
#: A GFM table's delimiter row (``| --- | :-: |``), which follows the header row.
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\r\n|\n|\r|$)")
#: Markdown image ``![alt](...)`` / ``![alt][ref]``: the alt text (no nested brackets).
_MD_IMAGE = re.compile(r"!\[((?:[^\[\]\\\n]|\\.)*(?:\n(?:[^\[\]\\\n]|\\.)+)*)\]\s*[\(\[]")
#: An ``alt`` attribute inside an ``<img>`` tag.
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT_ATTR = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


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


class HtmlTags:
    """The tags of an HTML source, in order, to tell Vale's scope of the text at an offset: the tags
    opened since the last block-level end tag before it (Vale's tag history), and the ``SkippedScopes``
    regions (from a skipped tag to the next tag of a skipped name, as Vale's walker does)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.tags: list[tuple[bool, str, int]] = []  # (is_end, name, end offset)
        self.classes: dict[int, frozenset[str]] = {}  # tag index -> its classes (start tags with any)
        for m in _TAG.finditer(text):
            if m.group(2) is None:  # a comment
                continue
            if m.group(1) != "/" and "class" in m.group(0).lower():
                c = _CLASS_ATTR.search(m.group(0))
                if c is not None:
                    value = next(v for v in c.groups() if v is not None)
                    self.classes[len(self.tags)] = frozenset(value.split())
            self.starts.append(m.start())
            self.tags.append((m.group(1) == "/", m.group(2).lower(), m.end()))

    def history(self, offset: int) -> list[str]:
        import bisect

        out: list[str] = []
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            is_end, name, _ = self.tags[i]
            if is_end:
                if name not in INLINE_TAGS:
                    break
            else:
                out.append(name)
            i -= 1
        out.reverse()
        return out

    def scope(self, offset: int) -> str | None:
        for name in self.history(offset):
            if name in TAG_SCOPES:
                return TAG_SCOPES[name]
            if _HEADING_TAG.fullmatch(name):
                return f"heading.{name}"
        return None

    def with_classes(self, classes: tuple[str, ...]) -> list[tuple[int, int]]:
        """Source ranges of the elements (start tag to its matching end tag) with one of ``classes``
        (Vale's ``IgnoredClasses``: such an element's text is not linted, inline or block)."""
        wanted = frozenset(classes)
        out: list[tuple[int, int]] = []
        for i, cls in self.classes.items():
            if not (cls & wanted):
                continue
            name = self.tags[i][1]
            depth = 0
            end = 1 << 62
            for j in range(i + 1, len(self.tags)):
                is_end, other, stop = self.tags[j]
                if other != name:
                    continue
                if not is_end:
                    depth += 1
                elif depth:
                    depth -= 1
                else:
                    end = stop
                    break
            out.append((self.starts[i], end))
        return out

    def skipped(self, names: tuple[str, ...]) -> list[tuple[int, int]]:
        """Source ranges Vale skips for ``SkippedScopes`` ``names``: from a start tag of one of them to
        the next tag (start or end) of any of them."""
        wanted = frozenset(n.lower() for n in names)
        out: list[tuple[int, int]] = []
        begin = None
        for start, (is_end, name, _end) in zip(self.starts, self.tags, strict=True):
            if name not in wanted:
                continue
            if begin is None:
                if not is_end:
                    begin = start
            else:
                out.append((begin, start))
                begin = None
        if begin is not None:
            out.append((begin, 1 << 62))
        return out


def _markdown_scope(block: Block, name: str, text: str) -> str:
    """A Markdown table cell is ``table.header`` in the header row (the line before the delimiter row)."""
    if name != "table.cell" or not block.runs:
        return name
    pos = block.runs[0][1]
    nl = text.find("\n", pos)
    if nl < 0:
        return name
    return "table.header" if _DELIMITER_ROW.match(text, nl + 1) else name


def alt_blocks(doc: Document, skip: list[tuple[int, int]] = ()) -> list[ValeBlock]:
    """Vale's ``alt`` scope: the alt text of every image (Markdown ``![alt](...)``, HTML ``<img alt>``),
    as literal slices of the source, outside code, comments, front matter and ``skip`` ranges."""
    text = doc.source.text
    if "![" not in text and "<img" not in text.lower():
        return []
    masked = sorted((s, e) for s, e, k in doc.masked if k not in ("html", "html_block"))
    masked += list(skip)
    if doc.frontmatter_range:
        masked.append(doc.frontmatter_range)

    def hidden(pos: int) -> bool:
        return any(s <= pos < e for s, e in masked)

    found: list[tuple[int, int]] = []
    if doc.format == "markdown":
        for m in _MD_IMAGE.finditer(text):
            if m.end(1) > m.start(1) and not hidden(m.start()):
                found.append(m.span(1))
    for m in _IMG_TAG.finditer(text):
        a = _ALT_ATTR.search(text, m.start(), m.end())
        if a is None or hidden(m.start()):
            continue
        g = next(i for i in (1, 2, 3) if a.group(i) is not None)
        if a.end(g) > a.start(g):
            found.append(a.span(g))
    return [ValeBlock("alt", text[s:e], None, s) for s, e in sorted(set(found))]


def scope_matches(block_scope: str, wanted: tuple[str, ...]) -> bool:
    """Whether a block of ``block_scope`` is in a rule's ``scope`` list (any entry; ``~x`` negates)."""
    for w in wanted:
        neg = w.startswith("~")
        name = w[1:] if neg else w
        hit = _one(block_scope, name)
        if neg:
            if block_scope not in ("raw", "sentence", "link") and not hit:
                return True
        elif hit:
            return True
    return False


def _one(block_scope: str, name: str) -> bool:
    if name == "text":
        return block_scope not in ("raw", "link")
    if name == "summary":
        return block_scope in _SUMMARY or block_scope == "sentence"
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
    doc: Document,
    *,
    token_ignores: list,
    block_ignores: list,
    ignored_scopes: tuple[str, ...] = (),
    skipped_scopes: tuple[str, ...] = (),
    ignored_classes: tuple[str, ...] = (),
) -> list[ValeBlock]:
    """Vale blocks for a document's prose, in source order (front matter and code are not prose), then
    the images' alt text (scope ``alt``).

    Display math (``$$...$$``) is never linted; with ``link`` in ``IgnoredScopes`` link text is masked
    (code spans always are: copydesk's parsers mask them). ``SkippedScopes`` names HTML tags whose
    content is not linted: in HTML by the tags themselves, in Markdown by the blocks they stand for
    (``blockquote``, ``li``, ``table``, ``p``, ``h2``...); ``alt`` there leaves out alt text. The text of
    HTML elements with a class in ``IgnoredClasses`` is masked."""
    source = doc.source.text
    tok = ignore_ranges(source, token_ignores) if token_ignores else []
    blk_ranges = ignore_ranges(source, block_ignores) if block_ignores else []
    skipped = frozenset(t.lower() for t in skipped_scopes)
    # Each block with the HTML tags around it (None: a Markdown block). HTML blocks inside Markdown are
    # HTML to Vale (it renders Markdown to HTML first), so they are parsed as HTML here.
    candidates: list[tuple[Block, HtmlTags | None]] = []
    skip_ranges: list[tuple[int, int]] = []
    if doc.format == "html":
        html = HtmlTags(source)
        candidates = [(b, html) for b in doc.blocks]
        skip_ranges = html.skipped(tuple(skipped)) if skipped else []
        if ignored_classes:
            tok = sorted(tok + html.with_classes(ignored_classes))
    else:
        candidates = [(b, None) for b in doc.blocks]
        if doc.format == "markdown" and ignored_classes and "class" in source:  # inline HTML and HTML blocks
            tok = sorted(tok + HtmlTags(source).with_classes(ignored_classes))
        if doc.format == "markdown":
            inner = html_in_markdown(doc)
            if inner is not None:
                hdoc, html = inner
                skip_ranges = html.skipped(tuple(skipped)) if skipped else []
                candidates += [(b, html) for b in hdoc.blocks]
                candidates.sort(key=lambda c: c[0].runs[0][1] if c[0].runs else 0)
    out: list[ValeBlock] = []
    for b, html in candidates:
        name = vale_scope(b)
        if name is None:
            continue
        if html is not None and b.runs:
            name = html.scope(b.runs[0][1]) or name
        elif doc.format == "markdown":
            name = _markdown_scope(b, name, source)
        if skipped:
            if skip_ranges and b.runs and any(s <= b.runs[0][1] < e for s, e in skip_ranges):
                continue
            if html is None and any(t in skipped for t in _SCOPE_TAGS.get(name, (name.rsplit(".", 1)[-1],))):
                continue
        if blk_ranges:
            s, e = b.source_extent
            if any(rs <= s and e <= re_ for rs, re_ in blk_ranges):
                continue
        text = _masked(b, tok + blk_ranges)
        if "$$" in text:
            text = _mask_spans(text, [m.span() for m in _DISPLAY_MATH.finditer(text)])
        # Link text is also its own block of scope ``link`` (Vale's ``a``; not part of ``text``).
        links = [ValeBlock("link", text[ls:le], b, ls) for ls, le in b.links if text[ls:le].strip()]
        if "link" in ignored_scopes and b.links:
            text = _mask_spans(text, b.links)
        if text.replace(PLACEHOLDER, "").strip():
            out.append(ValeBlock(name, text, b))
        out.extend(links)
    if "alt" not in skipped:
        out.extend(alt_blocks(doc, skip_ranges + blk_ranges))
    return out


def html_in_markdown(doc: Document):
    """The HTML blocks of a Markdown document parsed as HTML (a copy of the source with everything else
    blanked, so offsets stay the source's), with their tags; None when there is no such block with text."""
    text = doc.source.text
    ranges = [(s, e) for s, e, k in doc.masked if k == "html_block"]
    if not ranges or not any(_TAG.sub("", text[s:e]).strip() for s, e in ranges):
        return None
    from ..parsers.html import parse_html
    from ..parsers.preprocess import blank
    from ..source import Source

    parts: list[str] = []
    last = 0
    for s, e in ranges:
        parts.append(blank(text[last:s]))
        parts.append(text[s:e])
        last = e
    parts.append(blank(text[last:]))
    work = "".join(parts)
    hdoc = parse_html(Source(doc.source.path, work, "html"))
    return hdoc, HtmlTags(work)


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
