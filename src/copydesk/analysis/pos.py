"""An offline English part-of-speech tagger (Penn Treebank tags) for rules that need word classes.

No model is downloaded and nothing is trained at run time. Open-class words (nouns, verbs, adjectives,
adverbs) are looked up in the lemma and inflection tables that the ``lemminflect`` package ships (which
forms a lemma takes for each Penn tag); closed-class words (determiners, pronouns, prepositions,
conjunctions, modals, auxiliaries) come from the table below; unknown words are guessed from their shape
(suffix, capital, digits). A few context rules then choose among a word's possible tags, in the manner
of Brill's transformation rules: after a determiner or possessive a noun or adjective, after ``to`` or a
modal a base-form verb, after ``have``/``be`` a past participle, and so on.

It is a lexicon tagger, not a statistical one: good enough for Vale's ``sequence`` rules (which look for
short patterns such as "modal + be + adjective + verb"), and fast (a dictionary lookup per word, cached).
The lemma tables load on first use (about a second); a run without sequence rules never loads them.
"""

from __future__ import annotations

import functools
import re

_CLOSED: dict[str, str] = {}


def _add(tag: str, words: str) -> None:
    for w in words.split():
        _CLOSED.setdefault(w, tag)


_add("DT", "a an the this that these those every each either neither some any no all both another such")
_add(
    "PRP",
    "i you he she it we they me him her us them myself yourself himself herself itself ourselves themselves",
)
_add("PRP$", "my your his its our their")
_add(
    "IN",
    "of in on at by for with about against between into through during before after above below "
    "from up down over under again further than because while if although though since until unless "
    "upon within without across along among around behind beside besides beyond despite except inside "
    "near onto outside per toward towards via whether like as so",
)
_add("CC", "and or but nor yet plus")
_add("MD", "can could may might must shall should will would ought")
_add("TO", "to")
_add("EX", "there")
_add("WDT", "which whatever whichever")
_add("WP", "who whom what whoever")
_add("WP$", "whose")
_add("WRB", "when where why how")
_add(
    "RB",
    "not n't very too also just only never always often still already even again here now then "
    "soon quite rather really almost perhaps please",
)
_add("UH", "oh yes hello thanks ok okay")
_add(
    "CD",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion",
)
_BE = {
    "be": "VB",
    "am": "VBP",
    "are": "VBP",
    "is": "VBZ",
    "was": "VBD",
    "were": "VBD",
    "been": "VBN",
    "being": "VBG",
    "'s": "VBZ",
    "'re": "VBP",
    "'m": "VBP",
}
_HAVE = {"have": "VBP", "has": "VBZ", "had": "VBD", "having": "VBG"}
_DO = {"do": "VBP", "does": "VBZ", "did": "VBD", "done": "VBN", "doing": "VBG"}
_PUNCT = {
    ".": ".",
    ",": ",",
    ":": ":",
    ";": ":",
    "!": ".",
    "?": ".",
    "(": "(",
    ")": ")",
    '"': "''",
    "'": "''",
    "“": "``",
    "”": "''",
    "‘": "``",
    "’": "''",
    "-": ":",
    "—": ":",
    "–": ":",
}

#: Words of running text: letters with inner apostrophes or hyphens, numbers, or one punctuation mark.
WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*|[^\sA-Za-z0-9]")

_UPOS_ORDER = ("NOUN", "VERB", "ADJ", "ADV", "AUX", "PROPN")


@functools.lru_cache(maxsize=1)
def _lemminflect():
    import lemminflect

    return lemminflect


