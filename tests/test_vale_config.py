"""The Vale configuration (.vale.ini), comments, vocabularies, the CLI's --vale-compat and vale_styles."""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from click.testing import CliRunner

from copydesk.cli import main
from copydesk.vale import ValeError
from copydesk.vale.ini import find_ini, glob_to_regex, parse_ini
from vale_helpers import lint, project, run

AVOID = """\
extends: existence
message: "Avoid '%s'."
level: warning
ignorecase: true
tokens: [simply, obviously]
"""
CAPS = """\
extends: existence
message: "Shouting '%s'."
level: suggestion
nonword: true
tokens: ['\\b[A-Z]{5,}\\b']
"""


def test_globs_follow_vale_sections():
    import re

    assert re.fullmatch(glob_to_regex("*.{md,txt}"), "docs/a.txt")
    assert re.fullmatch(glob_to_regex("docs/**/*.md"), "docs/x/y.md")
    assert not re.fullmatch(glob_to_regex("*.md"), "a.html")


def test_ini_is_found_upward_and_sections_apply_in_order(tmp_path):
    ini = """\
        StylesPath = styles
        MinAlertLevel = suggestion

        [*]
        BasedOnStyles = S

        [*.txt]
        S.Avoid = error
        S.Caps = NO
        """
    project(
        tmp_path,
        {"S/Avoid": AVOID, "S/Caps": CAPS},
        {
            "docs/a.md": "Simply LOUDER text.\n",
            "docs/b.txt": "Simply LOUDER text.\n",
        },
        ini,
    )
    assert find_ini(tmp_path / "docs") == tmp_path / ".vale.ini"
    out = run(tmp_path)
    assert out == [
        "docs/a.md:1:1:S.Avoid:Avoid 'Simply'.",
        "docs/a.md:1:8:S.Caps:Shouting 'LOUDER'.",
        "docs/b.txt:1:1:S.Avoid:Avoid 'Simply'.",
    ]


def test_min_alert_level_and_levels_in_output(tmp_path):
    ini = "StylesPath = styles\nMinAlertLevel = warning\n[*.md]\nBasedOnStyles = S\n"
    project(tmp_path, {"S/Avoid": AVOID, "S/Caps": CAPS}, {"a.md": "Obviously LOUDER.\n"}, ini)
    assert run(tmp_path) == ["a.md:1:1:S.Avoid:Avoid 'Obviously'."]


def test_rule_enabled_without_its_style_and_unknown_rule_is_an_error(tmp_path):
    ini = "StylesPath = styles\n[*]\nS.Caps = YES\n"
    project(tmp_path, {"S/Avoid": AVOID, "S/Caps": CAPS}, {"a.md": "Simply LOUDER.\n"}, ini)
    assert run(tmp_path) == ["a.md:1:8:S.Caps:Shouting 'LOUDER'."]
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nS.Nope = YES\n", encoding="utf-8")
    with pytest.raises(ValeError, match=r"\.vale\.ini:3: rule 'S.Nope' not found"):
        run(tmp_path)


def test_bad_level_is_refused_with_file_and_line():
    with pytest.raises(ValeError, match=r"x.ini:3: 'S.Rule' must be YES, NO or a level"):
        parse_ini("StylesPath = s\n[*]\nS.Rule = loud\n", "x.ini")


def test_unknown_kind_and_key_are_refused_with_file_and_line(tmp_path):
    project(tmp_path, {"S/Bad": "extends: existance\nmessage: x\n"}, {"a.md": "x\n"})
    with pytest.raises(ValeError, match=r"Bad.yml:1: 'extends' must be one of"):
        run(tmp_path)
    project(tmp_path, {"S/Bad": "extends: existence\nmessage: x\ntokenz: [a]\n"}, {"a.md": "x\n"})
    with pytest.raises(ValeError, match=r"Bad.yml:3: unknown key 'tokenz'"):
        run(tmp_path)


def test_rules_needing_what_re2_lacks_are_skipped_with_file_and_line(tmp_path):
    from copydesk.vale.runner import ValeProject

    look = "extends: existence\nmessage: \"'%s'\"\ntokens:\n  - '(?<!auto )entry'\n"
    project(tmp_path, {"S/Look": look, "S/Avoid": AVOID}, {"a.md": "Simply an entry.\n"})
    assert run(tmp_path) == ["a.md:1:1:S.Avoid:Avoid 'Simply'."]
    proj = ValeProject.load(str(tmp_path / ".vale.ini"))
    proj.validate()
    assert any("Look.yml:3:" in n and "look-behind" in n and "S.Look skipped" in n for n in proj.notices), (
        proj.notices
    )


