"""The fast path of the Markdown parse: markdown-it-pyrs (markdown-it.rs, Rust) builds the tree, and this
module turns it into the block tokens and inline children that markdown-it-py's parse gives the walker
(``parsers.markdown``), with the same types, line maps, levels, markup and content.

The walker then runs as it does on markdown-it-py's tokens, so blocks, source maps and masks come from
one place; only who parses changes. ``convert`` returns None, and the caller parses with markdown-it-py,
for a draft the fast path does not take: one larger than ``MAX_FAST_CHARS``, one that could nest deeply
enough to crash markdown-it.rs (``_too_deep``), one of a shape the two parsers are known to read
differently (``_differs``) or that makes markdown-it.rs 0.4 panic (``_may_panic``), and one whose tree
holds a node this module does not map. Every draft of the team's corpus and many thousands of random
ones parse to equal documents either way (tests/test_markdown_backends.py, bench/compare_backends.py).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

from .mdtokens import BLOCK_SPACE, normalize_label
from .mdtokens import HARDBREAK as _HARDBREAK
from .mdtokens import SOFTBREAK as _SOFTBREAK
from .mdtokens import Child as _Child

#: The largest draft (characters) parsed on the fast path; larger ones take markdown-it-py's parse, whose
#: memory and time bounds for huge inputs are measured (docs/reliability.md).
MAX_FAST_CHARS = 1_000_000
#: Deeper nesting (blockquotes and lists) takes markdown-it-py's parse, which reports text below its limit.
MAX_FAST_LEVEL = 40


@lru_cache(maxsize=1)
def _rs_parser():
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable_many(["table", "strikethrough"])


def available() -> bool:
    try:
        import markdown_it_pyrs  # noqa: F401
    except ImportError:
        return False
    return True


class _Unknown(Exception):
    """The tree holds something the conversion does not map: parse with markdown-it-py."""


class Tok:
    """A block token as the walker and ``BlockTokens`` read it."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "markup", "info", "content", "children")

    def __init__(self, type, tag, nesting, map=None, level=0, markup="", info="", children=None):
        self.type = type
        self.tag = tag
        self.nesting = nesting
        self.map = map
        self.level = level
        self.markup = markup
        self.info = info
        self.content = ""
        self.children = children


