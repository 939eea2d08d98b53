#!/usr/bin/env python3
"""Run copydesk --vale-compat on Vale's own feature scenarios (../shared/dev/vale/vale-core) and score it.

A development aid next to score_vale.py (which scores the style packages): it covers the scenarios whose
step is a plain lint of a fixture folder or file ("When I test", "test scope", "test comments for",
"test patterns for", "use Vocab") and prints recall/precision of Vale's expected lines and the scenarios
matched exactly. Usage: python bench/vale_core_spec.py [--copydesk CMD] [-v] [-k SUBSTRING]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VALE = os.path.join(HERE, "..", "..", "shared", "dev", "vale")
STEPS = {
    "test": lambda a: (f"fixtures/{a}", ["."]),
    "test scope": lambda a: (f"fixtures/scopes/{a}", ["."]),
    "test comments for": lambda a: ("fixtures/comments", [a]),
    "test patterns for": lambda a: ("fixtures/patterns", [a]),
    "use Vocab": lambda a: (f"fixtures/vocab/{a}", ["."]),
}
WHEN = re.compile(r'^When I (test scope|test comments for|test patterns for|use Vocab|test) "(.*)"$')


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copydesk", default=f"{sys.executable} -m copydesk.cli")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("-k", default="")
    a = ap.parse_args()
    path = os.path.join(VALE, "expected.json")
    if not os.path.exists(path):
        print("no ../shared/dev/vale here; nothing to do")
        return 0
    scenarios = json.load(open(path, encoding="utf-8"))["vale-core"]["scenarios"]
    base = os.path.join(VALE, "vale-core", "testdata")
    hit = exp = got_n = passed = run = 0
    for sc in scenarios:
        m = WHEN.match(sc.get("when") or "")
        if not m or not sc.get("exact") or a.k not in sc["when"]:
            continue
        folder, args = STEPS[m.group(1)](m.group(2))
        cwd = os.path.join(base, folder)
        if not os.path.isdir(cwd):
            continue
        r = subprocess.run(
            shlex.split(a.copydesk) + ["check", "--vale-compat", "--no-cache", "--format", "json", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        try:
            diags = json.loads(r.stdout)["diagnostics"]
        except Exception:
            diags = []
            if a.v:
                print(f"{sc['when']}: exit {r.returncode}: {r.stderr.strip()[-300:]}")
        got = collections.Counter(
            f"{os.path.normpath(d['path'])}:{d['line']}:{d['column']}:{d['rule']}:{d['message']}"
            for d in diags
        )
        want = collections.Counter(sc["expected"])
        run += 1
        hit += sum((want & got).values())
        exp += sum(want.values())
        got_n += sum(got.values())
        ok = want == got
        passed += ok
        if a.v and not ok:
            print(f"--- {sc['when']} ({sc.get('name')})")
            for line in sorted(want - got):
                print("  missing", line)
            for line in sorted(got - want):
                print("  extra  ", line)
    print(
        f"recall {hit / exp if exp else 0:.3f} ({hit}/{exp})  precision {hit / got_n if got_n else 0:.3f} "
        f"({hit}/{got_n})  scenarios exact {passed}/{run}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
