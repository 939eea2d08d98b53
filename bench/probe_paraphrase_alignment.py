"""Probe: does a WordNet alignment of content words separate a restatement of the title from a section heading?

Usage (offline; needs the WordNet 3.1 ``dict/`` folder, as for ``bench/build_related_words.py``)::

    python bench/probe_paraphrase_alignment.py WORDNET_DICT_DIR [--corpus-pairs PAIRS.jsonl]

Each content token of one headline is matched to its best partner in the other: 1.0 the same stem, 0.8 a
shared sense or derivation (the kept senses, derivationally related forms, pertainyms, an adjective's cluster
head: what ``related_words.tsv`` holds), 0.6 one a direct hypernym of the other, 0.4 two words with a direct
hypernym in common. Coverage in each direction is the weighted share matched (a word of the rule's
``common_words`` weighs half); the score is the harmonic mean of the two coverages. Printed per threshold:
how many pairs of each bank class reach it (bank7 paraphrase vs section, bank8 paraphrase vs
title_section) and, with ``--corpus-pairs`` (one JSON object a line: ``{"title": ..., "heading": ...}``,
every title against every later heading of the corpus drafts, nearly all distinct), how many corpus pairs
do. A measuring stick only: nothing here is used by the rule.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.headlines import STOP_WORDS, _features, _stem  # noqa: E402

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
BANKS = (
    (Path("/work/bank7/headlines.tsv"), "title", "later_heading", {"paraphrase", "section"}),
    (Path("/work/bank8/headlines.tsv"), "first", "later", {"paraphrase", "title_section"}),
)


def read_wordnet(dict_dir: Path, senses: int = 3):
    data = {}
    for name, pos in POS.items():
        with (dict_dir / f"data.{name}").open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split(" | ", 1)[0].split()
                wc = int(f[3], 16)
                words = [f[4 + 2 * k].lower() for k in range(wc)]
                k = 4 + 2 * wc
                ptrs = []
                for p in range(int(f[k])):
                    sym, target, tpos, st = f[k + 1 + 4 * p : k + 5 + 4 * p]
                    ptrs.append((sym, f"{'a' if tpos == 's' else tpos}{target}", st))
                data[f"{pos}{f[0]}"] = (words, ptrs)
    same: dict[str, set] = defaultdict(set)
    broader: dict[str, set] = defaultdict(set)
    for name, pos in POS.items():
        with (dict_dir / f"index.{name}").open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split()
                lemma, n_syn, n_ptr = f[0], int(f[2]), int(f[3])
                if not lemma.isalpha() or len(lemma) < 3 or lemma in STOP_WORDS:
                    continue
                tagged = int(f[5 + n_ptr])
                stem = _stem(lemma)
                for off in f[6 + n_ptr : 6 + n_ptr + n_syn][: max(1, min(senses, tagged))]:
                    key = f"{pos}{off}"
                    words, ptrs = data[key]
                    same[stem].add(key)
                    number = words.index(lemma) + 1 if lemma in words else -1
                    for sym, target, st in ptrs:
                        if sym in ("+", "\\") and (st == "0000" or int(st[:2], 16) == number):
                            same[stem].add(target)
                        elif sym == "&":
                            same[stem].add(target)
                        elif sym in ("@", "@i"):
                            broader[stem].add(target)
    return same, broader


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dict_dir", type=Path)
    ap.add_argument("--corpus-pairs", type=Path)
    args = ap.parse_args()
    same, broader = read_wordnet(args.dict_dir)

    from copydesk.api import get_linter

    rule = next(r for r in get_linter().rules if r.id == "headlines.Repeated")
    lexicon, common = rule.checker.lexicon, rule.checker.common_words

    def rel(a: str, b: str) -> float:
        if a == b:
            return 1.0
        sa, sb = same.get(a, set()), same.get(b, set())
        if sa & sb:
            return 0.8
        ba, bb = broader.get(a, set()), broader.get(b, set())
        if (sa & bb) or (sb & ba):
            return 0.6
        return 0.4 if ba & bb else 0.0

    def cover(src, dst) -> float:
        total = sum(0.5 if t in common else 1.0 for t in dst)
        got = sum((0.5 if t in common else 1.0) * max((rel(s, t) for s in src), default=0.0) for t in dst)
        return got / total if total else 0.0

    def score(a: str, b: str) -> float:
        ta, tb = _features(a, lexicon).tokens, _features(b, lexicon).tokens
        x, y = cover(ta, tb), cover(tb, ta)
        return 2 * x * y / (x + y) if x + y else 0.0

    scored = []
    for path, tcol, lcol, classes in BANKS:
        if not path.is_file():
            print(f"bank not found: {path} (skipped)")
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if r["class"] in classes:
                    scored.append((f"{path.parent.name}:{r['class']}", score(r[tcol], r[lcol])))
    if args.corpus_pairs and args.corpus_pairs.is_file():
        with args.corpus_pairs.open(encoding="utf-8") as fh:
            for line in fh:
                pair = json.loads(line)
                scored.append(("corpus", score(pair["title"], pair["heading"])))
    totals = collections.Counter(c for c, _ in scored)
    for thr in (0.4, 0.5, 0.6, 0.7):
        hits = collections.Counter(c for c, s in scored if s >= thr)
        print(f"score >= {thr}: " + "  ".join(f"{c} {hits[c]}/{n}" for c, n in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
