"""The document model: one parse per file into scoped blocks of prose mapped back to source offsets.

A ``Block`` holds the prose of one structural unit (a heading, a paragraph, a list item, a table cell, a
front-matter field...) as plain text, plus a compact map from each character of that text to the source.
Markup that is not prose (emphasis markers, link destinations) is left out of the text; things that must
not be linted as prose (code spans, URLs, autolinks, template tags) are replaced by one U+FFFC character
that maps to the whole masked range. Rules match on ``Block.text`` and convert their spans with
``Block.source_span``; no position is ever recovered by searching rendered text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .source import Source

PLACEHOLDER = "\ufffc"

#: Scopes a block can have. ``heading.plain`` is a headline candidate in plain text.
PROSE_SCOPES = ("heading", "paragraph", "list_item", "blockquote", "table_cell")
ALL_SCOPES = PROSE_SCOPES + ("frontmatter", "html_block", "code")

_URL_RE = re.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"'`\ufffc]*[^\s<>\"'`.,;:!?)\]\ufffc]", re.IGNORECASE
)
# The local part starts where a run of address characters starts (not at every word boundary inside
# one), so a long run such as "a.a.a.a..." is scanned once instead of once per position.
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_FILLER_RUN = re.compile(PLACEHOLDER + "+")
_URL_OR_EMAIL = re.compile(f"{_URL_RE.pattern}|{_EMAIL_RE.pattern}", re.IGNORECASE)


class TextBuilder:
    """Builds a block's text together with its source map, run by run."""

    __slots__ = ("parts", "runs", "length", "urls")

    def __init__(self) -> None:
        #: Source ranges of bare URLs and e-mail addresses masked while adding text.
        self.urls: list[tuple[int, int, str]] = []
        self.parts: list[str] = []
        # Runs: (text_start, src_start, src_end, one_to_one)
        self.runs: list[tuple[int, int, int, bool]] = []
        self.length = 0

    def add(self, text: str, src_start: int, src_end: int | None = None, *, mask_urls: bool = False) -> None:
        """Append ``text`` taken from the source at ``src_start``.

        Without ``src_end`` the text is a literal copy of the source (one character per character);
        with it, the whole of ``text`` stands for the source range ``[src_start, src_end)``.
        """
        if not text:
            return
        if mask_urls and src_end is None and ("." in text or "@" in text):
            pos = 0
            for m in _URL_OR_EMAIL.finditer(text):
                self.add(text[pos : m.start()], src_start + pos)
                self.add(PLACEHOLDER, src_start + m.start(), src_start + m.end())
                self.urls.append((src_start + m.start(), src_start + m.end(), "url"))
                pos = m.end()
            text = text[pos:]
            src_start += pos
            if not text:
                return
        one_to_one = src_end is None
        if one_to_one:
            src_end = src_start + len(text)
        if self.runs:
            t0, s0, e0, o0 = self.runs[-1]
            if one_to_one and o0 and e0 == src_start:
                self.runs[-1] = (t0, s0, src_end, True)
                self.parts.append(text)
                self.length += len(text)
                return
        self.runs.append((self.length, src_start, src_end, one_to_one))
        self.parts.append(text)
        self.length += len(text)

    def add_source_text(self, text: str, src_start: int) -> None:
        """Append a literal slice of the (template-masked) source: URLs and e-mail addresses become
        placeholders, and each run of template-tag filler collapses into one placeholder."""
        if PLACEHOLDER not in text:
            self.add(text, src_start, mask_urls=True)
            return
        i = 0
        for m in _FILLER_RUN.finditer(text):
            self.add(text[i : m.start()], src_start + i, mask_urls=True)
            self.add_placeholder(src_start + m.start(), src_start + m.end())
            i = m.end()
        self.add(text[i:], src_start + i, mask_urls=True)

    def add_placeholder(self, src_start: int, src_end: int) -> None:
        """Mask a source range; adjacent masks collapse into one placeholder."""
        if self.runs and self.parts and self.parts[-1] == PLACEHOLDER and self.runs[-1][2] >= src_start - 1:
            t0, s0, _e0, _o = self.runs[-1]
            self.runs[-1] = (t0, s0, src_end, False)
            return
        self.add(PLACEHOLDER, src_start, src_end)

    def build(self, scope: str, **kw) -> Block | None:
        text = "".join(self.parts)
        if not text.strip() or not text.replace(PLACEHOLDER, "").strip():
            return None
        return Block(scope, text, self.runs, **kw)