class _Convert:
    """markdown-it.rs's tree to markdown-it-py's block tokens, each handed to ``emit`` as soon as it is
    made (a large draft never holds all its tokens at once)."""

    def __init__(self, data: bytes, emit) -> None:
        self.emit = emit
        self.data = data
        # the byte offset where each line starts (markdown-it.rs's source maps count bytes)
        lines = data.split(b"\n")
        del lines[-1]
        starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
        self.starts = starts
        # markdown-it's last line: a final line break, or a last line of only blanks, starts no line
        last = data[starts[-1] :]
        self.line_max = len(starts) - 1 if not last.strip(b" \t") else len(starts)
        self.references: set[str] = set()

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def lines(self, srcmap) -> list[int]:
        s, e = srcmap
        return [self.line(s), min(self.line(max(s, e)) + 1, self.line_max)]

    # -- blocks --------------------------------------------------------------------------------------

    def blocks(self, nodes, level: int) -> None:
        if level > MAX_FAST_LEVEL:
            raise _Unknown("deep")
        emit = self.emit
        for node in nodes:
            name = node.name
            if name == "paragraph":
                m = self.lines(node.srcmap)
                emit(Tok("paragraph_open", "p", 1, m, level))
                emit(Tok("inline", "", 0, m, level + 1, children=self.inline(node.children)))
                emit(Tok("paragraph_close", "p", -1, None, level))
            elif name == "heading":
                lvl = node.meta["level"]
                m = self.lines(node.srcmap)
                mk = "#" * lvl
                emit(Tok("heading_open", f"h{lvl}", 1, m, level, mk))
                emit(Tok("inline", "", 0, m, level + 1, children=self.inline(node.children)))
                emit(Tok("heading_close", f"h{lvl}", -1, None, level, mk))
            elif name == "lheading":
                lvl = node.meta["level"]
                m = self.lines(node.srcmap)
                mk = node.meta["marker"]
                emit(Tok("heading_open", f"h{lvl}", 1, m, level, mk))
                im = [m[0], m[1] - 1]
                emit(Tok("inline", "", 0, im, level + 1, children=self.inline(node.children)))
                emit(Tok("heading_close", f"h{lvl}", -1, None, level, mk))
            elif name in ("bullet_list", "ordered_list"):
                self.list(node, level)
            elif name == "blockquote":
                if not node.children:
                    # markdown-it-py's empty blockquote takes the blank lines after it into its range
                    raise _Unknown("empty blockquote")
                m = self.lines(node.srcmap)
                emit(Tok("blockquote_open", "blockquote", 1, m, level, ">"))
                self.blocks(node.children, level + 1)
                emit(Tok("blockquote_close", "blockquote", -1, None, level, ">"))
            elif name == "hr":
                # markdown-it-py's markup has one marker more than the line holds
                s = node.srcmap[0]
                eol = self.data.find(b"\n", s)
                marker = node.meta["marker"]
                count = self.data[s : eol if eol >= 0 else len(self.data)].count(marker.encode())
                emit(Tok("hr", "hr", 0, self.lines(node.srcmap), level, marker * (count + 1)))
            elif name == "code_block":
                emit(Tok("code_block", "code", 0, self.lines(node.srcmap), level))
            elif name == "fence":
                self.fence(node, level)
            elif name == "html_block":
                emit(Tok("html_block", "", 0, self.lines(node.srcmap), level))
            elif name == "table":
                self.table(node, level)
            elif name == "definition":
                self.references.add(normalize_label(node.meta["label"]))
            else:
                raise _Unknown(name)

    def list(self, node, level: int) -> None:
        emit = self.emit
        ordered = node.name == "ordered_list"
        marker = node.meta["marker"]
        kind = "ordered_list" if ordered else "bullet_list"
        tag = "ol" if ordered else "ul"
        emit(Tok(f"{kind}_open", tag, 1, self.lines(node.srcmap), level, marker))
        for item in node.children:
            if item.name != "list_item":
                raise _Unknown(item.name)
            m = self.lines(item.srcmap)
            info = ""
            if ordered:
                s = item.srcmap[0]
                digits = re.match(rb"[0-9]+", self.data[s : s + 12])
                if digits is None:
                    raise _Unknown("item number")
                info = digits.group().decode()
            emit(Tok("list_item_open", "li", 1, m, level + 1, marker, info))
            run: list = []
            for child in item.children:
                if child.name in _INLINE_NAMES:
                    run.append(child)
                    continue
                if run:
                    self.tight(run, item, level + 2)
                    run = []
                self.blocks((child,), level + 2)
            if run:
                self.tight(run, item, level + 2)
            emit(Tok("list_item_close", "li", -1, None, level + 1, marker))
        emit(Tok(f"{kind}_close", tag, -1, None, level, marker))

    def tight(self, run: list, item, level: int) -> None:
        """A tight list item's paragraph: markdown-it.rs leaves its inline nodes in the item (its lines are
        those of the nodes; markdown-it.rs can give an emphasis node made from a longer delimiter run a
        range outside its item: such a draft takes markdown-it-py's parse)."""
        lo, hi = item.srcmap
        start = min(n.srcmap[0] for n in run)
        end = max(n.srcmap[1] for n in run)
        if start < lo or end > hi:
            raise _Unknown("inline range")
        m = [self.line(start), self.line(end) + 1]
        emit = self.emit
        emit(Tok("paragraph_open", "p", 1, m, level))
        emit(Tok("inline", "", 0, m, level + 1, children=self.inline(run)))
        emit(Tok("paragraph_close", "p", -1, None, level))

    def fence(self, node, level: int) -> None:
        meta = node.meta
        m = self.lines(node.srcmap)
        data = self.data
        s = node.srcmap[0]
        eol = data.find(b"\n", s)
        if eol < 0:
            eol = len(data)
        first = data[s:eol].decode()
        markup = first[: len(first) - len(first.lstrip(meta["marker"]))]
        if len(markup) != meta["marker_len"]:
            raise _Unknown("fence")
        self.emit(Tok("fence", "code", 0, m, level, markup, first[len(markup) :]))

    def table(self, node, level: int) -> None:
        emit = self.emit
        m = self.lines(node.srcmap)
        emit(Tok("table_open", "table", 1, m, level))
        for part in node.children:
            if part.name == "thead":
                row = part.children[0]
                r = self.line(row.srcmap[0])
                emit(Tok("thead_open", "thead", 1, [r, r + 1], level + 1))
                self.row(row, "th", level + 2)
                emit(Tok("thead_close", "thead", -1, None, level + 1))
            elif part.name == "tbody":
                emit(Tok("tbody_open", "tbody", 1, [m[0] + 2, m[1]], level + 1))
                for row in part.children:
                    self.row(row, "td", level + 2)
                emit(Tok("tbody_close", "tbody", -1, None, level + 1))
            else:
                raise _Unknown(part.name)
        emit(Tok("table_close", "table", -1, None, level))

    def row(self, row, cell: str, level: int) -> None:
        emit = self.emit
        r = self.line(row.srcmap[0])
        emit(Tok("tr_open", "tr", 1, [r, r + 1], level))
        for c in row.children:
            emit(Tok(f"{cell}_open", cell, 1, None, level + 1))
            emit(Tok("inline", "", 0, [r, r + 1], level + 2, children=self.inline(c.children)))
            emit(Tok(f"{cell}_close", cell, -1, None, level + 1))
        emit(Tok("tr_close", "tr", -1, None, level))

    # -- inline --------------------------------------------------------------------------------------

    def inline(self, nodes) -> list:
        out: list = []
        self._inline(nodes, out, 0)
        # markdown-it-py trims a paragraph's, heading's or cell's content of Unicode spaces too (a no-break
        # space, a line separator...: ``BLOCK_SPACE``), markdown-it.rs of ASCII blanks only.
        if out and out[0].type == "text":
            text = out[0].content.lstrip(BLOCK_SPACE)
            if text != out[0].content:
                if text:
                    out[0] = _Child("text", text)
                else:
                    del out[0]
                    if out and out[0].type in ("softbreak", "hardbreak"):
                        raise _Unknown("leading space line")
        if out and out[-1].type == "text":
            text = out[-1].content.rstrip(BLOCK_SPACE)
            if text != out[-1].content:
                if text:
                    out[-1] = _Child("text", text)
                else:
                    del out[-1]
                    if out and out[-1].type in ("softbreak", "hardbreak"):
                        raise _Unknown("trailing space line")
        if out and out[-1].type == "text_special" and out[-1].markup[-1:].isspace():
            raise _Unknown("trailing escaped space")
        return out

    def _inline(self, nodes, out: list, depth: int) -> None:
        if depth > MAX_FAST_LEVEL:
            raise _Unknown("deep inline")
        for node in nodes:
            name = node.name
            if name == "text":
                content = node.meta["content"]
                if out and out[-1].type == "text":
                    out[-1] = _Child("text", out[-1].content + content)
                elif content:
                    out.append(_Child("text", content))
            elif name == "softbreak":
                out.append(_SOFTBREAK)
            elif name == "hardbreak":
                out.append(_HARDBREAK)
            elif name == "text_special":
                meta = node.meta
                out.append(_Child("text_special", meta["content"], meta["markup"], meta["info"]))
            elif name == "code_inline":
                meta = node.meta
                content = "".join(c.meta["content"] for c in node.children)
                out.append(_Child("code_inline", content, meta["marker"] * meta["marker_len"]))
            elif name == "html_inline":
                out.append(_Child("html_inline", node.meta["content"]))
            elif name == "autolink":
                out.append(_AUTOLINK_OPEN)
                out.append(_AUTOLINK_CLOSE)
            elif name == "link":
                out.append(_LINK_OPEN)
                self._inline(node.children, out, depth + 1)
                out.append(_LINK_CLOSE)
            elif name == "image":
                out.append(_IMAGE)
            elif name in ("em", "strong", "strikethrough"):
                marker = node.meta["marker"]
                kind, markup = (
                    ("em", marker)
                    if name == "em"
                    else ("strong", marker * 2)
                    if name == "strong"
                    else ("s", marker * 2)
                )
                out.append(_Child(f"{kind}_open", "", markup))
                self._inline(node.children, out, depth + 1)
                out.append(_Child(f"{kind}_close", "", markup))
            else:
                raise _Unknown(name)


