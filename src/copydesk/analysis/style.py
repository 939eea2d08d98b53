"""proselint's checks as copydesk's ``style`` pack: the pieces the table of checks is built and run with.

proselint (>= 0.16) describes most of its checks as data: a :class:`proselint.registry.checks.Check` holds a
*check type* (``Existence``, ``PreferredForms``, ``Consistency`` ... each carrying word lists or patterns), a
regex *engine* (``Fast`` = RE2, ``Fancy`` = Python ``re``), a message and flags.
:mod:`copydesk.analysis.prose_table` turns them into a table of plain data and runs it; this module holds
what that needs from proselint's registry (the checks, their ids and defaults, :func:`list_checks`) and
the interface of a checker (:class:`StyleChecker`: ``check``, ``check_blocks``, ``check_ids``), and makes
the ``Fancy`` (Python ``re``) checks cheap:

* **Relaxed pre-filters for Python-regex checks.**  A ``Fancy`` pattern is rewritten into an RE2 pattern whose
  matches start at least everywhere the Python pattern's do (look-arounds and risky ``\\b`` dropped,
  ``\\w``/``\\s``/``\\d`` widened to cover Unicode).  The check then runs on an engine that asks RE2 for
  candidate positions and lets Python ``re`` confirm each one with ``match`` at that position, which yields
  exactly ``finditer``'s matches.  Patterns that cannot be relaxed (back-references) run on plain Python
  ``re``, except proselint's repeated-phrase pattern, whose candidates come from comparing words.

Positions: proselint lints ``"\\n" + text + "\\n"``; a checker does the same and maps spans back, and drops
hits inside quotations exactly as proselint's ``LintFile`` does (``allow_quotes`` flag).  Text masked by the
core as U+FFFC is a non-word, non-space character for both regex engines.  proselint's ``max_errors`` cap is
not applied.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

__all__ = ["CheckInfo", "StyleChecker", "StyleHit", "list_checks"]


class CheckInfo(NamedTuple):
    check_id: str
    message: str
    kind: str


class StyleHit(NamedTuple):
    start: int
    end: int
    check_id: str
    message: str
    replacement: str | None


# What a check object is (``CheckInfo.kind``; several kinds joined with "+" when a check id owns several
# check objects).
KIND_PATTERN = "pattern"  # RE2 patterns
KIND_CONSISTENCY = "consistency"  # term pairs, reported when both terms occur
KIND_PREFILTERED = "prefiltered"  # Python-regex patterns, matched via relaxed RE2 pre-filters
KIND_PYTHON = "python-regex"  # Python-regex patterns that cannot be pre-filtered
KIND_FUNCTION = "function"  # a check function (run through proselint's own code)
KIND_WORDLIST = "word-list"  # ReverseExistence (restricted vocabularies)


# --------------------------------------------------------------------------------------------------------
# Relaxing a Python regex into an RE2 pre-filter
# --------------------------------------------------------------------------------------------------------

# Supersets of Python's Unicode classes, for use inside a positive character class.
_CLS_W = r"0-9A-Za-z_\x{80}-\x{10FFFF}"
_CLS_S = r"\t-\r\x1c-\x20\x{80}-\x{10FFFF}"
_CLS_D = r"0-9\x{80}-\x{10FFFF}"
_CLS_NOT_W = r"\x00-/:-@\[-\^`{-\x{10FFFF}"
_CLS_NOT_S = r"\x00-\x08\x0e-\x1b\x21-\x{10FFFF}"
_CLS_NOT_D = r"\x00-/:-\x{10FFFF}"
_OUT_CLASSES = {
    "w": f"[{_CLS_W}]",
    "s": f"[{_CLS_S}]",
    "d": f"[{_CLS_D}]",
    "W": "[^0-9A-Za-z_]",
    "S": r"\S",  # RE2's \S excludes only ASCII [\t\n\f\r ]: a superset of Python's \S
    "D": r"\D",
}
_IN_POSITIVE = {"w": _CLS_W, "s": _CLS_S, "d": _CLS_D, "W": _CLS_NOT_W, "S": _CLS_NOT_S, "D": _CLS_NOT_D}
# In a negated class, RE2's ASCII \w \s \d are subsets of Python's, so the complement is a superset.
_IN_NEGATED = {"w": r"\w", "s": r"\s", "d": r"\d"}
_SIMPLE_ESCAPES = {"n": r"\n", "t": r"\t", "r": r"\r", "f": r"\f", "v": r"\x0b", "a": r"\x07"}
# ASCII letters that Python's IGNORECASE also matches to non-ASCII characters (K, ſ, ı, İ).
_CI_UNSAFE = frozenset("kKsSiI")


class _Unrelaxable(Exception):
    pass


def _escape_literal(ch: str) -> str:
    if ch.isalnum() and ch.isascii():
        return ch
    if ord(ch) < 128:
        return "\\" + ch if not ch.isspace() else f"\\x{ord(ch):02x}"
    return f"\\x{{{ord(ch):x}}}"


def _relax(pattern: str, ignorecase: bool) -> str:
    """An RE2 pattern matching (at least) wherever ``pattern`` matches under Python ``re``.

    Raises :class:`_Unrelaxable` for constructs with no sound RE2 relaxation.
    """
    tokens: list[tuple[str, str]] = []  # (kind, text); kinds: lit, b (word boundary), q (quantifier), x
    i, n = 0, len(pattern)
    after_removed = False

    def find_group_end(start: int) -> int:
        depth, j, in_class = 0, start, False
        while j < n:
            c = pattern[j]
            if c == "\\":
                j += 2
                continue
            if in_class:
                if c == "]":
                    in_class = False
            elif c == "[":
                in_class = True
                if j + 1 < n and pattern[j + 1] == "^":
                    j += 1
                if j + 1 < n and pattern[j + 1] == "]":
                    j += 1
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        raise _Unrelaxable("unbalanced group")

    while i < n:
        c = pattern[i]
        if c in "*+?{" and after_removed:
            raise _Unrelaxable("quantified assertion")
        after_removed = False
        if c == "\\":
            if i + 1 >= n:
                raise _Unrelaxable("trailing backslash")
            e = pattern[i + 1]
            i += 2
            if e in "bB":
                tokens.append(("b" if e == "b" else "x-drop", ""))
            elif e in "AZ":
                after_removed = True
            elif e in _OUT_CLASSES:
                tokens.append(("x", _OUT_CLASSES[e]))
            elif e in _SIMPLE_ESCAPES:
                tokens.append(("x", _SIMPLE_ESCAPES[e]))
            elif e == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", pattern[i : i + 2]):
                tokens.append(("x", f"\\x{{{pattern[i : i + 2]}}}"))
                i += 2
            elif e in "uU":
                width = 4 if e == "u" else 8
                hexdigits = pattern[i : i + width]
                if not re.fullmatch(r"[0-9a-fA-F]+", hexdigits) or len(hexdigits) != width:
                    raise _Unrelaxable("bad escape")
                tokens.append(("x", f"\\x{{{hexdigits}}}"))
                i += width
            elif e.isalnum() or e == "_":
                raise _Unrelaxable(f"escape \\{e}")  # back-references, \g, \N{...}, octal
            else:
                tokens.append(("x", _escape_literal(e)))
        elif c == "[":
            j = i + 1
            negated = j < n and pattern[j] == "^"
            if negated:
                j += 1
            body_start = j
            if j < n and pattern[j] == "]":
                j += 1  # a leading "]" is literal
            while j < n and pattern[j] != "]":
                if pattern[j] == "[" and pattern.startswith("[:", j):
                    raise _Unrelaxable("POSIX class")
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                raise _Unrelaxable("unterminated class")
            body = _class_body(pattern[body_start:j], negated)
            if ignorecase and not negated:
                body += r"\x{130}\x{131}"
            tokens.append(("x", f"[{'^' if negated else ''}{body}]"))
            i = j + 1
        elif c == "(":
            if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                i = find_group_end(i) + 1
                after_removed = True
            elif pattern.startswith("(?#", i):
                i = pattern.index(")", i) + 1
            elif pattern.startswith("(?:", i):
                tokens.append(("x", "(?:"))
                i += 3
            elif pattern.startswith("(?P<", i):
                i = pattern.index(">", i) + 1
                tokens.append(("x", "(?:"))
            elif pattern.startswith("(?", i):
                raise _Unrelaxable("inline flags, conditionals or atomic groups")
            else:
                tokens.append(("x", "(?:"))
                i += 1
        elif c == ")":
            tokens.append(("x", ")"))
            i += 1
        elif c in "*+?":
            q = c
            i += 1
            if i < n and pattern[i] == "?":
                q += "?"
                i += 1
            elif i < n and pattern[i] == "+":
                raise _Unrelaxable("possessive quantifier")
            tokens.append(("q", q))
        elif c == "{":
            m = re.compile(r"\{(\d*)(,?)(\d*)\}").match(pattern, i)
            if m and (m.group(1) or m.group(3)):
                i = m.end()
                q = m.group(0)
                if i < n and pattern[i] == "?":
                    q += "?"
                    i += 1
                elif i < n and pattern[i] == "+":
                    raise _Unrelaxable("possessive quantifier")
                tokens.append(("q", q))
            else:
                tokens.append(("x", r"\{"))
                i += 1
        elif c in "^$":
            i += 1  # anchors dropped: a relaxation
            after_removed = True
        elif c == "|":
            tokens.append(("x", "|"))
            i += 1
        elif c == ".":
            tokens.append(("x", "."))
            i += 1
        else:
            i += 1
            if c.isascii() and c.isalnum():
                if ignorecase and c in "iI":
                    tokens.append(("x", r"[iI\x{130}\x{131}]"))
                else:
                    tokens.append(("lit", c))
            elif ignorecase and not c.isascii() and c.isalpha():
                tokens.append(("x", r"(?s:.)"))  # Unicode case folding differs between engines
            else:
                tokens.append(("x", _escape_literal(c)))

    def safe_literal(k: int) -> bool:
        if not 0 <= k < len(tokens) or tokens[k][0] != "lit":
            return False
        return not (ignorecase and tokens[k][1] in _CI_UNSAFE)

    out: list[str] = []
    for k, (kind, text) in enumerate(tokens):
        if kind == "b":
            # Python's \b is Unicode-aware, RE2's is ASCII: they agree when one side is an ASCII word character
            # fixed by the pattern.  Keep \b only there, drop it (a relaxation) elsewhere.
            next_fixed = safe_literal(k + 1) and not (k + 2 < len(tokens) and tokens[k + 2][0] == "q")
            if safe_literal(k - 1) or next_fixed:
                out.append(r"\b")
        elif kind == "x-drop":
            continue
        else:
            out.append(text)
    return "".join(out)


def _class_body(raw: str, negated: bool) -> str:
    """Translate the inside of a Python character class (``raw``, without brackets) for RE2."""
    parts: list[str] = []
    j, n = 0, len(raw)
    table = _IN_NEGATED if negated else _IN_POSITIVE
    prev_single = False  # the previous item is one character (so a following "-" may form a range)
    while j < n:
        ch = raw[j]
        if ch == "\\":
            e = raw[j + 1]
            j += 2
            prev_single = True
            if e in "wsdWSD":
                if e not in table:
                    raise _Unrelaxable("negated Unicode class")
                parts.append(table[e])
                prev_single = False
            elif e in _SIMPLE_ESCAPES:
                parts.append(_SIMPLE_ESCAPES[e])
            elif e == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", raw[j : j + 2]):
                parts.append(f"\\x{{{raw[j : j + 2]}}}")
                j += 2
            elif e.isalnum():
                raise _Unrelaxable(f"class escape \\{e}")
            else:
                parts.append(_escape_literal(e))
        elif ch == "-" and prev_single and j + 1 < n:
            parts.append("-")
            prev_single = False
            j += 1
        else:
            parts.append(_escape_literal(ch))
            prev_single = True
            j += 1
    return "".join(parts)


_EDGE_ITEM = r"(\[(?!\^)(?:\\.|[^\]\\])+\]|\\[^A-Za-z0-9]|\\[wsd]|[^\\()\[\]|?*+{}.^$])"
_LEADING_LOOKBEHIND = re.compile(r"\(\?<([!=])" + _EDGE_ITEM + r"\)")
_TRAILING_LOOKAHEAD = re.compile(r"\(\?([!=])" + _EDGE_ITEM + r"\)$")


def _edge_class(item: str, negate: bool) -> str:
    """RE2 class for a one-character look-around ``item``; ``negate`` for (?<!...)/(?!...)."""
    body = _class_body(item[1:-1], negated=negate) if item.startswith("[") else _class_body(item, negate)
    return f"[{'^' if negate else ''}{body}]"


def _prefilter(pattern: str, ignorecase: bool) -> tuple[str, int] | None:
    """(RE2 pre-filter, lead) for a Python pattern, or None.

    Every Python match start ``p`` has an RE2 match starting at ``p`` or, when ``lead`` is 1, at ``p - 1``: a
    one-character look-behind at the very start of the pattern is turned into a consumed character
    (``(?<![a-z])`` becomes ``(?:^|[^a-z])``), and a one-character look-ahead at the very end likewise, so
    that the pre-filter keeps their selectivity.  Other look-arounds are dropped.
    """
    prefix = suffix = ""
    lead = 0
    core = pattern
    try:
        m = _LEADING_LOOKBEHIND.match(core)
        if m:
            negate = m.group(1) == "!"
            prefix = f"(?:^|{_edge_class(m.group(2), True)})" if negate else _edge_class(m.group(2), False)
            lead = 1
            core = core[m.end() :]
        m = _TRAILING_LOOKAHEAD.search(core)
        if m and (len(core[: m.start()]) - len(core[: m.start()].rstrip("\\"))) % 2 == 0:
            negate = m.group(1) == "!"
            suffix = f"(?:{_edge_class(m.group(2), True)}|$)" if negate else _edge_class(m.group(2), False)
            core = core[: m.start()]
        relaxed = _relax(core, ignorecase)
        if prefix or suffix:
            relaxed = f"{prefix}(?:{relaxed}){suffix}"
    except (_Unrelaxable, ValueError, IndexError):
        return None
    import re2

    opts = re2.Options()
    opts.case_sensitive = not ignorecase
    opts.never_capture = True
    try:
        compiled = re2.compile(relaxed, opts)
    except re2.error:
        return None
    if compiled.search("") is not None or not core:
        return None  # can match empty: the candidate loop assumes non-empty matches
    return relaxed, lead


def relax_pattern(pattern: str, ignorecase: bool = True) -> str | None:
    """The RE2 pre-filter for a Python pattern, or None if there is none (see :func:`_prefilter`)."""
    got = _prefilter(pattern, ignorecase)
    return None if got is None else got[0]


# --------------------------------------------------------------------------------------------------------
# An engine for proselint's Fancy (Python re) checks: RE2 finds candidates, Python re confirms them.
# --------------------------------------------------------------------------------------------------------


class _Utf8Index:
    """A text's UTF-8 encoding and the conversion of offsets between its characters and bytes (through the
    positions of its non-ASCII characters, by bisection). The last text's index is kept: every check of
    one pass searches the same text."""

    __slots__ = ("text", "encoded", "_chars", "_bytes", "_extra")

    _last: _Utf8Index | None = None
    _NON_ASCII = re.compile(r"[^\x00-\x7f]")

    def __init__(self, text: str) -> None:
        self.text = text
        self.encoded = text.encode("utf-8")
        self._chars: list[int] = []  # character offset of each non-ASCII character
        self._bytes: list[int] = []  # its byte offset
        self._extra: list[int] = [0]  # bytes beyond one per character, before the k-th one
        if len(self.encoded) != len(text):
            extra = 0
            for m in self._NON_ASCII.finditer(text):
                c = m.start()
                self._chars.append(c)
                self._bytes.append(c + extra)
                extra += len(m.group().encode("utf-8")) - 1
                self._extra.append(extra)

    @classmethod
    def of(cls, text: str) -> _Utf8Index:
        last = cls._last
        if last is None or last.text is not text:
            last = cls._last = cls(text)
        return last

    def to_byte(self, c: int) -> int:
        if not self._chars:
            return c
        return c + self._extra[bisect_left(self._chars, c)]

    def to_char(self, b: int) -> int:
        if not self._chars:
            return b
        return b - self._extra[bisect_left(self._bytes, b)]


class _Prefiltered:
    """Stands in for a compiled Python pattern; ``finditer`` gives exactly ``py.finditer``'s matches."""

    __slots__ = ("_py", "_pre", "_lead")

    _SHORT = 64  # below this length, skip the pre-filter

    def __init__(self, py: re.Pattern[str], pre: Any, lead: int = 0) -> None:
        self._py = py
        self._pre = pre
        self._lead = lead

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._pre is None or len(text) < self._SHORT:
            yield from self._py.finditer(text)
            return
        # Every Python match start p >= pos has an RE2 match starting at p - lead .. p, so the leftmost RE2
        # match from pos - lead starts at s <= (Python's leftmost match); confirming s .. s + lead in order
        # finds it, and continuing from its end reproduces ``finditer``.  The text is searched as UTF-8
        # bytes, encoded once: RE2 given a str encodes all of it and converts offsets on every search,
        # which made a long text with one non-ASCII character quadratic. ASCII text has the same offsets.
        index = _Utf8Index.of(text)
        haystack, to_byte, to_char = index.encoded, index.to_byte, index.to_char
        pre_search, py_match, lead = self._pre.search, self._py.match, self._lead
        pos = 0
        while True:
            cand = pre_search(haystack, to_byte(max(pos - lead, 0)))
            if cand is None:
                return
            s = to_char(cand.start())
            for p in range(max(s, pos), s + lead + 1):
                m = py_match(text, p)
                if m is not None:
                    yield m
                    pos = m.end() if m.end() > p else p + 1
                    break
            else:
                pos = s + lead + 1

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.finditer(text)), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._py.fullmatch(text)


