"""Vale styles next to copydesk packs: ``vale_styles:`` in a copydesk config.

Each entry is a Vale style folder (``styles/Google``) or a StylesPath holding several; every rule becomes
a copydesk rule named ``Style.Rule`` that the engine runs like any other (config ``rules:`` can turn it
off or change its level; inline ``copydesk-disable`` comments apply). Vale-only settings (``.vale.ini``
sections, vocabularies, Vale comments) belong to ``--vale-compat``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import LEVELS, Finding
from ..rules import Kind, Rule, RuleError
from .checks.base import LoadContext
from .styles import StyleSet


class ValeKind(Kind):
    """A copydesk rule kind that runs one Vale check."""

    name = "vale"

    def __init__(self, rule: Rule, check) -> None:
        super().__init__(rule)
        self.vale_check = check

    def check(self, doc, ctx) -> list[Finding]:
        from .runner import run_checks
        from .scopes import blocks_for

        blocks = ctx.cache.get("vale.blocks") if ctx is not None else None
        if blocks is None:
            blocks = blocks_for(doc, token_ignores=[], block_ignores=[], ignored_scopes=("code", "tt"))
            if ctx is not None:
                ctx.cache["vale.blocks"] = blocks
        return [Finding(s, e, message=msg) for _chk, s, e, msg, _raw in
                run_checks(doc, [self.vale_check], blocks=blocks)]


@dataclass
class ValeRule(Rule):
    def with_overrides(self, overrides: dict, source: str, line: int) -> Rule:
        unknown = set(overrides) - {"level"}
        if unknown:
            raise RuleError(source, line, f"a Vale rule takes only 'level' in 'rules:', not {sorted(unknown)[0]!r}")
        level = overrides["level"]
        if level not in LEVELS:
            raise RuleError(source, line, f"level must be one of {', '.join(LEVELS)}, got {level!r}")
        rule = ValeRule(**{**self.__dict__, "level": level})
        rule.checker = ValeKind(rule, self.checker.vale_check)
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
            root, names = folder, sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "config")
        styles = StyleSet(root, LoadContext(styles_path=str(root)))
        for name in names:
            for rid, chk in styles.style(name, (source, line)).items():
                rule = ValeRule(id=rid, pack=name, name=rid.split(".", 1)[1], kind=f"vale.{chk.kind}",
                                message=chk.message, level=chk.level, scope=chk.scope,
                                description=chk.description or chk.message, link=chk.link, path=chk.path)
                rule.checker = ValeKind(rule, chk)
                rules.append(rule)
        for msg in styles.skipped:
            raise RuleError(source, line, msg)
    return rules
