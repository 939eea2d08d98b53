"""List ``headlines.Repeated`` findings over folders of drafts (only the headlines pack is loaded).

Usage::

    python bench/headline_findings.py DIR [DIR ...] > FINDINGS.tsv

One line per finding: path, line, level, message. Two runs (before and after a change) are compared
with ``diff``; a new finding on published, edited text is probably false, so open each one.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def main(argv: list[str]) -> int:
    from copydesk import lint_text
    from copydesk.config import Config

    config = Config(packs=["headlines"], rules={})
    for folder in map(Path, argv):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".markdown", ".html", ".htm", ".txt") or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for d in lint_text(text, path=str(path), config=config):
                if d.rule == "headlines.Repeated":
                    print(f"{path}\t{d.line}\t{d.severity}\t{d.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
