"""Safe and bounded on every input (issue 13): no file written that was not asked for, nothing read outside
the folders given, an untrusted cache, output safe for its reader, only regular files as drafts, processes
that end together. See docs/reliability.md, "Safety".

Every case asserts the exit code and what the user is told, and, where files are involved, that no file
outside the report changed (``_snapshot``) and that nothing outside the checked folder was read
(``reads``).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import copydesk.api
from copydesk.cli import main

DOUBLED = "hygiene.Doubled"
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def run(args, input=None, env=None, cache=False):
    extra = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, ["check", *extra, "--jobs", "1", *args], input=input, env=env)


def run_json(args, input=None, env=None, cache=False):
    res = run(["--format", "json", *args], input=input, env=env, cache=cache)
    return res, json.loads(res.stdout)


def hits(data, rule=DOUBLED):
    return [(d["path"], d["line"], d["column"]) for d in data["diagnostics"] if d["rule"] == rule]


def _snapshot(root: Path) -> dict:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink() or not p.is_file():
            continue
        out[p] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


@pytest.fixture
def reads(monkeypatch):
    """Every path copydesk opens as a draft, resolved."""
    seen: list[str] = []
    real = copydesk.api.read_bytes

    def recording(path, shown, *args, **kwargs):
        seen.append(os.path.realpath(path))
        return real(path, shown, *args, **kwargs)

    monkeypatch.setattr(copydesk.api, "read_bytes", recording)
    return seen


def _inside(path: str, root: Path) -> bool:
    root_s = os.path.realpath(root)
    return path == root_s or path.startswith(root_s + os.sep)


# ---------------------------------------------------------------------------------------------------------
# 1. Writes not asked for


def test_file_names_after_double_dash_are_never_options_or_stdin(tmp_path, monkeypatch):
    """The hook's command line: `copydesk check -- NAMES`. A staged `--output=README.md` is a draft."""
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text("# Read me\n\nFine.\n")
    Path("--output=README.md").write_text("The the planted file.\n")
    Path("-").write_text("A file named dash: the the end.\n")
    Path("notes.md").write_text("Notes.\n")
    before = _snapshot(tmp_path)
    res, data = run_json(["--", "--output=README.md", "notes.md", "-"], input="stdin is not read: the the\n")
    assert res.exit_code == 1
    assert sorted(hits(data)) == [("-", 1, 20), ("--output=README.md", 1, 1)]
    assert _snapshot(tmp_path) == before  # README.md untouched, nothing written
    # Before '--', '-' is stdin; './-' is the file anywhere.
    res, data = run_json(["--stdin-filename", "in.md", "-", "./-"], input="From stdin: the the end.\n")
    assert sorted(hits(data)) == [("-", 1, 20), ("in.md", 1, 13)]
    assert res.exit_code == 1


def test_an_option_after_double_dash_is_refused_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n")
    res = run(["--", "--fail-level", "error", "a.md"])
    assert res.exit_code == 2
    assert res.stderr == (
        "copydesk: error: '--fail-level' comes after '--', so it is read as a file name, and there is no such "
        "file; put options before '--' (in a pre-commit hook: in `entry:`, or in .copydesk.yaml)\n"
    )


@POSIX
def test_cache_folder_that_is_a_symlink_is_refused(tmp_path, monkeypatch):
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "keep.md").write_text("Outside.\n")
    monkeypatch.chdir(project)
    monkeypatch.delenv("COPYDESK_NO_CACHE")
    Path("a.md").write_text("The the end.\n")
    os.symlink(outside, ".copydesk_cache")
    before = _snapshot(tmp_path)
    res = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "json", "a.md"])
    assert res.exit_code == 1
    assert hits(json.loads(res.stdout)) == [("a.md", 1, 1)]
    assert (
        res.stderr == f"copydesk: notice: result cache not used: {project / '.copydesk_cache'} is a symlink\n"
    )
    assert sorted(p.name for p in outside.iterdir()) == ["keep.md"]  # no .gitignore, no v1/
    assert _snapshot(tmp_path) == before