def test_vale_comments_turn_rules_off_and_on(tmp_path):
    text = """\
        Simply one.

        <!-- vale off -->

        Simply two.

        <!-- vale on -->

        <!-- vale S.Avoid = NO -->

        Simply LOUDER three.

        <!-- vale S.Avoid = YES -->

        <!-- vale S.Avoid["Obviously"] = NO -->

        Simply and obviously four.
        """
    out = lint(tmp_path, {"S/Avoid": AVOID, "S/Caps": CAPS}, text)
    assert out == [
        "test.md:1:1:S.Avoid:Avoid 'Simply'.",
        "test.md:11:8:S.Caps:Shouting 'LOUDER'.",
        "test.md:17:1:S.Avoid:Avoid 'Simply'.",
        "test.md:17:12:S.Avoid:Avoid 'obviously'.",
    ]


def test_token_and_block_ignores(tmp_path):
    ini = """\
        StylesPath = styles
        [*.md]
        BasedOnStyles = S
        TokenIgnores = (\\{\\{[^}]+\\}\\})
        BlockIgnores = (?s)(<Note>.*?</Note>)
        """
    text = "Use {{ simply }} here, simply.\n\n<Note>Simply skipped.</Note>\n"
    out = lint(tmp_path, {"S/Avoid": AVOID}, text, ini=ini)
    assert out == ["test.md:1:24:S.Avoid:Avoid 'simply'."]


def test_vocabulary_accept_and_reject(tmp_path):
    voc = tmp_path / "styles" / "config" / "vocabularies" / "Base"
    voc.mkdir(parents=True)
    (voc / "accept.txt").write_text("Kubernetes\nfrobnicate\n", encoding="utf-8")
    (voc / "reject.txt").write_text("utilize\n", encoding="utf-8")
    ini = "StylesPath = styles\nVocab = Base\n[*]\nBasedOnStyles = Vale\n"
    out = lint(tmp_path, {"S/Avoid": AVOID}, "We frobnicate kubernetes and utilize Kubernetes.\n", ini=ini)
    # Accepted terms are case-sensitive: the lower-case form is both misspelt and the wrong term.
    assert out == [
        "test.md:1:15:Vale.Spelling:Did you really mean 'kubernetes'?",
        "test.md:1:15:Vale.Terms:Use 'Kubernetes' instead of 'kubernetes'.",
        "test.md:1:30:Vale.Avoid:Avoid using 'utilize'.",
    ]


def test_packages_must_already_be_synced(tmp_path):
    ini = "StylesPath = styles\nPackages = Google\n[*]\nBasedOnStyles = S\n"
    project(tmp_path, {"S/Avoid": AVOID}, {"a.md": "x\n"}, ini)
    with pytest.raises(ValeError, match=r"\.vale\.ini:2: package 'Google' is not synced"):
        run(tmp_path)


def test_code_and_front_matter_are_skipped_and_rst_literals(tmp_path):
    text = "---\ntitle: Simply\n---\n\nText `simply` here.\n\n```\nsimply\n```\n\nSimply.\n"
    project(
        tmp_path, {"S/Avoid": AVOID}, {"a.md": text, "b.rst": "Simply ``simply``::\n\n   simply\n\nDone.\n"}
    )
    assert run(tmp_path) == ["a.md:11:1:S.Avoid:Avoid 'Simply'.", "b.rst:1:1:S.Avoid:Avoid 'Simply'."]


def _cli(tmp_path, *args):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, ["check", "--vale-compat", "--no-cache", *args])
    finally:
        os.chdir(cwd)


def test_cli_json_keeps_copydesk_contract_and_exit_codes(tmp_path):
    project(tmp_path, {"S/Avoid": AVOID}, {"a.md": "Simply.\n"})
    r = _cli(tmp_path, "--format", "json", ".")
    assert r.exit_code == 0, r.output  # warnings do not reach Vale's default fail level (error)
    data = json.loads(r.stdout)
    assert data["version"] == 1
    d = data["diagnostics"][0]
    assert (d["path"], d["line"], d["column"], d["rule"], d["severity"], d["message"]) == (
        "a.md",
        1,
        1,
        "S.Avoid",
        "warning",
        "Avoid 'Simply'.",
    )
    assert _cli(tmp_path, "--fail-level", "warning", ".").exit_code == 1


