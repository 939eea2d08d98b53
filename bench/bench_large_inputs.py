"""Time and peak memory of ``copydesk check`` on large and pathological generated drafts.

Usage::

    python bench/bench_large_inputs.py [--workdir DIR] [--only NAME ...] [--copydesk PATH]

Every input is generated here (no data set is needed): a 50 MB Markdown draft of ordinary paragraphs,
a 5 MB draft that is one single line, HTML nested 10,000 elements deep, 100,000 top-level headings,
100,000 section headings with paragraphs, and a 5 MB draft with CRLF line endings; and the hostile cases of
issue 13: ``/dev/zero`` as stdin and as a named file, a FIFO nobody writes to, a folder holding a symlink to
``/``, a draft over the size limit, 2/4/8 MB of proselint-annotation text, a 100,000-row table, a 20 MB
line, a user rule that matches every character, a NUL byte in the middle of a draft, deep blockquote and
list nesting.

Each is checked in its own process, measured with ``/usr/bin/time`` (CPU time = user + system, and peak
RSS), or ``resource.getrusage(RUSAGE_CHILDREN)`` where that program is missing; the machine is shared, so
wall time is printed but not trusted.
The table printed at the end is what ``docs/reliability.md`` quotes.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Real posts (../shared/corpus/18f and digitalgov) for the joined-posts cases; skipped when absent.
CORPUS = REPO.parent / "shared" / "corpus"

_PARA = (
    "The council met on Tuesday to discuss the budget for the coming year. Members asked the treasurer "
    "why the cost of the new bridge had risen, and she said the price of steel had gone up. "
    "A vote is expected next month after a public hearing at the library."
)


def gen_big_markdown(size: int) -> str:
    parts = []
    n = 0
    i = 0
    while n < size:
        if i % 20 == 0:
            chunk = f"## Section {i // 20}\n\n"
        else:
            chunk = f"{_PARA} Item {i}.\n\n"
        parts.append(chunk)
        n += len(chunk)
        i += 1
    return "".join(parts)


def corpus_posts() -> list[Path]:
    """The 18f and digitalgov posts, in sorted order (empty when the corpus is absent)."""
    return sorted(p for d in ("18f", "digitalgov") for p in (CORPUS / d).rglob("*.md") if p.is_file())


def gen_joined(size: int) -> str | None:
    """Real posts joined into one Markdown draft of ``size`` characters (front matter removed; the posts are
    taken again from the start when the corpus is smaller than ``size``). None without the corpus."""
    sys.path.insert(0, str(REPO / "src"))
    from copydesk.parsers.preprocess import find_frontmatter

    posts = corpus_posts()
    if not posts:
        return None
    parts = []
    n = 0
    while n < size:
        for p in posts:
            text = p.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
            fm = find_frontmatter(text)
            if fm:
                text = text[fm[3] :]
            chunk = text.strip("\n") + "\n\n"
            if n + len(chunk) > size:
                chunk = chunk[: size - n]
                cut = chunk.rfind("\n\n")
                chunk = chunk[: cut + 2] if cut > 0 else chunk
            parts.append(chunk)
            n += len(chunk)
            if n >= size - 200:
                return "".join(parts)
    return "".join(parts)


def gen_repeated_word(size: int) -> str:
    """One line of one word repeated (``hygiene.Doubled`` matches at every word)."""
    return "buffalo " * (size // 8)


def gen_single_line(size: int) -> str:
    words = ("alpha", "beta", "the", "council", "said", "bridge", "steel,", "vote.", "Then")
    out = []
    n = 0
    i = 0
    while n < size:
        w = words[i % len(words)]
        out.append(w)
        n += len(w) + 1
        i += 1
    return " ".join(out)


def gen_deep_html(depth: int) -> str:
    return "<html><body>" + "<div><span>" * depth + "deep text" + "</span></div>" * depth + "</body></html>\n"


def gen_headings(count: int) -> str:
    """Top-level headings only: every one is a headline candidate (the worst case for repeat checks)."""
    return "".join(f"# Heading number {i}\n\n" for i in range(count))


def gen_sections(count: int) -> str:
    """A title, then section headings each followed by a short paragraph."""
    return "# Report\n\n" + "".join(f"## Section number {i}\n\nSome text for {i}.\n\n" for i in range(count))


def gen_annotations(size: int) -> str:
    """Prose full of writer's notes (proselint's annotations check), the ``style.Annotations`` worst case."""
    para = "We will fix this later. TODO: check the figure. FIXME the quote, and XXX the date.\n\n"
    return para * (size // len(para) + 1)


def gen_table(rows: int) -> str:
    head = "| Name | Town | Votes | Share |\n| --- | --- | --- | --- |\n"
    return head + "".join(f"| Person {i} | Town {i % 97} | {i * 7} | {i % 100}% |\n" for i in range(rows))


def gen_nul_middle(size: int) -> str:
    half = gen_big_markdown(size // 2)
    return half + "A paragraph with a NUL \0 byte, the the doubled word after it.\n\n" + half


def gen_deep_quotes(depth: int) -> str:
    return "> " * depth + "Deep text: the the end.\n"


def gen_deep_lists(depth: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(depth)) + "  " * depth + "- Deep: the the end.\n"


EVERY_CHAR_RULE = "extends: existence\nmessage: \"'%s'\"\nlevel: warning\nraw: ['.']\n"


CASES = {
    "big-50MB.md": lambda: gen_big_markdown(50 * 1024 * 1024),
    "single-line-5MB.md": lambda: gen_single_line(5 * 1024 * 1024),
    "deep-10000.html": lambda: gen_deep_html(10_000),
    "headings-100000.md": lambda: gen_headings(100_000),
    "sections-100000.md": lambda: gen_sections(100_000),
    "crlf-5MB.md": lambda: gen_big_markdown(5 * 1024 * 1024).replace("\n", "\r\n"),
    "annotations-2MB.md": lambda: gen_annotations(2 * 1024 * 1024),
    "annotations-4MB.md": lambda: gen_annotations(4 * 1024 * 1024),
    "annotations-8MB.md": lambda: gen_annotations(8 * 1024 * 1024),
    "table-100000-rows.md": lambda: gen_table(100_000),
    "single-line-20MB.md": lambda: gen_single_line(20 * 1024 * 1024),
    "every-char-rule-1MB.md": lambda: gen_big_markdown(1024 * 1024),
    "nul-in-middle-1MB.md": lambda: gen_nul_middle(1024 * 1024),
    "blockquotes-100-deep.md": lambda: gen_deep_quotes(100),
    "lists-50-deep.md": lambda: gen_deep_lists(50),
    "over-limit-60MB.md": lambda: gen_big_markdown(60 * 1024 * 1024),
}

#: Cases that are not a generated file: how each is set up (returns the path or arguments to check and
#: what stdin is), in ``special``.
SPECIAL = ("stdin-dev-zero", "named-dev-zero", "fifo-without-writer", "walk-symlink-to-root")


def measure(copydesk: str, targets: list[str], *, stdin=None, extra=()) -> tuple[int, float, float, int, str]:
    """Exit code, wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run.

    With ``/usr/bin/time`` the figures are the copydesk process's own (time forks a small process, so the
    child's peak is not inflated by this script's memory); otherwise they come from ``getrusage`` of the
    children, where the peak is the largest child so far."""
    cmd = [copydesk, "check", "--no-cache", "--format", "json", "--jobs", "1", "--output", os.devnull, *extra]
    cmd += targets
    timer = Path("/usr/bin/time")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if timer.exists():
        cmd = [str(timer), "-f", "@@%M %U %S", *cmd]
    res = subprocess.run(cmd, capture_output=True, text=True, stdin=stdin, timeout=3600)
    elapsed = time.perf_counter() - t0
    messages = res.stderr.strip().splitlines()
    if messages and messages[-1].startswith("@@"):
        rss_s, user, system = messages.pop()[2:].split()
        return (
            res.returncode,
            elapsed,
            float(user) + float(system),
            int(rss_s),
            messages[0] if messages else "",
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return res.returncode, elapsed, cpu, after.ru_maxrss, messages[0] if messages else ""


def special(name: str, workdir: Path):
    """(targets, stdin, extra args, size in MB) for the cases that are not one generated file."""
    if name == "stdin-dev-zero":
        return ["-"], open("/dev/zero", "rb"), (), 0.0
    if name == "named-dev-zero":
        return ["/dev/zero"], None, (), 0.0
    if name == "fifo-without-writer":
        fifo = workdir / "pipe.md"
        if not fifo.exists():
            os.mkfifo(fifo)
        return [str(fifo)], None, (), 0.0
    if name == "walk-symlink-to-root":
        folder = workdir / "walk"
        folder.mkdir(exist_ok=True)
        (folder / "a.md").write_text("The the end.\n")
        link = folder / "root"
        if not link.is_symlink():
            os.symlink("/", link)
        return [str(folder)], None, (), 0.0
    raise KeyError(name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", help="where to write the generated drafts (default: a temporary folder)")
    ap.add_argument("--only", nargs="*", help="case names to run (default: all)")
    ap.add_argument(
        "--copydesk", default=str(REPO / ".venv" / "bin" / "copydesk"), help="copydesk executable"
    )
    args = ap.parse_args(argv)
    if not Path(args.copydesk).exists():
        print(
            f"copydesk executable not found: {args.copydesk} (install with pip install -e .)", file=sys.stderr
        )
        return 2
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    # Without /usr/bin/time the peak RSS is the largest child so far (a case below an earlier peak prints
    # "<=").
    timed = Path("/usr/bin/time").exists()
    names = [n for n in (*SPECIAL, *CASES) if not args.only or n in args.only]
    peak_so_far = 0
    for name in names:
        extra: tuple = ()
        stdin = None
        if name in CASES:
            path = workdir / name
            path.write_bytes(CASES[name]().encode("utf-8"))
            size_mb = path.stat().st_size / (1024 * 1024)
            targets = [str(path)]
            if name.startswith("every-char-rule"):
                pack = workdir / "packs" / "every"
                pack.mkdir(parents=True, exist_ok=True)
                (pack / "Char.yml").write_text(EVERY_CHAR_RULE)
                extra = ("--packs-path", str(workdir / "packs"))
        else:
            targets, stdin, extra, size_mb = special(name, workdir)
        try:
            code, elapsed, cpu, rss, message = measure(args.copydesk, targets, stdin=stdin, extra=extra)
        finally:
            if stdin is not None:
                stdin.close()
        shown_rss = f"{rss / 1024:.0f}" if timed or rss > peak_so_far else f"<= {rss / 1024:.0f}"
        peak_so_far = max(peak_so_far, rss)
        rows.append((name, size_mb, code, elapsed, cpu, shown_rss))
        print(
            f"{name:<24} {size_mb:8.1f} MB  exit {code}  {cpu:7.1f} s CPU  {elapsed:7.1f} s wall  "
            f"peak RSS {shown_rss} MiB",
            flush=True,
        )
        if message:
            print(f"    {message}", flush=True)
        if not args.workdir and name in CASES:
            (workdir / name).unlink()
    print()
    print("| input | size | exit | CPU time (s) | peak RSS (MiB) |")
    print("| --- | --- | --- | --- | --- |")
    for name, size_mb, code, _elapsed, cpu, shown_rss in rows:
        print(f"| {name} | {size_mb:.1f} MB | {code} | {cpu:.1f} | {shown_rss} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
