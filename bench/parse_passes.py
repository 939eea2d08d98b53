"""Passes of the parse (or of the markup checks) over a folder, for instruction counts.

    valgrind --tool=cachegrind --cache-sim=no python bench/parse_passes.py ../shared/corpus/small 0
    valgrind --tool=cachegrind --cache-sim=no python bench/parse_passes.py ../shared/corpus/small 2
    (the same with --markup)

Reads every ``*.md`` draft below FOLDER and parses each PASSES times (``copydesk.parsers.parse``); with
``--markup`` it parses each once and then runs the three markup checks of the shared analysis (``html``,
``mangled``, ``markdown``) on fresh analyses PASSES times. Half the difference between the instruction
counts of 2 passes and 0 passes is one pass, whatever the start-up costs; unlike CPU time, the count does
not move with the machine's load.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("passes", type=int)
    ap.add_argument("--markup", action="store_true", help="time the markup checks instead of the parse")
    args = ap.parse_args()

    from copydesk.parsers import parse
    from copydesk.source import from_bytes

    sources = [from_bytes(p.read_bytes(), str(p)) for p in sorted(Path(args.folder).rglob("*.md"))]
    if not args.markup:
        for _ in range(args.passes):
            for source in sources:
                parse(source)
        return
    from copydesk import api
    from copydesk.analysis.shared import Analysis
    from copydesk.config import Config

    settings = api.get_linter(Config()).settings
    docs = [parse(source) for source in sources]
    for _ in range(args.passes):
        for doc in docs:
            analysis = Analysis(doc, settings)
            for check in ("html", "mangled", "markdown"):
                analysis.markup(check)


if __name__ == "__main__":
    main()