# proselint's lexical-illusion shape: a run of up to N+1 words immediately repeated.
_PHRASE_REPEAT_SHAPE = re.compile(
    r"\(\?<!\[A-Za-z'-\]\)\(\\w\+\(\?:\\s\+\\w\+\)\{0,(\d)\}\)\(\\s\+\\1\)\+\(\?!\[A-Za-z'-\]\)"
)
_NON_WORD_RUN = re.compile(r"(\W+)")
_RUN_START = re.compile(r"\W\w")  # a word run starts one character after where this matches
_NON_LETTER_WORD_CHARS = re.compile(r"[^\Wa-zA-Z]+")


class _PhraseRepeat:
    """Candidate-position finder for "word(s) repeated" patterns (back-references, so no RE2 pre-filter).

    A match repeats a phrase of at most ``max_words`` words: its first copy starts inside a word run A (at
    its start, or after a digit, ``_`` or non-ASCII character, the only places the look-behind allows) and
    ends at a run's end; the second copy starts at the start of a run B at most ``max_words`` runs later and
    equals it, so B begins with the rest of A.  For ASCII-letter runs that means "B starts with A"; runs with
    other characters (digits, non-ASCII letters, where case folding also differs) are candidates at every
    allowed position.  Python ``re`` then confirms each candidate, giving exactly ``finditer``'s matches.
    """

    __slots__ = ("_py", "_max_words")

    def __init__(self, py: re.Pattern[str], max_words: int) -> None:
        self._py = py
        self._max_words = max_words

    #: Characters of text searched in one piece: a long draft is split into windows (at word starts) so that
    #: the word lists below stay small, whatever the draft's size.
    _WINDOW = 1 << 18

    def _candidates(self, text: str) -> list[int]:
        """Candidate start positions, found window by window.

        Every candidate belongs to a word run and depends only on that run and the ``max_words`` runs after
        it, so each window (cut where a word starts) is extended by ``max_words`` whole runs and the union
        of the windows' candidates is exactly the whole text's; the lists built per window stay bounded.
        """
        n = len(text)
        # Lower-casing changes the length of one character only (U+0130); the choice of method is made once
        # for the whole text, as it was when the text was searched in one piece.
        same_length = "\u0130" not in text
        if n <= 2 * self._WINDOW:
            return sorted(self._window_candidates(text, 0, n, same_length))
        found: set[int] = set()
        start = 0
        while start < n:
            m = _RUN_START.search(text, start + self._WINDOW)
            core_end = m.start() + 1 if m else n
            end = core_end
            for _ in range(self._max_words):
                if end >= n:
                    break
                m = _RUN_START.search(text, end)
                end = m.start() + 1 if m else n
            found.update(self._window_candidates(text, start, end, same_length))
            start = core_end
        return sorted(found)

    def _window_candidates(self, full: str, base: int, stop: int, same_length: bool) -> set[int]:
        from itertools import accumulate, compress
        from operator import eq

        text = full[base:stop] if base or stop < len(full) else full
        kmax = self._max_words
        lowered = text.lower() if same_length else ""
        if same_length:  # the usual case: one split serves offsets and comparisons
            parts = _NON_WORD_RUN.split(lowered)
            lwords = parts[0::2]
        else:
            parts = _NON_WORD_RUN.split(text)
            lwords = [w.lower() for w in parts[0::2]]
        offsets = [0, *accumulate(map(len, parts))]
        n = len(lwords)
        # ASCII-letter runs: the second copy is the whole run A again, k runs later.
        first: set[int] = set()
        for k in range(1, kmax + 1):
            first.update(compress(range(n - k), map(eq, lwords[k:], lwords)))
        positions = {offsets[2 * i] for i in first if lwords[i]}
        word_starts = offsets[0::2]
        odd_ascii: set[int] = set()
        odd_other: set[int] = set()
        for m in _NON_LETTER_WORD_CHARS.finditer(text):
            j = bisect_right(word_starts, m.start()) - 1
            (odd_ascii if m.group().isascii() else odd_other).add(j)
        odd_ascii -= odd_other

        def allowed(i: int) -> list[int]:
            # starts the look-behind permits: the run's start and after any non-ASCII-letter character
            word = text[offsets[2 * i] : offsets[2 * i + 1]]
            return [0] + [q + 1 for q, ch in enumerate(word[:-1]) if not ("a" <= ch.lower() <= "z")]

        for j in odd_other:  # non-ASCII word characters: case folding differs, take every allowed start
            for i in range(max(0, j - kmax), j + 1):
                if lwords[i]:
                    positions.update(offsets[2 * i] + q for q in allowed(i))
        for j in odd_ascii:
            following = lwords[j + 1 : j + 1 + kmax]
            for q in allowed(j):  # run j as the first copy's start
                rest = lwords[j][q:]
                if any(b.startswith(rest) for b in following):
                    positions.add(offsets[2 * j] + q)
            for i in range(max(0, j - kmax), j):  # run j as the second copy's start, after a letters-only run
                if lwords[i] and lwords[j].startswith(lwords[i]):
                    positions.add(offsets[2 * i])
        return {base + p for p in positions} if base else positions

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        py_match = self._py.match
        pos = 0
        for p in self._candidates(text):
            if p < pos:
                continue
            m = py_match(text, p)
            if m is not None:
                yield m
                pos = m.end() if m.end() > p else p + 1

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.finditer(text)), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._py.fullmatch(text)


