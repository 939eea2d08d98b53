"""``repetition``: the same word twice in a row ("the the"), across spaces and line breaks."""

from __future__ import annotations

import re

from ..matching import PatternError, compile_pattern, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, finding, text_edit

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
# A word, a gap of spaces with at most one line break, and the same word again (case-insensitively).
# This pattern is the kind's own, not user input, so Python's re (with its back-reference) is safe here.
# The gap is possessive (no backtracking into it), which keeps long runs of spaces linear. The first word
# is atomic too: a shorter piece of it is always followed by a letter or an apostrophe, so the gap after
# it would be empty and fail its look-behind; not retrying those pieces halves the cost.
_REPEAT = re.compile(
    rf"(?<![\w'’])((?>{_WORD}))((?>[ \t]*+\n?+[ \t]*+))(?<=[ \t\n])(\1)(?![\w'’])", re.IGNORECASE
)


class Repetition(Kind):
    analysis_parts = frozenset()
    name = "repetition"
    default_message = "'%s' is repeated."
    options = {
        "tokens": Option("list", [], "only check these words or regular expressions (default: every word)"),
        "alpha": Option("bool", True, "only letters count as words"),
        "particles": Option(
            "list", [], "words that may be printed twice when the first ends a phrasal verb ('jumping in in')"
        ),
        "phrasal_verbs": Option(
            "list", [], "regular expressions for the word before a doubled particle that make it legitimate"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.only = None
        if self.opts["tokens"]:
            try:
                self.only = compile_tokens(self.opts["tokens"], ignorecase=True)
            except PatternError as exc:
                raise KindError("tokens", str(exc)) from None
        self.exceptions = compile_exceptions(rule)
        self.ignorecase = rule.raw.get("ignorecase", True)
        self.particles = frozenset(p.lower() for p in self.opts["particles"])
        self.phrasal = None
        if self.particles and self.opts["phrasal_verbs"]:
            body = "|".join(f"(?:{p})" for p in self.opts["phrasal_verbs"])
            try:
                self.phrasal = compile_pattern(f"^(?:{body})$", ignorecase=True)
            except PatternError as exc:
                raise KindError("phrasal_verbs", str(exc)) from None

    def check(self, doc, ctx):
        out = []
        # The engine keeps at most twice its per-rule cap of findings and only counts the rest: those need
        # no fix edit (mapping the edit to source offsets is most of the cost on a line of one repeated word).
        cap = getattr(getattr(ctx, "config", None), "max_findings", 0) or 0
        fix_budget = 2 * cap if cap else None
        for block in self.blocks(doc):
            text = block.text
            pos = 0
            while True:
                m = _REPEAT.search(text, pos)
                if m is None:
                    break
                a, b = m.group(1), m.group(3)
                # Continue from the second word so "the the the" reports two pairs.
                pos = m.start(3)
                if not self.ignorecase and a != b:
                    continue
                if self.only is not None and not self.only.search(a):
                    continue
                if self.exceptions is not None and self.exceptions.search(f"{a} {b}".lower()):
                    continue
                if self._phrasal_double(text, m.start(1), a):
                    continue
                # The fix keeps the first word (and its capital) and deletes the gap and the repeat.
                f = finding(block, m.start(1), m.end(3), (b,))
                if fix_budget is None or len(out) < fix_budget:
                    f = f._replace(fix=text_edit(block, doc, m.end(1), m.end(3), ""))
                out.append(f)
        return out

    def _phrasal_double(self, text: str, start: int, word: str) -> bool:
        """'jumping in in the middle', 'logged on on Monday': the first copy ends a phrasal verb, the
        second starts a phrase. Judged by the word before the pair (``phrasal_verbs``)."""
        if self.phrasal is None or word.lower() not in self.particles:
            return False
        before = _PREV_WORD.search(text, 0, start)
        return before is not None and self.phrasal.search(before.group(1)) is not None


_PREV_WORD = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t\n]+$")

KINDS = [Repetition]
