"""Parse every Markdown draft of a folder with both Markdown backends and compare the documents.

    python bench/compare_backends.py ../shared/corpus [--show 5] [--time]

For each ``*.md``/``*.markdown`` draft the document is made twice, with ``COPYDESK_MARKDOWN_BACKEND=py``
(markdown-it-py) and ``=rs`` (markdown-it-pyrs where it applies), and everything the checks read of it is
compared: the blocks (scope, text, source map, level, key, links, extent), masked ranges, comments, front
matter, notices, the kept block tokens and the reference labels. Prints how many drafts are equal, how
many took the fallback on the ``rs`` side, and the first difference of a few that are not equal. With
``--time``, the CPU time of each backend's parse over the folder (median of 3).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path


def digest(doc) -> tuple:
    blocks = tuple(
        (b.scope, b.text, tuple(b.runs), b.level, b.key, tuple(b.links), b.extent, tuple(b.urls))
        for b in doc.blocks
    )
    return (
        blocks,
        tuple(doc.masked),
        tuple(doc.comments),
        tuple(sorted(doc.frontmatter.items())),
        doc.frontmatter_range,
        tuple(doc.notices),
        tuple(doc.tokens or ()),
        doc.references,
    )


def first_difference(a: tuple, b: tuple) -> str:
    names = ("blocks", "masked", "comments", "frontmatter", "frontmatter_range", "notices", "tokens", "refs")
    for name, x, y in zip(names, a, b, strict=True):
        if x != y:
            if isinstance(x, tuple) and isinstance(y, tuple):
                k = next(
                    (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
                )
                return f"{name} [{k}] ({len(x)} vs {len(y)}): py {x[k : k + 1]!r}\n      rs {y[k : k + 1]!r}"
            return f"{name}: py {x!r} / rs {y!r}"
    return "equal"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--time", action="store_true")
    args = ap.parse_args()

    from copydesk.parsers import markdown, markdown_rs
    from copydesk.source import from_bytes

    paths = sorted(
        p for p in Path(args.folder).rglob("*") if p.suffix in (".md", ".markdown") and p.is_file()
    )
    sources = [from_bytes(p.read_bytes(), str(p)) for p in paths]

    fallbacks = 0
    real = markdown_rs.convert

    def counting(text, emit):
        nonlocal fallbacks
        out = real(text, emit)
        fallbacks += out is None
        return out

    markdown_rs.convert = counting
    same = 0
    diffs = []
    for src in sources:
        os.environ[markdown.BACKEND_VARIABLE] = "py"
        a = digest(markdown.parse_markdown(src))
        os.environ[markdown.BACKEND_VARIABLE] = "rs"
        b = digest(markdown.parse_markdown(src))
        if a == b:
            same += 1
        else:
            diffs.append((src.path, first_difference(a, b)))
    markdown_rs.convert = real
    print(
        f"{same}/{len(sources)} drafts parse to equal documents; {fallbacks} took markdown-it-py on the rs side"
    )
    for path, what in diffs[: args.show]:
        print(f"  {path}\n      {what}")
    if args.time:
        for name in ("py", "rs"):
            os.environ[markdown.BACKEND_VARIABLE] = name
            times = []
            for _ in range(3):
                t = time.process_time()
                for src in sources:
                    markdown.parse_markdown(src)
                times.append(time.process_time() - t)
            print(f"{name}: {statistics.median(times):.3f} s CPU (median of 3)")


if __name__ == "__main__":
    main()
