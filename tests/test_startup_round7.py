"""Start-up, round 7: the one-draft run does only the work a draft needs (proselint's table made ready unit by
unit as drafts reach them, the sourcing vocabulary's alternations, the table's validation), with the same
findings."""

from __future__ import annotations

import pytest

from copydesk.analysis import prose_gate, prose_table

TEXTS = [
    "\nIt was kind of unique, from whence it came; the p = 0 result, 1990's data.\n",
    "\nWe are focussed and focused; the centre and the center. Suddenly, mental telepathy...\n",
    "\nThe the very unique idea was irregardless of the fact that, in my opinion, it is what it is.\n",
    "\nAt the end of the day, 6 a.m. in the morning, we utilize synergy; very very nice!!!\n",
    "\nNothing to see here.\n",
    "\n\u00c7a \u2014 \u201cit was taken\u201d and we\u2019re asked to be more unique.\n",
]


def _eager(checker: prose_table.TableChecker) -> prose_table.TableChecker:
    """The checker with every unit made ready up front (as the checker of earlier rounds was built)."""
    for k in range(len(checker._units)):
        checker._rest_of(k)
    return checker


@pytest.mark.parametrize("enabled", [None, {"typography", "misc.phrasal_adjectives"}, {"uncomparables"}])
def test_units_made_ready_on_first_use_give_the_candidates_and_hits_of_ready_ones(enabled):
    lazy = prose_table.TableChecker(enabled=enabled)
    eager = _eager(prose_table.TableChecker(enabled=enabled))
    assert lazy._rest.count(None) == len(lazy._units)  # nothing made ready before a text is read
    for text in TEXTS:
        assert lazy._candidates(text) == eager._candidates(text), text
        assert lazy._results(text) == eager._results(text), text
    ready = len(lazy._units) - lazy._rest.count(None)
    assert ready < len(lazy._units) // 2  # only the units the texts reached
    assert ready > 0 or enabled is not None
    assert [lazy._rest[k] for k in range(len(lazy._units)) if lazy._rest[k] is not None] == [
        eager._rest[k] for k in range(len(lazy._units)) if lazy._rest[k] is not None
    ]


def test_the_gate_substrings_are_those_of_every_units_requirement():
    checker = prose_table.TableChecker()
    expected = sorted(
        {
            p
            for u in checker._units
            if u["gate"]
            for _w, parts in prose_table._compiled_requirement(u["gate"])
            for p in parts
        }
    )
    assert checker._needle_list() == expected
    assert b"kind of" in expected


def test_the_substring_pass_built_late_finds_what_the_scans_find(monkeypatch):
    checker = prose_table.TableChecker()
    slow = [checker._candidates(t) for t in TEXTS]
    assert checker._needles is None and checker._needle_set is None  # not built for a draft's worth of text
    monkeypatch.setattr(checker, "NEEDLE_SET_AFTER", 0)
    for text, expected in zip(TEXTS, slow, strict=True):
        lowered = prose_gate.text_atoms_bytes(text)
        if lowered is None:
            continue
        present = checker._substrings_in(lowered[1])
        assert present == frozenset(n for n in checker._needle_list() if n in lowered[1])
        assert checker._candidates(text) == expected
    assert checker._needles == checker._needle_list()


_FIELDS = "type g gate when nl pre pattern exc_full exc_search replacement lookup pair index confirm".split()
_VALUES = [
    None,
    "",
    "x",
    "x" * 201,
    "\u00e9",
    0,
    1,
    -1,
    10**7,
    True,
    False,
    1.5,
    [],
    {},
    ["existence"],
    "existence",
    "lookup",
    "proselint",
    [[]],
    [["a"]],
    [["\u00e9"]],
    [[""]],
    [[1]],
    ["a"],
    [["a"]] * 65,
    [["~kind of"], ["b"]],
    ["a", "b"],
    ["a", ""],
    ["a", 1],
    [None],
    ["x" * 100_001],
]


