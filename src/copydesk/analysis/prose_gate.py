"""Which words a regex needs: a cheap word-level pre-filter for proselint's patterns.

For each pattern this module works out *atoms*: lower-case ASCII letter runs that every match of the pattern
must contain.  An atom is either a **word** (the pattern fixes a non-letter, or a text edge, on both sides of
the run, so in any matching text the run is a whole ``[a-z]+`` token of the lower-cased text) or a
**substring** (written ``~run``: the run occurs somewhere in the lower-cased text).  A pattern's
requirement is a list of OR-sets of atoms: every OR-set must have one atom present in a text for the
pattern to possibly match there.  ``None`` means no requirement could be proved (the pattern always runs).

The analysis reads Python's own parse of the pattern (``re._parser``), so it follows Python ``re``
semantics; proselint's RE2 patterns use the common subset of both syntaxes, and patterns with RE2-only
syntax get no requirement.  It is sound, not tight: a text that passes may still not match.

Case: texts are lower-cased and patterns' letters are folded, so case-sensitive and case-insensitive
patterns share one test.  Both regex engines also fold four non-ASCII characters onto ASCII letters (K and
ſ, İ and ı): a text holding any of them gets no pre-filtering at all (:func:`text_atoms` returns None).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python >= 3.11
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = ["UNSAFE_CHARS", "requirement", "satisfied", "text_atoms", "text_atoms_bytes"]

#: Non-ASCII characters that Python ``re`` or RE2 match to an ASCII letter under case folding.
UNSAFE_CHARS = "\u0130\u0131\u017f\u212a"
_UNSAFE_RE = re.compile(f"[{UNSAFE_CHARS}]")
_WORD = re.compile(r"[a-z]+")
# RE2 syntax Python reads differently (or not at all): such patterns get no requirement.
_RE2_ONLY = re.compile(r"\\[pPCzQ]|\[\[:|\\x\{")
_FLAGS_OFF = re.compile(r"\(\?[a-zA-Z]*-")
_LETTERS = frozenset(range(ord("a"), ord("z") + 1)) | frozenset(range(ord("A"), ord("Z") + 1))
_LOWER = frozenset(range(ord("a"), ord("z") + 1))
_UPPER = frozenset(range(ord("A"), ord("Z") + 1))
_UNSAFE_CODES = frozenset(map(ord, UNSAFE_CHARS))
# Common English words make weak atoms: a requirement avoids them when it has a choice.
_COMMON = frozenset(
    "a an and are as at be but by for from has have he her his i in is it its not of on or our she so that "
    "the their they this to was we were what when which who will with you your".split()
)
_MAX_WORD_SETS = 4  # whole-word OR-sets kept per pattern (all must hold), besides one substring set
_MAX_ATOMS = 64  # an OR-set larger than this is too weak to be worth testing


def text_atoms(text: str) -> tuple[frozenset[str], str] | None:
    """(the set of ``[a-z]+`` tokens of the lower-cased text, the lower-cased text), or None when the text
    holds a character that folds onto an ASCII letter (no pre-filtering is sound then)."""
    if not text.isascii() and _UNSAFE_RE.search(text):
        return None
    lowered = text.lower()
    return frozenset(_WORD.findall(lowered)), lowered


#: Bytes table: ASCII letters to lower case, every other byte to a space.
_FOLD = bytes(b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 else 32 for b in range(256))


def text_atoms_bytes(text: str, raw: bytes | None = None) -> tuple[frozenset[bytes], bytes] | None:
    """:func:`text_atoms` as bytes (the words and the lower-cased text, encoded as UTF-8), from C-level byte
    operations: an ASCII letter is one byte in UTF-8 and every byte of another character is 0x80 or more,
    so the runs of ASCII letters are the words, and an atom (ASCII) is in the lower-cased text exactly when
    it is in its encoding lower-cased byte by byte (the characters whose lower case is an ASCII letter are
    those that make this return None)."""
    if not text.isascii() and _UNSAFE_RE.search(text):
        return None
    if raw is None:  # (``raw``: the text's UTF-8 encoding, when the caller has it)
        raw = text.encode("utf-8", "surrogatepass")
    return frozenset(raw.translate(_FOLD).split()), raw.lower()


def satisfied(req: list[list[str]], words: frozenset[str], lowered: str) -> bool:
    """Whether a text (as :func:`text_atoms` gives it) meets a requirement."""
    for or_set in req:
        for atom in or_set:
            if (atom[1:] in lowered) if atom[0] == "~" else (atom in words):
                break
        else:
            return False
    return True


# --------------------------------------------------------------------------------------------------------
# Requirement of a pattern
# --------------------------------------------------------------------------------------------------------


def requirement(pattern: str, ignorecase: bool = True) -> list[list[str]] | None:
    """The OR-sets of atoms every match of ``pattern`` contains (all must hold), or None."""
    if _RE2_ONLY.search(pattern):
        return None
    if _FLAGS_OFF.search(pattern):
        ignorecase = False  # a group may turn case folding off: judge look-around classes without it
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE if ignorecase else 0)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    try:
        found = _sequence(list(parsed), False, False, ignorecase)
    except RecursionError:
        return None
    found = list(dict.fromkeys(s for s in found if len(s) <= _MAX_ATOMS))
    if not found:
        return None
    found.sort(key=_strength, reverse=True)
    # Whole-word sets first, strongest first (a text's words are looked up in an index built from the
    # first; the others are set look-ups), then the strongest substring set not implied by them (often the
    # literal phrase): the cheap tests come first, and most texts fail one of them.
    words = [s for s in found if not any(a[0] == "~" for a in s)][:_MAX_WORD_SETS]
    substrings = [
        s for s in found if s not in words and not any(all(_implied(a, w) for a in s) for w in words)
    ]
    return [sorted(s) for s in words + substrings[:1]]


def _implied(atom: str, by: frozenset[str]) -> bool:
    """An atom every text meeting the OR-set ``by`` of whole words also meets (``~unique`` by ``unique``)."""
    return atom in by or (atom[0] == "~" and atom[1:].strip() in by)


def _atom_strength(atom: str) -> int:
    if atom[0] == "~":
        return len(atom) - 3  # a substring says less than a whole word of the same length
    return 1 if atom in _COMMON else len(atom)


def _strength(or_set: frozenset[str]) -> tuple[int, int]:
    return (min(_atom_strength(a) for a in or_set), -len(or_set))


def _sequence(items: list, left: bool, right: bool, ci: bool) -> list[frozenset[str]]:
    """Candidate OR-sets of a sequence; ``left``/``right``: a non-letter (or an edge) is known to lie just
    outside the sequence on that side."""
    out: list[frozenset[str]] = []
    word: list[str] = []
    word_left = False
    n = len(items)
    literal: list[str] = []  # the current run of ASCII literal characters, lower-cased

    def close_literal() -> None:
        if len(literal) >= 3:
            out.append(frozenset(["~" + "".join(literal)]))
        literal.clear()

    def before_ok(i: int) -> bool:  # the character just before item i is no letter
        return left if i == 0 else _edge_safe(items[i - 1], "end", ci)

    def after_ok(i: int) -> bool:  # the character just after item i is no letter
        return right if i == n - 1 else _edge_safe(items[i + 1], "start", ci)

    def close(bounded_right: bool) -> None:
        if word:
            run = "".join(word)
            if word_left and bounded_right:
                out.append(frozenset([run]))
            elif len(run) >= 3:
                out.append(frozenset(["~" + run]))
            word.clear()

    for i, (op, av) in enumerate(items):
        if op is _c.LITERAL and av < 128:
            literal.append(chr(av).lower())
        else:
            close_literal()
        if op is _c.LITERAL and av in _LETTERS:
            if not word:
                word_left = before_ok(i)
            word.append(chr(av).lower())
            continue
        close(_edge_safe(items[i], "start", ci))
        if op is _c.SUBPATTERN:
            out.extend(_sequence(list(av[-1]), before_ok(i), after_ok(i), ci))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_sequence(list(av), before_ok(i), after_ok(i), ci))
        elif op is _c.BRANCH:
            got = _branch(av[1], before_ok(i), after_ok(i), ci)
            if got is not None:
                out.append(got)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, body = av
            if low >= 1:
                out.extend(_sequence(list(body), False, False, ci))
    close(right)
    close_literal()
    return out


def _branch(alternatives: list, left: bool, right: bool, ci: bool) -> frozenset[str] | None:
    union: set[str] = set()
    for alt in alternatives:
        found = _sequence(list(alt), left, right, ci)
        if not found:
            return None
        union.update(max(found, key=_strength))
    return frozenset(union)


def _class_has_no_letter(members: list, ci: bool) -> bool:
    for op, av in members:
        if op is _c.NEGATE:
            return False
        if op is _c.LITERAL:
            if av in _LETTERS or av in _UNSAFE_CODES:
                return False
        elif op is _c.RANGE:
            low, high = av
            if any(low <= code <= high for code in (*_LETTERS, *_UNSAFE_CODES)):
                return False
        elif op is _c.CATEGORY:
            if av not in (_c.CATEGORY_NOT_WORD, _c.CATEGORY_SPACE, _c.CATEGORY_DIGIT):
                return False
        else:
            return False
    return True


def _class_covers_letters(members: list, ci: bool) -> bool:
    """The class matches every ASCII letter (as a look-around's class, it then excludes them all)."""
    covered: set[int] = set()
    for op, av in members:
        if op is _c.NEGATE:
            return False
        if op is _c.LITERAL:
            covered.add(av)
        elif op is _c.RANGE:
            covered.update(code for code in _LETTERS if av[0] <= code <= av[1])
        elif op is _c.CATEGORY and av is _c.CATEGORY_WORD:
            covered.update(_LETTERS)
    if ci:
        covered |= {c ^ 0x20 for c in covered if c in _LETTERS}
    return _LOWER <= covered and _UPPER <= covered


def _one_char_class(sub: list) -> list | None:
    """The members of a look-around body that is one character class or literal, else None."""
    if len(sub) != 1:
        return None
    op, av = sub[0]
    if op is _c.IN:
        return list(av)
    if op is _c.LITERAL:
        return [(op, av)]
    return None


def _edge_safe(item: tuple, side: str, ci: bool) -> bool:
    """Whether ``item``, next to a letter run, guarantees a non-letter (or a text edge) on its ``side``
    ("end": the item comes before the run; "start": it comes after it)."""
    op, av = item
    if op is _c.LITERAL:
        return av not in _LETTERS and av not in _UNSAFE_CODES
    if op is _c.AT:
        return av is not _c.AT_NON_BOUNDARY
    if op is _c.IN:
        return _class_has_no_letter(list(av), ci)
    if op is _c.CATEGORY:
        return av in (_c.CATEGORY_NOT_WORD, _c.CATEGORY_SPACE, _c.CATEGORY_DIGIT)
    if op is _c.SUBPATTERN:
        return _seq_edge_safe(list(av[-1]), side, ci)
    if op is _c.BRANCH:
        return all(_seq_edge_safe(list(alt), side, ci) for alt in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return low >= 1 and _seq_edge_safe(list(body), side, ci)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        direction, sub = av
        # a look-behind constrains the character before the run, a look-ahead the one after it
        if (direction < 0) != (side == "end"):
            return False
        members = _one_char_class(list(sub))
        if members is None:
            return False
        if op is _c.ASSERT_NOT:
            return _class_covers_letters(members, ci)
        return _class_has_no_letter(members, ci)
    return False


def _seq_edge_safe(items: list, side: str, ci: bool) -> bool:
    if not items:
        return False
    return _edge_safe(items[-1] if side == "end" else items[0], side, ci)


def describe(req: Any) -> str:  # pragma: no cover - a debugging aid
    return " AND ".join("(" + " | ".join(s) + ")" for s in req) if req else "always"
