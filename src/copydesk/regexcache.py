"""Compiled regular expressions kept between runs, as plain data.

Compiling the patterns of the rule packs and of the analysis modules is most of a one-draft run's start-up:
Python's ``re`` parses each pattern and generates its program in pure Python (about 270 patterns, 64,000
characters of pattern text for the default packs). The program itself is a list of integers that
``_sre.compile`` turns into a pattern object in microseconds. This module keeps those programs between runs:

* ``install()`` puts a hook in front of ``re._compiler.compile`` (the step below ``re.compile``'s own
  in-process cache). A pattern whose program was loaded is built straight from it; any other pattern is
  compiled as usual, and its program is recorded.
* ``programs_to_save()`` gives the recorded programs (with the loaded ones that were used again) as plain
  data: the pattern text, flags, program, group count and group names. ``load()`` reads them back.

Loading is strict: every field is type- and range-checked, a program is only ever used for the exact pattern
text and flags it was recorded for, and ``_sre.compile`` checks the program itself (a malformed one raises,
and the pattern is then compiled from its text). The data is JSON read by the caller (``copydesk.compiled``),
never pickle or marshal, so loading it cannot run code. Programs depend on the Python build: the caller keys
them by ``signature()``.

Only CPython 3.11+ (where ``re._compiler`` and ``_sre.compile`` exist) is supported; elsewhere ``install``
does nothing and everything compiles as before.
"""

from __future__ import annotations

import base64
import re
import sys
import threading
import weakref
from array import array

try:  # pragma: no cover - CPython 3.11+ has both
    import _sre
    from re import _compiler
except ImportError:  # pragma: no cover
    _sre = None
    _compiler = None

FORMAT = 1
#: The most programs kept (the default packs need about 270); past it only this run's are kept.
MAX_PROGRAMS = 3000
#: The longest pattern kept (characters) and the longest program (code words): larger ones compile as usual.
MAX_PATTERN_CHARS = 200_000
MAX_CODE_WORDS = 1_000_000
#: The most characters of pattern text and encoded programs kept in the file for the programs one process
#: used, and for the whole file once programs it did not use are added (the default packs take about 2 MB):
#: past them the least recently used programs are not written again (``programs_to_save``).
MAX_KEPT_CHARS = 16 << 20
MAX_UNUSED_KEPT_CHARS = 4 << 20
#: The most code words recorded in one process (about 250,000 for the default packs): a bound on memory.
MAX_TOTAL_WORDS = 8_000_000
_DEBUG = 128  # re.DEBUG: such patterns print their program while compiling; never cached
_MAX_FLAGS = 1 << 12
_WORD_LIMIT = (1 << 32) - 1

_loaded: dict[tuple[str, int], list] = {}  # (pattern, flags) -> stored fields, decoded on first use
_used: set[tuple[str, int]] = set()  # loaded programs used in this process
_recorded: dict[tuple[str, int], list] = {}  # programs compiled in this process, as stored fields
_lock = threading.Lock()
_original = None
stats = {"loaded": 0, "hits": 0, "compiled": 0, "rejected": 0, "recorded words": 0}


def supported() -> bool:
    return (
        _sre is not None
        and _compiler is not None
        and sys.implementation.name == "cpython"
        and callable(getattr(_compiler, "compile", None))
        and array("I").itemsize == getattr(_sre, "CODESIZE", 0)
    )


def signature() -> list:
    """What a stored program depends on: the Python build and the ``_sre`` engine's version."""
    if not supported():
        return []
    return [FORMAT, sys.version, sys.byteorder, sys.maxunicode, _sre.MAGIC, _sre.CODESIZE, _sre.MAXGROUPS]


class _Recorder:
    """Stands in for the ``_sre`` module inside ``re._compiler`` while one pattern compiles, to see the
    arguments of its ``_sre.compile`` call (everything else is the real module's)."""

    def __init__(self, key: tuple[str, int]) -> None:
        self.key = key

    def __getattr__(self, name):
        return getattr(_sre, name)

    def compile(self, *args, **kwargs):
        # The six arguments of CPython 3.11-3.13; any other call is passed on and not recorded.
        if len(args) == 6 and not kwargs and isinstance(args[2], list):
            if stats["recorded words"] + len(args[2]) <= MAX_TOTAL_WORDS:
                fields = _encode(*args)
                if fields is not None:
                    _recorded[self.key] = fields
                    stats["recorded words"] += len(args[2])
        return _sre.compile(*args, **kwargs)