def test_the_table_is_validated_field_by_field_as_unit_by_unit():
    """The column-wise validation accepts exactly the unit lists the one-by-one checks accept."""
    import copy
    import random

    table = prose_table.load_table()
    n_lookups, n_groups = len(table["lookups"]), len(table["groups"])
    assert prose_table.validate_table(table)
    units = table["units"]
    rng = random.Random(7)
    kinds_seen = set()
    for _ in range(600):
        mutated = copy.copy(units)
        for _ in range(rng.choice((1, 1, 2))):
            k = rng.randrange(len(mutated))
            unit = dict(mutated[k])
            field = rng.choice(_FIELDS)
            if rng.random() < 0.15:
                unit.pop(field, None)
            else:
                unit[field] = copy.deepcopy(rng.choice(_VALUES))
            mutated[k] = unit
            kinds_seen.add(units[k]["type"])
        expected = all(prose_table._valid_unit(u, n_lookups, n_groups, 200_000) for u in mutated)
        assert prose_table._valid_units(mutated, n_lookups, n_groups, 200_000) == expected
    assert {"existence", "lookup"} <= kinds_seen
    assert not prose_table._valid_units([*units, "not a unit"], n_lookups, n_groups, 200_000)
    damaged = copy.deepcopy(table)
    damaged["lookups"][0][next(iter(damaged["lookups"][0]))] = 5
    assert not prose_table.validate_table(damaged)


def _reference_trie(items: list[str]) -> str:
    """The alternation tree built node by node, one dictionary per character (earlier rounds' way)."""
    import re

    space = object()
    root: dict = {}
    for w in items:
        node = root
        for i, part in enumerate(w.split(" ")):
            if i:
                node = node.setdefault(space, {})
            for c in part:
                node = node.setdefault(c, {})
        node[None] = {}

    def emit(node: dict) -> str:
        keys = sorted((k for k in node if k is not None), key=lambda k: (k is space, "" if k is space else k))
        branches = [(r"\s+" if k is space else re.escape(k)) + emit(node[k]) for k in keys]
        if not branches:
            return ""
        inner = "|".join(branches)
        if None in node:
            if len(branches) == 1 and len(branches[0]) == 1:
                return branches[0] + "?"
            return "(?:" + inner + ")?"
        return inner if len(branches) == 1 else "(?:" + inner + ")"

    return emit(root)


def test_the_alternation_tree_read_off_sorted_entries_is_the_tree_built_node_by_node():
    import random
    import re

    from copydesk.analysis import evidence, sourcing_vocab

    vocab = sourcing_vocab.builtin_vocabulary()
    lists = [sorted({w.lower() for w in v}) for v in vocab.values() if isinstance(v, list) and v]
    verbs = sorted({f.lower() for e in vocab["reporting_verbs"] for f in sourcing_vocab.verb_forms(e)})
    rng = random.Random(3)
    shuffled = [rng.sample(x, len(x)) for x in lists]
    made = [
        [("".join(rng.choice("ab c-.'9") for _ in range(rng.randint(1, 6)))) for _ in range(9)]
        for _ in range(2000)
    ]
    for items in [*lists, verbs, *shuffled, *made, ["a", "a", "ab"], ["say", "says", "said", "saying"]]:
        items = [w for w in items if w]
        if not items:
            continue
        assert evidence.trie_alternation(items) == _reference_trie(items), items
    assert evidence.trie_alternation(["say", "says", "said", "saying"]) == "sa(?:id|y(?:ing|s)?)"
    assert evidence.trie_alternation(["in front of", "in", "inch"]) == r"in(?:ch|\s+front\s+of)?"
    pattern = re.compile(rf"\b(?:{evidence.trie_alternation(verbs)})\b")
    assert {m.group(0) for m in pattern.finditer(" ".join(verbs))} == set(verbs)
