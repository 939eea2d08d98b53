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
import functools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from .source import Source
from .vocab import ALL_SCOPES, PROSE_SCOPES  # noqa: F401  (re-exported: scope names live in vocab)

PLACEHOLDER = "\ufffc"


_URL_RE = re.compile(
    r"\b(?:https?://|ftp://|www\.)[^\s<>\"'`\ufffc]*[^\s<>\"'`.,;:!?)\]\ufffc]", re.IGNORECASE
)
# The local part starts where a run of address characters starts (not at every word boundary inside
# one), so a long run such as "a.a.a.a..." is scanned once instead of once per position.
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_FILLER_RUN = re.compile(PLACEHOLDER + "+")
_URL_OR_EMAIL = re.compile(f"{_URL_RE.pattern}|{_EMAIL_RE.pattern}", re.IGNORECASE)
#: Every URL match holds '://' or 'www.' and every address '@': text without them is not searched ('www.'
#: is looked for, case-insensitively, only in text that holds 'w.' or 'W.').
_WWW = re.compile(r"www\.", re.IGNORECASE)


class TextBuilder:
    """Builds a block's text together with its source map, run by run."""

    __slots__ = ("parts", "_flat", "length", "urls")

    def __init__(self) -> None:
        #: Source ranges of bare URLs and e-mail addresses masked while adding text.
        self.urls: list[tuple[int, int, str]] = []
        self.parts: list[str] = []
        # The runs (text_start, src_start, src_end, one_to_one), four integers each, as ``Runs`` keeps
        # them (no tuple per run while the text is built).
        self._flat: list[int] = []
        self.length = 0

    @property
    def runs(self) -> list[tuple[int, int, int, bool]]:
        f = self._flat
        return [(f[j], f[j + 1], f[j + 2], f[j + 3] == 1) for j in range(0, len(f), 4)]

    def add(self, text: str, src_start: int, src_end: int | None = None, *, mask_urls: bool = False) -> None:
        """Append ``text`` taken from the source at ``src_start``.

        Without ``src_end`` the text is a literal copy of the source (one character per character);
        with it, the whole of ``text`` stands for the source range ``[src_start, src_end)``.
        """
        if not text:
            return
        if (
            mask_urls
            and src_end is None
            and ("@" in text or "://" in text or (("w." in text or "W." in text) and _WWW.search(text)))
        ):
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
        f = self._flat
        if src_end is None:  # a literal copy: it extends the last run when that one ends where it starts
            src_end = src_start + len(text)
            if f and f[-1] and f[-2] == src_start:
                f[-2] = src_end
                self.parts.append(text)
                self.length += len(text)
                return
            f += (self.length, src_start, src_end, 1)
        else:
            f += (self.length, src_start, src_end, 0)
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
        f = self._flat
        if f and self.parts and self.parts[-1] == PLACEHOLDER and f[-2] >= src_start - 1:
            f[-2] = src_end
            f[-1] = 0
            return
        self.add(PLACEHOLDER, src_start, src_end)

    def build(self, scope: str, **kw) -> Block | None:
        text = "".join(self.parts)
        if not text.strip() or not text.replace(PLACEHOLDER, "").strip():
            return None
        return Block(scope, text, Runs.from_flat(self._flat), **kw)


def _int_array(values) -> array:
    """``values`` as 32-bit integers when every one fits (offsets in any draft under 2 GB), else 64-bit."""
    try:
        return array("i", values)
    except OverflowError:
        return array("q", values)


