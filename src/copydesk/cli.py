"""The command line: a thin layer over ``copydesk.api``.

Exit codes: 0 nothing at or above ``fail_level``; 1 findings at or above it; 2 usage, configuration, rule
pack or I/O errors (and internal errors in a rule). User mistakes never print a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .__about__ import __version__
from .config import Config, ConfigError, load_config
from .diagnostics import LEVEL_RANK, LEVELS
from .rules import RuleError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"copydesk: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _config(config_path: str | None, min_level: str | None, fail_level: str | None) -> Config:
    try:
        cfg = load_config(config_path)
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    if min_level:
        cfg.min_level = min_level
    if fail_level:
        cfg.fail_level = fail_level
    return cfg


def _linter(cfg: Config, packs_path: tuple[str, ...]):
    from .api import get_linter

    try:
        return get_linter(cfg, tuple(packs_path))
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))


def _write(text: str, output: str | None) -> None:
    if not output:
        click.echo(text, nl=False)
        return
    from .fsutil import atomic_write

    try:
        atomic_write(Path(output), text)
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")


def _refuse_to_overwrite_a_draft(output: str, report, stdin) -> None:
    """``--output`` must never replace a draft that was just checked (``-o draft.md`` typed by mistake)."""
    if not os.path.exists(output):
        return
    for f in report.files:
        if stdin is not None and f.path == stdin[0]:
            continue
        try:
            same = os.path.exists(f.path) and os.path.samefile(output, f.path)
        except OSError:
            same = False
        if same:
            _fail(f"--output {output} is one of the drafts being checked; refusing to overwrite it")


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _ProgressBar:
    """A progress bar on stderr for long runs on a terminal; never in machine formats or when piped."""

    MIN_FILES = 50

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.MIN_FILES:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Checking", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _Group(click.Group):
    def format_epilog(self, ctx, formatter):  # keep the epilog's line breaks
        if self.epilog:
            formatter.write_paragraph()
            for line in self.epilog.splitlines():
                formatter.write_text(line) if line else formatter.write_paragraph()

    def invoke(self, ctx):
        """Run a command; an unexpected exception is one line on stderr and exit code 2, not a traceback."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_ERROR)
        except (ConfigError, RuleError) as exc:
            _fail(str(exc))
        except RecursionError:
            _fail("internal error: input nested too deeply (RecursionError); please report it")
        except Exception as exc:
            import traceback

            tb = traceback.extract_tb(exc.__traceback__)
            where = f" at {tb[-1].filename}:{tb[-1].lineno}" if tb else ""
            _fail(f"internal error: {type(exc).__name__}: {exc}{where}; please report it")


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 clean, 1 findings at or above fail_level, 2 usage, config or I/O error.\n"
    "Docs: README.md and docs/ in the copydesk repository.",
)
@click.version_option(__version__, "--version", "-V", prog_name="copydesk", message="%(prog)s %(version)s")
def main() -> None:
    """copydesk: an editorial linter for drafts (Markdown, HTML, plain text).

    It checks a draft the way a copy desk does: repeated headlines, malformed markup, vague sourcing,
    readability, copy-desk hygiene and proselint's style checks, each reported by file, line and column.
    """


_FORMAT_HELP = "Output format."


