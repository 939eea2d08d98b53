"""The engine: rules from packs and config, run over documents, turned into sorted, suppressed diagnostics.

Rules yield plain ``Finding``s (source offsets and message arguments); the engine attaches the rule id,
severity and link, converts offsets to line and column, applies inline suppressions and the level filter,
de-duplicates and sorts, all in one place.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigError
from .diagnostics import LEVEL_RANK, LEVELS, Diagnostic, FileResult, Finding, sort_key
from .document import Document, parse
from .rules import Rule, RuleError, builtin_packs_dir, discover_packs, load_pack
from .source import Source
from .suppress import parse_suppressions


@dataclass
class LintContext:
    """What a rule kind may use besides the document: settings and a per-document cache."""

    config: Config
    cache: dict = field(default_factory=dict)
    #: Every rule of the run (kinds that share one analysis across rules read their siblings here).
    rules: list = field(default_factory=list)

    @property
    def audience(self) -> str:
        return self.config.audience


def _outside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return False
    except ValueError:
        return True


def load_rules(config: Config, *, extra_pack_dirs: list[str] | None = None) -> list[Rule]:
    """Every enabled rule, with config overrides applied, in a stable order."""
    root = Path(config.root)
    dirs = [builtin_packs_dir()]
    for d in config.pack_dirs():
        if not d.is_dir():
            raise ConfigError(config.source, 1, f"packs_path entry '{d}' is not a folder")
        if config.source != "<defaults>" and _outside(d, root) and not config.allow_outside_packs:
            raise ConfigError(
                config.source,
                1,
                f"packs_path entry '{d}' is outside the project folder {root}; set allow_outside_packs: true "
                "to load it",
            )
        dirs.append(d)
    for d in extra_pack_dirs or []:
        p = Path(d)
        if not p.is_dir():
            raise ConfigError("--packs-path", 1, f"'{d}' is not a folder")
        dirs.append(p.resolve())
    available = discover_packs(dirs)
    wanted = config.packs if config.packs is not None else sorted(available)
    for name in wanted:
        if name not in available:
            raise ConfigError(
                config.source, 1, f"packs: unknown pack '{name}' (available: {', '.join(sorted(available)) or 'none'})"
            )
    rules: list[Rule] = []
    for name in wanted:
        rules.extend(load_pack(name, available[name]))
    known_ids = {r.id for r in rules} | {r.pack for r in rules}
    all_available = set(available)
    for rid in config.rules:
        pack = rid.split(".", 1)[0]
        if rid in known_ids or rid in all_available or (pack in all_available and pack not in wanted):
            continue
        if True:
            raise ConfigError(config.source, config.rule_lines.get(rid, 1), f"rules: unknown rule '{rid}'")
    out = []
    for rule in rules:
        setting = config.rules.get(rule.id, config.rules.get(rule.pack))
        if setting is None or setting is True or setting == "on":
            out.append(rule)
            continue
        if setting is False or setting == "off":
            continue
        if isinstance(setting, str):
            setting = {"level": setting}
        setting = dict(setting)
        enabled = setting.pop("enabled", True)
        if enabled is False or enabled == "off":
            continue
        if setting:
            line = config.rule_lines.get(rule.id, config.rule_lines.get(rule.pack, 1))
            try:
                rule = rule.with_overrides(setting, config.source, line)
            except RuleError as exc:
                raise ConfigError(config.source, line, f"rules.{rule.id}: {exc.message}") from None
        out.append(rule)
    return out


class Linter:
    """A compiled rule set; cheap to reuse for many files."""

    def __init__(self, config: Config | None = None, *, rules: list[Rule] | None = None, extra_pack_dirs=None) -> None:
        self.config = config or Config()
        self.rules = rules if rules is not None else load_rules(self.config, extra_pack_dirs=extra_pack_dirs)
        self.min_rank = LEVEL_RANK[self.config.min_level]

    @property
    def cross_file_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.checker is not None and r.checker.cross_file]

    def lint_source(self, source: Source, *, collect: bool = False) -> tuple[FileResult, dict]:
        """Lint one source. Returns the file's result and, when ``collect``, its cross-file facts."""
        result = FileResult(source.path, text=source.text, notices=list(source.notices))
        doc = parse(source)
        ctx = LintContext(self.config, rules=self.rules)
        findings: list[tuple[Rule, Finding]] = []
        facts: dict = {}
        for rule in self.rules:
            kind = rule.checker
            try:
                if kind.cross_file:
                    if collect:
                        facts[rule.id] = kind.collect(doc)
                    continue
                for f in kind.check(doc, ctx):
                    findings.append((rule, f))
            except Exception as exc:  # a bug in one rule must not stop the others
                tb = traceback.extract_tb(exc.__traceback__)
                where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else "?"
                result.errors.append(f"internal error in rule {rule.id}: {type(exc).__name__}: {exc} ({where})")
        suppressions = parse_suppressions(doc)
        result.diagnostics = self._diagnostics(doc.source, findings, suppressions)
        if collect:
            facts["__suppressions__"] = suppressions
        return result, facts

    def to_diagnostic(self, source: Source, rule: Rule, f: Finding) -> Diagnostic:
        n = len(source.text)
        start = max(0, min(f.start, n))
        end = max(start, min(f.end, n))
        line, col = source.position(start)
        end_line, end_col = source.position(end)
        message = f.message if f.message is not None else rule.format_message(f.args)
        return Diagnostic(
            path=source.path,
            line=line,
            column=col,
            rule=rule.id,
            end_line=end_line,
            end_column=end_col,
            severity=f.level or rule.level,
            message=message,
            offset=start,
            end_offset=end,
            link=rule.link,
        )

    def _diagnostics(self, source: Source, findings, suppressions) -> list[Diagnostic]:
        out = {}
        for rule, f in findings:
            d = self.to_diagnostic(source, rule, f)
            if LEVEL_RANK[d.severity] < self.min_rank:
                continue
            if suppressions and suppressions.suppresses(d.rule, d.line):
                continue
            out.setdefault((d.line, d.column, d.end_line, d.end_column, d.rule, d.message), d)
        return sorted(out.values(), key=sort_key)


def lint_document(doc: Document, linter: Linter) -> list[Diagnostic]:  # pragma: no cover - convenience
    return linter.lint_source(doc.source)[0].diagnostics


__all__ = ["LEVELS", "Linter", "LintContext", "load_rules"]
