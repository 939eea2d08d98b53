"""``capitalization``: headings (or any scope) in title case, sentence case, lower or upper case."""

from __future__ import annotations

import re

from ..analysis.casing import MINOR_WORDS, has_inner_capital, is_acronym
from ..matching import PatternError, compile_pattern
from ..rules import Kind, Option
from ._common import KindError, finding

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_is_acronym = is_acronym
_has_inner_capital = has_inner_capital


def title_case_ratio(text: str, exceptions: set[str]) -> float:
    words = _WORD.findall(text)
    if not words:
        return 1.0
    good = total = 0
    for i, w in enumerate(words):
        if w in exceptions or _is_acronym(w) or _has_inner_capital(w) or not w[0].isalpha():
            continue
        total += 1
        first_or_last = i == 0 or i == len(words) - 1
        if w.lower() in MINOR_WORDS and not first_or_last:
            good += 1  # either case is tolerated for minor words
        elif w[0].isupper():
            good += 1
    return good / total if total else 1.0


def sentence_case_ratio(text: str, exceptions: set[str]) -> float:
    words = _WORD.findall(text)
    if not words:
        return 1.0
    good = total = 0
    after_colon = False
    pos = 0
    for i, w in enumerate(words):
        idx = text.find(w, pos)
        pos = idx + len(w)
        prefix = text[max(0, idx - 2) : idx]
        starts_clause = i == 0 or ":" in prefix or after_colon
        after_colon = False
        if w in exceptions or _is_acronym(w) or _has_inner_capital(w) or not w[0].isalpha():
            continue
        total += 1
        if starts_clause:
            good += w[0].isupper()
        elif w[0].islower():
            good += 1
        elif w == "I" or w.startswith("I'"):
            good += 1
    return good / total if total else 1.0


class Capitalization(Kind):
    analysis_parts = frozenset()
    name = "capitalization"
    default_message = "'%s' should be in %s."
    default_scope = ("heading",)
    options = {
        "match": Option(
            "str", "$title", "$title, $sentence, $lower, $upper, or a regular expression", required=True
        ),
        "threshold": Option(
            "number", 0.8, "share of words that must follow the style (title and sentence case)"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        match = self.opts["match"]
        self.style = match
        self.regex = None
        if not match.startswith("$"):
            try:
                self.regex = compile_pattern(match)
            except PatternError as exc:
                raise KindError("match", str(exc)) from None
        elif match not in ("$title", "$sentence", "$lower", "$upper"):
            raise KindError(
                "match", f"unknown style {match!r} (use $title, $sentence, $lower, $upper or a regex)"
            )
        self.exceptions = set(rule.exceptions)
        if not 0 < self.opts["threshold"] <= 1:
            raise KindError("threshold", "threshold must be between 0 and 1")

    def _ok(self, text: str) -> bool:
        s = self.style
        if self.regex is not None:
            return bool(self.regex.search(text))
        if s == "$lower":
            return text == text.lower()
        if s == "$upper":
            return text == text.upper()
        ratio = (
            title_case_ratio(text, self.exceptions)
            if s == "$title"
            else sentence_case_ratio(text, self.exceptions)
        )
        return ratio >= self.opts["threshold"]

    def check(self, doc, ctx):
        out = []
        names = {
            "$title": "title case",
            "$sentence": "sentence case",
            "$lower": "lower case",
            "$upper": "upper case",
        }
        for block in self.blocks(doc):
            text = block.text.strip()
            if not text or self._ok(text):
                continue
            lead = len(block.text) - len(block.text.lstrip())
            out.append(
                finding(
                    block, lead, lead + len(text), (text, names.get(self.style, f"the form {self.style}"))
                )
            )
        return out


KINDS = [Capitalization]