def _make_prefiltered_engine_class() -> type:
    from proselint.registry.checks.engine import Fancy

    class PrefilteredFancy(Fancy):
        """proselint's ``Fancy`` engine, with RE2 pre-filtering where the pattern allows it."""

        def __init__(self, opts: Any = None) -> None:
            super().__init__(opts)
            self._compiled: dict[str, _Prefiltered] = {}

        def compiled_pattern(self, pattern: str) -> Any:  # type: ignore[override]
            got = self._compiled.get(pattern)
            if got is None:
                import re2

                py = Fancy.compiled_pattern(self, pattern)
                shape = _PHRASE_REPEAT_SHAPE.fullmatch(pattern)
                if shape is not None:
                    got = self._compiled[pattern] = _PhraseRepeat(py, int(shape.group(1)) + 1)
                    return got
                prefilter = _prefilter(pattern, self.opts.case_insensitive)
                pre, lead = None, 0
                if prefilter is not None:
                    relaxed, lead = prefilter
                    opts = re2.Options()
                    opts.case_sensitive = not self.opts.case_insensitive
                    opts.one_line = not self.opts.multi_line
                    opts.never_capture = True
                    pre = re2.compile(relaxed, opts)
                got = self._compiled[pattern] = _Prefiltered(py, pre, lead)
            return got

    return PrefilteredFancy


