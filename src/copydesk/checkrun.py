"""``copydesk check`` without click: the command's work, and a parser for its common command lines.

A one-draft run (a pre-commit hook) pays for every module it imports. click (with ``uuid``, ``platform``,
``gettext``, ``datetime``) costs about a tenth of such a run, so ``copydesk.entry`` reads a plain ``check``
command line with ``parse_check_args`` and runs ``run_check`` directly. Anything the parser does not fully
understand (help, another command, an unknown or malformed option, a value click would refuse, shell
completion) goes to the click commands of ``copydesk.cli`` unchanged, so every usage message stays
click's. The click ``check`` command calls the same ``run_check``.
"""

from __future__ import annotations

import os
import re
import sys

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
    echo,
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


def _linter(cfg: Config, packs_path: tuple[str, ...], kept_dir=None):
    from .api import get_linter

    try:
        return get_linter(cfg, tuple(packs_path), kept_dir)
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


def _refuse_options_as_file_names(names: list[str], known) -> None:
    """An option name after ``--`` that names no file was meant as an option (a pre-commit ``args:`` after
    the hook's ``--``): say so instead of 'no such file'. ``known``: the command's option names."""
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
            import click

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


def guarded(call, passthrough: tuple = ()):
    """Run a command; an unexpected exception is one line on stderr and exit code 2, not a traceback.

    Ctrl-C (SIGINT) ends the run with exit code 130 and SIGTERM with 143, one line on stderr each; the
    worker processes end with it. ``passthrough``: exceptions left to the caller (click's own)."""
    import signal
    import threading

    previous = None
    _quiet_pool_teardown(threading)
    if threading.current_thread() is threading.main_thread():
        try:
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):  # pragma: no cover
            previous = None
    try:
        return _reported(call, passthrough)
    except KeyboardInterrupt:
        _say("copydesk: interrupted (Ctrl-C); no report written")
        sys.exit(EXIT_INTERRUPTED)
    except _Terminated:
        _say("copydesk: terminated (SIGTERM); no report written")
        sys.exit(EXIT_TERMINATED)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _quiet_pool_teardown(threading) -> None:
    """Keep the process pool's manager thread quiet when Ctrl-C or SIGTERM tears the pool down: CPython's
    manager thread can then try to fail a future the interrupt already cancelled and prints that
    ``InvalidStateError`` as a thread traceback, after which the run still ends with its one line and code.
    Any other exception in any thread still reaches the previous hook."""
    previous = threading.excepthook
    if getattr(previous, "_copydesk", False):
        return

    def hook(args) -> None:
        from concurrent.futures import InvalidStateError

        if (
            isinstance(args.exc_value, InvalidStateError)
            and type(args.thread).__name__ == "_ExecutorManagerThread"
        ):
            return
        previous(args)

    hook._copydesk = True  # type: ignore[attr-defined]
    threading.excepthook = hook


def _reported(call, passthrough: tuple):
    try:
        return call()
    except passthrough:
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


def _format_choices() -> list[str]:
    from .reporters import formats

    return formats()


# ---------------------------------------------------------------------------------------------------------
# Adopting copydesk in an existing repository: --fix/--diff, a baseline, changed lines only, and the
# levels shown versus the level that fails. Kept apart from the input/output options above.


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
            echo("".join(unified_diff(o) for o in changed), nl=False)
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
            echo(text, nl=False)
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
        echo("".join(out), nl=False)


def run_check(*args, no_user_cache: bool = False, **kwargs) -> None:
    """``copydesk check`` (see ``copydesk.cli.check`` and ``_run_check``); ``no_user_cache`` turns the
    per-user cache off for the run (``copydesk.usercache``). Always ends with ``sys.exit``."""
    if not no_user_cache:
        _run_check(*args, **kwargs)
        return
    from .usercache import ENV_OFF, turn_off

    previous = os.environ.get(ENV_OFF)
    turn_off()  # (in the environment: worker processes and every table's loader see it)
    try:
        _run_check(*args, **kwargs)
    finally:
        if previous is None:
            os.environ.pop(ENV_OFF, None)
        else:
            os.environ[ENV_OFF] = previous


def _run_check(
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
    *,
    literal: int = 0,
    known_options=frozenset(),
    after_start=None,
    **adoption,
) -> None:
    """``copydesk check``. ``literal``: how many of ``paths`` came after ``--``; ``known_options``: every
    option name of the command; ``after_start``: called once the rules are loaded, before any draft is read
    (``copydesk.entry``). Always ends with ``sys.exit``."""
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

        _refuse_options_as_file_names(list(paths)[len(paths) - literal :], known_options)
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
    from .cache import default_cache_dir

    if no_cache or (not cache_dir and os.environ.get("COPYDESK_NO_CACHE")):
        folder = None
    else:
        folder = cache_dir or default_cache_dir(cfg.root)
    # The kept rule files and compiled patterns live in the per-user cache (copydesk.compiled), with and
    # without the result cache; a result cache folder that cannot be used safely is left alone here, and
    # lint_paths says why in a notice.
    from .api import kept_packs_dir

    kept_dir = kept_packs_dir()
    linter = _linter(cfg, packs_path, kept_dir)
    if after_start is not None:
        after_start()
    if verbose:
        from .compiled import store_for

        if kept_dir is None:
            _say("copydesk: rule cache: off (no per-user cache folder)")
        else:
            _say(f"copydesk: {store_for(kept_dir).describe()} ({kept_dir})")
    paths = list(paths)
    first_literal = len(paths) - literal
    _refuse_options_as_file_names(paths[first_literal:], known_options)
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
        if verbose:
            _say(f"copydesk: result cache: {folder if folder is not None else 'off'}")
        rules_meta = {r.id: r for r in linter.rules}
        opts = RenderOptions(
            color=(sys.stdout.isatty() if color is None else color) and not output and fmt == "text",
            version=__version__,
            rules=rules_meta,
        )
        # Line formats on stdout are written file by file as files finish (a report file is written at
        # once, atomically, at the end). A streamed text report needs no progress bar: its findings are the
        # progress (and lines streamed under a bar would break it).
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
    if kept_dir is not None:
        from .compiled import store_for

        store_for(kept_dir).save()  # patterns first compiled by the reporter, kept for the next run
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


