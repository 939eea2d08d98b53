"""Build small Vale projects on disk for the tests: a .vale.ini, a StylesPath with rule files, drafts."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from copydesk.vale.runner import ValeProject, lint_paths


def project(tmp: Path, rules: dict[str, str], files: dict[str, str], ini: str | None = None) -> Path:
    """``rules`` maps ``Style/Rule`` to YAML text; ``files`` maps names to draft text."""
    for rid, text in rules.items():
        p = tmp / "styles" / f"{rid}.yml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    styles = sorted({rid.split("/")[0] for rid in rules})
    if ini is None:
        ini = f"StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = {', '.join(styles)}\n"
    (tmp / ".vale.ini").write_text(textwrap.dedent(ini), encoding="utf-8")
    for name, text in files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp


def run(tmp: Path, paths=(".",), **kw) -> list[str]:
    """Vale-style lines ``path:line:col:Rule:message`` for a project folder."""
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        proj = ValeProject.load(**kw)
        report = lint_paths(proj, list(paths))
    finally:
        os.chdir(cwd)
    for f in report.files:
        assert not f.errors, f.errors
    return [f"{d.path}:{d.line}:{d.column}:{d.rule}:{d.message}" for d in report.diagnostics]


def lint(
    tmp: Path, rules: dict[str, str], text: str, name: str = "test.md", ini: str | None = None
) -> list[str]:
    project(tmp, rules, {name: text}, ini)
    return run(tmp)
