"""The ``copydesk`` command's start (copydesk.entry): a plain ``check`` command line runs without click
(copydesk.checkrun) with the arguments, output and exit code click would give; anything else goes to click."""

from __future__ import annotations

import io
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from copydesk import cli, console
from copydesk.checkrun import CHECK_OPTIONS, FLAG_OPTIONS, PATH_OPTIONS, VALUE_OPTIONS, parse_check_args
from copydesk.fsutil import package_modules

CHECK = cli.main.commands["check"]
DRAFT = "# Storm hits coast\n\nThe the storm hit. Experts say it was bad.\n"


def _click_params(argv: list[str]) -> dict:
    """What click makes of ``copydesk check ARGS``: the command's parameters and the count after ``--``."""
    ctx = CHECK.make_context("check", list(argv))
    return {**ctx.params, "literal": ctx.meta.get("copydesk.after_dashdash", 0)}


def _fast_params(argv: list[str]) -> dict | None:
    out = parse_check_args(["check", *argv], environ={})
    if out is None:
        return None
    assert out.pop("known_options") is CHECK_OPTIONS
    return out


# ------------------------------------------------------------------------------------- the option tables


def test_the_tables_name_every_option_of_the_click_command_with_its_kind():
    opts = {}
    for p in CHECK.params:
        if isinstance(p, click.Option):
            for name in p.opts:
                opts[name] = p
            for name in p.secondary_opts:
                opts[name] = p
    read_by_click_only = {"--vale-compat", "--vale-config"}
    assert set(VALUE_OPTIONS) | set(FLAG_OPTIONS) == set(opts) - read_by_click_only
    for name, dest in VALUE_OPTIONS.items():
        assert not opts[name].is_flag and opts[name].name == dest, name
        assert opts[name].multiple == (dest == "packs_path"), name
    for name, (dest, value) in FLAG_OPTIONS.items():
        p = opts[name]
        assert p.is_flag and p.name == dest, name
        assert value == (name not in p.secondary_opts), name
    paths = {p.name: p.type for p in CHECK.params if isinstance(p.type, click.Path) and p.name != "paths"}
    paths.pop("vale_config")
    assert {k: (t.file_okay, t.dir_okay, t.readable) for k, t in paths.items()} == PATH_OPTIONS
    assert all(not t.exists and not t.writable and not t.resolve_path for t in paths.values())
    (arg,) = [p for p in CHECK.params if isinstance(p, click.Argument)]
    assert arg.name == "paths" and arg.nargs == -1 and not arg.type.readable and not arg.type.exists
    # (click also names the argument 'paths'; only words starting with '-' are compared with them)
    assert CHECK_OPTIONS == {n for n in cli.option_names(CHECK) if n.startswith("-")}


# ------------------------------------------------------------------------------- same reading as click


ACCEPTED = [
    [],
    ["draft.md"],
    ["-", "--stdin-filename", "x.html"],
    ["--format", "json", "-o", "report.json", "a.md", "b.md"],
    ["--format=sarif", "--output=r.sarif", "--jobs=2", "docs"],
    ["-f", "concise", "-j", "0", "-v", "--no-color", "--color", "a.md"],
    ["--min-level", "warning", "--fail-level", "error", "--no-cache", "--no-user-cache", "a.md"],
    ["--packs-path", "p1", "--packs-path=p2", "--config", "c.yaml", "--cache-dir", "cachedir"],
    ["--max-file-size", "10kB", "--diff-from", "HEAD~1", "--verbose"],
    ["--fix", "--baseline", "b.json", "a.md"],
    ["--diff", "--write-baseline", "b.json"],
    ["a.md", "--", "-", "--format", "-x"],
    ["--", "--"],
    ["--format", "json", "--format", "text", "--jobs", "3", "--jobs", "007", ""],
    ["--format="],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=lambda a: " ".join(a) or "(none)")
def test_accepted_command_lines_give_the_parameters_click_gives(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "c.yaml").write_text("packs: [hygiene]\n")
    fast = _fast_params(argv)
    assert fast is not None
    assert fast == _click_params(argv)


