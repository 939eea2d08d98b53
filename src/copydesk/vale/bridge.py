"""Vale styles next to copydesk packs: ``vale_styles:`` in a copydesk config.

Each entry is a Vale style folder (``styles/Google``) or a StylesPath holding several; every rule becomes
a copydesk rule named ``Style.Rule`` that the engine runs like any other (config ``rules:`` can turn it
off or change its level; inline ``copydesk-disable`` comments apply). Vale-only settings (``.vale.ini``
sections, vocabularies, Vale comments) belong to ``--vale-compat``.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import LEVELS, Finding
from ..rules import Kind, Rule, RuleError
from .checks.base import LoadContext
from .styles import StyleSet


class Group:
    """The rules loaded from one ``vale_styles`` entry. They share this object as their ``batch``, so the
    engine runs them together (``engine.RuleBatch``): one pass per block with one RE2 pre-filter, as
    ``--vale-compat`` does, and each copydesk rule then takes its own findings."""

    def __init__(self, checks: list) -> None:
        self.checks = checks
        #: ids run -> (their checks, the pre-filter over them); one entry per rule selection.
        self._plans: dict[tuple[str, ...], tuple[list, object]] = {}

    def _plan(self, ids: tuple[str, ...]):
        plan = self._plans.get(ids)
        if plan is None:
            from .runner import Prefilter

            wanted = set(ids)
            checks = [c for c in self.checks if c.id in wanted]
            plan = self._plans[ids] = (checks, Prefilter(checks))
        return plan

    def check_rules(self, doc, ctx, ids: tuple[str, ...]) -> dict[str, list[Finding]]:
        """The findings of the rules ``ids`` (of this group) on a document, by rule id."""
        from .runner import run_checks

        checks, prefilter = self._plan(tuple(ids))
        found: dict[str, list[Finding]] = {}
        for chk, s, e, msg, _raw in run_checks(doc, checks, prefilter=prefilter):
            found.setdefault(chk.id, []).append(Finding(s, e, message=msg))
        return found


class ValeKind(Kind):
    """A copydesk rule kind that runs one Vale check. Rules of one group share ``batch``: the engine runs
    them together, once per document; ``check`` runs this rule alone."""

    name = "vale"

    def __init__(self, rule: Rule, check, group: Group | None = None) -> None:
        super().__init__(rule)
        self.vale_check = check
        self.group = self.batch = group or Group([check])

    def check(self, doc, ctx) -> list[Finding]:
        rid = self.vale_check.id
        return self.group.check_rules(doc, ctx, (rid,)).get(rid, [])


class ValeRule(Rule):
    def with_overrides(self, overrides: dict, source: str, line: int) -> Rule:
        unknown = set(overrides) - {"level"}
        if unknown:
            raise RuleError(
                source, line, f"a Vale rule takes only 'level' in 'rules:', not {sorted(unknown)[0]!r}"
            )
        level = overrides["level"]
        if level not in LEVELS:
            raise RuleError(source, line, f"level must be one of {', '.join(LEVELS)}, got {level!r}")
        rule = ValeRule(**{**self.__dict__, "level": level})
        rule.checker = ValeKind(rule, self.checker.vale_check, self.checker.group)
        return rule


def vale_rules(folders: list[Path], source: str = "<config>", line: int = 1) -> list[Rule]:
    """Every rule of the Vale styles in ``folders`` (a style folder, or a StylesPath of several)."""
    rules: list[Rule] = []
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(source, line, f"vale_styles entry '{folder}' is not a folder")
        ymls = [p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")]
        if ymls:
            root, names = folder.parent, [folder.name]
        else:
            root, names = (
                folder,
                sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "config"),
            )
        styles = StyleSet(root, LoadContext(styles_path=str(root)))
        for name in names:
            loaded = styles.style(name, (source, line))
            group = Group([c for c in loaded.values() if not getattr(c, "skipped", False)])
            for rid, chk in loaded.items():
                if getattr(chk, "skipped", False):
                    continue  # script rules: not run
                rule = ValeRule(
                    id=rid,
                    pack=name,
                    name=rid.split(".", 1)[1],
                    kind=f"vale.{chk.kind}",
                    message=chk.message,
                    level=chk.level,
                    scope=chk.scope,
                    description=chk.description or chk.message,
                    link=chk.link,
                    path=chk.path,
                    raw=dict(chk.data),
                )  # raw: the result cache key follows the rule text
                rule.checker = ValeKind(rule, chk, group)
                rules.append(rule)
        for msg in styles.skipped:
            raise RuleError(source, line, msg)
    return rules