# --------------------------------------------------------------------------------------------------------
# Compiling proselint's registry
# --------------------------------------------------------------------------------------------------------


def _registry() -> tuple[Any, ...]:
    from proselint.checks import __register__

    return tuple(__register__)


def _check_kind_name(check: Any) -> str:
    return type(check.check_type).__name__ if not callable(check.check_type) else "function"


def _leaf_patterns(check: Any) -> list[str] | None:
    """The patterns a data-driven check scans for (padding applied), or None for other checks."""
    ct = check.check_type
    name = _check_kind_name(check)
    if name in ("Existence", "PreferredForms", "PreferredFormsSimple"):
        return [ct.padding.format(item) for item in ct.items]
    if name == "ExistenceSimple":
        return [ct.pattern]
    if name == "Consistency":
        return [term for pair in ct.term_pairs for term in pair]
    return None


def _is_selected(
    path: str, enabled: set[str] | None, disabled: Iterable[str], defaults: dict[str, bool]
) -> bool:
    def covers(key: str) -> bool:
        return path == key or path.startswith(key + ".")

    if any(covers(key) for key in disabled):
        return False
    if enabled is None:
        # proselint's own rule: the most specific configured prefix decides (keys sorted by depth)
        for key, value in sorted(defaults.items(), key=lambda kv: -kv[0].count(".")):
            if covers(key):
                return bool(value)
        return False
    return any(covers(key) for key in enabled)


