"""Vale's regular expressions on RE2.

Vale compiles rule patterns with regexp2 in RE2-compatible mode: the RE2 syntax plus a few extensions.
copydesk runs every pattern on RE2 (linear time: a style is input, and input can be hostile), so it
translates what has an RE2 equivalent and refuses the rest with the rule file and line:

- ``(?<name>...)`` named groups become ``(?P<name>...)``;
- ``\\Z`` becomes ``\\z``;
- look-ahead/look-behind, back-references, atomic groups and possessive quantifiers are refused.
"""

from __future__ import annotations

import functools
import re

from ..matching import PatternError, compile_pattern
from . import ValeError


class Unsupported(PatternError):
    """A construct RE2 lacks (look-around, back-reference...)."""


class ValeUnsupported(ValeError):
    """A rule whose pattern needs a construct RE2 lacks: the rule is skipped with this message."""


_REFUSED = {
    "(?=": "a look-ahead",
    "(?!": "a negative look-ahead",
    "(?<=": "a look-behind",
    "(?<!": "a negative look-behind",
    "(?>": "an atomic group",
}


_NEEDS_WORK = re.compile(r"\(\?[=!<>']|\\[1-9kZ]|[+*?}]\+")


@functools.lru_cache(maxsize=4096)
def translate(pattern: str) -> str:
    """RE2 text for a Vale pattern; raises ``PatternError`` naming the construct RE2 lacks."""
    if not _NEEDS_WORK.search(pattern):
        return pattern  # nothing to translate or refuse (most patterns)
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if not in_class and nxt.isdigit() and nxt != "0":
                raise Unsupported(
                    f"regular expression {pattern!r} uses a back-reference (\\{nxt}), which RE2 lacks"
                )
            if nxt == "k" and i + 2 < n and pattern[i + 2] in "<'{":
                raise Unsupported(
                    f"regular expression {pattern!r} uses a named back-reference, which RE2 lacks"
                )
            out.append("\\z" if nxt == "Z" and not in_class else pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and pattern.startswith("[:", i):
                j = pattern.find(":]", i + 2)
                if j > 0:
                    out.append(pattern[i : j + 2])
                    i = j + 2
                    continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "(" and pattern.startswith("(?", i):
            for prefix, what in _REFUSED.items():
                if pattern.startswith(prefix, i):
                    raise Unsupported(
                        f"regular expression {pattern!r} uses {what}, which RE2 lacks (copydesk runs Vale "
                        "patterns on RE2 so that no pattern can hang a run)"
                    )
            if pattern.startswith("(?<", i) and not pattern.startswith("(?<=", i):
                out.append("(?P<")
                i += 3
                continue
            if pattern.startswith("(?'", i):
                j = pattern.find("'", i + 3)
                out.append("(?P<" + pattern[i + 3 : j] + ">")
                i = j + 1
                continue
        if c in "+*?}" and i + 1 < n and pattern[i + 1] == "+":
            raise Unsupported(f"regular expression {pattern!r} uses a possessive quantifier, which RE2 lacks")
        out.append(c)
        i += 1
    return "".join(out)


def compile_vale(pattern: str, path: str, line: int, *, ignorecase: bool = False):
    """Compile a Vale pattern with RE2, or raise ``ValeError`` at the rule's file and line."""
    try:
        text = translate(pattern)
    except Unsupported as exc:
        raise ValeUnsupported(path, line, str(exc)) from None
    try:
        return compile_pattern(text, ignorecase=ignorecase)
    except PatternError as exc:
        if "look-" in str(exc) or "back-reference" in str(exc):
            raise ValeUnsupported(path, line, str(exc)) from None
        raise ValeError(path, line, str(exc)) from None


def check_vale(pattern: str, path: str, line: int) -> str:
    """The RE2 text of a Vale pattern after checking it compiles (for combined programs)."""
    compile_vale(pattern, path, line)
    return translate(pattern)
