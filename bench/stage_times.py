"""CPU time of the per-file stages of ``copydesk check --jobs 1`` over a folder, measured in process.

    python bench/stage_times.py ../shared/corpus/small [--runs 3]

Rules are loaded first and not counted. The stage functions (the parse, markdown-it's block and inline
parses, the walker, the markup checks, word indexes, sentence splitting) and every rule kind's ``check``
are wrapped with ``time.process_time``; a kind's figure includes the shared analysis it is the first to ask
for. No profiler, so many small calls are not inflated as under cProfile. Each figure is the median of the
runs. Stages nest: "markdown-it inline" is part of "walker", which is part of "parse".
"""

from __future__ import annotations

import argparse
import collections
import functools
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from copydesk import api, engine
    from copydesk.analysis import sentences, shared
    from copydesk.config import Config
    from copydesk.parsers import markdown

    totals: dict[str, float] = collections.defaultdict(float)
    calls: collections.Counter = collections.Counter()
    clock = time.process_time

    def wrap(owner, name: str, label: str) -> None:
        func = getattr(owner, name)

        @functools.wraps(func)
        def timed(*a, **k):
            t = clock()
            try:
                return func(*a, **k)
            finally:
                totals[label] += clock() - t
                calls[label] += 1

        setattr(owner, name, timed)

    wrap(engine, "parse_document", "parse")
    # The walker runs inside the block parse (each token is walked as soon as its rule is done with it).
    wrap(markdown, "_block_parse", "  markdown-it block parse with the walk (and the inline parse)")
    wrap(markdown, "_inline_parse", "    markdown-it inline parse")
    wrap(shared.Analysis, "_markup_problems", "markup checks (html, mangled, markdown)")
    wrap(shared, "split_sentences", "sentence splitting")
    wrap(sentences.WordIndex, "__init__", "word indexes")

    def timed_kind(kind) -> None:
        check = kind.check
        label = "kind " + type(kind).__name__

        def run(doc, ctx):
            t = clock()
            found = check(doc, ctx)
            totals[label] += clock() - t
            if found is None:
                return
            it = iter(found)
            while True:
                t = clock()
                try:
                    item = next(it)
                except StopIteration:
                    totals[label] += clock() - t
                    return
                totals[label] += clock() - t
                yield item

        kind.check = run

    config = Config()
    linter = api.get_linter(config)
    for rule in linter.rules:
        if rule.checker is not None:
            timed_kind(rule.checker)
    rounds = []
    for _ in range(args.runs):
        totals.clear()
        calls.clear()
        t = clock()
        api.lint_paths([args.folder], config, jobs=1)
        totals["all per-file work (lint_paths)"] = clock() - t
        rounds.append(dict(totals))
    n_calls = dict(calls)
    for label in sorted(rounds[0], key=lambda k: -rounds[0][k]):
        value = statistics.median(r.get(label, 0.0) for r in rounds)
        count = n_calls.get(label, "")
        print(f"{value:7.2f} s  {label}" + (f"  ({count} calls)" if count else ""))


if __name__ == "__main__":
    main()
