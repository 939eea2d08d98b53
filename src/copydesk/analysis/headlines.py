"""Headline normalisation and near-duplicate detection.

Drafts assembled from scraped copy often print the same headline more than once: re-cased, lightly
reworded, reordered, with ``U.S.`` in one place and ``US`` in another, curly quotes against straight ones,
or an outlet name tacked on (``... – NPR``, ``... | Reuters``). A content repository can also hold two
drafts with (nearly) the same title.

This module gives:

* :func:`normalize_headline` – a canonical string for exact-repeat detection;
* :func:`headline_tokens` – stemmed content tokens (stop words out) for order-insensitive comparison;
* :func:`headline_similarity` – a score in ``[0, 1]``; exact repeats after normalisation score 1.0;
* :data:`DEFAULT_THRESHOLD` – the score at or above which two headlines are called duplicates;
* :class:`HeadlineIndex` – near-duplicate pairs among many headlines without comparing every pair.

Everything is pure Python plus :mod:`rapidfuzz` for the character-level ratio.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@functools.lru_cache(maxsize=1)
def _rapidfuzz():
    """rapidfuzz's ``fuzz`` and ``Indel``, imported on the first comparison of two headlines (a draft with
    one headline or none, the common pre-commit case, never pays the import)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    return fuzz, Indel


__all__ = [
    "CROSS_FILE_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "HeadlineIndex",
    "headline_similarity",
    "Lexicon",
    "build_lexicon",
    "headline_tokens",
    "normalize_headline",
    "related_groups",
    "related_pairs",
    "strip_outlet_suffix",
    "without_suffix",
]

#: Suggested threshold for titles of different files in one content repository, where sibling posts
#: on one topic ("What is technical debt?" / "Managing technical debt") are common and not defects.
CROSS_FILE_THRESHOLD: float = 0.8

#: Score at or above which two headlines are treated as the same headline. Tuned on the ``train`` split
#: of the human-scored headline pairs (see ``bench/eval_headlines.py``) for precision >= 0.9.
DEFAULT_THRESHOLD: float = 0.7

OBJECT_REPLACEMENT = "\ufffc"

# --------------------------------------------------------------------------------------------------
# Character folding
# --------------------------------------------------------------------------------------------------

_CHAR_FOLD = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier letter apostrophe
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00a0": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u200b": "",  # zero width space
        "\u00ad": "",  # soft hyphen
    }
)


#: Inline formatting tags left in a scraped title ("<em>and</em>"); other tag-like text ("<h1> and <h2>
#: tags", after its entities are read) is words the reader sees.
_TAG_RE = re.compile(
    r"</?(?:a|abbr|b|bdi|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|"
    r"time|u|var|wbr)(?:\s[^<>]{0,200})?/?>",
    re.I,
)


def _fold_chars(text: str) -> str:
    # HTML entities and inline tags (scraped titles: "&#8217;", "<em>and</em>") out, then NFKC
    # (full-width forms, ligatures; U+FFFC is left alone), then quotes and dashes to ASCII.
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub("", text)
    return unicodedata.normalize("NFKC", text).translate(_CHAR_FOLD)


# --------------------------------------------------------------------------------------------------
# Outlet suffix
# --------------------------------------------------------------------------------------------------

# " – NPR", " — Reuters", " - The New York Times", " | BBC News". Spaces around the separator are
# required so hyphenated words and number ranges are left alone. Applied to the folded text, where all
# dashes are "-".
_SUFFIX_SEP_RE = re.compile(r"\s+(?:-{1,2}|\||::|\u00b7|\u2022)\s+")

# Words that frequently appear in outlet names. A title-cased suffix after a title-cased headline only
# counts as an outlet when it has one of these, is an acronym or a domain name.
_OUTLET_WORDS = frozenset(
    """
    news newswire wire times post journal press tribune herald guardian telegraph gazette chronicle
    daily weekly magazine mag radio tv television media network networks channel broadcasting
    reuters bloomberg ap afp upi associated politico axios vox npr pbs bbc cnn cnbc msnbc nbc abc cbs
    fox wired atlantic economist independent observer mirror sun star standard register review
    courier dispatch bulletin inquirer examiner sentinel monitor record report reporter today online
    blog insider verge hill breitbart slate salon buzzfeed huffpost huffington yahoo aljazeera jazeera
    express mail globe street week fortune forbes newsweek inc mercury enquirer statesman observer
    """.split()
)
# Lower-case words allowed inside a name ("Voice of America", "The Wall Street Journal").
_NAME_CONNECTORS = frozenset("the of and & de la le el al du für for on at in".split())
_DOMAIN_RE = re.compile(
    r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|io|news|tv|fm|uk|us|ca|au|de|fr|in)$", re.I
)
_SUFFIX_WORD_RE = re.compile(r"[^\s]+")


def _is_capitalised(word: str) -> bool:
    word = word.strip("'\"()[].,:;!?")
    if not word:
        return False
    return word[0].isupper() or word[0].isdigit()