def _default_flags() -> dict[str, bool]:
    from proselint.config import DEFAULT

    return dict(DEFAULT["checks"])


def list_checks() -> list[CheckInfo]:
    """proselint's checks, one entry per check id (proselint's check path), in registry order."""
    from proselint.registry.checks.engine import Fancy

    infos: dict[str, tuple[str, list[str]]] = {}
    for check in _registry():
        name = _check_kind_name(check)
        fancy = isinstance(check.engine, Fancy)
        if name == "function":
            kind = KIND_FUNCTION
        elif name == "ReverseExistence":
            kind = KIND_WORDLIST
        elif name == "Consistency":
            kind = KIND_CONSISTENCY
        elif fancy:
            leaves = _leaf_patterns(check) or []
            ok = all(relax_pattern(p, check.engine.opts.case_insensitive) is not None for p in leaves)
            kind = KIND_PREFILTERED if ok and leaves else KIND_PYTHON
        else:
            kind = KIND_PATTERN
        message, kinds = infos.setdefault(check.path, (check.message, []))
        if kind not in kinds:
            kinds.append(kind)
    return [CheckInfo(path, message, "+".join(kinds)) for path, (message, kinds) in infos.items()]


_REGEXY_REPLACEMENT = re.compile(r"[\\\[\]]")


