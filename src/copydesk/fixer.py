"""``--fix`` and ``--diff``: apply the safe edits that findings carry.

A rule's finding may carry one ``Edit`` (source code-point offsets). Fixing a draft:

1. takes the edits of its findings, drops any that touch protected text (code, front matter, URLs,
   template syntax, HTML tags and comments, direct quotations and block quotes), sorts them by position
   and keeps the first of any that overlap (ties: the shorter edit, then the rule id), so the result never
   depends on the order rules ran in;
2. applies them, checks the new text again and repeats (``the the the`` needs two rounds) until nothing
   changes or ``MAX_ROUNDS`` is reached, so one run leaves a draft that a second run does not change;
3. writes the file atomically (a temporary file in the same folder, then a rename) with its mode kept,
   and only when it is valid UTF-8 (a file read with a fallback encoding is never rewritten).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Edit

MAX_ROUNDS = 5
#: Masked ranges of the document model that edits never touch.
PROTECTED_KINDS = ("code", "code_span", "url", "template", "frontmatter", "html", "html_block", "comment")
# A direct quotation: straight or curly double quotes around text within one paragraph.
_QUOTED = re.compile(r"\"[^\"\n]*(?:\n(?![ \t]*\n)[^\"\n]*)*\"|“[^”]*?”", re.S)


@dataclass
class FixOutcome:
    path: str
    original: str
    fixed: str
    #: Number of edits applied over all rounds.
    applied: int = 0
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def protected_ranges(doc, kinds=PROTECTED_KINDS) -> list[tuple[int, int]]:
    """Source ranges no fix may touch."""
    out = [(s, e) for s, e, kind in doc.masked if kind in kinds]
    if doc.frontmatter_range:
        out.append(tuple(doc.frontmatter_range[:2]))
    for b in doc.blocks:
        if b.scope.startswith(("blockquote", "frontmatter", "code", "html_block")):
            out.append(b.source_extent)
    text = doc.text
    for m in _QUOTED.finditer(text):
        if m.end() - m.start() <= 2000:
            out.append((m.start(), m.end()))
    out.sort()
    return out


def _touches(edit: Edit, ranges) -> bool:
    if edit.start == edit.end:  # an insertion touches a range it falls inside
        return any(s < edit.start < e for s, e in ranges)
    return any(s < edit.end and edit.start < e for s, e in ranges)


#: What a markup rule's edit may touch: its own subject, the HTML tags, but never code or templates.
MARKUP_PROTECTED_KINDS = tuple(k for k in PROTECTED_KINDS if k not in ("html", "html_block"))


def plan(diagnostics: list[Diagnostic], doc, markup_rules: frozenset = frozenset()) -> list[Edit]:
    """The edits to apply, sorted, non-overlapping and outside protected text. Edits of
    ``markup_rules`` (rules that repair tags and entities) may touch HTML; no other edit may."""
    candidates = sorted(
        {(d.fix.start, d.fix.end - d.fix.start, d.rule, d.fix) for d in diagnostics if d.fix is not None}
    )
    prose_ranges = protected_ranges(doc)
    markup_ranges = [(s, e) for s, e, kind in doc.masked if kind in MARKUP_PROTECTED_KINDS] + (
        [tuple(doc.frontmatter_range[:2])] if doc.frontmatter_range else []
    )
    out: list[Edit] = []
    seen: set[Edit] = set()
    for _start, _len, rule, edit in candidates:
        if edit in seen:  # the same edit from two rules
            continue
        if out and edit.start < out[-1].end or (out and edit.start == out[-1].start):
            continue  # overlaps an edit already kept: the earlier (then shorter) one wins
        if _touches(edit, markup_ranges if rule in markup_rules else prose_ranges):
            continue
        seen.add(edit)
        out.append(edit)
    return out


def apply(text: str, edits: list[Edit]) -> str:
    parts = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def _counts(diagnostics) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in diagnostics:
        out[d.rule] = out.get(d.rule, 0) + 1
    return out


def _no_worse(after: dict[str, int], before: dict[str, int]) -> bool:
    return all(n <= before.get(rule, 0) for rule, n in after.items())


def fix_text(text: str, path: str, linter) -> FixOutcome:
    """Fix one draft's text with ``linter`` until it is stable (in memory).

    Each round is checked again: when the edits together would add a finding of any rule (``< b >`` made
    ``<b>`` with no ``</b>`` to close it), they are tried one at a time and only those that add none are
    kept, so fixing never makes a draft worse.
    """
    from .parsers import parse
    from .source import from_text

    outcome = FixOutcome(path, text, text)
    current = text
    markup_rules = frozenset(r.id for r in linter.rules if r.kind == "markup")

    def lint(t: str):
        source = from_text(t, path)
        result, _facts = linter.lint_source(source)
        return source, result

    source, result = lint(current)
    for _ in range(MAX_ROUNDS):
        if result.errors:
            outcome.notices.append(f"{path}: not fixed further: {result.errors[0]}")
            break
        edits = plan(result.diagnostics, parse(source), markup_rules)
        if not edits:
            break
        before = _counts(result.diagnostics)
        candidate = apply(current, edits)
        new_source, new_result = lint(candidate)
        if not new_result.errors and _no_worse(_counts(new_result.diagnostics), before):
            current, source, result = candidate, new_source, new_result
            outcome.applied += len(edits)
            continue
        kept = []
        for edit in edits:
            trial = apply(current, [*kept, edit])
            _s, r = lint(trial)
            if not r.errors and _no_worse(_counts(r.diagnostics), before):
                kept.append(edit)
        if not kept:
            break
        current = apply(current, kept)
        outcome.applied += len(kept)
        source, result = lint(current)
    outcome.fixed = current
    return outcome


def read_fixable(path: str) -> tuple[str, bytes] | None:
    """The file's text when it may be rewritten: a regular UTF-8 file (a leading BOM is kept aside)."""
    p = Path(path)
    try:
        if not p.is_file():
            return None
        data = p.read_bytes()
    except OSError:
        return None
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        return data[len(bom) :].decode("utf-8"), bom
    except UnicodeDecodeError:
        return None


