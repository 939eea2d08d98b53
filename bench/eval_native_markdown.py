"""How a native (Rust) Markdown parser with source positions compares with copydesk's markdown-it-py parse.

    python bench/eval_native_markdown.py ../shared/corpus/small [--runs 3]
    python bench/eval_native_markdown.py ../shared/corpus --agreement-only

Needs ``markdown-it-pyrs`` (a dependency where its wheels exist since round 9: see docs/performance.md, "A native
Markdown parser"). Each draft is given to both parsers as copydesk's Markdown parser gives it to markdown-it
(front matter blanked, template tags masked, line breaks normalised). Prints:

- CPU time over the folder (median of the runs): markdown-it-py's full parse (block and inline tokens);
  copydesk's whole ``parse_markdown`` (parse, walk, blocks and source maps); markdown-it-pyrs's tree; that
  tree walked once in Python (each node's name, source map and fields read: the least any walker does);
- agreement of the block structure: each draft's leaf blocks (paragraphs, headings, fences, indented code,
  HTML blocks, table cells) as (kind, first line, last line) from each parser; drafts whose lists are equal,
  and the first difference of a few that are not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def _md_text(text: str) -> str:
    from copydesk.parsers.markdown import _prepare
    from copydesk.parsers.preprocess import blank, find_frontmatter, mask_templates

    masked: list = []
    work = text
    fm = find_frontmatter(text)
    if fm:
        work = blank(text[: fm[3]]) + text[fm[3] :]
    work = _prepare(mask_templates(work, masked))
    if fm:
        work = "\n" * work.count("\n", 0, fm[3]) + work[fm[3] :]
    return work


_PY_LEAVES = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "fence": "fence",
    "code_block": "code",
    "html_block": "html",
    "th_open": "cell",
    "td_open": "cell",
}
_RS_LEAVES = {
    "paragraph": "paragraph",
    "heading": "heading",
    "lheading": "heading",
    "fence": "fence",
    "code_block": "code",
    "html_block": "html",
    "tcell": "cell",
}
_RS_CONTAINERS = {
    "root",
    "blockquote",
    "bullet_list",
    "ordered_list",
    "list_item",
    "table",
    "thead",
    "tbody",
    "trow",
}


def py_leaves(md, text: str) -> list[tuple[str, int, int]]:
    out = []
    cell = False
    for tok in md.parse(text):
        kind = _PY_LEAVES.get(tok.type)
        if kind == "cell":  # a cell's token has no line map: its inline token has
            cell = True
        elif kind and tok.map:
            out.append((kind, tok.map[0], tok.map[1] - 1))
        elif cell and tok.type == "inline":
            out.append(("cell", tok.map[0], tok.map[1] - 1))
            cell = False
    return out


def rs_leaves(md, text: str) -> list[tuple[str, int, int]]:
    data = text.encode()
    # line of each byte offset
    import bisect

    starts = [0]
    pos = data.find(b"\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = data.find(b"\n", pos + 1)

    def line(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    out = []

    def visit(node) -> None:
        name = node.name
        kind = _RS_LEAVES.get(name)
        if kind is not None:
            s, e = node.srcmap or (0, 0)
            out.append((kind, line(s), line(max(s, e - 1))))
            return
        if name == "list_item":
            # A tight item's text has no paragraph node: its inline run is the paragraph.
            inline = [c for c in node.children if c.name not in _RS_LEAVES and c.name not in _RS_CONTAINERS]
            if inline:
                s = inline[0].srcmap[0]
                e = inline[-1].srcmap[1]
                out.append(("paragraph", line(s), line(max(s, e - 1))))
            for c in node.children:
                if c.name in _RS_LEAVES or c.name in _RS_CONTAINERS or c.name in ("hr", "definition"):
                    visit(c)
            return
        for c in node.children:
            visit(c)

    visit(md.tree(text))
    # The items of a tight list are visited in order; inline runs and nested blocks interleave by line.
    out.sort(key=lambda t: (t[1], t[2]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--agreement-only", action="store_true")
    ap.add_argument("--show", type=int, default=5, help="differences to print")
    args = ap.parse_args()
    try:
        import markdown_it_pyrs
    except ImportError:
        sys.exit("markdown-it-pyrs is not installed (pip install markdown-it-pyrs)")
    from copydesk.parsers.markdown import _parser, parse_markdown
    from copydesk.source import from_bytes

    paths = sorted(
        p for p in Path(args.folder).rglob("*") if p.suffix in (".md", ".markdown") and p.is_file()
    )
    sources = [from_bytes(p.read_bytes(), str(p)) for p in paths]
    texts = [_md_text(s.text) for s in sources]
    py = _parser()
    rs = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
    print(f"{len(texts)} drafts, {sum(map(len, texts)) / 1e6:.2f} M characters")

    if not args.agreement_only:
        clock = time.process_time

        def walk_all(node) -> int:
            n = 1
            _ = (node.name, node.srcmap, node.meta)
            for c in node.children:
                n += walk_all(c)
            return n

        jobs = {
            "markdown-it-py parse (block + inline tokens)": lambda: [py.parse(t) for t in texts],
            "copydesk parse_markdown (parse, walk, blocks)": lambda: [parse_markdown(s) for s in sources],
            "markdown-it-pyrs tree": lambda: [rs.tree(t) for t in texts],
            "markdown-it-pyrs tree + one Python walk": lambda: [walk_all(rs.tree(t)) for t in texts],
        }
        for label, job in jobs.items():
            job()  # warm
            times = []
            for _ in range(args.runs):
                t = clock()
                job()
                times.append(clock() - t)
            print(f"{statistics.median(times):7.3f} s  {label}")

    same = 0
    diffs = []
    for src, text in zip(sources, texts, strict=True):
        a = py_leaves(py, text)
        b = rs_leaves(rs, text)
        if a == b:
            same += 1
        else:
            first = next(
                (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
            )
            diffs.append((src.path, len(a), len(b), a[first : first + 1], b[first : first + 1]))
    print(f"block structure equal in {same}/{len(texts)} drafts")
    for path, na, nb, x, y in diffs[: args.show]:
        print(f"  {path}: {na} vs {nb} leaf blocks; first difference markdown-it-py {x} / pyrs {y}")


if __name__ == "__main__":
    main()
