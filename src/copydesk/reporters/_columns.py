"""Locations for the CI formats: columns in each format's unit, repository-relative paths, stable fingerprints.

A ``Diagnostic`` counts columns in code points, 1-based, with ``end_column`` exclusive. SARIF counts UTF-16
code units and reviewdog counts UTF-8 bytes; ``Lines`` turns one into the other using the line's own text
(``FileResult.text``). Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as in the document model. A column past
the end of its line (a span that runs up to the line break) counts each missing character as one unit.

Links: a diagnostic's link is already resolved by the engine (see ``copydesk.links``): an absolute URL or
nothing. Formats that want a URL use it when there is one and leave the field out otherwise.

Fingerprints identify a finding independently of where it sits, so that code-scanning alerts and GitLab
code-quality issues survive edits elsewhere in the file: they hash the rule id, the path, the flagged text
(whitespace collapsed) and how many earlier findings of the same rule flagged the same text in that file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from typing import NamedTuple

from ..diagnostics import Diagnostic

#: Used when the installed package metadata names no home page (``[project.urls]`` in pyproject.toml).
PROJECT_URL = "https://github.com/copydesk/copydesk"

_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s+")


class Span(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def single_line(self) -> bool:
        return self.line == self.end_line


def span_of(d: Diagnostic) -> Span:
    """The diagnostic's span with defaults filled in: a missing end is a zero-width span at the start."""
    line = max(1, d.line)
    column = max(1, d.column)
    end_line = d.end_line if d.end_line >= line else line
    end_column = d.end_column if d.end_column > 0 else column
    if end_line == line and end_column < column:
        end_column = column
    return Span(line, column, end_line, end_column)


def utf16_len(s: str) -> int:
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


class Lines:
    """A file's text split into lines once, for column conversions and for reading a span's text."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        if text is None:
            self.lines: list[str] = []
            self.starts: list[int] = []
        else:
            self.lines = _BREAK.split(text)
            self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def line(self, number: int) -> str | None:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return None

    def _convert(self, line: int, column: int, measure) -> int:
        text = self.line(line)
        if text is None:  # no source text (unreadable file): nothing to convert with
            return column
        prefix = text[: column - 1]
        return 1 + measure(prefix) + max(0, column - 1 - len(text))

    def utf16(self, line: int, column: int) -> int:
        """1-based UTF-16 code-unit column of a 1-based code-point column."""
        return self._convert(line, column, utf16_len)

    def utf8(self, line: int, column: int) -> int:
        """1-based UTF-8 byte column of a 1-based code-point column."""
        return self._convert(line, column, utf8_len)

    def offset(self, line: int, column: int) -> int | None:
        """Code-point offset into the whole text, or None when the line does not exist."""
        text = self.line(line)
        if text is None:
            return None
        return self.starts[line - 1] + min(max(column - 1, 0), len(text))

    def span_text(self, span: Span) -> str | None:
        start = self.offset(span.line, span.column)
        end = self.offset(span.end_line, span.end_column)
        if start is None or end is None or self.text is None:
            return None
        return self.text[start : max(start, end)]


def _identity_text(d: Diagnostic, lines: Lines) -> str:
    """What a finding is about, in words: the flagged text, else its line, else its message."""
    span = span_of(d)
    text = lines.span_text(span)
    if text is not None:
        flat = _SPACE.sub(" ", text).strip()
        if flat:
            return "span:" + flat
        line = lines.line(span.line) or ""
        flat = _SPACE.sub(" ", line).strip()
        if flat:
            return "line:" + flat
    return "message:" + d.message


def fingerprints(path: str, diagnostics: list[Diagnostic], lines: Lines) -> list[str]:
    """One stable fingerprint per diagnostic; ``diagnostics`` must be one file's, in position order."""
    seen: Counter = Counter()
    out = []
    for d in diagnostics:
        what = _identity_text(d, lines)
        occurrence = seen[(d.rule, what)]
        seen[(d.rule, what)] += 1
        data = "\0".join((d.rule, path, what, str(occurrence)))
        out.append(hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


def artifact_path(path: str, root: str | None = None) -> str:
    """The path as CI services want it: relative to the repository root, with forward slashes.

    The root is ``root``, else ``$GITHUB_WORKSPACE`` or ``$CI_PROJECT_DIR`` when set, else the current folder.
    Relative paths are taken from the current folder, so a run from a subfolder of the root gets that prefix.
    Paths outside the root are left as they are.
    """
    root = root or os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or None
    out = path
    try:
        if os.path.isabs(path):
            base = os.path.realpath(root or os.getcwd())
            rel = os.path.relpath(os.path.realpath(path), base)
            if rel != ".." and not rel.startswith(".." + os.sep):
                out = rel
        elif root:
            here = os.path.relpath(os.path.realpath(os.getcwd()), os.path.realpath(root))
            if here != "." and here != ".." and not here.startswith(".." + os.sep):
                out = os.path.normpath(os.path.join(here, path))
    except ValueError:  # another drive on Windows
        out = path
    if os.sep != "/":
        out = out.replace(os.sep, "/")
    out = re.sub(r"/{2,}", "/", out)
    while out.startswith("./"):
        out = out[2:]
    return out


def project_url() -> str:
    """The copydesk home page: ``Homepage`` (or ``Repository``, ``Source``) from the package metadata."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("copydesk")
    except (ImportError, PackageNotFoundError):  # pragma: no cover - running from a bare source tree
        return PROJECT_URL
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in ("homepage", "repository", "source", "source code"):
        if urls.get(label, "").startswith(("http://", "https://")):
            return urls[label].rstrip("/")
    home = meta.get("Home-page") or ""
    return home.rstrip("/") if home.startswith(("http://", "https://")) else PROJECT_URL


def absolute_link(link: str, home: str | None = None) -> str:
    """An absolute URL for a rule link: as it is when absolute; a relative one against ``home`` when given;
    else "" (no placeholder host ever reaches a report)."""
    link = (link or "").strip()
    if not link:
        return ""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", link):
        return link
    if not home:
        return ""
    return f"{home.rstrip('/')}/blob/main/{link.lstrip('/')}"