def write_keeping_mode(path: str, text: str, bom: bytes = b"") -> None:
    """Replace the file atomically with ``text``; its permission bits are kept and a symlink is followed
    (the link stays a link)."""
    from .fsutil import atomic_write

    # The real file, so a symlink stays a link; atomic_write keeps the replaced file's mode and removes its
    # exclusively created temporary file on any error.
    atomic_write(Path(os.path.realpath(path)), bom + text.encode("utf-8", "surrogatepass"))


def unified_diff(outcome: FixOutcome) -> str:
    a = outcome.original.splitlines(keepends=True)
    b = outcome.fixed.splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_files(report, linter, *, write: bool, skip: frozenset = frozenset()) -> list[FixOutcome]:
    """Fix every file of ``report`` that has a finding with an edit. With ``write`` the files are
    rewritten; otherwise only the outcomes (for ``--diff``) are returned."""
    outcomes = []
    for fr in report.files:
        if fr.path in skip or fr.errors or not any(d.fix is not None for d in fr.diagnostics):
            continue
        read = read_fixable(fr.path)
        if read is None:
            outcomes.append(
                FixOutcome(fr.path, "", "", notices=[f"{fr.path}: not fixed: not a regular UTF-8 file"])
            )
            continue
        text, bom = read
        outcome = fix_text(text, fr.path, linter)
        if write and outcome.changed:
            try:
                write_keeping_mode(fr.path, outcome.fixed, bom)
            except OSError as exc:
                outcome.notices.append(f"{fr.path}: not fixed: cannot write ({exc.strerror or exc})")
                outcome.fixed = outcome.original
        outcomes.append(outcome)
    return outcomes