_INLINE_NAMES = frozenset(
    "text softbreak hardbreak text_special code_inline html_inline autolink link image em strong "
    "strikethrough".split()
)


_AUTOLINK_OPEN = _Child("link_open", "", "autolink", "auto")
_AUTOLINK_CLOSE = _Child("link_close", "", "autolink", "auto")
_LINK_OPEN = _Child("link_open")
_LINK_CLOSE = _Child("link_close")
_IMAGE = _Child("image")


#: Python's ``str.isspace`` characters beyond ASCII blanks and line breaks: a superset of the Unicode
#: spaces markdown-it-py trims from block content and table lines (``BLOCK_SPACE``) and markdown-it.rs
#: does not.
_WIDE_SPACE = "\v\f\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Control characters that Python's ``\s`` and ``str.isspace`` count as white space (markdown-it-py's
#: patterns read them so: an HTML block's end, a line's blankness) and CommonMark does not: a draft
#: that holds one goes to markdown-it-py.
_ODD_SPACE = re.compile("[\v\f\x1c-\x1f\x85]")
#: A line holding '|' that starts with such a space (a table row to markdown-it-py, not to markdown-it.rs).
_WIDE_SPACE_TABLE = re.compile(f"(?m)^[ \t]*[{_WIDE_SPACE}][^\n]*\\|")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: A line that starts a list item (an ordered one with any number, an empty one too).
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
#: A line that opens or continues a blockquote: '>' first, after blanks and list markers.
_QUOTE_LINE = re.compile(r"[ \t]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)*>")
#: A line that could be a table's delimiter row (only '|', ':', '-' and blanks; a '|' and a '-').
_DELIMITER_ROW = re.compile(r"[ \t]*[-:|][-:| \t]*")


