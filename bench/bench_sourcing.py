"""CPU time of the vague-sourcing analysis alone, in-process, over a folder of drafts.

Usage::

    python bench/bench_sourcing.py ../shared/corpus/small [--repeat 5]

Every Markdown and HTML draft is parsed and split into sentences first (the shared analysis does
that once for every kind, so it is not the detector's cost); then ``find_document_sourcing`` runs
over all drafts, ``--repeat`` times, and the best CPU time (``time.process_time``) is printed with
the number of findings (which must not change when only speed changes). To time another version,
put its ``src`` first on ``PYTHONPATH`` (``git archive COMMIT src rules | tar -x -C /tmp/old``).
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from pathlib import Path

from copydesk.analysis.sentences import split_sentences
from copydesk.analysis.shared import SOURCING_SCOPES
from copydesk.analysis.sourcing import compile_vocabulary, find_document_sourcing
from copydesk.parsers import parse
from copydesk.source import from_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.suffix in (".md", ".html") and p.is_file())
    if not files:
        print(f"error: no .md or .html drafts under {args.folder}", file=sys.stderr)
        return 2
    drafts = []
    for f in files:
        doc = parse(from_text(f.read_text(encoding="utf-8", errors="replace"), str(f)))
        body, starts, heading = [], set(), False
        for b in doc.blocks:
            if b.is_heading:
                heading = True
            elif b.matches_scope(SOURCING_SCOPES):
                body.append(b)
                if heading:
                    starts.add(id(b))
                heading = False
        drafts.append((body, {id(b): split_sentences(b.text) for b in body}, frozenset(starts)))
    compile_vocabulary(None)
    # Older versions (before 2026-11-30) take no section starts or links: run them as they are.
    newer = "links_of" in inspect.signature(find_document_sourcing).parameters
    best = float("inf")
    found = 0
    for _ in range(args.repeat):
        t = time.process_time()
        found = 0
        for body, sentences, starts in drafts:
            extra = (starts, lambda b: b.links) if newer else ()
            result = find_document_sourcing(body, lambda b, s=sentences: s[id(b)], None, *extra)
            found += sum(len(v) for v in result.values())
        best = min(best, time.process_time() - t)
    blocks = sum(len(body) for body, _, _ in drafts)
    print(f"{len(drafts)} drafts, {blocks} blocks, {found} findings: best CPU {best:.3f} s of {args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