@POSIX
def test_cache_subfolders_planted_as_symlinks_are_never_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.md").write_text("The the end.\n")
    Path("elsewhere").mkdir()
    Path("elsewhere/victim.md").write_text("Do not touch.\n")
    (tmp_path / "cache" / "v1").mkdir(parents=True)
    for i in range(256):  # every entry folder a key can land in
        os.symlink(tmp_path / "elsewhere", tmp_path / "cache" / "v1" / f"{i:02x}")
    before = _snapshot(tmp_path / "elsewhere")
    for _ in range(2):
        res = run_json(["drafts"], cache=True, env={"COPYDESK_CACHE_DIR": "cache"})[0]
        assert res.exit_code == 1
    assert _snapshot(tmp_path / "elsewhere") == before
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["victim.md"]


@POSIX
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_cache_folder_of_another_user_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    Path("cache").mkdir()
    os.chown("cache", 65534, 65534)
    res = run(["--format", "json", "--cache-dir", "cache", "a.md"], cache=True)
    assert res.exit_code == 1
    assert "copydesk: notice: result cache not used: cache belongs to another user\n" in res.stderr
    assert list(Path("cache").iterdir()) == []


def test_cache_write_on_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    for i in range(5):
        Path(f"drafts/d{i}.md").write_text(f"Draft {i}: the the end.\n")
    import copydesk.cache as cache_mod

    def full(fd, raw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_mod, "write_all", full)
    res = run(["--format", "json", "--cache-dir", "cache", "drafts"], cache=True)
    assert res.exit_code == 1
    assert len(hits(json.loads(res.stdout))) == 5
    leftovers = [p for p in Path("cache").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert [p for p in Path("cache").rglob("*.json")] == []


def test_output_never_names_an_input_stdin_filename_included(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    before = _snapshot(tmp_path)
    for args in (
        ["--stdin-filename", "a.md", "-o", "a.md", "-"],
        ["--stdin-filename", "a.md", "-o", "a.md", "-", "a.md"],
        ["--stdin-filename", "./sub/../a.md", "-o", "a.md", "-"],
        ["-o", str(tmp_path / "a.md"), "."],
    ):
        res = run(args, input="The the end.\n")
        assert res.exit_code == 2, args
        assert res.stderr.endswith("is one of the drafts being checked; refusing to overwrite it\n"), args
        assert _snapshot(tmp_path) == before
    os.link("a.md", "hard.txt")  # the same file under another name
    res = run(["-o", "hard.txt", "a.md"])
    assert res.exit_code == 2
    assert (
        res.stderr
        == "copydesk: error: --output hard.txt is one of the drafts being checked; refusing to overwrite it\n"
    )
    assert Path("a.md").read_text() == "The the end.\n"


@POSIX
def test_output_file_gets_the_umask_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    old = os.umask(0o022)
    try:
        res = run(["--format", "json", "-o", "report.json", "a.md"])
        assert res.exit_code == 1
        assert stat.S_IMODE(os.stat("report.json").st_mode) == 0o644
        os.umask(0o077)
        os.chmod("report.json", 0o640)  # an existing report keeps its mode, as with `>`
        run(["--format", "json", "-o", "report.json", "a.md"])
        assert stat.S_IMODE(os.stat("report.json").st_mode) == 0o640
        run(["--format", "json", "-o", "new.json", "a.md"])
        assert stat.S_IMODE(os.stat("new.json").st_mode) == 0o600
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "new.json", "report.json"]


def test_a_report_written_into_the_checked_folder_does_not_break_the_next_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    for _ in range(2):
        res = run(["-o", "report.txt", "."])
        assert res.exit_code == 1, res.stderr
        assert res.stderr == ""
        report = Path("report.txt").read_text()
        assert report.startswith("a.md\n  1:1  warning  hygiene.Doubled")
        assert "in 1 file" in report  # report.txt itself is not checked


# ---------------------------------------------------------------------------------------------------------
# 2. Reads not asked for


@POSIX
def test_the_walk_never_leaves_its_folder(tmp_path, monkeypatch, reads):
    root, outside = tmp_path / "site", tmp_path / "outside"
    (root / "posts").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("Outside: the the secret.\n")
    (root / "posts" / "a.md").write_text("The the end.\n")
    os.symlink(outside, root / "posts" / "link-out")  # a folder outside: not followed
    os.symlink("/", root / "slash")  # the whole file system: not followed
    os.symlink(outside / "secret.md", root / "secret.md")  # a file outside: not read
    os.symlink(root / "posts", root / "again")  # inside the root: the same folder once
    os.symlink("a.md", root / "posts" / "alias.md")  # a file link inside the root: read
    monkeypatch.chdir(tmp_path)
    started = time.process_time()
    res, data = run_json(["site"])
    assert time.process_time() - started < 20
    assert res.exit_code == 1
    assert sorted(hits(data)) == [("site/posts/a.md", 1, 1), ("site/posts/alias.md", 1, 1)]
    assert sorted(data["notices"]) == [
        "site/posts/link-out: symlink to a folder outside site; not followed",
        "site/secret.md: symlink to a file outside site; not read",
        "site/slash: symlink to a folder outside site; not followed",
    ]
    assert reads and all(_inside(p, root) for p in reads), reads


@POSIX
def test_walked_fifos_devices_and_sockets_are_skipped_with_a_notice(tmp_path, monkeypatch, reads):
    import socket

    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    Path("d/a.md").write_text("The the end.\n")
    os.mkfifo("d/pipe.md")
    os.symlink("/dev/zero", "d/zero.md")  # a device outside the folder: a link out, not read
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("d/sock.md")
        res, data = run_json(["d"])
    finally:
        sock.close()
    assert res.exit_code == 1
    assert hits(data) == [("d/a.md", 1, 1)]
    assert data["notices"] == [
        "d/pipe.md: is a FIFO (named pipe), not a regular file; skipped",
        "d/sock.md: is a socket, not a regular file; skipped",
        "d/zero.md: symlink to a file outside d; not read",
    ]
    assert [os.path.basename(p) for p in reads] == ["a.md"]


@POSIX
def test_named_fifo_and_device_are_errors_and_the_others_are_still_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.md")
    Path("a.md").write_text("The the end.\n")
    started = time.monotonic()
    res, data = run_json(["pipe.md", "/dev/zero", "a.md"])
    assert time.monotonic() - started < 30  # no hang on the FIFO, no endless read of /dev/zero
    assert res.exit_code == 2
    assert data["errors"] == [
        "/dev/zero: is a device, not a regular file; not checked",
        "pipe.md: is a FIFO (named pipe), not a regular file; not checked",
    ]
    assert hits(data) == [("a.md", 1, 1)]


def test_size_limit_for_files_and_stdin(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("big.md").write_text("word " * 300_000)  # 1.5 MB
    Path("a.md").write_text("The the end.\n")
    res, data = run_json(["--max-file-size", "1MB", "big.md", "a.md", "-"], input="x" * (2 << 20))
    assert res.exit_code == 2
    limit = "larger than the 1 MB limit for one draft; not checked (--max-file-size changes the limit)"
    assert data["errors"] == [f"big.md: {limit}", f"stdin.md: {limit}"]
    assert hits(data) == [("a.md", 1, 1)]
    res, data = run_json(["--max-file-size", "2MB", "big.md"])
    assert res.exit_code != 2 and data["errors"] == []
    res = run(["--max-file-size", "lots", "a.md"])
    assert res.exit_code == 2
    assert res.stderr == (
        "copydesk: error: --max-file-size: not a size: 'lots' (examples: 50MB, 512kB, 0 for no limit)\n"
    )


def test_a_file_that_grows_past_the_limit_while_read_is_stopped(tmp_path):
    from copydesk.source import SourceError, read_stream

    class Endless:
        def read(self, n):
            return b"\0" * n

    with pytest.raises(SourceError, match="stdin: larger than the 64 kB limit"):
        read_stream(Endless(), "stdin", 64 * 1024)


@POSIX
def test_pack_folder_symlinked_outside_needs_consent(tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere" / "house"
    outside.mkdir(parents=True)
    (outside / "Word.yml").write_text("extends: existence\nmessage: \"'%s'\"\ntokens: [zork]\n")
    project = tmp_path / "project"
    (project / "packs").mkdir(parents=True)
    os.symlink(outside, project / "packs" / "house")
    monkeypatch.chdir(project)
    Path(".git").mkdir()
    Path("a.md").write_text("A zork here.\n")
    Path(".copydesk.yaml").write_text("packs_path: [packs]\n")
    res = run(["a.md"])
    assert res.exit_code == 2
    assert res.stderr == (
        f"copydesk: error: {project / '.copydesk.yaml'}:1: pack 'house': '{project / 'packs' / 'house'}' leads "
        f"outside the project folder {project} through a symlink; set allow_outside_packs: true to load it\n"
    )
    Path(".copydesk.yaml").write_text("packs_path: [packs]\nallow_outside_packs: true\n")
    res, data = run_json(["a.md"])
    assert hits(data, "house.Word") == [("a.md", 1, 3)]


def test_config_discovery_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".copydesk.yaml").write_text("packs: [sourcing]\n")  # above the repository: never used
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "docs" / "a.md").write_text("The the end.\n")
    monkeypatch.chdir(repo / "docs")
    res, data = run_json(["-v", "a.md"])
    assert res.exit_code == 1
    assert hits(data) == [("a.md", 1, 1)]
    assert res.stderr.splitlines()[0] == (
        f"copydesk: config: none found (looked in {repo / 'docs'} up to the repository root {repo}); "
        "using the defaults"
    )
    (repo / ".copydesk.yaml").write_text("packs: [hygiene]\n")
    res, data = run_json(["--verbose", "a.md"])
    assert res.stderr.splitlines()[0] == (
        f"copydesk: config: {repo / '.copydesk.yaml'} (looked in {repo / 'docs'} up to the repository root "
        f"{repo})"
    )
    assert {d["rule"].split(".")[0] for d in data["diagnostics"]} == {"hygiene"}
    # Outside any repository only the current folder is looked at.
    plain = tmp_path / "plain" / "sub"
    plain.mkdir(parents=True)
    (plain / "a.md").write_text("The the end.\n")
    monkeypatch.chdir(plain)
    res, data = run_json(["-v", "a.md"])
    assert res.stderr.splitlines()[0] == (
        f"copydesk: config: none found (looked in {plain} only (not inside a git repository)); using the "
        "defaults"
    )
    assert hits(data) == [("a.md", 1, 1)]


# ---------------------------------------------------------------------------------------------------------
# 3. The cache is untrusted input


def _cached_run(args=("a.md",)):
    return run_json(["--cache-dir", "cache", *args], cache=True)


def _entries():
    return sorted(p for p in Path("cache").rglob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e["diagnostics"][0].__setitem__(0, "x"),  # line: "x"
        lambda e: e["diagnostics"][0].__setitem__(5, "fatal"),  # unknown severity
        lambda e: e["diagnostics"][0].__setitem__(2, None),  # rule: null
        lambda e: e["diagnostics"][0].__setitem__(2, "made.Up"),  # unknown rule
        lambda e: e["diagnostics"][0].__setitem__(0, 99),  # a line the draft does not have
        lambda e: e.__setitem__("path", "b.md"),  # another file's path
        lambda e: e.__setitem__("key", "0" * 64),  # another entry's key
        lambda e: e.__setitem__("facts", []),
        lambda e: e.__setitem__("facts", {"__suppressions__": {"__suppressions__": [["a", 1, None, []]]}}),
        lambda e: e.__setitem__("extra", 1),
    ],
)
def test_cache_entries_with_anything_off_are_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    first, data = _cached_run()
    assert first.exit_code == 1 and hits(data) == [("a.md", 1, 1)]
    (entry,) = _entries()
    content = json.loads(entry.read_text())
    damage(content)
    entry.write_text(json.dumps(content))
    for _ in range(2):  # ignored, then rebuilt
        res, again = _cached_run()
        assert res.exit_code == 1, res.stderr
        assert again == data
    assert json.loads(entry.read_text())["path"] == "a.md"


