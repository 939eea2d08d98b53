"""The CI reporters (github, sarif, gitlab, rdjson, checkstyle, junit) and their column conversions.

Golden files live in ``tests/golden/``. After an intended change of output, regenerate them with

    COPYDESK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters.py

and review the diff before committing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from copydesk.cli import main
from copydesk.diagnostics import Diagnostic, FileResult, Report
from copydesk.reporters import RenderOptions, _columns, formats, github, render
from copydesk.reporters._columns import Lines, absolute_link, artifact_path, span_of

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SARIF_SCHEMA = HERE.parents[1] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CI_FORMATS = ("github", "sarif", "gitlab", "rdjson", "checkstyle", "junit")
EXTENSIONS = {
    "github": "txt",
    "sarif": "json",
    "gitlab": "json",
    "rdjson": "json",
    "checkstyle": "xml",
    "junit": "xml",
}


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch):
    """Same output on every machine: no CI root variables."""
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "GITHUB_ACTIONS", "COPYDESK_CONFIG"):
        monkeypatch.delenv(var, raising=False)


# ---------------------------------------------------------------------------------------------------------
# Building reports by hand: positions computed here from offsets, independently of the reporters.


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of an offset; lines end at \\n, \\r\\n or \\r."""
    line, start, i = 1, 0, 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if ch in "\r\n":
            line, start = line + 1, i + 1
        i += 1
    return line, offset - start + 1


def diag(
    path: str,
    text: str,
    needle: str,
    rule: str,
    message: str,
    severity: str = "warning",
    nth: int = 0,
    link: str = "",
) -> Diagnostic:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    line, col = position(text, start)
    end_line, end_col = position(text, end)
    return Diagnostic(path, line, col, rule, end_line, end_col, severity, message, start, end, link)


def rule(rule_id: str, level: str, description: str, link: str) -> SimpleNamespace:
    pack, name = rule_id.split(".", 1)
    return SimpleNamespace(
        id=rule_id, name=name, pack=pack, description=description, link=link, level=level, message="%s"
    )


STORY_PATH = "drafts/café news.md"
STORY = (
    "# Café 😀 news: 50% off, really\n"
    "\n"
    "Café 😀 the the market opened.\n"
    "We saw the\n"
    'the dog <b>&amp;</b> "quotes".\n'
    "Ünïcödé line, with a comma.\n"
)
NOTES_PATH = "notes.txt"
NOTES = "Plain notes\r\nsay very unique things.\r\nEnd\r"

RULES = {
    "hygiene.Doubled": rule(
        "hygiene.Doubled",
        "warning",
        'A word repeated by accident ("the the").',
        "docs/rules/hygiene.md#doubled",
    ),
    "style.Percent": rule(
        "style.Percent",
        "suggestion",
        "Spell out per cent in running text. Headlines may use %.",
        "https://style.example.org/percent",
    ),
    "markup.RawHtml": rule("markup.RawHtml", "error", "Raw HTML <b> in a Markdown draft.", ""),
    # style.VeryUnique is left out on purpose: reporters must cope with a rule they have no metadata for.
}


def golden_report() -> Report:
    story = FileResult(
        STORY_PATH,
        text=STORY,
        diagnostics=[
            diag(
                STORY_PATH,
                STORY,
                "50%",
                "style.Percent",
                "Write '50 per cent': 100% of style guides agree,\r\nmostly.",
                "suggestion",
            ),
            diag(
                STORY_PATH,
                STORY,
                "the the",
                "hygiene.Doubled",
                "'the' is printed twice in a row; delete one.",
            ),
            diag(
                STORY_PATH,
                STORY,
                "the\nthe",
                "hygiene.Doubled",
                "'the' is printed twice in a row; delete one.",
            ),
            diag(
                STORY_PATH,
                STORY,
                "<b>&amp;</b>",
                "markup.RawHtml",
                'Raw HTML <b>&amp;</b> with "quotes", a tab\tand an escape \x1b here.',
                "error",
            ),
            diag(STORY_PATH, STORY, "Ünïcödé", "style.Percent", "Odd: ü, ï, ö, é; fine.", "suggestion"),
        ],
    )
    notes = FileResult(
        NOTES_PATH,
        text=NOTES,
        diagnostics=[
            diag(
                NOTES_PATH,
                NOTES,
                "very unique",
                "style.VeryUnique",
                "'unique' takes no 'very'.",
                "warning",
                link="docs/rules/style.md#veryunique",
            ),
        ],
    )
    clean = FileResult("clean.html", text="<p>All is well.</p>\n")
    broken = FileResult("broken.txt", errors=["broken.txt: not valid UTF-8 (byte 0xff at offset 3)"])
    files = [broken, clean, story, notes]
    files.sort(key=lambda f: f.path)
    return Report(files=files)


