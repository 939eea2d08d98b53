"""Evaluate copydesk's proselint-backed style checks (the table of checks, copydesk.analysis.prose_table)
against proselint itself.

Usage::

    PYTHONPATH=src python bench/eval_style.py [CORPUS ...] [--n N] [--repeat R] [--no-timing]

CORPUS (one or more directories) defaults to ``../shared/corpus/small`` relative to the repo root; every
``*.md`` below them is used (the first N in path order with ``--n``).  The 4,553-file benchmark corpus is
``../shared/corpus/18f ../shared/corpus/digitalgov``.

(a) Equivalence.  For every file, ``TableChecker().check(text)`` is compared with proselint's own result on
the same text (``proselint.tools.LintFile(...).lint()`` with the default configuration and no
``max_errors`` cap), as sets of (start, end, check id, message).  This is done twice: on the raw file,
and on a crudely masked version (front matter and fenced code replaced by U+FFFC, as the core masks
them).  Hit counts per check id are printed, with every difference.  proselint can report the very same
finding twice (two check objects of one check id matching the same span); those duplicates are counted
separately, since TableChecker reports each finding once.

(b) Timing (in-process, best of R runs): proselint's lint vs ``TableChecker.check`` on whole files, vs
``check_blocks`` on the files' paragraphs (one call per file, as the core can use it), vs one ``check``
call per paragraph.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from copydesk.analysis.prose_table import TableChecker  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "small"
OBJ = "\ufffc"
_FRONT = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_PARA = re.compile(r"\n[ \t]*\n")


def mask(text: str) -> str:
    """Front matter and fenced code blocks replaced by U+FFFC (newlines kept), like the core's masking."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", OBJ, m.group(0))

    return _FENCE.sub(blank, _FRONT.sub(blank, text))


def paragraphs(text: str) -> list[str]:
    return [p for p in _PARA.split(text) if p.strip()]


def proselint_lint():
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    config = dict(DEFAULT)
    config["max_errors"] = 10**9

    def lint(text: str) -> list:
        return LintFile("<text>", text).lint(config) if text else []

    return lint


def proselint_hits(results: list, text: str) -> Counter:
    # proselint lints "\n" + text + "\n": shift its spans back by one
    return Counter(
        (
            max(r.check_result.span[0] - 1, 0),
            min(r.check_result.span[1] - 1, len(text)),
            r.check_result.check_path,
            r.check_result.message,
        )
        for r in results
    )


def equivalence(name: str, paths: list[Path], texts: list[str], checker: TableChecker, lint) -> int:
    mine_by_check: Counter = Counter()
    theirs_by_check: Counter = Counter()
    dup_by_check: Counter = Counter()
    differences = 0
    for path, text in zip(paths, texts, strict=True):
        mine = {(h.start, h.end, h.check_id, h.message) for h in checker.check(text)}
        theirs = proselint_hits(lint(text), text)
        for key, count in theirs.items():
            theirs_by_check[key[2]] += 1
            if count > 1:
                dup_by_check[key[2]] += count - 1
        for key in mine:
            mine_by_check[key[2]] += 1
        if mine != set(theirs):
            differences += 1
            print(f"  DIFF {path}")
            for key in sorted(mine - set(theirs)):
                print(f"    only copydesk : {key}  {text[key[0] : key[1]]!r}")
            for key in sorted(set(theirs) - mine):
                print(f"    only proselint: {key}  {text[key[0] : key[1]]!r}")
    print(
        f"\n[{name}] {len(texts)} files, {sum(mine_by_check.values())} copydesk hits, "
        f"{sum(theirs_by_check.values())} distinct proselint hits "
        f"(+{sum(dup_by_check.values())} exact duplicates), files with differences: {differences}"
    )
    print(f"  {'check id':45} {'copydesk':>9} {'proselint':>9} {'dupes':>6}")
    for check_id in sorted(set(mine_by_check) | set(theirs_by_check), key=lambda c: -theirs_by_check[c]):
        print(
            f"  {check_id:45} {mine_by_check[check_id]:9d} {theirs_by_check[check_id]:9d} "
            f"{dup_by_check[check_id]:6d}"
        )
    return differences


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--n", type=int, default=0, help="use only the first N files (0 = all)")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (best is reported)")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--no-equivalence", action="store_true")
    args = ap.parse_args()

    for corpus in args.corpus:
        if not corpus.is_dir():
            print(f"corpus directory not found: {corpus} (pass the path of a directory of .md files)")
            return 2
    paths = sorted(p for corpus in args.corpus for p in corpus.rglob("*.md"))
    if args.n:
        paths = paths[: args.n]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {' '.join(map(str, args.corpus))} - {len(texts)} files, {size / 1e6:.2f} MB")

    t0 = time.perf_counter()
    checker = TableChecker()
    print(
        f"TableChecker() built in {time.perf_counter() - t0:.3f} s; {len(checker.check_ids)} check ids enabled"
    )
    lint = proselint_lint()

    differences = 0
    if not args.no_equivalence:
        differences += equivalence("raw files", paths, texts, checker, lint)
        differences += equivalence("masked files", paths, [mask(t) for t in texts], checker, lint)

    if not args.no_timing:
        masked = [mask(t) for t in texts]
        blocks = [paragraphs(t) for t in masked]
        t_prose = best_of(args.repeat, lambda: [lint(t) for t in texts])
        t_mine = best_of(args.repeat, lambda: [checker.check(t) for t in texts])
        t_blocks = best_of(args.repeat, lambda: [checker.check_blocks(b) for b in blocks])
        t_each = best_of(args.repeat, lambda: [checker.check(p) for b in blocks for p in b])
        n_blocks = sum(map(len, blocks))
        print(f"\ntiming (best of {args.repeat}, in-process):")
        print(f"  proselint lint, whole files          {t_prose:8.3f} s")
        print(f"  TableChecker.check, whole files      {t_mine:8.3f} s   ratio {t_mine / t_prose:.3f}")
        print(
            f"  TableChecker.check_blocks, per file  {t_blocks:8.3f} s   ratio {t_blocks / t_prose:.3f}"
            f"   ({n_blocks} paragraphs, masked)"
        )
        print(f"  TableChecker.check, per paragraph    {t_each:8.3f} s   ratio {t_each / t_prose:.3f}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
