"""``extends: spelling``: words missing from the dictionaries.

The built-in English (en_US) word list is the one the ``pyspellchecker`` package ships (about 160,000
words, nothing downloaded). Vale's own keys are read: ``dicpath`` + ``dictionaries`` (Hunspell ``.dic``
and ``.aff`` files, read with ``spylls``), ``aff``/``dic``, ``custom`` (only the custom dictionaries),
``append``, ``filters`` (words matching any pattern are skipped) and ``ignore`` (word-list files,
relative to the StylesPath). Accepted vocabulary terms are never misspelled.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
from pathlib import Path

from .. import ValeError
from ..regex import ValeUnsupported
from .base import Alert, Check

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F'’]+$")
#: Tokens Vale's spelling never flags: with digits or underscores, inside paths, URLs or e-mails.
_SKIP_AROUND = set("/\\@_.:#$%&=+<>*~`^")


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """pyspellchecker's English list joined with the CMU Pronouncing Dictionary's words (already a
    copydesk dependency), which adds common technical words such as "intro", "app" and "screenshot"."""
    import spellchecker

    from ...analysis.syllables import syllable_table

    data = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        words = set(json.load(fh))
    words.update(w for w in syllable_table() if w.isalpha())
    return frozenset(words)


@functools.lru_cache(maxsize=16)
def _hunspell(base: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(base)


class Spelling(Check):
    kind = "spelling"
    keys = {
        "dicpath",
        "dictionaries",
        "aff",
        "dic",
        "custom",
        "append",
        "filters",
        "ignore",
        "threshold",
        "ignorecase",
    }

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        root = Path(self.ctx.styles_path or ".")
        self.custom = bool(self.opt("custom", False))
        self.append = bool(self.opt("append", False))
        dicpath = self.opt("dicpath", "", str) or os.environ.get("DICPATH", "")
        self.hunspell = []
        bases = []
        for name in self.str_list("dictionaries"):
            folder = Path(dicpath) if dicpath else root / "config" / "dictionaries"
            if not folder.is_absolute():
                folder = root / folder
            bases.append(folder / name)
        dic = self.opt("dic", "", str)
        if dic:
            p = Path(dic)
            bases.append((p if p.is_absolute() else root / p).with_suffix(""))
        for base in bases:
            if not base.with_suffix(".dic").is_file():
                raise ValeError(self.path, self.line("dictionaries"), f"dictionary {base}.dic not found")
            try:
                self.hunspell.append(_hunspell(str(base)))
            except Exception as exc:  # a malformed .aff/.dic: the rule cannot run as written
                raise ValeUnsupported(
                    self.path, self.line("dictionaries"), f"cannot read Hunspell dictionary {base} ({exc})"
                ) from None
        self.use_default = not (self.custom and self.hunspell and not self.append)
        self.filters = [self.compile(f, "filters") for f in self.str_list("filters")]
        self.ignored: set[str] = set()
        for name in self.str_list("ignore"):
            p = Path(name)
            candidates = (
                [p]
                if p.is_absolute()
                else [root / p, root / "config" / "ignore" / p, Path(self.path).parent / p]
            )
            found = next((c for c in candidates if c.is_file()), None)
            if found is None:
                raise ValeError(self.path, self.line("ignore"), f"ignore file '{name}' not found")
            for line in found.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    self.ignored.add(line.strip())
        accepted = [t for t in self.ctx.accepted if t]
        self.accept_re = self.compile("^(?:" + "|".join(accepted) + ")$", "ignore") if accepted else None

    def known(self, word: str) -> bool:
        if word in self.ignored or word.lower() in self.ignored:
            return True
        if self.accept_re is not None and self.accept_re.search(word):
            return True
        for d in self.hunspell:
            if d.lookup(word):
                return True
        if self.use_default:
            words = english_words()
            low = word.lower()
            if word in words or (low in words and (word[:1].isupper() or word.isupper())):
                return True
            if low.endswith(("'s", "’s")) and low[:-2] in words:
                return True
        return False

    def run(self, block, state: dict) -> list[Alert]:
        out = []
        text = block.text
        for m in _WORD.finditer(text):
            s, e = m.span()
            word = m.group(0).strip("'’")
            if len(word) < 2 or "-" in word or not _LATIN.match(word):
                continue  # compounds are checked as written by Vale's tokenizer only when unhyphenated
            if (s > 0 and text[s - 1] in _SKIP_AROUND) or (
                e < len(text) and text[e] in _SKIP_AROUND and e + 1 < len(text) and not text[e + 1].isspace()
            ):
                continue
            if word.isupper() or any(c.isupper() for c in word[1:]):
                continue  # acronyms and names such as MacBook
            if any(f.search(word) for f in self.filters):
                continue
            if not self.known(word):
                out.append(Alert(s, s + len(word), self.alert_message(word)))
        return out
