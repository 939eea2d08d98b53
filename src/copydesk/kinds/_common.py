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


@functools.lru_cache(maxsize=1024)
def _anchored(pattern: str) -> bool:
    """Whether a pattern may use ``^``, ``$``, ``\\A`` or ``\\z`` as an anchor (outside a character
    class; errs towards yes)."""
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if not in_class and pattern[i + 1 : i + 2] in ("A", "z", "Q"):
                return True  # (\Q...\E quotes text this scan does not follow)
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
            return True
        i += 1
    return in_class  # unbalanced: unsure


def blocks_may_match(pattern, blocks, joined: str | None = None) -> bool:
    """False only when no block of ``blocks`` holds a match of ``pattern`` (a program of
    :func:`copydesk.matching.compile_pattern`), decided by one search over the blocks joined by line
    breaks instead of one search per block (each search of RE2's Python wrapper copies the text it is
    given, so many small searches cost more than one large one).

    A match inside a block is a match of the joined text at the same place: word boundaries read a line
    break as a block's edge reads (neither is a word character), and RE2 has no look-around. Only the
    anchors ``^ $ \\A \\z`` tell a block's edges from a line break, so an anchored pattern is always
    searched block by block (True here), as is a Python ``re`` program (its look-behinds see the line
    break). A match across two blocks can only make this say True. ``joined``: the texts of ``blocks``
    joined by line breaks, when the caller has them (one join for many searches)."""
    if not blocks:
        return False
    source = getattr(pattern, "pattern", None)
    if not type(pattern).__module__.startswith("re2") or not isinstance(source, str) or _anchored(source):
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
    for block in blocks:
        text = block.text
        for m in pattern.finditer(text):
            s, e = m.span(group) if group else m.span()
            if s < 0 or e <= s:
                continue
            matched = text[s:e]
            if PLACEHOLDER in matched:
                continue
            if exceptions is not None and exceptions.search(matched):
                continue
            yield block, s, e, matched


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
