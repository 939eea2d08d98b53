"""Running a rule's own ``examples`` (the docs are the tests).

An example is a string (linted as Markdown, ``example.md``) or a mapping with ``text`` and ``path`` (the
path's extension picks the format), or ``files`` (name -> text) for cross-file rules.
"""

from __future__ import annotations

from .config import Config
from .diagnostics import Diagnostic
from .engine import Linter
from .source import from_text


def run_example(rule, example) -> list[Diagnostic]:
    """Diagnostics of ``rule`` alone on one example."""
    linter = Linter(Config(min_level="suggestion"), rules=[rule])
    if isinstance(example, dict) and "files" in example:
        results = [
            linter.lint_source(from_text(text, name), collect=True)
            for name, text in sorted(example["files"].items())
        ]
        errors = linter.finalize(results)
        if errors:
            raise RuntimeError("; ".join(errors))
        return [d for fr, _ in results for d in fr.diagnostics if d.rule == rule.id]
    if isinstance(example, dict):
        text, path = example.get("text", ""), example.get("path", "example.md")
    else:
        text, path = str(example), "example.md"
    result, _ = linter.lint_source(from_text(text, path))
    return [d for d in result.diagnostics if d.rule == rule.id]
