"""``copydesk stats``: readability metrics per file and overall, from the same counts the rules use."""

from __future__ import annotations

import json
import sys

from .analysis.shared import Analysis
from .diagnostics import FileResult
from .engine import parse_document
from .files import discover
from .source import BinaryFileError, SourceError, decode, read_source, read_stream

COLUMNS = (
    ("words", "words", "{:.0f}"),
    ("sentences", "sent", "{:.0f}"),
    ("flesch_reading_ease", "FRE", "{:.1f}"),
    ("flesch_kincaid_grade", "FK", "{:.1f}"),
    ("gunning_fog", "fog", "{:.1f}"),
    ("smog_index", "SMOG", "{:.1f}"),
    ("coleman_liau_index", "CLI", "{:.1f}"),
    ("automated_readability_index", "ARI", "{:.1f}"),
)


def document_counts(doc):
    """The counts of a draft's body prose (the same blocks, through the same shared analysis, that the
    readability rules judge)."""
    return Analysis(doc).body_counts


def collect_stats(paths: list[str], config, *, stdin_filename: str | None = None):
    """Rows of ``(path, metrics)`` (the last row is the overall total) and error messages."""
    from .analysis.readability import TextCounts, metrics

    names = [p for p in paths if p != "-"]
    pairs, errors = discover(names, include=config.include, exclude=config.exclude)
    sources = []
    if "-" in paths:
        try:
            name = stdin_filename or "stdin.md"
            text, _ = decode(read_stream(sys.stdin.buffer, name, config.max_file_size), name)
            from .source import from_text

            sources.append(from_text(text, stdin_filename or "stdin.md"))
        except SourceError as exc:
            errors.append(str(exc))
    rows = []
    overall = TextCounts()
    for fs, shown in pairs:
        try:
            sources.append(read_source(fs, display_path=shown, limit=config.max_file_size))
        except BinaryFileError:
            continue  # not a draft: skipped, as check does
        except SourceError as exc:
            errors.append(str(exc))
    for src in sources:
        # The same parse as `check`: under the time limit, and read as plain text when its parser fails.
        result = FileResult(src.path)
        doc = parse_document(src, result)
        errors.extend(f"{src.path}: {e}" for e in result.errors)
        if doc is None:
            continue
        counts = document_counts(doc) or TextCounts()
        overall = overall + counts
        rows.append((src.path, _rounded(metrics(counts))))
    if len(rows) > 1:
        rows.append(("(all files)", _rounded(metrics(overall))))
    return rows, errors


_COUNT_KEYS = frozenset(
    "words sentences syllables letters chars tokens polysyllables complex_words long_words".split()
)


def _rounded(m: dict) -> dict:
    return {k: (int(v) if k in _COUNT_KEYS else round(v, 2)) for k, v in m.items()}


def render_stats(rows, fmt: str) -> str:
    if fmt == "json":
        files = [{"path": p, "metrics": m} for p, m in rows if p != "(all files)"]
        data = {"version": 1, "files": files}
        overall = [m for p, m in rows if p == "(all files)"]
        if overall:
            data["overall"] = overall[0]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not rows:
        return "No drafts found.\n"
    width = max(len("file"), *(len(p) for p, _ in rows))
    head = "file".ljust(width) + "".join(f"  {label:>6}" for _, label, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for path, m in rows:
        cells = "".join(f"  {fmt_.format(m.get(key, 0)):>6}" for key, _, fmt_ in COLUMNS)
        lines.append(path.ljust(width) + cells)
    lines.append("")
    lines.append("FRE Flesch reading ease (higher is easier), FK Flesch-Kincaid grade, fog Gunning fog,")
    lines.append("SMOG SMOG index, CLI Coleman-Liau index, ARI automated readability index (grade levels).")
    return "\n".join(lines) + "\n"
