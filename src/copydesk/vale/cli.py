"""The ``--vale-compat`` branch of ``copydesk check`` (kept here so cli.py only gains a hook)."""

from __future__ import annotations

import sys

import click

from ..diagnostics import LEVEL_RANK
from . import ValeError


class _RuleMeta:
    """What reporters read about a rule (SARIF and rdjson descriptors)."""

    def __init__(self, chk) -> None:
        self.id = chk.id
        self.pack = chk.id.split(".", 1)[0]
        self.kind = chk.kind
        self.level = chk.level
        self.description = chk.description or chk.message
        self.link = chk.link
        self.examples = {}


def check_vale(paths, fmt, output, vale_config, stdin_filename, min_level, fail_level, color) -> int:
    from ..__about__ import __version__
    from ..console import _refuse_output_naming_an_input, _write
    from ..reporters import RenderOptions, render
    from .runner import ValeProject, lint_paths

    def fail(msg: str) -> int:
        click.echo(f"copydesk: error: {msg}", err=True)
        return 2

    try:
        project = ValeProject.load(vale_config, min_level=min_level)
        project.validate()
        paths = list(paths) or ["."]
        stdin = None
        if "-" in paths:
            stdin = (stdin_filename or "stdin.md", sys.stdin.buffer.read())
        report = lint_paths(project, paths, stdin=stdin)
    except ValeError as exc:
        return fail(str(exc))
    if output:  # never replace a draft that was just checked (``-o draft.md`` typed by mistake)
        _refuse_output_naming_an_input(
            output, [f.path for f in report.files if not stdin or f.path != stdin[0]]
        )
    meta = {}
    for sel in project._selections.values():
        for chk in sel.checks:
            meta.setdefault(chk.id, _RuleMeta(chk))
    opts = RenderOptions(
        color=(sys.stdout.isatty() if color is None else color) and not output and fmt == "text",
        version=__version__,
        rules=meta,
    )
    _write(render(fmt, report, opts), output)
    notices = project.notices + (report.notices() if fmt != "text" or output else [])
    for n in notices:
        click.echo(f"copydesk: notice: {n}", err=True)
    errors = False
    for f in report.files:
        for e in f.errors:
            errors = True
            if fmt != "text":
                click.echo(f"copydesk: {e}", err=True)
    if errors:
        return 2
    floor = LEVEL_RANK[fail_level or "error"]
    return 1 if any(LEVEL_RANK[d.severity] >= floor for d in report.diagnostics) else 0