def _encode(pattern, flags, code, groups, groupindex, indexgroup) -> list | None:
    if (
        type(pattern) is not str
        or len(pattern) > MAX_PATTERN_CHARS
        or type(code) is not list
        or len(code) > MAX_CODE_WORDS
        or not isinstance(groupindex, dict)
    ):
        return None
    try:
        blob = array("I", code).tobytes()
    except (OverflowError, TypeError):
        return None
    return [
        int(flags),
        base64.b64encode(blob).decode("ascii"),
        int(groups),
        {str(k): int(v) for k, v in groupindex.items()},
        list(indexgroup),
    ]


def _build(key: tuple[str, int], fields: list):
    """A pattern object from stored fields, or None when they do not make a valid program of ``key``."""
    try:
        flags, blob, groups, groupindex, indexgroup = fields
        if not (
            type(flags) is int
            and 0 <= flags < _MAX_FLAGS
            and type(blob) is str
            and type(groups) is int
            and 0 <= groups < _sre.MAXGROUPS
            and type(groupindex) is dict
            and type(indexgroup) is list
            and len(indexgroup) == groups + 1
            and indexgroup[0] is None
            and all(type(g) is str or g is None for g in indexgroup)
            and all(type(k) is str and type(v) is int and 1 <= v <= groups for k, v in groupindex.items())
            and all(indexgroup[v] == k for k, v in groupindex.items())
        ):
            return None
        raw = base64.b64decode(blob.encode("ascii"), validate=True)
        if len(raw) % 4 or len(raw) > 4 * MAX_CODE_WORDS:
            return None
        code = array("I")
        code.frombytes(raw)
        # ``_sre.compile`` validates the program (a malformed one raises RuntimeError).
        return _sre.compile(key[0], flags, code.tolist(), groups, groupindex, tuple(indexgroup))
    except (ValueError, TypeError, RuntimeError, OverflowError, MemoryError, UnicodeError):
        return None


def _hooked_compile(p, flags=0):
    if type(p) is str and type(flags) is int and not flags & _DEBUG:
        key = (p, flags)
        fields = _loaded.get(key)
        if fields is not None:
            compiled = _build(key, fields)
            if compiled is not None:
                _used.add(key)
                stats["hits"] += 1
                return compiled
            del _loaded[key]
            stats["rejected"] += 1
        if len(_recorded) < MAX_PROGRAMS:
            with _lock:
                _compiler._sre = _Recorder(key)
                try:
                    stats["compiled"] += 1
                    return _original(p, flags)
                finally:
                    _compiler._sre = _sre
    return _original(p, flags)


def install() -> bool:
    """Put the hook in place (idempotent). False where it is not supported."""
    global _original
    if not supported():
        return False
    if _original is None:
        _original = _compiler.compile
        _compiler.compile = _hooked_compile
    return True


def uninstall() -> None:
    """Remove the hook and forget every program (for tests)."""
    global _original
    if _original is not None and _compiler is not None:
        _compiler.compile = _original
        _original = None
    _loaded.clear()
    _used.clear()
    _recorded.clear()
    for k in stats:
        stats[k] = 0


def load(programs) -> int:
    """Take stored programs (``[[pattern, flags, fields...], ...]``, as ``programs_to_save`` gives them).
    Entries of the wrong shape are skipped; each program is checked in full when first used. Returns how
    many were taken."""
    if not isinstance(programs, list) or _original is None:
        return 0
    n = 0
    for entry in programs[:MAX_PROGRAMS]:
        if (
            isinstance(entry, list)
            and len(entry) == 7
            and type(entry[0]) is str
            and len(entry[0]) <= MAX_PATTERN_CHARS
            and type(entry[1]) is int
        ):
            _loaded[(entry[0], entry[1])] = entry[2:]
            n += 1
    stats["loaded"] += n
    return n


#: Rewriting the stored programs costs more than compiling a few short patterns again (some libraries build
#: a pattern from a set, whose order changes from process to process): below these, nothing is rewritten.
SAVE_MIN_PATTERNS = 8
SAVE_MIN_CHARS = 2000


def has_new() -> bool:
    """Whether this process compiled enough patterns that were not loaded to be worth writing them."""
    return len(_recorded) >= SAVE_MIN_PATTERNS or sum(len(p) for p, _ in _recorded) >= SAVE_MIN_CHARS


