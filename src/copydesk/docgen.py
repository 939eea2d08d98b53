"""Generate the rules reference (``docs/rules/<pack>.md``) from the rule files themselves.

Run ``python -m copydesk.docgen [docs/rules]``; a test fails when the committed pages are out of date.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

PACK_INTROS = {
    "headlines": "Headlines repeated within a draft or across drafts, and headline hygiene.",
    "markup": "Broken HTML, tags mangled into prose, and broken Markdown.",
    "sourcing": "Claims with no source or a vague one.",
    "readability": "Readability for an audience: grade level, long sentences, dense paragraphs, passive voice.",
    "hygiene": "Copy-desk hygiene: scraper residue, spacing, doubled words, inconsistent spellings and quotes.",
    "style": "proselint's checks, run through copydesk's document model.",
}


def _example_text(ex) -> tuple[str, str]:
    if isinstance(ex, dict):
        if "files" in ex:
            body = "\n".join(f"--- {name}\n{text}" for name, text in sorted(ex["files"].items()))
            return body, "text"
        path = ex.get("path", "example.md")
        return str(ex.get("text", "")), "html" if path.endswith(
            (".html", ".htm")
        ) else "text" if path.endswith(".txt") else "markdown"
    return str(ex), "markdown"


def render_pack(pack: str, rules) -> str:
    lines = [
        f"# The `{pack}` pack",
        "",
        PACK_INTROS.get(pack, ""),
        "",
        "| rule | level | kind |",
        "| --- | --- | --- |",
    ]
    for r in rules:
        lines.append(f"| [`{r.id}`](#{r.name.lower()}) | {r.level} | `{r.kind}` |")
    lines.append("")
    for r in rules:
        lines += [
            f"## {r.name}",
            "",
            f"`{r.id}` · level `{r.level}` · kind `{r.kind}`",
            "",
            r.description,
            "",
        ]
        opts = {k: v for k, v in r.options.items() if v not in (None, [], {}, "")}
        if opts:
            lines.append("Options (set them under `rules:` in the config):")
            lines.append("")
            for k, v in opts.items():
                if k in ("raw", "tokens", "swap", "either") and len(str(v)) > 120:
                    v = f"{len(v)} entries, see the rule file"
                lines.append(f"- `{k}`: `{v}`")
            lines.append("")
        for key, title in (("fail", "Flagged"), ("pass", "Not flagged")):
            for ex in r.examples.get(key, []):
                text, lang = _example_text(ex)
                lines += [f"{title}:", "", f"```{lang}", text.rstrip("\n"), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def render_all(rules) -> dict[str, str]:
    by_pack = defaultdict(list)
    for r in rules:
        by_pack[r.pack].append(r)
    pages = {f"{pack}.md": render_pack(pack, rs) for pack, rs in sorted(by_pack.items())}
    index = ["# Rules reference", "", "Generated from the rule files by `python -m copydesk.docgen`.", ""]
    for pack, rs in sorted(by_pack.items()):
        index.append(f"- [`{pack}`]({pack}.md): {PACK_INTROS.get(pack, '')} ({len(rs)} rules)")
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def builtin_rules():
    from .config import Config
    from .engine import load_rules
    from .rules import builtin_packs_dir, discover_packs

    packs = discover_packs([builtin_packs_dir()])
    return load_rules(Config(packs=sorted(packs)))


def main(argv: list[str] | None = None) -> int:
    """``python -m copydesk.docgen [--check] [FOLDER]``: write the pages into FOLDER (default docs/rules), or
    with ``--check`` only say which are stale (exit 1) and write nothing. Any other option is refused (exit 2)
    rather than taken for a folder name."""
    argv = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in argv
    argv = [a for a in argv if a != "--check"]
    if any(a.startswith("-") for a in argv) or len(argv) > 1:
        print("usage: python -m copydesk.docgen [--check] [FOLDER]", file=sys.stderr)
        return 2
    out = Path(argv[0] if argv else "docs/rules")
    files = {}
    if not argv:
        # Also the parse of the built-in rule files shipped beside them (copydesk.compiled), written before
        # the pages are made from the rules it gives.
        from .compiled import SHIPPED_NAME, forget_shipped, shipped_index_text
        from .rules import builtin_packs_dir

        index = builtin_packs_dir() / SHIPPED_NAME
        files[index] = shipped_index_text(builtin_packs_dir())
        if not check and (not index.is_file() or index.read_text("utf-8") != files[index]):
            index.write_text(files[index], encoding="utf-8")
            forget_shipped()
    files.update({out / n: t for n, t in render_all(builtin_rules()).items()})
    if check:
        stale = [p for p, t in files.items() if not p.is_file() or p.read_text("utf-8") != t]
        for path in stale:
            print(f"{path} is stale: run python -m copydesk.docgen", file=sys.stderr)
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