DECLINED = [
    ["--help"],
    ["-h"],
    ["--vale-compat", "a.md"],
    ["--vale-config", ".vale.ini"],
    ["--formats", "json"],  # no such option: click says so
    ["-fjson"],  # a cluster of short options
    ["-vf", "json"],
    ["-f=json"],
    ["--no-cache=yes"],
    ["--format"],  # no value
    ["--output", "-"],  # a value starting with '-'
    ["--output", "--", "a.md"],
    ["--min-level", "Warning"],
    ["--fail-level", "fatal"],
    ["--jobs", "-1"],
    ["--jobs", "two"],
    ["--jobs", " 2"],
    ["--jobs="],
    ["-x"],
    ["--output", "docs"],  # a folder: click refuses it
    ["--cache-dir", "c.yaml"],  # a file: click refuses it
]


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a))
def test_other_command_lines_go_to_click(argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "c.yaml").write_text("packs: [hygiene]\n")
    assert _fast_params(argv) is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_config_goes_to_click(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text("packs: [hygiene]\n")
    os.chmod(tmp_path / "c.yaml", 0)
    assert _fast_params(["--config", "c.yaml"]) is None


def test_other_commands_and_shell_completion_go_to_click():
    assert parse_check_args([], environ={}) is None
    assert parse_check_args(["rules"], environ={}) is None
    assert parse_check_args(["--version"], environ={}) is None
    assert parse_check_args(["Check", "a.md"], environ={}) is None
    assert parse_check_args(["check", "a.md"], environ={"_COPYDESK_COMPLETE": "bash_complete"}) is None
    assert parse_check_args(["check", "a.md"], environ={"HOME": "/x"}) is not None


def test_windows_command_lines_go_to_click(monkeypatch):
    monkeypatch.setattr(os, "name", "nt")  # click expands wildcards there
    assert parse_check_args(["check", "*.md"], environ={}) is None


# ---------------------------------------------------------------------------- whole runs, both ways


def _run(tmp_path: Path, via: str, argv: list[str], stdin: str | None = None):
    """``copydesk ARGV`` in a fresh interpreter, started the way the console script starts (``via`` is
    ``entry`` for copydesk.entry, ``cli`` for the click group), with the program name 'copydesk'."""
    script = tmp_path / via / "copydesk"
    if not script.exists():
        script.parent.mkdir()
        script.write_text(f"import sys\nfrom copydesk.{via} import main\nsys.exit(main())\n")
    env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    env.pop("GITHUB_ACTIONS", None)
    out = subprocess.run(
        [sys.executable, str(script), *argv],
        cwd=tmp_path / "work",
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    return out.returncode, out.stdout, out.stderr


RUNS = [
    (["check", "draft.md"], 1),
    (["check", "--format", "json", "--no-cache", "draft.md"], 1),
    (["check", "--min-level", "error", "draft.md"], 1),  # hidden findings still fail the run
    (["check", "--min-level", "error", "--fail-level=error", "draft.md"], 0),
    (["check", "-f", "concise", "-", "--stdin-filename", "in.md"], 1),
    (["check", "--", "--format"], 2),  # an option after '--' that names no file
    (["check", "missing.md"], 2),
    (["check", "--format", "yaml", "draft.md"], 2),
    (["check", "--jobs", "many", "draft.md"], 2),  # click's usage error
    (["check", "--formats", "json", "draft.md"], 2),
    (["check", "--help"], 0),
]


@pytest.mark.parametrize("argv,code", RUNS, ids=lambda a: " ".join(a) if isinstance(a, list) else str(a))
def test_a_run_writes_and_exits_as_the_click_command_does(tmp_path, argv, code):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "draft.md").write_text(DRAFT)
    fast = _run(tmp_path, "entry", argv, stdin=DRAFT)
    slow = _run(tmp_path, "cli", argv, stdin=DRAFT)
    assert fast == slow
    assert fast[0] == code, fast[2]
    if argv == ["check", "draft.md"]:
        assert "3:1" in fast[1] and "hygiene.Doubled" in fast[1]


def test_a_plain_check_never_imports_click_and_a_help_request_does(tmp_path):
    """And the collector: off while the rules load; when the draft is linted, what start-up built is frozen
    and collection is on; on at the end however the run ends; untouched for everything click runs."""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "draft.md").write_text(DRAFT)
    probe = (
        "import gc, sys, runpy\n"
        "from copydesk import api\n"
        "seen = []\n"
        "lint = api.lint_paths\n"
        "def lint_paths(*a, **k):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 1000))\n"
        "    return lint(*a, **k)\n"
        "api.lint_paths = lint_paths\n"
        "try:\n    runpy.run_module('copydesk.entry', run_name='__main__')\n"
        "except SystemExit as e:\n    code = e.code\n"
        "print('CLICK' if 'click' in sys.modules else 'NOCLICK', code, gc.isenabled(), seen, file=sys.stderr)\n"
    )
    (tmp_path / "probe.py").write_text(probe)
    for argv, expected in (
        (["check", "--no-cache", "draft.md"], "NOCLICK 1 True [(True, True)]"),
        (["check", "-h"], "CLICK 0 True []"),
        (["check", "--no-cache", "--format", "yaml", "draft.md"], "NOCLICK 2 True []"),  # ends before
    ):
        out = subprocess.run(
            [sys.executable, str(tmp_path / "probe.py"), *argv],
            cwd=tmp_path / "work",
            capture_output=True,
            text=True,
        )
        assert out.stderr.strip().splitlines()[-1] == expected, out.stderr


