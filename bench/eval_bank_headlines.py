"""Score ``headlines.Repeated`` on the DEV banks' headline pairs (``/work/bank7``, ``/work/bank8``).

Usage::

    python bench/eval_bank_headlines.py [BANK_DIR ...] [--formats md,html,txt] [--setting title,sub] [--show]

The banks (written blind to the rules; see their README.md) hold rows ``label class first later`` (bank7
names the columns ``title`` and ``later_heading``): ``repeat`` rows and ``distinct`` rows. bank7: classes
``paraphrase``, ``reworded``, ``recased_suffix`` against ``section`` (a later section heading of the same
story that is not a restatement; each title appears once with a repeat and once with a distinct heading).
bank8: ``paraphrase`` and ``reworded`` (of the title) against ``title_section``, and ``subheading`` (an
earlier sub-heading repeated) against ``section_section`` (two different sub-headings); the last two
have two sub-headings, not a title, so they are scored in the ``sub`` setting only.

Each pair is written as a small draft and checked by the built-in pack as shipped; a pair is *flagged*
when ``headlines.Repeated`` reports the later heading's line (any level). Two settings:

* ``title``: the title as the draft's headline (Markdown ``#``, HTML ``<h1>``, the first line of plain
  text), a body paragraph, the later heading as a section heading (``##``, ``<h2>``, a headline-shaped
  line between blank lines), another paragraph: a mid-article heading restating the title;
* ``sub``: an unrelated headline, then both lines as sibling sub-headings with a paragraph after each:
  a sub-heading repeated further down.

Prints recall per repeat class, the share of distinct pairs flagged, and precision (flagged repeats
over all flagged pairs), per setting and format. Exits 0 and prints a note when the bank is absent.
It is a measuring stick outside the tests: nothing from the bank is copied into tests or rules.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

DEFAULT_BANKS = [Path("/work/bank7"), Path("/work/bank8")]
BODY_1 = "The story below was filed this morning and will be updated during the day."
BODY_2 = "More details follow in the next edition."
OTHER_TITLE = "Notes from the weekly edition"


#: Classes of pairs of two sub-headings (no title): scored in the ``sub`` setting only.
SUB_ONLY = frozenset({"subheading", "section_section"})


def load(path: Path) -> list[tuple[str, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (r["label"], r["class"], r.get("title") or r["first"], r.get("later_heading") or r["later"])
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def draft(setting: str, fmt: str, title: str, later: str) -> tuple[str, int]:
    """The draft text and the 1-based line of the later heading."""
    if setting == "title":
        heads = [(1, title), (2, later)]
        lead: list[tuple[int, str]] = []
    else:
        heads = [(2, title), (2, later)]
        lead = [(1, OTHER_TITLE)]
    lines: list[str] = []
    target = 0
    for k, (level, text) in enumerate([*lead, *heads]):
        if fmt == "md":
            lines.append("#" * level + " " + text)
        elif fmt == "html":
            lines.append(f"<h{level}>{text}</h{level}>")
        else:
            lines.append(text)
        target = len(lines)
        if fmt != "html":
            lines.append("")
        body = BODY_1 if k == 0 else BODY_2
        lines.append(f"<p>{body}</p>" if fmt == "html" else body)
        if fmt != "html":
            lines.append("")
    return "\n".join(lines) + "\n", target


def score(rows, setting: str, fmt: str, show: bool) -> dict:
    from copydesk import lint_text
    from copydesk.config import Config

    config = Config(rules={})
    flagged: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [flagged, total]
    misses = []
    labels = {}
    for label, cls, title, later in rows:
        if setting == "title" and cls in SUB_ONLY:
            continue
        labels[cls] = label
        text, line = draft(setting, fmt, title, later)
        diags = lint_text(text, path=f"pair.{fmt}", config=config)
        hit = any(d.rule == "headlines.Repeated" and d.line == line for d in diags)
        flagged[cls][0] += hit
        flagged[cls][1] += 1
        if show and hit != (label == "repeat"):
            misses.append(("MISS" if label == "repeat" else "FALSE", cls, title, later))
    repeat_cls = [c for c in flagged if labels[c] == "repeat"]
    tp = sum(flagged[c][0] for c in repeat_cls)
    n_rep = sum(flagged[c][1] for c in repeat_cls)
    fp = sum(flagged[c][0] for c in flagged if labels[c] != "repeat")
    n_dist = sum(flagged[c][1] for c in flagged if labels[c] != "repeat")
    out = {
        "recall": tp / n_rep if n_rep else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "fp": fp,
        "n_distinct": n_dist,
        "per_class": {c: tuple(v) for c, v in flagged.items()},
        "labels": labels,
    }
    for kind, cls, title, later in misses:
        print(f"    {kind:5} {cls:15} {title!r} / {later!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bank", nargs="*", type=Path, default=DEFAULT_BANKS)
    ap.add_argument("--formats", default="md,html,txt")
    ap.add_argument("--setting", default="title,sub")
    ap.add_argument("--show", action="store_true", help="print each missed repeat and flagged distinct pair")
    args = ap.parse_args(argv)
    for bank in args.bank:
        path = bank / "headlines.tsv"
        if not path.is_file():
            print(f"bank not found: {path} (skipped)")
            continue
        rows = load(path)
        for setting in args.setting.split(","):
            for fmt in args.formats.split(","):
                print(f"{bank.name} setting={setting} format={fmt}")
                r = score(rows, setting, fmt, args.show)
                classes = "  ".join(
                    f"{c} {h}/{n}"
                    for c, (h, n) in sorted(r["per_class"].items())
                    if r["labels"][c] == "repeat"
                )
                distinct = "  ".join(
                    f"{c} {h}/{n}"
                    for c, (h, n) in sorted(r["per_class"].items())
                    if r["labels"][c] != "repeat"
                )
                print(
                    f"  recall {r['recall']:.3f} ({classes})  distinct flagged {r['fp']}/{r['n_distinct']}"
                    f" ({distinct})  precision {r['precision']:.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