def _blocks_differ(chunk: str) -> bool:
    """Shapes of lines, between two blank lines, that the two parsers split into blocks differently:

    - after a blockquote line ('>' first, after blanks and list markers), a line that starts a list item,
      or that holds '|' and does not start with '>': markdown-it-py ends a blockquote's paragraph there
      (at an ordered item whatever its number, or an empty item), markdown-it.rs continues it lazily (or
      starts a table);
    - a table's delimiter row under a line without '|' (a header to markdown-it.rs only) or under one that
      starts with '<' (an HTML block to markdown-it.rs, a table header to markdown-it-py), or followed by a
      line that does not start with '|' (markdown-it-py ends the body at a line that starts another block,
      markdown-it.rs reads a row; a line of Unicode spaces is blank to one and not the other)."""
    lines = chunk.split("\n")
    quote = ">" in chunk
    quoted = False
    for i, line in enumerate(lines):
        if quoted and (_LIST_ITEM.match(line) or ("|" in line and not line.lstrip(" \t").startswith(">"))):
            return True
        if quote and ">" in line and _QUOTE_LINE.match(line):
            quoted = True
        if "|" in line and "-" in line and _DELIMITER_ROW.fullmatch(line):
            if i == 0 or "|" not in lines[i - 1] or lines[i - 1].lstrip(" \t").startswith("<"):
                return True
            if any(not row.lstrip(" \t").startswith("|") for row in lines[i + 1 :] if row):
                return True
    return False


def _differs(md_text: str) -> bool:
    """Whether the two parsers are known to read ``md_text`` differently:

    - a control character that Python counts as white space and CommonMark does not (``_ODD_SPACE``);
    - a line holding '|' that starts with a Unicode space, or lines split into blocks differently
      (``_blocks_differ``);
    - a run of three or more tildes in a draft that holds '~~' elsewhere (markdown-it-py pairs
      strikethrough delimiters out of the longer run, markdown-it.rs does not);
    - an emphasis or strikethrough delimiter next to a character that one parser counts as punctuation
      or white space and the other does not (markdown-it-py: punctuation is Unicode P and S, white space
      Zs and ASCII; markdown-it.rs: punctuation is P only, white space Unicode's). Symbols (S) include
      the placeholder that masks a template tag."""
    if _ODD_SPACE.search(md_text) is not None:
        return True
    if "|" in md_text and _WIDE_SPACE_TABLE.search(md_text):
        return True
    if "|" in md_text or ">" in md_text:
        for chunk in _BLANK_LINE.split(md_text):
            if ("|" in chunk or ">" in chunk) and _blocks_differ(chunk):
                return True
    if "~~~" in md_text and "~~" in md_text.replace("~~~", ""):
        return True
    if md_text.isascii():
        return False
    # each delimiter character's neighbours (a few dozen delimiters a draft: cheaper than a regular
    # expression tried at every position)
    last = len(md_text) - 1
    find = md_text.find
    for delimiter in "*_~":
        i = find(delimiter)
        while i >= 0:
            if i and md_text[i - 1] > "\x7f" and _reads_differently(md_text[i - 1]):
                return True
            if i < last and md_text[i + 1] > "\x7f" and _reads_differently(md_text[i + 1]):
                return True
            i = find(delimiter, i + 1)
    return False


@lru_cache(maxsize=4096)
def _reads_differently(ch: str) -> bool:
    """A character next to a delimiter that one parser counts as punctuation or white space and the other
    does not."""
    category = unicodedata.category(ch)
    return category[0] == "S" or category in ("Zl", "Zp") or ch == "\x85"


