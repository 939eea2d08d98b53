"""The shared analysis of one draft: computed lazily, once, and read by every rule kind.

Between the document model and the rules sits one ``Analysis`` per document. Each part is computed the
first time a rule asks for it and kept for the others: per block the sentences and words (text offsets,
so a kind maps them to the source through ``Block.source_span``) and the readability counts; per
document the headings and title, the body counts, the markup problems of each check, the vague-sourcing
findings and the proselint hits. No kind parses, splits or counts again, and no kind reads another
kind: what several rules share is a typed attribute here, not a string key in a cache.

What depends on the whole rule set (the union of the proselint checks the enabled rules name) comes in as
``AnalysisSettings``, built by the engine once per rule set.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..document import Block, Document
from ..vocab import BODY_SCOPES, PROSE_SCOPES
from .sentences import WordIndex, split_line_units, split_sentences, words_between

#: Blocks the vague-sourcing detector reads (blockquotes are quotations: the quoted author's wording).
SOURCING_SCOPES = ("paragraph", "list_item", "table_cell")
#: Scopes that carry a draft's headline: its title, top-level headings and plain-text headline lines.
TITLE_SCOPES = ("frontmatter.title", "heading.h1", "heading.plain")
#: Parts of the analysis a kind may read (``Kind.analysis_parts``): per block the readability counts
#: (``counts``, with the body's total), proper complex words, sentences, words and passive candidates;
#: per document the vague-sourcing findings, the proselint hits and the markup problems.
#: ``Analysis.release`` drops parts.
BLOCK_PARTS = frozenset(("counts", "proper_complex", "sentences", "words", "passive"))
ANALYSIS_PARTS = BLOCK_PARTS | frozenset(("sourcing", "style", "markup"))
#: Masked ranges the markup checks blank out of the raw source before they look at it.
MARKUP_BLANKED = ("code", "code_span", "template", "frontmatter", "comment", "url")


@dataclass(frozen=True)
class AnalysisSettings:
    """Rule-set-wide inputs of the analysis (the engine builds them once per rule set)."""

    #: proselint check ids (or prefixes) that some rule reports, and those left out.
    style_checks: frozenset = frozenset()
    style_disabled: frozenset = frozenset()
    #: HTML element names the markup checks know (the ``elements`` of the markup rules; empty: built-in).
    html_elements: frozenset = frozenset()


class BlockAnalysis:
    """Sentences, words and counts of one block's text, each computed on first use."""

    __slots__ = (
        "block",
        "_sentences",
        "_words",
        "_counts",
        "_passive",
        "_passive_gate",
        "_proper_complex",
        "line_units",
    )

    def __init__(self, block: Block, line_units: bool = False) -> None:
        self.block = block
        #: A plain-text draft's block: a short unpunctuated line before another line ends a unit.
        self.line_units = line_units
        self._sentences: list[tuple[int, int]] | None = None
        self._words: WordIndex | None = None
        self._counts = None
        self._passive: list[tuple[int, int]] | None = None
        #: Where a passive can be (:meth:`Analysis.passive_gate`), None until asked.
        self._passive_gate: list[tuple[int, int]] | None = None
        self._proper_complex: int | None = None

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (text offsets), from :func:`copydesk.analysis.sentences.split_sentences` (read
        it, do not change it: a one-sentence list may be shared by many blocks)."""
        if self._sentences is None:
            text = self.block.text
            found = split_line_units(text) if self.line_units else split_sentences(text)
            one = len(found) == 1 and found[0][1] <= _SHORT
            self._sentences = _shared(_ONE_SENTENCE, found[0], found) if one else found
        return self._sentences

    @property
    def words(self) -> WordIndex:
        """Word spans (text offsets) of the whole block, kept compactly: ``len()`` counts them,
        ``spans()`` lists them, ``between(start, end)`` gives those of one sentence."""
        if self._words is None:
            self._words = WordIndex(self.block.text)
        return self._words

    def words_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The block's words that lie in ``[start, end)`` (a sentence), by bisection."""
        return words_between(self.words, start, end)

    @property
    def counts(self):
        """Readability counts (syllables, letters, long words...) of the block's text."""
        if self._counts is None:
            counts = _readability().compute_counts(self.block.text)
            self._counts = _shared(_COUNTS, counts, counts) if counts.chars <= _SHORT else counts
        return self._counts

    @property
    def word_count(self) -> int:
        """``counts.words``, without the rest of the counts when they were not asked for (not kept)."""
        if self._counts is not None:
            return self._counts.words
        return _readability().count_words(self.block.text)

    @property
    def proper_complex(self) -> int:
        """Words of three or more syllables that are names or titles (capitalised mid-sentence)."""
        if self._proper_complex is None:
            self._proper_complex = _readability().proper_complex_words(
                self.block.text, sentences=self.sentences, words=self.words
            )
        return self._proper_complex

    @property
    def passive(self) -> list[tuple[int, int]]:
        """Passive-voice candidates (text spans), sentence by sentence."""
        if self._passive is None:
            if self._passive_gate == []:  # the gate found no auxiliary followed by a possible participle
                self._passive = []
            else:  # (the function is looked up once: an import statement per block costs)
                self._passive = _passive_voice()(self.block.text, sentences=self.sentences, words=self.words)
        return self._passive

    def passive_sentences_at_most(self) -> int:
        """How many of the block's sentences can hold a passive: those that overlap a span of the gate
        (:meth:`Analysis.passive_gate` must have run), the sentences :func:`.readability.passive_voice`
        analyses. Every passive it finds lies in one of them."""
        gate = self._passive_gate
        if not gate:
            return 0 if gate is not None else len(self.sentences)
        ends = [b for _a, b in gate]
        n = 0
        for start, end in self.sentences:
            k = bisect.bisect_right(ends, start)
            if k < len(ends) and gate[k][0] < end:
                n += 1
        return n