@dataclass
class Block:
    scope: str
    text: str
    runs: list[tuple[int, int, int, bool]] = field(repr=False)
    level: int = 0  # heading level (1..6), 0 otherwise
    key: str = ""  # front-matter key
    #: Text spans (start, end) that are the visible text of hyperlinks (a link is a citation in web copy).
    links: list = field(default_factory=list, repr=False)
    #: Source range of the whole block, markup included (None: from the first to the last mapped character).
    extent: tuple[int, int] | None = field(default=None, repr=False)

    @property
    def source_extent(self) -> tuple[int, int]:
        if self.extent is not None:
            return self.extent
        return (self.runs[0][1], self.runs[-1][2]) if self.runs else (0, 0)

    def source_offset(self, i: int) -> int:
        """Source offset of the character at text index ``i``."""
        if not self.runs:
            return 0
        i = max(0, min(i, len(self.text) - 1))
        k = bisect.bisect_right(self.runs, (i, float("inf"))) - 1
        t0, s0, e0, one = self.runs[max(k, 0)]
        return s0 + (i - t0) if one else s0

    def source_end(self, i: int) -> int:
        """Exclusive source offset that ends a span whose last text index is ``i - 1``."""
        if i <= 0 or not self.runs:
            return self.source_offset(0)
        j = min(i, len(self.text)) - 1
        k = bisect.bisect_right(self.runs, (j, float("inf"))) - 1
        t0, s0, e0, one = self.runs[max(k, 0)]
        return s0 + (j - t0) + 1 if one else e0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a text span ``[start, end)`` to a source span."""
        s = self.source_offset(start)
        e = self.source_end(end) if end > start else s
        return s, max(s, e)

    def matches_scope(self, scopes: tuple[str, ...]) -> bool:
        return scope_matches(self.scope, scopes)

    @property
    def is_heading(self) -> bool:
        return self.scope.startswith("heading") or self.scope == "frontmatter.title"


def scope_matches(scope: str, wanted: tuple[str, ...]) -> bool:
    for w in wanted:
        if w == "prose":
            if scope.split(".", 1)[0] in PROSE_SCOPES:
                return True
        elif w == "text" or scope == w or scope.startswith(w + "."):
            if w != "text" or scope.split(".", 1)[0] in PROSE_SCOPES:
                return True
        elif w == "heading.h" and scope.startswith("heading.h"):
            return True
    return False


@dataclass
class Document:
    source: Source
    blocks: list[Block]
    #: Source ranges masked from prose rules: (start, end, kind) with kind in
    #: code, code_span, url, template, frontmatter, html, comment.
    masked: list[tuple[int, int, str]] = field(default_factory=list)
    #: Front-matter fields (top-level scalars), if any.
    frontmatter: dict = field(default_factory=dict)
    frontmatter_range: tuple[int, int] | None = None
    #: HTML comments (start, end, inner text) for suppressions.
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    #: Notes about how the file was understood (for example unterminated front matter), shown to the user.
    notices: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def format(self) -> str:
        return self.source.format

    @property
    def text(self) -> str:
        return self.source.text

    def blocks_in(self, scopes: tuple[str, ...]) -> list[Block]:
        """Blocks whose scope matches any of ``scopes`` (memoised: many rules share a scope)."""
        memo = self.__dict__.setdefault("_scope_memo", {})
        found = memo.get(scopes)
        if found is None:
            found = memo[scopes] = [b for b in self.blocks if scope_matches(b.scope, scopes)]
        return found

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.is_heading]

    def ranges(self, *kinds: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e, k in self.masked if not kinds or k in kinds]


# ---------------------------------------------------------------------------------------------------------
# Shared pre-processing: front matter and template syntax


_FM_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
#: Longest template tag (``{{ x }}``, ``{% x %}``...) and Liquid raw/comment/highlight block, in characters.
TEMPLATE_TAG_MAX = 4000
TEMPLATE_BLOCK_MAX = 200_000
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")
_BLOCK_OPEN = re.compile(r"\{%-?\s*(raw|comment|highlight)\b")
_BLOCK_END = re.compile(r"\{%-?\s*end(raw|comment|highlight)\s*-?%\}")
_FM_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(.*)$")  # the value is right-stripped in code


def opens_frontmatter(text: str) -> bool:
    """The file starts with a front-matter fence (``---`` or ``+++`` on a line of its own)."""
    return _FM_OPEN.match(text) is not None


def find_frontmatter(text: str) -> tuple[int, int, int, int] | None:
    """Locate YAML (``---``) or TOML (``+++``) front matter at the top of a file.

    Returns ``(start, body_start, body_end, end)`` offsets, or None when there is none or it is never
    closed (an unterminated block is then treated as ordinary text).
    """
    m = _FM_OPEN.match(text)
    if not m:
        return None
    fence = m.group(1)
    closers = (fence, "...") if fence == "---" else (fence,)
    pos = m.end()
    body_start = pos
    n = len(text)
    while pos <= n:
        nl = _next_break(text, pos)
        line = text[pos : nl[0]]
        if line.rstrip() in closers:
            return 0, body_start, pos, nl[1]
        if nl[1] == pos or nl[0] >= n:
            break
        pos = nl[1]
    return None


def _next_break(text: str, pos: int) -> tuple[int, int]:
    """(end of line, start of next line) from ``pos``."""
    n = len(text)
    nl = text.find("\n", pos)
    eol = n if nl < 0 else nl
    cr = text.find("\r", pos, eol)
    if cr >= 0:
        return cr, cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
    return (n, n) if nl < 0 else (nl, nl + 1)


def frontmatter_blocks(text: str, body_start: int, body_end: int) -> tuple[list[Block], dict]:
    """Blocks for top-level scalar front-matter fields, mapped to the value's exact characters."""
    blocks: list[Block] = []
    fields: dict = {}
    pos = body_start
    while pos < body_end:
        eol, nxt = _next_break(text, pos)
        eol = min(eol, body_end)
        line = text[pos:eol]
        m = _FM_FIELD.match(line)
        if m and not line[:1].isspace():
            key, value = m.group(1), m.group(2).rstrip(" \t")
            vstart = pos + m.start(2)
            if value and value[0] in "\"'" and len(value) >= 2 and value[-1] == value[0]:
                value = value[1:-1]
                vstart += 1
            if value and value[0] not in "[{|>&*!#":
                fields[key] = value
                tb = TextBuilder()
                tb.add(value, vstart, mask_urls=True)
                blk = tb.build(f"frontmatter.{key.lower()}", key=key)
                if blk:
                    blocks.append(blk)
        if nxt == pos:
            break
        pos = nxt
    return blocks, fields


