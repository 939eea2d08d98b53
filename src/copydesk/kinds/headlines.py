"""Headline kinds: a headline repeated in one draft, the same headline on two drafts, case-style drift.

Similarity comes from :mod:`copydesk.analysis.headlines` (normalisation of case, quotes, ``U.S.``, outlet
suffixes; token overlap plus a character ratio), tuned on human-scored headline pairs.
"""

from __future__ import annotations

from ..diagnostics import Finding, Located
from ..rules import Kind, Option
from ._common import KindError

#: Scopes that carry a draft's headline: its title, top-level headings and plain-text headline lines.
HEADLINE_SCOPES = ("frontmatter.title", "heading.h1", "heading.h2", "heading.plain")


def _span(block):
    text = block.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return block.source_span(lead, lead + len(body)), body


class Repeated(Kind):
    """Near-repeats are judged by where they stand.

    In the masthead (the title and headline-like lines before the first body paragraph, where scraped
    copy prints its headline two or three times) every headline is compared with every earlier one at the
    lower ``threshold``. Further down, a heading is compared only with the draft's headlines (title, h1,
    masthead lines) at ``body_threshold``: sibling sub-headings legitimately share words ("What is X?" /
    "Why X matters") and parallel sections repeat names ("Metrics" under Part 1 and Part 2).
    """

    name = "headline_repeat"
    default_message = "Headline repeats line %s ('%s', %s%% similar); keep one."
    default_scope = HEADLINE_SCOPES
    options = {
        "threshold": Option("number", 0.6, "similarity (0-1) for repeats among the masthead's headlines"),
        "body_threshold": Option("number", 0.8, "similarity (0-1) for repeats further down the draft"),
        "min_words": Option("int", 3, "ignore headings shorter than this many words"),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        for key in ("threshold", "body_threshold"):
            if not 0 < self.opts[key] <= 1:
                raise KindError(key, f"{key} must be between 0 and 1")

    def check(self, doc, ctx):
        from ..analysis.headlines import headline_similarity
        from ..parsers.text import is_headline_line

        seen: list[tuple[object, str, int]] = []  # (block, text, line)
        title_echoed = False
        in_masthead = True
        out = []
        src = doc.source
        for block in doc.blocks:
            in_scope = block.matches_scope(self.rule.scope)
            one_line = block.scope == "paragraph" and "\n" not in block.text.strip()
            # A one-line paragraph shaped like a headline can repeat one, but is never the original.
            echo = not in_scope and one_line and is_headline_line(block.text)
            if not in_scope and not echo:
                if block.scope.split(".", 1)[0] in ("paragraph", "list_item", "blockquote", "table_cell"):
                    in_masthead = False
                continue
            if echo and not seen:
                continue
            (s, e), body = _span(block)
            if len(body.split()) < self.opts["min_words"]:
                continue
            line = src.line_of(s)
            threshold = self.opts["threshold"] if in_masthead else self.opts["body_threshold"]
            best = None
            # The first and the most recent headlines are the ones a repeat echoes; bounding the comparison
            # keeps a draft of thousands of headings linear.
            candidates = seen if len(seen) <= 60 else seen[:20] + seen[-40:]
            for prev, prev_text, prev_line in candidates:
                score = headline_similarity(prev_text, body)
                if score >= threshold and (best is None or score >= best[0]):
                    best = (score, prev, prev_text, prev_line)
            if best is not None:
                score, prev, prev_text, prev_line = best
                # The front-matter title echoed once by the first heading is the normal Markdown layout.
                if (
                    prev.scope == "frontmatter.title"
                    and not title_echoed
                    and block.scope != "frontmatter.title"
                ):
                    title_echoed = True
                    seen.append((block, body, line))
                    continue
                out.append(Finding(s, e, (prev_line, _short(prev_text), int(round(score * 100)))))
                continue
            if in_scope and (
                in_masthead or block.scope in ("frontmatter.title", "heading.h1", "heading.plain")
            ):
                seen.append((block, body, line))
        return out


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: Front-matter keys by which a draft says it is a copy of a page published elsewhere.
SYNDICATION_KEYS = (
    "source_url",
    "canonical",
    "canonical_url",
    "canonicalURL",
    "canonicalUrl",
    "original_url",
)


def _shingles(text: str, size: int = 5, keep: int = 48) -> list[int]:
    """A small MinHash-style signature of a draft's body: the lowest hashes of its word 5-grams."""
    import zlib

    words = [w for w in text.lower().split(None, 600)[:600] if any(c.isalnum() for c in w)]
    if len(words) < size:
        return []
    hashes = {
        zlib.crc32(" ".join(words[i : i + size]).encode("utf-8", "replace"))
        for i in range(len(words) - size + 1)
    }
    return sorted(hashes)[:keep]


def _same_body(a: list[int], b: list[int]) -> bool:
    """True when two signatures say the bodies are mostly the same text (a deliberate cross-post)."""
    if len(a) < 20 or len(b) < 20:
        return False  # too little text to call it the same story
    k = min(len(a), len(b))
    union_lowest = sorted(set(a) | set(b))[:k]
    shared = len(set(union_lowest) & set(a) & set(b))
    return shared / k >= 0.5


class DuplicateAcrossFiles(Kind):
    """Titles compared across drafts through ``HeadlineIndex`` (token buckets, no pairwise blow-up).

    Not reported: a pair whose bodies are mostly the same text (a deliberate cross-post or syndicated
    copy: same story, same title), section index pages (``_index.md``, ``index.md``: they name a section
    and often mirror a page's title), and the shared part of series titles: a prefix before a colon that
    starts at least ``series_min`` titles ("Trends on Tuesday: ...") is dropped before comparing.
    """

    name = "headline_duplicate"
    default_message = "Same headline as %s:%s ('%s', %s%% similar); give this draft its own."
    default_scope = ("frontmatter.title", "heading.h1", "heading.plain")
    cross_file = True
    options = {
        "threshold": Option(
            "number", 0.9, "similarity (0-1) from which two drafts' headlines count as the same"
        ),
        "min_words": Option("int", 2, "ignore headlines shorter than this many words"),
        "skip_files": Option(
            "list", ["_index.*", "index.*"], "file name patterns never compared (section pages)"
        ),
        "series_min": Option(
            "int", 3, "titles sharing a 'Prefix:' at least this often are compared without it"
        ),
    }

    def collect(self, doc, ctx):
        import fnmatch

        name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
        if any(fnmatch.fnmatch(name, pat) for pat in self.opts["skip_files"]):
            return None
        if any(k in doc.frontmatter for k in SYNDICATION_KEYS):
            return None  # a syndicated copy declares its origin and keeps the original's title
        block = ctx.analysis.title
        if block is None:
            return None
        (s, e), body = _span(block)
        if len(body.split()) < self.opts["min_words"]:
            return None
        src = doc.source
        text = " ".join(b.text for b in doc.blocks if b.scope in ("paragraph", "list_item", "blockquote"))
        return (body, *src.position(s), *src.position(e), _shingles(text))

    def check(self, doc, ctx):  # single-file runs have nothing to compare
        return []

    def finalize(self, items):
        from collections import Counter

        from ..analysis.headlines import HeadlineIndex

        items = sorted(items, key=lambda it: it[0])
        prefixes = Counter(_series_prefix(data[0]) for _, data in items)
        index = HeadlineIndex()
        facts = {}
        for path, data in items:
            title = data[0]
            prefix = _series_prefix(title)
            if prefix and prefixes[prefix] >= self.opts["series_min"]:
                title = title.split(":", 1)[1].strip() or title
            index.add(path, title)
            facts[path] = data
        out = []
        reported = set()
        for a, b, score in index.pairs(self.opts["threshold"]):
            if b in reported or a == b:
                continue
            if _same_body(facts[a][5], facts[b][5]):
                continue
            reported.add(b)
            body, line, col, end_line, end_col, _sig = facts[b]
            out.append(
                Located(
                    b,
                    line,
                    col,
                    end_line,
                    end_col,
                    (a, facts[a][1], _short(facts[a][0]), int(round(score * 100))),
                )
            )
        return out


def _series_prefix(title: str) -> str:
    head, sep, rest = title.partition(":")
    if not sep or not rest.strip() or len(head.split()) > 6:
        return ""
    return head.strip().lower()


def case_style(text: str) -> str | None:
    """``"title case"``, ``"sentence case"`` or None when the heading gives no clear evidence.

    The first word and the first word after a colon say nothing; acronyms, words with inner capitals or
    periods (``iPhone``, ``Login.gov``, ``.gov``) and numbers are skipped. Title case needs every other
    content word capitalised and a minor word (a, of, to...) in the heading, since a run of capitalised
    words alone may be a name ("Naval Air Systems Command"). Sentence case needs a lower-case content
    word and few capitalised ones (names are allowed).
    """
    import re

    from ..analysis.casing import MINOR_WORDS
    from ..analysis.casing import has_inner_capital as _has_inner_capital
    from ..analysis.casing import is_acronym as _is_acronym

    content_upper = content_lower = minor = 0
    first = True
    for m in re.finditer(r"[^\s]+", text):
        raw = m.group()
        if first:
            first = raw.endswith(":")
            continue
        word = raw.strip("\"'“”‘’()[],;!?")
        clause_start = raw.endswith(":")
        if not word or not word[0].isalpha() or "." in word or _is_acronym(word) or _has_inner_capital(word):
            first = clause_start
            continue
        base = word.split("-", 1)[0]
        if base.lower() in ("am", "pm"):
            pass  # times ("2:00 pm") say nothing about the style
        elif base.lower() in MINOR_WORDS:
            minor += 1
        elif base[0].isupper():
            content_upper += 1
        else:
            content_lower += 1
        first = clause_start
    if minor and content_upper >= 2 and content_lower == 0:
        return "title case"
    if content_lower >= 1 and content_upper * 2 <= content_lower:
        return "sentence case"
    return None


class CaseStyle(Kind):
    name = "heading_case"
    default_message = "Heading in %s while most headings here use %s; pick one style."
    default_scope = ("heading",)
    options = {
        "min_words": Option("int", 4, "only judge headings of at least this many words"),
        "min_majority": Option(
            "int", 3, "report only when the majority style has at least this many headings"
        ),
    }

    def check(self, doc, ctx):
        styled = []
        for block in self.blocks(doc):
            (s, e), body = _span(block)
            if len(body.split()) < self.opts["min_words"]:
                continue
            style = case_style(body)
            if style:
                styled.append((style, s, e))
        kinds = [k for k, _, _ in styled]
        n_title = kinds.count("title case")
        n_sent = kinds.count("sentence case")
        if not n_title or not n_sent or n_title == n_sent:
            return []
        majority = "title case" if n_title > n_sent else "sentence case"
        if max(n_title, n_sent) < self.opts["min_majority"]:
            return []
        return [Finding(s, e, (k, majority)) for k, s, e in styled if k != majority]


KINDS = [Repeated, DuplicateAcrossFiles, CaseStyle]