#: One shared copy of the commonest per-block results of short blocks (a table's cells, a draft's list
#: items and headings: tens of thousands of blocks of up to ``_SHORT`` characters, most of them one
#: sentence with counts many others have too): a one-sentence list, keyed by its span, and readability
#: counts. Each copy costs a block one pointer instead of 100-200 bytes while its analysis is kept.
#: Bounded (past ``_SHARED_MAX`` entries a result is kept as it is) and kept for the process, like the
#: other memos; longer blocks rarely match another and keep their own.
_ONE_SENTENCE: dict = {}
_COUNTS: dict = {}
_SHARED_MAX = 8192
_SHORT = 160
#: The passive gate's answer for a block in which it found nothing (shared, never appended to).
_NO_GATE: list = []


def _shared(table: dict, key, value):
    """The copy of ``value`` kept in ``table`` under ``key`` (``value`` itself when new, and kept while
    the table has room)."""
    got = table.get(key)
    if got is not None:
        return got
    if len(table) < _SHARED_MAX:
        table[key] = value
    return value


@functools.cache
def _readability():
    """The readability module, imported on first use (the per-block parts call it through this: a
    ``from ... import`` in a function costs about a microsecond each time it runs)."""
    from . import readability

    return readability


@functools.cache
def _passive_voice():
    from .readability import passive_voice

    return passive_voice


