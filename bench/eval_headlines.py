"""Evaluate headline near-duplicate detection (copydesk.analysis.headlines).

Usage::

    PYTHONPATH=src python bench/eval_headlines.py [PAIRS_TSV] [--corpus DIR] [--n N]

PAIRS_TSV defaults to ``../shared/dev/headlines/headline_pairs.tsv`` relative to the repo root
(columns: split, year, id, score, headline1, headline2; human scores 0-5). A pair scored >= 4 is a
duplicate, < 2 is distinct; pairs in [2, 4) are left out of precision and recall.

Prints, per split: precision, recall and F1 at DEFAULT_THRESHOLD, then a threshold sweep; then the
**draft setting** the rule is judged by: each pair written as a Markdown draft, the first headline as
its H1, a body paragraph, the second as a later H2, checked by the built-in ``headlines.Repeated``
rule (its YAML synonyms and thresholds); a pair counts as flagged when the H2 is reported. Then times
HeadlineIndex on N synthetic headlines with planted near-duplicates (recall of the planted pairs is
printed too), and on the front-matter ``title:`` lines of the corpus (``../shared/corpus`` by default)
if present, with the number of flagged pairs and a within-document check on ``corpus/small`` (title
and Markdown headings of one post compared with each other).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.headlines import (  # noqa: E402
    CROSS_FILE_THRESHOLD,
    DEFAULT_THRESHOLD,
    HeadlineIndex,
    headline_similarity,
    normalize_headline,
)

DEFAULT_PAIRS = REPO.parent / "shared" / "dev" / "headlines" / "headline_pairs.tsv"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SWEEP = (0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def load_pairs(path: Path) -> list[tuple[str, float, str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append((r["split"], float(r["score"]), r["headline1"], r["headline2"]))
    return rows


def prf(scored: list[tuple[float, float]], threshold: float) -> tuple[float, float, float, int, int, int]:
    """``scored`` holds (gold, predicted) pairs. Returns P, R, F1, TP, FP, FN."""
    tp = fp = fn = 0
    for gold, pred in scored:
        if 2.0 <= gold < 4.0:
            continue
        dup = gold >= 4.0
        if pred >= threshold:
            tp += dup
            fp += not dup
        else:
            fn += dup
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def eval_pairs(path: Path) -> None:
    rows = load_pairs(path)
    by_split: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for split, gold, h1, h2 in rows:
        by_split[split].append((gold, headline_similarity(h1, h2)))
    print(
        f"pairs: {path} ({len(rows)} rows; splits: {', '.join(f'{k}={len(v)}' for k, v in by_split.items())})"
    )
    print(f"DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD}")
    print(f"{'split':<8}{'thr':>6}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
    for split, scored in by_split.items():
        p, r, f, tp, fp, fn = prf(scored, DEFAULT_THRESHOLD)
        print(f"{split:<8}{DEFAULT_THRESHOLD:>6.2f}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp:>6}{fp:>6}{fn:>6}")
    print("sweep:")
    for split, scored in by_split.items():
        for thr in SWEEP:
            p, r, f, tp, fp, fn = prf(scored, thr)
            print(f"{split:<8}{thr:>6.2f}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp:>6}{fp:>6}{fn:>6}")


def draft_of(h1: str, h2: str) -> str:
    return (
        f"# {h1}\n\nThe story below was filed this morning and will be updated.\n\n"
        f"## {h2}\n\nMore details follow.\n"
    )


def eval_drafts(path: Path) -> dict[str, tuple]:
    """The rule as shipped, on each pair written as a draft (H1, body paragraph, later H2)."""
    from copydesk import lint_text
    from copydesk.config import Config

    config = Config(rules={})
    rows = load_pairs(path)
    by_split: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for split, gold, h1, h2 in rows:
        diags = lint_text(draft_of(h1, h2), path="pair.md", config=config)
        hit = any(d.rule == "headlines.Repeated" and d.line == 5 for d in diags)
        by_split[split].append((gold, 1.0 if hit else 0.0))
    print("draft setting (H1 + body + later H2, rule headlines.Repeated as shipped):")
    print(f"{'split':<8}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
    out = {}
    for split, scored in by_split.items():
        p, r, f, tp, fp, fn = prf(scored, 0.5)
        out[split] = (p, r, f)
        print(f"{split:<8}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp:>6}{fp:>6}{fn:>6}")
    return out


# --------------------------------------------------------------------------------------------------
# Synthetic index timing
# --------------------------------------------------------------------------------------------------

_SUBJECTS = "mayor council governor senate court agency union school board city county state police regulators".split()
_VERBS = "approves rejects delays backs blocks reviews expands cuts funds probes announces unveils".split()
_OBJECTS = (
    "budget plan tax proposal housing project transit line water rules park deal contract merger policy "
    "curfew ban measure grant program audit report zoning map vaccine mandate lawsuit settlement"
).split()
_PLACES = (
    "Springfield Riverton Lakeside Fairview Greenville Madison Clinton Georgetown Salem Franklin".split()
)
_OUTLETS = ["NPR", "Reuters", "The Daily Herald", "WXYZ", "AP News"]


def synthetic(n: int, seed: int = 7) -> tuple[list[str], set[tuple[int, int]]]:
    """``n`` random headlines; about 5% are planted variants of an earlier one (re-cased, suffixed).

    Returns the headlines and every planted pair (i, j), i < j, within a group of variants.
    """
    rng = random.Random(seed)
    heads: list[str] = []
    group: list[int] = []
    while len(heads) < n:
        if heads and rng.random() < 0.05:
            src = rng.randrange(len(heads))
            base = heads[src]
            variant = rng.choice(
                [
                    base.lower(),
                    base.upper(),
                    f"{base} – {rng.choice(_OUTLETS)}",
                    f"{base} | {rng.choice(_OUTLETS)}",
                ]
            )
            heads.append(variant)
            group.append(group[src])
            continue
        words = [
            rng.choice(_PLACES),
            rng.choice(_SUBJECTS),
            rng.choice(_VERBS),
            rng.choice(_OBJECTS),
            rng.choice(_OBJECTS),
            f"after {rng.randint(2, 400)} days",
            rng.choice(["", f"in {rng.choice(_PLACES)}", f"worth ${rng.randint(1, 900)}m"]),
        ]
        heads.append(" ".join(w for w in words if w).capitalize())
        group.append(len(heads) - 1)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(group):
        members[g].append(i)
    planted = {(a, b) for m in members.values() for x, a in enumerate(m) for b in m[x + 1 :]}
    return heads, planted


def time_index(heads: list[str], label: str) -> list[tuple[int, int, float]]:
    idx = HeadlineIndex()
    t0 = time.perf_counter()
    for i, h in enumerate(heads):
        idx.add(i, h)
    t1 = time.perf_counter()
    pairs = idx.pairs()
    t2 = time.perf_counter()
    print(
        f"{label}: n={len(heads)} add={t1 - t0:.2f}s pairs={t2 - t1:.2f}s total={t2 - t0:.2f}s flagged={len(pairs)}"
    )
    return pairs


# --------------------------------------------------------------------------------------------------
# Real titles
# --------------------------------------------------------------------------------------------------

_TITLE_RE = re.compile(r"^title:\s*(.+?)\s*$", re.M)
_HEADING_RE = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def front_matter(text: str) -> tuple[str, str]:
    """Return (front matter, body). Crude: YAML between leading '---' lines."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[3:end], text[end + 4 :]
    return "", text