class StyleChecker:
    """What a checker of proselint's checks offers (:class:`copydesk.analysis.prose_table.TableChecker` is
    the one copydesk runs): :meth:`check` and :meth:`check_blocks` over the results of ``_results``, and
    ``check_ids``, the ids of the selected checks.

    A subclass selects checks from ``enabled`` (check ids or id prefixes: ``"typography"`` covers
    ``"typography.symbols.ellipsis"``; None means proselint's default configuration, everything but
    ``restricted``) and ``disabled`` (wins over ``enabled``), raising ``ValueError`` for unknown ids, and
    implements ``_results(content)``: proselint's results (``check_path``, ``message``, ``span``,
    ``replacements``) for the padded ``content``, quotation filtering applied.
    """

    check_ids: tuple[str, ...] = ()

    def _results(self, content: str) -> list[Any]:  # pragma: no cover - interface
        raise NotImplementedError

    @staticmethod
    def _hit(res: Any, shift: int, limit: int) -> StyleHit:
        start = min(max(res.span[0] - shift, 0), limit)
        end = min(max(res.span[1] - shift, start), limit)
        repl = res.replacements
        if repl is not None and _REGEXY_REPLACEMENT.search(repl):
            repl = None  # proselint passes some regex sources as "replacements"
        return StyleHit(start, end, res.check_path, res.message, repl)

    def check(self, text: str) -> list[StyleHit]:
        """Hits in ``text`` (treated as one document, as proselint treats a file), sorted, deduplicated."""
        if not text:
            return []
        results = self._results(f"\n{text}\n")
        return sorted({self._hit(res, 1, len(text)) for res in results})

    def check_blocks(self, blocks: Sequence[str], separator: str = "\n\n") -> list[list[StyleHit]]:
        """Hits per block, checking the blocks as one document joined by ``separator``.

        Document-level behaviour (spelling consistency, the exclamation-mark threshold, quotations) then
        spans the whole document, as in proselint, and the per-call overhead is paid once.  Hits that
        straddle two blocks are dropped.
        """
        out: list[list[StyleHit]] = [[] for _ in blocks]
        if not blocks:
            return out
        starts: list[int] = []
        pos = 0
        for block in blocks:
            starts.append(pos)
            pos += len(block) + len(separator)
        joined = separator.join(blocks)
        if not joined:
            return out
        seen: set[StyleHit] = set()
        for res in self._results(f"\n{joined}\n"):
            hit = self._hit(res, 1, len(joined))
            b = bisect_right(starts, hit.start) - 1
            local_end = hit.end - starts[b]
            if local_end > len(blocks[b]) or hit in seen:
                continue
            seen.add(hit)
            out[b].append(hit._replace(start=hit.start - starts[b], end=local_end))
        for hits in out:
            hits.sort()
        return out