def _looks_like_outlet(suffix: str, outlet_words: frozenset[str] | None = None) -> bool:
    words = _SUFFIX_WORD_RE.findall(suffix)
    if not 1 <= len(words) <= 5:
        return False
    if OBJECT_REPLACEMENT in suffix or any(ch in suffix for ch in "?!"):
        return False
    bare = [w.strip("'\"()[].,:;") for w in words]
    if bare and _DOMAIN_RE.match(bare[-1]) and all(_is_capitalised(w) for w in bare[:-1]):
        # "| Example.com", "– Metro Daily Example.com"; not "– Now on Code.gov", where the domain ends
        # a phrase that belongs to the headline.
        return True
    # Every word must be capitalised (or a connector, not in first position).
    for i, w in enumerate(bare):
        if not w:
            return False
        if _is_capitalised(w):
            continue
        if i > 0 and w.lower() in _NAME_CONNECTORS:
            continue
        return False
    if all(w.isdigit() for w in bare):
        return False
    lowered = {w.lower().rstrip("'s") for w in bare} | {w.lower() for w in bare}
    if lowered & (_OUTLET_WORDS if outlet_words is None else outlet_words):
        return True
    # An acronym (NPR, WXYZ, BBC) names an outlet; a plain title-cased phrase ("Part Two", "Why")
    # might just as well be the end of the headline, so it stays.
    return any(len(w) >= 2 and w.isupper() and w.isalpha() for w in bare)


def without_suffix(text: str) -> str | None:
    """``text`` before its last spaced dash or bar (" – The Harbor Ledger", " | Metro"), whatever the
    suffix is, when at least three words come before it; None when there is no such separator or the
    suffix numbers a part of a series ("- Part 2", "| Day 3"). A line that is a headline plus any other
    suffix still repeats the headline."""
    folded = _fold_chars(text).rstrip()
    matches = list(_SUFFIX_SEP_RE.finditer(folded))
    if not matches:
        return None
    body, suffix = folded[: matches[-1].start()].rstrip(), folded[matches[-1].end() :]
    if any(c.isdigit() for c in suffix) or set(suffix.lower().split()) & _SEQUENCE_WORDS:
        return None  # "... - Part 2", "... | Day 3": the next in a series, not the same headline
    return body if len(_SUFFIX_WORD_RE.findall(body)) >= 3 else None


def strip_outlet_suffix(text: str, outlet_words: frozenset[str] | None = None) -> str:
    """Remove a trailing outlet name (``" – NPR"``, ``" | Reuters"``) from ``text``, if one is present.

    The suffix must follow a spaced dash or bar, be 1-5 words long and look like a name: an acronym,
    a domain, or a capitalised phrase with an acronym or an outlet word (News, Times, Post, ...). The part
    before it must keep at least two words.
    Only the last separator is considered; at most one suffix is removed.
    """
    folded = _fold_chars(text).rstrip()
    matches = list(_SUFFIX_SEP_RE.finditer(folded))
    if not matches:
        return folded
    m = matches[-1]
    body, suffix = folded[: m.start()], folded[m.end() :]
    if len(_SUFFIX_WORD_RE.findall(body)) < 2:
        return folded
    if _looks_like_outlet(suffix, outlet_words):
        return body.rstrip()
    return folded


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

# Dotted acronyms: U.S., U.S.A., U.K., U.N., e.g. Also "U.S" without the last period.
_DOTTED_ACRONYM_RE = re.compile(r"(?<![\w.])((?:[^\W\d_]\.){1,}[^\W\d_])\.?(?![\w])")
_ACRONYM_ALIASES = {"usa": "us"}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# Anything that is not a word character, whitespace, or the object replacement character.
_PUNCT_RE = re.compile(r"[^\w\s\ufffc]+")
_SPACE_RE = re.compile(r"\s+")
_PERCENT_RE = re.compile(r"\s*%|\s+per cent\b")


def _fold_acronym(m: re.Match[str]) -> str:
    return m.group(1).replace(".", "")


def _fold_number(m: re.Match[str]) -> str:
    raw = m.group(0)
    # Thousands separators out ("1,200" -> "1200"); trailing zero decimals out ("1.0" -> "1").
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    if "." in raw:
        whole, _, frac = raw.partition(".")
        if "." not in frac and "," not in frac:
            frac = frac.rstrip("0")
            raw = whole if not frac else f"{whole}_{frac}"  # keep "6.6" as one token
    return raw.replace(",", " ")


