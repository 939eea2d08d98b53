"""``substitution``: suggest a replacement for each matched token (a swap map, one compiled alternation)."""

from __future__ import annotations

from ..matching import PatternError, compile_tokens, literal_or_regex_lookup
from ..rules import Kind, Option
from ._common import KindError, compile_exceptions, finding, scan, text_edit


def match_case(replacement: str, matched: str) -> str:
    """Carry the capitalisation of the matched text over to a lower-case replacement."""
    if matched[:1].isupper() and replacement[:1].islower():
        if matched.isupper() and len(matched) > 1:
            return replacement.upper()
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Substitution(Kind):
    analysis_parts = frozenset()
    name = "substitution"
    default_message = "Use '%s' instead of '%s'."
    options = {
        "swap": Option(
            "map", {}, "mapping of token (word or regular expression) to its replacement", required=True
        ),
        "capitalize": Option("bool", True, "match the capitalisation of the replaced text"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        swap = self.opts["swap"]
        if not swap:
            raise KindError("swap", "swap must map at least one token to its replacement")
        try:
            self.pattern = compile_tokens(list(swap), ignorecase=rule.ignorecase, nonword=rule.nonword)
            self.lookup = literal_or_regex_lookup(list(swap), rule.ignorecase)
        except PatternError as exc:
            raise KindError("swap", str(exc)) from None
        self.exceptions = compile_exceptions(rule)

    def check(self, doc, ctx):
        out = []
        swap = self.opts["swap"]
        for block, s, e, matched in scan(self.rule, self.pattern, doc, exceptions=self.exceptions):
            key = self.lookup(matched)
            if key is None:
                continue
            replacement = swap[key]
            if self.opts["capitalize"]:
                replacement = match_case(replacement, matched)
            if replacement == matched:
                continue
            f = finding(block, s, e, (replacement, matched))
            # One replacement is a safe fix; Vale-style alternatives ("a|b") are a choice for the writer.
            if "|" not in replacement:
                f = f._replace(fix=text_edit(block, doc, s, e, replacement))
            out.append(f)
        return out


KINDS = [Substitution]
