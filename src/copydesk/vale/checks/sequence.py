"""``extends: sequence``: a run of words given by pattern and/or part-of-speech tag (LanguageTool-style
grammar rules). Tags come from ``copydesk.analysis.pos`` (offline, Penn Treebank tags)."""

from __future__ import annotations

from .. import ValeError
from .base import Alert, Check, format_message


class Sequence(Check):
    kind = "sequence"
    keys = {"tokens", "ignorecase"}
    default_scope = ("sentence",)

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        tokens = self.data.get("tokens") or []
        if not isinstance(tokens, list) or not tokens:
            raise ValeError(self.path, self.line("tokens"), "'tokens' must be a non-empty list of mappings")
        ignorecase = bool(self.opt("ignorecase", False))
        self.steps = []
        for t in tokens:
            if not isinstance(t, dict):
                raise ValeError(self.path, self.line("tokens"), "each sequence token must be a mapping")
            unknown = set(t) - {"pattern", "tag", "negate", "skip"}
            if unknown:
                raise ValeError(
                    self.path,
                    getattr(t, "line", self.line("tokens")),
                    f"unknown sequence token key '{sorted(unknown)[0]}'",
                )
            pat = t.get("pattern")
            tag = t.get("tag")
            self.steps.append(
                (
                    self.compile(f"^(?:{pat})$", "tokens", ignorecase=ignorecase) if pat else None,
                    self.compile(f"^(?:{tag})$", "tokens") if tag else None,
                    bool(t.get("negate", False)),
                    int(t.get("skip", 0) or 0),
                )
            )
        # Vale runs sequence rules on sentences whatever the scope says.
        self.scope = ("sentence",)

    def _ok(self, step, word: str, tag: str) -> bool:
        pat, tagre, negate, _skip = step
        hit = (pat is None or bool(pat.search(word))) and (tagre is None or bool(tagre.search(tag)))
        return hit != negate

    def _match(self, tagged, i: int):
        """Indices of the words matching every step from word ``i``, or None."""
        picked = []
        pos = i
        for k, step in enumerate(self.steps):
            skip = self.steps[k - 1][3] if k else 0
            found = None
            for j in range(pos, min(len(tagged), pos + skip + 1)):
                if self._ok(step, tagged[j][2], tagged[j][3]):
                    found = j
                    break
            if found is None:
                return None
            picked.append(found)
            pos = found + 1
        return picked

    def run(self, block, state: dict) -> list[Alert]:
        from ...analysis.pos import tag

        tagged = [t for t in tag(block.text) if t[2].strip()]
        words = [t for t in tagged if t[2][:1].isalnum()]
        out = []
        i = 0
        while i < len(words):
            picked = self._match(words, i)
            if picked:
                s, e = words[picked[0]][0], words[picked[-1]][1]
                args = [words[j][2] for j in picked]
                out.append(Alert(s, e, format_message(self.message, *args)))
                i = picked[-1] + 1
            else:
                i += 1
        return out