def options() -> RenderOptions:
    return RenderOptions(version="9.9.9", rules=RULES)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("COPYDESK_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; run with COPYDESK_UPDATE_GOLDEN=1 to create it")
    assert actual == path.read_bytes().decode("utf-8"), f"output differs from {path}"


# ---------------------------------------------------------------------------------------------------------
# Discovery and goldens


def test_every_ci_format_is_discovered_and_helpers_are_not():
    found = formats()
    for fmt in CI_FORMATS:
        assert fmt in found
    assert "_columns" not in found


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_golden_output(fmt):
    check_golden(f"report.{fmt}.{EXTENSIONS[fmt]}", render(fmt, golden_report(), options()))


def test_golden_report_positions_are_what_the_test_means():
    """Guard for the goldens' input: the multi-line span and the non-ASCII columns."""
    story = next(f for f in golden_report().files if f.path == STORY_PATH)
    spans = [(d.rule, d.line, d.column, d.end_line, d.end_column) for d in story.diagnostics]
    assert spans == [
        ("style.Percent", 1, 16, 1, 19),
        ("hygiene.Doubled", 3, 8, 3, 15),
        ("hygiene.Doubled", 4, 8, 5, 4),
        ("markup.RawHtml", 5, 9, 5, 21),
        ("style.Percent", 6, 1, 6, 8),
    ]


# ---------------------------------------------------------------------------------------------------------
# Columns: the same finding in each format's unit


EMOJI_TEXT = "# Title\n\nCafé 😀 the the market.\n"


def emoji_report() -> Report:
    d = diag("e.md", EMOJI_TEXT, "the the", "hygiene.Doubled", "Doubled.")
    assert (d.line, d.column, d.end_column) == (3, 8, 15)  # code points: "Café 😀 " is 7 characters
    return Report(files=[FileResult("e.md", [d], text=EMOJI_TEXT)])