# ------------------------------------------------------------------------------------------ helpers


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self.tty = tty
        self._enc = encoding

    @property
    def encoding(self):
        return self._enc

    def isatty(self) -> bool:
        return self.tty


def test_echo_without_click_strips_styles_off_a_terminal_as_click_echo_does(monkeypatch):
    monkeypatch.delitem(sys.modules, "click")
    styled = "\x1b[1m\x1b[31merror\x1b[0m here"
    pipe, tty = _Stream(tty=False), _Stream(tty=True)
    monkeypatch.setattr(sys, "stdout", pipe)
    console.echo(styled, nl=False)
    monkeypatch.setattr(sys, "stderr", tty)
    console.echo(styled, err=True)
    assert pipe.getvalue() == "error here"
    assert tty.getvalue() == styled + "\n"
    assert "click" not in sys.modules
    # A stream in ASCII is left to click.echo, which replaces its encoding.
    ascii_pipe = _Stream(tty=False, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_pipe)
    console.echo("caf\u00e9")
    assert "click" in sys.modules


@pytest.mark.parametrize(
    "pkg", ["copydesk.kinds", "copydesk.reporters", "copydesk.analysis", "copydesk.vale"]
)
def test_package_modules_lists_what_pkgutil_lists(pkg):
    mod = __import__(pkg, fromlist=["_"])
    assert package_modules(mod.__path__) == [i.name for i in pkgutil.iter_modules(mod.__path__)]


def test_the_console_script_ends_a_finished_check_at_once_with_its_output_and_exit_code(tmp_path):
    """``copydesk.entry.run`` (the console script) ends a finished ``check`` with ``os._exit`` (atexit
    handlers, which the interpreter's ordinary exit runs, do not run), after flushing the report; click's
    commands, and a run that fails before linting, end the ordinary way with the same output."""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "draft.md").write_text(DRAFT)
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('ATEXIT', file=sys.stderr))\n"
        "from copydesk.entry import run\n"
        "sys.argv[0] = 'copydesk'\n"
        "run()\n"
    )
    (tmp_path / "probe.py").write_text(probe)
    runs = (
        (["check", "--no-cache", "draft.md"], 1, False),
        (["check", "--no-cache", "--format", "json", "-o", "out.json", "draft.md"], 1, False),
        (["check", "--no-cache", "--format", "yaml", "draft.md"], 2, False),  # refused by run_check itself
        (["check", "-h"], 0, True),  # click
        (["rules"], 0, True),
    )
    for argv, code, ordinary in runs:
        env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
        env.pop("GITHUB_ACTIONS", None)
        env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
        quick = subprocess.run(
            [sys.executable, str(tmp_path / "probe.py"), *argv],
            cwd=tmp_path / "work",
            env=env,
            capture_output=True,
            text=True,
        )
        slow = _run(tmp_path, "entry", argv)
        assert quick.returncode == slow[0] == code, (argv, quick.stderr)
        assert quick.stdout == slow[1], argv
        assert quick.stderr.replace("ATEXIT\n", "") == slow[2], argv
        assert ("ATEXIT" in quick.stderr) == ordinary, argv
    report = json.loads((tmp_path / "work" / "out.json").read_text())
    assert any(d["rule"] == "hygiene.Doubled" and d["line"] == 3 for d in report["diagnostics"])


def test_the_console_script_is_entry_run():
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["copydesk"] == "copydesk.entry:run"
