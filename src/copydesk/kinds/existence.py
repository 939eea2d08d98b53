"""``existence``: report every occurrence of any of a list of tokens (one compiled alternation)."""

from __future__ import annotations

from ..matching import PatternError, compile_pattern, compile_tokens, token_alternation
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, delete_line, finding, scan, text_edit


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
        for block, s, e, matched in scan(
            self.rule, self.pattern, doc, group=self.opts["group"], exceptions=self.exceptions
        ):
            if self.line_exceptions is not None and self._line_excepted(block.text, s, e):
                continue
            f = finding(block, s, e, (matched.strip(),))
            if mode:
                f = f._replace(fix=self._fix(mode, doc, block, s, e, matched, f))
            yield f

    def _line_excepted(self, text: str, s: int, e: int) -> bool:
        """The line of ``text`` that holds the match matches one of ``line_exceptions``."""
        lo = text.rfind("\n", 0, s) + 1
        hi = text.find("\n", e)
        return self.line_exceptions.search(text[lo : len(text) if hi < 0 else hi]) is not None

    @staticmethod
    def _fix(mode, doc, block, s, e, matched, f):
        if mode == "collapse-space":
            return text_edit(block, doc, s, e, " ")
        if mode == "strip-space":
            return text_edit(block, doc, s, e, matched.lstrip(" \t"))
        return delete_line(doc, f.start, f.end)


KINDS = [Existence]