def normalize_headline(text: str, outlet_words: frozenset[str] | None = None) -> str:
    """Canonical form of a headline, for exact-repeat comparison.

    Casefolds; folds curly quotes, primes and dashes to ASCII; folds dotted acronyms (``U.S.`` ->
    ``us``, ``U.S.A.`` -> ``us``); strips a trailing outlet suffix (see :func:`strip_outlet_suffix`);
    removes punctuation (apostrophes inside words are dropped, so ``mayor's`` -> ``mayors``); keeps
    decimals as one token (``6.6`` -> ``6_6``); collapses whitespace. U+FFFC stays as its own token.
    """
    s = strip_outlet_suffix(text, outlet_words)
    s = _DOTTED_ACRONYM_RE.sub(_fold_acronym, s)
    s = s.casefold()
    s = _NUMBER_RE.sub(_fold_number, s)
    if "%" in s or "per cent" in s:
        s = _PERCENT_RE.sub(" percent", s)  # "70%", "70 per cent" and "70 percent" are one figure
    s = s.replace(OBJECT_REPLACEMENT, f" {OBJECT_REPLACEMENT} ")
    # Apostrophes inside words vanish ("don't" -> "dont"); other punctuation becomes a space.
    s = re.sub(r"(?<=\w)'(?=\w)", "", s)
    s = _PUNCT_RE.sub(" ", s)
    s = s.replace("_", ".")  # decimal points survive as "."
    words = [_ACRONYM_ALIASES.get(w, w) for w in s.split()]
    return _SPACE_RE.sub(" ", " ".join(words)).strip()


# --------------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------------

STOP_WORDS = frozenset(
    """
    a an the and or but nor so yet if then than as of at by for from in into on onto off out over
    under to with within upon about above below after before between during
    through across among around amid via per
    is are was were be been being am do does did doing done has have had having will would shall
    should can could may might must
    it its it's this that these those there here he she they them his her their our we you your i me
    my him whom whose which all any both each few more most other some
    such own same too very just also only again further once
    say says said saying tell tells told report reports reported
    new s t
    """.split()
)
# Negations and direction words carry meaning ("not guilty", "without", "against", "up"/"down"): not stop words.
# Nor are question words: "What is X?" and "Why is X?" head different sections.

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "hundred": "100", "dozen": "12", "bn": "billion", "mn": "million", "mln": "million", "pc": "percent",
}  # fmt: skip

_NO_S_STRIP_ENDINGS = ("ss", "us", "is", "os", "ous")
_KEEP_DOUBLE = frozenset("lsfzd")


@functools.lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """Light suffix stripping: plurals, -ed, -ing, final -e. Consistent rather than linguistic. Cached:
    a heading's words are stemmed for its tokens, its word set and its spelling keys."""
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    stripped_verb = False
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_NO_S_STRIP_ENDINGS):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 5:
        w = w[:-2]
        stripped_verb = True
    elif w.endswith("ing") and len(w) >= 6:
        w = w[:-3]
        stripped_verb = True
    if (
        stripped_verb
        and len(w) >= 3
        and w[-1] == w[-2]
        and w[-1] not in _KEEP_DOUBLE
        and w[-1] not in "aeiou"
    ):
        w = w[:-1]  # planned -> plan, stopping -> stop
    if w.endswith("e") and len(w) >= 4 and not w.endswith("ee"):
        w = w[:-1]  # approve/approved/approving -> approv
    if w.endswith("y") and len(w) >= 4 and w[-2] not in "aeiou":
        w = w[:-1] + "i"  # policy/policies -> polici
    return _fold_spelling(w)


def _fold_spelling(w: str) -> str:
    """British and American spellings of one stem to one form (consistent rather than linguistic):
    a final double l (dialling/dialing, travelled/traveled, fulfil/fulfill), -our/-or (colour, harbour),
    -ise/-ize (organise, analyse), -re/-er (centre, theatre, fibre), -ogue/-og (catalogue), -ence/-ense
    (licence, defence) and -isation/-ization."""
    n = len(w)
    if n < 4:
        return w
    if n >= 5 and w.endswith("ll"):
        return w[:-1]
    if n >= 5 and w.endswith("our"):
        return w[:-2] + "r"
    if n >= 6 and w.endswith(("iz", "yz")):
        return w[:-1] + "s"
    if w.endswith(("tr", "br")) and w[-3] not in "aeiou":
        return w[:-1] + "er"
    if w.endswith("ogu"):
        return w[:-1]
    if n >= 6 and w.endswith("enc"):
        return w[:-1] + "s"
    if "ization" in w:
        return w.replace("ization", "isation")
    return w


_SEQUENCE_STEMS = frozenset(
    {"part", "pt", "episod", "ep", "chapter", "ch", "vol", "volum", "season", "phas", "book"}
)
_ROMAN = {r: str(i) for i, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split(), 1)}
_SEQUENCE_WORDS = frozenset(
    "part pt episode ep chapter ch vol volume season phase book round day week".split()
)


