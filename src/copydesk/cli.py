"""The command line: a thin layer over ``copydesk.api``.

Exit codes: 0 nothing at or above ``fail_level``; 1 findings at or above it; 2 usage, configuration, rule
pack or I/O errors (and internal errors in a rule). User mistakes never print a traceback.
"""

from __future__ import annotations

import os
import re
import sys

import click

from .__about__ import __version__
from .config import Config, ConfigError, load_config
from .console import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    _fail,
    _refuse_output_naming_an_input,
    _say,
    _write,
)
from .diagnostics import LEVEL_RANK, LEVELS
from .rules import RuleError


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


_SUMMARY = re.compile(
    r"(\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ suggestions?\) in \d+ files?|No problems in \d+ files?)"
    r"(\.|;[^\n]*)?\Z"
)


def _is_a_report(output: str) -> bool:
    """Whether ``--output`` names a file that a folder walk should pass over: it does not exist yet, or it
    holds a report copydesk wrote (a text report's summary line at its end, or only workflow commands).
    A draft named by ``--output`` is not passed over: the walk finds it and the run is refused."""
    try:
        if not os.path.isfile(output):  # /dev/stdout, a FIFO: never opened for reading here
            return not os.path.lexists(output)
        with open(output, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(0, size - 4096))
            tail = fh.read(4096).decode("utf-8", "replace")
            fh.seek(0)
            head = fh.read(4096).decode("utf-8", "replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    lines = tail.rstrip("\n").rsplit("\n", 1)
    if lines and _SUMMARY.fullmatch(lines[-1].strip()):
        return True
    head_lines = [ln for ln in head.splitlines()[:-1] if ln.strip()]
    return bool(head_lines) and all(ln.startswith("::") for ln in head_lines)


def _refuse_options_as_file_names(names: list[str], ctx) -> None:
    """An option name after ``--`` that names no file was meant as an option (a pre-commit ``args:`` after
    the hook's ``--``): say so instead of 'no such file'."""
    known = {opt for param in ctx.command.params for opt in getattr(param, "opts", [])}
    for name in names:
        if name.startswith("-") and name.split("=", 1)[0] in known and not os.path.lexists(name):
            _fail(
                f"'{name}' comes after '--', so it is read as a file name, and there is no such file; "
                "put options before '--' (in a pre-commit hook: in `entry:`, or in .copydesk.yaml)"
            )


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


class _Terminated(BaseException):
    """Raised in the main thread by SIGTERM, so that cleanup (ending the workers) runs."""


def _on_sigterm(signum, frame):
    raise _Terminated()


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
        """Run a command; an unexpected exception is one line on stderr and exit code 2, not a traceback.

        Ctrl-C (SIGINT) ends the run with exit code 130 and SIGTERM with 143, one line on stderr each; the
        worker processes end with it."""
        import signal
        import threading

        previous = None
        if threading.current_thread() is threading.main_thread():
            try:
                previous = signal.signal(signal.SIGTERM, _on_sigterm)
            except (ValueError, OSError):  # pragma: no cover
                previous = None
        try:
            return self._invoke(ctx)
        except KeyboardInterrupt:
            _say("copydesk: interrupted (Ctrl-C); no report written")
            sys.exit(EXIT_INTERRUPTED)
        except _Terminated:
            _say("copydesk: terminated (SIGTERM); no report written")
            sys.exit(EXIT_TERMINATED)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def _invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (KeyboardInterrupt, _Terminated):
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


# ---------------------------------------------------------------------------------------------------------
# Adopting copydesk in an existing repository: --fix/--diff, a baseline, changed lines only, and the
# levels shown versus the level that fails. Kept apart from the input/output options above.


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


class _Adoption:
    """What the adoption options do around one ``check`` run."""

    def __init__(self, cfg: Config, opts: dict, fmt: str) -> None:
        self.cfg = cfg
        self.fix = opts.get("fix")
        self.show_diff = opts.get("show_diff")
        self.baseline = opts.get("baseline")
        self.write_baseline = opts.get("write_baseline")
        self.diff_from = opts.get("diff_from")
        self.fmt = fmt
        self.hidden_failing = 0
        self.notes: list[str] = []
        if self.fix and self.show_diff:
            _fail("--fix and --diff do not go together: --diff shows what --fix would change")
        if self.baseline and self.write_baseline:
            _fail("--baseline and --write-baseline do not go together")
        # Findings below the shown level still decide the exit code when they reach the fail level:
        # lint down to the lower of the two and hide the rest afterwards.
        self.shown_level = cfg.min_level
        if LEVEL_RANK[cfg.fail_level] < LEVEL_RANK[cfg.min_level]:
            cfg.min_level = cfg.fail_level
        self.changed = None
        self.root = None
        # Only some drafts are checked (a pre-commit hook's staged files, --diff-from's changed ones):
        # titles are compared with the rest of the repository too.
        from .repotitles import in_precommit

        self.repository = bool(self.diff_from) or in_precommit()
        if self.diff_from:
            from .gitdiff import GitError, changed_lines, repo_root

            try:
                self.root = repo_root()
                self.changed = changed_lines(self.diff_from)
            except GitError as exc:
                _fail(str(exc))

    def default_paths(self, paths: list[str]) -> list[str]:
        """With --diff-from and no paths: the drafts changed since REF (none changed: nothing to check)."""
        if paths or self.changed is None:
            return paths
        from .source import FORMATS

        out = []
        here = os.path.realpath(".")
        for rel in sorted(self.changed):
            full = self.root / rel
            shown = os.path.relpath(full)
            # the changed drafts at or below the working folder (run from content/, check content/)
            inside = os.path.realpath(full).startswith(here + os.sep)
            if full.suffix.lower() in FORMATS and full.is_file() and inside:
                out.append(shown)
        if not out:
            _say(f"copydesk: no drafts changed since {self.diff_from}")
            sys.exit(EXIT_OK)
        return out

    def after_lint(self, report, linter, relint, stdin):
        if self.fix or self.show_diff:
            report = self._fix(report, linter, relint, stdin)
        if self.write_baseline:
            from .baseline import write_baseline

            # Everything that was checked is recorded, also findings --min-level hides that still fail.
            if any(f.errors for f in report.files):
                _fail("not every draft could be checked; the baseline was not written (see the errors)")
            try:
                n = write_baseline(report, self.write_baseline)
            except OSError as exc:
                _fail(f"{self.write_baseline}: cannot write ({exc.strerror or exc})")
            _say(f"copydesk: wrote {n} finding{'s' if n != 1 else ''} to {self.write_baseline}")
            sys.exit(EXIT_OK)
        if self.baseline:
            from .baseline import BaselineError, apply_baseline

            try:
                known = apply_baseline(report, self.baseline)
            except BaselineError as exc:
                _fail(str(exc))
            if known:
                self.notes.append(f"{known} finding{'s' if known != 1 else ''} in the baseline not shown")
        if self.changed is not None:
            from .gitdiff import keep_changed

            dropped = keep_changed(report, self.changed, self.root)
            if dropped:
                self.notes.append(
                    f"{dropped} finding{'s' if dropped != 1 else ''} on unchanged lines not shown"
                )
        self._hide_below_shown(report)
        return report

    @property
    def per_file(self) -> bool:
        """Whether each file's findings are final once the file is checked (nothing here needs the whole
        report first: no fix, diff, baseline or --diff-from), so the report may be written file by file."""
        return not (
            self.fix or self.show_diff or self.baseline or self.write_baseline or self.changed is not None
        )

    def _hide_below_shown(self, report) -> None:
        for fr in report.files:
            self.hide_below_shown(fr)

    def hide_below_shown(self, fr) -> None:
        """Drop one file's findings below the shown level (counting those that still fail the run)."""
        shown = LEVEL_RANK[self.shown_level]
        fail = LEVEL_RANK[self.cfg.fail_level]
        keep = []
        for d in fr.diagnostics:
            if LEVEL_RANK[d.severity] >= shown:
                keep.append(d)
            elif LEVEL_RANK[d.severity] >= fail:
                self.hidden_failing += 1
        fr.diagnostics = keep

    def _fix(self, report, linter, relint, stdin):
        from .fixer import fix_files, unified_diff

        skip = frozenset([stdin[0]]) if stdin is not None else frozenset()
        if stdin is not None and any(
            d.fix is not None for f in report.files if f.path in skip for d in f.diagnostics
        ):
            _say(f"copydesk: notice: {stdin[0]}: not fixed (standard input is not a file)")
        outcomes = fix_files(report, linter, write=bool(self.fix), skip=skip)
        for o in outcomes:
            for n in o.notices:
                _say(f"copydesk: notice: {n}")
        changed = [o for o in outcomes if o.changed]
        if self.show_diff:
            click.echo("".join(unified_diff(o) for o in changed), nl=False)
            has_errors = any(f.errors for f in report.files) or report.errors
            n = sum(o.applied for o in changed)
            _say(
                f"copydesk: {n} fix{'es' if n != 1 else ''} in {len(changed)} file{'s' if len(changed) != 1 else ''} "
                "(not applied; --fix applies them)"
            )
            sys.exit(EXIT_ERROR if has_errors else EXIT_FINDINGS if changed else EXIT_OK)
        if changed:
            n = sum(o.applied for o in changed)
            _say(
                f"copydesk: fixed {n} problem{'s' if n != 1 else ''} in {len(changed)} "
                f"file{'s' if len(changed) != 1 else ''}"
            )
            return relint()  # what remains, checked afresh
        return report

    def explain_exit(self) -> None:
        for note in self.notes:
            _say(f"copydesk: {note}")
        if self.hidden_failing:
            n = self.hidden_failing
            _say(
                f"copydesk: {n} finding{'s' if n != 1 else ''} below --min-level {self.shown_level} "
                f"{'are' if n != 1 else 'is'} at or above --fail-level {self.cfg.fail_level}: exit code 1"
            )


class _Stream:
    """Writes a line format's report to stdout file by file, as each file is checked (``lint_paths``'
    ``on_result``), instead of holding the whole report until the end. What only the end of the run knows
    (cross-file findings, files that could not be read, run errors, the summary) is written by ``finish``.
    A streamed file keeps only its first lines (where cross-file findings point), so a long run does not
    hold every draft's text."""

    def __init__(self, fmt: str, options, adopt: _Adoption) -> None:
        self.fmt = fmt
        self.options = options
        self.adopt = adopt
        #: id of each written file result -> its findings' keys (what finish must not write again)
        self.written: dict[int, set] = {}

    @staticmethod
    def _key(d) -> tuple:
        return (d.line, d.column, d.end_line, d.end_column, d.rule, d.message)

    def __call__(self, fr) -> None:
        from .api import head_text
        from .reporters import render_file

        self.adopt.hide_below_shown(fr)
        text = render_file(self.fmt, fr, self.options)
        if text:
            click.echo(text, nl=False)
            sys.stdout.flush()
        self.written[id(fr)] = {self._key(d) for d in fr.diagnostics}
        fr.text = head_text(fr.text)

    def finish(self, report) -> None:
        from .diagnostics import FileResult
        from .reporters import render_end, render_file

        out = []
        for fr in report.files:
            keys = self.written.get(id(fr))
            if keys is None:
                out.append(render_file(self.fmt, fr, self.options))
                continue
            added = [d for d in fr.diagnostics if self._key(d) not in keys]
            if added:  # cross-file findings: the file's findings were written before they were known
                out.append(
                    render_file(self.fmt, FileResult(fr.path, diagnostics=added, text=fr.text), self.options)
                )
        out.append(render_end(self.fmt, report, self.options))
        click.echo("".join(out), nl=False)


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
    help="Worker processes (default: usable cores when the drafts are large enough to gain from them; 1: no pool).",
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
    **adoption,
) -> None:
    """Check drafts and report problems.

    PATHS are files and folders (walked recursively for .md .markdown .html .htm .txt); '-' reads stdin.
    Without PATHS the current folder is checked. Everything after '--' is a file name, whatever it looks
    like: there '-' is the file named '-' (as './-' is anywhere).
    """
    from .api import lint_paths
    from .reporters import RenderOptions, render, streams

    choices = _format_choices()
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    if fmt is None:
        fmt = "github" if github and "github" in choices else "text"
    if fmt not in choices:
        _fail(f"unknown format '{fmt}' (known: {', '.join(choices)})")
    if vale_compat or vale_config:
        from .vale.cli import check_vale

        literal = click.get_current_context().meta.get("copydesk.after_dashdash", 0)
        _refuse_options_as_file_names(list(paths)[len(paths) - literal :], click.get_current_context())
        sys.exit(
            check_vale(
                paths,
                fmt,
                output,
                vale_config,
                stdin_filename,
                min_level,
                fail_level,
                color,
                max_file_size=max_file_size,
                literal=literal,
                skip_output=bool(output) and _is_a_report(output),
            )
        )
    cfg = _config(config_path, min_level, fail_level)
    if max_file_size is not None:
        from .source import parse_size

        try:
            cfg.max_file_size = parse_size(max_file_size)
        except ValueError as exc:
            _fail(f"--max-file-size: {exc}")
    if verbose:
        from .config import describe_search

        _say(f"copydesk: {describe_search(explicit=config_path)}")
    adopt = _Adoption(cfg, adoption, fmt)
    linter = _linter(cfg, packs_path)
    ctx = click.get_current_context()
    literal = ctx.meta.get("copydesk.after_dashdash", 0)
    paths = list(paths)
    first_literal = len(paths) - literal
    _refuse_options_as_file_names(paths[first_literal:], ctx)
    # '-' is stdin before '--'; after it, and as './-' anywhere, it is the file named '-'.
    use_stdin = any(p == "-" for p in paths[:first_literal])
    paths = [p for i, p in enumerate(paths) if not (p == "-" and i < first_literal)]
    paths = [os.path.join(".", p) if p == "-" else p for p in paths]
    if not use_stdin:
        paths = adopt.default_paths(paths)
    if not paths and not use_stdin:
        paths = ["."]
    stdin_name = stdin_filename or "stdin.md"
    if output:
        inputs = [p for p in paths if not os.path.isdir(p)]
        if use_stdin and stdin_filename:
            inputs.append(stdin_filename)
        _refuse_output_naming_an_input(output, inputs)
    stdin = None
    stdin_error = None
    if use_stdin:
        from .source import SourceError, read_stream

        # Raw bytes: decoded like a file (encoding notices, binary input skipped with a notice).
        try:
            stdin = (stdin_name, read_stream(sys.stdin.buffer, stdin_name, cfg.max_file_size))
        except SourceError as exc:
            stdin_error = str(exc)
        except OSError as exc:
            stdin_error = f"{stdin_name}: cannot read stdin ({exc.strerror or exc})"
    jobs = None if jobs in (None, 0) else jobs  # None: lint_paths picks (a pool only where it pays)
    try:
        from .cache import default_cache_dir

        if no_cache or (not cache_dir and os.environ.get("COPYDESK_NO_CACHE")):
            folder = None
        else:
            folder = cache_dir or default_cache_dir(cfg.root)
        if verbose:
            _say(f"copydesk: result cache: {folder if folder is not None else 'off'}")
        rules_meta = {r.id: r for r in linter.rules}
        opts = RenderOptions(
            color=(sys.stdout.isatty() if color is None else color) and not output and fmt == "text",
            version=__version__,
            rules=rules_meta,
        )
        # Line formats on stdout are written file by file as files finish (a report file is written at
        # once, atomically, at the end).
        stream = _Stream(fmt, opts, adopt) if streams(fmt) and not output and adopt.per_file else None
        progress = (
            _ProgressBar() if fmt == "text" and not output and stream is None and _stderr_is_tty() else None
        )
        try:
            report = lint_paths(
                paths,
                cfg,
                jobs=jobs,
                extra_pack_dirs=packs_path,
                stdin=stdin,
                cache_dir=folder,
                progress=progress,
                skip=[output] if output and _is_a_report(output) else None,
                repository=adopt.repository,
                on_result=stream,
            )
        finally:
            if progress is not None:
                progress.close()
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    if stdin_error is not None:
        from .diagnostics import FileResult

        report.files.append(FileResult(stdin_name, errors=[stdin_error]))
        report.files.sort(key=lambda f: f.path)
    report = adopt.after_lint(
        report,
        linter,
        lambda: lint_paths(
            paths,
            cfg,
            jobs=jobs,
            extra_pack_dirs=packs_path,
            stdin=stdin,
            cache_dir=folder,
            skip=[output] if output and _is_a_report(output) else None,
            repository=adopt.repository,
        ),
        stdin,
    )
    for name in report.excluded:
        _say(f"copydesk: notice: {name}: skipped, matched by 'exclude' in {cfg.source}")
    if not report.files and not report.errors and not report.excluded:
        _say("copydesk: no drafts found (looked for .md .markdown .html .htm .txt)")
    if output:
        _refuse_output_naming_an_input(output, [f.path for f in report.files if f.path != stdin_name])
    notices = report.notices()
    if stream is not None:
        stream.finish(report)
    else:
        _write(render(fmt, report, opts), output)
    if fmt != "text" or output:
        for n in notices:
            _say(f"copydesk: notice: {n}")
    if fmt == "github":
        # Keep the human summary in the log as well.
        _say(render("text", report, RenderOptions()).splitlines()[-1])
    has_errors = any(f.errors for f in report.files) or report.errors
    for f in report.files:
        for e in f.errors:
            if fmt != "text":
                _say(f"copydesk: {e}")
    fail_rank = LEVEL_RANK[cfg.fail_level]
    failing = any(LEVEL_RANK[d.severity] >= fail_rank for d in report.diagnostics) or adopt.hidden_failing
    adopt.explain_exit()
    if has_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


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
