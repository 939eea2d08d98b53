"""Measure ``find_vague_sourcing`` on the shared development data.

Usage::

    PYTHONPATH=src python bench/eval_sourcing.py [shared_path] [--show N]

``shared_path`` defaults to ``../shared`` relative to the repository root. Three measurements:

1. PolNeAR (``dev/polnear``; news articles with brat attribution annotations). Gold "vague"
   attributions are those with no Source (label ``Attribution-no-source``) or whose Source span is an
   unnamed group: its last word is a generic head (experts, critics, sources, officials, some, many,
   studies, polls, ...), it has no capitalised word after its first, does not start with a definite or
   possessive determiner (the/his/their ..., which point back to someone already introduced) and
   carries no description (who, familiar with, close to, at, from, ...). Matching rule:

   * true positive: the finding overlaps the Source or Cue span of a vague attribution (for
     ``unsourced-statistic``, which flags the claim itself, overlapping its Content also counts);
   * contradicted: the finding overlaps the Source/Cue (or, when it touches no Source/Cue, the
     Content) of an attribution with a named source;
   * unlabelled: the finding touches no attribution at all.

   Strict precision counts contradicted and unlabelled findings as false positives; judged precision
   leaves out the unlabelled ones. Recall is given over the vague-source attributions (what the
   categories target) and over all no-source/vague attributions (most no-source cues are things like
   "has faced criticism" or "seems", which are out of scope, so this recall is low by design).
   Quoted speech inside annotated Content is still skipped by the detector.

2. CoNLL-2010 Wikipedia uncertainty sentences (``dev/uncertainty/conll2010_wiki_dev.tsv``): a sentence is
   flagged when it has at least one finding; precision = flagged sentences labelled -1 (uncertain /
   weasel) over flagged; recall = flagged -1 sentences over all -1 sentences.

3. Edited blog posts (``corpus/small/**/*.md``): findings per file after crude Markdown stripping; every
   finding is listed so false positives can be inspected.
"""

from __future__ import annotations

import argparse
import collections
import glob
import html
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.sourcing import CATEGORIES, find_vague_sourcing  # noqa: E402

OBJ = "\ufffc"

# --------------------------------------------------------------------------------------------------
# PolNeAR

VAGUE_HEADS = frozenset(
    """
    experts expert critics critic observers observer analysts analyst commentators pundits scholars
    historians researchers scientists economists strategists insiders insider skeptics opponents
    supporters advocates proponents detractors sources source officials official some many others most
    several few people person studies study research polls poll polling surveys survey reports report
    lawyers doctors academics specialists watchers strategist
    """.split()
)
ANAPHORIC = frozenset("the this that these those his her their its our my your whose".split())
DESCRIPTION = re.compile(
    r"\b(?:who|familiar|close|knowledge|authori[sz]ed|anonymity|briefed|involved|at|from|with|inside|within)\b",
    re.I,
)


# Words that may open a vague source span even when capitalised at the start of a sentence.
GENERIC_OPENERS = VAGUE_HEADS | frozenset(
    """
    a an one two three four five some many most several few other various numerous multiple countless
    certain recent new early latest exit senior top unnamed anonymous legal political foreign economic
    independent outside longtime former prominent leading
    """.split()
)
# For officials and sources the brief counts an affiliation ("county officials") as identifying them,
# so only quantifiers and ranks may precede those heads.
AFFILIATED_HEADS = frozenset("officials official sources source".split())
RANKS = frozenset(
    """
    a an one two three four five another some many most several few other various numerous multiple
    senior top high-ranking unnamed anonymous current former
    """.split()
)


def source_is_vague(source: str | None) -> bool:
    """The gold definition of an unnamed source (see the module docstring)."""
    if source is None:
        return True
    words = re.findall(r"[\w’'-]+", source)
    if not words:
        return True
    first = words[0].lower()
    if first in ANAPHORIC:
        return False
    if words[0][0].isupper() and first not in GENERIC_OPENERS:
        return False
    if any(w[0].isupper() for w in words[1:]):
        return False
    if DESCRIPTION.search(source):
        return False
    head = words[-1].lower()
    if head in AFFILIATED_HEADS and any(w.lower() not in RANKS for w in words[:-1]):
        return False
    return head in VAGUE_HEADS