def _tokens_of_normalized(norm: str, lexicon: Lexicon | None = None) -> list[str]:
    stop_words = STOP_WORDS if lexicon is None or lexicon.stop_words is None else lexicon.stop_words
    number_words = _NUMBER_WORDS if lexicon is None or lexicon.number_words is None else lexicon.number_words
    out: list[str] = []
    prev = ""
    for w in norm.split():
        if prev in _SEQUENCE_WORDS and w in _ROMAN:
            w = _ROMAN[w]  # "Part II" -> "part 2"
        if prev == "version" and w.isdigit() and out and out[-1] == "version":
            out[-1] = f"v{w}"  # "version 2" and "v2" are one token
            prev = w
            continue
        prev = w
        if w == OBJECT_REPLACEMENT or w in stop_words:
            continue
        w = number_words.get(w, w)
        out.append(_stem(w))
    if lexicon is not None and lexicon.phrases and len(out) >= 2:
        out = _fold_phrases(out, lexicon.phrases)
    return out


def _fold_phrases(tokens: list[str], phrases: dict) -> list[str]:
    """``tokens`` with each run of tokens that ``phrases`` maps to one token replaced by it ("12 month" ->
    "year"); ``phrases`` maps a first token to ``[(run, replacement), ...]``, longest runs first."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for run, repl in phrases.get(tokens[i], ()):
            if tuple(tokens[i : i + len(run)]) == run:
                out.append(repl)
                i += len(run)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def headline_tokens(text: str) -> list[str]:
    """Content tokens of a headline: normalised, stop words dropped, lightly stemmed, in order.

    Number words up to twenty (and tens, "dozen") become digits; ``bn``/``mn`` become ``billion``/``million``.
    """
    return _tokens_of_normalized(normalize_headline(text))


# --------------------------------------------------------------------------------------------------
# Related words: synonyms and derived forms from WordNet, shipped as data
# --------------------------------------------------------------------------------------------------

#: Stems of words that share a sense or a derivation in WordNet 3.1 ("shut" / "close", "closure" /
#: "close", "approval" / "approve", "coastal" / "coast"), built offline by bench/build_related_words.py;
#: one stem a line, sorted, found by a binary search of the text, so a run that never asks pays nothing
#: and one that asks reads the file once.
RELATED_WORDS_FILE = "related_words.tsv"


@functools.lru_cache(maxsize=1)
def _related_text() -> str:
    from pathlib import Path

    try:
        return "\n" + (Path(__file__).resolve().parent / RELATED_WORDS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # a trimmed install without the table: no related words, nothing else changes


@functools.lru_cache(maxsize=16384)
def related_groups(stem: str) -> frozenset[int]:
    """The WordNet groups of a stemmed token (empty for a word the table does not have)."""
    if not stem or "\n" in stem or "\t" in stem:
        return frozenset()
    text, lo = _related_table()
    hi = len(text)
    # Binary search over the sorted lines: each probe reads one line, so a look-up costs a few dozen
    # short reads rather than a scan of the whole table.
    while lo < hi:
        mid = (lo + hi) // 2
        nl = text.rfind("\n", lo, mid)
        start = nl + 1 if nl >= 0 else lo
        end = text.find("\n", start, hi)
        end = hi if end < 0 else end
        key, _, groups = text[start:end].partition("\t")
        if key == stem:
            try:
                return frozenset(map(int, groups.split()))
            except ValueError:
                return frozenset()
        if key < stem:
            lo = end + 1
        else:
            hi = start
    return frozenset()


@functools.lru_cache(maxsize=1)
def _related_table() -> tuple[str, int]:
    """The table's text and the offset of its first entry (after the ``#`` header lines)."""
    text = _related_text()
    pos = 1 if text.startswith("\n") else 0
    while text.startswith("#", pos):
        nl = text.find("\n", pos)
        if nl < 0:
            return text, len(text)
        pos = nl + 1
    return text, pos