def title_of(fm: str) -> str | None:
    m = _TITLE_RE.search(fm)
    if not m:
        return None
    t = m.group(1).strip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        t = t[1:-1]
    return t if t and t not in {">", "|", ">-", "|-"} else None


def corpus_titles(root: Path) -> list[tuple[str, str]]:
    out = []
    for p in sorted(root.rglob("*.md")):
        if "small" in p.relative_to(root).parts[:1]:
            continue  # corpus/small is a sample of the others
        fm, _ = front_matter(p.read_text(encoding="utf-8", errors="replace")[:8000])
        t = title_of(fm)
        if t:
            out.append((str(p.relative_to(root)), t))
    return out


def within_document(root: Path) -> None:
    """Title + headings of each post in corpus/small compared with each other at the default threshold."""
    small = root / "small"
    if not small.is_dir():
        print(f"within-document check: {small} missing, skipped")
        return
    docs = flagged = exact = 0
    examples = []
    for p in sorted(small.rglob("*.md")):
        fm, body = front_matter(p.read_text(encoding="utf-8", errors="replace"))
        body = re.sub(r"```.*?```", "", body, flags=re.S)
        heads = [h for h in ([title_of(fm)] + _HEADING_RE.findall(body)) if h]
        docs += 1
        for i in range(len(heads)):
            for j in range(i + 1, len(heads)):
                s = headline_similarity(heads[i], heads[j])
                if s >= DEFAULT_THRESHOLD:
                    flagged += 1
                    if normalize_headline(heads[i]) == normalize_headline(heads[j]):
                        exact += 1
                    else:
                        examples.append((s, heads[i], heads[j], p.name))
    print(
        f"within-document (corpus/small): {docs} posts, {flagged} title/heading pairs flagged "
        f"({exact} equal after normalisation, e.g. repeated sub-headings; {flagged - exact} near)"
    )
    for s, a, b, name in examples[:15]:
        print(f"  {s:.3f} {a!r} ~ {b!r} ({name})")


