"""``copydesk test-packs DIR``: run every example of every rule in a folder of packs (or one pack folder).

A ``fail`` example must produce at least one finding of its rule, a ``pass`` example none. Each failure
is reported as ``file:line: rule: what went wrong`` with the line of the example in the rule file; a rule
file that does not load is reported the same way (the loader's file:line message).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .rules import RULE_SUFFIXES, RuleError, load_rule_file


@dataclass
class PackTestResult:
    rules: int = 0
    examples: int = 0
    failures: list[str] = None  # type: ignore[assignment]
    errors: list[str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.failures = [] if self.failures is None else self.failures
        self.errors = [] if self.errors is None else self.errors


def _rule_files(folder: Path) -> list[tuple[str, Path]]:
    """(pack name, rule file) for a pack folder, or for every pack folder inside ``folder``."""
    direct = sorted(f for f in folder.iterdir() if f.suffix in RULE_SUFFIXES and f.is_file())
    if direct:
        return [(folder.name, f) for f in direct]
    out = []
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and not sub.name.startswith((".", "_")):
            out.extend(
                (sub.name, f) for f in sorted(sub.iterdir()) if f.suffix in RULE_SUFFIXES and f.is_file()
            )
    return out


def example_lines(text: str) -> dict[tuple[str, int], int]:
    """Line of each example in a rule file: (``fail`` or ``pass``, index) -> 1-based line."""
    import yaml

    out: dict[tuple[str, int], int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if getattr(key, "value", None) == "examples" and isinstance(value, yaml.MappingNode):
            for k, seq in value.value:
                if isinstance(seq, yaml.SequenceNode):
                    for i, item in enumerate(seq.value):
                        out[(k.value, i)] = item.start_mark.line + 1
    return out


def _short(example) -> str:
    text = example.get("text", "") if isinstance(example, dict) else str(example)
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 60 else flat[:59] + "…"


def run_pack_tests(folder: str) -> PackTestResult:
    from .examples import run_example

    result = PackTestResult()
    path = Path(folder)
    if not path.is_dir():
        result.errors.append(f"{folder}: not a folder")
        return result
    files = _rule_files(path)
    if not files:
        result.errors.append(f"{folder}: no rule files (.yml) in it or in its pack folders")
    for pack, f in files:
        try:
            rule = load_rule_file(f, pack)
        except RuleError as exc:
            result.errors.append(str(exc))
            continue
        result.rules += 1
        try:
            lines = example_lines(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            lines = {}
        if not rule.examples.get("fail"):
            result.failures.append(
                f"{f}:{rule.line}: {rule.id}: no fail example (each rule shows what it flags)"
            )
        for kind in ("fail", "pass"):
            for i, ex in enumerate(rule.examples.get(kind, []) or []):
                result.examples += 1
                where = f"{f}:{lines.get((kind, i), rule.line)}"
                try:
                    diags = run_example(rule, ex)
                except Exception as exc:  # a rule that crashes on its own example is a failure too
                    result.failures.append(
                        f"{where}: {rule.id}: {kind} example crashed: {type(exc).__name__}: {exc}"
                    )
                    continue
                if kind == "fail" and not diags:
                    result.failures.append(f"{where}: {rule.id}: fail example is not flagged: {_short(ex)!r}")
                elif kind == "pass" and diags:
                    d = diags[0]
                    result.failures.append(
                        f"{where}: {rule.id}: pass example is flagged at {d.line}:{d.column}: {d.message}"
                    )
    return result