def programs_to_save() -> list:
    """The programs to keep, most recently used first: those recorded or used in this process (while they
    fit in ``MAX_KEPT_CHARS`` characters of stored text), then the loaded ones this process did not use,
    in their stored order (most recently used first when they were saved), while the whole stays within
    ``MAX_UNUSED_KEPT_CHARS``; at most ``MAX_PROGRAMS`` in all. Programs of patterns no longer in use (a
    pack's word list edited again and again makes a new alternation each time) thus go, least recently
    used first, instead of piling up: every run reads the whole file at start-up."""
    used = [*_recorded.items(), *((k, v) for k, v in _loaded.items() if k in _used and k not in _recorded)]
    unused = [(k, v) for k, v in _loaded.items() if k not in _used and k not in _recorded]
    out: list = []
    total = 0
    for group, limit in ((used, MAX_KEPT_CHARS), (unused, MAX_UNUSED_KEPT_CHARS)):
        for (p, f), fields in group:
            size = _stored_chars(p, fields)
            if len(out) >= MAX_PROGRAMS or total + size > limit:
                return out
            total += size
            out.append([p, f, *fields])
    return out


def over_budget() -> bool:
    """Whether the loaded programs take more than ``MAX_UNUSED_KEPT_CHARS`` while some of them were not
    used in this process: writing the file again (``programs_to_save``) would drop those."""
    if len(_used) >= len(_loaded):
        return False
    return sum(_stored_chars(p, fields) for (p, _f), fields in _loaded.items()) > MAX_UNUSED_KEPT_CHARS


def _stored_chars(pattern: str, fields: list) -> int:
    """About how many characters a program takes in the kept file (its pattern and its encoded code)."""
    blob = fields[1] if len(fields) > 1 and type(fields[1]) is str else ""
    return len(pattern) + len(blob) + 64


def saved() -> None:
    """The recorded programs were written: they count as loaded from now on."""
    _loaded.update(_recorded)
    _used.update(_recorded)
    _recorded.clear()


# --------------------------------------------------------------------------------------------------------
# Compiling on first use
#
# A module that builds many patterns up front (the sourcing detector: about 40 long alternations of its
# vocabulary) pays for all of them on every run, though a draft opens only the few whose keywords it holds.
# ``deferring_re`` stands in for the ``re`` module while such patterns are built: its ``compile`` returns a
# ``Deferred`` (the pattern text and flags), compiled once, the first time one of its methods or attributes
# is used; everything else is ``re``'s. A ``Deferred`` stays the object its owner holds (code that compares
# patterns by identity keeps working); once compiled, it holds the compiled pattern's bound methods as its
# own attributes, so a call costs what a call on the compiled pattern costs.

_PATTERN_ATTRS = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class Deferred:
    """A regular expression compiled the first time it is used (``search``, ``finditer``, ``pattern`` ...
    are the compiled pattern's)."""

    def __init__(self, pattern, flags=0) -> None:
        self._args = (pattern, flags)
        _DEFERRED.add(self)

    def compiled(self):
        """The compiled pattern (compiled now when it was not yet)."""
        c = self.__dict__.get("_compiled")
        if c is None:
            c = re.compile(*self._args)
            for name in _PATTERN_ATTRS:
                self.__dict__[name] = getattr(c, name)
            self.__dict__["_compiled"] = c
            _DEFERRED.discard(self)
        return c

    def __getattr__(self, name):
        if name.startswith("__") or name in ("_args", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        text = self._args[0] if isinstance(self._args[0], str) else repr(self._args[0])
        return f"Deferred({text[:40]!r}{'...' if len(text) > 40 else ''}, {self._args[1]})"


class _DeferringRe:
    """The ``re`` module, except that ``compile`` returns a :class:`Deferred`."""

    @staticmethod
    def compile(pattern, flags=0):
        return Deferred(pattern, flags)

    def __getattr__(self, name):
        return getattr(re, name)


deferring_re = _DeferringRe()


def compile_deferred() -> int:
    """Compile every pattern still deferred (before forking a pool, so the workers share them); returns how
    many were compiled."""
    pending = list(_DEFERRED)
    for d in pending:
        d.compiled()
    return len(pending)


_DEFERRED: weakref.WeakSet = weakref.WeakSet()