def _all(text: str, token: str) -> list[int]:
    out = []
    i = text.find(token)
    while i >= 0:
        out.append(i)
        i = text.find(token, i + 1)
    return out


def template_spans(
    text: str, tag_max: int = TEMPLATE_TAG_MAX, block_max: int = TEMPLATE_BLOCK_MAX, open_max: int = 200
) -> list[tuple[int, int]]:
    """Source spans of template syntax, leftmost first, never overlapping.

    The same spans as the regular expression ``{{<.{0,T}?>}} | {{%.{0,T}?%}} | {%-?\\s*(raw|comment|
    highlight)\\b.{0,O}?%}.{0,B}?{%-?\\s*end\\1\\s*-?%} | {%.{0,T}?%} | {{.{0,T}?}} | {#.{0,T}?#}``
    (``T = tag_max``, ``B = block_max``, ``O = open_max``, dot matching newlines), found in time linear in the text: every
    closing token is located once and looked up by bisection, so an opener that never closes costs
    nothing however often it is repeated.
    """
    if "{" not in text:
        return []
    closers = {tok: _all(text, tok) for tok in (">}}", "%}}", "%}", "}}", "#}")}
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in _BLOCK_END.finditer(text):
        ends.setdefault(m.group(1), []).append((m.start(), m.end()))

    def first(tok: str, lo: int, hi: int) -> int:
        found = closers[tok]
        k = bisect.bisect_left(found, lo)
        return found[k] if k < len(found) and found[k] <= hi else -1

    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _TEMPLATE_START.finditer(text):
        s = m.start()
        if s < pos:
            continue
        end = -1
        two = text[s : s + 3]
        if two.startswith("{{<"):
            c = first(">}}", s + 3, s + 3 + tag_max)
            end = c + 3 if c >= 0 else -1
        if end < 0 and two.startswith("{{%"):
            c = first("%}}", s + 3, s + 3 + tag_max)
            end = c + 3 if c >= 0 else -1
        if end < 0 and two.startswith("{%"):
            bm = _BLOCK_OPEN.match(text, s)
            if bm:
                name_end = bm.end()
                found = ends.get(bm.group(1), [])
                # Each '%}' that can close the opening tag, nearest first (the lazy match backtracks so).
                c = first("%}", name_end, name_end + open_max)
                while c >= 0 and end < 0:
                    k = bisect.bisect_left(found, (c + 2, -1))
                    if k < len(found) and found[k][0] <= c + 2 + block_max:
                        end = found[k][1]
                    else:
                        c = first("%}", c + 1, name_end + open_max)
            if end < 0:
                c = first("%}", s + 2, s + 2 + tag_max)
                end = c + 2 if c >= 0 else -1
        if end < 0 and two.startswith("{{"):
            c = first("}}", s + 2, s + 2 + tag_max)
            end = c + 2 if c >= 0 else -1
        if end < 0 and two.startswith("{#"):
            c = first("#}", s + 2, s + 2 + tag_max)
            end = c + 2 if c >= 0 else -1
        if end >= 0:
            spans.append((s, end))
            pos = end
    return spans


def mask_templates(text: str, masked: list[tuple[int, int, str]]) -> str:
    """Replace template tags with placeholders of the same length (line breaks kept).

    Hugo shortcodes ``{{< x >}}`` / ``{{% x %}}``, Liquid and Jinja ``{% x %}`` / ``{{ x }}`` / ``{# #}``;
    Liquid ``raw``, ``comment`` and ``highlight`` blocks are masked whole.
    """
    spans = template_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(_fill(text[s:e]))
        masked.append((s, e, "template"))
        pos = e
    out.append(text[pos:])
    return "".join(out)


_FILL_RE = re.compile(r"[^\r\n]")


def _fill(chunk: str) -> str:
    return _FILL_RE.sub(PLACEHOLDER, chunk)


def blank(chunk: str) -> str:
    return _FILL_RE.sub(" ", chunk)


def parse(source: Source) -> Document:
    """Parse a source into a Document, choosing the parser by format."""
    if source.format == "markdown":
        from .parsers.markdown import parse_markdown

        return parse_markdown(source)
    if source.format == "html":
        from .parsers.html import parse_html

        return parse_html(source)
    from .parsers.text import parse_text

    return parse_text(source)
