"""The results model shared by the engine and every reporter."""

from __future__ import annotations

from typing import NamedTuple

LEVELS = ("suggestion", "warning", "error")
LEVEL_RANK = {name: i for i, name in enumerate(LEVELS)}


class Edit(NamedTuple):
    """One safe correction: replace the source characters ``[start, end)`` with ``replacement``.

    Offsets are code-point offsets into the decoded source text (the same as a finding's span), so a fixer
    applies edits without re-parsing and reporters can show them as suggestions.
    """

    start: int
    end: int
    replacement: str


class Finding(NamedTuple):
    """What a rule kind yields: a source span and the arguments for the rule's message.

    ``message`` replaces the rule's message template when a kind builds its own text; ``fix`` is an
    optional safe edit (the ground for ``--fix``).
    """

    start: int
    end: int
    args: tuple = ()
    message: str | None = None
    level: str | None = None
    fix: Edit | None = None


# The three classes below are written out rather than made by ``dataclasses.dataclass``: it generates and
# compiles their methods' source text on every start (about 2% of a one-draft run for these three). They
# behave as the dataclasses they were: the same constructor, equality, ordering, hash and ``repr``.

_NEW_LIST: list = []  # (a default standing for "a new empty list"; never used as a value)


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class Diagnostic:
    """One problem at an exact place. Columns are 1-based code points; ``end_column`` is exclusive.

    Immutable; compared, ordered and hashed by (path, line, column, rule, end_line, end_column, severity,
    message): ``offset``, ``end_offset``, ``link`` and ``fix`` are left out."""

    path: str
    line: int
    column: int
    rule: str
    end_line: int
    end_column: int
    severity: str
    message: str
    offset: int
    end_offset: int
    link: str
    #: A safe correction for this finding, if the rule has one (source offsets).
    fix: Edit | None

    FIELDS = "path line column rule end_line end_column severity message offset end_offset link fix".split()

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        rule: str,
        end_line: int = 0,
        end_column: int = 0,
        severity: str = "warning",
        message: str = "",
        offset: int = 0,
        end_offset: int = 0,
        link: str = "",
        fix: Edit | None = None,
    ) -> None:
        self.__dict__.update(
            path=path,
            line=line,
            column=column,
            rule=rule,
            end_line=end_line,
            end_column=end_column,
            severity=severity,
            message=message,
            offset=offset,
            end_offset=end_offset,
            link=link,
            fix=fix,
        )

    def __setattr__(self, name: str, value) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")

    def _key(self) -> tuple:
        return (
            self.path,
            self.line,
            self.column,
            self.rule,
            self.end_line,
            self.end_column,
            self.severity,
            self.message,
        )

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return self._key() >= other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return _repr(self)

    def to_dict(self) -> dict:
        # Plain fields read directly (``dataclasses.asdict`` deep-copies every field, the edit included).
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "link": self.link,
        }


def _repr(record) -> str:
    fields = ", ".join(
        f"{name}={getattr(record, name)!r}" for name in getattr(record, "_SHOWN", record.FIELDS)
    )
    return f"{record.__class__.__qualname__}({fields})"


class ValueRecord:
    """A mutable record compared by value: equal when of the same class with equal ``FIELDS``, unhashable,
    shown as ``Name(field=value, ...)`` (``_SHOWN`` when only some fields are shown). The behaviour
    ``dataclasses.dataclass`` gave these records, without compiling methods at every start."""

    FIELDS: tuple[str, ...] | list[str] = ()

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return all(getattr(self, n) == getattr(other, n) for n in self.FIELDS)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return _repr(self)


class FileResult(ValueRecord):
    """Everything the reporters need about one file."""

    path: str
    diagnostics: list[Diagnostic]
    #: File-level problems that stopped or limited linting (unreadable, binary, bad encoding...).
    errors: list[str]
    notices: list[str]
    #: The decoded source text (for context lines and column conversions); None when unreadable.
    text: str | None
    #: Readability metrics for ``copydesk stats``.
    metrics: dict | None

    FIELDS = ("path", "diagnostics", "errors", "notices", "text", "metrics")

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] = _NEW_LIST,
        errors: list[str] = _NEW_LIST,
        notices: list[str] = _NEW_LIST,
        text: str | None = None,
        metrics: dict | None = None,
    ) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is _NEW_LIST else diagnostics
        self.errors = [] if errors is _NEW_LIST else errors
        self.notices = [] if notices is _NEW_LIST else notices
        self.text = text
        self.metrics = metrics


class Report(ValueRecord):
    """A run's results: each file's, and what concerns the run as a whole."""

    files: list[FileResult]
    #: Run-level errors (internal errors in rules, configuration notes).
    errors: list[str]
    #: Files named explicitly that the config's ``exclude`` skipped.
    excluded: list[str]
    #: Run-level notices (files skipped by the folder walk, a cache folder not used), each naming its path.
    run_notices: list[str]

    FIELDS = ("files", "errors", "excluded", "run_notices")

    def __init__(
        self,
        files: list[FileResult] = _NEW_LIST,
        errors: list[str] = _NEW_LIST,
        excluded: list[str] = _NEW_LIST,
        run_notices: list[str] = _NEW_LIST,
    ) -> None:
        self.files = [] if files is _NEW_LIST else files
        self.errors = [] if errors is _NEW_LIST else errors
        self.excluded = [] if excluded is _NEW_LIST else excluded
        self.run_notices = [] if run_notices is _NEW_LIST else run_notices

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out = [d for f in self.files for d in f.diagnostics]
        out.sort(key=sort_key)
        return out

    def notices(self) -> list[str]:
        """Every file's notices (how it was read or understood), each naming its file."""
        out = list(self.run_notices)
        for f in self.files:
            for n in f.notices:
                out.append(n if n.startswith(f"{f.path}: ") else f"{f.path}: {n}")
        return out

    def by_severity(self) -> dict[str, int]:
        counts = {level: 0 for level in reversed(LEVELS)}
        for f in self.files:
            for d in f.diagnostics:
                counts[d.severity] = counts.get(d.severity, 0) + 1
        return counts


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column, d.rule, d.end_line, d.end_column, d.message)


class Located(NamedTuple):
    """A finding from a cross-file rule, already placed by line and column (the file is not re-read)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    args: tuple = ()
    message: str | None = None
