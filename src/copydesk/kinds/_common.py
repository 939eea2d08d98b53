"""Helpers shared by the token-based rule kinds."""

from __future__ import annotations

import functools
import re

from ..diagnostics import Edit, Finding
from ..document import PLACEHOLDER
from ..errors import KindError
from ..matching import PatternError, compile_pattern


def compile_exceptions(rule) -> object | None:
    if not rule.exceptions:
        return None
    body = "|".join(f"(?:{e})" for e in rule.exceptions)
    try:
        return compile_pattern(f"^(?:{body})$", ignorecase=rule.ignorecase)
    except PatternError as exc:
        raise KindError("exceptions", str(exc)) from None


def _anchored(pattern: str) -> bool:
    """Whether a pattern may use ``^``, ``$``, ``\\A`` or ``\\z`` as an anchor (outside a character
    class; errs towards yes)."""
    return _anchors(pattern) > 0


_M_FLAG_RE = re.compile(r"\(\?[A-Za-z-]*m")  # an inline flag group that sets or clears multi-line mode


@functools.lru_cache(maxsize=1024)
def _anchors(pattern: str) -> int:
    """0 when a pattern uses no anchor (outside a character class); 1 when its only anchors may be ``^``
    and ``$``, in single-line mode; 2 when it may use ``\\A`` or ``\\z``, sets multi-line mode itself, or
    this scan cannot tell (errs towards 2)."""
    i, n, in_class, found = 0, len(pattern), False, 0
    while i < n:
        c = pattern[i]
        if c == "\\":
            if not in_class and pattern[i + 1 : i + 2] in ("A", "z", "Q"):
                return 2  # (\Q...\E quotes text this scan does not follow)
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1  # a leading "]" is literal
            continue
        elif c in "^$":
            found = 1
        i += 1
    if in_class:
        return 2  # unbalanced: unsure
    if found and _M_FLAG_RE.search(pattern):
        return 2
    return found


_LINE_PROGRAMS: dict[str, object] = {}


def _line_program(source: str):
    """``source`` (an RE2 pattern whose anchors are ``^`` and ``$`` only) in multi-line mode, compiled once
    (None when RE2 refuses it)."""
    found = _LINE_PROGRAMS.get(source, False)
    if found is False:
        from ..matching import _re2_compile

        try:
            found = _re2_compile("(?m)" + source)
        except Exception:  # re2.error: then no gate
            found = None
        if len(_LINE_PROGRAMS) >= 256:
            _LINE_PROGRAMS.clear()
        _LINE_PROGRAMS[source] = found
    return found


def blocks_may_match(pattern, blocks, joined: str | None = None) -> bool:
    """False only when no block of ``blocks`` holds a match of ``pattern`` (a program of
    :func:`copydesk.matching.compile_pattern`), decided by one search over the blocks joined by line
    breaks instead of one search per block (each search of RE2's Python wrapper copies the text it is
    given, so many small searches cost more than one large one).

    A match inside a block is a match of the joined text at the same place: word boundaries read a line
    break as a block's edge reads (neither is a word character), and RE2 has no look-around. Only the
    anchors ``^ $ \\A \\z`` tell a block's edges from a line break: a pattern whose anchors are ``^`` and
    ``$`` is searched in multi-line mode (see below); one that may use ``\\A`` or ``\\z`` is always
    searched block by block (True here), as is a Python ``re`` program (its look-behinds see the line
    break). A match across two blocks can only make this say True. ``joined``: the texts of ``blocks``
    joined by line breaks, when the caller has them (one join for many searches)."""
    if not blocks:
        return False
    source = getattr(pattern, "pattern", None)
    if not type(pattern).__module__.startswith("re2") or not isinstance(source, str):
        return True
    anchors = _anchors(source)
    if anchors == 2:
        return True
    if anchors == 1:
        # ``^`` and ``$`` hold at a block's edges, and in multi-line mode at a line break of the joined
        # blocks: the same pattern in multi-line mode matches the joined blocks wherever it matches a
        # block (and maybe elsewhere: at a line break inside a block), so where it does not, none does.
        pattern = _line_program(source)
        if pattern is None:
            return True
    if len(blocks) == 1:
        return pattern.search(blocks[0].text) is not None
    if joined is None:
        joined = "\n".join([b.text for b in blocks])
    return pattern.search(joined) is not None


def scan(rule, pattern, doc, *, group: int = 0, exceptions=None):
    """Yield (block, text_start, text_end, matched_text) for every match of ``pattern`` in scope."""
    blocks = doc.blocks_in(rule.scope)
    if not blocks_may_match(pattern, blocks):
        return
    for block, m in _block_matches(pattern, blocks):
        s, e = m.span(group) if group else m.span()
        if s < 0 or e <= s:
            continue
        text = block.text
        matched = text[s:e]
        if PLACEHOLDER in matched:
            continue
        if exceptions is not None and exceptions.search(matched):
            continue
        yield block, s, e, matched


class _Shifted:
    """A match of the joined blocks seen from its block: ``span`` in the block's text offsets."""

    __slots__ = ("_m", "_at")

    def __init__(self, m, at: int) -> None:
        self._m, self._at = m, at

    def span(self, group: int = 0) -> tuple[int, int]:
        s, e = self._m.span(group)
        return (s, e) if s < 0 else (s - self._at, e - self._at)


