"""Print the words most often found in the headlines of a folder of drafts, as the YAML list
``common_words`` of ``rules/headlines/Repeated.yml``.

    python bench/common_headline_words.py ../shared/corpus/digitalgov ../shared/corpus/18f [--min-df 20]

Every draft's headline candidates (its title and headings, as ``headlines.Repeated`` reads them) are split
into the rule's content tokens (stop words out, light stemming); a token found in at least ``--min-df``
drafts is common, and is printed as the spelling it most often has. ``headlines.Repeated`` counts a common
word shared by a title and a heading at half weight when it looks for a heading that rewords the title:
two headings of one site share "federal" or "data" far more often than "Cobbleford" or "scooter".
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from copydesk import api  # noqa: E402
from copydesk.analysis.headlines import _stem, _tokens_of_normalized, normalize_headline  # noqa: E402
from copydesk.diagnostics import FileResult  # noqa: E402
from copydesk.engine import parse_document  # noqa: E402
from copydesk.kinds.headlines import headline_candidates  # noqa: E402
from copydesk.source import from_text  # noqa: E402

_WORD = re.compile(r"[a-z]+")
_YAML_WORDS = frozenset("yes no on off y n true false null".split())  # read as booleans unless quoted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--min-df", type=int, default=20)
    args = ap.parse_args()
    rule = next(r for r in api.get_linter().rules if r.id == "headlines.Repeated")
    kind = rule.checker
    df: collections.Counter = collections.Counter()
    spelling: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    n = 0
    for folder in args.folders:
        for dirpath, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith((".md", ".markdown", ".html", ".htm", ".txt")):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    text = Path(path).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                doc = parse_document(from_text(text, path), FileResult(path))
                if doc is None:
                    continue
                n += 1
                cands = headline_candidates(doc, rule.scope, kind.lexicon, 1)
                seen: set[str] = set()
                for c in cands:
                    norm = normalize_headline(c.text)
                    seen.update(_tokens_of_normalized(norm))
                    for w in _WORD.findall(norm):
                        spelling[_stem(w)][w] += 1
                df.update(seen)
    common = sorted(t for t, k in df.items() if k >= args.min_df and t.isalpha())
    words = sorted({spelling[t].most_common(1)[0][0] if spelling[t] else t for t in common})
    print(f"# {len(words)} words in the headlines of at least {args.min_df} of {n} drafts")
    line = "common_words: ["
    for w in words:
        if len(line) + len(w) + 2 > 108:
            print(line)
            line = " "
        line += f' "{w}",' if w in _YAML_WORDS else f" {w},"
    print(line.rstrip(",") + " ]")


if __name__ == "__main__":
    main()
