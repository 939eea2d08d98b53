"""Evaluate copydesk.analysis.readability on a Markdown corpus.

Usage:
    PYTHONPATH=src python bench/eval_readability.py [CORPUS_DIR] [--repeat N]

CORPUS_DIR defaults to ../shared/corpus/small relative to the repository root (every *.md below it).

Reports:
1. start-up cost of the syllable table in fresh processes: cold (empty cache dir) and warm (cache present),
   plus the cost of importing textstat for comparison;
2. time of compute_counts + metrics over every prose block vs textstat's six functions on the same
   blocks (textstat patched offline), and the largest difference between the two (should be 0);
3. per-file findings with the default settings: long sentences, polysyllable runs (min_run 2 and 3),
   passive constructions and passive density; how many documents fail each audience.

Prose blocks are cut crudely from Markdown: front matter and fenced code dropped; paragraphs, headings, list
items and table cells from markdown-it-py; inline code, URLs, HTML tags and Hugo/Liquid tags replaced by
U+FFFC (as the core masks them); link syntax reduced to its text.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from copydesk.analysis import readability as rd  # noqa: E402
from copydesk.analysis.syllables import install_textstat_offline  # noqa: E402

MASK = "\ufffc"
_FRONT = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_CODE = re.compile(r"`[^`]*`")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HTML = re.compile(r"<[^>\n]+>")
_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def prose_blocks(markdown: str) -> list[str]:
    from markdown_it import MarkdownIt

    text = _FRONT.sub("", markdown)
    text = _FENCE.sub("", text)
    text = _TEMPLATE.sub(MASK, text)
    md = MarkdownIt("commonmark").enable("table")
    blocks = []
    for tok in md.parse(text):
        if tok.type != "inline" or not tok.content.strip():
            continue
        s = tok.content
        s = _CODE.sub(MASK, s)
        s = _IMAGE.sub(MASK, s)
        s = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), s)
        s = _URL.sub(MASK, s)
        s = _HTML.sub(MASK, s)
        s = _EMPH.sub(r"\2", s)
        blocks.append(s)
    return blocks


def startup(repeat: int) -> dict[str, float]:
    """Median seconds, each in a fresh process: loading the syllable table with an empty cache directory
    (cold) and with the cache written by the cold run (warm); importing the module (which includes the
    ``copydesk`` package's own ``__init__``); importing textstat, for comparison."""
    code = (
        "import time; t0=time.perf_counter();"
        "from copydesk.analysis.syllables import syllable_table; t1=time.perf_counter(); syllable_table();"
        "print(t1-t0, time.perf_counter()-t1)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cold, warm, imp, ts = [], [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            env["XDG_CACHE_HOME"] = tmp
            a, b = map(float, subprocess.check_output([sys.executable, "-c", code], env=env).split())
            cold.append(b)
            a, b = map(float, subprocess.check_output([sys.executable, "-c", code], env=env).split())
            warm.append(b)
            imp.append(a)
        out = subprocess.check_output(
            [
                sys.executable,
                "-c",
                "import time; t=time.perf_counter(); import textstat; print(time.perf_counter()-t)",
            ],
            env=env,
        )
        ts.append(float(out))
    med = statistics.median
    return {"cold": med(cold), "warm": med(warm), "import": med(imp), "import_textstat": med(ts)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "small"))
    ap.add_argument("--repeat", type=int, default=5, help="start-up measurements per variant (median)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found: {corpus} (pass the directory as the first argument)", file=sys.stderr)
        return 2
    files = sorted(corpus.rglob("*.md"))
    if not files:
        print(f"no *.md files under {corpus}", file=sys.stderr)
        return 2

    su = startup(args.repeat)
    print(f"start-up, fresh processes, median of {args.repeat}:")
    print(
        f"  syllable table load: cold cache {su['cold'] * 1000:.1f} ms, warm cache {su['warm'] * 1000:.1f} ms"
    )
    print(
        f"  import copydesk.analysis.syllables (incl. copydesk/__init__): {su['import'] * 1000:.1f} ms;"
        f" 'import textstat' alone: {su['import_textstat'] * 1000:.1f} ms"
    )

    docs = {f: prose_blocks(f.read_text(encoding="utf-8")) for f in files}
    all_blocks = [b for bs in docs.values() for b in bs]
    n_words = sum(len(b.split()) for b in all_blocks)
    print(f"\ncorpus: {len(files)} files, {len(all_blocks)} prose blocks, ~{n_words} words")

    install_textstat_offline()
    import textstat

    # textstat deletes U+FFFC; give both sides the same text without masks for the comparison.
    plain = [b.replace(MASK, " ") for b in all_blocks]
    rd.compute_counts("warm up the table and pyphen: zyxquux")
    textstat.flesch_reading_ease("warm up textstat: zyxquux")
    t = time.perf_counter()
    ours_plain = [rd.metrics(rd.compute_counts(b)) for b in plain]
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    theirs = [{m: getattr(textstat, m)(b) for m in rd.METRIC_NAMES} for b in plain]
    t_theirs = time.perf_counter() - t
    worst = max(abs(o[m] - th[m]) for o, th in zip(ours_plain, theirs, strict=True) for m in rd.METRIC_NAMES)
    print(
        f"metrics over all blocks: copydesk {t_ours * 1000:.0f} ms, textstat six functions"
        f" {t_theirs * 1000:.0f} ms ({t_theirs / t_ours:.1f}x); max |difference| {worst:.3g}"
    )

    long_s, runs2, runs3, passive, density = [], [], [], [], []
    audience_fail = {a: 0 for a in rd.AUDIENCES}
    metric_fail: dict[str, dict[str, int]] = {a: {} for a in rd.AUDIENCES}
    examples = {"long": [], "run2": [], "run3": [], "passive": []}
    for blocks in docs.values():
        text = "\n\n".join(blocks)
        ls = rd.long_sentences(text)
        r2 = rd.polysyllable_runs(text, min_run=2)
        r3 = rd.polysyllable_runs(text)
        pv = rd.passive_voice(text)
        long_s.append(len(ls))
        runs2.append(len(r2))
        runs3.append(len(r3))
        passive.append(len(pv))
        density.append(rd.passive_density(text))
        examples["long"] += [(e - s, text[s:e][:90]) for s, e, _ in ls]
        examples["run2"] += [text[s:e] for s, e in r2]
        examples["run3"] += [text[s:e] for s, e in r3]
        examples["passive"] += [text[s:e] for s, e in pv]
        counts = sum((rd.compute_counts(b) for b in blocks), rd.TextCounts())
        values = rd.metrics(counts)
        for a in rd.AUDIENCES:
            failed = rd.check_audience(values, a)
            if failed:
                audience_fail[a] += 1
            for name, _, _ in failed:
                metric_fail[a][name] = metric_fail[a].get(name, 0) + 1

    print("\nlong-sentence limit sweep (files with >=1 finding / sentences flagged):")
    sweep = {m: [0, 0] for m in (30, 35, 40, 45, 50, 60)}
    for blocks in docs.values():
        text = "\n\n".join(blocks)
        lengths = [n for _, _, n in rd.long_sentences(text, 0)]
        for m, acc in sweep.items():
            over = sum(1 for n in lengths if n > m)
            acc[0] += bool(over)
            acc[1] += over
    print("  " + ", ".join(f">{m}: {f}/{len(files)} files, {s} sentences" for m, (f, s) in sweep.items()))

    def dist(name: str, xs: list[float]) -> None:
        fired = sum(1 for x in xs if x)
        print(f"  {name:<28} files with >=1: {fired:>3}/{len(xs)}  total {sum(xs):>5}  max {max(xs)}")

    print("\nfindings per file with defaults:")
    dist(f"long_sentences (>{rd.LONG_SENTENCE_WORDS} words)", long_s)
    dist("polysyllable_runs min_run=2", runs2)
    dist("polysyllable_runs min_run=3", runs3)
    dist("passive constructions", passive)
    qs = statistics.quantiles(density, n=10)
    print(
        f"  passive density per file: median {statistics.median(density):.2f}, p90 {qs[8]:.2f},"
        f" max {max(density):.2f}; files above 0.25: {sum(d > 0.25 for d in density)},"
        f" above 0.33: {sum(d > 0.33 for d in density)}"
    )
    print(
        "  documents failing each audience (whole-document metrics):",
        ", ".join(f"{a} {n}/{len(files)}" for a, n in audience_fail.items()),
    )
    for a, per in metric_fail.items():
        print(f"    {a}: " + ", ".join(f"{m} {n}" for m, n in sorted(per.items())))
    if os.environ.get("SHOW_EXAMPLES"):
        for key, xs in examples.items():
            print(f"\n{key}: {len(xs)}")
            for x in xs[:: max(1, len(xs) // 25)][:25]:
                print("   ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