def _block_matches(pattern, blocks):
    """``(block, match)`` for every match of ``pattern`` in each block's text in turn, as ``finditer`` over
    each block gives them (a match's ``span`` is in its block's offsets).

    A program of :func:`copydesk.matching.compile_pattern` with no anchor is run once over the blocks
    joined by line breaks instead of once per block (each search of RE2's Python wrapper copies the text
    it is given): a match inside a block is then the match ``finditer`` over the block gives, for the
    reasons :func:`blocks_may_match` gives, as long as no match before it ran over a line break between
    two blocks (the iteration over the block would then restart at the block's start, not after that
    match). From the block where a match first runs over a break, each block is searched alone again."""
    source = getattr(pattern, "pattern", None)
    if (
        len(blocks) < 2
        or not type(pattern).__module__.startswith("re2")
        or not isinstance(source, str)
        or _anchored(source)
    ):
        for block in blocks:
            for m in pattern.finditer(block.text):
                yield block, m
        return
    starts = []
    at = 0
    for b in blocks:
        starts.append(at)
        at += len(b.text) + 1
    joined = "\n".join([b.text for b in blocks])
    k = 0  # the block of the last match
    resume = None  # (block index, offset in it) where the joined iteration stopped being the blocks'
    for m in pattern.finditer(joined):
        s, e = m.span()
        while k + 1 < len(blocks) and s >= starts[k + 1]:
            k += 1
        end = starts[k] + len(blocks[k].text)
        if e > end or (s == e and s == end and k + 1 < len(blocks)):
            # Over the break after block k (or empty at its very end: the block's own iteration could
            # then go on differently): block k is searched alone from this match on, and the rest too.
            resume = (k, s - starts[k])
            break
        yield blocks[k], _Shifted(m, starts[k])
    if resume is None:
        return
    k, after = resume
    for m in pattern.finditer(blocks[k].text):
        if m.start() >= after:
            yield blocks[k], m
    for block in blocks[k + 1 :]:
        for m in pattern.finditer(block.text):
            yield block, m


def finding(block, s: int, e: int, args: tuple = (), message: str | None = None) -> Finding:
    src_s, src_e = block.source_span(s, e)
    return Finding(src_s, src_e, args, message)


def text_edit(block, doc, s: int, e: int, replacement: str) -> Edit | None:
    """An edit replacing the block text ``[s, e)``, or None when that text is not a plain copy of the
    source (markup or a masked range inside it would be damaged by the replacement)."""
    if e < s:
        return None
    if e == s:
        src = block.source_offset(s) if s < len(block.text) else block.source_end(s)
        return Edit(src, src, replacement)
    src_s, src_e = block.source_span(s, e)
    if doc.text[src_s:src_e] != block.text[s:e]:
        return None
    return Edit(src_s, src_e, replacement)


_LINE_REST = re.compile(r"[ \t]*(?:[-*+>#]+|\d+[.)])?[ \t]*")


def delete_line(doc, start: int, end: int) -> Edit | None:
    """An edit deleting the source line that ``[start, end)`` fills (a list or heading marker may precede
    it), with one neighbouring blank line so that no double blank line is left; None when the line holds
    anything else."""
    src = doc.source
    text = src.text
    line, end_line = src.line_of(start), src.line_of(max(start, end - 1))
    if line != end_line:
        return None
    ls = src.line_start(line)
    content = src.line_text(line)
    head, tail = text[ls:start], content[end - ls :] if end - ls <= len(content) else ""
    if _LINE_REST.fullmatch(head) is None or tail.strip():
        return None
    nxt = src.line_start(line + 1) if line < src.line_count else len(text)
    before_blank = line == 1 or not src.line_text(line - 1).strip()
    if before_blank and line + 1 <= src.line_count and not src.line_text(line + 1).strip():
        nxt = src.line_start(line + 2) if line + 1 < src.line_count else len(text)
    return Edit(ls, nxt, "")


_QUOTE_MARKS = re.compile('[\u201c\u201d"\u00ab\u00bb]')
_CLOSER = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}


def quotation_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside double quotation marks (curly, straight or guillemets), in order. A
    quotation left open runs to the end of the block, as a quote running on into the next paragraph
    does in news copy; a closing mark with no opening one is ignored."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _QUOTE_MARKS.search(text, pos)
        if m is None:
            return out
        closer = _CLOSER.get(m.group())
        if closer is None:  # a closing mark first: not a quotation we can place
            pos = m.end()
            continue
        j = text.find(closer, m.end())
        end = len(text) if j < 0 else j + 1
        out.append((m.start(), end))
        pos = end


_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]+$")
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Za-z])")


def in_name(blk, s: int, e: int) -> bool:
    """The word at ``[s, e)`` of a block of running text is capitalised where no sentence starts and
    stands next to another capitalised word: part of a name ("Center Centre", "the Kennedy Centre").
    In a heading every word may be capitalised, so a heading has no names by this test."""
    text = blk.text
    if not text[s : s + 1].isupper() or blk.is_heading:
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, s - 60), s)
    if before is None:
        return False  # the block, a line or a clause after punctuation starts here: maybe a sentence
    if before.group(1)[0].isupper():
        return True
    after = _WORD_AFTER_RE.match(text, e)
    return after is not None and after.group(1).isupper()
