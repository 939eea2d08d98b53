"""Draw a fixed-seed random sample of findings per family from a JSON report, each shown at its line.

Usage::

    copydesk check --format json --no-cache ../shared/corpus/digitalgov ../shared/corpus/18f > report.json
    python bench/sample_findings.py report.json [--families headlines,markup,hygiene,readability]
        [--n 30] [--seed 10] [--context 1]

For precision judging by hand: each finding is printed with its rule, message and the source lines
around it (the finding's line marked ``>``), so every verdict is made with the text in front of you.
Prints the number of findings per family and per rule first.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report")
    ap.add_argument("--families", default="headlines,markup,hygiene,readability")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--context", type=int, default=1, help="lines shown before and after")
    args = ap.parse_args(argv)

    data = json.loads(Path(args.report).read_text(encoding="utf-8"))
    diags = data["diagnostics"]
    families = args.families.split(",")
    by_rule = collections.Counter(d["rule"] for d in diags)
    rng = random.Random(args.seed)
    for fam in families:
        pool = [d for d in diags if d["rule"].split(".", 1)[0] == fam]
        print(f"=== {fam}: {len(pool)} findings")
        for rule, n in sorted(by_rule.items()):
            if rule.split(".", 1)[0] == fam:
                print(f"    {rule} {n}")
        for k, d in enumerate(rng.sample(pool, min(args.n, len(pool))), 1):
            try:
                lines = Path(d["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            print(f"--- {fam} #{k} {d['path']}:{d['line']}:{d['column']} {d['rule']}: {d['message'][:240]}")
            lo, hi = max(1, d["line"] - args.context), min(len(lines), d["line"] + args.context)
            for i in range(lo, hi + 1):
                mark = ">" if i == d["line"] else " "
                print(f"  {mark}{i:5} {lines[i - 1][:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
