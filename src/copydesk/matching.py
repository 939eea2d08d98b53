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
        raise PatternError(f"invalid regular expression {pattern!r}: {exc}") from None
    except RecursionError:
        raise PatternError(f"regular expression {pattern!r} is nested too deeply") from None
    stack = [parsed]
    while stack:
        item = stack.pop()
        for op, av in item:
            name = str(op)
            if name in _UNSUPPORTED:
                raise PatternError(
                    f"regular expression {pattern!r} uses a {_UNSUPPORTED[name]}, which copydesk does not "
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


def _re2_compile(full: str):
    opts = _re2.Options()
    opts.max_mem = 64 << 20
    with _quiet_stderr():
        return _re2.compile(full, opts)


def compile_pattern(pattern: str, *, ignorecase: bool = False):
    """Compile one pattern with RE2 (RE2 syntax: ``\\x{FFFC}``, ``\\pL`` and ``[[:alpha:]]`` work).

    When RE2 refuses a pattern, Python's parser is asked why, so that look-around and back-references
    get a message naming the feature instead of RE2's terse one.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern is too long ({len(pattern)} characters)")
    full = ("(?i)" if ignorecase else "") + pattern
    if _re2 is None:  # pragma: no cover
        _check_syntax(pattern)
        return re.compile(full)
    try:
        return _re2_compile(full)
    except Exception as exc:  # re2.error
        _check_syntax(pattern)
        msg = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid regular expression {pattern!r}: {msg}") from None


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