def eval_corpus(root: Path) -> None:
    if not root.is_dir():
        print(f"corpus: {root} missing, real-title timing skipped")
        return
    items = corpus_titles(root)
    heads = [t for _, t in items]
    pairs = time_index(heads, f"HeadlineIndex on corpus titles ({root})")
    norms = [normalize_headline(h) for h in heads]
    exact = sum(1 for a, b, _ in pairs if norms[a] == norms[b])
    print(f"  of which equal after normalisation: {exact}; near (not equal): {len(pairs) - exact}")
    cross = sum(1 for a, b, s in pairs if s >= CROSS_FILE_THRESHOLD and norms[a] != norms[b])
    print(f"  near pairs at CROSS_FILE_THRESHOLD={CROSS_FILE_THRESHOLD}: {cross}")
    near = [(s, heads[a], heads[b]) for a, b, s in pairs if norms[a] != norms[b]]
    rng = random.Random(3)
    for s, a, b in sorted(rng.sample(near, min(12, len(near))), reverse=True):
        print(f"  {s:.3f} {a!r} ~ {b!r}")
    within_document(root)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="?", default=str(DEFAULT_PAIRS), help="headline_pairs.tsv")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus root with Markdown posts")
    ap.add_argument("--n", type=int, default=10_000, help="synthetic headlines to index")
    ap.add_argument("--drafts-only", action="store_true", help="only the draft-setting measurement")
    args = ap.parse_args(argv)

    pairs_path = Path(args.pairs)
    if args.drafts_only:
        if not pairs_path.is_file():
            print(f"pairs file {pairs_path} missing")
            return 2
        eval_drafts(pairs_path)
        return 0
    if pairs_path.is_file():
        eval_pairs(pairs_path)
        print()
        eval_drafts(pairs_path)
    else:
        print(f"pairs file {pairs_path} missing: precision/recall skipped (pass its path as argument)")
    print()

    heads, planted = synthetic(args.n)
    found = {(a, b) for a, b, _ in time_index(heads, "HeadlineIndex on synthetic headlines")}
    hit = len(planted & found)
    print(
        f"  planted pairs found: {hit}/{len(planted)}; other flagged pairs: {len(found - planted)} "
        "(chance look-alikes from the small synthetic vocabulary)"
    )
    print()
    eval_corpus(Path(args.corpus))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
