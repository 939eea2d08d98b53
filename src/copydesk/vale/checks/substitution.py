"""``extends: substitution``: a ``swap`` map of patterns to their preferred form."""

from __future__ import annotations

import re

from .. import ValeError
from .base import Alert, Check, format_message, is_phrase, to_sentence, word_regex

_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_INDEX = re.compile(r"\$\d+")


def _options(value: str) -> list[str]:
    return [o.replace("\0", "|") for o in value.replace("\\|", "\0").split("|") if o]


def _convert_message(msg: str) -> str:
    """The suggestion list arrives quoted (``'a' or 'b'``), so the quotes the message puts around the first
    ``%s`` are dropped. Vale does this when two quoted ``%s`` appear; copydesk also does it for one, as
    the style packages' own expected output shows (``Did you mean 'Hong Konger'?``, not ``''Hong
    Konger''``)."""
    for spec in ("'%s'", '"%s"'):
        if msg.count(spec) in (1, 2):
            msg = msg.replace(spec, "%s", 1)
    return msg


class Substitution(Check):
    kind = "substitution"
    keys = {"swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos"}
    prefilter = True

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        swap = self.data.get("swap") or {}
        if not isinstance(swap, dict):
            raise ValeError(
                self.path, self.line("swap"), "'swap' must be a mapping of patterns to replacements"
            )
        self.ignorecase = bool(self.opt("ignorecase", False))
        nonword = bool(self.opt("nonword", False))
        self.capitalize = bool(self.opt("capitalize", False))
        terms = sorted((str(k) for k in swap), key=len, reverse=True)
        self.keys_in_order = terms
        lookup = {str(k): ("" if v is None else str(v)) for k, v in swap.items()}
        self.repl = [lookup[t] for t in terms]
        groups = []
        for t in terms:
            body = _CAPTURE_OPEN.sub("(?:", t) if t.count("(") != t.count("(?") + t.count("\\(") else t
            groups.append(f"({body})")
        self.pattern_text = word_regex(
            self.ctx.word_template, "|".join(groups), ignorecase=self.ignorecase, nonword=nonword
        )
        try:
            self.pattern = self.compile(self.pattern_text, "swap")
        except ValeError:
            for t in terms:  # name the bad key rather than the whole alternation
                self.compile(t, "swap")
            raise
        self.except_re = self.exceptions_regex(self.str_list("exceptions"), bool(self.opt("vocab", True)))
        self._token_res: dict[str, object] = {}

    def _same(self, expected: str, observed: str) -> bool:
        if self.action_name == "replace":
            return observed in _options(expected)
        if is_phrase(expected):
            return expected == observed
        rx = self._token_res.get(expected)
        if rx is None:
            try:
                rx = self.compile(f"^(?:{expected})$", "swap")
            except ValeError:
                rx = False
            self._token_res[expected] = rx
        return expected == observed if rx is False else bool(rx.search(observed))

    def _expected(self, index: int, observed: str) -> str:
        expected = self.repl[index]
        if self.capitalize and observed[:1].isupper():
            expected = expected[:1].upper() + expected[1:]
        if _INDEX.search(expected):
            src = ("(?i)" if self.ignorecase else "") + self.keys_in_order[index]
            try:
                expected = re.sub(
                    src, _INDEX.sub(lambda m: "\\g<" + m.group(0)[1:] + ">", expected), observed
                )
            except re.error:
                pass
        return expected

    def run(self, block, state: dict) -> list[Alert]:
        out = []
        text = block.text
        for m in self.pattern.finditer(text):
            for gi in range(1, len(self.repl) + 1):
                s, e = m.span(gi)
                if s < 0:
                    continue
                observed = text[s:e]
                expected = self._expected(gi - 1, observed)
                if self._same(expected, observed):
                    continue
                if self.except_re is not None and self.except_re.search(observed):
                    continue
                msg = self.message
                if self.action_name == "replace" and not self.action_params:
                    params = _options(expected)
                    if self.capitalize and observed[:1].isupper():
                        params = [p[:1].upper() + p[1:] for p in params]
                    expected = to_sentence(params, "or")
                    msg = _convert_message(msg)
                out.append(Alert(s, e, format_message(msg, expected, observed)))
                break
        return out
