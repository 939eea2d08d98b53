"""What every Vale rule kind shares: the common keys, message formatting and the alert type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import ValeError
from ..regex import compile_vale

LEVELS = ("suggestion", "warning", "error")
#: Keys every rule may carry (Vale's ``Definition``); a kind adds its own.
COMMON_KEYS = {
    "extends",
    "message",
    "description",
    "level",
    "scope",
    "link",
    "action",
    "limit",
    "name",
    "selector",
    "matchcase",
    "tests",
    "code",
}


class Alert(NamedTuple):
    """A finding in a block: text offsets and the finished message."""

    start: int
    end: int
    message: str


@dataclass
class LoadContext:
    """What rule construction needs from the configuration."""

    #: Accepted vocabulary entries (regular expressions), exempt from rules with ``vocab: true``.
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    word_template: str = ""
    styles_path: str = ""


_FMT = re.compile(r"%(?:\[(\d+)\])?([sdvqf%])|%\.(\d)f")


def format_message(msg: str, *subs, numbers: tuple = ()) -> str:
    """Go's ``fmt.Sprintf`` as Vale uses it for messages: ``%s`` in order, ``%[n]s`` by position, ``%%``;
    extra arguments are ignored, missing ones leave ``%!s(MISSING)`` as Go does."""
    args = list(subs)
    state = {"i": 0}

    def rep(m: re.Match) -> str:
        if m.group(2) == "%":
            return "%"
        if m.group(3) is not None:  # %.2f
            value = args[state["i"]] if state["i"] < len(args) else None
            state["i"] += 1
            return f"{float(value):.{int(m.group(3))}f}" if value is not None else "%!f(MISSING)"
        if m.group(1):
            k = int(m.group(1)) - 1
            state["i"] = k + 1
        else:
            k = state["i"]
            state["i"] += 1
        if k >= len(args):
            return f"%!{m.group(2)}(MISSING)"
        value = args[k]
        if m.group(2) == "f" and not isinstance(value, str):
            return f"{float(value):f}"
        if m.group(2) == "q":
            return '"' + str(value) + '"'
        return str(value)

    return _FMT.sub(rep, msg)


def to_sentence(words: list[str], conj: str = "or") -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b', or 'c'`` (Vale's suggestion lists)."""
    if not words:
        return ""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' {conj} '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{conj} {quoted[-1]}"
    return ", ".join(quoted)


def is_phrase(s: str) -> bool:
    return all(ch.isalpha() or ch.isdigit() or ch in " -" for ch in s)


class Check:
    """One Vale rule. Subclasses set ``kind`` and ``keys`` and implement ``run`` (or ``run_document``)."""

    kind = ""
    keys: set[str] = set()
    #: Runs once per document over all its blocks (``run_document``) rather than block by block.
    per_document = False
    default_scope: tuple[str, ...] = ("text",)

    def __init__(self, rid: str, data: dict, path: str, lines: dict, ctx: LoadContext) -> None:
        self.id = rid
        self.path = path
        self.lines = lines
        self.data = data
        for key in data:
            if key not in COMMON_KEYS and key not in self.keys:
                raise ValeError(
                    path, self.line(key), f"unknown key '{key}' for a rule that extends {self.kind}"
                )
        self.message = str(data.get("message", "") or "")
        self.description = str(data.get("description", "") or "")
        self.link = str(data.get("link", "") or "")
        level = data.get("level", "suggestion")
        if level not in LEVELS:
            raise ValeError(
                path, self.line("level"), f"'level' must be one of {', '.join(LEVELS)}, got {level!r}"
            )
        self.level = level
        scope = data.get("scope", list(self.default_scope))
        if isinstance(scope, str):
            scope = [scope]
        if not isinstance(scope, list) or not all(isinstance(s, str) for s in scope):
            raise ValeError(path, self.line("scope"), "'scope' must be a string or a list of strings")
        self.scope = tuple(s.strip() for s in scope)
        action = data.get("action") or {}
        self.action_name = str(action.get("name", "") or "") if isinstance(action, dict) else ""
        params = action.get("params", []) if isinstance(action, dict) else []
        self.action_params = [str(p) for p in params] if isinstance(params, list) else []
        self.ctx = ctx

    # -- helpers -------------------------------------------------------------------------------------
    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def opt(self, key: str, default=None, types=None):
        value = self.data.get(key, default)
        if value is None:
            return default
        if types is not None and not isinstance(value, types):
            names = types.__name__ if isinstance(types, type) else "/".join(t.__name__ for t in types)
            raise ValeError(self.path, self.line(key), f"'{key}' must be a {names}, got {value!r}")
        return value

    def str_list(self, key: str) -> list[str]:
        value = self.data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValeError(self.path, self.line(key), f"'{key}' must be a list of strings")
        return [str(v) for v in value if v is not None]

    def compile(self, pattern: str, key: str, *, ignorecase: bool = False):
        return compile_vale(pattern, self.path, self.line(key), ignorecase=ignorecase)

    def alert_message(self, match: str) -> str:
        """Vale's ``makeAlert`` message: the match, and with an action also the replacement."""
        if self.action_name:
            repl = match
            fixed = self.fixes(match)
            if len(fixed) == 1:
                repl = fixed[0]
            elif len(fixed) > 1:
                repl = to_sentence(fixed, "or")
            return format_message(self.message, match, repl)
        return format_message(self.message, match)

    def fixes(self, match: str) -> list[str]:
        name, params = self.action_name, self.action_params
        if name == "replace":
            return list(params)
        if name == "remove":
            return [""]
        if name == "edit" and params:
            op = params[0]
            if op == "truncate" and len(params) > 1:
                return [match.split(params[1])[0]]
            if op == "regex" and len(params) > 2:
                try:
                    return [re.sub(params[1], params[2], match)]
                except re.error:
                    return []
            if op == "trim" and len(params) > 1:
                return [match.strip(params[1])]
            if op == "trim_left" and len(params) > 1:
                return [match.lstrip(params[1])]
            if op == "trim_right" and len(params) > 1:
                return [match.rstrip(params[1])]
            if op == "split" and len(params) > 2:
                parts = match.split(params[1])
                idx = int(params[2]) if params[2].isdigit() else 0
                return [parts[idx]] if idx < len(parts) else []
        return []

    def exceptions_regex(self, exceptions: list[str], vocab: bool):
        """Vale's exception test: a match containing an exception (or an accepted vocabulary term) as a
        whole word is skipped. Terms are case-sensitive unless they start with ``(?i)``."""
        terms = [t for t in list(exceptions) + (list(self.ctx.accepted) if vocab else []) if t]
        if not terms:
            return None
        terms.sort(key=len, reverse=True)
        parts = [f"(?i:{t[4:]})" if t.startswith("(?i)") else f"(?-i:{t})" for t in terms]
        return self.compile(r"(?m)\b(?:" + "|".join(parts) + r")\b", "exceptions")

    def run(self, block, state: dict) -> list[Alert]:  # pragma: no cover - interface
        raise NotImplementedError

    def run_document(self, blocks, state: dict) -> list[tuple[object, Alert]]:  # pragma: no cover - interface
        raise NotImplementedError


def word_regex(template: str, body: str, *, ignorecase: bool, nonword: bool) -> str:
    """Vale's ``makeRegexp``: word boundaries (or the config's ``WordTemplate``) around ``body``."""
    if nonword:
        regex = f"(?m)(?:{body})"
    else:
        regex = template.replace("%s", body) if template else f"(?m)\\b(?:{body})\\b"
    return ("(?i)" if ignorecase else "") + regex