def test_columns_per_format_with_emoji_and_accents():
    report = emoji_report()
    opts = options()
    # text and json: code points
    assert "3:8  warning  hygiene.Doubled" in render("text", report, opts)
    j = json.loads(render("json", report, opts))["diagnostics"][0]
    assert (j["line"], j["column"], j["end_line"], j["end_column"]) == (3, 8, 3, 15)
    # github, checkstyle, junit: code points too
    assert render("github", report, opts) == (
        "::warning file=e.md,line=3,endLine=3,col=8,endColumn=15,title=hygiene.Doubled::Doubled.\n"
    )
    error = ET.fromstring(render("checkstyle", report, opts)).find("file/error")
    assert (error.get("line"), error.get("column")) == ("3", "8")
    case = ET.fromstring(render("junit", report, opts)).find("testsuite/testcase")
    assert case.get("name") == "hygiene.Doubled at 3:8"
    # SARIF: UTF-16 code units; the emoji is a surrogate pair
    run = json.loads(render("sarif", report, opts))["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 16}
    # reviewdog: UTF-8 bytes + 1; é is 2 bytes, the emoji 4
    rng = json.loads(render("rdjson", report, opts))["diagnostics"][0]["location"]["range"]
    assert rng == {"start": {"line": 3, "column": 12}, "end": {"line": 3, "column": 19}}
    # gitlab: lines only
    loc = json.loads(render("gitlab", report, opts))[0]["location"]
    assert loc == {"path": "e.md", "lines": {"begin": 3, "end": 3}}


def test_column_conversion_units_and_line_endings():
    lines = Lines("a𐐀b\r\nCafé\rx\n")
    assert lines.lines == ["a𐐀b", "Café", "x", ""]
    # reviewdog's own example: in 'a𐐀b' the column of b is 6 in bytes
    assert [lines.utf8(1, c) for c in (1, 2, 3, 4)] == [1, 2, 6, 7]
    assert [lines.utf16(1, c) for c in (1, 2, 3, 4)] == [1, 2, 4, 5]
    assert [lines.utf8(2, c) for c in (4, 5)] == [4, 6]
    assert lines.utf16(2, 5) == 5
    # a column past the line's end counts each missing character as one unit
    assert lines.utf8(2, 7) == 8
    # combining marks are code points of their own
    assert Lines("e\u0301x").utf8(1, 3) == 4
    # no text, or a line that does not exist: columns pass through unchanged
    assert Lines(None).utf16(3, 7) == 7
    assert lines.utf16(9, 4) == 4


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")), st.data())
def test_column_conversion_matches_the_encoders(line, data):
    column = data.draw(st.integers(min_value=1, max_value=len(line) + 1))
    prefix = line[: column - 1]
    lines = Lines(f"first\n{line}\nlast")
    assert lines.utf16(2, column) == len(prefix.encode("utf-16-le")) // 2 + 1
    assert lines.utf8(2, column) == len(prefix.encode("utf-8")) + 1


def test_span_text_and_defaults():
    lines = Lines(STORY)
    d = diag(STORY_PATH, STORY, "the\nthe", "hygiene.Doubled", "x")
    assert lines.span_text(span_of(d)) == "the\nthe"
    crlf = Lines("one\r\ntwo the\r\nthe end")
    assert crlf.span_text(span_of(Diagnostic("n.txt", 2, 5, "r", 3, 4))) == "the\r\nthe"
    # a diagnostic without an end is a zero-width span at its start
    assert span_of(Diagnostic("a.md", 2, 5, "r")) == (2, 5, 2, 5)


# ---------------------------------------------------------------------------------------------------------
# github


def test_github_escaping_of_message_and_properties():
    d = Diagnostic(
        "dir, with: marks/a%b.md", 1, 1, "pack.Rule:x,y", 1, 2, "suggestion", "100% sure:\r\nnext, line\rend"
    )
    out = render("github", Report(files=[FileResult(d.path, [d], text="ab\n")]), options())
    assert out == (
        "::notice file=dir%2C with%3A marks/a%25b.md,line=1,endLine=1,col=1,endColumn=2,"
        "title=pack.Rule%3Ax%2Cy::100%25 sure:%0D%0Anext, line%0Dend\n"
    )
    assert github.escape_data("a%0A\n") == "a%250A%0A"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_levels_multiline_span_and_errors():
    report = golden_report()
    report.errors.append("internal error in rule x.Y: boom")
    lines = render("github", report, options()).splitlines()
    assert (
        lines[0]
        == "::error file=broken.txt,title=copydesk::broken.txt: not valid UTF-8 (byte 0xff at offset 3)"
    )
    multi = [ln for ln in lines if "line=4," in ln]
    assert multi == [
        f"::warning file={STORY_PATH},line=4,endLine=5,title=hygiene.Doubled::'the' is printed twice in a row; "
        "delete one."
    ]
    kinds = [ln.split(" ", 1)[0] for ln in lines]
    assert kinds.count("::notice") == 2 and kinds.count("::error") == 3 and kinds.count("::warning") == 3
    assert lines[-1] == "::error title=copydesk::internal error in rule x.Y: boom"


def test_github_clean_run_prints_nothing():
    assert render("github", Report(files=[FileResult("a.md", text="Fine.\n")]), options()) == ""


# ---------------------------------------------------------------------------------------------------------
# SARIF


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"{SARIF_SCHEMA} is not available")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    # What the schema cannot say but GitHub code scanning needs.
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "copydesk"
    # No placeholder home page: a link is there only when it can be opened.
    assert "informationUri" not in driver and "github.com/copydesk" not in json.dumps(log)
    ids = [r["id"] for r in driver["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not urlparse(uri).scheme and not uri.startswith("/") and "\\" not in uri
        region = loc["region"]
        assert region["endLine"] >= region["startLine"]
        if region["endLine"] == region["startLine"]:
            assert region["endColumn"] >= region["startColumn"]
        assert result["partialFingerprints"]
    for rule_desc in driver["rules"]:
        for key in ("id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
            assert key in rule_desc
        if "helpUri" in rule_desc:
            assert urlparse(rule_desc["helpUri"]).scheme in ("http", "https")


def test_sarif_golden_report_is_valid_and_complete():
    log = json.loads(render("sarif", golden_report(), options()))
    assert_valid_sarif(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["version"] == "9.9.9"
    assert [r["id"] for r in driver["rules"]] == [
        "hygiene.Doubled",
        "markup.RawHtml",
        "style.Percent",
        "style.VeryUnique",
    ]
    doubled, raw, percent, unknown = driver["rules"]
    # a relative link (copydesk's own docs) cannot be opened by a pip user: no helpUri
    assert "helpUri" not in doubled
    assert doubled["defaultConfiguration"] == {"level": "warning"}
    assert percent["shortDescription"]["text"] == "Spell out per cent in running text."
    assert percent["fullDescription"]["text"] == RULES["style.Percent"].description
    assert percent["helpUri"] == "https://style.example.org/percent"
    assert percent["defaultConfiguration"] == {"level": "note"}
    assert "helpUri" not in raw and raw["defaultConfiguration"] == {"level": "error"}
    # no metadata: built from the diagnostic (its level and link)
    assert unknown["name"] == "VeryUnique" and unknown["defaultConfiguration"] == {"level": "warning"}
    assert "helpUri" not in unknown
    results = run["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"drafts/caf%C3%A9%20news.md", "notes.txt"}
    multi = [r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 4]
    assert multi[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 8,
        "endLine": 5,
        "endColumn": 4,
    }
    # the file that could not be read: a notification, and the run did not fully succeed
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "not valid UTF-8" in note["message"]["text"]


def test_sarif_clean_run():
    log = json.loads(render("sarif", Report(files=[FileResult("a.md", text="Fine.\n")]), options()))
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


# ---------------------------------------------------------------------------------------------------------
# Fingerprints (SARIF partialFingerprints, GitLab fingerprint)


def _fps(fmt: str, path: str, text: str, needles: list[tuple[str, int]]) -> list[str]:
    diags = [diag(path, text, n, "hygiene.Doubled", "m", nth=k) for n, k in needles]
    report = Report(files=[FileResult(path, diags, text=text)])
    if fmt == "sarif":
        return [
            r["partialFingerprints"]["copydeskSpanHash/v1"]
            for r in json.loads(render("sarif", report, options()))["runs"][0]["results"]
        ]
    return [i["fingerprint"] for i in json.loads(render("gitlab", report, options()))]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_survive_line_shifts_and_tell_repeats_apart(fmt):
    before = "Intro.\n\nWe saw the the cat and the the dog.\n"
    after = "A new first paragraph.\n\nIntro, edited.\n\n  We saw the the cat and the the dog.\n"
    needles = [("the the", 0), ("the the", 1)]
    a = _fps(fmt, "a.md", before, needles)
    assert a == _fps(fmt, "a.md", after, needles)
    assert len(set(a)) == 2  # the same text twice: two different issues
    assert _fps(fmt, "b.md", before, needles) != a  # another file
    assert _fps(fmt, "a.md", "We saw a a cat.\n", [("a a", 0)])[0] not in a  # other text


def test_fingerprint_ignores_line_ending_style_inside_the_span():
    lf = _fps("gitlab", "a.md", "We saw the\nthe cat.\n", [("the\nthe", 0)])
    crlf = _fps("gitlab", "a.md", "We saw the\r\nthe cat.\r\n", [("the\r\nthe", 0)])
    assert lf == crlf


# ---------------------------------------------------------------------------------------------------------
# GitLab, reviewdog


def test_gitlab_severity_mapping_and_fields():
    issues = json.loads(render("gitlab", golden_report(), options()))
    by_check = {}
    for issue in issues:
        by_check.setdefault(issue["check_name"], []).append(issue)
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert {i["severity"] for i in by_check["style.Percent"]} == {"info"}
    assert {i["severity"] for i in by_check["hygiene.Doubled"]} == {"minor"}
    assert {i["severity"] for i in by_check["markup.RawHtml"]} == {"major"}
    assert by_check["copydesk.file-error"][0]["severity"] == "critical"
    assert [i["location"]["lines"] for i in by_check["hygiene.Doubled"]] == [
        {"begin": 3, "end": 3},
        {"begin": 4, "end": 5},
    ]
    assert by_check["hygiene.Doubled"][0]["location"]["path"] == STORY_PATH
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert json.loads(render("gitlab", Report(), options())) == []


def test_rdjson_fields():
    data = json.loads(render("rdjson", golden_report(), options()))
    assert data["source"] == {"name": "copydesk"}
    ds = data["diagnostics"]
    assert ds[0] == {
        "message": "broken.txt: not valid UTF-8 (byte 0xff at offset 3)",
        "location": {"path": "broken.txt"},
        "severity": "ERROR",
        "code": {"value": "copydesk.file-error"},
    }
    doubled = [d for d in ds if d["code"]["value"] == "hygiene.Doubled"]
    assert "url" not in doubled[0]["code"]  # a relative link cannot be opened
    percent = [d for d in ds if d["code"]["value"] == "style.Percent"]
    assert percent[0]["code"]["url"] == "https://style.example.org/percent"
    assert doubled[0]["severity"] == "WARNING"
    # "Café 😀 " is 11 bytes; "the the" 7 more; end exclusive
    assert doubled[0]["location"]["range"] == {
        "start": {"line": 3, "column": 12},
        "end": {"line": 3, "column": 19},
    }
    assert doubled[1]["location"]["range"] == {
        "start": {"line": 4, "column": 8},
        "end": {"line": 5, "column": 4},
    }
    raw = next(d for d in ds if d["code"]["value"] == "markup.RawHtml")
    assert raw["severity"] == "ERROR" and "url" not in raw["code"]
    # the ü line: "Ünïcödé" is 7 code points, 11 bytes
    accents = next(d for d in ds if d["message"].startswith("Odd"))
    assert accents["severity"] == "INFO"
    assert accents["location"]["range"]["end"] == {"line": 6, "column": 12}


# ---------------------------------------------------------------------------------------------------------
# XML formats


def test_checkstyle_structure_and_escaping():
    root = ET.fromstring(render("checkstyle", golden_report(), options()))
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"broken.txt", "clean.html", STORY_PATH, NOTES_PATH}
    assert list(files["clean.html"]) == []
    assert files["broken.txt"][0].get("source") == "copydesk.file-error"
    errors = files[STORY_PATH].findall("error")
    assert [(e.get("line"), e.get("column"), e.get("severity"), e.get("source")) for e in errors] == [
        ("1", "16", "info", "style.Percent"),
        ("3", "8", "warning", "hygiene.Doubled"),
        ("4", "8", "warning", "hygiene.Doubled"),
        ("5", "9", "error", "markup.RawHtml"),
        ("6", "1", "info", "style.Percent"),
    ]
    # markup, quotes, tab and CR/LF survive the round trip; the ESC that XML 1.0 forbids is made visible
    assert errors[3].get("message") == 'Raw HTML <b>&amp;</b> with "quotes", a tab\tand an escape \\x1b here.'
    assert errors[0].get("message") == "Write '50 per cent': 100% of style guides agree,\r\nmostly."


def test_xml_escaping_of_forbidden_characters():
    nasty = "nul\x00 bell\x07 vt\x0b fffe\ufffe lone\udc80 ok\t\n\r é 😀 ]]> &lt;"
    d = Diagnostic("a&b<c>.md", 1, 1, 'r."x"', 1, 2, "error", nasty)
    report = Report(files=[FileResult(d.path, [d], text="ab\n")])
    for fmt in ("checkstyle", "junit"):
        text = render(fmt, report, options())
        text.encode("utf-8")  # no lone surrogates left
        root = ET.fromstring(text.encode("utf-8"))
        el = root.find("file/error") if fmt == "checkstyle" else root.find("testsuite/testcase/failure")
        assert el.get("message") == (
            "nul\\x00 bell\\x07 vt\\x0b fffe\\ufffe lone\\udc80 ok\t\n\r é 😀 ]]> &lt;"
        )
        assert re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text) is None


def test_junit_structure():
    root = ET.fromstring(render("junit", golden_report(), options()))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "6", "1")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"broken.txt", "clean.html", STORY_PATH, NOTES_PATH}
    clean = suites["clean.html"].findall("testcase")
    assert len(clean) == 1 and list(clean[0]) == [] and suites["clean.html"].get("failures") == "0"
    assert suites["broken.txt"].find("testcase/error") is not None
    story = suites[STORY_PATH]
    assert (story.get("tests"), story.get("failures")) == ("5", "5")
    multi = story.findall("testcase")[2]
    assert multi.get("name") == "hygiene.Doubled at 4:8"
    failure = multi.find("failure")
    assert failure.get("type") == "warning"
    assert (
        failure.text
        == f"{STORY_PATH}:4:8: warning: 'the' is printed twice in a row; delete one. [hygiene.Doubled]"
    )


def test_run_level_errors_in_every_format():
    report = Report(files=[FileResult("a.md", text="Fine.\n")], errors=["internal error in rule x.Y: boom"])
    opts = options()
    assert "::error title=copydesk::internal error in rule x.Y: boom\n" in render("github", report, opts)
    sarif_log = json.loads(render("sarif", report, opts))
    assert sarif_log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"][
        "text"
    ].endswith("boom")
    cs = ET.fromstring(render("checkstyle", report, opts))
    assert cs.find("file[@name='copydesk']/error").get("source") == "copydesk.run-error"
    ju = ET.fromstring(render("junit", report, opts))
    assert ju.get("errors") == "1"


