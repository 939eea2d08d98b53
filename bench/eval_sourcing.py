"""Measure ``find_vague_sourcing`` on the shared development data.

Usage::

    PYTHONPATH=src python bench/eval_sourcing.py [shared_path] [--show N]

``shared_path`` defaults to ``../shared`` relative to the repository root. Three measurements:

1. PolNeAR (``dev/polnear``; news articles with brat attribution annotations), scored by the
   definition of ``dev/polnear/score_polnear.py`` (imported from the shared data, so the figures are the
   script's): a positive is an attribution whose source is vague by the script's lexicon, or that has
   no source and an impersonal cue; a diagnostic is a true positive when its lines overlap a
   positive's cue or content lines. The linter runs in-process with only the sourcing pack, so this
   is quicker than the script and gives per-rule counts. Tune on ``train``; report ``dev``.

2. CoNLL-2010 Wikipedia uncertainty sentences (``dev/uncertainty/conll2010_wiki_dev.tsv``): a sentence is
   flagged when it has at least one finding; precision = flagged sentences labelled -1 (uncertain /
   weasel) over flagged; recall = flagged -1 sentences over all -1 sentences.

3. Edited blog posts (``corpus/small/**/*.md``): findings per file after crude Markdown stripping; every
   finding is listed so false positives can be inspected.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import glob
import html
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.sourcing import find_vague_sourcing  # noqa: E402

OBJ = "\ufffc"

# --------------------------------------------------------------------------------------------------
# PolNeAR


def _score_module(root: Path):
    """``score_polnear.py`` of the shared data: its definition of a positive is the one reported."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_polnear", root / "score_polnear.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def polnear_positives(S, text: str, ann: Path) -> list[tuple[list[tuple[int, int]], str, str]]:
    """(line ranges, kind, source text) of each positive, exactly as ``score_polnear.py`` defines them."""
    nl = [k for k, ch in enumerate(text) if ch == "\n"]

    def line_of(off: int) -> int:
        return bisect.bisect_left(nl, off) + 1

    spans, events = S.parse_brat(ann)
    out = []
    for ev in events.values():
        if ev["type"] not in ("Attribution", "Attribution-no-source"):
            continue
        kind = None
        if ev["type"] == "Attribution-no-source" or not ev["roles"].get("Source"):
            cue = " ".join(spans[c]["text"] for c in ev["roles"].get("Cue", []) if c in spans)
            if not cue and ev["trigger"] in spans:
                cue = spans[ev["trigger"]]["text"]
            if S.IMPERSONAL_CUE.search(cue):
                kind = "impersonal"
        elif any(S.is_vague_source(spans[s]["text"]) for s in ev["roles"]["Source"] if s in spans):
            kind = "vague_source"
        if kind is None:
            continue
        ranges = [
            (line_of(x), line_of(max(x, y - 1)))
            for role in ("Cue", "Content")
            for t in ev["roles"].get(role, [])
            for x, y in spans.get(t, {}).get("frags", [])
        ]
        if not ranges and ev["trigger"] in spans:
            ranges = [(line_of(x), line_of(max(x, y - 1))) for x, y in spans[ev["trigger"]]["frags"]]
        src = " | ".join(spans[s]["text"] for s in ev["roles"].get("Source", []) if s in spans)
        out.append((ranges, kind, src))
    return out


def eval_polnear(root: Path, compartment: str, show: int) -> dict[str, float]:
    """Score ``compartment`` by the definition of ``score_polnear.py``, linting in-process.

    Same positives and matching as the script (a diagnostic is a true positive when its lines overlap
    a positive's cue or content lines); only the sourcing pack runs, with the default configuration.
    """
    from copydesk.api import lint_text
    from copydesk.config import Config

    S = _score_module(root)
    config = Config(packs=["sourcing"])
    anns: dict[str, list[str]] = collections.defaultdict(list)
    for f in sorted(os.listdir(root / compartment / "attributions")):
        m = re.match(r"^(.*)_([0-9a-f]{4})\.ann$", f)
        if m:
            anns[m.group(1)].append(str(root / compartment / "attributions" / f))
    tp = fp = n_pos = n_hit = articles = 0
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    shown: list[str] = []
    for f in sorted(os.listdir(root / compartment / "text")):
        base = f[:-4]
        if not f.endswith(".txt") or base not in anns:
            continue
        articles += 1
        text = open(root / compartment / "text" / f, encoding="utf-8", newline="").read()
        positives = polnear_positives(S, text, Path(sorted(anns[base])[0]))
        lines = text.splitlines()
        hit: set[int] = set()
        for d in lint_text(text, path="article.txt", config=config):
            if not d.rule.startswith("sourcing."):
                continue
            m = [
                i
                for i, (rng, _, _) in enumerate(positives)
                if any(d.line <= r1 and r0 <= d.end_line for r0, r1 in rng)
            ]
            hit.update(m)
            tp += bool(m)
            fp += not m
            per_rule[d.rule]["tp" if m else "fp"] += 1
            if not m and len(shown) < show:
                shown.append(f"  [fp] {d.rule}: {lines[d.line - 1][:160]!r}")
        n_pos += len(positives)
        n_hit += len(hit)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = n_hit / n_pos if n_pos else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"\n== PolNeAR {compartment}: {articles} articles (positives as defined by score_polnear.py)")
    print(
        f"positives {n_pos}, hit {n_hit}; sourcing findings {tp + fp} ({fp} false): "
        f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f}"
    )
    for rule, c in sorted(per_rule.items()):
        print(f"  {rule:36s} tp {c['tp']:4d}  fp {c['fp']:4d}")
    for line in shown:
        print(line)
    return {
        "articles": articles,
        "findings": tp + fp,
        "tp": tp,
        "fp": fp,
        "precision": p,
        "recall": r,
        "f1": f1,
    }