def related_pairs(a: Iterable[str], b: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (token of ``a``, token of ``b``), each token used once, that are related words: a shared
    WordNet sense or derivation. Tokens are taken in sorted order, so the result does not depend on set
    order."""
    used: set[str] = set()
    out = []
    rb = sorted(b)
    for ta in sorted(a):
        ga = related_groups(ta)
        if not ga:
            continue
        for tb in rb:
            if tb not in used and ga & related_groups(tb):
                used.add(tb)
                out.append((ta, tb))
                break
    return out


# --------------------------------------------------------------------------------------------------
# Lexicon: synonyms and outlet words, from the rule's YAML
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Word lists a headline rule configures (defaults in ``rules/headlines/Repeated.yml``).

    ``canon`` maps a stemmed content token to the stem that stands for its synonym group (the first
    word of the group), so "widens"/"expands" or "Syrian"/"Syria" compare equal. ``outlet_words`` are
    the words that mark a trailing " – Name" as an outlet or site name, ``stop_words`` the words left
    out of the comparison, ``number_words`` number words and abbreviations read as their digits or
    words, ``polar`` the stems of opposite pairs (stem -> ["pair:side", ...]). None, for each: the
    module's own list, for library callers without a rule.
    """

    canon: dict = field(default_factory=dict)
    outlet_words: frozenset[str] | None = None
    stop_words: frozenset[str] | None = None
    number_words: dict | None = None
    polar: dict | None = None
    #: Runs of tokens read as one token ("12 month" -> "year"): first token -> [(run, token), ...].
    phrases: dict | None = None


def _word_tokens(word: str, base: Lexicon) -> list[str]:
    """``_tokens_of_normalized(normalize_headline(word), base)``, with a short way for a plain lower-case
    word (most words of a synonym group), which normalisation leaves as it is: rule loading runs this
    for every word of the YAML's groups at each start."""
    if word.isascii() and word.isalpha() and word.islower():
        w = _ACRONYM_ALIASES.get(word, word)
        stop_words = STOP_WORDS if base.stop_words is None else base.stop_words
        if w in stop_words:
            return []
        number_words = _NUMBER_WORDS if base.number_words is None else base.number_words
        return [_stem(number_words.get(w, w))]
    return _tokens_of_normalized(normalize_headline(word), base)


def build_lexicon(
    synonyms: Iterable[str] = (),
    outlet_words: Iterable[str] = (),
    stop_words: Iterable[str] | None = None,
    opposites: Iterable[str] | None = None,
    number_words: dict | None = None,
    equivalents: Iterable[str] = (),
) -> Lexicon:
    """Compile synonym groups ("rise, climb, gain": one group per string, comma-separated), outlet
    words, stop words, opposite pairs ("open, close": two comma-separated words each) and number words
    ({"twelve": "12"}) and equivalents ("twelve months = year": a run of words read as one word). A word
    already in an earlier group keeps that group. ``None`` or an empty list
    keeps the module's own list. Raises ``ValueError`` on a malformed group or pair.
    """
    stops = frozenset(w.strip().lower() for w in stop_words or () if w.strip()) or None
    numbers = None
    if number_words:
        numbers = {}
        for k, v in number_words.items():
            key, value = str(k).strip().lower(), str(v).strip().lower()
            if not key or not value or " " in key:
                raise ValueError(f"number word {k!r}: {v!r} must map one word to a digit string or a word")
            numbers[key] = value
    base = Lexicon({}, None, stops, numbers, None)
    polar = None
    if opposites:
        polar = defaultdict(list)
        for i, pair in enumerate(opposites):
            words = [w.strip() for w in str(pair).split(",") if w.strip()]
            if len(words) != 2:
                raise ValueError(f"opposite pair {pair!r} needs exactly two comma-separated words")
            for side, w in enumerate(words):
                for t in _tokens_of_normalized(normalize_headline(w), base):
                    polar[t].append(f"{i}:{side}")
        polar = dict(polar)
    canon: dict[str, str] = {}
    for group in synonyms:
        words = [w.strip() for w in str(group).split(",") if w.strip()]
        if len(words) < 2:
            raise ValueError(f"synonym group {group!r} needs at least two comma-separated words")
        stems = [t for w in words for t in _word_tokens(w, base)]
        if not stems:
            continue
        head = canon.get(stems[0], stems[0])
        for t in stems:
            canon.setdefault(t, head)
    phrases: dict[str, list] = defaultdict(list)
    for entry in equivalents:
        left, sep, right = str(entry).partition("=")
        run = tuple(_tokens_of_normalized(normalize_headline(left), base))
        repl = _tokens_of_normalized(normalize_headline(right), base)
        if not sep or len(run) < 2 or len(repl) != 1:
            raise ValueError(
                f"equivalent {entry!r} must read 'words = word': two or more content words, then one word"
            )
        phrases[run[0]].append((run, canon.get(repl[0], repl[0])))
    for runs in phrases.values():
        runs.sort(key=lambda r: -len(r[0]))
    words = frozenset(w.strip().lower() for w in outlet_words if w.strip())
    return Lexicon(canon, words or None, stops, numbers, polar, dict(phrases) or None)


def lexicon_containment(fa: _Features, fb: _Features) -> float:
    """Share of the shorter headline's content tokens found in the longer one (1.0: one contains
    the other, as when a heading adds a place or a name to the title)."""
    if not fa.tokens or not fb.tokens:
        return 0.0
    small = min(len(fa.tokens), len(fb.tokens))
    return len(fa.tokens & fb.tokens) / small


# --------------------------------------------------------------------------------------------------
# Similarity
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Features:
    norm: str
    tokens: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    polar: frozenset[str]
    sequence: frozenset[str]
    sorted_tokens: str
    #: Acronyms as written (``SC``, ``FAA``), as tokens.
    acronyms: frozenset[str] = frozenset()
    #: The words of the headline as written, outlet suffix off, with whether each is capitalised (runs of
    #: capitalised words are matched against the other headline's acronyms).
    words: tuple[str, ...] = ()
    #: One character per word: its initial, lower case, when capitalised (not an acronym); else " ".
    initials: str = ""
    lexicon: Lexicon | None = None


_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_RAW_WORD_RE = re.compile(r"[^\W_](?:[\w'.-]*[^\W_])?")


def _name_tokens(text: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """Stemmed tokens of words that look like proper names in ``text`` (outlet suffix already removed).

    In a sentence-case headline, a capitalised word is taken as a name (the first word included, so
    "Ankara protesters clash" and "Lima protesters clash" differ by name). In a title-cased
    headline capitals say nothing, so only acronyms (two or more capitals: UK, NATO, FAA) count.
    Weekday and month names are not counted: they date a story rather than name its subject.
    """
    words = _RAW_WORD_RE.findall(_DOTTED_ACRONYM_RE.sub(_fold_acronym, text))
    if not words:
        return frozenset()
    stop_words = STOP_WORDS if lexicon is None or lexicon.stop_words is None else lexicon.stop_words
    content = [w for w in words[1:] if w.isalpha() and len(w) >= 4 and w.casefold() not in stop_words]
    title_case = bool(content) and sum(1 for w in content if w[0].isupper()) >= 0.75 * len(content)
    out: set[str] = set()
    for w in words:
        letters = w.replace("'", "").replace(".", "").replace("-", "")
        if not letters.isalpha() or not w[0].isupper():
            continue
        acronym = len(letters) >= 2 and letters.isupper()
        if not acronym and title_case:
            continue
        for t in _tokens_of_normalized(normalize_headline(w), lexicon):
            if t and t not in _CALENDAR and not t[0].isdigit():
                out.add(t)
    return frozenset(out)


# Pairs of opposites that flip the meaning of an otherwise identical market or news headline.
_OPPOSITES = [
    ("open", "clos"), ("higher", "lower"), ("up", "down"), ("rise", "fall"), ("gain", "los"),
    ("win", "los"), ("win", "fail"), ("pass", "fail"), ("lift", "impos"), ("acquitt", "convict"),
    ("admit", "deni"), ("approv", "reject"),
    ("strengthen", "weaken"), ("rais", "cut"), ("arriv", "leav"), ("enter", "exit"), ("start", "end"),
    ("begin", "end"), ("resign", "appoint"), ("releas", "arrest"), ("increas", "decreas"),
]  # fmt: skip
_POLAR: dict[str, list[str]] = defaultdict(list)  # token -> ["pair index:side", ...]
for _i, _pair in enumerate(_OPPOSITES):
    for _side, _tok in enumerate(_pair):
        _POLAR[_tok].append(f"{_i}:{_side}")


@functools.lru_cache(maxsize=4096)
def _features(text: str, lexicon: Lexicon | None = None) -> _Features:
    """A headline's features, computed once per distinct headline and lexicon (a heading is compared with
    many; a ``Lexicon`` hashes by identity)."""
    outlet_words = lexicon.outlet_words if lexicon is not None else None
    norm = normalize_headline(text, outlet_words)
    toks = _tokens_of_normalized(norm, lexicon)
    raw_tokset = frozenset(toks)
    # Opposites are read from the words as written, before synonyms merge them ("up" / "rise").
    pairs = _POLAR if lexicon is None or lexicon.polar is None else lexicon.polar
    polar = frozenset(p for t in raw_tokset if t in pairs for p in pairs[t])
    names = _name_tokens(strip_outlet_suffix(text, outlet_words), lexicon) & raw_tokset
    if lexicon is not None and lexicon.canon:
        canon = lexicon.canon
        toks = [canon.get(t, t) for t in toks]
        names = frozenset(canon.get(t, t) for t in names)
    tokset = frozenset(toks)
    numbers = frozenset(t for t in tokset if t[:1].isdigit() or t in _CALENDAR)
    sequence = frozenset(
        b for a, b in zip(toks, toks[1:], strict=False) if a in _SEQUENCE_STEMS and b[:1].isdigit()
    )
    words = tuple(w.rstrip(".") for w in _CAP_WORD_RE.findall(strip_outlet_suffix(text, outlet_words)))
    initials = "".join(w[0].lower() if w[:1].isupper() and not w.isupper() else " " for w in words)
    acronyms = frozenset(w.lower() for w in words if 2 <= len(w) <= 5 and w.isalpha() and w.isupper())
    return _Features(
        norm,
        tokset,
        numbers,
        names,
        polar,
        sequence,
        " ".join(sorted(tokset)),
        acronyms,
        words,
        initials,
        lexicon,
    )


_CAP_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*\.?")


def _spell_out(ta: frozenset[str], fa: _Features, fb: _Features) -> frozenset[str]:
    """``fa``'s tokens with each run of two to five capitalised words that ``fb`` writes as an acronym
    replaced by that acronym ("Supreme Court" -> "sc" when the other headline says "SC"), so "Kenya SC
    upholds" and "Kenya Supreme Court upholds" compare word for word. Only the acronyms ``fa`` lacks
    are looked for, each in one pass over ``fa``'s capitalised words."""
    wanted = [a for a in fb.acronyms if a not in ta and a in fa.initials]
    if not wanted:
        return ta
    for acronym in wanted:
        n = len(acronym)
        i = fa.initials.find(acronym) if 2 <= n <= 5 else -1
        while i >= 0:
            part = fa.words[i : i + n]
            toks = frozenset(_tokens_of_normalized(normalize_headline(" ".join(part)), fa.lexicon))
            if len(toks) == n and toks <= ta:
                ta = (ta - toks) | {acronym}
                break
            i = fa.initials.find(acronym, i + 1)
    return ta


def _opposed(pa: frozenset[str], pb: frozenset[str]) -> bool:
    """True when one side has a word whose opposite only the other side has (open/close, wins/fails)."""
    for p in pa - pb:
        idx, side = p.split(":")
        other = f"{idx}:{1 - int(side)}"
        if other in pb and other not in pa:
            return True
    return False


def _soft_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Number of matched tokens between two sets, counting near-identical spellings as matches.

    Exact matches count 1. Remaining tokens are paired greedily when their normalised Indel similarity
    is >= 0.8 (both at least 5 characters, not numbers), counting their similarity.
    """
    common = a & b
    score = float(len(common))
    ra = [t for t in a - common if len(t) >= 5 and not t[0].isdigit()]
    rb = [t for t in b - common if len(t) >= 5 and not t[0].isdigit()]
    if ra and rb:
        indel = _rapidfuzz()[1]
        used: set[int] = set()
        for ta in ra:
            best, best_j = 0.0, -1
            for j, tb in enumerate(rb):
                if j in used:
                    continue
                s = indel.normalized_similarity(ta, tb)
                if s > best:
                    best, best_j = s, j
            if best >= 0.8:
                used.add(best_j)
                score += best
    return score


def _similarity(fa: _Features, fb: _Features) -> float:
    if not fa.tokens or not fb.tokens:
        # Nothing to compare: empty, punctuation only, stop words only, or masked text only.
        return 1.0 if fa.norm and fa.norm == fb.norm and any(c.isalnum() for c in fa.norm) else 0.0
    if fa.norm == fb.norm:
        return 1.0
    ta, tb = fa.tokens, fb.tokens
    if fb.acronyms:
        ta = _spell_out(ta, fa, fb)
    if fa.acronyms:
        tb = _spell_out(tb, fb, fa)
    if ta == tb:
        token_score = 1.0
    else:
        matched = _soft_overlap(ta, tb)
        token_score = 2.0 * matched / (len(ta) + len(tb))  # Dice
    char_score = _rapidfuzz()[0].token_sort_ratio(fa.norm, fb.norm) / 100.0
    score = _W_TOKENS * token_score + (1.0 - _W_TOKENS) * char_score
    # Different numbers or dates usually mean a different story or a different part of a series.
    if fa.numbers != fb.numbers and fa.numbers and fb.numbers:
        # A date given more closely on one side ("30 June 2027" / "June 2027") is a milder difference.
        subset = fa.numbers < fb.numbers or fb.numbers < fa.numbers
        score *= _NUMBER_SUBSET_PENALTY if subset else _NUMBER_PENALTY
    elif fa.sequence != fb.sequence:
        score *= _NUMBER_PENALTY  # "..., Part 2" against the unnumbered first part of a series
    # Each side names someone or somewhere the other does not: same template, different subject.
    only_a, only_b = ta - tb, tb - ta
    if (fa.names & only_a) and (fb.names & only_b):
        # Stronger when the names are all that differs: one template, two subjects.
        score *= _NAME_SWAP_PENALTY if only_a <= fa.names and only_b <= fb.names else _NAME_PENALTY
    if fa.polar and fb.polar and _opposed(fa.polar, fb.polar):
        score *= _POLAR_PENALTY
    # The same people and places (two name tokens or more, one side's names all on the other) and no
    # date or number of its own on each side: the same story told in other words.
    na, nb = fa.names, fb.names
    if (
        len(na & nb) >= 2
        and (na <= nb or nb <= na)
        and (fa.numbers <= fb.numbers or fb.numbers <= fa.numbers)
    ):
        score += _SAME_NAMES_BONUS
    return max(0.0, min(1.0, score))


_W_TOKENS = 0.6
_NUMBER_PENALTY = 0.6
_NUMBER_SUBSET_PENALTY = 0.9
_SAME_NAMES_BONUS = 0.03
_NAME_PENALTY = 0.85
_NAME_SWAP_PENALTY = 0.75
_POLAR_PENALTY = 0.7


def headline_similarity(a: str, b: str, lexicon: Lexicon | None = None) -> float:
    """Similarity of two headlines in ``[0, 1]``; 1.0 for headlines equal after normalisation.

    ``0.6 * Dice(token sets) + 0.4 * token-sorted Indel ratio(normalised strings)``, where the token
    sets are the stemmed content tokens (order-insensitive; near-identical spellings of long tokens
    count as partial matches). The score is then scaled down when the headlines look like one template
    with different particulars: both carry numbers or dates and they differ (x0.6; x0.9 when one
    side's are all on the other side too, a date given more closely), or a series number ("part 2")
    is on one side only (x0.6); each names someone or somewhere the other does not (x0.85,
    x0.75 when the names are all that differs); one has a word whose opposite the other has
    (open/close, wins/fails; x0.7). It is raised by 0.03 when both name the same people or places (two
    name tokens or more shared, one side's names all on the other) with no number or date of their own
    on each side. Headlines without content tokens score 0.0 unless identical.
    """
    return _similarity(_features(a, lexicon), _features(b, lexicon))


# --------------------------------------------------------------------------------------------------
# Index
# --------------------------------------------------------------------------------------------------


class HeadlineIndex:
    """Find near-duplicate headlines among many without comparing all pairs.

    Candidate pairs come from buckets, then each candidate is verified with the score of
    :func:`headline_similarity`:

    * **exact buckets**: headlines with the same normalised form, or the same content-token set, are
      always candidates (these buckets are never capped: their members are duplicates);
    * **prefix buckets**: tokens are ranked rarest first by their frequency in the index. A score of at
      least ``threshold`` needs a token Dice overlap of at least ``(threshold - w) / (1 - w)``, where
      ``w`` is the weight of the character ratio; that in turn needs a minimum number of shared tokens,
      so two such headlines must share one of the rarest ``len - min_shared + 1`` tokens of each
      (prefix filtering). Headlines are bucketed by those prefix tokens only. A prefix bucket larger
      than ``max_bucket`` is skipped: a token that common says little, and the exact buckets still
      catch plain repeats.

    Near-identical spellings that the score counts as soft matches do not share a bucket, so a pair
    whose overlap depends on them can be missed; everything else above the threshold is found.
    """

    def __init__(self, max_bucket: int = 400, lexicon: Lexicon | None = None) -> None:
        self.max_bucket = max_bucket
        self.lexicon = lexicon
        self._keys: list[Hashable] = []
        self._features: list[_Features] = []

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: Hashable, headline: str) -> None:
        """Add one headline under ``key``. Keys need not be unique; order of addition is remembered."""
        self._keys.append(key)
        self._features.append(_features(headline, self.lexicon))

    def extend(self, items: Iterable[tuple[Hashable, str]]) -> None:
        """Add ``(key, headline)`` pairs in order."""
        for key, headline in items:
            self.add(key, headline)

    def _candidates(self, threshold: float) -> set[tuple[int, int]]:
        feats = self._features
        cands: set[tuple[int, int]] = set()

        def add_bucket(bucket: list[int]) -> None:
            for x, i in enumerate(bucket):
                for j in bucket[x + 1 :]:
                    cands.add((i, j))

        exact: dict[str, list[int]] = defaultdict(list)
        tokset: dict[str, list[int]] = defaultdict(list)
        df: dict[str, int] = defaultdict(int)
        for i, f in enumerate(feats):
            if not f.tokens:
                if any(c.isalnum() for c in f.norm):
                    exact[f.norm].append(i)  # stop words only ("What is it?"): exact repeats still count
                continue
            exact[f.norm].append(i)
            tokset[f.sorted_tokens].append(i)
            for t in f.tokens:
                df[t] += 1
        for bucket in (*exact.values(), *tokset.values()):
            if len(bucket) > 1:
                add_bucket(bucket)

        # Minimum Dice overlap any pair at or above the threshold must have (char ratio at most 1).
        dice_min = max(0.0, (threshold - (1.0 - _W_TOKENS)) / _W_TOKENS)
        prefix_buckets: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(feats):
            n = len(f.tokens)
            if n == 0:
                continue
            # Dice 2o/(n+m) >= d with o <= m gives o >= d*n/(2-d).
            min_shared = max(1, math.ceil(dice_min * n / (2.0 - dice_min) - 1e-9))
            prefix = sorted(f.tokens, key=lambda t: (df[t], t))[: n - min_shared + 1]
            for t in prefix:
                prefix_buckets[t].append(i)
        for bucket in prefix_buckets.values():
            if 1 < len(bucket) <= self.max_bucket:
                add_bucket(bucket)
        return cands

    def pairs(self, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[Hashable, Hashable, float]]:
        """Near-duplicate pairs ``(key_a, key_b, score)`` with ``score >= threshold``.

        Each pair appears once, ``key_a`` added before ``key_b``; pairs are ordered by when ``key_a``
        was added, then ``key_b``. Headlines without any content token (empty, punctuation, masked
        text only) are never paired.
        """
        feats = self._features
        out: list[tuple[int, int, float]] = []
        for i, j in self._candidates(threshold):
            s = _similarity(feats[i], feats[j])
            if s >= threshold:
                out.append((i, j, s))
        out.sort(key=lambda r: (r[0], r[1]))
        return [(self._keys[i], self._keys[j], s) for i, j, s in out]
