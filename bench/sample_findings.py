"""Draw a fixed-seed random sample of findings per family from a JSON report, each shown at its line.

Usage::

    copydesk check --format json --no-cache ../shared/corpus/digitalgov ../shared/corpus/18f > report.json
    python bench/sample_findings.py report.json [--families headlines,markup,hygiene,readability]
        [--n 30] [--seed 10] [--context 1] [--exclude bench/judged/*.tsv]

For precision judging by hand: each finding is printed with its rule, message and the source lines
around it (the finding's line marked ``>``), so every verdict is made with the text in front of you.
Prints the number of findings per family and per rule first. ``--exclude`` leaves out findings already
judged in earlier samples (the ``location`` column, ``path:line:column``, of the given verdict files), so
a fresh sample holds only findings nobody has judged yet.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
from pathlib import Path


def _location(d: dict) -> str:
    """``path:line:column`` with the path as the verdict files give it (from the corpus folder's name on)."""
    path = d["path"]
    m = re.search(r"(?:^|/)((?:18f|digitalgov|small)/.*)$", path)
    if m:
        path = m.group(1)
    return f"{path}:{d['line']}:{d['column']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report")
    ap.add_argument("--families", default="headlines,markup,hygiene,readability")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--context", type=int, default=1, help="lines shown before and after")
    ap.add_argument("--exclude", nargs="*", default=[], help="verdict files whose findings are left out")
    args = ap.parse_args(argv)
    judged = set()
    for tsv in args.exclude:
        for row in Path(tsv).read_text(encoding="utf-8").splitlines():
            cols = row.split("\t")
            if len(cols) > 2 and not row.startswith("#") and cols[0] != "n":
                # Verdict files name the path from the corpus folder's name on, some with "corpus/" first.
                loc = re.sub(r"^(?:\.\./)?(?:shared/)?corpus/", "", cols[1])
                judged.add((loc, cols[2]))

    data = json.loads(Path(args.report).read_text(encoding="utf-8"))
    diags = data["diagnostics"]
    if judged:
        diags = [d for d in diags if (_location(d), d["rule"]) not in judged]
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