# ---------------------------------------------------------------------------------------------------------
# Paths


def test_artifact_paths(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "site" / "posts").mkdir(parents=True)
    monkeypatch.chdir(root)
    assert artifact_path("./posts/a.md") == "posts/a.md"
    assert artifact_path(str(root / "site" / "a.md")) == "site/a.md"
    assert artifact_path("/elsewhere/a.md") == "/elsewhere/a.md"
    # a run from a subfolder of the workspace: paths get the subfolder as a prefix
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    monkeypatch.chdir(root / "site")
    assert artifact_path("posts/a.md") == "site/posts/a.md"
    assert artifact_path(str(root / "site" / "posts" / "a.md")) == "site/posts/a.md"
    monkeypatch.delenv("GITHUB_WORKSPACE")
    monkeypatch.setenv("CI_PROJECT_DIR", str(root))
    assert artifact_path("posts/a.md") == "site/posts/a.md"


def test_links_resolve_against_the_home_page():
    assert (
        absolute_link("docs/rules/x.md#a", "https://h.example/p/")
        == "https://h.example/p/blob/main/docs/rules/x.md#a"
    )
    assert absolute_link("https://x.example/y", "https://h.example") == "https://x.example/y"
    assert absolute_link("", "https://h.example") == ""
    assert _columns.project_url().startswith(("http://", "https://"))


