"""CommonMark spec examples whose ``<`` reaches readers as literal text: how many copydesk flags.

Usage::

    python bench/eval_commonmark.py SPEC [--show N]

``SPEC`` is the CommonMark spec as JSON (``commonmark.json``: a list of ``{"markdown", "html", "example",
"section"}``) or a markdown-it-py source archive that holds it (``tests/test_cmark_spec/commonmark.json``),
which ``pip download --no-deps --no-binary :all: markdown-it-py`` fetches from PyPI. The spec text is
CC BY-SA; it is read at bench time and never copied into this repository.

Each example is rendered with markdown-it-py (CommonMark preset). It counts as *literal* when its
rendering has a ``&lt;`` outside ``<code>``/``<pre>`` that the input did not write as ``&lt;`` itself: a
``<`` the author typed as part of something tag-like (a tag with bad attribute syntax, an autolink with a
space, ...) that the reader sees as text. Of those, an example is *flagged* when copydesk reports a
``markup.*`` finding on it (checked as ``example.md``). Examples whose only literal ``<`` is
prose (``a < b``, ``<3``: no letter, ``/`` or ``!`` after it) are counted separately: they are not defects.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

_CODE_RE = re.compile(r"<(pre|code)[^>]*>.*?</\1>", re.S)


def load_spec(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with tarfile.open(path) as tf:
        for member in tf.getmembers():
            if member.name.endswith("test_cmark_spec/commonmark.json"):
                fh = tf.extractfile(member)
                if fh is not None:
                    return json.loads(fh.read().decode("utf-8"))
    raise SystemExit(f"{path}: no tests/test_cmark_spec/commonmark.json inside")


def literal_lt(markdown: str, rendered: str) -> bool:
    outside = _CODE_RE.sub("", rendered)
    return outside.count("&lt;") > markdown.count("&lt;")


def tag_like(markdown: str) -> bool:
    """The input has a '<' followed by a letter, '/', '!' or '?': something meant as markup."""
    return re.search(r"<[A-Za-z/!?]", markdown) is not None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spec", help="commonmark.json or a markdown-it-py sdist (.tar.gz)")
    ap.add_argument("--show", type=int, default=0, help="print up to N missed examples")
    args = ap.parse_args(argv)

    from markdown_it import MarkdownIt

    from copydesk import lint_text

    md = MarkdownIt("commonmark")
    examples = load_spec(Path(args.spec))
    literal = flagged = prose_only = 0
    missed = []
    for ex in examples:
        src = ex["markdown"].replace("→", "\t")
        html = md.render(src)
        if not literal_lt(src, html):
            continue
        if not tag_like(src):
            prose_only += 1
            continue
        literal += 1
        diags = [d for d in lint_text(src, path="example.md") if d.rule.startswith("markup.")]
        if diags:
            flagged += 1
        else:
            missed.append(ex)
    print(f"CommonMark spec: {len(examples)} examples; {literal} render a tag-like '<' as literal text")
    print(f"  flagged by a markup.* rule: {flagged}/{literal} = {flagged / max(literal, 1):.3f}")
    print(f"  (examples whose only literal '<' is prose such as 'a < b', not judged: {prose_only})")
    for ex in missed[: args.show]:
        print(f"  missed example {ex['example']} ({ex['section']}): {ex['markdown']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
