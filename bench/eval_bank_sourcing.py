"""Score the sourcing family on the labeled sentence bank ``/work/bank7/sourcing.tsv`` (a development bank).

The bank holds one sentence per row, ``label<TAB>class<TAB>context<TAB>sentence``: ``label`` is ``vague``
(a claim with a vague source, a statistic or study with none) or ``ok``; ``context`` is the sentence before
(may be empty). Each row is linted on its own as a one-paragraph draft, the context on the first line and
the sentence on the next (one paragraph, so the context is the sentence before, as in a draft), with the
default configuration, in-process (``copydesk.lint_text``). A row is flagged when a ``sourcing.*`` finding
(any level) starts or ends on the sentence's line. Recall = flagged ``vague`` rows / ``vague`` rows;
precision = flagged ``vague`` rows / flagged rows. Per class, ``vague`` classes give recall and ``ok``
classes give the rows flagged (false findings).

    python bench/eval_bank_sourcing.py [--bank /work/bank7] [--ext md|txt|html] [--show-misses] [--json]

The same columns serve ``/work/bank8/sourcing.tsv`` (``--bank /work/bank8``), whose ``ok`` rows carry
the vague class whose shape they mirror: figures are kept per label and class.

Exits 0 with a note when the bank is absent (it lives outside the repository).
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def read_bank(path: Path) -> list[dict]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, raw in enumerate(lines[1:], 2):
        if not raw.strip():
            continue
        parts = raw.split("\t")
        if len(parts) != 4:
            raise SystemExit(f"{path}:{n}: expected 4 tab-separated fields, got {len(parts)}")
        label, cls, context, sentence = parts
        rows.append({"row": n, "label": label, "class": cls, "context": context, "sentence": sentence})
    return rows


def draft_of(row: dict, ext: str) -> tuple[str, int]:
    """The draft text for a row and the 1-based line the sentence is on."""
    lines = [x for x in (row["context"], row["sentence"]) if x]
    if ext == "html":
        body = "\n".join(html.escape(x, quote=False) for x in lines)
        return f"<p>{body}</p>\n", len(lines)
    return "\n".join(lines) + "\n", len(lines)


def score(rows: list[dict], ext: str) -> dict:
    from copydesk import lint_text

    # (label, class) -> [flagged, rows]: bank8 names the shape an ``ok`` row mirrors with the vague
    # class it mirrors, so a class may hold rows of both labels.
    per_class = collections.defaultdict(lambda: [0, 0])
    tp = fp = fn = 0
    misses, false = [], []
    for row in rows:
        text, line = draft_of(row, ext)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            diags = lint_text(text, path=f"bank.{ext}")
        hits = [
            d
            for d in diags
            if d.rule.startswith("sourcing.") and (d.line == line or (d.end_line or d.line) == line)
        ]
        flagged = bool(hits)
        key = (row["label"], row["class"])
        per_class[key][1] += 1
        per_class[key][0] += flagged
        vague = row["label"] == "vague"
        if vague and flagged:
            tp += 1
        elif vague:
            fn += 1
            misses.append(row)
        elif flagged:
            fp += 1
            false.append((row, [f"{d.rule} {d.message}" for d in hits]))
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "classes": {
            f"{lab} {c}": {"label": lab, "class": c, "flagged": v[0], "rows": v[1]}
            for (lab, c), v in per_class.items()
        },
        "misses": misses,
        "false": false,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bank", default="/work/bank7", help="folder holding sourcing.tsv")
    ap.add_argument("--ext", default="md", choices=("md", "txt", "html"), help="draft format (default md)")
    ap.add_argument("--show-misses", action="store_true", help="list missed and falsely flagged rows")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    path = Path(args.bank) / "sourcing.tsv"
    if not path.is_file():
        print(f"{path} not found; nothing to score (the bank lives outside the repository)")
        return 0
    res = score(read_bank(path), args.ext)
    if args.json:
        out = {k: v for k, v in res.items() if k not in ("misses", "false")}
        print(json.dumps(out, indent=2, sort_keys=True))
        return 0
    print(f"{path} as .{args.ext}")
    print(
        f"recall {res['tp']}/{res['tp'] + res['fn']} = {res['recall']:.2f}   "
        f"precision {res['tp']}/{res['tp'] + res['fp']} = {res['precision']:.2f}"
    )
    for c in sorted(res["classes"].values(), key=lambda c: (c["label"], c["class"])):
        what = "found" if c["label"] == "vague" else "flagged (false)"
        print(f"  {c['label']:5} {c['class']:22} {c['flagged']:3}/{c['rows']:<3} {what}")
    if args.show_misses:
        print("\nmissed:")
        for row in res["misses"]:
            print(f"  {row['row']}: [{row['class']}] {row['sentence']}")
        print("\nfalse:")
        for row, hits in res["false"]:
            print(f"  {row['row']}: [{row['class']}] {row['sentence']}\n      -> {'; '.join(hits)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
