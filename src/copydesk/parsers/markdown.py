"""Markdown (CommonMark + GFM tables and strikethrough, YAML/TOML front matter) to a Document.

markdown-it-py gives block tokens with line maps but no offsets for inline tokens. Inline children are
consumed in order with a cursor that only moves forward through the block's own source lines, using each
token's literal source form (text content, entity and escape markup, delimiters), so every character of
the prose is tied to the exact source character it came from.

Where markdown-it-pyrs is installed, its tree gives those tokens instead (``markdown_rs``: the same tokens,
made faster), and markdown-it-py parses the drafts that path does not take (``backend``).
"""

from __future__ import annotations

import bisect
import os
import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, sub
from types import SimpleNamespace
from typing import NamedTuple

from ..document import Document, TextBuilder
from ..source import Source
from .mdtokens import HARDBREAK as _HARDBREAK
from .mdtokens import SOFTBREAK as _SOFTBREAK
from .mdtokens import Child as _Child
from .preprocess import blank, find_frontmatter, frontmatter_blocks, mask_templates, opens_frontmatter

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Inline tags that only format text: dropped from the prose without leaving a mark.
_FORMATTING_TAGS = frozenset(
    "a abbr b bdi bdo cite code del dfn em font i ins kbd mark q s samp small span strong sub sup time u var".split()
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


#: How deep blockquotes and lists may nest (markdown-it counts a list and its item as two levels; its
#: default, 20, silently dropped text below 19 blockquotes or 9 lists). Deeper text is reported.
MAX_NESTING = 100


@lru_cache(maxsize=1)
def _parser():
    return _parser_settings()


def _parser_settings():
    """A new parser with copydesk's settings (``_parser()`` keeps one)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(
        ["table", "strikethrough"]
    )
    md.disable("text_join")
    # Line breaks and NULs are normalised by _prepare (same length, so offsets hold): markdown-it's own
    # pass would copy the whole text twice more for nothing.
    md.disable("normalize")
    # No one reads a link's href from the tokens (the walker takes every offset from the source), so the
    # URL normalisation (parse, punycode, percent-encoding: about a tenth of the parse) is skipped. The
    # link validation still runs on the raw destination: its test (a javascript:, vbscript:, file: or
    # data: scheme) reads the scheme, which that normalisation leaves as it is.
    md.normalizeLink = _same_url
    md.normalizeLinkText = _same_url
    # Link destinations (long URLs) were read character by character: the same reading, by jumps.
    from markdown_it import helpers

    md.helpers = SimpleNamespace(
        parseLinkDestination=_link_destination,
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    return md


def _same_url(url: str) -> str:
    return url


#: Block rules that can only match on a line holding a given piece of text, with that text. markdown-it
#: tries every block rule on every line, and every paragraph-ending rule on each further line of a
#: paragraph; in a draft without the piece the rule fails its first test on every line, so the parse
#: without it gives the same tokens. (table: a header line holding '|'; fence: three backticks or tildes;
#: blockquote: '>'; html_block: '<'; heading: '#'; reference: a label's ']' right before ':'.) The
#: test is a substring search (a few fast scans of the draft). The rules for thematic breaks, setext
#: headings and lists could be tested by regular expressions too, but a regex scan of the whole draft
#: costs about what leaving those rules out saves (measured in instructions with callgrind).
_BLOCK_RULE_NEEDS = (
    ("table", ("|",)),
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("html_block", ("<",)),
    ("heading", ("#",)),
    ("reference", ("]:",)),
)


def _block_parser(text: str):
    """The parser whose block rules are those that may match in ``text`` (same tokens as ``_parser()``'s,
    fewer rules tried per line)."""
    idle = tuple(name for name, needs in _BLOCK_RULE_NEEDS if not any(n in text for n in needs))
    return _parser_without(idle) if idle else _parser()


@lru_cache(maxsize=64)  # at most 2**6 variants
def _parser_without(idle: tuple[str, ...]):
    md = _parser_settings()
    md.block.ruler.disable(list(idle))
    return md


class _Destination:
    """A link destination as markdown-it's link, image and reference rules read it."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = "") -> None:
        self.ok = ok
        self.pos = pos
        self.str = text


#: What ends or nests a link destination outside angle brackets: a space or control character, a
#: backslash (escape), a parenthesis.
_DESTINATION_STOP = re.compile(r"[\x00-\x20\x7f\\()]")


def _link_destination(string: str, pos: int, maximum: int):
    """markdown-it's ``parseLinkDestination`` (same result), jumping from one character that matters to
    the next (``_DESTINATION_STOP``) instead of reading every character of the URL in Python. A
    destination in angle brackets, and a call whose ``maximum`` runs past the string, go to
    markdown-it's own function."""
    if string.startswith("<", pos) or maximum > len(string):
        from markdown_it.helpers import parseLinkDestination

        return parseLinkDestination(string, pos, maximum)
    start = pos
    level = 0
    search = _DESTINATION_STOP.search
    while True:
        m = search(string, pos, maximum)
        if m is None:
            pos = maximum
            break
        pos = m.start()
        ch = string[pos]
        if ch == "\\":
            if pos + 1 < maximum:
                if string[pos + 1] == " ":
                    break
                pos += 2
            else:
                pos += 1
        elif ch == "(":
            level += 1
            if level > 32:
                return _Destination()
            pos += 1
        elif ch == ")":
            if level == 0:
                break
            level -= 1
            pos += 1
        else:  # a space or a control character
            break
    if start == pos or level != 0:
        return _Destination()
    from markdown_it.common.utils import unescapeAll

    return _Destination(True, pos, unescapeAll(string[start:pos]))


def _line_marks(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """markdown-it's line markers of ``src`` (``StateBlock``'s ``bMarks``, ``eMarks``, ``tShift``,
    ``sCount``, with its final fake line), worked out by whole-text string operations instead of a Python
    loop over each line's indent. As markdown-it does, a last line of only spaces and tabs with no line
    break after it gets no marker."""
    pieces = src.split("\n")
    if pieces[-1].strip(" \t") == "":
        pieces.pop()  # the empty piece after a final line break, or a last line of only blanks
    lens = list(map(len, pieces))
    begins = [0]
    begins.extend(accumulate(n + 1 for n in lens))
    del begins[-1]
    ends = list(map(add, begins, lens))
    shifts = list(map(sub, lens, map(len, map(str.lstrip, pieces, repeat(" \t")))))
    counts = shifts[:]
    if "\t" in src:  # tabs expand to the next multiple of four columns
        for i, (piece, shift) in enumerate(zip(pieces, shifts, strict=True)):
            if "\t" in piece[:shift]:
                offset = 0
                for ch in piece[:shift]:
                    offset += 4 - offset % 4 if ch == "\t" else 1
                counts[i] = offset
    n = len(src)
    begins.append(n)
    ends.append(n)
    shifts.append(0)
    counts.append(0)
    return begins, ends, shifts, counts


class _Token:
    """A markdown-it token as the parse makes it for copydesk: the fields of markdown-it's ``Token`` and
    the attribute methods its rules call, without its dataclass ``__init__`` (every field set, two dicts
    made and a conversion hook called for each of the tens of thousands of tokens of a run; nothing reads
    most of them). ``attrs`` and ``meta`` are made when a rule first touches them."""

    __slots__ = (
        "type",
        "tag",
        "nesting",
        "map",
        "level",
        "children",
        "content",
        "markup",
        "info",
        "block",
        "hidden",
        "_attrs",
        "_meta",
    )

    def __init__(self, type: str, tag: str, nesting: int) -> None:
        self.type = type
        self.tag = tag
        self.nesting = nesting
        self.map = None
        self.level = 0
        self.children = None
        self.content = ""
        self.markup = ""
        self.info = ""
        self.block = False
        self.hidden = False
        self._attrs = None
        self._meta = None

    @property
    def attrs(self) -> dict:
        if self._attrs is None:
            self._attrs = {}
        return self._attrs

    @attrs.setter
    def attrs(self, value) -> None:
        self._attrs = dict(value) if isinstance(value, list) else (value or {})

    @property
    def meta(self) -> dict:
        if self._meta is None:
            self._meta = {}
        return self._meta

    @meta.setter
    def meta(self, value) -> None:
        self._meta = value

    def attrGet(self, name: str):
        return self.attrs.get(name)

    def attrSet(self, name: str, value) -> None:
        self.attrs[name] = value

    def attrJoin(self, name: str, value: str) -> None:
        attrs = self.attrs
        attrs[name] = f"{attrs[name]} {value}" if name in attrs else value

    def attrItems(self) -> list:
        return list(self.attrs.items())

    def __repr__(self) -> str:
        return (
            f"_Token({self.type!r}, {self.tag!r}, {self.nesting}, map={self.map!r}, content={self.content!r})"
        )


@lru_cache(maxsize=1)
def _state_classes():
    """markdown-it's block and inline states, pushing ``_Token``s (made on first use: markdown-it is
    imported only when a Markdown draft is parsed)."""
    from markdown_it.rules_block.state_block import StateBlock
    from markdown_it.rules_inline.state_inline import StateInline

    class _StateBlock(StateBlock):
        def push(self, ttype: str, tag: str, nesting: int) -> _Token:
            token = _Token(ttype, tag, nesting)
            token.block = True
            if nesting < 0:
                self.level -= 1  # closing tag
            token.level = self.level
            if nesting > 0:
                self.level += 1  # opening tag
            self.tokens.append(token)
            return token

    class _StateInline(StateInline):
        def pushPending(self) -> _Token:
            token = _Token("text", "", 0)
            token.content = self.pending
            token.level = self.pendingLevel
            self.tokens.append(token)
            self.pending = ""
            return token

        def push(self, ttype: str, tag: str, nesting: int) -> _Token:
            if self.pending:
                self.pushPending()
            token = _Token(ttype, tag, nesting)
            token_meta = None
            if nesting < 0:
                self.level -= 1  # closing tag
                self.delimiters = self._prev_delimiters.pop()
            token.level = self.level
            if nesting > 0:
                self.level += 1  # opening tag
                self._prev_delimiters.append(self.delimiters)
                self.delimiters = []
                token_meta = {"delimiters": self.delimiters}
            self.pendingLevel = self.level
            self.tokens.append(token)
            self.tokens_meta.append(token_meta)
            return token

    return _StateBlock, _StateInline


def _inline_parse(md, src: str, env: dict, tokens: list) -> list:
    """markdown-it's ``ParserInline.parse`` with a state that pushes ``_Token``s."""
    state = _state_classes()[1](src, md, env, tokens)
    inline = md.inline
    inline.tokenize(state)
    for rule in inline.ruler2.getRules(""):
        rule(state)
    return tokens


def _block_rule(state) -> None:
    """markdown-it's core ``block`` rule, with the line markers from ``_line_marks``: the state is made
    for an empty text (so that every other field is markdown-it's own) and then given the text."""
    src = state.src
    if state.inlineMode or not src:
        from markdown_it.rules_core import block

        block(state)
        return
    md = state.md
    block_state = _state_classes()[0]("", md, state.env, state.tokens)
    block_state.src = src
    marks = _line_marks(src)
    block_state.bMarks, block_state.eMarks, block_state.tShift, block_state.sCount = marks
    block_state.bsCount = [0] * len(marks[0])
    block_state.lineMax = len(marks[0]) - 1
    md.block.tokenize(block_state, block_state.line, block_state.lineMax)


def _block_parse(work: str, env: dict, tokens=None, md=None):
    """markdown-it's parse without its inline step: the block tokens, whose inline children the walker
    parses one inline token at a time (and drops once they have become a block), so that a large draft
    never holds the inline tokens of all its paragraphs at once. The result is the same: the inline step
    is the last core rule and parses each inline token alone, with the reference definitions in ``env``.

    ``tokens`` is the list the block rules push to (a new list by default, returned); ``parse_markdown``
    gives a ``_TokenSink`` there, which walks each token as soon as its rule is done with it."""
    from markdown_it.rules_core import block as block_rule
    from markdown_it.rules_core import inline as inline_rule
    from markdown_it.rules_core.state_core import StateCore

    if md is None:
        md = _block_parser(work)
    state = StateCore(work, md, env)
    if tokens is not None:
        state.tokens = tokens
    for rule in md.core.ruler.getRules(""):
        if rule is block_rule:
            _block_rule(state)
        elif rule is not inline_rule:
            rule(state)
    return state.tokens


class _Lookups(dict):
    """``env["references"]`` when the draft may define references: notes whether an inline parse looked up
    a label that is not defined so far (markdown-it's link and image rules read it with ``get``), since a
    definition further down the draft would change that parse."""

    __slots__ = ("missed",)

    def __init__(self) -> None:
        super().__init__()
        self.missed = False

    def get(self, key, default=None):
        if key not in self:
            self.missed = True
        return dict.get(self, key, default)


class _Seen:
    """A token already handed on, as the list rule reads it back (``markTightParagraphs``: type and level;
    the ``hidden`` flag it sets is for HTML rendering, which no check reads)."""

    __slots__ = ("type", "level", "hidden")

    def __init__(self, type: str, level: int) -> None:
        self.type = type
        self.level = level
        self.hidden = False


class _TokenSink:
    """The token list of the block parse (issue 13: a 100,000-row table is 1.4 million token objects, 180
    times the draft in memory when all are held until the walk).

    A block rule sets a token's fields right after pushing it, so each token is handed on when the next
    one is pushed (or when the parse ends): its fields go to the document's ``BlockTokens`` and the token
    to the walker, and nothing keeps it. The end line of a container (blockquote, list, item, table,
    tbody) is set by its rule after the container's closing token is pushed: it is copied into
    ``BlockTokens`` when that closing token is handed on. The list rule reads its own tokens back by index
    to mark tight paragraphs: it gets each one's type and level (``_Seen``)."""

    __slots__ = ("_walker", "_kept", "_add", "_pending", "_count", "_opens")

    def __init__(self, walker: _Walker, kept: BlockTokens) -> None:
        self._walker = walker
        self._kept = kept
        self._add = kept.adder()
        self._pending = None
        self._count = 0
        #: (index, line map) of each container open so far
        self._opens: list[tuple[int, list | None]] = []

    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        return self._count

    def append(self, tok) -> None:
        if self._pending is not None:
            self._hand_on(self._pending)
        self._pending = tok
        self._count += 1

    def close(self) -> None:
        """The parse is over: hand on the last token."""
        if self._pending is not None:
            self._hand_on(self._pending)
            self._pending = None

    def _hand_on(self, tok) -> None:
        kept = self._kept
        nesting = tok.nesting
        if nesting == 1:
            self._opens.append((len(kept), tok.map))
        elif nesting == -1 and self._opens:
            index, lines = self._opens.pop()
            if lines is not None:
                kept.set_map(index, lines)
        self._add(tok)
        self._walker.feed(tok)

    def __getitem__(self, i: int):
        if i < 0:
            i += self._count
        if i == self._count - 1 and self._pending is not None:
            return self._pending
        if not 0 <= i < self._count:
            raise IndexError(i)
        kept = self._kept
        return _Seen(kept.type_at(i), kept.levels[i])


def _prepare(text: str) -> str:
    """A same-length copy that markdown-it will not re-measure: CRLF and CR become LF-terminated lines,
    and a NUL becomes U+FFFD up front (markdown-it replaces it itself, which used to break the match
    between its text and the source, dropping the whole block)."""
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


#: ``COPYDESK_MARKDOWN_BACKEND``: ``rs`` parses with markdown-it-pyrs where it applies (the default when it
#: is installed), ``py`` always with markdown-it-py.
BACKEND_VARIABLE = "COPYDESK_MARKDOWN_BACKEND"


def backend() -> str:
    """The Markdown parser in use: ``rs`` (markdown-it-pyrs, with markdown-it-py for the drafts it does not
    take) or ``py`` (markdown-it-py only): ``COPYDESK_MARKDOWN_BACKEND`` when set, else ``rs`` when
    markdown-it-pyrs can be imported."""
    wanted = os.environ.get(BACKEND_VARIABLE, "").strip().lower()
    if wanted == "py":
        return "py"
    return "rs" if _rs_available() else "py"


@lru_cache(maxsize=1)
def _rs_available() -> bool:
    from .markdown_rs import available

    return available()


def _fast_walk(md_text: str, walker: _Walker, kept: BlockTokens) -> set[str] | None:
    """Walk markdown-it-pyrs's tree of ``md_text`` as markdown-it-py's tokens (``markdown_rs``), each token
    walked as soon as it is made; the reference labels, or None when markdown-it-py is to parse the draft
    (the backend is ``py``, or the fast path does not apply: the caller then starts again)."""
    if backend() != "rs":
        return None
    from .markdown_rs import convert

    add = kept.adder()
    feed = walker.feed

    def emit(tok) -> None:
        add(tok)
        if tok.type in _PASSIVE_TYPES:
            walker.last_type = tok.type  # all the walker does with such a token
        else:
            feed(tok)

    return convert(md_text, emit)


#: Block tokens the walker only notes as the last type it saw (``_Walker.feed``: no container, heading,
#: masked range or inline content).
_PASSIVE_TYPES = frozenset(
    "paragraph_open paragraph_close list_item_open list_item_close hr table_open table_close thead_open "
    "thead_close tbody_open tbody_close tr_open tr_close th_open th_close td_open td_close".split()
)


def parse_markdown(source: Source) -> Document:
    text = source.text
    masked: list[tuple[int, int, str]] = []
    blocks = []
    fields: dict = {}
    fm_range = None
    work = text
    fm = find_frontmatter(text)
    if fm:
        start, body_start, body_end, end = fm
        fm_blocks, fields = frontmatter_blocks(text, body_start, body_end)
        blocks.extend(fm_blocks)
        fm_range = (start, end)
        masked.append((start, end, "frontmatter"))
        work = blank(text[:end]) + text[end:]
    work = mask_templates(work, masked)
    work = _prepare(work)
    # The work text keeps every line break of the source where it was, so the source's line starts hold.
    walker = _Walker(work, masked, text if "\0" in text else None, source.line_starts)
    env: dict = {}
    md_text = work
    if fm:
        # markdown-it reads blank lines as nothing whatever they hold, but measures each line's indent
        # character by character: the front matter's lines go to it empty (same line numbers, so the line
        # maps hold; the walker reads only line maps and ``work``, never markdown-it's offsets).
        md_text = "\n" * work.count("\n", 0, fm[3]) + work[fm[3] :]
    kept = BlockTokens()
    masked_before = len(masked)
    # Every reference is known before the walk on the fast path, so the walker takes each inline token's
    # children as they are.
    references = _fast_walk(md_text, walker, kept)
    if references is not None:
        del md_text
        env["references"] = references
    else:
        if kept:  # the fast path gave up part way: start again
            del masked[masked_before:]
            walker = _Walker(work, masked, text if "\0" in text else None, source.line_starts)
            kept = BlockTokens()
        walker.start(env)
        # Each token is walked as soon as its rule is done with it: the document keeps what the checks need
        # of it (``BlockTokens``) and nothing keeps the token (see ``_TokenSink``).
        sink = _TokenSink(walker, kept)
        # The parser without the block rules this draft cannot trigger; its inline rules are the full
        # parser's, so the walker's inline parses use it too (one parser made in a one-draft run).
        walker.md = _block_parser(md_text)
        _block_parse(md_text, env, sink, walker.md)
        del md_text
        sink.close()
    blocks.extend(walker.finish())
    code = sorted((s, e) for s, e, k in masked if k in ("code", "frontmatter"))
    comments = [c for c in _comments(work) if not _inside(code, c[0])]
    masked.sort()
    notices = []
    deep = next((i for i, level in enumerate(kept.levels) if level >= MAX_NESTING - 1), None)
    if deep is not None:
        line = next((t.map[0] + 1 for t in (kept[i] for i in range(deep, -1, -1)) if t.map), 1)
        notices.append(
            f"blockquotes and lists nested deeper than copydesk reads (about {MAX_NESTING - 1} blockquotes or "
            f"{MAX_NESTING // 2 - 1} lists) near line {line}; the text below that depth was not checked"
        )
    if fm is None and opens_frontmatter(text):
        fence_at = len(text) - len(text.lstrip(" \t\r\n"))
        fence_at = text.rfind("\n", 0, fence_at) + 1  # the fence line's start (blank lines before it)
        notices.append(
            f"front matter opened by '{text[fence_at : fence_at + 3]}' on line "
            f"{source.line_of(fence_at)} is never closed; the file was checked as Markdown without front matter"
        )
    return Document(
        source,
        blocks,
        masked,
        fields,
        fm_range,
        comments,
        notices=notices,
        # The inline children have become the blocks' text and source maps; what the checks that read the
        # parse need of the block tokens (types, line maps, markup) is kept compactly.
        tokens=kept,
        references=frozenset(env.get("references", {})),
    )


class BlockToken(NamedTuple):
    """What the document keeps of one markdown-it block token (see ``BlockTokens``)."""

    type: str
    tag: str
    map: tuple[int, int] | None
    markup: str
    info: str
    level: int
    nesting: int


class BlockTokens(Sequence):
    """markdown-it's block token stream kept as a few arrays: on a large draft the token objects (with their
    attribute dicts and inline content) cost several times the draft in memory, and the checks read only
    each token's type, tag, line map, markup, info, level and nesting. Items are ``BlockToken``s, made on
    access."""

    __slots__ = ("_kinds", "_names", "_map0", "_map1", "_strings", "_level", "_ids", "_pairs")

    def __init__(self, tokens=()) -> None:
        self._ids: dict[tuple[str, str, int], int] = {}
        self._names: list[tuple[str, str, int]] = []
        self._kinds = array("I")
        self._map0 = array("q")
        self._map1 = array("q")
        self._level = array("i")
        #: (markup, info) per token: shared objects, since almost every token has the same pair
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}
        self._strings: list[tuple[str, str]] = []
        for tok in tokens:
            self.add(tok)

    def adder(self):
        """``add`` as a function with the arrays it appends to in hand (it runs once per block token)."""
        ids, names, pairs = self._ids, self._names, self._pairs
        kinds, map0, map1 = self._kinds.append, self._map0.append, self._map1.append
        level, strings = self._level.append, self._strings.append

        def add(tok) -> None:
            key = (tok.type, tok.tag, tok.nesting)
            kind = ids.get(key)
            if kind is None:
                kind = ids[key] = len(names)
                names.append(key)
            kinds(kind)
            m = tok.map
            if m:
                map0(m[0])
                map1(m[1])
            else:
                map0(-1)
                map1(-1)
            level(tok.level)
            pair = (tok.markup, tok.info)
            strings(pairs.setdefault(pair, pair))

        return add

    def add(self, tok) -> None:
        """Keep what the checks read of one more markdown-it block token."""
        key = (tok.type, tok.tag, tok.nesting)
        kind = self._ids.get(key)
        if kind is None:
            kind = self._ids[key] = len(self._names)
            self._names.append(key)
        self._kinds.append(kind)
        m = tok.map
        self._map0.append(m[0] if m else -1)
        self._map1.append(m[1] if m else -1)
        self._level.append(tok.level)
        pair = (tok.markup, tok.info)
        self._strings.append(self._pairs.setdefault(pair, pair))

    def set_map(self, i: int, lines) -> None:
        """The line map of token ``i`` (a container's end line is known only once it closes)."""
        self._map0[i] = lines[0]
        self._map1[i] = lines[1]

    def type_at(self, i: int) -> str:
        """The type of token ``i`` (without making the token)."""
        return self._names[self._kinds[i]][0]

    @property
    def levels(self):
        """Each token's nesting level (an integer array)."""
        return self._level

    def type_names(self) -> list[str]:
        """Each token's type, in order, without making the tokens (a check that wants a few types picks
        their indices from this list and makes only those items)."""
        types = [name[0] for name in self._names]
        return list(map(types.__getitem__, self._kinds))

    def inlines(self) -> list[tuple[str, str, int, int]]:
        """Each inline token that has a line map, as (type of the token before it, that token's markup, first
        line, end line), without making the tokens (the Markdown checks' units)."""
        names, kinds, strings, map0, map1 = self._names, self._kinds, self._strings, self._map0, self._map1
        inline = {k for k, name in enumerate(names) if name[0] == "inline"}
        out = []
        for i in range(1, len(kinds)):
            if kinds[i] in inline and map0[i] >= 0:
                out.append((names[kinds[i - 1]][0], strings[i - 1][0], map0[i], map1[i]))
        return out

    def __len__(self) -> int:
        return len(self._kinds)

    def __iter__(self):
        names, strings, map1, level = self._names, self._strings, self._map1, self._level
        for i, (kind, m0) in enumerate(zip(self._kinds, self._map0, strict=True)):
            t, tag, nesting = names[kind]
            markup, info = strings[i]
            yield BlockToken(t, tag, None if m0 < 0 else (m0, map1[i]), markup, info, level[i], nesting)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        t, tag, nesting = self._names[self._kinds[i]]
        m0 = self._map0[i]
        markup, info = self._strings[i]
        return BlockToken(
            t, tag, None if m0 < 0 else (m0, self._map1[i]), markup, info, self._level[i], nesting
        )


def _comments(work: str) -> list[tuple[int, int, str]]:
    """HTML comments ``<!-- ... -->`` (start, end, inner text), in one pass: the first comment that never
    closes ends the search, since no later one can close either."""
    out = []
    pos = 0
    while True:
        s = work.find("<!--", pos)
        if s < 0:
            break
        e = work.find("-->", s + 4)
        if e < 0:
            break
        out.append((s, e + 3, work[s + 4 : e]))
        pos = e + 3
    return out


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


#: Characters that start inline syntax in markdown-it's active inline rules (escape, backticks,
#: strikethrough, emphasis, link, image, autolink, HTML, entity). Inline content with none of them holds
#: only text and line breaks: ``_plain_children`` gives the tokens markdown-it would, without its parse.
_INLINE_SYNTAX = re.compile(r"[\\`~*_\[<&]")
#: The same but '&': an ampersand that does not start an entity (``&amp;``, ``&#38;``) is text to
#: markdown-it, so content whose only syntax is such ampersands is plain too (see ``_plain_inline``).
_INLINE_SYNTAX_BUT_AMP = re.compile(r"[\\`~*_\[<]")
#: Anything markdown-it's entity rule may take (its two patterns; a name it does not know included).
_ENTITY_LIKE = re.compile(r"&(?:#(?:x[a-f0-9]{1,6}|[0-9]{1,7})|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


def _plain_inline(content: str) -> bool:
    """True when ``content`` holds no inline syntax, so that ``_plain_children`` gives its tokens."""
    if _INLINE_SYNTAX.search(content) is None:
        return True
    return _INLINE_SYNTAX_BUT_AMP.search(content) is None and _ENTITY_LIKE.search(content) is None


def _plain_children(content: str) -> list[_Child]:
    """markdown-it's inline tokens for content without inline syntax (see ``_INLINE_SYNTAX``): per line,
    the text as its ``newline`` rule leaves it (two or more trailing spaces make a hard break and are
    dropped, one trailing space is dropped, leading spaces and tabs of the next line are skipped), with a
    break token between lines."""
    out: list[_Child] = []
    lines = content.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if i:
            line = line.lstrip(" \t")
        if i == last:
            if line:
                out.append(_Child("text", line))
            break
        brk = _SOFTBREAK
        if line.endswith(" "):
            if line.endswith("  "):
                line = line.rstrip(" ")
                brk = _HARDBREAK
            else:
                line = line[:-1]
        if line:
            out.append(_Child("text", line))
        out.append(brk)
    return out


class _Deferred(NamedTuple):
    """What the walker reads of a token whose walk waits for the end of the parse (``_Walker.feed``)."""

    type: str
    tag: str
    map: list | None
    content: str
    level: int
    nesting: int


class _Segment:
    """Tokens walked at the end of the parse, from an inline token whose parse may depend on a reference
    defined further down to the end of its top-level block, with the walker's state where they start."""

    __slots__ = ("tokens", "slot", "cursor", "containers", "heading_level", "last_type")

    def __init__(self, walker: _Walker) -> None:
        self.tokens: list[_Deferred] = []
        self.slot = len(walker.blocks)
        walker.blocks.append(None)  # where the segment's blocks go
        self.cursor = walker.cursor
        self.containers = list(walker.containers)
        self.heading_level = walker.heading_level
        self.last_type = walker.last_type


class _Walker:
    def __init__(
        self, work: str, masked: list[tuple[int, int, str]], original: str | None = None, line_starts=None
    ) -> None:
        #: The source when it holds NUL characters (``work`` has U+FFFD there): block text copies them back,
        #: so a block's text stays a literal copy of the file.
        self.original = original
        self.work = work
        self.masked = masked
        self.blocks = []
        #: markdown-it's env when the inline children are still to be parsed (``_block_parse``)
        self.inline_env: dict | None = None
        #: the parser of the block parse (``parse_markdown``), for the inline parses
        self.md = None
        if line_starts is None:
            line_starts = [0]
            line_starts.extend(m.end() for m in _LINE_BREAK.finditer(work))
        self.line_starts = line_starts
        self.cursor = 0
        self.containers: list[str] = []
        self.heading_level = 0
        self.last_type = ""
        #: reference labels as the block parse defines them, when the draft may define some (``_Lookups``)
        self._lookups: _Lookups | None = None
        #: the offset of the draft's last ``]:`` (a reference definition ends its label so)
        self._last_definition = -1
        #: segments whose walk waits for the end of the parse; the one being filled
        self._segments: list[_Segment] = []
        self._segment: _Segment | None = None

    def line_offset(self, line: int) -> int:
        if line >= len(self.line_starts):
            return len(self.work)
        return self.line_starts[line]

    def start(self, env: dict) -> None:
        """Walk while markdown-it's block parse runs, with its ``env``: inline tokens are parsed as they
        come, except where a reference definition further down could change the parse (``_children``)."""
        self.inline_env = env
        self._last_definition = self.work.rfind("]:")
        if self._last_definition >= 0:
            env["references"] = self._lookups = _Lookups()

    def walk(self, tokens: list) -> BlockTokens:
        """Turn a finished list of block tokens into blocks; returns what the checks need of the tokens
        (``BlockTokens``). Each item of ``tokens`` is set to None once walked past, so that the token objects
        go while the blocks are made."""
        kept = BlockTokens()
        sink = _TokenSink(self, kept)
        for index, tok in enumerate(tokens):
            tokens[index] = None
            sink.append(tok)
        sink.close()
        self.blocks = self.finish()
        return kept

    def feed(self, tok) -> None:
        """Walk one block token (a markdown-it token, or a ``_Deferred`` one)."""
        segment = self._segment
        if segment is not None:
            segment.tokens.append(
                _Deferred(
                    tok.type,
                    tok.tag,
                    tok.map,
                    tok.content if tok.type == "inline" else "",
                    tok.level,
                    tok.nesting,
                )
            )
            if tok.level == 0 and tok.nesting <= 0:
                # The end of a top-level block: the walk goes on as it would after the segment's tokens
                # (every container and heading closed).
                self._segment = None
                self.containers = []
                self.heading_level = 0
                self.last_type = tok.type
            return
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            self.containers.append("list")
        elif t in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            if self.containers:
                self.containers.pop()
        elif t == "blockquote_open":
            self.containers.append("blockquote")
        elif t == "heading_open":
            self.heading_level = int(tok.tag[1:])
        elif t == "heading_close":
            self.heading_level = 0
        elif t in ("fence", "code_block"):
            s, e = self._block_range(tok)
            self.masked.append((s, e, "code"))
        elif t == "html_block":
            s, e = self._block_range(tok)
            self.masked.append((s, e, "html_block"))
        elif t == "inline":
            children = self._children(tok)
            if children is None:
                self._segment = _Segment(self)
                self._segments.append(self._segment)
                self.feed(tok)
                return
            heading_level = self.heading_level
            if heading_level:
                scope = f"heading.h{heading_level}"
            elif self.last_type in ("th_open", "td_open"):
                scope = "table_cell"
            elif self.containers:
                scope = "list_item" if self.containers[-1] == "list" else "blockquote"
            else:
                scope = "paragraph"
            self._inline(tok.map, children, scope, heading_level)
            if not isinstance(tok, _Deferred):
                # The children and content are the block's text and source map now: let them go (only the
                # token's type, map and markup are kept, in ``BlockTokens``).
                tok.children = None
                tok.content = ""
        self.last_type = t

    def _children(self, tok):
        """The inline token's children, parsed now; None when the parse looked up a reference label not
        defined so far and a definition may follow (the token is then walked at the end of the parse)."""
        env = self.inline_env
        if env is None:  # parsed already
            return tok.children or []
        content = tok.content
        if _plain_inline(content):
            return _plain_children(content)
        children: list = []
        md = self.md or _parser()
        lookups = self._lookups
        if lookups is None or "[" not in content:
            _inline_parse(md, content, env, children)
            return children
        lookups.missed = False
        _inline_parse(md, content, env, children)
        if (
            lookups.missed
            and self._segments is not None
            and self.line_offset(tok.map[0]) <= self._last_definition
        ):
            return None
        return children

    def finish(self) -> list:
        """Walk the segments that waited for the end of the parse; the blocks, in order."""
        segments, self._segments = self._segments, None  # every reference is known now: nothing waits
        self._segment = None
        if not segments:
            return self.blocks
        blocks = self.blocks
        for segment in segments:
            self.blocks = []
            self.cursor = segment.cursor
            self.containers = segment.containers
            self.heading_level = segment.heading_level
            self.last_type = segment.last_type
            for tok in segment.tokens:
                self.feed(tok)
            blocks[segment.slot] = self.blocks
        self.blocks = blocks
        out = []
        for b in blocks:
            if type(b) is list:
                out.extend(b)
            else:
                out.append(b)
        return out

    def _block_range(self, tok) -> tuple[int, int]:
        start_line, end_line = tok.map
        s = self.line_offset(start_line)
        e = self.line_offset(end_line)
        # Keep the final line break out of the range.
        while e > s and self.work[e - 1] in "\r\n":
            e -= 1
        self.cursor = max(self.cursor, e)
        return s, e

    # -- inline content -------------------------------------------------------------------------------

    def _inline(self, lines, children: list, scope: str, level: int) -> None:
        work = self.work
        find = work.find
        start_line, end_line = lines
        block_start = self.line_offset(start_line)
        cursor = max(self.cursor, block_start)
        limit = self.line_offset(end_line)
        tb = TextBuilder()
        add = tb.add
        masked = self.masked
        original = self.original
        links: list[tuple[int, int]] = []
        link_start = None
        i = 0
        n = len(children)
        while i < n:
            c = children[i]
            t = c.type
            if t == "text":
                content = c.content
                if content:
                    pos = find(content, cursor, limit)
                    if pos < 0:
                        break
                    if original is not None and "\ufffd" in content:
                        content = _restore_nul(content, original, pos)
                    tb.add_source_text(content, pos)
                    cursor = pos + len(content)
            elif t == "softbreak" or t == "hardbreak":
                m = _LINE_BREAK.search(work, cursor, limit)
                if not m:
                    break
                add("\n", m.start(), m.end())
                cursor = m.end()
            elif t == "text_special":
                markup = c.markup
                pos = find(markup, cursor, limit)
                if pos < 0:
                    break
                add(c.content, pos, pos + len(markup))
                cursor = pos + len(markup)
            elif t == "code_inline":
                markup = c.markup
                pos = find(markup, cursor, limit)
                if pos < 0:
                    break
                close = find(markup, pos + len(markup) + len(c.content), limit)
                if close < 0:
                    close = pos + len(markup) + len(c.content)
                end = close + len(markup)
                tb.add_placeholder(pos, end)
                masked.append((pos, end, "code_span"))
                cursor = end
            elif t == "html_inline":
                content = c.content
                pos = find(content, cursor, limit)
                if pos < 0:
                    break
                end = pos + len(content)
                kind = "comment" if content.startswith("<!--") else "html"
                masked.append((pos, end, kind))
                m = _TAG_NAME.match(content)
                if kind == "html" and not (m and m.group(1).lower() in _FORMATTING_TAGS):
                    tb.add_placeholder(pos, end)
                cursor = end
            elif t == "link_open":
                if c.markup == "autolink" or c.info == "auto":
                    pos = find("<", cursor, limit)
                    close = find(">", pos + 1, limit) if pos >= 0 else -1
                    if pos < 0 or close < 0:
                        break
                    tb.add_placeholder(pos, close + 1)
                    masked.append((pos, close + 1, "url"))
                    cursor = close + 1
                    while i + 1 < n and children[i].type != "link_close":
                        i += 1
                else:
                    pos = find("[", cursor, limit)
                    if pos < 0:
                        break
                    cursor = pos + 1
                    link_start = tb.length
            elif t == "link_close":
                pos = find("]", cursor, limit)
                if pos < 0:
                    break
                cursor = self._skip_destination(pos + 1, limit)
                if link_start is not None and tb.length > link_start:
                    links.append((link_start, tb.length))
                link_start = None
            elif t == "image":
                pos = find("![", cursor, limit)
                if pos < 0:
                    break
                close = _matching_bracket(work, pos + 1, limit)
                end = self._skip_destination(close + 1, limit) if close >= 0 else pos + 2
                tb.add_placeholder(pos, end)
                cursor = end
            elif t in _DELIMITER_TYPES:
                markup = c.markup
                if markup:
                    pos = find(markup, cursor, limit)
                    if pos >= 0:
                        cursor = pos + len(markup)
            i += 1
        self.cursor = cursor
        if tb.urls:
            masked.extend(tb.urls)
        blk = tb.build(scope, level=level)
        if blk is not None:
            if links:
                blk.links = links
            blk.extent = (block_start, limit)
            self.blocks.append(blk)

    def _skip_destination(self, pos: int, limit: int) -> int:
        """After ``]``: skip ``(destination "title")`` or ``[label]``; return the new cursor."""
        work = self.work
        if pos < limit and work[pos] == "(":
            depth = 0
            i = pos
            in_angle = False
            while i < limit:
                # Only these characters matter: jump over the rest of the URL at once.
                m = _DESTINATION_SPECIAL.search(work, i, limit)
                if m is None:
                    break
                i = m.start()
                ch = work[i]
                if ch == "\\":
                    i += 2
                    continue
                if in_angle:
                    if ch == ">":
                        in_angle = False
                elif ch == "<" and i == pos + 1:
                    in_angle = True
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        return i + 1
                elif ch in "\"'":
                    close = work.find(ch, i + 1, limit)
                    if close > 0:
                        i = close
                i += 1
            return pos
        if pos < limit and work[pos] == "[":
            close = work.find("]", pos + 1, limit)
            return close + 1 if close >= 0 else pos
        return pos


_DESTINATION_SPECIAL = re.compile(r"[\\<>()\"']")
#: Inline tokens of emphasis and strikethrough: the walker only moves past their markup.
_DELIMITER_TYPES = frozenset(("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"))


def _matching_bracket(work: str, pos: int, limit: int) -> int:
    """Index of the ``]`` matching the ``[`` at ``pos``, or -1."""
    depth = 0
    i = pos
    while i < limit:
        ch = work[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _restore_nul(content: str, original: str, pos: int) -> str:
    """``content`` (a slice of the work text at ``pos``) with each U+FFFD that stands for a NUL of the
    source turned back into that NUL."""
    chars = list(content)
    for i, ch in enumerate(chars):
        if ch == "\ufffd" and original[pos + i : pos + i + 1] == "\0":
            chars[i] = "\0"
    return "".join(chars)