# ---------------------------------------------------------------------------------------------------------
# The common ``check`` command lines, read without click. ``parse_check_args`` returns the keyword arguments
# of ``run_check``, or None for anything it does not read exactly as click would: that goes to click.

#: Options taking a value: name -> parameter (``copydesk.cli.check``'s click options, a test compares them).
VALUE_OPTIONS = {
    "--format": "fmt",
    "-f": "fmt",
    "--output": "output",
    "-o": "output",
    "--config": "config_path",
    "--packs-path": "packs_path",
    "--stdin-filename": "stdin_filename",
    "--min-level": "min_level",
    "--fail-level": "fail_level",
    "--jobs": "jobs",
    "-j": "jobs",
    "--cache-dir": "cache_dir",
    "--max-file-size": "max_file_size",
    "--baseline": "baseline",
    "--write-baseline": "write_baseline",
    "--diff-from": "diff_from",
}
#: On/off options: name -> (parameter, value).
FLAG_OPTIONS = {
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--no-cache": ("no_cache", True),
    "--no-user-cache": ("no_user_cache", True),
    "--verbose": ("verbose", True),
    "-v": ("verbose", True),
    "--fix": ("fix", True),
    "--diff": ("show_diff", True),
}
#: Options click checks as paths when they exist: parameter -> (file_okay, dir_okay, readable).
PATH_OPTIONS = {
    "output": (True, False, True),
    "config_path": (True, True, True),
    "packs_path": (True, True, True),
    "cache_dir": (False, True, True),
    "baseline": (True, False, True),
    "write_baseline": (True, False, True),
}
#: Every option name of ``check`` (those only click reads, too), for ``_refuse_options_as_file_names``.
CHECK_OPTIONS = frozenset({*VALUE_OPTIONS, *FLAG_OPTIONS, "--vale-compat", "--vale-config"} - {"--no-color"})
_DEFAULTS = {
    "paths": (),
    "fmt": None,
    "output": None,
    "config_path": None,
    "packs_path": (),
    "stdin_filename": None,
    "min_level": None,
    "fail_level": None,
    "jobs": None,
    "color": None,
    "no_cache": False,
    "no_user_cache": False,
    "cache_dir": None,
    "vale_compat": False,
    "vale_config": None,
    "max_file_size": None,
    "verbose": False,
    "fix": False,
    "show_diff": False,
    "baseline": None,
    "write_baseline": None,
    "diff_from": None,
}


def parse_check_args(argv: list[str], environ=os.environ) -> dict | None:
    """``run_check``'s arguments for ``argv`` (the words after the program name), or None when ``argv`` is
    not a ``check`` command line made only of what this parser reads exactly as click does: long options
    with their value as the next word or after ``=``, ``-f``/``-o``/``-j`` with the next word, the flags,
    file names, ``-`` and ``--``. Help, the Vale options, clustered short options, a value starting with
    ``-``, a missing or malformed value, a level or job count click would refuse, a path option naming
    something click would refuse, and shell completion all return None."""
    if not argv or argv[0] != "check" or any(k[:1] == "_" and k.endswith("_COMPLETE") for k in environ):
        return None
    if os.name == "nt":  # click expands wildcards and ~ in the command line there
        return None
    args = list(argv[1:])
    out = dict(_DEFAULTS)
    paths: list[str] = []
    packs: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        i += 1
        if word == "--":
            paths.extend(args[i:])
            break
        if word[:1] != "-" or len(word) == 1:
            paths.append(word)
            continue
        name, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name in FLAG_OPTIONS and not eq:
            dest, flag = FLAG_OPTIONS[name]
            out[dest] = flag
            continue
        dest = VALUE_OPTIONS.get(name)
        if dest is None:
            return None
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
            if value[:1] == "-":
                return None
        if not _accepted(dest, value):
            return None
        if dest == "packs_path":
            packs.append(value)
        else:
            out[dest] = int(value) if dest == "jobs" else value
    out["paths"] = tuple(paths)
    out["packs_path"] = tuple(packs)
    out["literal"] = len(args) - args.index("--") - 1 if "--" in args else 0
    out["known_options"] = CHECK_OPTIONS
    return out


def _accepted(dest: str, value: str) -> bool:
    """Whether click takes this option value as it is (else the command line goes to click)."""
    if dest in ("min_level", "fail_level"):
        return value in LEVELS
    if dest == "jobs":
        return re.fullmatch(r"[0-9]+", value) is not None
    spec = PATH_OPTIONS.get(dest)
    if spec is None:
        return True
    import stat

    file_okay, dir_okay, readable = spec
    try:
        st = os.stat(value)
    except OSError:
        return True  # click takes a path that does not exist as it is
    except ValueError:
        return False
    if not file_okay and stat.S_ISREG(st.st_mode) or not dir_okay and stat.S_ISDIR(st.st_mode):
        return False
    return not readable or os.access(value, os.R_OK)