def test_a_planted_cache_copied_from_elsewhere_is_not_trusted(tmp_path, monkeypatch):
    """A well-formed entry with its findings removed, in a cache folder made elsewhere (committed to a
    repository, unpacked, copied): the folder's stamp does not match, so its entries are never looked up."""
    import shutil

    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    _cached_run()
    for entry in _entries():
        content = json.loads(entry.read_text())
        content["diagnostics"] = []
        entry.write_text(json.dumps(content))
    shutil.move("cache", "planted")
    shutil.copytree("planted", "cache")
    res, data = _cached_run()
    assert res.exit_code == 1
    assert hits(data) == [("a.md", 1, 1)]


def test_an_oversized_cache_entry_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    _cached_run()
    (entry,) = _entries()
    with open(entry, "r+b") as fh:  # 500 MB, sparse: it takes no disk space
        fh.truncate(500 * 1024 * 1024)
    import copydesk.cache as cache_mod

    class NoLoads:
        dumps = staticmethod(json.dumps)

        @staticmethod
        def loads(raw, **kwargs):
            if len(raw) > 4096:  # the stamp is small; the entry must not be parsed
                pytest.fail("an oversized entry was parsed")
            return json.loads(raw, **kwargs)

    monkeypatch.setattr(cache_mod, "json", NoLoads)
    started = time.process_time()
    res, data = _cached_run()
    assert time.process_time() - started < 10
    assert res.exit_code == 1 and hits(data) == [("a.md", 1, 1)]