_BACKTICKS = re.compile("`+")


def _unclosed_run(line: str) -> bool:
    """Whether a backtick run of ``line`` finds no run of the same length after it, pairing them from the
    left as the code span rule does (a run inside a code span is its content, not a run)."""
    runs = [len(r) for r in _BACKTICKS.findall(line)]
    i = 0
    n = len(runs)
    while i < n:
        length = runs[i]
        j = i + 1
        while j < n and runs[j] != length:
            j += 1
        if j == n:
            return True
        i = j + 1
    return False


def _may_panic(md_text: str) -> bool:
    """Whether markdown-it.rs 0.4 may panic on ``md_text``: it does when a link label (``[`` or ``![``)
    holds a backtick run that nothing closes in its inline block. Tested conservatively: a stretch between
    blank lines that holds a ``[`` and a line (or table cell) with a backtick run that no run of its
    length closes on that line, or with an escaped backtick, or with a backtick and a '<' (a tag may hold
    it)."""
    if "`" not in md_text or "[" not in md_text:
        return False
    for chunk in _BLANK_LINE.split(md_text):
        if "`" not in chunk or "[" not in chunk:
            continue
        for line in chunk.split("\n"):
            if "`" not in line:
                continue
            for cell in line.split("|") if "|" in line else (line,):
                # an escaped backtick, or one inside a tag, is no run: counted as one, it could pair another
                if "\\`" in cell or ("<" in cell and "`" in cell) or _unclosed_run(cell):
                    return True
    return False


#: A draft this short cannot nest deeper than markdown-it.rs bears (each level of nesting takes at least
#: one character; trees 20,000 levels deep were built and freed without harm, 40,000 overflowed the stack).
SAFE_CHARS = 16_000
#: A line whose first 200 characters could all be container markers or indentation: a nesting of
#: blockquotes or lists that deep goes to markdown-it-py (markdown-it.rs 0.4 has no nesting limit, and
#: its tree tens of thousands of levels deep overflows the stack when it is freed: a crash, not an error).
_CONTAINER_PREFIX = " \t>*+-0123456789.)"
_DEEP_PREFIX = 200
#: More delimiters and brackets than this (inline nesting is at most as deep as their count) go to
#: markdown-it-py, for the same reason.
MAX_FAST_DELIMITERS = SAFE_CHARS


def _too_deep(md_text: str) -> bool:
    """Whether markdown-it.rs's tree of ``md_text`` could nest deeply enough to overflow the stack: a
    nesting of blocks as deep as the longest run of container markers and indentation that starts a line,
    of inline spans as deep as the count of their delimiters and brackets."""
    if len(md_text) <= SAFE_CHARS:
        return False
    count = md_text.count
    if count("*") + count("_") + count("~") + count("[") > MAX_FAST_DELIMITERS:
        return True
    for line in md_text.split("\n"):
        if len(line) >= _DEEP_PREFIX and len(line) - len(line.lstrip(_CONTAINER_PREFIX)) >= _DEEP_PREFIX:
            return True
    return False


def convert(md_text: str, emit) -> set[str] | None:
    """Hand ``emit`` the block tokens (inline ones with their children) of ``md_text`` one by one, as
    markdown-it-py's parse gives them, and return the reference labels; None when the fast path does not
    apply: before any token when the draft's shape says so (or markdown-it.rs fails), after some when the
    conversion meets a node it does not map (the caller then drops what it was given)."""
    if len(md_text) > MAX_FAST_CHARS or _too_deep(md_text) or _differs(md_text) or _may_panic(md_text):
        return None
    try:
        tree = _rs_parser().tree(md_text)
    except UnicodeEncodeError:  # a lone surrogate (text from the API): Rust takes only UTF-8
        return None
    except BaseException as exc:  # a Rust panic is a BaseException (pyo3's PanicException)
        if (
            isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError))
            or type(exc).__name__ != "PanicException"
        ):
            raise
        return None
    conv = _Convert(md_text.encode(), emit)
    try:
        conv.blocks(tree.children, 0)
    except (_Unknown, KeyError, IndexError, RecursionError):
        return None
    return conv.references


def tokens_for(md_text: str) -> tuple[list[Tok], set[str]] | None:
    """The block tokens and reference labels of ``md_text`` as a list (``convert``); None when the fast
    path does not apply."""
    out: list[Tok] = []
    references = convert(md_text, out.append)
    return None if references is None else (out, references)
