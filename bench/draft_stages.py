"""CPU time of each stage of ``copydesk check`` on one ~5 KB draft, in fresh processes (the pre-commit case).

    python bench/draft_stages.py [DRAFT] [--runs 9] [--copydesk-python PYTHON] [--pythonpath SRC]

DRAFT defaults to the file of ``../shared/corpus/small`` closest to 5 KB (the draft ``bench/run.py --quick``
times). Each run is a new interpreter that starts the command as the ``copydesk`` script does
(``copydesk.entry``), with ``time.process_time`` read between the stages: interpreter start (before the
first line of the driver), imports of the command's modules, the configuration, rule loading (the kinds,
the kept packs, proselint's table), the lint of the draft (parse, analysis, every rule, the result entry),
the report and the rest of ``check``, and the interpreter's exit (the process's CPU from ``wait4`` minus
what it had used when ``check`` returned; the driver ends as the console script ``copydesk.entry.run``
does, with its quick exit where it has one). Two cases alternate: the result cache on, with the draft's own
result removed before each run (what a hook sees after an edit), and ``--no-cache``; both find the packs
kept by a warm-up run (in the per-user cache since round 8; in the result cache folder before). Each figure is the median of the runs; the machine is shared, so compare medians taken in
the same session. Bytecode is cached in a scratch folder, the user cache is a scratch folder warmed first.
``--pythonpath SRC`` puts another checkout's ``src`` first on the path (a before/after comparison); a
copydesk from before ``copydesk.entry`` is started through ``copydesk.cli`` instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO.parent / "shared" / "corpus" / "small"
STAGES = ["start", "imports", "config", "rules", "lint", "report", "exit", "total"]

DRIVER = r"""
import gc, json, os, sys, time
clock = time.process_time
marks = {"start": clock()}
try:  # the command's start since copydesk.entry; before it, copydesk.cli (click) ran everything
    import importlib.util
    HAS_ENTRY = importlib.util.find_spec("copydesk.entry") is not None
except ImportError:
    HAS_ENTRY = False
if HAS_ENTRY:
    gc.disable()  # as copydesk.entry does before its imports
    from copydesk import api, checkrun, entry
    start = entry.main
else:
    from copydesk import api, cli as checkrun
    start = checkrun.main
marks["imports"] = clock() - marks["start"]
timed = {"_config": "config", "_linter": "rules"}
for name, label in timed.items():
    def wrap(f, label=label):
        def run(*a, **k):
            t = clock()
            try:
                return f(*a, **k)
            finally:
                marks[label] = clock() - t
        return run
    setattr(checkrun, name, wrap(getattr(checkrun, name)))
lint = api.lint_paths
def lint_paths(*a, **k):
    t = clock()
    try:
        return lint(*a, **k)
    finally:
        marks["lint"] = clock() - t
api.lint_paths = lint_paths  # (run_check imports it from api when it runs)
before = clock()
code = 0
try:
    start()
except SystemExit as exc:
    code = exc.code
used = clock() - before
marks["report"] = used - marks.get("config", 0) - marks.get("rules", 0) - marks.get("lint", 0)
marks["in_process"] = clock()
os.write(int(os.environ["STAGES_FD"]), json.dumps(marks).encode())
# End as the console script does (copydesk.entry.run): a quick exit after a finished check, when it has one.
if HAS_ENTRY and getattr(entry, "_CHECK_RAN", [False])[0] and hasattr(entry, "run") and (code is None or type(code) is int):
    if entry._quick_exit_is_safe():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
"""


def pick_draft() -> Path:
    files = sorted(SMALL.rglob("*.md"))
    if not files:
        sys.exit(f"no draft given and no corpus at {SMALL}")
    return min(files, key=lambda f: (abs(f.stat().st_size - 5 * 1024), str(f)))


def run_once(python: str, args: list[str], cwd: Path, env: dict) -> dict:
    r, w = os.pipe()
    env = dict(env, STAGES_FD=str(w))
    proc = subprocess.Popen(
        [python, "-c", DRIVER, "check", "--no-color", *args, "draft.md"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(w,),
    )
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        raw = fh.read()
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1) or not raw:
        sys.exit(f"copydesk check failed (exit {proc.returncode}):\n{err}")
    marks = json.loads(raw)
    total = usage.ru_utime + usage.ru_stime
    marks["exit"] = max(0.0, total - marks.pop("in_process"))
    marks["total"] = total
    return marks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("draft", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument(
        "--copydesk-python", default=sys.executable, help="the Python that has copydesk installed"
    )
    ap.add_argument("--pythonpath", help="a copydesk source folder to import instead of the installed one")
    args = ap.parse_args()
    draft = args.draft or pick_draft()
    work = Path(tempfile.mkdtemp(prefix="copydesk-stages-"))
    try:
        cwd = work / "cwd"
        cwd.mkdir()
        shutil.copyfile(draft, cwd / "draft.md")
        env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), XDG_CACHE_HOME=str(work / "xdg"), NO_COLOR="1")
        if args.pythonpath:
            env["PYTHONPATH"] = str(Path(args.pythonpath).resolve())
        cache = work / "cache"
        cases = {"kept packs": ["--cache-dir", str(cache)], "--no-cache": ["--no-cache"]}

        def drop_results() -> None:
            for sub in (cache / "v1").glob("??"):
                shutil.rmtree(sub)

        for case in cases.values():  # warm-up: bytecode, user cache, kept packs
            run_once(args.copydesk_python, case, cwd, env)
        figures: dict[str, list[dict]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, case in cases.items():
                drop_results()
                figures[name].append(run_once(args.copydesk_python, case, cwd, env))
        print(f"draft: {draft} ({draft.stat().st_size} bytes), {args.runs} runs, CPU ms, median")
        print(f"{'case':<12}" + "".join(f"{s:>9}" for s in STAGES))
        for name, runs in figures.items():
            med = [statistics.median(r.get(s, 0.0) for r in runs) * 1000 for s in STAGES]
            print(f"{name:<12}" + "".join(f"{v:9.0f}" for v in med))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
