"""`copydesk test-packs` and pack loading rules, and the worked house pack of docs/packs.md, run as written."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from copydesk.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs" / "packs.md"


def run(args):
    return CliRunner().invoke(main, args)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


GOOD = """extends: substitution
message: "Use '%s' instead of '%s'."
swap:
  utilize: use
examples:
  fail:
    - "We utilize the form."
  pass:
    - "We use the form."
"""


def test_all_examples_pass(tmp_path):
    write(tmp_path / "house", "Utilize.yml", GOOD)
    res = run(["test-packs", str(tmp_path)])
    assert res.exit_code == 0
    assert res.stdout == "1 rule, 2 examples: all pass\n"


def test_failures_name_the_example_line(tmp_path):
    bad = GOOD.replace(
        '    - "We use the form."', '    - "We use the form."\n    - "Utilize nothing; utilize all."'
    )
    bad = bad.replace('    - "We utilize the form."', '    - "We utilize the form."\n    - "We use it."')
    f = write(tmp_path / "house", "Utilize.yml", bad)
    res = run(["test-packs", str(tmp_path / "house")])  # a pack folder itself
    assert res.exit_code == 1
    assert res.stdout.splitlines() == [
        f"{f}:8: house.Utilize: fail example is not flagged: 'We use it.'",
        f"{f}:11: house.Utilize: pass example is flagged at 1:18: Use 'use' instead of 'utilize'.",
        "1 rule, 4 examples: 2 failures",
    ]


def test_a_rule_without_a_message_is_an_error_with_file_and_line(tmp_path):
    f = write(tmp_path / "house", "NoMessage.yml", "# a comment\nextends: existence\ntokens: [foo]\n")
    res = run(["test-packs", str(tmp_path)])
    assert res.exit_code == 2
    assert f"error: {f}:2: missing 'message'" in res.stdout
    (tmp_path / ".copydesk.yaml").write_text(f"packs_path: [{tmp_path}]\n", encoding="utf-8")
    res = run(["check", "--config", str(tmp_path / ".copydesk.yaml"), str(f)])
    assert res.exit_code == 2 and f"{f}:2: missing 'message'" in res.stderr


def test_not_a_folder_is_exit_2(tmp_path):
    res = run(["test-packs", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "not a folder" in res.stdout


def test_the_worked_house_pack_in_the_docs_works(tmp_path, monkeypatch):
    text = DOCS.read_text(encoding="utf-8")
    files = re.findall(r"^`(styles/house/\w+\.yml)`[^\n]*:\n\n```yaml\n(.*?)```", text, re.M | re.S)
    assert len(files) == 3
    for name, body in files:
        write(tmp_path / Path(name).parent, Path(name).name, body)
    config = re.search(r"^`\.copydesk\.yaml`:\n\n```yaml\n(.*?)```", text, re.M | re.S).group(1)
    (tmp_path / ".copydesk.yaml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = run(["test-packs", "styles"])
    assert res.exit_code == 0, res.output
    assert res.stdout.endswith("3 rules, 9 examples: all pass\n")
    (tmp_path / "content").mkdir()
    draft = tmp_path / "content" / "a.md"
    draft.write_text(
        "# A record turnout!\n\nPrior to the vote, we walked towards the hall.\n", encoding="utf-8"
    )
    res = run(["check", "-f", "concise", "content"])
    assert res.stdout.splitlines() == [
        "content/a.md:1:19: warning house.HeadlineBang No exclamation mark in a headline.",
        "content/a.md:3:1: warning house.Utilize Use 'Before' instead of 'Prior to'.",
        "content/a.md:3:30: warning house.Towards House style is 'toward', not 'towards'.",
    ], res.output
    run(["check", "--fix", "content"])
    assert (
        draft.read_text(encoding="utf-8")
        == "# A record turnout!\n\nBefore the vote, we walked toward the hall.\n"
    )
