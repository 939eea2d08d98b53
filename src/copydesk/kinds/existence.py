"""``existence``: report every occurrence of any of a list of tokens (one compiled alternation)."""

from __future__ import annotations

import re

from ..matching import PatternError, compile_pattern, compile_tokens, token_alternation
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, delete_line, finding, scan, text_edit

#: A line's container prefix in the source: indentation, blockquote markers and a list marker.
_MARKER = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")


class Existence(Kind):
    analysis_parts = frozenset()
    name = "existence"
    default_message = "Avoid '%s'."
    options = {
        "tokens": Option("list", [], "words or regular expressions to report"),
        "raw": Option(
            "list", [], "regular expression pieces joined into one pattern (no word boundaries added)"
        ),
        "group": Option("int", 0, "capture group whose span is reported (0: the whole match)"),
        "line_exceptions": Option(
            "list",
            [],
            "regular expressions: a match on a line that one of these matches is not reported "
            "(numbers aligned in columns)",
        ),
        "caption_lines": Option(
            "bool",
            False,
            "a line with two or more matches right above a line that line_exceptions exempts (the next "
            "non-blank line, list and quote markers aside) is exempt too: the caption row of those columns",
        ),
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
        self.line_exceptions = None
        if self.opts["line_exceptions"]:
            try:
                for p in self.opts["line_exceptions"]:  # each alone first: an error names its own pattern
                    compile_pattern(p, ignorecase=rule.ignorecase)
                self.line_exceptions = compile_pattern(
                    "|".join(f"(?:{p})" for p in self.opts["line_exceptions"]), ignorecase=rule.ignorecase
                )
            except PatternError as exc:
                raise KindError("line_exceptions", str(exc)) from None

    def check(self, doc, ctx):
        # A generator: the engine stops keeping findings past its per-rule cap, so a pattern that matches
        # every character holds no list of a million findings.
        mode = self.opts["fix"]
        last_line: list = [None, -1, False]  # (block text, line start, excepted) of the last match's line
        for block, s, e, matched in scan(
            self.rule, self.pattern, doc, group=self.opts["group"], exceptions=self.exceptions
        ):
            if self.line_exceptions is not None:
                # One search per line, however many matches it holds (a long line of aligned figures).
                text = block.text
                lo = text.rfind("\n", 0, s) + 1
                if last_line[0] is not text or last_line[1] != lo:
                    hi = text.find("\n", e)
                    line = text[lo : len(text) if hi < 0 else hi]
                    excepted = self.line_exceptions.search(line) is not None
                    if not excepted and self.opts["caption_lines"]:
                        excepted = self._caption_line(doc, block, line, s)
                    last_line = [text, lo, excepted]
                if last_line[2]:
                    continue
            f = finding(block, s, e, (matched.strip(),))
            if mode:
                f = f._replace(fix=self._fix(mode, doc, block, s, e, matched, f))
            yield f

    def _caption_line(self, doc, block, line: str, s: int) -> bool:
        """``line`` (of ``block``'s text, holding the match at ``s``) has two or more matches and the
        draft's next non-blank source line is one ``line_exceptions`` exempts: the caption row above
        columns typed with spaces ("Share %  Q2 2012  vs.  Q2 2013" over "Android    69.5%  79.5%")."""
        matches = self.pattern.finditer(line)
        if next(matches, None) is None or next(matches, None) is None:
            return False
        source = doc.text
        at = source.find("\n", block.source_offset(s))
        while at >= 0:
            end = source.find("\n", at + 1)
            nxt = source[at + 1 : len(source) if end < 0 else end]
            if nxt.strip():
                nxt = nxt[_MARKER.match(nxt).end() :]  # type: ignore[union-attr]
                return self.line_exceptions.search(nxt) is not None
            at = end
        return False

    @staticmethod
    def _fix(mode, doc, block, s, e, matched, f):
        if mode == "collapse-space":
            return text_edit(block, doc, s, e, " ")
        if mode == "strip-space":
            return text_edit(block, doc, s, e, matched.lstrip(" \t"))
        return delete_line(doc, f.start, f.end)


KINDS = [Existence]