def test_cli_bad_config_is_one_line_and_exit_2(tmp_path):
    (tmp_path / ".vale.ini").write_text("StylesPath = nowhere\n[*]\nBasedOnStyles = S\n", encoding="utf-8")
    r = _cli(tmp_path, ".")
    assert r.exit_code == 2
    assert "StylesPath 'nowhere' is not a folder" in r.stderr and "Traceback" not in r.output


def test_vale_styles_in_a_copydesk_config(tmp_path):
    project(tmp_path, {"S/Avoid": AVOID}, {"a.md": "# Title\n\nSimply put.\n"})
    (tmp_path / ".copydesk.yaml").write_text(
        textwrap.dedent("""\
            packs: []
            vale_styles: [styles/S]
            rules:
              S.Avoid: error
            """),
        encoding="utf-8",
    )
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "a.md"])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 1, r.output
    (d,) = json.loads(r.stdout)["diagnostics"]
    assert (d["line"], d["column"], d["rule"], d["severity"], d["message"]) == (
        3,
        1,
        "S.Avoid",
        "error",
        "Avoid 'Simply'.",
    )


def test_vale_styles_outside_the_project_need_consent(tmp_path):
    outside = tmp_path / "elsewhere"
    project(outside, {"S/Avoid": AVOID}, {})
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "a.md").write_text("# Title\n\nSimply put.\n", encoding="utf-8")
    cfg = proj / ".copydesk.yaml"
    cfg.write_text(f"packs: []\nvale_styles: ['{outside / 'styles' / 'S'}']\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(proj)
    try:
        refused = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "a.md"])
        cfg.write_text(cfg.read_text(encoding="utf-8") + "allow_outside_packs: true\n", encoding="utf-8")
        allowed = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "a.md"])
    finally:
        os.chdir(cwd)
    assert refused.exit_code == 2
    assert "vale_styles entry" in refused.stderr and "outside the project folder" in refused.stderr
    assert "Traceback" not in refused.output
    assert allowed.exit_code == 1, allowed.output
    assert [d["rule"] for d in json.loads(allowed.stdout)["diagnostics"]] == ["S.Avoid"]


WORDY = """\
extends: substitution
message: "Use '%s' instead of '%s'."
level: suggestion
ignorecase: true
swap:
  utilize: use
"""


def _bridge_config(tmp_path, rules_yaml: str = ""):
    from copydesk.config import config_from_mapping

    project(tmp_path, {"S/Avoid": AVOID, "S/Wordy": WORDY, "S/Caps": CAPS}, {})
    data = {"packs": [], "min_level": "suggestion", "vale_styles": ["styles/S"]}
    if rules_yaml:
        import yaml

        data["rules"] = yaml.safe_load(rules_yaml)
    return config_from_mapping(data, str(tmp_path / ".copydesk.yaml"), str(tmp_path))


def test_vale_styles_run_as_one_batch_with_their_own_ids_levels_and_suppressions(tmp_path):
    from copydesk.api import lint_text
    from copydesk.engine import Linter, RuleBatch

    cfg = _bridge_config(tmp_path, "S.Avoid: error\nS.Caps: off\n")
    (batch,) = [e for e in Linter(cfg).plan if isinstance(e, RuleBatch)]
    assert batch.ids == ("S.Avoid", "S.Wordy")  # S.Caps is off: not run at all
    text = (
        "# Title\n\nSimply utilize LOUDER words.\n\n"
        "<!-- copydesk-disable-next-line S.Wordy -->\nSimply utilize it.\n"
    )
    got = [(d.line, d.column, d.rule, d.severity, d.message) for d in lint_text(text, "a.md", cfg)]
    assert got == [
        (3, 1, "S.Avoid", "error", "Avoid 'Simply'."),
        (3, 8, "S.Wordy", "suggestion", "Use 'use' instead of 'utilize'."),
        (6, 1, "S.Avoid", "error", "Avoid 'Simply'."),
    ]


