"""CPU time and memory of each step of ``copydesk check`` on one draft, measured in process.

    python bench/step_profile.py DRAFT [--trace] [--cprofile OUT]

The default rules are loaded and warmed up first (not counted). Each step of the engine's plan (the
parse, each rule, the block pass, a batch) is timed with ``time.process_time``; after it the process's
resident memory (``VmRSS``) and its peak so far (``VmHWM``, Linux) are read. With ``--trace``,
``tracemalloc`` also gives each step's peak of Python objects and what is alive after it (MB; tracing
makes the run several times slower, so its CPU figures are not comparable). ``--cprofile OUT`` writes a
cProfile of the lint. Printed: the steps by CPU time, then in plan order those that raised the peak.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path


def _status() -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` of this process in MiB (empty where /proc is missing)."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS", "VmHWM")):
                    key, value = line.split(":")
                    found[key] = int(value.split()[0]) // 1024
    except OSError:
        pass
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("draft")
    ap.add_argument("--trace", action="store_true", help="tracemalloc peak and current per step")
    ap.add_argument("--cprofile", help="write a cProfile of the lint to this file")
    args = ap.parse_args()

    from copydesk import engine
    from copydesk.config import Config
    from copydesk.rules import Rule
    from copydesk.source import from_text

    linter = engine.Linter(Config())
    linter.warm_up()
    clock = time.process_time
    rows: list[tuple] = []

    def mark(label: str, started: float) -> None:
        s = _status()
        peak = cur = None
        if args.trace:
            cur, peak = (x >> 20 for x in tracemalloc.get_traced_memory())
            tracemalloc.reset_peak()
        rows.append((label, clock() - started, s.get("VmRSS"), s.get("VmHWM"), peak, cur))

    parse = engine.Linter._parse

    def timed_parse(self, source, result, limit):
        t = clock()
        doc = parse(self, source, result, limit)
        mark("parse", t)
        return doc

    engine.Linter._parse = timed_parse
    for name in ("_run_block_pass", "_run_batch"):
        run = getattr(engine.Linter, name)

        def timed_run(self, step, *a, _run=run, **k):
            t = clock()
            out = _run(self, step, *a, **k)
            kind = "block pass " if isinstance(step, engine.BlockPass) else "batch "
            mark(kind + ",".join(r.id for r in step.rules), t)
            return out

        setattr(engine.Linter, name, timed_run)
    for step in linter.plan:
        if isinstance(step, Rule):
            check = step.checker.check

            def timed_check(doc, ctx, _check=check, _id=step.id):
                t = clock()
                out = list(_check(doc, ctx) or ())
                mark(_id, t)
                return out

            step.checker.check = timed_check
    source = from_text(Path(args.draft).read_text(encoding="utf-8"), str(Path(args.draft).resolve()))
    if args.trace:
        tracemalloc.start()
    t0 = clock()
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result, _ = linter.lint_source(source)
    if args.cprofile:
        profiler.disable()
        profiler.dump_stats(args.cprofile)
    total = clock() - t0
    print(f"lint: {total:.1f} s CPU, {len(result.diagnostics)} findings, errors {result.errors}, {_status()}")
    head = f"{'step':<44} {'CPU s':>7} {'RSS':>6} {'peak':>6} {'objects peak':>12} {'after':>6}"
    print(head)
    for label, cpu, rss, hwm, peak, cur in sorted(rows, key=lambda r: -r[1]):
        print(f"{label[:44]:<44} {cpu:7.2f} {rss!s:>6} {hwm!s:>6} {peak!s:>12} {cur!s:>6}")
    print("-- in plan order, the steps that raised the peak RSS")
    top = 0
    for label, cpu, rss, hwm, peak, cur in rows:
        if hwm is not None and hwm > top:
            print(f"{label[:44]:<44} {cpu:7.2f} {rss!s:>6} {hwm!s:>6} {peak!s:>12} {cur!s:>6}")
            top = hwm


if __name__ == "__main__":
    main()