# --------------------------------------------------------------------------------------------------
# CoNLL-2010 uncertainty


def eval_uncertainty(path: Path, show: int) -> dict[str, float]:
    flagged = flagged_unc = n_unc = n = 0
    fps = []
    with open(path, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            label, _, sent = line.rstrip("\n").partition("\t")
            sent = html.unescape(sent)
            n += 1
            unc = label.strip() == "-1"
            n_unc += unc
            found = find_vague_sourcing(sent)
            if found:
                flagged += 1
                flagged_unc += unc
                if not unc:
                    fps.append(f"{[f.quote for f in found]} {sent[:160]!r}")
    p = flagged_unc / flagged if flagged else 1.0
    r = flagged_unc / n_unc if n_unc else 0.0
    print(f"\n== CoNLL-2010 wiki dev: {n} sentences, {n_unc} uncertain")
    print(f"flagged {flagged}, of which uncertain {flagged_unc}: precision {p:.3f}, recall {r:.3f}")
    for line in fps[:show]:
        print(f"  [labelled certain] {line}")
    return {"flagged": flagged, "precision": p, "recall": r}


# --------------------------------------------------------------------------------------------------
# Edited blog posts


def markdown_paragraphs(raw: str) -> list[str]:
    """Crude Markdown-to-prose: drop front matter and code, mask links/templates, split paragraphs."""
    raw = re.sub(r"\A---\n.*?\n---\n", "", raw, flags=re.S)
    raw = re.sub(r"^(```|~~~).*?^\1", "", raw, flags=re.S | re.M)
    raw = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", OBJ, raw, flags=re.S)
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    raw = re.sub(r"`[^`\n]+`", OBJ, raw)
    raw = re.sub(r"!\[[^\]]*\]\([^)]*\)", OBJ, raw)
    raw = re.sub(r"\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) + OBJ, raw)
    raw = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", lambda m: m.group(1) + OBJ, raw)
    raw = re.sub(r"https?://\S+", OBJ, raw)
    raw = re.sub(r"<[^>\n]+>", " ", raw)
    out = []
    for block in re.split(r"\n\s*\n", raw):
        for item in re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block):
            item = re.sub(r"^\s*(?:#+|[-*+>]|\d+\.)\s*", "", item, flags=re.M)
            item = re.sub(r"[*_]{1,3}(?=\w)|(?<=\w)[*_]{1,3}", "", item)
            item = " ".join(item.split())
            if item:
                out.append(item)
    return out


def eval_corpus(root: Path, show: int) -> dict[str, float]:
    files = sorted(glob.glob(str(root / "**" / "*.md"), recursive=True))
    total = 0
    listed = []
    for path in files:
        paras = markdown_paragraphs(Path(path).read_text(encoding="utf-8", errors="replace"))
        prev = ""
        for para in paras:
            for f in find_vague_sourcing(para, previous_text=prev):
                total += 1
                ctx = para[max(0, f.start - 60) : f.start] + "[[" + f.quote + "]]" + para[f.end : f.end + 60]
                listed.append(f"{os.path.relpath(path, root)}: {f.category}: {ctx!r}")
            prev = para
    rate = total / len(files) if files else 0.0
    print(f"\n== Edited blog posts: {len(files)} files, {total} findings, {rate:.3f} per file")
    for line in listed[: max(show, 50)]:
        print(f"  {line}")
    return {"files": len(files), "findings": total, "per_file": rate}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", nargs="?", default=str(REPO.parent / "shared"), help="path to the shared data")
    ap.add_argument("--show", type=int, default=0, help="print up to N examples per outcome")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"shared data not found at {shared}; pass its path as the first argument", file=sys.stderr)
        return 2
    ran = False
    polnear = shared / "dev" / "polnear"
    if polnear.is_dir():
        for comp in ("train", "dev"):
            if (polnear / comp).is_dir():
                eval_polnear(polnear, comp, args.show)
                ran = True
    else:
        print(f"missing: {polnear}", file=sys.stderr)
    unc = shared / "dev" / "uncertainty" / "conll2010_wiki_dev.tsv"
    if unc.exists():
        eval_uncertainty(unc, args.show)
        ran = True
    else:
        print(f"missing: {unc}", file=sys.stderr)
    corpus = shared / "corpus" / "small"
    if corpus.is_dir():
        eval_corpus(corpus, args.show)
        ran = True
    else:
        print(f"missing: {corpus}", file=sys.stderr)
    return 0 if ran else 2


if __name__ == "__main__":
    sys.exit(main())
