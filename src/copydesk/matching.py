"""Compiling rule patterns: one linear-time RE2 program per rule, never one regex per token.

Patterns in rule packs are input, and input can be hostile: they are compiled with RE2 (google-re2), whose
matching time is linear in the text whatever the pattern, so ``(a+)+$`` cannot hang a run. RE2 has no
look-around and no back-references; such patterns are refused with a clear message at load time.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager

try:  # pragma: no cover - exercised by import
    import re2 as _re2
except ImportError:  # pragma: no cover
    _re2 = None

MAX_PATTERN_LENGTH = 1_000_000
#: Most copies counted repetitions (``x{1,50}``) may expand to in one compiled program. RE2 expands every
#: ``{n,m}`` into ``m`` copies and its compile time grows with the square of the result (2,000 tokens of
#: ``\\w{1,50}`` take 14 s, ten thousand would take hours), so a pack must not get near that.
MAX_REPETITION_WEIGHT = 20_000


class PatternError(ValueError):
    pass


@contextmanager
def _quiet_stderr():
    """RE2 logs parse errors straight to file descriptor 2; keep that noise out of user output."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, ValueError, OSError):
        yield
        return
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)


_UNSUPPORTED = {
    "ASSERT": "look-ahead/look-behind",
    "ASSERT_NOT": "negative look-around",
    "GROUPREF": "back-reference",
    "GROUPREF_EXISTS": "conditional group",
    "ATOMIC_GROUP": "atomic group",
    "POSSESSIVE_REPEAT": "possessive quantifier",
}


def _check_syntax(pattern: str) -> None:
    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]
    except re.error as exc:
        raise PatternError(f"invalid regular expression {_shown(pattern)}: {exc}") from None
    except RecursionError:
        raise PatternError(f"regular expression {_shown(pattern)} is nested too deeply") from None
    stack = [parsed]
    while stack:
        item = stack.pop()
        for op, av in item:
            name = str(op)
            if name in _UNSUPPORTED:
                raise PatternError(
                    f"regular expression {_shown(pattern)} uses a {_UNSUPPORTED[name]}, which copydesk does not "
                    "support (patterns run on RE2 so that no pattern can hang a run)"
                )
            if isinstance(av, (list, tuple)):
                for sub in av:
                    if hasattr(sub, "data") or isinstance(sub, re._parser.SubPattern):  # type: ignore[attr-defined]
                        stack.append(sub)
                    elif isinstance(sub, (list, tuple)):
                        for s2 in sub:
                            if isinstance(s2, re._parser.SubPattern):  # type: ignore[attr-defined]
                                stack.append(s2)


def _shown(pattern: str, limit: int = 160) -> str:
    """A pattern for a message: quoted, and cut short when long (a pack's token list can be huge)."""
    if len(pattern) <= limit:
        return repr(pattern)
    return f"{pattern[:limit]!r}... ({len(pattern)} characters)"


def _re2_compile(full: str):
    opts = _re2.Options()
    opts.max_mem = 64 << 20
    opts.log_errors = False  # no "DFA out of memory" lines on stderr while matching (RE2 falls back to NFA)
    with _quiet_stderr():
        return _re2.compile(full, opts)


_QUANT = re.compile(r"\{(\d{1,9})(?:(,)(\d{0,9}))?\}")
_SPECIAL = re.compile(r"[\\\[()|{*+?]")  # the characters _weight reads as more than a literal


def repetition_weight(pattern: str) -> int:
    """How many atoms counted repetitions add to ``pattern`` once unrolled (an estimate that follows
    groups: ``(?:ab){3}`` adds 4, ``(?:a{10}){10}`` 99; plain literals add nothing, however many).
    Linear in the pattern's length."""
    if "{" not in pattern:
        return 0  # no counted repetition at all
    return _weight(pattern, True) - _weight(pattern, False)