# ---------------------------------------------------------------------------------------------------------
# End to end through the CLI, with only the built-in hygiene pack


E2E_DRAFT = "# Café 😀 notes\n\nCafé 😀 the the market.\nWe saw the\nthe dog.\n"


@pytest.fixture
def e2e(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copydesk.yaml").write_text("packs: [hygiene]\n", encoding="utf-8")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "story.md").write_text(E2E_DRAFT, encoding="utf-8")
    (tmp_path / "posts" / "clean.md").write_text("# Notes\n\nAll is well here.\n", encoding="utf-8")

    def run(*args, env=None):
        return CliRunner().invoke(main, ["check", "--jobs", "1", *args, "posts"], env=env)

    return run


def test_cli_sarif_end_to_end(e2e, tmp_path):
    res = e2e("--format", "sarif", "--output", "out.sarif")
    assert res.exit_code == 1, res.output
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    run = log["runs"][0]
    got = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            tuple(r["locations"][0]["physicalLocation"]["region"].values()),
        )
        for r in run["results"]
    ]
    assert got == [
        ("hygiene.Doubled", "posts/story.md", (3, 9, 3, 16)),
        ("hygiene.Doubled", "posts/story.md", (4, 8, 5, 4)),
    ]
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"]


def test_cli_each_ci_format_end_to_end(e2e):
    out = {}
    for fmt in CI_FORMATS:
        res = e2e("--format", fmt)
        assert res.exit_code == 1, (fmt, res.output)
        out[fmt] = res.stdout
    assert out["github"].splitlines() == [
        "::warning file=posts/story.md,line=3,endLine=3,col=8,endColumn=15,title=hygiene.Doubled::"
        "'the' is printed twice in a row; delete one.",
        "::warning file=posts/story.md,line=4,endLine=5,title=hygiene.Doubled::"
        "'the' is printed twice in a row; delete one.",
    ]
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in json.loads(out["gitlab"])] == [
        ("posts/story.md", 3),
        ("posts/story.md", 4),
    ]
    starts = [
        (d["location"]["range"]["start"]["line"], d["location"]["range"]["start"]["column"])
        for d in json.loads(out["rdjson"])["diagnostics"]
    ]
    assert starts == [(3, 12), (4, 8)]
    cs = ET.fromstring(out["checkstyle"])
    assert [(f.get("name"), len(f)) for f in cs.findall("file")] == [
        ("posts/clean.md", 0),
        ("posts/story.md", 2),
    ]
    ju = ET.fromstring(out["junit"])
    assert (ju.get("tests"), ju.get("failures")) == ("3", "2")


