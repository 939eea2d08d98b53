#!/usr/bin/env python3
"""What a Vale style of 100 existence/substitution rules costs, in CPU time, against proselint.

Target (issue 12): the style adds at most 0.05 x proselint's CPU time over ``../shared/corpus/small``.

A style of 100 rules (50 existence with 10 tokens each, 50 substitution with 10 swaps each; distinct
everyday words, deterministic) is generated into a temporary folder; ``--dense`` instead draws every rule's
tokens from the same 55 common words (a worst case with thousands of findings). Every command gets the same sorted file list and runs as a whole process; its CPU time
(user + system of the process and its children, from ``os.wait4``) is measured, the median of ``--runs``
rounds taken, with the commands' order rotating between rounds:

1. ``proselint check FILES``;
2. ``copydesk check --jobs 1`` with the default packs (a config without Vale styles);
3. the same with the 100-rule style added through ``vale_styles:`` (rules ``Bench.*`` beside the packs);
4. ``copydesk check --vale-compat --jobs 1`` with a ``.vale.ini`` naming a one-rule style whose token never
   occurs (the fixed cost: start-up, parsing, the pass over blocks);
5. the same with the 100-rule style.

Added cost of the style = (3) - (2) beside the packs, and (5) - (4) in Vale mode; both are printed as a
fraction of (1). Usage: ``python bench/bench_vale.py [CORPUS] [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "corpus" / "small"
WORDS = (
    "actually basically certainly clearly definitely essentially extremely fairly generally hopefully "
    "literally mostly naturally obviously particularly quite rather really seriously simply somewhat surely "
    "totally truly utterly very virtually leverage utilize facilitate synergy paradigm robust seamless "
    "holistic impactful actionable bandwidth ecosystem empower enablement ideate incentivize monetize "
    "optimize scalable streamline touchpoint visibility workflow deliverable alignment stakeholder"
).split()


def vocabulary(n: int) -> list[str]:
    """``n`` distinct English words of everyday frequency (ranks 2,000-40,000 of pyspellchecker's list),
    the kind of terms a house style lists (no two rules share a token, as in real styles)."""
    import gzip
    import json

    import spellchecker

    data = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        freq = json.load(fh)
    ranked = [w for w, _ in sorted(freq.items(), key=lambda kv: -kv[1]) if w.isalpha() and len(w) > 3]
    return random.Random(7).sample(ranked[2000:40000], n)


def make_style(folder: Path, n: int = 100, dense: bool = False) -> None:
    """``n`` rules, half existence (10 tokens each), half substitution (10 swaps each)."""
    rnd = random.Random(12)
    folder.mkdir(parents=True, exist_ok=True)
    pool = iter(vocabulary(n * 25)) if not dense else None
    for i in range(n):
        picks = rnd.sample(WORDS, 10) if dense else [next(pool) for _ in range(10)]
        if i % 2 == 0:
            body = "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\nignorecase: true\ntokens:\n"
            body += "".join(f"  - {w}{rnd.choice(['', 's', 'ing'])}\n" for w in picks)
        else:
            body = "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: suggestion\n"
            body += "ignorecase: true\nswap:\n"
            if dense:
                body += "".join(f"  {w} {rnd.choice(WORDS)}: {rnd.choice(WORDS)}\n" for w in picks)
            else:
                body += "".join(f"  {w}: {next(pool)}\n" for w in picks)
        (folder / f"R{i:03d}.yml").write_text(body, encoding="utf-8")


ENV = dict(os.environ)


def cpu(cmd: list[str], cwd: Path) -> float:
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if code not in (0, 1):
        sys.exit(f"{cmd[:4]} failed with exit {code}: {err[-500:]}")
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--dense",
        action="store_true",
        help="worst case: every rule's tokens drawn from the same 55 common words (many findings)",
    )
    a = ap.parse_args()
    corpus = Path(a.corpus)
    if not corpus.is_dir():
        print(f"{corpus} not found; nothing to measure")
        return 0
    files = sorted(str(p.resolve()) for p in corpus.rglob("*.md"))
    bindir = Path(sys.executable).parent
    copydesk = str(bindir / "copydesk")
    proselint = str(bindir / "proselint")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        # Bytecode as users have it (written once, then read), kept out of the repository; see bench/run.py.
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(t / "pycache")
        make_style(t / "styles" / "Bench", dense=a.dense)
        (t / "styles" / "Empty").mkdir()  # one rule that never matches: parsing and set-up, no work
        (t / "styles" / "Empty" / "Never.yml").write_text(
            "extends: existence\nmessage: x\ntokens: [qqqzzzqqq]\n", encoding="utf-8"
        )
        (t / "plain").mkdir()
        (t / "plain" / ".copydesk.yaml").write_text("min_level: suggestion\n", encoding="utf-8")
        (t / "with").mkdir()
        (t / "with" / ".copydesk.yaml").write_text(
            f"vale_styles: [{t / 'styles' / 'Bench'}]\nallow_outside_packs: true\n", encoding="utf-8"
        )
        for name, style in (("vale0", "Empty"), ("vale100", "Bench")):
            (t / name).mkdir()
            (t / name / ".vale.ini").write_text(
                f"StylesPath = {t / 'styles'}\n[*.md]\nBasedOnStyles = {style}\n", encoding="utf-8"
            )
        base = ["check", "--jobs", "1", "--no-cache", "--format", "json"]
        commands = {
            "proselint": ([proselint, "check", *files], t),
            "copydesk packs": ([copydesk, *base, *files], t / "plain"),
            "copydesk packs + 100 Vale rules": ([copydesk, *base, *files], t / "with"),
            "vale-compat, 1-rule style": ([copydesk, *base, "--vale-compat", *files], t / "vale0"),
            "vale-compat, 100 rules": ([copydesk, *base, "--vale-compat", *files], t / "vale100"),
        }
        for cmd, cwd in commands.values():  # warm-up (bytecode, caches)
            cpu(cmd, cwd)
        times: dict[str, list[float]] = {k: [] for k in commands}
        names = list(commands)
        for r in range(a.runs):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                times[name].append(cpu(*commands[name]))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{len(files)} files from {corpus}, median CPU seconds of {a.runs} rounds:")
    for k, v in med.items():
        print(f"  {k:34} {v:7.3f} s")
    p = med["proselint"]
    bridge = med["copydesk packs + 100 Vale rules"] - med["copydesk packs"]
    compat = med["vale-compat, 100 rules"] - med["vale-compat, 1-rule style"]
    print(
        f"100 Vale rules beside the packs add {bridge:.3f} s = {bridge / p:.3f} x proselint (target <= 0.05)"
    )
    print(
        f"100 Vale rules in --vale-compat add {compat:.3f} s = {compat / p:.3f} x proselint (target <= 0.05)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
