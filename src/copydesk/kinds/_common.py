"""Helpers shared by the token-based rule kinds."""

from __future__ import annotations

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


def scan(rule, pattern, doc, *, group: int = 0, exceptions=None):
    """Yield (block, text_start, text_end, matched_text) for every match of ``pattern`` in scope."""
    for block in doc.blocks_in(rule.scope):
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
