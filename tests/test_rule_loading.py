"""Bad packs and bad config: a clear file:line message, exit code 2, no traceback."""

import json
import textwrap

import pytest
from click.testing import CliRunner

from conftest import make_rule
from copydesk.cli import main
from copydesk.rules import RuleError


def write_pack(tmp_path, name, text):
    d = tmp_path / "packs" / "mine"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "packs"


@pytest.mark.parametrize(
    "body, line, needle",
    [
        ("extends: existance\ntokens: [a]\n", 1, "unknown rule kind"),
        ("extends: existence\ntokens: [a]\ncolour: red\n", 3, "unknown key 'colour'"),
        ("extends: existence\nmessage: hi\ntokens: ['(a']\n", 3, "invalid regular expression"),
        ("extends: existence\ntokens: ['(?<=a)b']\n", 2, "look-ahead"),
        ("extends: existence\ntokens: [a]\nlevel: fatal\n", 3, "level must be one of"),
        ("extends: existence\ntokens: [a\n", 3, ""),
        ("extends: existence\ntokens: !!python/object:os.system [a]\n", 2, ""),
        ("extends: metric\nformula: __import__('os')\ncondition: '> 1'\n", 2, "formula"),
    ],
)
def test_bad_rule_files_exit_2_with_file_and_line(tmp_path, body, line, needle):
    packs = write_pack(tmp_path, "Bad", body)
    draft = tmp_path / "d.md"
    draft.write_text("hello\n")
    res = CliRunner().invoke(main, ["check", "--packs-path", str(packs), str(draft)])
    assert res.exit_code == 2, res.output
    assert f"Bad.yml:{line}:" in res.output
    assert needle in res.output
    assert "Traceback" not in res.output


def test_billion_laughs_is_refused(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    body = "extends: existence\ntokens: [x]\n" + "\n".join(lines) + "\n"
    packs = write_pack(tmp_path, "Bomb", body)
    res = CliRunner().invoke(main, ["rules", "--packs-path", str(packs)])
    assert res.exit_code == 2
    assert "Bomb.yml:1:" in res.output and "aliases" in res.output


def test_hostile_pattern_is_linear():
    rule = make_rule({"extends": "existence", "raw": ["(a+)+$"], "nonword": True})
    from copydesk.config import Config
    from copydesk.engine import Linter
    from copydesk.source import from_text

    result, _ = Linter(Config(), rules=[rule]).lint_source(from_text("a" * 50000 + "!", "x.txt"))
    assert result.diagnostics == []


def test_required_option_is_named():
    with pytest.raises(RuleError) as err:
        make_rule({"extends": "substitution"})
    assert "swap" in str(err.value)


def test_bad_config_names_the_key(tmp_path):
    (tmp_path / ".copydesk.yaml").write_text("packs: [hygiene]\nfail_levle: error\n")
    res = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".copydesk.yaml"), str(tmp_path)])
    assert res.exit_code == 2
    assert ".copydesk.yaml:2: unknown configuration key 'fail_levle'" in res.output


def test_unknown_rule_in_config(tmp_path):
    cfg = tmp_path / ".copydesk.yaml"
    cfg.write_text("rules:\n  hygiene.Nope: off\n")
    res = CliRunner().invoke(main, ["rules", "--config", str(cfg)])
    assert res.exit_code == 2 and "unknown rule 'hygiene.Nope'" in res.output and ":2:" in res.output


def test_user_pack_loads_beside_builtins(tmp_path):
    packs = write_pack(tmp_path, "NoVery", "extends: existence\ntokens: [very]\nmessage: \"No '%s'.\"\n")
    draft = tmp_path / "d.md"
    draft.write_text("It is very good.\n")
    res = CliRunner().invoke(main, ["check", "--format", "json", "--packs-path", str(packs), str(draft)])
    data = json.loads(res.output)
    hits = [(d["rule"], d["line"], d["column"]) for d in data["diagnostics"] if d["rule"].startswith("mine.")]
    assert hits == [("mine.NoVery", 1, 7)]
    assert res.exit_code == 1
