"""``extends: capitalization``: a scope's text must be in title case, sentence case, lower, upper case or
match a pattern (``match: $title | $sentence | $lower | $upper | <regex>``)."""

from __future__ import annotations

import re

from .. import ValeError
from .base import Alert, Check, format_message

#: Words AP style leaves in lower case inside a title (articles, short conjunctions and prepositions).
AP_SMALL = frozenset("a an and at but by for in nor of on or so the to up yet as off per via vs".split())
#: Chicago also lowers every preposition, whatever its length.
CHICAGO_SMALL = AP_SMALL | frozenset(
    "about above across after against along among around before behind below beneath beside between "
    "beyond down during except from inside into like near onto out outside over past since through "
    "throughout toward under underneath until upon with within without".split()
)


def _has_inner_capital(w: str) -> bool:
    return any(c.isupper() for c in w[1:])


class Capitalization(Check):
    kind = "capitalization"
    keys = {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
    default_scope = ("heading",)

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.match = str(self.opt("match", "$title", str))
        self.style = str(self.opt("style", "AP", str))
        self.threshold = float(self.opt("threshold", 0, (int, float))) or 0.8
        prefix = str(self.opt("prefix", "", str))
        self.prefix = (
            self.compile(prefix if prefix.startswith("^") else "^" + prefix, "prefix") if prefix else None
        )
        self.indicators = self.str_list("indicators")
        exceptions = self.str_list("exceptions")
        vocab = bool(self.opt("vocab", True))
        self.except_re = self.exceptions_regex(exceptions, vocab)
        self.pattern = None
        if self.match not in ("$title", "$sentence", "$lower", "$upper"):
            if self.match.startswith("$"):
                raise ValeError(self.path, self.line("match"), f"unknown case style {self.match!r}")
            self.pattern = self.compile(self.match, "match")

    def _exception(self, word: str) -> bool:
        return self.except_re is not None and bool(self.except_re.search(word))

    def _kept(self, word: str) -> bool:
        """Words whose case is their own: exceptions, acronyms, inner capitals (MacBook), numbers."""
        core = word.strip(".,:;!?\"'()[]")
        return (
            self._exception(core)
            or (core.isupper() and len(core) > 1)
            or _has_inner_capital(core)
            or not any(c.isalpha() for c in core)
        )

    def expected(self, text: str) -> list[tuple[str, str]]:
        """Each word of ``text`` with its expected form."""
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        words = [text[s:e] for s, e in spans]
        # Multi-word exceptions ("Axon Server") keep every word they cover.
        covered = [(m.start(), m.end()) for m in self.except_re.finditer(text)] if self.except_re else []
        out = []
        small = CHICAGO_SMALL if self.style == "Chicago" else AP_SMALL
        prev = ""
        # The sentence starts at the first word with a letter ("1. An important heading").
        first = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w)), 0)
        for i, w in enumerate(words):
            s, e = spans[i]
            if i < first or self._kept(w) or any(cs <= s and e <= ce for cs, ce in covered):
                out.append((w, w))
            elif self.match == "$sentence":
                after_indicator = any(prev.endswith(ind) for ind in self.indicators) if prev else False
                if i == first or after_indicator:
                    out.append((w, w[:1].upper() + w[1:]))
                else:
                    out.append((w, w.lower() if not w[:1].isupper() or i else w))
            else:  # $title
                bare = w.lower().strip(".,:;!?\"'()")
                first_or_last = i == first or i == len(words) - 1 or prev.endswith(":")
                if bare in small and not first_or_last:
                    out.append((w, w.lower()))
                else:
                    out.append((w, "-".join(p[:1].upper() + p[1:] for p in w.split("-"))))
            prev = w
        return out

    def _ok(self, text: str) -> tuple[str, bool]:
        if self.pattern is not None:
            return self.match, bool(self.pattern.search(text)) or self._exception(text)
        if self.match == "$lower":
            return text.lower(), text == text.lower()
        if self.match == "$upper":
            return text.upper(), text == text.upper()
        body = text
        if self.prefix is not None:
            m = self.prefix.search(body)
            if m:
                body = body[m.end() :]
        pairs = self.expected(body)
        if not pairs:
            return text, True
        same = sum(1 for w, e in pairs if w == e)
        expected = " ".join(e for _, e in pairs)
        if self.match == "$sentence" and pairs[0][0] != pairs[0][1]:
            return expected, False
        return expected, same / len(pairs) >= self.threshold

    def run(self, block, state: dict) -> list[Alert]:
        text = block.text.strip()
        if not text:
            return []
        expected, ok = self._ok(text)
        if ok:
            return []
        lead = len(block.text) - len(block.text.lstrip())
        return [Alert(lead, lead + len(text), format_message(self.message, text, expected))]
