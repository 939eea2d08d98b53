"""The command line: a thin layer over ``copydesk.api``.

Exit codes: 0 nothing at or above ``fail_level``; 1 findings at or above it; 2 usage, configuration, rule
pack or I/O errors (and internal errors in a rule). User mistakes never print a traceback.

The ``copydesk`` command starts in ``copydesk.entry``: a plain ``check`` command line runs without
importing click (``copydesk.checkrun``); everything else comes here.
"""

from __future__ import annotations

import sys

import click

from .__about__ import __version__
from .checkrun import _config, _format_choices, _linter, guarded, run_check
from .config import ConfigError
from .console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _fail, _say
from .diagnostics import LEVELS
from .rules import RuleError

__all__ = ["explain_text", "main"]


class _CheckCommand(click.Command):
    """Records how many arguments follow ``--``: those are file names, whatever they look like (``-`` among
    them is the file named ``-``, not stdin)."""

    def parse_args(self, ctx, args):
        if "--" in args:
            ctx.meta["copydesk.after_dashdash"] = len(args) - args.index("--") - 1
        return super().parse_args(ctx, args)


class _Group(click.Group):
    def format_epilog(self, ctx, formatter):  # keep the epilog's line breaks
        if self.epilog:
            formatter.write_paragraph()
            for line in self.epilog.splitlines():
                formatter.write_text(line) if line else formatter.write_paragraph()

    def invoke(self, ctx):
        """Run a command; an unexpected exception is one line on stderr and exit code 2, not a traceback
        (``checkrun.guarded``: also Ctrl-C and SIGTERM)."""
        return guarded(
            lambda: super(_Group, self).invoke(ctx),
            (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort),
        )


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


def _adoption_options(f):
    options = [
        click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains."),
        click.option(
            "--diff",
            "show_diff",
            is_flag=True,
            help="Print the safe fixes as a unified diff; change nothing.",
        ),
        click.option(
            "--baseline",
            "baseline",
            type=click.Path(dir_okay=False),
            help="Report and fail only on findings not recorded in this baseline file.",
        ),
        click.option(
            "--write-baseline",
            "write_baseline",
            type=click.Path(dir_okay=False),
            help="Record every current finding in this baseline file and exit 0.",
        ),
        click.option(
            "--diff-from",
            "diff_from",
            metavar="REF",
            help="Only findings on lines changed since git revision REF (default paths: the changed drafts).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@main.command(cls=_CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    help=f"Output format: {', '.join(_format_choices())} (default: text; with GITHUB_ACTIONS=true, github).",
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
    help=(
        "Worker processes (default: the idle cores when the drafts are large enough to gain from them; "
        "1: no pool)."
    ),
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: only on a terminal)."
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the result cache (nothing is written in the project's .copydesk_cache).",
)
@click.option(
    "--no-user-cache",
    is_flag=True,
    help="Do not read or write the per-user cache (~/.cache/copydesk: kept rule packs, compiled patterns "
    "and word tables, like .pyc files; or $COPYDESK_NO_USER_CACHE=1).",
)
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
@click.option(
    "--max-file-size",
    metavar="SIZE",
    help="Largest draft (file or stdin) to read, e.g. 50MB (the default), 512kB; 0 for no limit.",
)
@click.option("--verbose", "-v", is_flag=True, help="Say which config file and cache folder are used.")
@_adoption_options
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
    max_file_size,
    verbose,
    no_user_cache=False,
    **adoption,
) -> None:
    """Check drafts and report problems.

    PATHS are files and folders (walked recursively for .md .markdown .html .htm .txt); '-' reads stdin.
    Without PATHS the current folder is checked. Everything after '--' is a file name, whatever it looks
    like: there '-' is the file named '-' (as './-' is anywhere).
    """
    ctx = click.get_current_context()
    run_check(
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
        max_file_size,
        verbose,
        literal=ctx.meta.get("copydesk.after_dashdash", 0),
        known_options=option_names(ctx.command),
        no_user_cache=no_user_cache,
        **adoption,
    )


def option_names(command) -> set[str]:
    """The option names of a click command as ``check`` has always told options from file names after
    ``--`` (``--format``, ``-f``, ``--color``; not the ``--no-...`` halves of on/off flags)."""
    return {opt for param in command.params for opt in getattr(param, "opts", ())}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
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
        _say(f"copydesk: {e}")
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
                "link": linter.links.get(r.id, ""),
            }
            for r in linter.rules
        ]
        click.echo(json.dumps({"version": 1, "rules": data}, indent=2, ensure_ascii=False))
        return
    mode, why = cfg.effective_typography()
    click.echo(f"typography: {mode} ({why})")
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
    click.echo(explain_text(rule, linter.links.get(rule.id, "")), nl=False)


@main.command(name="test-packs")
@click.argument("folder", type=click.Path())
def test_packs_cmd(folder) -> None:
    """Run every example of every rule in FOLDER (a pack folder, or a folder of packs).

    Each 'fail' example must be flagged by its rule and each 'pass' example must not. Failures are
    listed as file:line (the example's line in the rule file). Exit 0 all pass, 1 a failure, 2 a rule
    file that does not load.
    """
    from .packtest import run_pack_tests

    result = run_pack_tests(folder)
    for e in result.errors:
        click.echo(f"error: {e}")
    for f in result.failures:
        click.echo(f)
    n_fail = len(result.failures)
    click.echo(
        f"{result.rules} rule{'s' if result.rules != 1 else ''}, {result.examples} "
        f"example{'s' if result.examples != 1 else ''}: "
        + (f"{n_fail} failure{'s' if n_fail != 1 else ''}" if n_fail else "all pass")
        + (
            f", {len(result.errors)} rule file{'s' if len(result.errors) != 1 else ''} not loaded"
            if result.errors
            else ""
        )
    )
    sys.exit(EXIT_ERROR if result.errors else EXIT_FINDINGS if n_fail else EXIT_OK)


def explain_text(rule, url: str = "") -> str:
    """``url``: the rule's resolved documentation link (see ``copydesk.links``); none is printed without one."""
    lines = [f"{rule.id}  ({rule.kind}, {rule.level})", ""]
    if rule.description:
        lines += [rule.description, ""]
    if url:
        lines += [f"More: {url}", ""]
    lines += _explain_options(rule)
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


def _explain_options(rule) -> list[str]:
    """The rule's kind options with their values (settable in the config's ``rules:``), and for a
    proselint rule the check ids it reports (names for ``disable:``)."""
    kind = rule.checker
    lines = []
    opts = getattr(type(kind), "options", {}) if kind is not None else {}
    if opts:
        lines.append(f"Options (set them under rules: {rule.id}: in the config):")
        for key, opt in opts.items():
            value = rule.options.get(key, opt.default)
            big = (
                isinstance(value, dict)
                and len(str(value)) > 60
                or isinstance(value, list)
                and len(value) > 10
            )
            shown = f"{len(value)} entries" if big else repr(value)
            lines.append(f"  {key} = {shown}" + (f"  ({opt.help})" if opt.help else ""))
        lines.append("")
    if rule.kind == "proselint":
        from .kinds.proselint import checks_of

        checks = checks_of(rule)
        if checks:
            lines.append("Checks (ids for disable:):")
            lines.extend(f"  {cid}  {msg}" for cid, msg in checks)
            lines.append("")
    return lines


if __name__ == "__main__":  # pragma: no cover
    main()