class Analysis:
    """Everything rules share about one document (see the module docstring)."""

    def __init__(self, doc: Document, settings: AnalysisSettings | None = None) -> None:
        self.doc = doc
        self.settings = settings or AnalysisSettings()
        self._blocks: dict[int, BlockAnalysis] = {}
        self._markup: dict[str, list] = {}
        self._html = None
        self._sourcing: dict[int, dict[int, list]] | None = None
        self._style: list | None = None
        self._body_counts = None
        #: Block parts released so far (``release``).
        self._released: frozenset = frozenset()

    def release(self, parts) -> None:
        """Drop what was computed of ``parts`` (names of ``ANALYSIS_PARTS``): the engine calls this once no
        rule left to run reads them. A part asked for again is computed again."""
        parts = frozenset(parts)
        # Once every block part has been released (at once or over several calls), the per-block records
        # themselves go too: 40,000 empty records of a table are 6 MB.
        self._released |= parts & BLOCK_PARTS
        if BLOCK_PARTS <= self._released or (BLOCK_PARTS & parts and not self._blocks):
            self._blocks = {}
        elif BLOCK_PARTS & parts:
            slots = [f"_{part}" for part in BLOCK_PARTS & parts]
            for ba in self._blocks.values():
                for slot in slots:
                    setattr(ba, slot, None)
        if "counts" in parts:
            self._body_counts = None
        if "sourcing" in parts:
            self._sourcing = None
        if "style" in parts:
            self._style = None
        if "markup" in parts:
            self._markup = {}
            self._html = None

    def release_blocks(self, blocks, parts) -> None:
        """Drop what was computed of the block parts ``parts`` for ``blocks`` only (the engine's block pass
        calls this for each run of blocks its rules have read); a block losing every part goes whole."""
        parts = frozenset(parts) & BLOCK_PARTS
        found = self._blocks
        if not parts or not found:
            return
        if parts | self._released >= BLOCK_PARTS:
            for b in blocks:
                found.pop(id(b), None)
            return
        slots = [f"_{part}" for part in parts]
        for b in blocks:
            ba = found.get(id(b))
            if ba is not None:
                for slot in slots:
                    setattr(ba, slot, None)

    # -- per block ----------------------------------------------------------------------------------------

    def block(self, block: Block) -> BlockAnalysis:
        try:  # (asked for tens of thousands of times per corpus, nearly always for a block seen before)
            return self._blocks[id(block)]
        except KeyError:
            found = self._blocks[id(block)] = BlockAnalysis(block, self.doc.format == "text")
            return found

    def passive_gate(self, blocks) -> None:
        """Find, for each of ``blocks`` not yet looked at, where a passive can be: the spans of the passive
        gate (:func:`.readability._passive_spans`, an RE2 pass) in its lower-cased text, kept on its
        :class:`BlockAnalysis`. One pass over all of them: their texts are joined by a separator that no
        gate match can cross (three tokens that are neither auxiliary nor participle, where a match allows
        at most two words between the two), so each block gets the spans a pass over it alone gives, and
        most blocks (those with none) need no passive analysis at all."""
        todo = [ba.block for ba in map(self.block, blocks) if ba._passive_gate is None]
        for group in _sections(todo, STYLE_SECTION_CHARS // 4):  # (copies stay bounded on a long draft)
            self._passive_gate_pass([self.block(b) for b in group])

    def _passive_gate_pass(self, todo: list[BlockAnalysis]) -> None:
        from .readability import _lower_same_length, _passive_spans

        parts, starts, owners = [], [], []
        pos = 0
        for ba in todo:
            lower = _lower_same_length(ba.block.text)
            if lower is None:  # offsets would move: every sentence is analysed, as passive_voice does
                ba._passive_gate = [(0, len(ba.block.text))]
                continue
            ba._passive_gate = []
            parts.append(lower)
            starts.append(pos)
            owners.append(ba)
            pos += len(lower) + len(_GATE_SEPARATOR)
        joined = _GATE_SEPARATOR.join(parts)
        for s, e in _passive_spans(joined):
            k = bisect.bisect_right(starts, s) - 1
            if e - starts[k] > len(parts[k]):
                # a span across blocks: only the gate's fallback for text it cannot read (a lone
                # surrogate) makes one, over everything; every sentence is then analysed
                for other in owners[k:]:
                    other._passive_gate = [(0, len(other.block.text))]
                break
            owners[k]._passive_gate.append((s - starts[k], e - starts[k]))
        for ba in owners:
            if not ba._passive_gate:
                ba._passive_gate = _NO_GATE

    def total_counts(self, blocks):
        """The counts of several blocks together (None for no blocks), each block counted once."""
        from .readability import sum_counts

        return sum_counts(self.block(b).counts for b in blocks)

    # -- per document -------------------------------------------------------------------------------------

    @property
    def body(self) -> list[Block]:
        """Body prose blocks (what readability counts)."""
        return self.doc.blocks_in(BODY_SCOPES)

    @property
    def body_counts(self):
        """Counts of the draft's body prose (None when it has none); ``copydesk stats`` reports these."""
        if self._body_counts is None and self.body:
            self._body_counts = self.total_counts(self.body)
        return self._body_counts

    @property
    def headings(self) -> list[Block]:
        return self.doc.headings()

    @property
    def title(self) -> Block | None:
        """The headline of a draft: front-matter title, else the first h1, else the first plain headline."""
        for scope in TITLE_SCOPES:
            for b in self.doc.blocks:
                if b.scope == scope and b.text.strip():
                    return b
        return None

    def links(self, block: Block) -> list[tuple[int, int]]:
        """Text spans of the block's hyperlinks (a link is a citation in web copy)."""
        return block.links

    # -- vague sourcing -----------------------------------------------------------------------------------

    def sourcing(self, block: Block, vocab=None) -> list:
        """Vague-sourcing findings of one body block (every category; kinds filter).

        ``vocab`` is a rule's vocabulary (None: the built-in one); rules with the same vocabulary object
        share one run over the document.
        """
        return self.sourcing_by_block(vocab).get(id(block), [])

    def sourcing_by_block(self, vocab=None) -> dict[int, list]:
        """Vague-sourcing findings of the document keyed by ``id(block)``; blocks with none are left out
        (most blocks of most drafts: a rule then need not visit its blocks at all)."""
        key = id(vocab)
        if self._sourcing is None:
            self._sourcing = {}
        if key not in self._sourcing:
            from .sourcing import find_document_sourcing

            body, starts, heading = [], set(), False
            for b in self.doc.blocks:
                if b.is_heading:
                    heading = True
                elif b.matches_scope(SOURCING_SCOPES):
                    body.append(b)
                    if heading:
                        starts.add(id(b))
                    heading = False
            self._sourcing[key] = find_document_sourcing(
                body, lambda b: self.block(b).sentences, vocab, frozenset(starts), lambda b: b.links
            )
        return self._sourcing[key]

    def sentence_has_link(self, block: Block, pos: int) -> bool:
        """A hyperlink lies in the sentence holding text offset ``pos``."""
        for s, e in self.block(block).sentences:
            if s <= pos < e:
                return any(ls < e and le > s for ls, le in block.links)
        return False

    # -- proselint ----------------------------------------------------------------------------------------

    def style_hits(self) -> list:
        """``(block, hits)`` for every prose block with a hit (in order): proselint's checks over the draft's
        prose, run once. (Most blocks have none, and each of the two dozen proselint rules reads the list.)"""
        if self._style is None:
            from .prose_table import table_checker_for

            blocks = [b for b in self.doc.blocks if b.matches_scope(PROSE_SCOPES)]
            checker = table_checker_for(self.settings.style_checks, self.settings.style_disabled)
            per_block: list = []
            for group in _sections(blocks, STYLE_SECTION_CHARS):
                per_block.extend(checker.check_blocks([b.text for b in group]))
            self._style = [pair for pair in zip(blocks, per_block, strict=True) if pair[1]]
        return self._style

    # -- markup -------------------------------------------------------------------------------------------

    def masked_source(self, fill: str = " ") -> str:
        """The raw source with code, template tags, front matter, comments and URLs blanked (same length,
        line breaks kept). Built on each call and not kept: it is a copy of the whole draft, and only the
        mangled-tag check reads it (once per draft, since its problems are kept)."""
        return _blank(self.doc.text, self.doc.ranges(*MARKUP_BLANKED), fill)

    def _html_problems(self) -> list:
        """An HTML draft's problems, from one run of the HTML checker (the html and mangled checks share it)."""
        if self._html is None:
            from .markup import check_html

            self._html = check_html(self.doc.text, fragment=False)
        return self._html

    def markup(self, check: str) -> list:
        """Problems of one markup check (``html``, ``mangled`` or ``markdown``), computed once."""
        found = self._markup.get(check)
        if found is None:
            found = self._markup[check] = self._markup_problems(check)
        return found

    @property
    def html_elements(self) -> frozenset:
        """Element names a tag must have to count as HTML (the markup rules' ``elements``)."""
        return self.settings.html_elements or HTML_ELEMENTS

    def _markup_problems(self, check: str) -> list:
        from . import markup as m

        elements = self.html_elements
        doc = self.doc
        fmt = doc.format
        text = doc.text
        found: list = []
        if check == "html":
            if fmt == "html":
                found = [p for p in self._html_problems() if p.code != "mangled-tag"]
            elif fmt == "markdown":
                found = markdown_html_problems(doc, elements)
            if fmt in ("markdown", "text") and "&amp;" in text:  # double-escaped entities outside HTML
                found = m.add_new(
                    found, m.find_double_escaped(_blank(text, doc.ranges(*MARKUP_BLANKED, "html_block")))
                )
            # An unknown "&name;" inside an attribute value (a URL) is kept as written by browsers: not a
            # problem a reader sees, so it is not reported.
            found = [
                p
                for p in found
                if not (
                    p.code == "unescaped-ampersand"
                    and text.rfind("<", 0, p.start) > text.rfind(">", 0, p.start)
                )
            ]
        elif check == "mangled":
            if fmt == "html":
                found = [p for p in self._html_problems() if p.code == "mangled-tag"]
                # Tag pieces in the page's text ("the result./p>"): the tags, code and scripts blanked first.
                raw = [(mm.start(), mm.end()) for mm in _RAW_ELEMENT_RE.finditer(text)]
                data = _blank(text, [*doc.ranges(*MARKUP_BLANKED, "html"), *raw])
                found = m.add_new(found, m.find_mangled_tags(data))
            elif "<" in text or ">" in text:  # every mangled or cut-off tag has one (blanking adds none)
                masked = self.masked_source(" ")
                found = m.find_mangled_tags(masked)
                if fmt == "text":  # HTML tags left in plain text
                    found = m.add_new(found, m.find_text_tags(masked, elements))
                elif fmt == "markdown":  # an end tag cut off at a line end ("...page.</p"), shown as text
                    cut = m.find_cut_end_tags(masked, elements)
                    if cut:  # raw HTML blocks are left to the HTML checks
                        blocks = doc.ranges("html_block")
                        cut = [p for p in cut if not any(a <= p.start < b for a, b in blocks)]
                    found = m.add_new(found, cut)
                    if "<span" in text or "<SPAN" in text:  # editor styling spans in a sentence
                        spans = _blank(masked, doc.ranges("html_block"))
                        found = m.add_new(found, m.find_styling_spans(spans))
            if "&lt;" in text:  # tags escaped into the text ("&lt;b&gt;word&lt;/b&gt;")
                blanked = ("html",) if fmt == "html" else ()
                escaped = m.find_escaped_tags(_blank(text, doc.ranges(*MARKUP_BLANKED, *blanked)), elements)
                found = m.add_new(found, escaped)
        elif check == "markdown" and fmt == "markdown":
            found = m.check_markdown(
                text, doc.ranges(*MARKUP_BLANKED), doc.tokens, doc.references, doc.source.line_starts
            )
            # Tag-like text the parser left as text (accuracy helper).
            found = m.add_new(found, m.literal_tag_problems(doc, elements))
        return found


#: Prose characters proselint's checks read as one document. A longer draft is checked in sections of
#: whole blocks of about this size, so that what the checks build over their text (copies, word lists,
#: results) stays bounded; document-wide checks (a word spelled two ways, more exclamation marks than a
#: threshold per million characters, quotations) then hold within each section.
STYLE_SECTION_CHARS = 1_000_000


#: What joins blocks for one pass of the passive gate: three tokens of characters that are not whitespace
#: (so the gate reads them as words) and are neither an auxiliary nor a participle.
_GATE_SEPARATOR = " \x00 \x00 \x00 "


def _sections(blocks: list[Block], size: int) -> list[list[Block]]:
    """Consecutive blocks grouped into sections of about ``size`` characters (a block is never split)."""
    groups: list[list[Block]] = []
    current: list[Block] = []
    n = 0
    for b in blocks:
        if current and n + len(b.text) > size:
            groups.append(current)
            current, n = [], 0
        current.append(b)
        n += len(b.text) + 2
    if current:
        groups.append(current)
    return groups


_RAW_ELEMENT_RE = re.compile(r"<(script|style|textarea)\b.*?</\1\s*>", re.I | re.S)


def _blank(text: str, ranges, fill: str = " ") -> str:
    from .markup import blank_ranges

    return blank_ranges(text, ranges, fill)


#: Element names of HTML (and the SVG/MathML roots). A "tag" with any other name in Markdown prose is
#: usually a placeholder such as ``<your name>`` that CommonMark passes through as HTML and hides. The
#: built-in markup pack carries this list as data (``elements`` in rules/markup/LiteralTag.yml); this copy
#: serves library callers whose rule set has no markup rule with ``elements``.
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite
    code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link
    main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress
    q rp rt ruby s samp script search section select slot small source span strong style sub summary sup
    table tbody td template textarea tfoot th thead time title tr track u ul var video wbr svg math
    center font big tt strike acronym marquee nobr""".split()
)


def _pair_across_blocks(text: str, found: list, tag_at) -> list:
    """Drop a block-level element left open in one Markdown block (``<figure>``, ``<blockquote>``,
    ``<div>``) together with its end tag in a later block: the browser keeps such an element open across
    the paragraphs Markdown puts between them (a paragraph's ``</p>`` does not close it), so readers see
    what the writer meant. Inline elements (``<span>``) are closed by the paragraph's end, so theirs stay."""
    from .markup import BLOCKS_CLOSING_P

    events = []
    for k, p in enumerate(found):
        if p.code not in ("unclosed-element", "stray-end-tag"):
            continue
        tag = tag_at.match(text, p.start)
        if tag is None or tag.group(1).lower() not in BLOCKS_CLOSING_P:
            continue
        closing = text.startswith("</", p.start)
        if (p.code == "stray-end-tag") != closing:
            continue
        events.append((p.start, closing, tag.group(1).lower(), k))
    events.sort()
    open_by_name: dict[str, list[int]] = {}
    drop: set[int] = set()
    for _start, closing, name, k in events:
        if not closing:
            open_by_name.setdefault(name, []).append(k)
        elif open_by_name.get(name):
            drop.add(open_by_name[name].pop())
            drop.add(k)
    return [p for k, p in enumerate(found) if k not in drop] if drop else found


def markdown_html_problems(doc: Document, elements: frozenset | None = None) -> list:
    """Raw HTML in Markdown: HTML blocks share one stack of open elements (a ``<details>`` may open in
    one block and close in another); inline HTML is checked paragraph by paragraph, since Markdown wraps
    each paragraph in its own ``<p>`` (so a literal ``</p>`` there closes it) and the browser closes
    what a paragraph leaves open at its end."""
    import re

    from .markup import check_html

    tag_at = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
    text = doc.text
    blocks = doc.ranges("html_block")
    extents = sorted(b.source_extent for b in doc.blocks if b.runs and not b.scope.startswith("frontmatter"))
    starts = [s for s, _ in extents]
    groups: dict[int, list] = {}
    for s, e in doc.ranges("html"):
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < extents[i][1]:
            groups.setdefault(i, []).append((s, e))
    found = []
    if blocks:
        found.extend(check_html(text, blocks, fragment=True))
    for ranges in groups.values():
        for p in check_html(text, ranges, fragment=True):
            if p.code == "stray-end-tag" and text[p.start : p.start + 3].lower() == "</p":
                continue
            found.append(p)
    found = _pair_across_blocks(text, found, tag_at)
    out = []
    for p in found:
        if p.code == "mangled-tag":
            continue
        tag = tag_at.match(text, p.start)
        if (
            p.code in ("unclosed-element", "stray-end-tag")
            and tag
            and tag.group(1).lower() not in (elements or HTML_ELEMENTS)
        ):
            end = text.find(">", p.start, p.start + 200)
            shown = text[p.start : end + 1] if end > 0 else tag.group(0)
            p = p._replace(
                code="unclosed-element",
                message=f"'{shown}' is read as an HTML tag and hidden from readers ('{tag.group(1)}' is no HTML "
                f"element): write &lt;{shown[1:-1]}&gt; or put it in a code span",
            )
        out.append(p)
    out.sort()
    return out