def test_a_crash_in_a_vale_batch_is_one_error_and_the_other_rules_still_run(tmp_path, monkeypatch):
    from copydesk.engine import Linter
    from copydesk.source import from_text
    from copydesk.vale.bridge import Group

    cfg = _bridge_config(tmp_path)
    cfg.packs = None  # the built-in packs too
    linter = Linter(cfg)

    def broken(self, doc, ctx, ids):
        raise RuntimeError("boom")

    monkeypatch.setattr(Group, "check_rules", broken)
    result, _ = linter.lint_source(from_text("# Title\n\nSimply utilize it. It is very unique.\n", "a.md"))
    assert [e.split(":")[0] for e in result.errors] == ["internal error in rules S.*"]
    assert "RuntimeError: boom" in result.errors[0]
    assert result.diagnostics and not any(d.rule.startswith("S.") for d in result.diagnostics)


POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
TOO_LARGE = "larger than the 1 kB limit for one draft; not checked (--max-file-size changes the limit)"


def test_vale_compat_applies_max_file_size_to_files_and_stdin(tmp_path):
    project(tmp_path, {"S/Avoid": AVOID}, {"big.md": "Simply. " * 200, "a.md": "Simply.\n"})
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        args = ["check", "--vale-compat", "--format", "json", "--max-file-size", "1kB", "big.md", "a.md", "-"]
        r = CliRunner().invoke(main, args, input="Simply. " * 200)
        bad = CliRunner().invoke(main, ["check", "--vale-compat", "--max-file-size", "lots", "a.md"])
        unlimited = CliRunner().invoke(
            main, ["check", "--vale-compat", "--format", "json", "--max-file-size", "0", "big.md"]
        )
    finally:
        os.chdir(cwd)
    assert r.exit_code == 2, r.output
    data = json.loads(r.stdout)
    assert data["errors"] == [f"big.md: {TOO_LARGE}", f"stdin.md: {TOO_LARGE}"]
    assert [(d["path"], d["line"], d["column"], d["rule"]) for d in data["diagnostics"]] == [
        ("a.md", 1, 1, "S.Avoid")
    ]
    assert bad.exit_code == 2 and "--max-file-size: not a size: 'lots'" in bad.stderr
    assert "Traceback" not in bad.output
    assert unlimited.exit_code == 0 and len(json.loads(unlimited.stdout)["diagnostics"]) == 200


@POSIX
def test_vale_compat_refuses_fifos_and_links_out_of_the_folder(tmp_path):
    import time

    (tmp_path / "outside.md").write_text("Simply outside.\n", encoding="utf-8")
    proj = tmp_path / "proj"
    project(proj, {"S/Avoid": AVOID}, {"d/a.md": "Simply.\n"})
    os.mkfifo(proj / "d" / "pipe.md")
    os.mkfifo(proj / "named.md")
    os.symlink(tmp_path / "outside.md", proj / "d" / "out.md")
    started = time.monotonic()
    walked = _cli(proj, "--format", "json", "d")
    named = _cli(proj, "--format", "json", "named.md", "d/a.md")
    assert time.monotonic() - started < 30  # no hang on a FIFO
    assert walked.exit_code == 0, walked.output
    data = json.loads(walked.stdout)
    assert [(d["path"], d["line"]) for d in data["diagnostics"]] == [("d/a.md", 1)]
    assert data["notices"] == [
        "d/out.md: symlink to a file outside d; not read",
        "d/pipe.md: is a FIFO (named pipe), not a regular file; skipped",
    ]
    assert named.exit_code == 2
    data = json.loads(named.stdout)
    assert data["errors"] == ["named.md: is a FIFO (named pipe), not a regular file; not checked"]
    assert [d["path"] for d in data["diagnostics"]] == ["d/a.md"]


def test_vale_compat_reads_a_file_named_dash_after_double_dash_and_skips_its_own_report(tmp_path):
    project(tmp_path, {"S/Avoid": AVOID}, {"-": "Simply a file.\n", "a.md": "Simply.\n"})
    r = _cli(tmp_path, "--format", "json", "--", "-")
    assert r.exit_code == 0, r.output
    assert [(d["path"], d["message"]) for d in json.loads(r.stdout)["diagnostics"]] == [
        ("-", "Avoid 'Simply'.")
    ]
    # A report written into the walked folder is not linted on the next run (a .txt report is a draft type).
    first = _cli(tmp_path, "-o", "report.txt", ".")
    again = _cli(tmp_path, "-o", "report.txt", ".")
    assert first.exit_code == again.exit_code == 0, again.output
    assert "report.txt" not in (tmp_path / "report.txt").read_text(encoding="utf-8")