def test_the_cache_is_kept_under_its_size_cap(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d").mkdir()
    for i in range(40):
        Path(f"d/{i}.md").write_text(f"Draft {i}: the the end.\n" * 20)
    monkeypatch.setenv("COPYDESK_CACHE_MAX_SIZE", "20kB")
    res, data = _cached_run(["d"])
    assert res.exit_code == 1 and len(hits(data)) == 800
    total = sum(p.stat().st_size for p in _entries())
    assert 0 < total <= 20 * 1024
    res2, data2 = _cached_run(["d"])
    assert data2 == data


# ---------------------------------------------------------------------------------------------------------
# 4. Output safe for its reader


@pytest.mark.skipif(sys.platform != "linux", reason="file names with line breaks")
def test_no_workflow_command_can_be_injected_through_stderr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "b\n::error::X\n.md"
    Path(name).write_bytes(b"\x00binary")  # a notice names the file on stderr
    Path("missing\n::error::Y.md").mkdir()  # a folder: an error naming it
    res = run([name, "missing\n::error::Y.md/none.md"], env={"GITHUB_ACTIONS": "true"})
    assert res.exit_code == 2
    for stream in (res.stdout, res.stderr):
        for line in stream.splitlines():
            assert not line.startswith("::") or line.startswith(
                ("::error file=", "::warning file=", "::notice file=")
            ), line
    assert (
        "copydesk: notice: b\\n::error::X\\n.md: looks like a binary file (NUL byte at byte 0); skipped"
        in res.stderr
    )
    assert res.stdout.count("\n") == 1  # one ::error line for the missing file, escaped
    assert res.stdout.startswith("::error file=missing%0A%3A%3Aerror%3A%3AY.md/none.md,title=copydesk::")


def test_control_characters_in_text_output_are_shown_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("esc\x1b[2J.md").write_text("Title \x1b]0;owned\x07 here: the the \x9b31m end.\n")
    res = run(["--no-color", "."])
    assert res.exit_code == 1
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout and "\x9b" not in res.stdout
    lines = res.stdout.splitlines()
    assert lines[0] == "esc\\x1b[2J.md"
    assert lines[1].startswith("  1:24  warning  hygiene.Doubled  ")
    assert lines[2] == "    Title \\x1b]0;owned\\x07 here: the the \\x9b31m end."
    assert lines[3] == "    " + " " * len("Title \\x1b]0;owned\\x07 here: ") + "^" * 7


# ---------------------------------------------------------------------------------------------------------
# 6. Processes end together


REPO = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _slow_run(tmp_path: Path, *extra: str, session: bool = False) -> tuple[subprocess.Popen, list[int]]:
    """A real run with two workers over drafts that take a while; returns it once its workers exist.

    Each draft takes its worker seconds (about 1 MB): no draft is done, and none of its findings printed,
    within the second this waits after the workers start, even on a quick machine (with 240 KB drafts a
    quiet machine printed the first draft's findings before the signal came)."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    para = "The council met on Tuesday to discuss the the budget, and experts say it will rise. " * 40
    for i in range(24):
        (drafts / f"d{i}.md").write_text(f"# Draft {i}\n\n" + (para + "\n\n") * 300)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "copydesk.cli", "check", "--no-cache", "--jobs", "2", *extra, str(drafts)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=session,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(1.0)
    return proc, workers


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    "sig,code,message",
    [
        (signal.SIGINT, 130, "copydesk: interrupted (Ctrl-C); no report written\n"),
        (signal.SIGTERM, 143, "copydesk: terminated (SIGTERM); no report written\n"),
    ],
)
def test_ctrl_c_and_sigterm_end_the_run_and_its_workers(tmp_path, sig, code, message):
    proc, workers = _slow_run(tmp_path, session=True)
    if sig == signal.SIGINT:  # Ctrl-C in a terminal signals the whole foreground process group
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err == message
    assert out == ""
    assert _gone(workers, 10), "workers outlived the run"


#: ``copydesk check`` whose pool workers take seconds to reach their initializer, as on a loaded machine.
_SLOW_WORKER_START = """
import sys, time
from copydesk import api
real = api._worker_init
def slow(parent):
    time.sleep(3.0)
    real(parent)
api._worker_init = slow
sys.argv = ["copydesk", *sys.argv[1:]]
from copydesk.entry import main
main()
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    "sig,code,message",
    [
        (signal.SIGINT, 130, "copydesk: interrupted (Ctrl-C); no report written\n"),
        (signal.SIGTERM, 143, "copydesk: terminated (SIGTERM); no report written\n"),
    ],
)
def test_a_signal_before_the_workers_have_started_prints_only_the_one_line(tmp_path, sig, code, message):
    """The workers were forked with the parent's handlers: a signal before their initializer ran raised
    in them and printed an "Exception in initializer" traceback per worker."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(8):
        (drafts / f"d{i}.md").write_text(f"# Draft {i}\n\nThe the end.\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WORKER_START, "check", "--no-cache", "--jobs", "2", str(drafts)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool did not start"
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # the workers get it too, while still in their slow start
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err, out) == (code, message, "")
    assert _gone(workers, 10), "workers outlived the run"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_die_with_a_killed_parent(tmp_path):
    proc, workers = _slow_run(tmp_path)
    proc.kill()  # SIGKILL: no cleanup in the parent at all
    proc.communicate(timeout=60)
    assert _gone(workers, 10), "workers outlived a parent killed with SIGKILL"


# ---------------------------------------------------------------------------------------------------------
# 7. A named file that cannot be opened


def test_a_named_file_that_cannot_be_opened_is_reported_and_the_others_checked(tmp_path, monkeypatch):
    """Works as root too: a path through a file (ENOTDIR) cannot be opened by anyone."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n")
    Path("b.md").write_text("Also the the end.\n")
    before = _snapshot(tmp_path)
    res, data = run_json(["a.md/draft.md", "b.md", "a.md"])
    assert res.exit_code == 2
    assert data["errors"] == ["a.md/draft.md: cannot read (Not a directory)"]
    assert sorted(hits(data)) == [("a.md", 1, 1), ("b.md", 1, 6)]
    assert _snapshot(tmp_path) == before


