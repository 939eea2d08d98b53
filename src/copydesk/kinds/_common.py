"""Helpers shared by the token-based rule kinds."""

from __future__ import annotations

from ..diagnostics import Finding
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
