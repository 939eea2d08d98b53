"""The ``--vale-compat`` branch of ``copydesk check`` (kept here so cli.py only gains a hook)."""

from __future__ import annotations

import os
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


def check_vale(
    paths,
    fmt,
    output,
    vale_config,
    stdin_filename,
    min_level,
    fail_level,
    color,
    *,
    max_file_size: str | None = None,
    literal: int = 0,
    skip_output: bool = False,
) -> int:
    """``copydesk check --vale-compat``. ``literal``: how many of ``paths`` came after ``--`` (there ``-``
    is the file named ``-``, not stdin); ``skip_output``: ``output`` names a report a walk passes over. The
    safety rules are copydesk's: ``--max-file-size`` for files and stdin, FIFOs and devices refused."""
    from ..__about__ import __version__
    from ..console import _refuse_output_naming_an_input, _write
    from ..diagnostics import FileResult
    from ..reporters import RenderOptions, render
    from ..source import DEFAULT_MAX_FILE_SIZE, SourceError, parse_size, read_stream
    from .runner import ValeProject, lint_paths

    def fail(msg: str) -> int:
        click.echo(f"copydesk: error: {msg}", err=True)
        return 2

    limit = DEFAULT_MAX_FILE_SIZE
    if max_file_size is not None:
        try:
            limit = parse_size(max_file_size)
        except ValueError as exc:
            return fail(f"--max-file-size: {exc}")
    paths = list(paths)
    first_literal = len(paths) - literal
    use_stdin = any(p == "-" for p in paths[:first_literal])
    paths = [p for i, p in enumerate(paths) if not (p == "-" and i < first_literal)]
    paths = [os.path.join(".", p) if p == "-" else p for p in paths]
    if not paths and not use_stdin:
        paths = ["."]
    stdin_name = stdin_filename or "stdin.md"
    try:
        project = ValeProject.load(vale_config, min_level=min_level)
        project.validate()
        stdin = stdin_error = None
        if use_stdin:
            try:
                stdin = (stdin_name, read_stream(sys.stdin.buffer, stdin_name, limit))
            except SourceError as exc:
                stdin_error = str(exc)
            except OSError as exc:
                stdin_error = f"{stdin_name}: cannot read stdin ({exc.strerror or exc})"
        report = lint_paths(
            project,
            paths,
            stdin=stdin,
            max_file_size=limit,
            skip=[output] if output and skip_output else None,
        )
        if stdin_error is not None:
            report.files.append(FileResult(stdin_name, errors=[stdin_error]))
            report.files.sort(key=lambda f: f.path)
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
