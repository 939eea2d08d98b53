"""``consistency``: two spellings of one term in the same document (``e-mail`` and ``email``).

The spelling used less often is reported at each of its occurrences (on a tie, the one that appears
second), with the message naming the other.

Besides the listed pairs, ``derive`` finds pairs no list has, by how English spellings vary: each word of
the draft is brought to one form per family (``our-or``: colour/color, ``ise-ize``: organise/organize,
``yse-yze``: analyse/analyze, ``re-er``: centre/center, ``doubled-l``: travelled/traveled,
``amme-am``: programme/program, ``ogue-og``: catalogue/catalog, ``ence-ense``: defence/defense,
``er-or``: adviser/advisor, ``ll-l``: enrol/enroll, ``compound``: co-worker/coworker, work space/workspace), and words of one
form written two ways are a pair. ``derive_exceptions`` lists pairs that are two words, not two spellings
(timbre/timber); ``compound_stop`` lists words that never join a closed compound when written apart
(every day/everyday, set up/setup); a hyphenated word and its closed form are one term whatever their
parts (off-line/offline), unless ``derive_exceptions`` lists them (re-sign/resign).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate, chain, filterfalse, pairwise, starmap

from ..matching import PatternError, compile_tokens
from ..rules import Kind, Option
from ._common import KindError, _anchored, blocks_may_match, finding, in_name, quotation_ranges, text_edit

# A word as prose writes it: not part of a domain, an address, a path, a hashtag or a handle.
_WORD_RE = re.compile(r"(?<![\w\-#@./])[A-Za-z]+(?:-[A-Za-z]+)*(?![\w\-@/]|\.\w)")
# Identifiers and names keep their own spelling: CODEOWNERS, iPhone, GitHub.
_ODD_CASE_RE = re.compile(r"[A-Za-z][A-Z]|^[A-Z]+$")
#: Distinct words whose forms, family keys and splits one rule keeps in memory (per process).
_MEMO_MAX = 50_000
#: Characters of prose up to which :meth:`Consistency._plan` lists each block's words once and reads the
#: lists twice (beyond it, the blocks are searched twice and no list of the draft's words is kept).
_LISTED_CHARS = 1 << 18


def _named_spelling(hit) -> bool:
    blk, s, e = hit
    return blk.text[s:e].isalpha() and in_name(blk, s, e)


@functools.lru_cache(maxsize=1024)
def _pair_re(a: str, b: str) -> re.Pattern:
    """Two words with one space between them, each a whole word as ``_WORD_RE`` reads one, in any case
    (a superset of the neighbouring pairs :meth:`Consistency.derived_groups` joins)."""
    return re.compile(rf"(?<![\w\-#@./]){a} {b}(?![\w\-@/]|\.\w)", re.IGNORECASE)


#: The characters other than ASCII letters that Python's ``re`` matches to an ASCII letter when it ignores
#: case, and that letter: what :func:`_pair_re` (``re.IGNORECASE``) reads as a letter of its words.
_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
#: Two words of letters one space apart, as :func:`_pair_re` finds them: the first word is the match, the
#: second is read in a look-ahead, so that every pair is found, overlapping ones included ("a b c").
_SPACED_RE = re.compile(r"(?<![\w\-#@./])([A-Za-z]+)(?= ([A-Za-z]+)(?![\w\-@/]|\.\w))")


def _spaced_pairs(text: str):
    """``(start, a, b)`` for every place of ``text`` where ``_pair_re(a, b)`` matches, ``a`` and ``b`` the
    two words lower-cased: one scan of the text finds the matches of every pair of words at once (the
    characters ``re`` folds to an ASCII letter are read as that letter, as the pair pattern reads them)."""
    if not text.isascii():
        text = text.translate(_CASE_FOLDS)  # (one character for one: offsets do not move)
    for m in _SPACED_RE.finditer(text):
        yield m.start(), m.group(1).lower(), m.group(2).lower()


def _holding_spaced(texts, pairs):
    """The texts of ``texts`` (in order) in which :func:`_spaced_pairs` may find one of ``pairs`` (two
    lower-case words each): a text all ASCII holds such a pair only where its lower-cased copy holds the
    two words one space apart, so most are ruled out by a substring test per pair; any other text is kept
    (the characters ``re`` folds to an ASCII letter are not lower-cased to one)."""
    spaced = [f"{a} {b}" for a, b in pairs]
    for text in texts:
        if text.isascii():
            low = text.lower()
            if not any(map(low.__contains__, spaced)):
                continue
        yield text


def _blocks_holding(pattern, blocks, joined: str | None):
    """The blocks of ``blocks`` (in order) that may hold a match of ``pattern`` (a program of
    :func:`copydesk.matching.compile_pattern`): a superset of those that do. With an RE2 program that
    ``blocks_may_match`` may search over the joined blocks, one pass over ``joined`` (the blocks' texts
    joined by line breaks) marks every block a match touches: a match inside a block is a match of the
    joined text at the same place, so the leftmost-first pass either reports it or reports a match
    overlapping it (which touches that block too). Other programs: every block, or none when
    ``blocks_may_match`` says no block matches."""
    source = getattr(pattern, "pattern", None)
    if (
        len(blocks) < 2
        or not type(pattern).__module__.startswith("re2")
        or not isinstance(source, str)
        or _anchored(source)
    ):
        return blocks if blocks_may_match(pattern, blocks, joined) else []
    if joined is None:
        joined = "\n".join([blk.text for blk in blocks])
    starts = list(accumulate((len(blk.text) + 1 for blk in blocks[:-1]), initial=0))
    marked: set[int] = set()
    for m in pattern.finditer(joined):
        s, e = m.span()
        first = bisect_right(starts, s) - 1
        last = bisect_right(starts, max(s, e - 1)) - 1
        marked.update(range(first, last + 1))
    return [blocks[i] for i in sorted(marked)]


def _compound_key(form: str) -> str:
    """A compound's form without a plural -s, so that "web hook" and "webhooks" or "e-scooter" and
    "escooters" are one term (and "webhook"/"webhooks" one spelling)."""
    if len(form) > 4 and form[-1] == "s" and form[-2] not in "su'":
        return form[:-1]
    return form


def _plural_variants(form: str) -> tuple[str, ...]:
    """A closed word with a plural -s added and, when it has one, taken off; nothing for a word too
    short to be two words of three letters or more (the shortest compound :meth:`_splits` makes)."""
    if len(form) < 6:
        return ()
    if form.endswith("s"):
        return (form + "s", form[:-1])
    return (form + "s",)


def _closed_variants(form: str, closed: set[str]) -> tuple[str, list[str]]:
    """The key of a compound written ``form`` with its separators removed, and the closed words of
    ``closed`` that are the same compound with or without a plural -s."""
    key = _compound_key(form)
    variants = {form, form + "s", form[:-1]} if form.endswith("s") else {form, form + "s"}
    return key, sorted(v for v in variants if v in closed and _compound_key(v) == key)


def _rule(pattern: str, repl: str):
    rx = re.compile(pattern)
    return lambda w: rx.sub(repl, w, count=1)


# Every ending some family rewrites (a cheap test before the rewrites run).
_ANY_FAMILY_RE = re.compile(
    r"(?:our(?:s|ed|ing|ite|ites|able|ful|less|er|ers|ism|ist)?|is(?:e|es|ed|ing|ation|ations|er|ers)"
    r"|ys(?:e|es|ed|ing|er|ers)|res?|ll(?:ed|ing|er|ers|or|ors)|ammes?"
    r"|ogues?|ences?|ers?|ll(?:s|ment|ments|ful|fully)?)$"
)

#: Each family brings a word to one form (the American one); two words of one form are one term.
DERIVE_FAMILIES = {
    "our-or": _rule(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ite|ites|able|ful|less|er|ers|ism|ist)?$)", "or"),
    "ise-ize": _rule(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|ation|ations|er|ers)$)", "iz"),
    "yse-yze": _rule(r"(?<=[a-z]{2})ys(?=(?:e|es|ed|ing|er|ers)$)", "yz"),
    "re-er": _rule(r"(?<=[a-z]{2}[bcdfghjklmnpqstvwxz])re(?=s?$)", "er"),
    "doubled-l": _rule(r"(?<=[a-z]{3}[aeiou])ll(?=(?:ed|ing|er|ers|or|ors)$)", "l"),
    "amme-am": _rule(r"(?<=[a-z]{3})amme(?=s?$)", "am"),
    "ogue-og": _rule(r"(?<=[a-z]{3})ogue(?=s?$)", "og"),
    "ence-ense": _rule(r"(?<=[a-z]{3})ence(?=s?$)", "ense"),
    "er-or": _rule(r"(?<=[a-z]{4})er(?=s?$)", "or"),
    "ll-l": _rule(r"(?<=[a-z]{2}[aeiou])ll(?=(?:s|ment|ments|ful|fully)?$)", "l"),
    "compound": None,
}


class Consistency(Kind):
    analysis_parts = frozenset()
    name = "consistency"
    default_message = "Inconsistent spelling: '%s' here, '%s' elsewhere in this draft; use one."
    options = {
        "either": Option(
            "map", {}, "pairs of spellings (regular expressions) that must not both appear", required=True
        ),
        "max_reports": Option("int", 0, "report at most this many occurrences per pair (0: every one)"),
        "fix": Option("bool", False, "fix each minority spelling to the draft's majority form"),
        "labels": Option(
            "map", {}, "how the message names a matched text (for marks that cannot be quoted, like ')"
        ),
        "derive": Option(
            "list", [], f"spelling families to find pairs in by rule ({', '.join(DERIVE_FAMILIES)})"
        ),
        "derive_exceptions": Option("list", [], "pairs 'a b' that are two words, not two spellings"),
        "skip_quotations": Option(
            "bool",
            False,
            "spellings inside double quotation marks neither count nor are reported (a quoted source's "
            "style is not the draft's)",
        ),
        "name_families": Option(
            "list",
            [],
            "spelling families whose forms inside a name (capitalised mid-sentence next to another "
            "capitalised word: 'Center Centre') are the name's own, neither counted nor reported",
        ),
        "compound_stop": Option(
            "list", [], "words that never join a closed compound ('every' day, set 'up')"
        ),
    }

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.pairs = []
        for a, b in self.opts["either"].items():
            if not b:
                raise KindError("either", f"'{a}' needs a second spelling")
            try:
                pa = compile_tokens([a], ignorecase=rule.ignorecase, nonword=rule.nonword)
                pb = compile_tokens([b], ignorecase=rule.ignorecase, nonword=rule.nonword)
            except PatternError as exc:
                raise KindError("either", str(exc)) from None
            self.pairs.append((pa, pb))
        # Most blocks hold none of the spellings: one search for all of them skips those blocks. Exact,
        # since a match of one pair's pattern is a match of the alternation of all (same boundaries).
        self.any_spelling = None
        if len(self.pairs) > 1:
            spellings = [t for pair in self.opts["either"].items() for t in pair]
            try:
                self.any_spelling = compile_tokens(
                    spellings, ignorecase=rule.ignorecase, nonword=rule.nonword
                )
            except PatternError:  # too large as one program: search pair by pair
                self.any_spelling = None
        unknown = [f for f in self.opts["derive"] if f not in DERIVE_FAMILIES]
        if unknown:
            raise KindError(
                "derive", f"unknown spelling families {unknown} (known: {', '.join(DERIVE_FAMILIES)})"
            )
        self.rewrites = [DERIVE_FAMILIES[f] for f in self.opts["derive"] if f != "compound"]
        self.compound = "compound" in self.opts["derive"]
        unknown = [f for f in self.opts["name_families"] if f not in DERIVE_FAMILIES or f == "compound"]
        if unknown:
            raise KindError("name_families", f"unknown spelling families {unknown}")
        self.name_rewrites = [DERIVE_FAMILIES[f] for f in self.opts["name_families"]]
        self.exceptions = set()
        for pair in self.opts["derive_exceptions"]:
            words = pair.lower().split()
            if len(words) != 2:
                raise KindError("derive_exceptions", f"'{pair}' must be two words separated by a space")
            self.exceptions.add(frozenset(words))
        self.compound_stop = frozenset(w.lower() for w in self.opts["compound_stop"])

    def _name_family(self, group) -> bool:
        """The spellings of ``group`` are two forms of one word related by a family of ``name_families``."""
        forms = {blk.text[s:e].lower() for hits in group for blk, s, e in hits[:1]}
        return any(r(a) in forms and r(a) != a for r in self.name_rewrites for a in forms)

    def _form(self, word: str) -> str | None:
        """The lower-case form of a word as :meth:`derived_groups` keys it, or None for a word it skips
        (an identifier or a name in odd case: CODEOWNERS, iPhone)."""
        if not word.islower() and len(word) > 1 and any(_ODD_CASE_RE.search(p) for p in word.split("-")):
            return None
        return word.lower()

    def _family_keys(self, form: str) -> tuple[str, ...]:
        """The forms the spelling families bring a closed word to (other than itself)."""
        if not _ANY_FAMILY_RE.search(form):
            return ()
        return tuple(k for rewrite in self.rewrites if (k := rewrite(form)) != form)

    def _splits(self, form: str) -> tuple[tuple[str, str], ...]:
        """The ways a closed word can be two words written apart ("workspace": "work space"): both parts
        three letters or more and neither one of ``compound_stop``."""
        stop = self.compound_stop
        return tuple(
            (form[:i], form[i:])
            for i in range(3, len(form) - 2)
            if form[:i] not in stop and form[i:] not in stop
        )

    def _memo(self, name: str, words, compute) -> dict:
        """A per-process memo of ``compute`` per distinct word (one per rule and function), filled with
        ``words`` and returned; cleared when it grows past ``_MEMO_MAX`` (memory stays flat)."""
        memo = self.__dict__.setdefault(name, {})
        missing = list(filterfalse(memo.__contains__, words))  # (set - dict keys would copy the memo)
        if missing:
            if len(memo) + len(missing) > _MEMO_MAX:
                memo.clear()
                missing = words
            for w in missing:
                memo[w] = compute(w)
        return memo

    def _plan(self, blocks, joined: str | None = None):
        """What :meth:`derived_groups` must look at, decided on the draft's distinct words: None when no
        pair can be found (most drafts); else ``(spelled, closed, by_key, pairs, listed)``: ``spelled`` maps
        each written word whose form may be in a pair to that form, ``closed`` holds every unhyphenated form
        of the draft, ``by_key`` each compound's key to its closed forms in the draft, ``pairs`` the
        neighbouring words ``(a, b)`` that may stand for a closed compound ``a + b``, ``listed`` each block's
        words (None for a draft too long to keep them). Each distinct word's form, family keys and ways to
        split are computed once per process."""
        # One search over the blocks joined by line breaks finds the same words as one per block (a line
        # break is neither part of a word nor something the word pattern's look-arounds refuse).
        # The words are read block by block, twice (the distinct words, then the neighbouring pairs), and
        # never listed for the whole draft: the list of every word was several times a long draft's size.
        # (Reading the blocks joined by line breaks finds the same words in the same order: a line break is
        # neither part of a word nor something the word pattern's look-arounds refuse.)
        texts = [blk.text for blk in blocks]
        # A draft of up to ``_LISTED_CHARS`` keeps its blocks' word lists for the second reading (a few MB
        # at most); a longer one is read twice, so that its lists are never all alive at once.
        listed = list(map(_WORD_RE.findall, texts)) if sum(map(len, texts)) <= _LISTED_CHARS else None
        raw = set(chain.from_iterable(map(_WORD_RE.findall, texts) if listed is None else listed))
        if not raw:
            return None
        form_of = self._memo("_form_memo", raw, self._form)
        forms = set(map(form_of.__getitem__, raw))
        forms.discard(None)
        hyphenated = {f for f in forms if "-" in f}
        closed = forms - hyphenated
        interest: set[str] = set()
        by_key: dict[str, list[str]] = {}  # a compound's key -> the closed forms of the draft with it
        if self.compound:
            for f in hyphenated:
                key, found = _closed_variants(f.replace("-", ""), closed)
                if found:
                    by_key[key] = found
                    interest.add(f)
                    interest.update(found)
        pool = closed
        if self.rewrites:
            # The parts of a hyphenated word are spelled like words of their own ("litres-per-day" and
            # "liters" are one word spelled two ways).
            parts = {p for f in hyphenated for p in f.split("-") if len(p) >= 4}
            pool = closed | parts if parts else closed
            keys_of = self._memo("_keys_memo", pool, self._family_keys)
            for f in filter(keys_of.__getitem__, pool):  # most words have no family ending
                found = [k for k in keys_of[f] if k in pool]
                if found:
                    interest.add(f)
                    interest.update(found)
        pairs = []
        if self.compound:
            # Neighbouring words are neighbours in this list (they may also be further apart in the text):
            # a closed form that two of them make when joined (with or without a plural -s on either side:
            # "web hook"/"webhooks") is a candidate, found by set operations.
            # (streamed: on a long draft the list of lowered words and the set of every neighbouring pair
            # were the largest objects of a run, several times the draft; only the candidates are kept)
            # (a closed form, or one with its plural -s taken off or added: each distinct word's variants
            # are kept per process, so a draft's lookup is built by C-level set operations)
            variants = self._memo("_variants_memo", closed, _plural_variants)
            lookup = closed.union(chain.from_iterable(map(variants.__getitem__, closed)))
            written = chain.from_iterable(map(_WORD_RE.findall, texts) if listed is None else listed)
            joined_forms = set(
                filter(lookup.__contains__, starmap(str.__add__, pairwise(map(str.lower, written))))
            )
            splits_of = self._memo("_splits_memo", joined_forms, self._splits)
            # (both halves are words of the draft)
            candidates: dict[tuple[str, str], tuple[str, list[str]]] = {}
            for f in joined_forms:
                key, found = _closed_variants(f, closed)
                if not found:
                    continue
                for a, b in splits_of[f]:
                    if a in closed and b in closed:
                        candidates[(a, b)] = (key, found)
            if candidates:
                # Which candidates are ever written side by side, one space apart (``_pair_re``): one scan
                # of the draft for all of them (a search of the whole draft per candidate was quadratic: a
                # long draft has more candidates, each searched over more text).
                seen = {
                    (a, b)
                    for text in _holding_spaced(texts, candidates)
                    for _s, a, b in _spaced_pairs(text)
                    if (a, b) in candidates
                }
                for a, b in candidates:
                    if (a, b) in seen:
                        key, found = candidates[(a, b)]
                        pairs.append((a, b))
                        by_key[key] = found
                        interest.update(found)
        if not interest:
            return None
        spelled = {w: f for w in raw if (f := form_of[w]) in interest}
        part_interest: frozenset[str] = frozenset()
        if pool is not closed:  # hyphenated words holding a part of interest
            part_interest = frozenset(interest.intersection(parts))
            if part_interest:
                for w in raw:
                    f = form_of[w]
                    if (
                        f is not None
                        and "-" in f
                        and w not in spelled
                        and part_interest.intersection(f.split("-"))
                    ):
                        spelled[w] = f
        return spelled, pool, by_key, pairs, listed, part_interest

    def _neighbours(self, blocks, pairs):
        """``(block index, start, end, a, b)`` of each place where the words ``a`` and ``b`` of one of
        ``pairs`` stand side by side, one space apart (each a word :meth:`_form` keeps), in text order."""
        found = []
        if not pairs:
            return found
        wanted = set(pairs)
        # One scan of each block finds the places of every pair (``_spaced_pairs``: the matches of each
        # pair's ``_pair_re``, overlapping ones included: "ant ant ant" holds two pairs), instead of one
        # search of every block per pair.
        held = {id(text) for text in _holding_spaced([blk.text for blk in blocks], wanted)}
        for i, blk in enumerate(blocks):
            text = blk.text
            if id(text) not in held:
                continue
            # Two capitals in running text are a name ("Data Set 3", "Key Word Planner"); a heading
            # capitalises every word anyway.
            titled = not blk.scope.startswith("heading")
            for s, a, b in _spaced_pairs(text):
                if (a, b) not in wanted:
                    continue
                e = s + len(a) + 1 + len(b)
                w1, w2 = text[s : s + len(a)], text[e - len(b) : e]
                if (
                    w1.isascii()
                    and w2.isascii()
                    and not (titled and w1[0].isupper() and w2[0].isupper())
                    and self._form(w1) == a
                    and self._form(w2) == b
                ):
                    found.append((i, s, e, a, b))
        found.sort()
        return found

    def derived_groups(self, blocks, joined: str | None = None):
        """Occurrences of words written two ways, grouped: [[(blk, s, e), ...] per spelling, ...].
        ``joined``: the blocks' texts joined by line breaks, when the caller has it."""
        if not self.rewrites and not self.compound:
            return []
        plan = self._plan(blocks, joined)
        if plan is None:
            return []  # most drafts: decided on their distinct words, without positions
        spelled, closed, by_key, pairs, listed, part_interest = plan
        # The occurrences of the forms that may be in a pair, each form in order of its first occurrence.
        # (A block whose listed words hold none of them has none: most blocks, when the lists were kept.)
        by_form: dict[str, list] = {}
        get = spelled.get
        for i, blk in enumerate(blocks):
            if listed is not None and spelled.keys().isdisjoint(listed[i]):
                continue
            for m in _WORD_RE.finditer(blk.text):
                form = get(m.group())
                if form is not None:
                    by_form.setdefault(form, []).append((blk, m.start(), m.end()))
                    if "-" in form and part_interest:
                        at = m.start()
                        for part in form.split("-"):
                            if part in part_interest:
                                by_form.setdefault(part, []).append((blk, at, at + len(part)))
                            at += len(part) + 1
        groups: dict[str, dict[str, list]] = {}

        def add(key: str, form: str, hits) -> None:
            groups.setdefault(key, {}).setdefault(form, []).extend(hits)

        for form, hits in by_form.items():
            if "-" in form:
                if self.compound:
                    key = _compound_key(form.replace("-", ""))
                    for f in by_key.get(key, ()):
                        add(key, _compound_key(form), hits)
                        add(key, _compound_key(f), by_form.get(f, []))
                continue
            if not _ANY_FAMILY_RE.search(form):
                continue  # no ending any family rewrites
            for rewrite in self.rewrites:
                key = rewrite(form)
                if key != form and key in closed:
                    add(key, form, hits)
                    add(key, key, by_form[key])
        for i, s, e, a, b in self._neighbours(blocks, pairs):
            key = _compound_key(a + b)
            add(key, _compound_key(f"{a} {b}"), [(blocks[i], s, e)])
            for f in by_key[key]:
                add(key, _compound_key(f), by_form.get(f, []))
        out = []
        for forms in groups.values():
            if len(forms) < 2:
                continue
            names = list(forms)
            if any(frozenset((x, y)) in self.exceptions for x in names for y in names if x != y):
                continue
            spellings = []
            for hits in forms.values():
                # The same occurrence can come in twice (through two rewrites): keep it once, in order.
                uniq = {(id(h[0]), h[1]): h for h in hits}
                spellings.append(sorted(uniq.values(), key=lambda h: h[0].source_offset(h[1])))
            out.append(spellings)
        return out

    def check(self, doc, ctx):
        out = []
        blocks = self.blocks(doc)
        # The blocks joined once for every search over the whole draft (each would join them again).
        joined = "\n".join([blk.text for blk in blocks]) if len(blocks) > 1 else None
        pair_blocks, pair_joined = blocks, joined
        if self.any_spelling is not None:
            # Only the blocks holding a listed spelling (most drafts: none) are searched pair by pair.
            pair_blocks = _blocks_holding(self.any_spelling, blocks, joined)
            if pair_blocks is not blocks:
                pair_joined = "\n".join([blk.text for blk in pair_blocks]) if len(pair_blocks) > 1 else None
        found = []
        listed: set = set()
        quotes: dict = {}  # id(block) -> its quotation ranges, found once per block that needs them
        for pa, pb in self.pairs:
            if not blocks_may_match(pa, pair_blocks, pair_joined) or not blocks_may_match(
                pb, pair_blocks, pair_joined
            ):
                continue  # (most drafts: one search over the draft for each side)
            ha = [(blk, m.start(), m.end()) for blk in pair_blocks for m in pa.finditer(blk.text)]
            if not ha:
                continue
            hb = [(blk, m.start(), m.end()) for blk in pair_blocks for m in pb.finditer(blk.text)]
            if not hb:
                continue
            if self.opts["skip_quotations"]:
                ha, hb = self._unquoted(ha, quotes), self._unquoted(hb, quotes)
                if not ha or not hb:
                    continue
            found.append((ha, hb))
            listed.update((id(h[0]), h[1]) for h in (*ha, *hb))
        for group in self.derived_groups(blocks, joined):
            if any((id(h[0]), h[1]) in listed for hits in group for h in hits):
                continue  # a listed pair already judges these words
            # A spelling of a family of ``name_families`` (centre/center) inside a name is the name's own
            # ("an instructor at Center Centre", a school): such occurrences neither count nor are reported.
            if self.name_rewrites and self._name_family(group):
                group = [kept for hits in group if (kept := [h for h in hits if not _named_spelling(h)])]
                if len(group) < 2:
                    continue
            if self.opts["skip_quotations"]:
                group = [kept for hits in group if (kept := self._unquoted(hits, quotes))]
                if len(group) < 2:
                    continue
            group.sort(key=len, reverse=True)
            found.append((group[0], [h for hits in group[1:] for h in hits]))
        for ha, hb in found:
            first_a = ha[0][0].source_offset(ha[0][1])
            first_b = hb[0][0].source_offset(hb[0][1])
            if len(ha) < len(hb) or (len(ha) == len(hb) and first_a > first_b):
                minority, majority = ha, hb
            else:
                minority, majority = hb, ha
            labels = self.opts["labels"]
            other = majority[0][0].text[majority[0][1] : majority[0][2]]
            other = labels.get(other, other)
            if self.opts["max_reports"]:
                minority = minority[: self.opts["max_reports"]]
            for blk, s, e in minority:
                f = finding(blk, s, e, (labels.get(blk.text[s:e], blk.text[s:e]), other))
                if self.opts["fix"] and len(ha) != len(hb):  # a tie has no majority to follow
                    f = f._replace(fix=self._to_majority(doc, blk, s, e, majority))
                out.append(f)
        return out

    @staticmethod
    def _unquoted(hits, quotes: dict):
        """The hits that stand outside double quotation marks in their block."""
        out = []
        for hit in hits:
            blk, s = hit[0], hit[1]
            ranges = quotes.get(id(blk))
            if ranges is None:
                ranges = quotes[id(blk)] = quotation_ranges(blk.text)
            if not any(lo < s < hi for lo, hi in ranges):
                out.append(hit)
        return out

    @staticmethod
    def _to_majority(doc, blk, s, e, majority):
        """The edit that writes the majority's form here, unless a trailing period makes it unsure: ``US.``
        ends a sentence (``U.S.`` then stands for both), and ``U.S.`` before a capital may end one."""
        mblk, ms, me = majority[0]
        target = mblk.text[ms:me]
        if target.lower() != target and len({mblk.text[a:b] for mblk, a, b in majority}) > 1:
            return None  # the majority is itself written several ways: no one form to copy
        here = blk.text[s:e]
        after = blk.text[e : e + 2]
        if here.endswith(".") and not target.endswith("."):
            # "the U.S. Then" may end a sentence: only fix before a lower-case word or a comma.
            if not (after[:1] in ",;:)" and after[:1] or (after[:1] == " " and after[1:2].islower())):
                return None
        if target.endswith(".") and not here.endswith(".") and after[:1] == ".":
            e += 1  # "in the US." becomes "in the U.S.", not "U.S.."
        return text_edit(blk, doc, s, e, target)


KINDS = [Consistency]