@POSIX
def test_a_named_unreadable_file_without_root_override(tmp_path, monkeypatch):
    """chmod 000, read by an unprivileged user: as root the check runs in a forked child that has dropped to
    `nobody` (everything it needs is imported before, since nobody may not read the interpreter's files)."""
    work = tmp_path / "perm"
    work.mkdir()
    (work / "locked.md").write_text("The the end.\n")
    (work / "open.md").write_text("The the end.\n")
    os.chmod(work / "locked.md", 0)
    for folder in (work, *work.parents):  # nobody must reach the folder
        if folder == Path("/"):
            break
        os.chmod(folder, os.stat(folder).st_mode | 0o055)
    monkeypatch.chdir(work)
    args = ["--format", "json", "locked.md", "open.md"]
    run_json(args)  # import everything the run needs
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, send the result
        code = 99
        try:
            os.close(read_fd)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            res = run(args)
            os.write(write_fd, json.dumps([res.exit_code, res.stdout, res.stderr]).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        raw = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    exit_code, out, err = json.loads(raw)
    assert exit_code == 2, err
    assert err == "copydesk: locked.md: permission denied\n"
    data = json.loads(out)
    assert data["errors"] == ["locked.md: permission denied"]
    assert hits(data) == [("open.md", 1, 1)]


# ---------------------------------------------------------------------------------------------------------
# 8. Minor cases


def test_enabled_must_be_true_or_false(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n")
    Path(".copydesk.yaml").write_text("rules:\n  hygiene.Doubled:\n    enabled: maybe\n")
    res = run(["a.md"])
    assert res.exit_code == 2
    assert res.stderr == (
        f"copydesk: error: {tmp_path / '.copydesk.yaml'}:2: rules.hygiene.Doubled: 'enabled' must be true or "
        "false, got 'maybe'\n"
    )


def test_pyproject_tool_that_is_not_a_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n")
    Path("pyproject.toml").write_text('tool = "x"\n')
    res = run(["--config", "pyproject.toml", "a.md"])
    assert res.exit_code == 2
    assert (
        res.stderr
        == "copydesk: error: pyproject.toml:1: 'tool' must be a table ([tool.copydesk]), not a value\n"
    )


@POSIX
def test_packs_path_symlink_loop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n")
    os.symlink("loop2", "loop1")
    os.symlink("loop1", "loop2")
    Path(".copydesk.yaml").write_text("packs_path: [loop1]\n")
    res = run(["a.md"])
    assert res.exit_code == 2
    assert (
        res.stderr
        == f"copydesk: error: {tmp_path / '.copydesk.yaml'}:1: packs_path entry 'loop1': a symlink loop\n"
    )


def test_a_long_plain_list_is_not_an_alias_bomb():
    from copydesk.yamlload import YamlError, load_yaml

    text = "extends: substitution\nmessage: x\nswap:\n" + "".join(f"  - w{i}: r{i}\n" for i in range(70_000))
    data = load_yaml(text, "Big.yml")
    assert len(data["swap"]) == 70_000
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg", strict=True)
    )
    with pytest.raises(YamlError, match="alias bomb"):
        load_yaml(bomb, "Bomb.yml")


# ---------------------------------------------------------------------------------------------------------
# 9. Bounded work and nothing silently skipped


def _pack_every_char(root: Path) -> None:
    pack = root / "packs" / "every"
    pack.mkdir(parents=True)
    (pack / "Char.yml").write_text("extends: existence\nmessage: \"'%s'\"\nlevel: warning\nraw: ['[a-z]']\n")


def test_findings_per_rule_per_file_are_capped_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _pack_every_char(tmp_path)
    Path("a.md").write_text("abcde " * 1000 + "\n")  # 5,000 matches of one rule
    Path("b.md").write_text("Short: the the end.\n")
    res, data = run_json(["--packs-path", "packs", "a.md", "b.md"])
    assert res.exit_code == 1
    in_a = [
        (d["line"], d["column"])
        for d in data["diagnostics"]
        if d["rule"] == "every.Char" and d["path"] == "a.md"
    ]
    assert in_a[:3] == [(1, 1), (1, 2), (1, 3)] and len(in_a) == 1000  # the first 1,000 by position
    assert in_a[-1] == (1, 1000 // 5 * 6 - 1)
    assert data["notices"] == [
        "a.md: every.Char: 4000 more findings not shown (at most 1000 per rule per file; max_findings in the "
        "config changes the limit)"
    ]
    assert len([d for d in data["diagnostics"] if d["rule"] == "every.Char" and d["path"] == "b.md"]) == 13
    Path(".copydesk.yaml").write_text("max_findings: 0\n")
    Path(".git").mkdir()
    res, data = run_json(["--packs-path", "packs", "a.md"])
    assert len(hits(data, "every.Char")) == 5000 and data["notices"] == []


def test_a_rule_matching_every_character_keeps_memory_flat(tmp_path, monkeypatch):
    """Past twice the cap findings are only counted: the kept list never grows with the matches."""
    from copydesk.config import Config
    from copydesk.engine import Linter
    from copydesk.rules import load_pack
    from copydesk.source import from_text

    _pack_every_char(tmp_path)
    (rule,) = load_pack("every", tmp_path / "packs" / "every")
    linter = Linter(Config(max_findings=10), rules=[rule])
    made = []
    real = linter.to_diagnostic

    def counting(*args):
        made.append(1)
        return real(*args)

    monkeypatch.setattr(linter, "to_diagnostic", counting)
    result, _ = linter.lint_source(from_text("abcd " * 20_000, "a.txt"))
    assert len(result.diagnostics) == 10
    assert len(made) == 20  # twice the cap, then counted only
    assert result.notices == [
        "every.Char: 79990 more findings not shown (at most 10 per rule per file; max_findings in the config "
        "changes the limit)"
    ]


def test_a_nul_byte_far_from_the_ends_does_not_drop_a_markdown_block(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pad = "Intro paragraph here.\n\n" * 1000  # the NUL is far from both ends: not a binary file
    for name in ("a.md", "a.txt"):
        Path(name).write_text(pad + "A paragraph with a NUL \0 byte, the the doubled word.\n\n" + pad)
    res, data = run_json(["a.md", "a.txt"])
    assert res.exit_code == 1
    assert hits(data) == [("a.md", 2001, 32), ("a.txt", 2001, 32)]


@pytest.mark.parametrize(
    "text,line,col",
    [
        ("> " * 60 + "Deep: the the end.\n", 1, 127),
        ("".join("  " * i + "- item\n" for i in range(30)) + "  " * 30 + "- Deep: the the end.\n", 31, 69),
    ],
)
def test_deep_blockquotes_and_lists_are_checked(tmp_path, monkeypatch, text, line, col):
    monkeypatch.chdir(tmp_path)
    Path("deep.md").write_text(text)
    res, data = run_json(["deep.md"])
    assert hits(data) == [("deep.md", line, col)]
    assert data["notices"] == []


def test_nesting_deeper_than_copydesk_reads_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deep.md").write_text("Top.\n\n" + "> " * 150 + "Deep: the the end.\n")
    res, data = run_json(["deep.md"])
    assert data["notices"] == [
        "deep.md: blockquotes and lists nested deeper than copydesk reads (about 99 blockquotes or 49 lists) "
        "near line 3; the text below that depth was not checked"
    ]
    assert res.exit_code == 0


def test_the_pool_teardown_race_prints_no_thread_traceback_but_other_thread_errors_still_do(monkeypatch):
    import threading
    from concurrent.futures import InvalidStateError

    from copydesk import checkrun

    seen = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(type(args.exc_value).__name__))
    checkrun._quiet_pool_teardown(threading)
    checkrun._quiet_pool_teardown(threading)  # installed once, not stacked

    class _ExecutorManagerThread(threading.Thread):
        pass

    def run_failing(cls, exc):
        def boom():
            raise exc

        t = cls(target=boom)
        t.start()
        t.join()

    run_failing(_ExecutorManagerThread, InvalidStateError("CANCELLED"))
    run_failing(_ExecutorManagerThread, ValueError("real"))
    run_failing(threading.Thread, InvalidStateError("elsewhere"))
    assert seen == ["ValueError", "InvalidStateError"]