def _format_choices() -> list[str]:
    from .reporters import formats

    return formats()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    help="Output format: text (default), json, and the CI formats "
    "listed by 'copydesk check --help'. With GITHUB_ACTIONS=true the default is github.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(),
    help="Use this config file (.copydesk.yaml or pyproject.toml).",
)
@click.option(
    "--packs-path", multiple=True, type=click.Path(), help="Extra folder of rule packs (repeatable)."
)
@click.option("--stdin-filename", help="Name (and so format) of the draft read from '-'.")
@click.option("--min-level", type=click.Choice(LEVELS), help="Lowest level to report.")
@click.option("--fail-level", type=click.Choice(LEVELS), help="Lowest level that makes the exit code 1.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (default: usable cores; 1: no pool).",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: only on a terminal)."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Result cache folder (default: .copydesk_cache "
    "next to the config file, else in the current folder; or $COPYDESK_CACHE_DIR).",
)
@click.option(
    "--vale-compat",
    is_flag=True,
    help="Behave like Vale: run only the styles the .vale.ini names, with Vale's ids, messages and levels.",
)
@click.option(
    "--vale-config",
    type=click.Path(dir_okay=False),
    help="Vale configuration file for --vale-compat (default: .vale.ini found upward from here).",
)
def check(
    paths,
    fmt,
    output,
    config_path,
    packs_path,
    stdin_filename,
    min_level,
    fail_level,
    jobs,
    color,
    no_cache,
    cache_dir,
    vale_compat,
    vale_config,
) -> None:
    """Check drafts and report problems.

    PATHS are files and folders (walked recursively for .md .markdown .html .htm .txt); '-' reads stdin.
    Without PATHS the current folder is checked.
    """
    from .api import default_jobs, lint_paths
    from .reporters import RenderOptions, render

    choices = _format_choices()
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    if fmt is None:
        fmt = "github" if github and "github" in choices else "text"
    if fmt not in choices:
        _fail(f"unknown format '{fmt}' (known: {', '.join(choices)})")
    if vale_compat or vale_config:
        from .vale.cli import check_vale

        sys.exit(check_vale(paths, fmt, output, vale_config, stdin_filename, min_level, fail_level, color))
    cfg = _config(config_path, min_level, fail_level)
    linter = _linter(cfg, packs_path)
    paths = list(paths) or (["."] if "-" not in paths else [])
    stdin = None
    if "-" in paths:
        # Raw bytes: decoded like a file (encoding notices, binary input skipped with a notice).
        stdin = (stdin_filename or "stdin.md", sys.stdin.buffer.read())
    jobs = default_jobs() if jobs in (None, 0) else jobs
    try:
        from .cache import default_cache_dir

        if no_cache or (not cache_dir and os.environ.get("COPYDESK_NO_CACHE")):
            folder = None
        else:
            folder = cache_dir or default_cache_dir(cfg.root)
        progress = _ProgressBar() if fmt == "text" and not output and _stderr_is_tty() else None
        try:
            report = lint_paths(
                paths,
                cfg,
                jobs=jobs,
                extra_pack_dirs=packs_path,
                stdin=stdin,
                cache_dir=folder,
                progress=progress,
            )
        finally:
            if progress is not None:
                progress.close()
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    if not report.files and not report.errors:
        click.echo("copydesk: no drafts found (looked for .md .markdown .html .htm .txt)", err=True)
    if output:
        _refuse_to_overwrite_a_draft(output, report, stdin)
    rules_meta = {r.id: r for r in linter.rules}
    opts = RenderOptions(
        color=(sys.stdout.isatty() if color is None else color) and not output and fmt == "text",
        version=__version__,
        rules=rules_meta,
    )
    notices = report.notices()
    rendered = render(fmt, report, opts)
    _write(rendered, output)
    if fmt != "text" or output:
        for n in notices:
            click.echo(f"copydesk: notice: {n}", err=True)
    if fmt == "github":
        # Keep the human summary in the log as well.
        click.echo(render("text", report, RenderOptions()).splitlines()[-1], err=True)
    has_errors = any(f.errors for f in report.files) or report.errors
    for f in report.files:
        for e in f.errors:
            if fmt != "text":
                click.echo(f"copydesk: {e}", err=True)
    fail_rank = LEVEL_RANK[cfg.fail_level]
    failing = any(LEVEL_RANK[d.severity] >= fail_rank for d in report.diagnostics)
    if has_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", help="Output format."
)
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
@click.option("--stdin-filename", help="Name (and so format) of the draft read from '-'.")
def stats(paths, fmt, config_path, stdin_filename) -> None:
    """Readability metrics per file and overall (Flesch, Flesch-Kincaid, fog, SMOG, Coleman-Liau, ARI)."""
    from .stats import collect_stats, render_stats

    cfg = _config(config_path, None, None)
    paths = list(paths) or ["."]
    try:
        rows, errors = collect_stats(paths, cfg, stdin_filename=stdin_filename)
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    click.echo(render_stats(rows, fmt), nl=False)
    for e in errors:
        click.echo(f"copydesk: {e}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command(name="rules")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", help="Output format."
)
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
@click.option(
    "--packs-path", multiple=True, type=click.Path(), help="Extra folder of rule packs (repeatable)."
)
def rules_cmd(fmt, config_path, packs_path) -> None:
    """List the enabled packs and rules with their level and description."""
    import json

    cfg = _config(config_path, None, None)
    linter = _linter(cfg, packs_path)
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "pack": r.pack,
                "kind": r.kind,
                "level": r.level,
                "description": r.description,
                "link": r.link,
            }
            for r in linter.rules
        ]
        click.echo(json.dumps({"version": 1, "rules": data}, indent=2, ensure_ascii=False))
        return
    pack = None
    for r in linter.rules:
        if r.pack != pack:
            pack = r.pack
            click.echo(f"{pack}")
        click.echo(f"  {r.id:<34} {r.level:<10} {_summary(r.description)}")


def _summary(description: str, width: int = 90) -> str:
    """The first sentence of a rule's description, on one line, shortened to ``width``."""
    text = " ".join(description.split())
    end = text.find(". ")
    first = text if end < 0 else text[: end + 1]
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


@main.command()
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(), help="Use this config file.")
@click.option(
    "--packs-path", multiple=True, type=click.Path(), help="Extra folder of rule packs (repeatable)."
)
def explain(rule_id, config_path, packs_path) -> None:
    """Show a rule's description, link, level and its failing and passing examples."""
    cfg = _config(config_path, None, None)
    # Explain any known rule, even one disabled in the config.
    cfg.rules = {}
    cfg.packs = None
    linter = _linter(cfg, packs_path)
    rule = next((r for r in linter.rules if r.id == rule_id or r.id.lower() == rule_id.lower()), None)
    if rule is None:
        close = [r.id for r in linter.rules if rule_id.lower() in r.id.lower()]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        _fail(f"unknown rule '{rule_id}'{hint}; 'copydesk rules' lists them")
    click.echo(explain_text(rule), nl=False)


def explain_text(rule) -> str:
    lines = [f"{rule.id}  ({rule.kind}, {rule.level})", ""]
    if rule.description:
        lines += [rule.description, ""]
    if rule.link:
        lines += [f"More: {rule.link}", ""]
    for key, title in (("fail", "Flagged"), ("pass", "Not flagged")):
        examples = rule.examples.get(key) or []
        if examples:
            lines.append(f"{title}:")
            for ex in examples:
                text = ex if isinstance(ex, str) else ex.get("text", "")
                for i, ln in enumerate(str(text).rstrip("\n").splitlines() or [""]):
                    lines.append(("  - " if i == 0 else "    ") + ln)
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()
