"""Whole-process speed and memory benchmark: copydesk against proselint on the same Markdown files.

Usage::

    python bench/run.py [CORPUS ...] [--runs N] [--quick] [--draft-runs N] [--no-scale] [--draft-only] [--json FILE]

CORPUS (folders or files) defaults to ``../shared/corpus`` relative to the repo root, WITHOUT its ``small/``
subfolder (a 200-file sample of the other two folders): that is ``corpus/18f`` and ``corpus/digitalgov``,
4,553 files.  ``--quick`` uses ``../shared/corpus/small`` instead.  Every ``*.md`` file below CORPUS is put in
one sorted list and that same list is given, file by file, to every command, so each tool sees exactly the
same files (no directory walking by either tool).

What is timed (wall clock of the whole process: interpreter start, imports, rule loading, all files, report):

1. ``copydesk check --format json`` with the default packs and the default job count;
2. the same with ``--jobs 1``;
3. copydesk with only the ``style`` pack (``--config`` pointing at a temporary ``packs: [style]`` file), if
   that pack exists;
4. ``proselint check`` (0.16) on the same files.

Within each round the commands run one after the other, and the order rotates from round to round so no
command always runs first (or right after the heaviest one).  The median of the rounds is reported with
throughput and peak memory.  Then: one ~5 KB draft end to end (the pre-commit case), copydesk against
proselint, many rounds (copydesk as a pre-commit hook runs it: its cache folder holds the rule packs kept
from earlier runs but no result for the draft; and the same with ``--no-cache``); a linearity check (the
corpus copied 4 times into a temporary folder, copydesk ``--jobs 1`` on 1 copy against 4 copies); and, if
copydesk has a result cache, cache on against off.

Peak memory is reported two ways: ``maxrss`` is the largest resident set of any single process of the command
(GNU ``/usr/bin/time -f %M`` when present, else ``os.wait4``; both fold in reaped worker processes, and the
``wait4`` fallback over-reports commands smaller than this script); ``tree`` is the largest sum of the
resident sets of the command's whole process tree (parent plus pool workers), sampled from ``/proc`` every
50 ms, so it can miss short peaks.  ``tree`` is the figure to hold against a memory budget when a pool runs.

Exit status 1 from either tool means "found problems" and is normal; 2 (or anything else) is a failure and
stops the benchmark with the tool's error output.

Python bytecode: the sandbox this was written in sets ``PYTHONDONTWRITEBYTECODE=1``, which makes every
process compile copydesk's sources again.  That is not what users see, so the commands run with that variable
removed and ``PYTHONPYCACHEPREFIX`` pointing at a temporary folder (a warm-up run fills it; nothing is
written into the repository).  ``--cold-bytecode`` keeps the environment as it is instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
QUICK_CORPUS = DEFAULT_CORPUS / "small"
DRAFT_TARGET_BYTES = 5 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")

# Targets of issue 9 ("one parse, one shared analysis"): (label, key into the ratios, limit). CPU time of the
# whole process tree is the measure (the machine is shared, wall time wanders); wall ratios are printed beside.
TARGETS = [
    ("default packs, --jobs 1: cpu <= 0.35 x proselint", "cpu jobs1/proselint", 0.35),
    ("~5 KB draft end to end: cpu <= 1.5 x proselint", "cpu draft copydesk/proselint", 1.5),
    ("default job count: wall <= the --jobs 1 wall", "default/jobs1", 1.0),
    ("4x corpus: cpu <= 4.4 x the 1x cpu", "cpu 4x/1x", 4.4),
]
RSS_LIMIT_MB = 150.0


# --------------------------------------------------------------------------------------------------- helpers


def die(msg: str) -> None:
    print(f"bench/run.py: {msg}", file=sys.stderr)
    sys.exit(2)


def find_tool(name: str, override: str | None) -> str:
    if override:
        return override
    venv = REPO / ".venv" / "bin" / name
    if venv.exists():
        return str(venv)
    found = shutil.which(name)
    if not found:
        die(f"cannot find the '{name}' command (looked in {REPO / '.venv' / 'bin'} and on PATH)")
    return found


def collect_files(roots: list[Path], skip_small: bool) -> tuple[list[Path], list[str]]:
    """Every *.md below ROOTS, sorted; with SKIP_SMALL a `small/` folder directly under a root is left out."""
    files: set[Path] = set()
    notes: list[str] = []
    for root in roots:
        if root.is_file():
            files.add(root.resolve())
            continue
        if not root.is_dir():
            die(
                f"corpus path {root} is missing (the shared data is at ../shared relative to the repo root; "
                "pass another folder as CORPUS)"
            )
        for dirpath, dirnames, filenames in os.walk(root):
            if skip_small and Path(dirpath) == root and "small" in dirnames and len(dirnames) > 1:
                dirnames.remove("small")
                notes.append(f"left out {root / 'small'} (a sample of the other folders)")
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            files.update(Path(dirpath, f).resolve() for f in filenames if f.endswith(".md"))
    return sorted(files), notes


def machine_info(copydesk: str, proselint: str) -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tool_python = Path(copydesk).with_name("python")

    def out(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"

    mem_total = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_total = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": mem_total,
        "os": f"{platform.system()} {platform.release()}",
        "bench_python": platform.python_version(),
        "tool_python": out([str(tool_python), "--version"]) if tool_python.exists() else "unknown",
        "copydesk": out([copydesk, "--version"]),
        "repo_commit": out(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]) or "unknown",
        "repo_changes": f"{len(out(['git', '-C', str(REPO), 'status', '--porcelain', 'src', 'rules']).splitlines())} "
        "uncommitted files in src/ and rules/",
        "proselint": out([proselint, "version"]),
        "load_average_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# ---------------------------------------------------------------------------------------- process measuring


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name (field 2) may contain spaces: parse after the last ')'
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            vals = [int(v) for v in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return (sum(vals[:8]) - idle) / TICK


def _tree_rss(pid: int) -> int:
    kids = _children_map()
    todo, total = [pid], 0
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(kids.get(p, ()))
    return total


@dataclass
class Run:
    wall: float
    rc: int
    maxrss_mb: float
    tree_mb: float
    stdout: Path
    stderr: Path
    cpu: float = 0.0  # user + system seconds of the command's process tree
    others: float = 0.0  # cores kept busy by other processes on the machine during the run (average)


@dataclass
class Command:
    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0, 1)
    runs: list[Run] = field(default_factory=list)
    #: For copydesk --format json: the number of files the report must cover (a crash also exits 1).
    expect_files: int | None = None

    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    def peak_maxrss(self) -> float:
        return max(r.maxrss_mb for r in self.runs)

    def peak_tree(self) -> float:
        return max(r.tree_mb for r in self.runs)

    def median_cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    def median_others(self) -> float:
        return statistics.median(r.others for r in self.runs)


def _gnu_time() -> str | None:
    """GNU time, if present: its %M is the command's own peak RSS.

    ``os.wait4`` alone over-reports small commands: Linux keeps the pre-exec high-water mark, which for a
    child forked from this script is this script's own resident set.
    """
    exe = "/usr/bin/time"
    if not os.access(exe, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r") as fh:
        ok = subprocess.run([exe, "-f", "%M", "-o", fh.name, "true"], capture_output=True).returncode == 0
        return exe if ok and fh.read().strip().isdigit() else None


GNU_TIME = _gnu_time()


def run_once(cmd: Command, cwd: Path, env: dict, outdir: Path, sample: bool = True) -> Run:
    out_path = outdir / f"{cmd.name.replace(' ', '_').replace('/', '_')}.out"
    err_path = out_path.with_suffix(".err")
    mem_path = out_path.with_suffix(".maxrss")
    argv = [GNU_TIME, "-f", "%M", "-o", str(mem_path), *cmd.argv] if GNU_TIME else cmd.argv
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        busy0 = _busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        peak = [0]
        stop = threading.Event()

        def sampler() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                stop.wait(0.05)

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: take the command's workers down with it
            os.killpg(proc.pid, signal.SIGTERM)
            raise
        wall = time.perf_counter() - start
        busy = _busy_seconds() - busy0
        stop.set()
        if thread:
            thread.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    maxrss_kb = usage.ru_maxrss
    if GNU_TIME:
        try:
            maxrss_kb = int(mem_path.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    run = Run(
        wall,
        proc.returncode,
        maxrss_kb / 1024,
        peak[0] / 1024 / 1024,
        out_path,
        err_path,
        cpu=cpu,
        others=max(0.0, busy - cpu) / wall,
    )
    problem = None
    err_text = err_path.read_text(errors="replace")
    if run.rc not in cmd.ok_codes:
        problem = f"exited with status {run.rc}"
    elif "Traceback (most recent call last)" in err_text:
        problem = "printed a Python traceback"  # an uncaught exception exits 1, like "found problems"
    elif cmd.expect_files is not None:
        files = copydesk_summary(run).get("files")
        if files != cmd.expect_files:
            problem = f"reported {files} files instead of {cmd.expect_files} (or no JSON report)"
    if problem:
        die(f"'{cmd.name}' {problem}:\n  {' '.join(cmd.argv[:8])} ...\n{err_text[-3000:]}")
    return run


def rounds(
    commands: list[Command],
    n: int,
    cwd: Path,
    env: dict,
    outdir: Path,
    label: str,
    before_each=None,
    quiet: bool = False,
) -> None:
    for r in range(n):
        k = r % len(commands)
        order = commands[k:] + commands[:k]
        for cmd in order:
            if before_each:
                before_each(cmd)
            run = run_once(cmd, cwd, env, outdir)
            cmd.runs.append(run)
            if not quiet:
                print(
                    f"  [{label} round {r + 1}/{n}] {cmd.name:<28} {run.wall:8.2f} s  cpu {run.cpu:7.2f} s  "
                    f"others {run.others:4.2f}  rc={run.rc}  maxrss {run.maxrss_mb:4.0f} MB  "
                    f"tree {run.tree_mb:4.0f} MB",
                    flush=True,
                )


# ------------------------------------------------------------------------------------------ tool detection


def check_help(copydesk: str, env: dict) -> str:
    return subprocess.run([copydesk, "check", "--help"], capture_output=True, text=True, env=env).stdout


def style_pack_available(copydesk: str, config: Path, env: dict) -> tuple[bool, str]:
    res = subprocess.run(
        [copydesk, "rules", "--format", "json", "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
    )
    if res.returncode != 0:
        return False, (res.stderr.strip() or res.stdout.strip())[:300]
    try:
        rules = json.loads(res.stdout)["rules"]
    except (ValueError, KeyError, TypeError):
        return False, "could not read 'copydesk rules --format json'"
    n = sum(1 for r in rules if r.get("pack") == "style")
    return (n > 0), f"{n} rules in the style pack"


def copydesk_summary(run: Run) -> dict:
    try:
        return json.loads(run.stdout.read_text())["summary"]
    except (OSError, ValueError, KeyError):
        return {}


def proselint_count(run: Run) -> int:
    # one finding per line in the default "full" format: path:line:col: check: message
    return sum(1 for line in run.stdout.read_text(errors="replace").splitlines() if ".md:" in line)


# ------------------------------------------------------------------------------------------------- report


def fmt_row(c: Command, mb: float, nfiles: int) -> str:
    secs = c.median()
    return (
        f"  {c.name:<28} {secs:8.2f} s  {mb / secs:6.2f} MB/s  {nfiles / secs:6.1f} files/s  "
        f"cpu {c.median_cpu():7.2f} s  maxrss {c.peak_maxrss():4.0f} MB  tree {c.peak_tree():4.0f} MB  "
        f"others {c.median_others():4.2f}  (median of {len(c.runs)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "corpus", nargs="*", type=Path, help="folders or files (default: ../shared/corpus minus small/)"
    )
    ap.add_argument("--runs", type=int, default=3, help="rounds over the corpus (default 3)")
    ap.add_argument("--quick", action="store_true", help="use ../shared/corpus/small")
    ap.add_argument("--draft-runs", type=int, default=21, help="rounds for the ~5 KB draft (default 21)")
    ap.add_argument("--scale-runs", type=int, default=None, help="rounds for the 4x check (default: --runs)")
    ap.add_argument("--no-scale", action="store_true", help="skip the 4x linearity check")
    ap.add_argument(
        "--draft-only",
        action="store_true",
        help="time only the ~5 KB draft (picked from CORPUS as usual): no corpus, linearity or cache rounds",
    )
    ap.add_argument(
        "--cold-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set (every run recompiles copydesk)",
    )
    ap.add_argument("--copydesk", help="copydesk executable (default: the repo's .venv)")
    ap.add_argument("--proselint", help="proselint executable (default: the repo's .venv)")
    ap.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (outputs, copies)")
    args = ap.parse_args()
    if args.runs < 1 or args.draft_runs < 1:
        die("--runs and --draft-runs must be at least 1")

    copydesk = find_tool("copydesk", args.copydesk)
    proselint = find_tool("proselint", args.proselint)

    if args.quick:
        roots, skip_small = [QUICK_CORPUS], False
    elif args.corpus:
        roots, skip_small = args.corpus, True
    else:
        roots, skip_small = [DEFAULT_CORPUS], True
    for root in roots:
        if not root.exists():
            die(
                f"corpus {root} is missing: the benchmark needs the shared corpus (../shared/corpus relative to "
                "the repo root) or a folder of Markdown files given as CORPUS"
            )
    files, notes = collect_files([r.resolve() for r in roots], skip_small)
    if not files:
        die(f"no .md files under {', '.join(map(str, roots))}")

    work = Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    outdir = work / "out"
    outdir.mkdir()
    cwd = work / "cwd"  # an empty folder: no config or .gitignore is found from the working directory
    cwd.mkdir()

    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env.pop("COPYDESK_CACHE_DIR", None)
    env.pop("COPYDESK_NO_USER_CACHE", None)
    # copydesk keeps its per-user tables (syllables, hyphenation patterns, proselint's checks as data) in
    # $XDG_CACHE_HOME/copydesk: a folder of this run's own, filled by the untimed warm-up runs, so the timed
    # runs see a warm user cache that no other process on the machine writes to meanwhile.
    env["XDG_CACHE_HOME"] = str(work / "user-cache")
    env["NO_COLOR"] = "1"
    if not args.cold_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

    try:
        bench(args, copydesk, proselint, roots, files, notes, work, outdir, cwd, env)
    finally:
        if args.keep:
            print(f"scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def bench(args, copydesk, proselint, roots, files, notes, work, outdir, cwd, env) -> None:
    total_bytes = sum(f.stat().st_size for f in files)
    mb = total_bytes / 1e6
    info = machine_info(copydesk, proselint)
    print("== machine")
    for k, v in info.items():
        print(f"  {k:<22} {v}")
    print(
        f"  {'bytecode cache':<22} {'off (as the environment says)' if args.cold_bytecode else 'on (temporary PYTHONPYCACHEPREFIX)'}"
    )
    print("== command")
    print("  " + " ".join([Path(sys.executable).name, "bench/run.py", *sys.argv[1:]]))
    print("== corpus")
    for r in roots:
        print(f"  {r}")
    for n in notes:
        print(f"  {n}")
    print(f"  {len(files)} .md files, {mb:.1f} MB ({total_bytes} bytes), given to each tool as one file list")
    print(f"  scratch folder {work}")

    # warm the page cache so the first timed command does not pay for the disk
    for f in files:
        f.read_bytes()

    # ---- detection
    help_text = check_help(copydesk, env)
    has_no_cache = "--no-cache" in help_text
    has_cache_dir = "--cache-dir" in help_text
    style_cfg = work / "style.copydesk.yaml"
    style_cfg.write_text("packs: [style]\n")
    style_ok, style_note = style_pack_available(copydesk, style_cfg, env)
    print("== detected")
    print(
        f"  copydesk check --no-cache: {'yes' if has_no_cache else 'no (no result cache flag; runs are uncached)'}"
    )
    print(f"  style pack: {'yes, ' + style_note if style_ok else 'not available (' + style_note + ')'}")

    paths = [str(f) for f in files]
    nfiles = len(files)
    no_cache = ["--no-cache"] if has_no_cache else []
    base = [copydesk, "check", "--format", "json", *no_cache]
    commands = [
        Command("copydesk default", [*base, *paths], expect_files=nfiles),
        Command("copydesk --jobs 1", [*base, "--jobs", "1", *paths], expect_files=nfiles),
    ]
    style_cmd = None
    if style_ok:
        style_cmd = Command(
            "copydesk style pack only", [*base, "--config", str(style_cfg), *paths], expect_files=nfiles
        )
        commands.append(style_cmd)
    prose = Command("proselint", [proselint, "check", *paths])
    commands.append(prose)
    cd_default, cd_jobs1 = commands[0], commands[1]

    # ---- the draft (chosen first: its copydesk + proselint runs also warm the bytecode caches)
    draft_src = min(files, key=lambda f: (abs(f.stat().st_size - DRAFT_TARGET_BYTES), str(f)))
    draft = cwd / "draft.md"
    shutil.copyfile(draft_src, draft)
    # The pre-commit case: the project's cache folder holds the kept rule files and compiled patterns
    # (copydesk.compiled) from earlier runs, but no result for this draft (it was just edited): every
    # result entry is removed before each run. The same run with --no-cache (nothing kept) is timed beside it.
    draft_cache = work / "draft-cache"
    warm_args = ["--cache-dir", str(draft_cache)] if has_cache_dir else no_cache
    draft_cmds = [
        Command("draft copydesk", [copydesk, "check", "--no-color", *warm_args, "draft.md"]),
        Command("draft proselint", [proselint, "check", "draft.md"]),
        Command("draft copydesk --no-cache", [copydesk, "check", "--no-color", *no_cache, "draft.md"]),
    ]

    def drop_draft_results(cmd: Command) -> None:
        if cmd is draft_cmds[0] and (draft_cache / "v1").is_dir():
            for sub in (draft_cache / "v1").iterdir():
                if len(sub.name) == 2 and sub.is_dir():  # result entries; v1/compiled is kept
                    shutil.rmtree(sub)

    for c in draft_cmds:  # warm-up, untimed (it also fills the draft's cache folder)
        drop_draft_results(c)
        run_once(c, cwd, env, outdir, sample=False)
    if style_cmd:
        run_once(
            Command("warm style", [*base, "--config", str(style_cfg), "draft.md"]),
            cwd,
            env,
            outdir,
            sample=False,
        )

    if not args.draft_only:
        print(f"== full corpus: {args.runs} rounds, order rotating")
        rounds(commands, args.runs, cwd, env, outdir, "corpus")

    print(
        f"== one draft end to end: {draft_src.name} ({draft_src.stat().st_size} bytes), {args.draft_runs} rounds"
    )
    rounds(draft_cmds, args.draft_runs, cwd, env, outdir, "draft", before_each=drop_draft_results, quiet=True)
    if args.draft_only:
        report_draft_only(draft_cmds)
        return

    # ---- linearity
    scale = None
    if not args.no_scale:
        n_scale = args.scale_runs or args.runs
        x1, x4 = work / "x1", work / "x4"
        print(f"== linearity: copies of the corpus in {work} (copydesk --jobs 1), {n_scale} rounds")
        for copy in range(4):
            for i, f in enumerate(files):
                for dest_root in [x1, x4] if copy == 0 else [x4]:
                    dest = dest_root / f"c{copy}" / f"{i:05d}" / f.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, dest)
        s1 = Command("1x copydesk --jobs 1", [*base, "--jobs", "1", str(x1)], expect_files=nfiles)
        s4 = Command("4x copydesk --jobs 1", [*base, "--jobs", "1", str(x4)], expect_files=4 * nfiles)
        rounds([s1, s4], n_scale, cwd, env, outdir, "scale")
        scale = (s1, s4)

    # ---- result cache
    cache = None
    cache_dir_in_cwd = cwd / ".copydesk_cache"
    if has_no_cache or cache_dir_in_cwd.exists():
        print("== result cache: off, then on (first run after clearing = cold, later = warm)")
        cache_args = ["--cache-dir", str(work / "cache")] if has_cache_dir else []
        on_cmd = Command(
            "copydesk default, cache on",
            [copydesk, "check", "--format", "json", *cache_args, *paths],
            expect_files=nfiles,
        )
        for d in (cache_dir_in_cwd, work / "cache"):
            shutil.rmtree(d, ignore_errors=True)
        cold = run_once(on_cmd, cwd, env, outdir)
        print(f"  cache on, cold: {cold.wall:.2f} s")
        rounds([on_cmd], args.runs, cwd, env, outdir, "cache warm")
        cache = (cold, on_cmd)

    # ---- report
    print()
    print(
        "== results (median wall time of the whole process; MB = 10^6 bytes of input; cpu = user+system "
        "seconds of the process tree; others = average cores used by other processes meanwhile)"
    )
    for c in commands:
        print(fmt_row(c, mb, nfiles))
    if not style_cmd:
        print("  copydesk style pack only            not available")
    summ = copydesk_summary(cd_default.runs[-1])
    print(
        f"  copydesk reported {summ.get('diagnostics', '?')} diagnostics in {summ.get('files', '?')} files "
        f"(expected {nfiles} files); proselint printed {proselint_count(prose.runs[-1])} findings"
    )
    if summ.get("files") not in (None, nfiles):
        print("  WARNING: copydesk did not check every file given")

    ratios: dict[str, float] = {}
    pm = prose.median()
    ratios["default/proselint"] = cd_default.median() / pm
    ratios["jobs1/proselint"] = cd_jobs1.median() / pm
    if style_cmd:
        ratios["style/proselint"] = style_cmd.median() / pm
    dc, dp, dn = draft_cmds
    ratios["draft copydesk/proselint"] = dc.median() / dp.median()
    ratios["draft --no-cache/proselint"] = dn.median() / dp.median()
    for c in draft_cmds:
        print(
            f"  {c.name:<28} {c.median() * 1000:8.0f} ms (min {min(r.wall for r in c.runs) * 1000:.0f} ms, "
            f"cpu {c.median_cpu() * 1000:.0f} ms, maxrss {c.peak_maxrss():.0f} MB, others {c.median_others():.2f}, "
            f"median of {len(c.runs)})"
        )
    if scale:
        s1, s4 = scale
        ratios["4x/1x"] = s4.median() / s1.median()
        print(fmt_row(s1, mb, nfiles))
        print(fmt_row(s4, 4 * mb, 4 * nfiles))
        d1, d4 = (
            copydesk_summary(s1.runs[-1]).get("diagnostics"),
            copydesk_summary(s4.runs[-1]).get("diagnostics"),
        )
        print(
            f"  diagnostics 1x {d1}, 4x {d4} (the 4 copies repeat every headline, so cross-file duplicates fire)"
        )
    else:
        print("  4x linearity check               skipped (--no-scale)")
    if cache:
        cold, on_cmd = cache
        print(
            f"  cache off {cd_default.median():.2f} s, cache on cold {cold.wall:.2f} s, warm {on_cmd.median():.2f} s "
            f"(warm/off {on_cmd.median() / cd_default.median():.2f})"
        )
    else:
        print(
            "  result cache                     none detected (no --no-cache flag, no .copydesk_cache written)"
        )

    cpu_ratios = {
        "cpu default/proselint": cd_default.median_cpu() / prose.median_cpu(),
        "cpu jobs1/proselint": cd_jobs1.median_cpu() / prose.median_cpu(),
    }
    if style_cmd:
        cpu_ratios["cpu style/proselint"] = style_cmd.median_cpu() / prose.median_cpu()
    cpu_ratios["cpu draft copydesk/proselint"] = dc.median_cpu() / dp.median_cpu()
    cpu_ratios["cpu draft --no-cache/proselint"] = dn.median_cpu() / dp.median_cpu()
    if scale:
        cpu_ratios["cpu 4x/1x"] = scale[1].median_cpu() / scale[0].median_cpu()

    print()
    print("== ratios (wall; cpu ratios are less sensitive to other load on the machine)")
    for k, v in {**ratios, **cpu_ratios}.items():
        print(f"  {k:<32} {v:6.2f}")
    busy = max(c.median_others() for c in commands)
    if busy > 0.25:
        print(
            f"  NOTE: other processes kept up to {busy:.2f} cores busy during the corpus runs; wall times are "
            "inflated, the cpu figures less so"
        )

    all_ratios = {**ratios, **cpu_ratios, "default/jobs1": cd_default.median() / cd_jobs1.median()}
    print()
    print("== targets")
    verdicts = []
    for label, key, limit in TARGETS:
        if key not in all_ratios:
            verdict = "not measured"
        else:
            verdict = "met" if all_ratios[key] <= limit else "NOT met"
            verdict += f" ({all_ratios[key]:.2f})"
        verdicts.append((label, verdict))
        print(f"  {label:<70} {verdict}")
    peak = max(cd_default.peak_tree(), cd_jobs1.peak_tree(), cd_default.peak_maxrss(), cd_jobs1.peak_maxrss())
    label = f"peak RSS <= {RSS_LIMIT_MB:.0f} MB on this corpus (largest of maxrss and tree)"
    verdict = ("met" if peak <= RSS_LIMIT_MB else "NOT met") + f" ({peak:.0f} MB)"
    verdicts.append((label, verdict))
    print(f"  {label:<70} {verdict}")

    if args.json:

        def dump(c: Command) -> dict:
            return {
                "argv_head": c.argv[:8],
                "walls": [r.wall for r in c.runs],
                "median": c.median(),
                "cpus": [r.cpu for r in c.runs],
                "median_cpu": c.median_cpu(),
                "others": [r.others for r in c.runs],
                "maxrss_mb": c.peak_maxrss(),
                "tree_mb": c.peak_tree(),
            }

        data = {
            "machine": info,
            "files": nfiles,
            "bytes": total_bytes,
            "roots": [str(r) for r in roots],
            "commands": {c.name: dump(c) for c in commands},
            "draft": {
                "file": str(draft_src),
                "bytes": draft_src.stat().st_size,
                **{c.name: dump(c) for c in draft_cmds},
            },
            "scale": {c.name: dump(c) for c in scale} if scale else None,
            "cache": ({"cold": cache[0].wall, "warm": dump(cache[1])} if cache else None),
            "ratios": ratios,
            "cpu_ratios": cpu_ratios,
            "targets": dict(verdicts),
            "summary": summ,
        }
        args.json.write_text(json.dumps(data, indent=2))
        print(f"\nfigures written to {args.json}")


def report_draft_only(draft_cmds: list[Command]) -> None:
    """The draft's figures and its target, for ``--draft-only``."""
    print()
    print("== results (one draft; cpu = user+system of the process tree)")
    for c in draft_cmds:
        print(
            f"  {c.name:<28} cpu {c.median_cpu() * 1000:6.0f} ms (min {min(r.cpu for r in c.runs) * 1000:.0f} ms), "
            f"wall {c.median() * 1000:6.0f} ms, maxrss {c.peak_maxrss():.0f} MB, others {c.median_others():.2f}, "
            f"median of {len(c.runs)}"
        )
    dc, dp, dn = draft_cmds
    ratio = dc.median_cpu() / dp.median_cpu()
    print(f"  cpu draft --no-cache/proselint   {dn.median_cpu() / dp.median_cpu():6.2f}")
    label = next(label for label, key, _limit in TARGETS if key == "cpu draft copydesk/proselint")
    print(f"  {label:<70} {'met' if ratio <= 1.5 else 'NOT met'} ({ratio:.2f})")


if __name__ == "__main__":
    main()
