"""``existence``: report every occurrence of any of a list of tokens (one compiled alternation)."""

from __future__ import annotations

import re

from ..matching import PatternError, compile_pattern, compile_tokens, token_alternation
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, finding, scan, text_edit

_LINE_REST = re.compile(r"[ \t]*(?:[-*+>#]+|\d+[.)])?[ \t]*")


class Existence(Kind):
    name = "existence"
    default_message = "Avoid '%s'."
    options = {
        "tokens": Option("list", [], "words or regular expressions to report"),
        "raw": Option(
            "list", [], "regular expression pieces joined into one pattern (no word boundaries added)"
        ),
        "group": Option("int", 0, "capture group whose span is reported (0: the whole match)"),
        "fix": Option(
            "str",
            "",
            "the safe fix for a match: collapse-space (one space), strip-space (drop the spaces it starts "
            "with) or delete-line (delete the line it fills)",
            choices=("", "collapse-space", "strip-space", "delete-line"),
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        tokens, raw = self.opts["tokens"], self.opts["raw"]
        if not tokens and not raw:
            raise KindError("tokens", "an existence rule needs 'tokens' or 'raw'")
        parts = []
        try:
            if tokens:
                compile_tokens(tokens, nonword=rule.nonword)
                parts.append(token_alternation(tokens, nonword=rule.nonword))
            if raw:
                parts.append("".join(raw))
            pattern = parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts)
            self.pattern = compile_pattern(pattern, ignorecase=rule.ignorecase)
        except PatternError as exc:
            raise KindError("tokens" if tokens else "raw", str(exc)) from None
        if self.opts["group"] and self.opts["group"] > self.pattern.groups:
            raise KindError("group", f"group {self.opts['group']} does not exist in the pattern")
        self.exceptions = compile_exceptions(rule)

    def check(self, doc, ctx):
        out = []
        mode = self.opts["fix"]
        for block, s, e, matched in scan(
            self.rule, self.pattern, doc, group=self.opts["group"], exceptions=self.exceptions
        ):
            f = finding(block, s, e, (matched.strip(),))
            if mode:
                f = f._replace(fix=self._fix(mode, doc, block, s, e, matched, f))
            out.append(f)
        return out

    @staticmethod
    def _fix(mode, doc, block, s, e, matched, f):
        if mode == "collapse-space":
            return text_edit(block, doc, s, e, " ")
        if mode == "strip-space":
            return text_edit(block, doc, s, e, matched.lstrip(" \t"))
        return delete_line(doc, f.start, f.end)


def delete_line(doc, start: int, end: int):
    """An edit deleting the source line that ``[start, end)`` fills (a list or heading marker may precede
    it), with one neighbouring blank line so that no double blank line is left; None when the line holds
    anything else."""
    from ..diagnostics import Edit

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


KINDS = [Existence]