def load_polnear(root: Path, compartment: str):
    """Yield (name, text, attributions); each attribution: dict(vague, has_source, srccue, content)."""
    seen: set[str] = set()
    for ann in sorted(glob.glob(str(root / compartment / "attributions" / "*.ann"))):
        base = os.path.basename(ann)[:-4].rsplit("_", 1)[0]  # strip the annotator id
        if base in seen:  # articles annotated by several annotators: keep the first annotation
            continue
        txt = root / compartment / "text" / f"{base}.txt"
        if not txt.exists():
            continue
        seen.add(base)
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        events: list[dict[str, str]] = []
        for line in open(ann, encoding="utf-8"):
            m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)\t", line)
            if m:
                parts = [tuple(map(int, p.split())) for p in m.group(3).split(";")]
                spans[m.group(1)] = (m.group(2), parts)
                continue
            m = re.match(r"^E\d+\t(.*)$", line)
            if m:
                roles: dict[str, str] = {}
                for part in m.group(1).split():
                    key, _, val = part.partition(":")
                    roles.setdefault(key, val)
                events.append(roles)
        attributions = []
        for roles in events:
            src = _role_spans(spans, roles, "Source")
            source_text = " ".join(text[a:b] for a, b in src) if src else None
            attributions.append(
                {
                    "vague": source_is_vague(source_text),
                    "missing": source_text is None,
                    "srccue": src + _role_spans(spans, roles, "Cue"),
                    "content": _role_spans(spans, roles, "Content") + _role_spans(spans, roles, "Content2"),
                }
            )
        yield base, text, attributions


def _role_spans(spans, roles: dict[str, str], role: str) -> list[tuple[int, int]]:
    tid = roles.get(role)
    return list(spans[tid][1]) if tid in spans else []


def paragraphs(text: str):
    """(start, end) of each non-empty line: PolNeAR paragraphs are newline-separated."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def overlaps(a: int, b: int, spans) -> bool:
    return any(a < e and s < b for s, e in spans)


def eval_polnear(root: Path, compartment: str, show: int) -> dict[str, float]:
    tp = contra = unlabelled = 0
    per_cat: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    gold_targeted = gold_all = hit_targeted = hit_all = 0
    examples: dict[str, list[str]] = collections.defaultdict(list)
    n_articles = 0
    for _name, text, attrs in load_polnear(root, compartment):
        n_articles += 1
        findings = []
        prev = ""
        for s, e in paragraphs(text):
            for f in find_vague_sourcing(text[s:e], previous_text=prev):
                findings.append((f.start + s, f.end + s, f.category))
            prev = text[s:e]
        hit_ids: set[int] = set()
        for a, b, cat in findings:
            stat = cat == "unsourced-statistic"
            on_role = [i for i, at in enumerate(attrs) if overlaps(a, b, at["srccue"])]
            on_content = [i for i, at in enumerate(attrs) if overlaps(a, b, at["content"])]
            vague_hits = [i for i in on_role if attrs[i]["vague"]]
            if stat:
                vague_hits += [i for i in on_content if attrs[i]["vague"]]
            if vague_hits:
                tp += 1
                per_cat[cat]["tp"] += 1
                hit_ids.update(vague_hits)
                kind = "tp"
            elif on_role or on_content:
                contra += 1
                per_cat[cat]["contradicted"] += 1
                kind = "contradicted"
            else:
                unlabelled += 1
                per_cat[cat]["unlabelled"] += 1
                kind = "unlabelled"
            ctx = text[max(0, a - 60) : a] + "[[" + text[a:b] + "]]" + text[b : b + 60]
            examples[kind].append(f"{cat}: {ctx!r}")
        for i, at in enumerate(attrs):
            if not at["vague"]:
                continue
            gold_all += 1
            hit_all += i in hit_ids
            if not at["missing"]:
                gold_targeted += 1
                hit_targeted += i in hit_ids
    total = tp + contra + unlabelled
    res = {
        "articles": n_articles,
        "findings": total,
        "tp": tp,
        "contradicted": contra,
        "unlabelled": unlabelled,
        "precision_strict": tp / total if total else 1.0,
        "precision_judged": tp / (tp + contra) if tp + contra else 1.0,
        "recall_vague_source": hit_targeted / gold_targeted if gold_targeted else 0.0,
        "gold_vague_source": gold_targeted,
        "recall_all_unattributed": hit_all / gold_all if gold_all else 0.0,
        "gold_all_unattributed": gold_all,
    }
    print(f"\n== PolNeAR {compartment}: {n_articles} articles")
    print(
        f"findings {total}: tp {tp}, contradicted {contra}, unlabelled {unlabelled}; "
        f"precision strict {res['precision_strict']:.3f}, judged {res['precision_judged']:.3f}"
    )
    print(
        f"recall over vague-source attributions {hit_targeted}/{gold_targeted} = {res['recall_vague_source']:.3f}; "
        f"over all no-source + vague {hit_all}/{gold_all} = {res['recall_all_unattributed']:.3f}"
    )
    for cat in CATEGORIES:
        c = per_cat.get(cat)
        if c:
            print(
                f"  {cat:22s} tp {c['tp']:4d}  contradicted {c['contradicted']:4d}  unlabelled {c['unlabelled']:4d}"
            )
    if show:
        for kind in ("contradicted", "unlabelled", "tp"):
            for line in examples[kind][:show]:
                print(f"  [{kind}] {line}")
    return res


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
