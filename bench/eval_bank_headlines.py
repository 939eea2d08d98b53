"""Score ``headlines.Repeated`` on the DEV bank's title/later-heading pairs (``/work/bank7/headlines.tsv``).

Usage::

    python bench/eval_bank_headlines.py [BANK_DIR] [--formats md,html,txt] [--setting title,sub] [--show]

The bank (written blind to the rules; see its README.md) holds rows ``label class title later_heading``:
``repeat`` rows (classes ``paraphrase``, ``reworded``, ``recased_suffix``) and ``distinct`` rows (class
``section``: a later section heading of the same story that is not a restatement). Each title appears
once with a repeat and once with a distinct heading.

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

DEFAULT_BANK = Path("/work/bank7")
BODY_1 = "The story below was filed this morning and will be updated during the day."
BODY_2 = "More details follow in the next edition."
OTHER_TITLE = "Notes from the weekly edition"


def load(path: Path) -> list[tuple[str, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (r["label"], r["class"], r["title"], r["later_heading"])
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
    for label, cls, title, later in rows:
        text, line = draft(setting, fmt, title, later)
        diags = lint_text(text, path=f"pair.{fmt}", config=config)
        hit = any(d.rule == "headlines.Repeated" and d.line == line for d in diags)
        flagged[cls][0] += hit
        flagged[cls][1] += 1
        if show and hit != (label == "repeat"):
            misses.append(("MISS" if label == "repeat" else "FALSE", cls, title, later))
    repeat_cls = [c for c in flagged if c != "section"]
    tp = sum(flagged[c][0] for c in repeat_cls)
    n_rep = sum(flagged[c][1] for c in repeat_cls)
    fp, n_dist = flagged["section"]
    out = {
        "recall": tp / n_rep if n_rep else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "fp": fp,
        "n_distinct": n_dist,
        "per_class": {c: tuple(v) for c, v in flagged.items()},
    }
    for kind, cls, title, later in misses:
        print(f"    {kind:5} {cls:15} {title!r} / {later!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bank", nargs="?", type=Path, default=DEFAULT_BANK)
    ap.add_argument("--formats", default="md,html,txt")
    ap.add_argument("--setting", default="title,sub")
    ap.add_argument("--show", action="store_true", help="print each missed repeat and flagged distinct pair")
    args = ap.parse_args(argv)
    path = args.bank / "headlines.tsv"
    if not path.is_file():
        print(f"bank not found: {path} (skipped)")
        return 0
    rows = load(path)
    for setting in args.setting.split(","):
        for fmt in args.formats.split(","):
            print(f"setting={setting} format={fmt}")
            r = score(rows, setting, fmt, args.show)
            classes = "  ".join(
                f"{c} {h}/{n}" for c, (h, n) in sorted(r["per_class"].items()) if c != "section"
            )
            print(
                f"  recall {r['recall']:.3f} ({classes})  distinct flagged {r['fp']}/{r['n_distinct']}"
                f"  precision {r['precision']:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
