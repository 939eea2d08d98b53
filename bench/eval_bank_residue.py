"""Score hygiene.Residue on the residue lines of a labeled DEV bank (bank7's ``residue.tsv``).

The bank is a TSV with a header and rows ``label<TAB>format<TAB>line``: ``label`` is ``residue`` (a line a
scraper or a CMS left behind) or ``ok`` (real article text that looks close), ``format`` is ``txt``, ``md``
or ``html``. Each line is set on its own between two ordinary paragraphs of a draft in its format, so the
rule sees it as a writer's draft would show it:

    txt:   "<para>\\n\\n<line>\\n\\n<para>\\n"
    md:    same as txt
    html:  "<p><para></p>\\n<line>\\n<p><para></p>\\n"

A residue line is found when a ``hygiene.Residue`` finding touches line 3 (the line under test); an ok line
is a false alarm when one does. Recall is per format and overall; precision is found / (found + false
alarms) with the bank's even split (the bank has as many ok lines as residue lines). ``--any`` also counts
findings of the other families (headlines, markup, sourcing, readability, hygiene) on ok lines, which a
clean line should not draw either.

    python bench/eval_bank_residue.py [/work/bank7/residue.tsv] [--show-misses] [--json]

Skips cleanly (exit 0, a note on stderr) when the bank is absent. This is a bench script, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import defaultdict
from pathlib import Path

DEFAULT = Path("/work/bank7/residue.tsv")
FAMILIES = ("headlines", "markup", "sourcing", "readability", "hygiene")
BEFORE = "The council met on Tuesday evening to discuss the budget for the coming year."
AFTER = "It voted by seven to two to keep the library open on Sundays."
EXT = {"txt": ".txt", "md": ".md", "html": ".html"}
LINE = 3


def build(fmt: str, line: str) -> str:
    if fmt == "html":
        return f"<p>{BEFORE}</p>\n\n{line}\n\n<p>{AFTER}</p>\n"
    return f"{BEFORE}\n\n{line}\n\n{AFTER}\n"


def read_bank(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, raw in enumerate(lines[1:], 2):
        if not raw.strip():
            continue
        parts = raw.split("\t")
        if len(parts) != 3 or parts[0] not in ("residue", "ok") or parts[1] not in EXT:
            raise SystemExit(f"{path}:{n}: expected label<TAB>format<TAB>line")
        rows.append((parts[0], parts[1], parts[2]))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bank", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--any", action="store_true", help="also count other families' findings on ok lines")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.bank.is_file():
        print(f"bank not found: {args.bank}; nothing scored", file=sys.stderr)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from copydesk import lint_text

    rows = read_bank(args.bank)
    found = defaultdict(int)
    total = defaultdict(int)
    alarms = defaultdict(int)
    oks = defaultdict(int)
    other = 0
    misses, false = [], []
    for label, fmt, line in rows:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            diags = lint_text(build(fmt, line), path="bank" + EXT[fmt])
        on_line = [d for d in diags if d.line <= LINE <= max(d.end_line, d.line)]
        hit = any(d.rule == "hygiene.Residue" for d in on_line)
        if label == "residue":
            total[fmt] += 1
            found[fmt] += hit
            if not hit:
                misses.append((fmt, line))
        else:
            oks[fmt] += 1
            alarms[fmt] += hit
            if hit:
                false.append((fmt, line, "hygiene.Residue"))
            elif args.any:
                fam = [d.rule for d in on_line if d.rule.split(".")[0] in FAMILIES]
                if fam:
                    other += 1
                    false.append((fmt, line, ",".join(sorted(set(fam)))))
    f_all, t_all, a_all, o_all = (sum(d.values()) for d in (found, total, alarms, oks))
    precision = f_all / (f_all + a_all) if f_all + a_all else 1.0
    out = {
        "bank": str(args.bank),
        "recall": {fmt: f"{found[fmt]}/{total[fmt]}" for fmt in EXT},
        "recall_all": round(f_all / t_all, 3) if t_all else None,
        "false_alarms": {fmt: f"{alarms[fmt]}/{oks[fmt]}" for fmt in EXT},
        "precision": round(precision, 3),
    }
    if args.any:
        out["ok_lines_with_other_findings"] = other
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"bank: {args.bank}")
        for fmt in EXT:
            print(
                f"  {fmt:4} residue found {found[fmt]:2}/{total[fmt]:2}"
                f"   ok lines flagged {alarms[fmt]:2}/{oks[fmt]:2}"
            )
        print(
            f"  all  recall {f_all}/{t_all} = {out['recall_all']}   false alarms {a_all}/{o_all}"
            f"   precision {out['precision']}"
        )
        if args.any:
            print(f"  ok lines with another family's finding: {other}")
    if args.show_misses:
        for fmt, line in misses:
            print(f"MISS  {fmt:4} {line}")
        for fmt, line, rule in false:
            print(f"FALSE {fmt:4} {rule}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
