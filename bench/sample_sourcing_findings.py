"""Draw a fixed-seed random sample of findings from a JSON report and print each one at its line.

Usage::

    copydesk check --no-cache --format json ../shared/corpus > report.json
    python bench/sample_sourcing_findings.py report.json --rule sourcing. --n 30 --seed 10 [--exclude corpus/small] \
        [--exclude-judged bench/judged/sourcing-DATE.tsv]

For precision judging: every sampled finding is shown with the lines around it (the finding's own
line marked ``>``), so it can be judged in context and the verdict written next to its number. The
sample depends only on the report, the filters and the seed, so anyone can draw the same one again.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", help="JSON report of `copydesk check --format json`")
    ap.add_argument("--rule", default="", help="rule id prefix to keep (e.g. sourcing.)")
    ap.add_argument("--exclude", action="append", default=[], help="skip paths containing this (repeatable)")
    ap.add_argument("--n", type=int, default=30, help="sample size")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--context", type=int, default=2, help="lines shown before and after")
    ap.add_argument(
        "--exclude-judged",
        action="append",
        default=[],
        help="skip findings already judged in this TSV (its 'location' and 'rule' columns; repeatable)",
    )
    args = ap.parse_args(argv)
    try:
        diags = json.loads(Path(args.report).read_text(encoding="utf-8"))["diagnostics"]
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {args.report}: {exc}", file=sys.stderr)
        return 2
    judged = set()
    for tsv in args.exclude_judged:
        try:
            rows = Path(tsv).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"error: cannot read {tsv}: {exc}", file=sys.stderr)
            return 2
        for row in rows:
            cells = row.split("\t")
            if len(cells) >= 3 and not row.startswith("#") and cells[0] != "n":
                judged.add((cells[1], cells[2]))
    pool = [
        d
        for d in diags
        if d["rule"].startswith(args.rule)
        and not any(x in d["path"] for x in args.exclude)
        and (_location(d), d["rule"]) not in judged
    ]
    pool.sort(key=lambda d: (d["path"], d["line"], d["column"], d["rule"]))
    sample = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    print(f"{len(pool)} findings match; sample of {len(sample)} (seed {args.seed})")
    for i, d in enumerate(sample, 1):
        try:
            lines = Path(d["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        print(f"\n#{i} {d['path']}:{d['line']}:{d['column']} {d['rule']}: {d['message']}")
        lo, hi = max(1, d["line"] - args.context), min(len(lines), d["end_line"] + args.context)
        for n in range(lo, hi + 1):
            mark = ">" if d["line"] <= n <= d["end_line"] else " "
            print(f"  {mark}{n:5d} | {lines[n - 1][:300]}")
    return 0


def _location(d: dict) -> str:
    """``path:line:column`` with the path from ``corpus/`` on (as the judged files write it)."""
    path = d["path"].replace("\\", "/")
    cut = path.find("corpus/")
    return f"{path[cut:] if cut >= 0 else path}:{d['line']}:{d['column']}"


if __name__ == "__main__":
    sys.exit(main())
