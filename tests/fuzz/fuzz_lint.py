"""Fuzz target: the document model and the whole lint function over arbitrary text.

Run with atheris (coverage-guided; ``pip install atheris``, Linux)::

    .venv/bin/python tests/fuzz/fuzz_lint.py -max_total_time=60 -max_len=4096

Any libFuzzer flag works (``-runs=N`` for a fixed number of inputs). Without atheris, ``--plain N`` runs N
inputs from a seeded pseudo-random generator instead, so the target still runs everywhere. The same
invariants are checked by the hypothesis property tests in ``tests/test_reliability.py``:

* no exception escapes ``copydesk.lint_text`` and no rule reports an internal error;
* every diagnostic's span lies inside the file and its line and column are those of its offsets;
* every character a block maps one-to-one comes from that place in the file;
* linting the same text twice gives the same diagnostics.
"""

from __future__ import annotations

import random
import sys
import warnings

FORMATS = ("draft.md", "draft.html", "draft.txt")

#: Fragments that reach the parsers' and rules' corner cases faster than random bytes do.
FRAGMENTS = (
    "<!--",
    "-->",
    "---\n",
    "+++\n",
    "...\n",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{<",
    ">}}",
    "{#",
    "#}",
    "{% raw %}",
    "{% endraw %}",
    "```",
    "~~~",
    "`",
    "&#",
    "&amp;",
    "&#x41;",
    ";",
    "http://example.com/a",
    "www.x.org",
    "a@b.co",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<div>",
    "<![",
    "<?",
    "<a href='x'>",
    "<script>",
    "</script>",
    "[",
    "](",
    ")",
    "![",
    "*",
    "**",
    "_",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|---|",
    "\\",
    "the the ",
    "The ",
    "experts say ",
    "said. ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    " ",
    "  ",
    "\ufeff",
    "é",
    "e\u0301",
    "😀",
    "שלום ",
    "مرحبا ",
    "\x00",
    "\ufffc",
    "\ufffd",
    "\u2028",
    "<!-- copydesk-disable -->",
    "<!-- copydesk-disable-next-line -->",
    "copydesk-disable-next-line hygiene\n",
    "title: A Title\n",
    "Word",
    "word",
    "WORDS",
    "U.S.",
    "5%",
)


#: Internal errors found by this target in code it does not own (rule kinds and analysis modules), each a
#: predicate over (text, path, error message). They are reported to the owner; remove one once fixed.
#: Everything else this target checks still applies to those inputs.
KNOWN_BUGS: tuple = ()

#: How often each known bug was met (for the report printed by ``--plain``).
known_hits: dict[str, int] = {}


def _unexpected(errors: list[str], text: str, path: str) -> list[str]:
    out = []
    for e in errors:
        bug = next((b for b in KNOWN_BUGS if b(text, path, e)), None)
        if bug is None:
            out.append(e)
        else:
            known_hits[bug.__name__] = known_hits.get(bug.__name__, 0) + 1
    return out


def check_text(text: str, path: str) -> None:
    """Lint ``text`` as ``path`` and assert every invariant; raises AssertionError on a violation."""
    from copydesk.api import LintWarning, get_linter, lint_text
    from copydesk.parsers import parse
    from copydesk.source import from_text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LintWarning)
        first = lint_text(text, path=path)
        second = lint_text(text, path=path)
    errors = [str(w.message) for w in caught if issubclass(w.category, LintWarning)]
    assert not _unexpected(errors, text, path), errors
    assert first == second, "linting the same text twice gave different diagnostics"
    source = from_text(text, path)
    n = len(source.text)
    for d in first:
        assert 0 <= d.offset <= d.end_offset <= n, f"span {d.offset}-{d.end_offset} outside the file ({n})"
        assert (d.line, d.column) == source.position(d.offset), d
        assert (d.end_line, d.end_column) == source.position(d.end_offset), d
        assert 1 <= d.line <= source.line_count and 1 <= d.end_line <= source.line_count, d
    doc = parse(source)
    for block in doc.blocks:
        s, e = block.source_span(0, len(block.text))
        assert 0 <= s <= e <= n, f"block {block.scope} maps outside the file"
        for t0, s0, e0, one in block.runs:
            assert 0 <= s0 <= e0 <= n
            if one:
                got = block.text[t0 : t0 + (e0 - s0)]
                want = source.text[s0:e0]
                # The Markdown parser hands a NUL to the prose as U+FFFD (its own same-length replacement).
                assert got.replace("\0", "\ufffd") == want.replace("\0", "\ufffd"), (
                    f"block text {got!r} is not the file's {want!r} at {s0}"
                )
    linter = get_linter()
    result, _ = linter.lint_source(source)
    assert not _unexpected(result.errors, text, path), result.errors


def text_from_bytes(data: bytes) -> tuple[str, str]:
    """Map fuzzer bytes to (text, path): the first byte picks the format, the rest mixes fragments and
    raw characters, so that short inputs already combine interesting syntax."""
    if not data:
        return "", FORMATS[0]
    path = FORMATS[data[0] % len(FORMATS)]
    out = []
    i = 1
    while i < len(data):
        b = data[i]
        if b < 128:
            out.append(FRAGMENTS[b % len(FRAGMENTS)])
            i += 1
        else:
            nxt = data[i + 1] if i + 1 < len(data) else 0
            out.append(chr(((b & 0x7F) << 8 | nxt) % 0x3000 or 0x20))
            i += 2
    return "".join(out), path


def test_one_input(data: bytes) -> None:
    text, path = text_from_bytes(data)
    check_text(text, path)


def plain_fuzz(runs: int, seed: int = 0, max_len: int = 256) -> int:
    """Seeded random inputs through ``test_one_input``; returns how many ran."""
    rng = random.Random(seed)
    for _ in range(runs):
        size = rng.randint(0, max_len)
        test_one_input(bytes(rng.getrandbits(8) for _ in range(size)))
    return runs


def main(argv: list[str]) -> None:
    if len(argv) >= 2 and argv[1] == "--plain":
        runs = int(argv[2]) if len(argv) > 2 else 1000
        print(f"ran {plain_fuzz(runs)} inputs without a failure; known bugs met: {known_hits or 'none'}")
        return
    import atheris

    with atheris.instrument_imports(include=["copydesk"]):
        import copydesk.document  # noqa: F401
        import copydesk.parsers.html  # noqa: F401
        import copydesk.parsers.markdown  # noqa: F401
        import copydesk.parsers.text  # noqa: F401
        from copydesk.api import get_linter

        get_linter()  # imports every rule kind and analysis module while instrumenting
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
