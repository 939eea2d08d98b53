"""Score copydesk on a folder of labeled drafts (recall and precision per family, quiet clean drafts).

Each draft ``NAME.md|.html|.txt`` has ``NAME.labels.tsv`` beside it, one planted defect per line:
``LINE<TAB>FAMILY<TAB>CLASS<TAB>NOTE`` where LINE is ``N`` or ``START-END`` (1-based) and FAMILY is one of
headlines, markup, sourcing, readability, hygiene. An empty labels file marks a clean draft; files without a labels file (a README) are not drafts.

A label is found when a finding of a rule in the same family (the rule id's pack) touches its lines; the
class ``hard_draft`` (a whole draft at too high a grade) is found by any ``readability.GradeLevel`` finding in
the file. A finding of the five families is correct when it touches a label of its family. Findings of other
packs (style) are not scored.

What a label covers follows from what it says (``--scorer 2``, the default since 2026-11-30; ``--scorer 1``
is the earlier definition, kept to compare figures):

* ``hard_draft`` says the whole draft is too hard to read, so every readability finding in that draft (a
  hard paragraph, a run of long words, a long sentence, passive officialese) points at part of the labelled
  defect and is correct. The label itself is still found only by a finding that judges the whole draft
  (``readability.GradeLevel``) or one on its line.
* A paragraph class (a class ending in ``_paragraph``: ``dense_paragraph``, ``jargon_paragraph``) labels the
  paragraph that starts on its line, so it covers that paragraph's lines: up to the next blank line, and in
  an HTML draft up to the line that closes the paragraph element (``</p>``, ``</li>``, ...) or the line
  before the next block tag. A finding anywhere in the paragraph finds the label and is correct.
* Every other label covers its own lines (``N`` or ``START-END``).

    python bench/eval_drafts.py tests/data/blind1 [--copydesk "copydesk"] [--json] [--show-misses]

Drafts are checked one by one with ``--no-cache --format json`` and the default configuration, as a writer
would run it; the set's own folder holds no config file.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

FAMILIES = ("headlines", "markup", "sourcing", "readability", "hygiene")
EXTS = (".md", ".html", ".txt")


def read_labels(path: Path) -> list[dict]:
    labels = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 3:
            raise SystemExit(f"{path}:{n}: expected LINE<TAB>FAMILY<TAB>CLASS[<TAB>NOTE]")
        where, family, cls = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if family not in FAMILIES:
            raise SystemExit(f"{path}:{n}: unknown family {family!r}")
        a, _, b = where.partition("-")
        start = int(a)
        end = int(b) if b else start
        labels.append(
            {"start": start, "end": end, "family": family, "class": cls, "note": "\t".join(parts[3:])}
        )
    return labels


def run(cmd: list[str], draft: Path) -> list[dict]:
    proc = subprocess.run(
        [*cmd, "check", "--no-cache", "--format", "json", str(draft)],
        capture_output=True,
        text=True,
        cwd=draft.parent,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{draft}: copydesk exited {proc.returncode}: {proc.stderr.strip()}")
    data = json.loads(proc.stdout)
    return list(data["diagnostics"])


#: A line that ends an HTML paragraph-like element, and one that starts the next block.
_HTML_BLOCK_END = re.compile(r"</(p|li|blockquote|dd|td|th|div|section|article)\s*>", re.I)
_HTML_BLOCK_START = re.compile(
    r"\s*<(p|li|ul|ol|h[1-6]|blockquote|div|section|article|table|tr|pre|figure|dl|dt|dd|hr|header|footer)\b",
    re.I,
)


def paragraph_extent(lines: list[str], start: int, html: bool) -> int:
    """Last line (1-based) of the paragraph that starts on line ``start``: up to the next blank line; in
    HTML also up to the line that closes the element, or the line before the next block tag."""
    last = start
    if not 0 < start <= len(lines) or not lines[start - 1].strip():
        return start  # a label on a blank line names no paragraph
    while last < len(lines):
        if html and _HTML_BLOCK_END.search(lines[last - 1]):
            break
        nxt = lines[last]  # line last + 1
        if not nxt.strip() or (html and _HTML_BLOCK_START.match(nxt)):
            break
        last += 1
    return last


def widen(labels: list[dict], text: str, html: bool) -> None:
    """Give each paragraph-class label the extent of its paragraph (scorer 2)."""
    lines = text.splitlines()
    for lab in labels:
        if lab["class"].endswith("_paragraph") and lab["start"] == lab["end"]:
            lab["end"] = max(lab["end"], paragraph_extent(lines, lab["start"], html))


def touches(d: dict, lab: dict) -> bool:
    return d["line"] <= lab["end"] and max(d.get("end_line") or d["line"], d["line"]) >= lab["start"]


def found_by(d: dict, lab: dict) -> bool:
    """Whether finding ``d`` finds label ``lab`` (recall)."""
    if d["rule"].split(".", 1)[0] != lab["family"]:
        return False
    if lab["class"] == "hard_draft":
        return d["rule"] == "readability.GradeLevel" or touches(d, lab)
    return touches(d, lab)


def covered_by(d: dict, lab: dict, scorer: int) -> bool:
    """Whether label ``lab`` makes finding ``d`` correct (precision)."""
    if scorer >= 2 and lab["class"] == "hard_draft" and lab["family"] == "readability":
        return d["rule"].split(".", 1)[0] == "readability"
    return found_by(d, lab)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--copydesk", default="copydesk", help="command that runs copydesk")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-misses", action="store_true", help="list missed labels and false findings")
    ap.add_argument(
        "--scorer",
        type=int,
        choices=(1, 2),
        default=2,
        help="2: labels cover what they say (default); 1: the earlier, line-only definition",
    )
    args = ap.parse_args(argv)
    cmd = shlex.split(args.copydesk)
    drafts = sorted(
        p for p in args.folder.iterdir() if p.suffix in EXTS and p.with_suffix(".labels.tsv").is_file()
    )
    found = defaultdict(int)
    total = defaultdict(int)
    correct = defaultdict(int)
    reported = defaultdict(int)
    clean_files = clean_noisy = 0
    misses, false = [], []
    for draft in drafts:
        labels = read_labels(draft.with_suffix(".labels.tsv"))
        if args.scorer >= 2:
            widen(labels, draft.read_text(encoding="utf-8"), draft.suffix == ".html")
        diags = [d for d in run(cmd, draft) if d["rule"].split(".", 1)[0] in FAMILIES]
        for lab in labels:
            total[lab["family"]] += 1
            if any(found_by(d, lab) for d in diags):
                found[lab["family"]] += 1
            else:
                misses.append(f"{draft.name}:{lab['start']} {lab['family']}/{lab['class']} {lab['note']}")
        for d in diags:
            fam = d["rule"].split(".", 1)[0]
            reported[fam] += 1
            if any(covered_by(d, lab, args.scorer) for lab in labels):
                correct[fam] += 1
            else:
                false.append(f"{draft.name}:{d['line']}:{d['column']} {d['rule']} {d['message']}")
        if not labels:
            clean_files += 1
            clean_noisy += bool(diags)
    figures = {
        "drafts": len(drafts),
        "clean_drafts": clean_files,
        "clean_drafts_with_findings": clean_noisy,
        "families": {},
    }
    for fam in FAMILIES:
        r = found[fam] / total[fam] if total[fam] else None
        p = correct[fam] / reported[fam] if reported[fam] else None
        figures["families"][fam] = {
            "labels": total[fam],
            "found": found[fam],
            "recall": r,
            "findings": reported[fam],
            "correct": correct[fam],
            "precision": p,
        }
    all_c, all_r = sum(correct.values()), sum(reported.values())
    all_f, all_t = sum(found.values()), sum(total.values())
    figures["overall"] = {
        "recall": all_f / all_t if all_t else None,
        "precision": all_c / all_r if all_r else None,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{len(drafts)} drafts, {clean_files} clean ({clean_noisy} with findings)")
        print(f"{'family':<12} {'recall':>14} {'precision':>16}")
        for fam, f in figures["families"].items():
            rr = f"{f['found']}/{f['labels']}" + (f" {f['recall']:.2f}" if f["recall"] is not None else "")
            pp = f"{f['correct']}/{f['findings']}" + (
                f" {f['precision']:.2f}" if f["precision"] is not None else ""
            )
            print(f"{fam:<12} {rr:>14} {pp:>16}")
        o = figures["overall"]
        print(
            f"{'overall':<12} {all_f}/{all_t} {o['recall'] or 0:.2f}   {all_c}/{all_r} {o['precision'] or 0:.2f}"
        )
    if args.show_misses:
        print("\nmissed:", *misses, sep="\n  ")
        print("\nfalse findings:", *false, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
