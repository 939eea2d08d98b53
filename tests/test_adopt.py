"""Adopting copydesk in an existing repository: a baseline, changed lines only (--diff-from, in a throwaway
git repository), the concise format, links that work, renderer-aware typography, and the bugs a new user
hit (each test failed before its fix)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import copydesk
from copydesk.cli import main
from copydesk.config import Config, ConfigError, config_from_mapping


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder with only the hygiene pack enabled, as the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copydesk.yaml").write_text("packs: [hygiene]\n", encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------------------------------------------------
# Baseline


OLD = "# Notes\n\nWe went to the the market.\n\nThe vote was close.  It passed.\n"


def test_baseline_hides_known_findings_even_when_lines_move(project):
    draft = project / "a.md"
    draft.write_text(OLD, encoding="utf-8")
    res = run(["check", "--write-baseline", "baseline.json", "a.md"])
    assert res.exit_code == 0, res.output
    assert "wrote 2 findings to baseline.json" in res.stderr
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(f["path"], f["rule"], f["line"]) for f in data["findings"]] == [
        ("a.md", "hygiene.Doubled", 3),
        ("a.md", "hygiene.DoubleSpace", 5),
    ]
    # Same findings, moved down by two lines: nothing new, exit 0.
    draft.write_text("Intro line.\n\n" + OLD, encoding="utf-8")
    res = run(["check", "--baseline", "baseline.json", "-f", "concise", "a.md"])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert "2 findings in the baseline not shown" in res.stderr
    # A new doubled word is reported (and fails); the known one stays hidden.
    draft.write_text("Intro line.\n\n" + OLD + "\nAnd then then we left.\n", encoding="utf-8")
    res = run(["check", "--baseline", "baseline.json", "-f", "concise", "a.md"])
    assert res.exit_code == 1
    assert res.stdout == "a.md:9:5: warning hygiene.Doubled 'then' is printed twice in a row; delete one.\n"


def test_baseline_paths_are_relative_to_the_baseline_file(project, monkeypatch):
    (project / "content").mkdir()
    (project / "content" / "a.md").write_text(OLD, encoding="utf-8")
    assert run(["check", "--write-baseline", "baseline.json", "content"]).exit_code == 0
    monkeypatch.chdir(project / "content")
    res = run(["check", "--baseline", "../baseline.json", "a.md"])
    assert res.exit_code == 0, res.output


def test_a_second_identical_finding_is_new(project):
    draft = project / "a.md"
    draft.write_text("# Notes\n\nWe went to the the market.\n", encoding="utf-8")
    run(["check", "--write-baseline", "b.json", "a.md"])
    draft.write_text(
        "# Notes\n\nWe went to the the market.\n\nWe went to the the market.\n", encoding="utf-8"
    )
    res = run(["check", "--baseline", "b.json", "-f", "concise", "a.md"])
    assert res.exit_code == 1
    assert res.stdout.count("hygiene.Doubled") == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read baseline"),
        ("{not json", "invalid JSON"),
        ('{"version": 9, "findings": []}', "expected version 1"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "finding 1 lacks path, rule or fingerprint"),
    ],
)
def test_a_bad_baseline_is_exit_2_with_one_line(project, content, says):
    (project / "a.md").write_text(OLD, encoding="utf-8")
    if content is not None:
        (project / "b.json").write_text(content, encoding="utf-8")
    res = run(["check", "--baseline", "b.json", "a.md"])
    assert res.exit_code == 2
    assert says in res.stderr and "Traceback" not in res.output


# ---------------------------------------------------------------------------------------------------------
# --diff-from in a throwaway git repository


def _git(cwd, *args):
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    res = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    return res.stdout


@pytest.fixture
def repo(project):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (project / "content").mkdir()
    (project / "content" / "old.md").write_text(OLD, encoding="utf-8")
    (project / "content" / "untouched.md").write_text("# Other\n\nThe the end.\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    return project


def test_diff_from_reports_only_changed_lines(repo):
    _git(repo, "checkout", "-q", "-b", "feature")
    text = OLD + "\nA new line with a a doubled word.\n"
    (repo / "content" / "old.md").write_text(text, encoding="utf-8")
    (repo / "content" / "new.md").write_text("# New\n\nIt was was fine.\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "change")
    res = run(["check", "--diff-from", "main", "-f", "concise"])
    assert res.exit_code == 1, res.output
    assert res.stdout.splitlines() == [
        "content/new.md:3:4: warning hygiene.Doubled 'was' is printed twice in a row; delete one.",
        "content/old.md:7:17: warning hygiene.Doubled 'a' is printed twice in a row; delete one.",
    ]
    assert "2 findings on unchanged lines not shown" in res.stderr
    # Explicit paths are filtered the same way; an untouched file has nothing to report.
    res = run(["check", "--diff-from", "main", "-f", "concise", "content/untouched.md"])
    assert res.exit_code == 0 and res.stdout == ""


def test_diff_from_with_no_changed_drafts_checks_nothing(repo):
    (repo / "script.py").write_text("print('the the')\n", encoding="utf-8")
    res = run(["check", "--diff-from", "HEAD"])
    assert res.exit_code == 0
    assert "no drafts changed since HEAD" in res.stderr


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=x"])
def test_diff_from_a_bad_revision_is_exit_2(repo, ref):
    res = run(["check", f"--diff-from={ref}"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert res.stderr.startswith("copydesk: error: ")
    assert not (repo / "x").exists()


# ---------------------------------------------------------------------------------------------------------
# Concise format and links


def test_concise_format(project):
    (project / "a.md").write_text("# T\n\nSee the the cat.  Then , go.\n", encoding="utf-8")
    res = run(["check", "-f", "concise", "a.md"])
    assert res.exit_code == 1
    assert res.stdout.splitlines() == [
        "a.md:3:5: warning hygiene.Doubled 'the' is printed twice in a row; delete one.",
        "a.md:3:17: suggestion hygiene.DoubleSpace Two or more spaces between words; use one.",
        "a.md:3:23: warning hygiene.SpaceBeforePunctuation Space before ','; remove it.",
    ]


@pytest.mark.parametrize(
    "fmt", ["text", "json", "sarif", "rdjson", "gitlab", "checkstyle", "junit", "github"]
)
def test_no_placeholder_host_in_any_format(project, fmt):
    (project / "a.md").write_text("# T\n\nSee the the cat.\n", encoding="utf-8")
    res = run(["check", "-f", fmt, "a.md"])
    assert res.exit_code == 1
    assert "github.com/copydesk" not in res.output
    assert "docs/rules/" not in res.output  # a repo-relative path a pip user cannot open
    if fmt == "text":
        assert "copydesk explain hygiene.Doubled" in res.stdout
    if fmt == "json":
        assert json.loads(res.stdout)["diagnostics"][0]["link"] == ""


def test_docs_url_links_every_format(project):
    (project / ".copydesk.yaml").write_text(
        "packs: [hygiene]\ndocs_url: https://style.example.org/copydesk/{pack}#{anchor}\n", encoding="utf-8"
    )
    (project / "a.md").write_text("# T\n\nSee the the cat.\n", encoding="utf-8")
    url = "https://style.example.org/copydesk/hygiene#doubled"
    assert json.loads(run(["check", "-f", "json", "a.md"]).stdout)["diagnostics"][0]["link"] == url
    sarif = json.loads(run(["check", "-f", "sarif", "a.md"]).stdout)
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == url
    assert f"hygiene.Doubled  {url}" in run(["check", "a.md"]).stdout


def test_docs_url_is_validated(tmp_path):
    with pytest.raises(ConfigError, match="docs_url must be an http"):
        config_from_mapping({"docs_url": "docs/rules"}, "c.yaml", str(tmp_path))
    with pytest.raises(ConfigError, match=r"unknown placeholder \{id\}"):
        config_from_mapping({"docs_url": "https://x.example/{id}"}, "c.yaml", str(tmp_path))


# ---------------------------------------------------------------------------------------------------------
# Typography


QUOTES = 'She said "yes" and then... it was over. We don\'t know. They won’t say. It isn’t clear.\n'


def _rules_fired(root, text=QUOTES):
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "a.md").write_text(text, encoding="utf-8")
    res = run(["check", "-f", "json", "content/a.md"])
    return sorted({d["rule"] for d in json.loads(res.stdout)["diagnostics"]})


@pytest.mark.parametrize(
    ("name", "content", "mode"),
    [
        (None, None, "literal"),
        ("hugo.toml", 'baseURL = "https://example.org/"\n', "smart"),
        ("config.toml", 'baseURL = "https://example.org/"\n', "smart"),
        (
            "hugo.yaml",
            "baseURL: https://x.org/\nmarkup:\n  goldmark:\n    extensions:\n      typographer: false\n",
            "literal",
        ),
        (
            "hugo.toml",
            'baseURL = "x"\n[markup.goldmark.extensions.typographer]\ndisable = true\n',
            "literal",
        ),
        ("_config.yml", "title: Blog\n", "smart"),
        ("_config.yml", "kramdown:\n  smart_quotes: apos,apos,quot,quot\n", "literal"),
        ("_config.yml", "markdown: CommonMarkGhPages\n", "literal"),
        ("_quarto.yml", "project:\n  type: website\n", "smart"),
        ("mkdocs.yml", "site_name: x\nmarkdown_extensions:\n  - smarty\n", "smart"),
        ("mkdocs.yml", "site_name: x\n", "literal"),
    ],
)
def test_typography_is_detected_from_the_site_config(project, name, content, mode):
    if name:
        (project / name).write_text(content, encoding="utf-8")
    cfg = copydesk.load_config()
    assert cfg.effective_typography()[0] == mode
    fired = _rules_fired(project)
    quote_rules = {"hygiene.MixedApostrophes", "hygiene.MixedQuotes"}
    if mode == "smart":
        assert not quote_rules & set(fired)
    else:
        assert "hygiene.MixedApostrophes" in fired


def test_typography_setting_wins_over_detection(project):
    (project / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    (project / ".copydesk.yaml").write_text(
        "packs: [hygiene, style]\ntypography: literal\n", encoding="utf-8"
    )
    fired = _rules_fired(project)
    assert "style.SmartPunctuation" in fired and "hygiene.MixedApostrophes" in fired
    (project / ".copydesk.yaml").write_text("packs: [hygiene, style]\ntypography: smart\n", encoding="utf-8")
    (project / "hugo.toml").unlink()
    fired = _rules_fired(project, QUOTES + "\nThe product (TM) costs 3 x 4 dollars.\n")
    assert "style.SmartPunctuation" not in fired and "hygiene.MixedApostrophes" not in fired
    assert "style.Typography" in fired  # (TM) and x are not the renderer's business


def test_typography_setting_is_validated(tmp_path):
    with pytest.raises(ConfigError, match="'typography' must be one of auto, smart, literal"):
        config_from_mapping({"typography": "curly"}, "c.yaml", str(tmp_path))


# ---------------------------------------------------------------------------------------------------------
# The bugs a new user hit


def test_bug2_exclude_globs_are_anchored_at_the_config_folder(project, monkeypatch):
    (project / ".copydesk.yaml").write_text(
        'packs: [hygiene]\nexclude: ["content/archive/**"]\n', encoding="utf-8"
    )
    (project / "content" / "archive").mkdir(parents=True)
    (project / "content" / "archive" / "old.md").write_text("the the\n", encoding="utf-8")
    (project / "content" / "new.md").write_text("the the\n", encoding="utf-8")
    if shutil.which("git") is None:
        pytest.skip("git is not installed (config discovery above the working folder stops at the work tree)")
    _git(project, "init", "-q")  # the config is found upward only inside a git work tree
    monkeypatch.chdir(project / "content")
    res = run(["check", "-f", "concise", "."])
    assert res.stdout == "new.md:1:1: warning hygiene.Doubled 'the' is printed twice in a row; delete one.\n"
    res = run(["check", "archive/old.md"])
    assert res.exit_code == 0 and "hygiene.Doubled" not in res.stdout
    assert "archive/old.md: skipped, matched by 'exclude' in" in res.stderr
    monkeypatch.chdir(project)
    res = run(["check", "content/archive/old.md"])
    assert "no drafts found" not in res.stderr
    assert "content/archive/old.md: skipped, matched by 'exclude'" in res.stderr


def test_bug3_explain_lists_options_and_check_ids():
    res = run(["explain", "style.Typography"])
    assert res.exit_code == 0
    assert "Options (set them under rules: style.Typography: in the config):" in res.stdout
    assert re.search(r"^  disable = \[.*curly_quotes", res.stdout, re.M)
    assert re.search(r"^  typography\.symbols\.trademark  ", res.stdout, re.M)
    from copydesk.rules import RuleError, build_rule

    with pytest.raises(RuleError, match=r"'copydesk explain style\.X' lists this rule's check ids"):
        build_rule(
            {"extends": "proselint", "checks": ["typography"], "disable": ["typography.nope"]},
            pack="style",
            name="X",
            path="x.yml",
        )


def test_bug4_the_the_is_reported_once():
    diags = copydesk.lint_text("The the end.\n")
    assert [(d.rule, d.line, d.column) for d in diags if d.line == 1] == [("hygiene.Doubled", 1, 1)]
    # Without the hygiene pack, proselint's lexical illusion still reports it.
    only_style = [d.rule for d in copydesk.lint_text("The the end.\n", config=Config(packs=["style"]))]
    assert only_style == ["style.LexicalIllusions"]


def test_bug5_proselint_and_apostrophe_messages_read_well():
    msgs = {
        d.rule: d.message
        for d in copydesk.lint_text("We met at 9 a.m. in the morning. Hopefully, it works.\n")
    }
    assert "'None'" not in msgs["style.Redundancy"]
    assert "Cut the redundant words in 'a.m. in the morning'" in msgs["style.Redundancy"]
    assert "'Hopefully' is a skunked term" in msgs["style.SkunkedTerms"]
    msgs = {d.rule: d.message for d in copydesk.lint_text("We don't know. They won’t say. It isn’t clear.\n")}
    assert msgs["hygiene.MixedApostrophes"] == (
        "Apostrophe style: straight (') here, curly (’) elsewhere in this draft; use one style."
    )


def test_bug7_whole_draft_grade_level_is_not_placed_on_an_image():
    hard = (
        "The implementation of comprehensive intergovernmental coordination mechanisms necessitates the "
        "establishment of institutionalized communication infrastructures, facilitating systematic "
        "dissemination of authoritative information regarding environmental sustainability considerations. "
    ) * 8
    text = f'# Title\n\n![A chart of the budget](chart.png)\n\n{{{{< figure src="x.png" >}}}}\n\n{hard}\n'
    d = next(d for d in copydesk.lint_text(text) if d.rule == "readability.GradeLevel")
    assert (d.line, d.column) == (7, 1)
    text = f"# Title\n\n![A chart](chart.png)\n{hard}\n"  # the image opens the paragraph
    d = next(d for d in copydesk.lint_text(text) if d.rule == "readability.GradeLevel")
    assert (d.line, d.column) == (4, 1)


def test_bug9_stats_json_has_overall_for_one_file(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\nThe cat sat on the mat today.\n", encoding="utf-8")
    data = json.loads(run(["stats", "--format", "json", str(tmp_path / "a.md")]).stdout)
    assert data["overall"]["words"] == 7 == data["files"][0]["metrics"]["words"]


def test_bug10_a_suppression_naming_an_unknown_rule_warns(project):
    (project / "a.md").write_text(
        "# T\n\n<!-- copydesk-disable-next-line hygiene.Dobled -->\nWe saw the the cat.\n", encoding="utf-8"
    )
    res = run(["check", "a.md"])
    assert res.exit_code == 1
    assert (
        "a.md: line 3: copydesk-disable-next-line names unknown rule 'hygiene.Dobled' (did you mean "
        "hygiene.Doubled?); it silences nothing"
    ) in res.output
    # A rule switched off in the config, or a pack, is not unknown.
    (project / "b.md").write_text(
        "# T\n\n<!-- copydesk-disable-next-line hygiene style.Cliches -->\nWe saw it.\n", encoding="utf-8"
    )
    assert "unknown rule" not in run(["check", "b.md"]).output


def test_bug10_config_unknown_rule_suggests_the_close_one(project):
    (project / ".copydesk.yaml").write_text("rules:\n  hygiene.Dobled: off\n", encoding="utf-8")
    res = run(["check", "."])
    assert res.exit_code == 2
    assert (
        ".copydesk.yaml:2: rules: unknown rule 'hygiene.Dobled' (did you mean hygiene.Doubled?)" in res.stderr
    )


def test_bug11_a_hidden_warning_still_fails_at_the_fail_level(project):
    (project / "a.md").write_text("# T\n\nWe saw the the cat.\n", encoding="utf-8")
    res = run(["check", "--min-level", "error", "--fail-level", "warning", "a.md"])
    assert res.exit_code == 1
    assert "hygiene.Doubled" not in res.stdout
    assert "1 finding below --min-level error is at or above --fail-level warning: exit code 1" in res.stderr
    assert run(["check", "--min-level", "error", "--fail-level", "error", "a.md"]).exit_code == 0


def test_bug12_check_help_lists_the_formats():
    out = " ".join(run(["check", "--help"]).stdout.split())
    assert "listed by 'copydesk check --help'" not in out
    assert "checkstyle, concise, github, gitlab, json, junit, rdjson, sarif, text" in out


def test_bug13_pre_commit_is_not_a_runtime_dependency():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = [re.split(r"[<>=!~; \[]", d, maxsplit=1)[0].lower() for d in data["project"]["dependencies"]]
    assert "pre-commit" not in runtime
    assert any(d.startswith("pre-commit") for d in data["project"]["optional-dependencies"]["test"])


# ---------------------------------------------------------------------------------------------------------
# Cross-file titles against the whole repository (pre-commit and --diff-from runs)


TITLE = "---\ntitle: River Town Votes to Rebuild Its Flood Wall\n---\n\n{body}\n"
OLD_BODY = "The council voted on Tuesday to replace the old concrete wall along the east bank of the river."
NEW_BODY = "Engineers presented three designs for the new levee at a packed public meeting last night."


@pytest.fixture
def titles_repo(project):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (project / ".copydesk.yaml").write_text("packs: [headlines]\n", encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "z-old.md").write_text(TITLE.format(body=OLD_BODY), encoding="utf-8")
    (project / "content" / "other.md").write_text(
        "---\ntitle: Library Hours Change in May\n---\n\nThe library opens later on Mondays.\n",
        encoding="utf-8",
    )
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    # the new draft sorts before the committed one: the finding must still land on the new draft
    (project / "content" / "a-new.md").write_text(TITLE.format(body=NEW_BODY), encoding="utf-8")
    return project


def test_a_staged_draft_is_compared_with_every_committed_title(titles_repo, monkeypatch):
    # pre-commit passes only the staged draft; without the repository it has nothing to compare with
    res = run(["check", "-f", "concise", "content/a-new.md"])
    assert res.stdout == "" and res.exit_code == 0
    monkeypatch.setenv("PRE_COMMIT", "1")
    res = run(["check", "-f", "concise", "content/a-new.md"])
    assert res.exit_code == 1, res.output
    assert res.stdout.startswith(
        "content/a-new.md:2:8: warning headlines.DuplicateAcrossFiles Same headline as content/z-old.md:2"
    ), res.stdout
    assert res.stdout.count("\n") == 1  # nothing lands on the committed draft


def test_diff_from_compares_titles_with_the_repository(titles_repo):
    _git(titles_repo, "checkout", "-q", "-b", "feature")
    _git(titles_repo, "add", "-A")
    _git(titles_repo, "commit", "-q", "-m", "new draft")
    res = run(["check", "-f", "concise", "--diff-from", "main"])
    assert res.exit_code == 1
    assert res.stdout.splitlines()[0].startswith(
        "content/a-new.md:2:8: warning headlines.DuplicateAcrossFiles"
    )
    assert "z-old.md:2:8" not in res.stdout


def test_repository_titles_come_from_the_result_cache(titles_repo, monkeypatch):
    from copydesk.api import get_linter, lint_paths
    from copydesk.repotitles import context_drafts, context_results

    cfg = copydesk.load_config()
    lint_paths(["content"], cfg, cache_dir=titles_repo / "cache")  # fills the cache
    linter = get_linter(cfg)

    def no_parsing(source):
        raise AssertionError(f"{source.path} was parsed although the cache has its facts")

    monkeypatch.setattr(linter, "collect_only", no_parsing)
    pairs = context_drafts(["content/a-new.md"], cfg)
    assert sorted(shown for _, shown in pairs) == ["content/other.md", "content/z-old.md"]
    results = context_results(linter, pairs, titles_repo / "cache")
    titles = sorted(facts["headlines.DuplicateAcrossFiles"][0] for _, facts in results)
    assert titles == ["Library Hours Change in May", "River Town Votes to Rebuild Its Flood Wall"]


@pytest.mark.parametrize(
    "key", ["redirect_to: /news/flood-wall/", "redirect_url: https://x.example/a", "layout: redirect"]
)
def test_a_redirect_stub_is_not_a_title(titles_repo, monkeypatch, key):
    stub = f"---\ntitle: River Town Votes to Rebuild Its Flood Wall\n{key}\n---\n\nMoved.\n"
    (titles_repo / "content" / "z-old.md").write_text(stub, encoding="utf-8")
    _git(titles_repo, "add", "content/z-old.md")
    _git(titles_repo, "commit", "-q", "-m", "stub")
    monkeypatch.setenv("PRE_COMMIT", "1")
    res = run(["check", "-f", "concise", "content/a-new.md"])
    assert res.exit_code == 0 and res.stdout == "", res.output


def test_rules_and_explain_print_no_link_that_cannot_be_opened(project):
    assert '"link": ""' in run(["rules", "-f", "json"]).stdout
    assert "docs/rules/" not in run(["rules", "-f", "json"]).stdout
    assert "More:" not in run(["explain", "hygiene.Doubled"]).stdout
    (project / ".copydesk.yaml").write_text("docs_url: https://style.example.org/rules/\n", encoding="utf-8")
    assert (
        "More: https://style.example.org/rules/hygiene.md#doubled"
        in run(["explain", "hygiene.Doubled"]).stdout
    )


def test_facts_collected_for_the_repository_are_cached_for_the_next_run(titles_repo, monkeypatch):
    from copydesk.api import get_linter
    from copydesk.repotitles import context_drafts, context_results

    cfg = copydesk.load_config()
    linter = get_linter(cfg)
    pairs = context_drafts(["content/a-new.md"], cfg)
    first = context_results(linter, pairs, titles_repo / "cache")  # parses, then caches the facts alone

    def no_parsing(source):
        raise AssertionError(f"{source.path} was parsed again")

    monkeypatch.setattr(linter, "collect_only", no_parsing)
    second = context_results(linter, pairs, titles_repo / "cache")
    as_json = lambda results: json.loads(json.dumps([facts for _, facts in results]))  # noqa: E731
    assert as_json(second) == as_json(first) and len(second) == 2
    # A facts-only entry is never taken for a checked draft's result.
    report = copydesk.lint_paths(["content/z-old.md"], cfg, cache_dir=titles_repo / "cache")
    assert report.files[0].path == "content/z-old.md" and report.files[0].errors == []