def _weight(pattern: str, unroll: bool) -> int:
    # One frame per open group: [weight of finished alternatives, weight of the current branch, last atom].
    stack: list[list[int]] = [[0, 0, 0]]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        top = stack[-1]
        if ch == "\\":
            j = i + 2
            if i + 1 < n and pattern[i + 1] in "xpP" and j < n and pattern[j] == "{":
                close = pattern.find("}", j)
                j = close + 1 if close > 0 else n
            elif i + 1 < n and pattern[i + 1] in "pP":
                j = i + 3
            top[1] += 1
            top[2] = 1
            i = j
        elif ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "\\":
                    j += 2
                elif pattern.startswith("[:", j):
                    close = pattern.find(":]", j + 2)
                    j = close + 2 if close > 0 else j + 1
                else:
                    j += 1
            top[1] += 1
            top[2] = 1
            i = j + 1
        elif ch == "(":
            j = i + 1
            if j < n and pattern[j] == "?":  # (?:...), (?i), (?i:...), (?P<name>...)
                j += 1
                if pattern.startswith("P<", j):
                    close = pattern.find(">", j)
                    j = close + 1 if close > 0 else n
                else:
                    while j < n and pattern[j] not in ":)":
                        j += 1
                    if j < n and pattern[j] == ")":  # flags only: not a group
                        i = j + 1
                        continue
                    j += 1
            stack.append([0, 0, 0])
            i = j
        elif ch == ")" and len(stack) > 1:
            done = stack.pop()
            group = max(done[0], 0) + done[1]
            stack[-1][1] += group
            stack[-1][2] = group
            i += 1
        elif ch == "|":
            top[0] += top[1]
            top[1] = 0
            top[2] = 0
            i += 1
        elif ch == "{" and (m := _QUANT.match(pattern, i)):
            low = int(m.group(1))
            high = int(m.group(3)) if m.group(3) else low
            times = max(low, high, 1) if unroll else 1
            top[1] += top[2] * (times - 1)
            top[2] *= times
            i = m.end()
        elif ch in "*+?":
            i += 1
        else:
            # A literal, and every literal after it up to the next character that may be special: each
            # adds one atom (a run of them at once: most of a word list's pattern is plain letters).
            m = _SPECIAL.search(pattern, i + 1)
            j = m.start() if m else n
            top[1] += j - i
            top[2] = 1
            i = j
    total = 0
    for frame in stack:
        total += frame[0] + frame[1]
    return total


def compile_pattern(pattern: str, *, ignorecase: bool = False):
    """Compile one pattern with RE2 (RE2 syntax: ``\\x{FFFC}``, ``\\pL`` and ``[[:alpha:]]`` work).

    When RE2 refuses a pattern, Python's parser is asked why, so that look-around and back-references
    get a message naming the feature instead of RE2's terse one.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern is too long ({len(pattern)} characters)")
    weight = repetition_weight(pattern)
    if weight > MAX_REPETITION_WEIGHT:
        raise PatternError(
            f"regular expression {_shown(pattern)} is too large: its counted repetitions ({{n,m}}) unroll "
            f"into about {weight} extra items (limit {MAX_REPETITION_WEIGHT}); use + or * instead of large "
            "counts, or fewer tokens"
        )
    full = ("(?i)" if ignorecase else "") + pattern
    if _re2 is None:  # pragma: no cover
        _check_syntax(pattern)
        return re.compile(full)
    try:
        return _re2_compile(full)
    except Exception as exc:  # re2.error
        _check_syntax(pattern)
        msg = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        if "too large" in msg or "out of memory" in msg:
            raise PatternError(
                f"regular expression {_shown(pattern)} is too large for the pattern engine (over "
                f"{_re2_limit_mb()} MB compiled); use fewer or simpler tokens, or split the rule"
            ) from None
        raise PatternError(f"invalid regular expression {_shown(pattern)}: {msg}") from None


def _re2_limit_mb() -> int:
    return 64


def token_alternation(tokens: list[str], *, nonword: bool = False) -> str:
    """One alternation for many tokens (each a regular expression), with word boundaries by default."""
    body = "|".join(f"(?:{t})" for t in tokens)
    if nonword:
        return f"(?:{body})"
    return rf"\b(?:{body})\b"


def compile_tokens(tokens: list[str], *, ignorecase: bool = False, nonword: bool = False):
    """One program for all tokens; on failure, the first bad token is named."""
    for t in tokens:
        if not isinstance(t, str) or not t:
            raise PatternError(f"token {t!r} must be a non-empty string")
    try:
        return compile_pattern(token_alternation(tokens, nonword=nonword), ignorecase=ignorecase)
    except PatternError:
        for t in tokens:
            compile_pattern(t)
        raise


def literal_or_regex_lookup(tokens: list[str], ignorecase: bool):
    """Return a function mapping a matched string back to the token that produced it."""
    literals: dict[str, str] = {}
    regexes: list[tuple[str, object]] = []
    for t in tokens:
        if re.escape(t) == t or all(ch.isalnum() or ch in " '-’" for ch in t):
            literals[t.lower() if ignorecase else t] = t
        else:
            regexes.append((t, compile_pattern(f"^(?:{t})$", ignorecase=ignorecase)))

    def lookup(matched: str) -> str | None:
        key = matched.lower() if ignorecase else matched
        if key in literals:
            return literals[key]
        for t, rx in regexes:
            if rx.search(matched):
                return t
        return None

    return lookup