def test_cli_defaults_to_github_on_github_actions(e2e):
    res = e2e(env={"GITHUB_ACTIONS": "true"})
    assert res.exit_code == 1
    assert res.stdout.startswith("::warning file=posts/story.md,line=3,")
    assert res.stderr.strip().endswith("2 problems (0 errors, 2 warnings, 0 suggestions) in 2 files")


# ---------------------------------------------------------------------------------------------------------
# The GitHub Action (action.yml): its shape, and its run script executed with the installed copydesk


def _action() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((HERE.parent / "action.yml").read_text(encoding="utf-8"))


def test_action_shape():
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "sarif-file", "version", "python-version"}
    steps = {s.get("id"): s for s in action["runs"]["steps"]}
    assert steps["install"]["env"]["COPYDESK_SOURCE"] == "${{ github.action_path }}"
    assert "--format github" in steps["run"]["run"] and "--format sarif" in steps["run"]["run"]
    for step in action["runs"]["steps"]:
        # no script injection: inputs only through env
        assert "${{" not in step.get("run", "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_run_script(e2e, tmp_path):
    copydesk_bin = Path(sys.executable).parent
    if not (copydesk_bin / "copydesk").exists():
        pytest.skip("the copydesk script is not installed next to this Python")
    script = next(s for s in _action()["runs"]["steps"] if s.get("id") == "run")["run"]
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "fine.txt").write_text("All good.\n", encoding="utf-8")

    def run(paths: str, sarif_file: str = ""):
        out = tmp_path / "github_output"
        out.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")}
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_OUTPUT=str(out),
            COPYDESK_BIN=str(copydesk_bin),
            COPYDESK_PATHS=paths,
            COPYDESK_ARGS="--jobs 1  --min-level suggestion",
            COPYDESK_SARIF_FILE=sarif_file,
        )
        res = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
        return res, out.read_text(encoding="utf-8").splitlines()

    res, outputs = run("posts\n  more\n", "reports/copydesk.sarif")
    assert res.returncode == 1, res.stderr
    assert [ln.split("::")[1] for ln in res.stdout.splitlines()] == [
        "warning file=posts/story.md,line=3,endLine=3,col=8,endColumn=15,title=hygiene.Doubled",
        "warning file=posts/story.md,line=4,endLine=5,title=hygiene.Doubled",
    ]
    assert "2 problems" in res.stderr and "in 3 files" in res.stderr
    assert outputs == ["sarif-file=reports/copydesk.sarif", "exit-code=1"]
    assert_valid_sarif(json.loads((tmp_path / "reports" / "copydesk.sarif").read_text(encoding="utf-8")))

    res, outputs = run("more")
    assert (res.returncode, res.stdout, outputs) == (0, "", ["exit-code=0"])
    res, outputs = run("missing-folder")
    assert res.returncode == 2 and outputs == ["exit-code=2"]