class Runs(Sequence):
    """A block's source map: runs ``(text_start, src_start, src_end, one_to_one)``, in text order, kept in
    one flat integer array (four per run; 32-bit integers when they fit). A tuple per run costs about four
    times as much, and a large draft keeps the source maps of all its blocks for every rule. The block's
    extent (its source range, markup included), when it has one, is kept as two more integers at the
    end of the same array (``Block.extent``): a tuple of two integers per block was another 120 bytes."""

    __slots__ = ("_a", "_n")

    def __init__(self, runs) -> None:
        flat: list[int] = []
        for t0, s0, e0, one in runs:
            flat += (t0, s0, e0, 1 if one else 0)
        self._a = _int_array(flat)
        self._n = len(flat) // 4

    @classmethod
    def from_flat(cls, flat: list[int]) -> Runs:
        """Runs from their integers, four per run (``one_to_one`` as 1 or 0), in one array copy."""
        runs = cls.__new__(cls)
        runs._a = _int_array(flat)
        runs._n = len(flat) // 4
        return runs

    def _extent(self) -> tuple[int, int] | None:
        a = self._a
        return (a[-2], a[-1]) if len(a) > 4 * self._n else None

    def _set_extent(self, extent: tuple[int, int] | None) -> None:
        a = self._a
        del a[4 * self._n :]
        if extent is not None:
            try:
                a.extend(extent)
            except OverflowError:
                self._a = array("q", a)
                self._a.extend(extent)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(self._n))]
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        a = self._a
        j = 4 * k
        return (a[j], a[j + 1], a[j + 2], a[j + 3] == 1)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Runs, list, tuple)) else NotImplemented

    def holding(self, i: int) -> tuple[int, int, int, bool]:
        """The run that holds text index ``i`` (the last run starting at or before it; the first run for
        an index before every run)."""
        a = self._a
        k = bisect.bisect_right(range(self._n), i, key=lambda j: a[4 * j]) - 1
        return self[max(k, 0)]


@dataclass(slots=True)
class Block:
    """One block of prose (slotted: a large table is hundreds of thousands of cells, each a block)."""

    scope: str
    text: str
    runs: Runs | list[tuple[int, int, int, bool]] = field(repr=False)
    level: int = 0  # heading level (1..6), 0 otherwise
    key: str = ""  # front-matter key
    #: Text spans (start, end) that are the visible text of hyperlinks (a link is a citation in web copy);
    #: an empty tuple, shared, when there are none.
    links: list | tuple = field(default=(), repr=False)
    #: Plain text: the source ranges of URLs and e-mail addresses masked in the block (``parsers.text``).
    urls: list | tuple = field(default=(), repr=False, compare=False)
    #: Where ``extent`` is kept when the source map is a plain list (a ``Runs`` keeps it in its array).
    _listed_extent: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def extent(self) -> tuple[int, int] | None:
        """Source range of the whole block, markup included (None: from the first to the last mapped
        character)."""
        runs = self.runs
        return runs._extent() if isinstance(runs, Runs) else self._listed_extent

    @extent.setter
    def extent(self, value: tuple[int, int] | None) -> None:
        runs = self.runs
        if isinstance(runs, Runs):
            runs._set_extent(None if value is None else (int(value[0]), int(value[1])))
        else:
            self._listed_extent = value

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
        t0, s0, e0, one = _run_holding(self.runs, i)
        return s0 + (i - t0) if one else s0

    def source_end(self, i: int) -> int:
        """Exclusive source offset that ends a span whose last text index is ``i - 1``."""
        if i <= 0 or not self.runs:
            return self.source_offset(0)
        j = min(i, len(self.text)) - 1
        t0, s0, e0, one = _run_holding(self.runs, j)
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


def _run_holding(runs, i: int) -> tuple[int, int, int, bool]:
    if isinstance(runs, Runs):
        return runs.holding(i)
    k = bisect.bisect_right(runs, (i, float("inf"))) - 1
    return runs[max(k, 0)]


@functools.lru_cache(maxsize=4096)
def scope_matches(scope: str, wanted: tuple[str, ...]) -> bool:
    """Whether a block scope is one of the rule scopes ``wanted`` (memoised: few distinct pairs, many calls)."""
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
    #: What the parse produced, kept so that no check parses again. Markdown: markdown-it's block token
    #: stream (its line maps index the source's lines; inline tokens keep their content, not their
    #: children, which became the blocks) and its reference definitions (normalised labels).
    tokens: list | None = field(default=None, repr=False)
    references: frozenset = field(default_factory=frozenset, repr=False)

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
        """The heading blocks, in order (worked out once; each call gets its own list)."""
        found = self.__dict__.get("_headings")
        if found is None:
            found = self.__dict__["_headings"] = [b for b in self.blocks if b.is_heading]
        return list(found)

    def ranges(self, *kinds: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e, k in self.masked if not kinds or k in kinds]
