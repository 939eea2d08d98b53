"""The results model shared by the engine and every reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at an exact place. Columns are 1-based code points; ``end_column`` is exclusive."""

    path: str
    line: int
    column: int
    rule: str
    end_line: int = 0
    end_column: int = 0
    severity: str = "warning"
    message: str = ""
    offset: int = field(default=0, compare=False)
    end_offset: int = field(default=0, compare=False)
    link: str = field(default="", compare=False)
    #: A safe correction for this finding, if the rule has one (source offsets).
    fix: Edit | None = field(default=None, compare=False)

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


@dataclass
class FileResult:
    """Everything the reporters need about one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: File-level problems that stopped or limited linting (unreadable, binary, bad encoding...).
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: The decoded source text (for context lines and column conversions); None when unreadable.
    text: str | None = None
    #: Readability metrics for ``copydesk stats``.
    metrics: dict | None = None


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    #: Run-level errors (internal errors in rules, configuration notes).
    errors: list[str] = field(default_factory=list)
    #: Files named explicitly that the config's ``exclude`` skipped.
    excluded: list[str] = field(default_factory=list)
    #: Run-level notices (files skipped by the folder walk, a cache folder not used), each naming its path.
    run_notices: list[str] = field(default_factory=list)

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
