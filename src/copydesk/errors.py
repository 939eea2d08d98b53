"""Error classes of the user-facing mistakes, in a leaf module every layer may import."""

from __future__ import annotations


class RuleError(Exception):
    """A rule or config problem, reported as ``file:line: message`` with exit code 2."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class ConfigError(RuleError):
    """A problem in a configuration file or a configuration option."""


class KindError(ValueError):
    """A problem in a rule's options, pointing at the offending key."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