@functools.lru_cache(maxsize=50_000)
def candidates(word: str) -> tuple[str, ...]:
    """Every Penn tag ``word`` (lower case) may have, most likely first."""
    if word in _BE:
        return (_BE[word],)
    if word in _HAVE:
        return (_HAVE[word], "VB") if word == "have" else (_HAVE[word],)
    if word in _DO:
        return (_DO[word], "VB") if word == "do" else (_DO[word],)
    if word in _CLOSED:
        tag = _CLOSED[word]
        extra = ("RB",) if word in ("so", "like", "as", "up", "down", "before", "after", "since") else ()
        return (tag, *extra)
    if word in _PUNCT:
        return (_PUNCT[word],)
    if word[:1].isdigit():
        return ("CD",)
    li = _lemminflect()
    tags: list[str] = []
    lemmas = li.getAllLemmas(word)
    for upos in _UPOS_ORDER:
        for lemma in lemmas.get(upos, ()):
            for tag, forms in li.getAllInflections(lemma, upos=upos).items():
                if word in forms and tag not in tags:
                    tags.append(tag)
            if upos == "ADV" and "RB" not in tags:
                tags.append("RB")
    if "VBD" in tags and "VBN" not in tags and word.endswith("ed"):
        tags.append("VBN")  # regular verbs: the past tense and the past participle are one form
    if tags:
        if "NN" in tags and "NNS" in tags and not word.endswith("s"):
            tags.remove("NNS")  # uncountable nouns list their base form as a plural too
        return tuple(tags)
    return (_guess(word),)


def _guess(word: str) -> str:
    if word.endswith("ly"):
        return "RB"
    if word.endswith("ing"):
        return "VBG"
    if word.endswith("ed"):
        return "VBN"
    if word.endswith(("ous", "ful", "ive", "able", "ible", "al", "ic", "less")):
        return "JJ"
    if word.endswith("s") and not word.endswith("ss"):
        return "NNS"
    return "NN"


_VERB_BASE = ("VB", "VBP")


def tag_words(words: list[str]) -> list[str]:
    """Penn tags for a sentence's words (as written)."""
    tags: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        cands = candidates(low)
        prev = tags[-1] if tags else ""
        prev_word = words[i - 1].lower() if i else ""
        if (
            w[:1].isupper()
            and i > 0
            and low not in _CLOSED
            and not w.isupper()
            and len(cands)
            and cands[0] not in ("MD", "DT", "PRP", "IN", "CC")
        ):
            if low not in _BE and low not in _HAVE:
                tags.append("NNP")
                continue
        tags.append(_choose(cands, prev, prev_word, w))
    return tags


def _choose(cands: tuple[str, ...], prev: str, prev_word: str, word: str) -> str:
    if len(cands) == 1:
        return cands[0]
    c = set(cands)

    def first(*wanted: str) -> str | None:
        for t in wanted:
            if t in c:
                return t
        return None

    if prev in ("TO", "MD"):
        return first("VB") or first("VBP") or cands[0]
    if prev in ("DT", "PRP$", "JJ", "JJS", "JJR", "POS", "CD"):
        return first("JJ", "JJS", "JJR", "NN", "NNS") or cands[0]
    if prev_word in _BE or prev_word in _HAVE:
        if "VBN" in c:
            return "VBN"
        if prev_word in _BE and "VBG" in c:
            return "VBG"
        return first("JJ", "JJS", "JJR", "RB", "NN", "NNS") or cands[0]
    if prev in ("PRP", "NNS", "NNP", "NN", "EX", "WP", "WDT"):
        return first("VBZ", "VBP", "VBD", "MD") or cands[0]
    if prev in ("IN",):
        return first("NN", "NNS", "JJ", "VBG") or cands[0]
    return first("NN", "NNS", "JJ") or cands[0]


def tag(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, word, tag)`` for every word and punctuation mark of ``text``."""
    spans = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]
    tags = tag_words([w for _, _, w in spans])
    return [(s, e, w, t) for (s, e, w), t in zip(spans, tags, strict=True)]


@functools.lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is an English common word: a noun, verb, adjective or adverb in the
    lemma tables, or a closed-class word. Names and places are not in the tables ("Harvard", "Dunmere"),
    so a capitalised word that is not common is taken for a name. Loads the tables on first use."""
    low = word.lower()
    if low in _CLOSED or low in _BE or low in _HAVE or low in _DO:
        return True
    if not low.isalpha():
        return False
    return bool(_lemminflect().getAllLemmas(low))
