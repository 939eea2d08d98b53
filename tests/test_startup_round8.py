"""Start-up round 8: the repetition weight of a pattern (checked for every pack pattern as it compiles)
reads a run of literal characters in one step (the same weights as the character-by-character reading);
the sourcing vocabulary's alternations are kept with the packs in the per-user cache, for the code that
made them (the same patterns and findings; other code's or malformed tables ignored)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from copydesk import compiled, matching, regexcache
from copydesk.analysis import sourcing
from copydesk.config import Config
from copydesk.engine import load_rules


# The reading before round 8, one character a step: the reference.
def _reference_weight(pattern: str, unroll: bool) -> int:
    # One frame per open group: [weight of finished alternatives, weight of the current branch, last atom].
    stack: list[list[int]] = [[0, 0, 0]]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        top = stack[-1]
        if ch == "\\":
            j = i + 2
            if i + 1 < n and pattern[i + 1] in "xpP" and j < n and pattern[j] == "{":
                close = pattern.find("}", j)
                j = close + 1 if close > 0 else n
            elif i + 1 < n and pattern[i + 1] in "pP":
                j = i + 3
            top[1] += 1
            top[2] = 1
            i = j
        elif ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "\\":
                    j += 2
                elif pattern.startswith("[:", j):
                    close = pattern.find(":]", j + 2)
                    j = close + 2 if close > 0 else j + 1
                else:
                    j += 1
            top[1] += 1
            top[2] = 1
            i = j + 1
        elif ch == "(":
            j = i + 1
            if j < n and pattern[j] == "?":  # (?:...), (?i), (?i:...), (?P<name>...)
                j += 1
                if pattern.startswith("P<", j):
                    close = pattern.find(">", j)
                    j = close + 1 if close > 0 else n
                else:
                    while j < n and pattern[j] not in ":)":
                        j += 1
                    if j < n and pattern[j] == ")":  # flags only: not a group
                        i = j + 1
                        continue
                    j += 1
            stack.append([0, 0, 0])
            i = j
        elif ch == ")" and len(stack) > 1:
            done = stack.pop()
            group = max(done[0], 0) + done[1]
            stack[-1][1] += group
            stack[-1][2] = group
            i += 1
        elif ch == "|":
            top[0] += top[1]
            top[1] = 0
            top[2] = 0
            i += 1
        elif ch == "{" and (m := matching._QUANT.match(pattern, i)):
            low = int(m.group(1))
            high = int(m.group(3)) if m.group(3) else low
            times = max(low, high, 1) if unroll else 1
            top[1] += top[2] * (times - 1)
            top[2] *= times
            i = m.end()
        elif ch in "*+?":
            i += 1
        else:
            top[1] += 1
            top[2] = 1
            i += 1
    total = 0
    for frame in stack:
        total += frame[0] + frame[1]
    return total


def _pack_patterns() -> list[str]:
    seen = []
    real = matching.repetition_weight

    def spy(pattern):
        seen.append(pattern)
        return real(pattern)

    matching.repetition_weight = spy
    try:
        load_rules(Config())
    finally:
        matching.repetition_weight = real
    return seen


def test_pack_patterns_weigh_the_same_as_read_character_by_character():
    patterns = _pack_patterns()
    assert len(patterns) > 20 and any("{" in p for p in patterns)
    for p in patterns:
        for unroll in (True, False):
            assert matching._weight(p, unroll) == _reference_weight(p, unroll), p


@pytest.mark.parametrize("seed", range(5))
def test_random_patterns_weigh_the_same_as_read_character_by_character(seed):
    rng = random.Random(seed)
    alphabet = list("ab c\\[]()|{}*+?^:,-xpPL09") + [
        "{2}",
        "{1,3}",
        "{0,}",
        "(?:",
        "(?i)",
        "(?P<n>",
        "[:alpha:]",
    ]
    for _ in range(2000):
        p = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for unroll in (True, False):
            assert matching._weight(p, unroll) == _reference_weight(p, unroll), p


def test_known_weights():
    assert matching.repetition_weight("(?:ab){3}") == 4
    assert matching.repetition_weight("(?:a{10}){10}") == 99
    assert matching.repetition_weight("hello world|plain words") == 0
    assert matching.repetition_weight(r"\bx{5}\b") == 4


# ------------------------------------------------------------------- derived tables kept with the packs


@pytest.fixture
def fresh_stores():
    compiled.forget_stores()
    regexcache.uninstall()
    sourcing._compiled.cache_clear()  # (the vocabulary's patterns are made once per process)
    sourcing._LAST[:] = [None, None]
    yield
    compiled.forget_stores()
    regexcache.uninstall()


def _derived_file(folder: Path) -> Path:
    (path,) = (folder / "v1" / "compiled").glob("derived-*.data")
    return path


def test_a_derived_table_is_kept_for_the_code_that_made_it(tmp_path, fresh_stores):
    sig = compiled.code_signature(matching)
    assert sig[0] and sig[1] == "copydesk.matching"
    store = compiled.store_for(tmp_path / "c")
    table = store.derived("t", sig)
    assert table == {}
    table["a|b"] = "(?:a|b)"
    store.derived_changed()
    store.save()
    compiled.forget_stores()
    store = compiled.store_for(tmp_path / "c")
    assert store.derived("t", sig) == {"a|b": "(?:a|b)"}
    assert store.derived("t", [*sig[:-1], sig[-1] + 1]) == {}  # the source file changed since
    assert store.derived("t", []) == {}  # code that cannot be identified keeps nothing


@pytest.mark.parametrize(
    "tables",
    [
        {"t": {"code": ["x"], "entries": {"k": 3}}},
        {"t": {"code": ["x"], "entries": ["k", "v"]}},
        {"t": {"code": "x", "entries": {"k": "v"}}},
        {"t": {"code": ["x"], "entries": {"k": "v"}, "more": 1}},
    ],
)
def test_derived_tables_of_the_wrong_shape_are_ignored(tmp_path, fresh_stores, tables):
    store = compiled.store_for(tmp_path / "c")
    store.derived("t", ["x"])["k"] = "v"
    store.derived_changed()
    store.save()
    path = _derived_file(tmp_path / "c")
    data = json.loads(path.read_bytes())
    data["tables"] = tables
    path.write_text(json.dumps(data))
    compiled.forget_stores()
    assert compiled.store_for(tmp_path / "c").derived("t", ["x"]) == {}


def _sourcing_patterns():
    pt = sourcing.compile_vocabulary(None)
    return {k: v._args for k, v in vars(pt).items() if isinstance(v, regexcache.Deferred)}


def test_the_sourcing_alternations_are_kept_and_give_the_same_patterns_and_findings(tmp_path, fresh_stores):
    from copydesk.engine import Linter
    from copydesk.source import from_text

    text = "# Storm\n\nSome experts say the storm was bad. Many residents believe it was worse.\n"
    made = []
    real = sourcing._alt_of

    def counting(items):
        made.append(items)
        return real(items)

    def run():
        sourcing._compiled.cache_clear()
        sourcing._LAST[:] = [None, None]
        compiled.forget_stores()
        store = compiled.store_for(tmp_path / "c")
        rules = load_rules(Config(), kept=store)
        store.save()
        result, _ = Linter(Config(), rules=rules).lint_source(from_text(text, "d.md"))
        return _sourcing_patterns(), [(d.rule, d.line, d.column) for d in result.diagnostics]

    sourcing._alt_of = counting
    try:
        cold_patterns, cold = run()
        assert len(made) > 20
        del made[:]
        warm_patterns, warm = run()
        assert made == []  # every alternation taken from the kept table
    finally:
        sourcing._alt_of = real
    assert warm_patterns == cold_patterns
    assert warm == cold and any(r.startswith("sourcing.") for r, _, _ in warm)
    assert sourcing._ALT_MEMO == [None, False]  # only while the rules are set up
    # Without the per-user store (lint_text, the API), every alternation is made as before.
    sourcing._compiled.cache_clear()
    sourcing._LAST[:] = [None, None]
    assert _sourcing_patterns() == cold_patterns


def test_a_planted_alternation_for_other_code_is_not_used(tmp_path, fresh_stores):
    store = compiled.store_for(tmp_path / "c")
    load_rules(Config(), kept=store)
    store.save()
    path = _derived_file(tmp_path / "c")
    data = json.loads(path.read_bytes())
    kept = data["tables"]["sourcing.alternations"]
    kept["code"] = [*kept["code"][:-1], 1]  # as if made by another version of the source
    kept["entries"] = {k: "planted" for k in kept["entries"]}
    path.write_text(json.dumps(data))
    sourcing._compiled.cache_clear()
    sourcing._LAST[:] = [None, None]
    compiled.forget_stores()
    load_rules(Config(), kept=compiled.store_for(tmp_path / "c"))
    assert not any("planted" in args[0] for args in _sourcing_patterns().values())
