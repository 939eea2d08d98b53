"""HTML to a Document, with the standard library's tolerant tokenizer.

``html.parser`` reports positions as (line, column) counting only ``\\n`` as a line break; they are turned
back into absolute offsets with a table built the same way, so CR and CRLF files map exactly too.
Character references are kept unconverted so each piece of text is a literal slice of the source.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..document import Document, TextBuilder
from ..source import Source
from .preprocess import mask_templates

_BLOCK_SCOPES = {
    "p": "paragraph",
    "li": "list_item",
    "dd": "list_item",
    "dt": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "blockquote": "blockquote",
    "figcaption": "paragraph",
    "caption": "paragraph",
    "title": "frontmatter.title",
}
_BREAKING = frozenset(
    "address article aside body div dl fieldset figure footer form header hr html main nav ol section table "
    "tbody thead tfoot tr ul br head".split()
)
_CODE = frozenset(["pre", "code", "kbd", "samp", "tt"])
_RAW = frozenset(["script", "style", "textarea", "template", "svg", "math"])


class _Parser(HTMLParser):
    def __init__(self, text: str, work: str, masked: list[tuple[int, int, str]]) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.work = work
        self.masked = masked
        starts = [0]
        pos = work.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = work.find("\n", pos + 1)
        self.starts = starts
        self.blocks = []
        self.comments: list[tuple[int, int, str]] = []
        self.scope_stack: list[tuple[str, int]] = []
        self.code_depth = 0
        self.code_start = -1
        self.code_inline = False  # the open code element is inline (<code>, <kbd>), not <pre>
        self.raw_depth = 0
        self.tb = TextBuilder()
        self.scope = "paragraph"
        self.level = 0
        #: Visible text spans of <a href> links in the current block (a link is a citation in web copy).
        self.links: list[tuple[int, int]] = []
        self.link_start = -1

    def _abs(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def flush(self) -> None:
        self.masked.extend(self.tb.urls)
        blk = self.tb.build(self.scope, level=self.level)
        if blk is not None:
            blk.links = self.links
            self.blocks.append(blk)
        self.tb = TextBuilder()
        self.links = []
        self.link_start = -1

    def _current_scope(self) -> tuple[str, int]:
        return self.scope_stack[-1] if self.scope_stack else ("paragraph", 0)

    def handle_starttag(self, tag, attrs) -> None:
        start = self._abs()
        end = start + len(self.get_starttag_text() or "")
        self.masked.append((start, end, "html"))
        if tag in _RAW:
            self.raw_depth += 1
            return
        if tag in _CODE:
            if self.code_depth == 0:
                self.code_start = start
                self.code_inline = tag != "pre"
                self.tb.add_placeholder(start, end)
            self.code_depth += 1
            return
        if tag != "br" and (
            tag in ("h1", "h2", "h3", "h4", "h5", "h6") or tag in _BLOCK_SCOPES or tag in _BREAKING
        ):
            self._end_inline_code(start)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") or tag in _BLOCK_SCOPES:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.scope_stack.append((f"heading.{tag}", int(tag[1])))
            else:
                self.scope_stack.append((_BLOCK_SCOPES[tag], 0))
            self.scope, self.level = self.scope_stack[-1]
        elif tag in _BREAKING:
            self.flush()
        elif tag in ("img", "input", "wbr"):
            self.tb.add_placeholder(start, end)
        elif tag == "a" and any(k == "href" and v for k, v in attrs):
            self.link_start = self.tb.length

    def _end_inline_code(self, at: int) -> None:
        """An inline code element (``<code>``, ``<kbd>``) still open where its paragraph or list item
        ends was never closed: the markup rules report it, and the code ends with its block, so the
        prose after it is read (not masked as code to the end of the page)."""
        if self.code_depth and self.code_inline and self.code_start >= 0:
            self.masked.append((self.code_start, at, "code"))
            self.code_depth = 0
            self.code_start = -1

    def handle_startendtag(self, tag, attrs) -> None:
        start = self._abs()
        end = start + len(self.get_starttag_text() or "")
        self.masked.append((start, end, "html"))
        if tag in _BREAKING:
            self.flush()
        elif tag in ("img", "input", "wbr"):
            self.tb.add_placeholder(start, end)

    def handle_endtag(self, tag) -> None:
        start = self._abs()
        end = self.work.find(">", start)
        end = len(self.work) if end < 0 else end + 1
        self.masked.append((start, end, "html"))
        if tag in _RAW:
            self.raw_depth = max(0, self.raw_depth - 1)
            return
        if tag in _CODE:
            self.code_depth = max(0, self.code_depth - 1)
            if self.code_depth == 0 and self.code_start >= 0:
                self.masked.append((self.code_start, end, "code"))
                self.code_start = -1
            return
        if tag == "a" and self.link_start >= 0:
            if self.tb.length > self.link_start:
                self.links.append((self.link_start, self.tb.length))
            self.link_start = -1
        is_scope = (tag[0] == "h" and tag[1:].isdigit() and len(tag) == 2) or tag in _BLOCK_SCOPES
        if is_scope or (tag in _BREAKING and tag != "br"):
            self._end_inline_code(start)
            self.flush()
        if is_scope:
            # Pop to the matching element, tolerating misnesting.
            for i in range(len(self.scope_stack) - 1, -1, -1):
                name = self.scope_stack[i][0]
                if name == f"heading.{tag}" or name == _BLOCK_SCOPES.get(tag):
                    del self.scope_stack[i:]
                    break
            self.scope, self.level = self._current_scope()

    def handle_data(self, data) -> None:
        if self.raw_depth or not data:
            return
        start = self._abs()
        if self.code_depth:
            return
        # The parser was fed a defused copy (see ``_defuse``): take the characters from the real text.
        self.tb.add_source_text(self.work[start : start + len(data)], start)

    def handle_entityref(self, name) -> None:
        self._charref("&" + name)

    def handle_charref(self, name) -> None:
        self._charref("&#" + name)

    def _charref(self, raw: str) -> None:
        if self.raw_depth or self.code_depth:
            return
        start = self._abs()
        end = start + len(raw)
        if end < len(self.work) and self.work[end] == ";":
            end += 1
        self.tb.add(unescape(self.work[start:end]) or raw, start, end)

    def handle_comment(self, data) -> None:
        start = self._abs()
        end = self.work.find("-->", start)
        end = len(self.work) if end < 0 else end + 3
        self.masked.append((start, end, "comment"))
        self.comments.append((start, end, data))

    def handle_decl(self, decl) -> None:
        pass

    def unknown_decl(self, data) -> None:
        pass


# ``<![name`` that html.parser accepts; any other marked section makes it raise and stop.
_BAD_MARKED = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.I
)
# ``&#`` that is not a complete character reference: html.parser then waits for a ';' and, at the end of
# the input, turns everything after it into text.
_BAD_CHARREF = re.compile(r"&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])")


def _defuse(work: str) -> str:
    """A same-length copy of ``work`` that html.parser reads in linear time and without giving up.

    html.parser rescans to the end of the input for every ``<`` that never closes (``"<a " * n`` takes
    minutes for a few hundred kilobytes), raises on unknown ``<![`` sections, and reads the rest of the
    input as text after an incomplete ``&#``. Those characters cannot start markup, so they become spaces
    in the copy the parser sees; the text itself is always taken from ``work``.
    """
    hits: list[int] = []
    last_gt = work.rfind(">")
    p = work.find("<", last_gt + 1)
    while p >= 0:
        hits.append(p)
        p = work.find("<", p + 1)
    hits.extend(m.start() for m in _BAD_MARKED.finditer(work, 0, last_gt + 1))
    hits.extend(m.start() for m in _BAD_CHARREF.finditer(work))
    if not hits:
        return work
    chars = list(work)
    for i in hits:
        chars[i] = " "
    return "".join(chars)


def parse_html(source: Source) -> Document:
    text = source.text
    masked: list[tuple[int, int, str]] = []
    work = mask_templates(text, masked)
    p = _Parser(text, work, masked)
    try:
        p.feed(_defuse(work))
        p.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser edge cases
        pass
    p.flush()
    masked.sort()
    # Keep only ranges inside the text (html.parser can report odd positions on broken input).
    n = len(text)
    masked = [(max(0, s), min(e, n), k) for s, e, k in masked if s < n]
    blocks = p.blocks
    fields = {}
    for b in blocks:
        if b.scope == "frontmatter.title":
            fields.setdefault("title", b.text.strip())
    return Document(source, blocks, masked, fields, None, p.comments)
