"""Reporters: each output format is one module with ``render(report, options) -> str``.

Reporters are pure functions of the same ``Report``. Column conventions differ per format (SARIF counts
UTF-16 code units, reviewdog UTF-8 bytes, humans and JSON code points); conversions happen here, never in
rules.
"""

from __future__ import annotations

import importlib

from ..diagnostics import ValueRecord
from ..fsutil import package_modules


class RenderOptions(ValueRecord):
    """How a report is rendered. (A plain class: ``dataclasses.dataclass`` compiles the source of its
    methods on every start.)"""

    FIELDS = ("color", "version", "rules")

    def __init__(self, color: bool = False, version: str = "", rules: dict | None = None) -> None:
        self.color = color
        self.version = version
        #: Rule metadata by id (description, link, level) for formats that describe rules.
        self.rules = rules


def formats() -> list[str]:
    return sorted(name for name in package_modules(__path__) if not name.startswith("_"))


#: Formats written file by file as files finish (``render_file`` per file, then ``render_end``). They are
#: line formats whose lines stand alone. The others cannot stream: JSON, SARIF, checkstyle, JUnit, rdjson and
#: GitLab's code-quality report are one document each, whose structure (per-file entries, counts, the
#: closing of the document) is known only when every file, cross-file findings included, is done.
STREAMING = ("concise", "github", "text")


def streams(fmt: str) -> bool:
    """Whether ``fmt`` can be written file by file."""
    return fmt in STREAMING


def render_file(fmt: str, file_result, options: RenderOptions | None = None) -> str:
    """One file's part of a streaming format's report."""
    if fmt not in STREAMING:
        raise ValueError(f"format {fmt!r} cannot be written file by file")
    mod = importlib.import_module(f"{__name__}.{fmt}")
    return mod.render_file(file_result, options or RenderOptions())


def render_end(fmt: str, report, options: RenderOptions | None = None) -> str:
    """What a streaming format writes after the last file (run errors, notices, a summary)."""
    if fmt not in STREAMING:
        raise ValueError(f"format {fmt!r} cannot be written file by file")
    mod = importlib.import_module(f"{__name__}.{fmt}")
    return mod.render_end(report, options or RenderOptions())


def render(fmt: str, report, options: RenderOptions | None = None) -> str:
    if fmt not in formats():
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(formats())})")
    mod = importlib.import_module(f"{__name__}.{fmt}")
    return mod.render(report, options or RenderOptions())
