"""Vale's markup scopes in --vale-compat: table.header / table.cell / table.caption, alt text, HTML blocks
scoped by the tags around them, SkippedScopes. Written from Vale's scope documentation and its feature
files (the fixtures here are our own)."""

from __future__ import annotations

from vale_helpers import lint

MARK = """\
extends: existence
message: "'%s' left in text"
level: error
scope: {scope}
tokens: [TODO, FIXME]
"""


def rule(scope: str) -> dict[str, str]:
    return {"S/Mark": MARK.format(scope=scope)}


TABLE_MD = """\
# Plan TODO

| Step TODO | Owner |
| :-------- | ----: |
| Draft     | FIXME |
| TODO      | Ana   |

Closing TODO.
"""


def test_markdown_pipe_table_header_row_is_table_header_and_the_rest_table_cell(tmp_path):
    assert lint(tmp_path / "h", rule("table.header"), TABLE_MD) == ["test.md:3:8:S.Mark:'TODO' left in text"]
    assert lint(tmp_path / "c", rule("table.cell"), TABLE_MD) == [
        "test.md:5:15:S.Mark:'FIXME' left in text",
        "test.md:6:3:S.Mark:'TODO' left in text",
    ]
    # ``table`` covers header and cells; ``summary`` (running text) covers neither.
    assert len(lint(tmp_path / "t", rule("table"), TABLE_MD)) == 3
    assert lint(tmp_path / "s", rule("summary"), TABLE_MD) == ["test.md:8:9:S.Mark:'TODO' left in text"]


TABLE_HTML = """\
<html><body>
<table>
  <caption>Budget TODO</caption>
  <tr><th>Month TODO</th><th>Total</th></tr>
  <tr><td><p class="cell">FIXME soon</p></td><td>42</td></tr>
</table>
<ul>
  <li><p>Item TODO</p></li>
</ul>
<p>Body TODO.</p>
</body></html>
"""


def test_html_cells_are_scoped_by_the_tags_around_them_as_vale_does(tmp_path):
    def hits(scope: str) -> list[str]:
        return lint(tmp_path / scope.replace(".", "_"), rule(scope), TABLE_HTML, name="page.html")

    assert hits("table.caption") == ["page.html:3:19:S.Mark:'TODO' left in text"]
    assert hits("table.header") == ["page.html:4:17:S.Mark:'TODO' left in text"]
    # <td><p>...</p></td>: the paragraph inside a cell is a table cell, and an item's paragraph a list item.
    assert hits("table.cell") == ["page.html:5:27:S.Mark:'FIXME' left in text"]
    assert hits("list") == ["page.html:8:15:S.Mark:'TODO' left in text"]
    assert hits("paragraph") == ["page.html:10:9:S.Mark:'TODO' left in text"]


ALT_MD = """\
Intro TODO.

![A chart of TODO items](chart.png) and ![](empty.png).

`![code TODO](x.png)`

<img src="a.png" alt='FIXME later'>
"""


def test_alt_text_of_markdown_and_html_images_is_its_own_scope(tmp_path):
    assert lint(tmp_path / "a", rule("alt"), ALT_MD) == [
        "test.md:3:14:S.Mark:'TODO' left in text",
        "test.md:7:23:S.Mark:'FIXME' left in text",
    ]
    # The default scope (text) reads alt text too, as in Vale; code spans stay out.
    assert lint(tmp_path / "t", rule("text"), ALT_MD) == [
        "test.md:1:7:S.Mark:'TODO' left in text",
        "test.md:3:14:S.Mark:'TODO' left in text",
        "test.md:7:23:S.Mark:'FIXME' left in text",
    ]
    html = '<p>See <img src="x.png" alt="Logo TODO"> here.</p>\n'
    assert lint(tmp_path / "h", rule("alt"), html, name="p.html") == [
        "p.html:1:35:S.Mark:'TODO' left in text"
    ]


def test_skipped_scopes_leave_out_blockquotes_tables_and_alt_text(tmp_path):
    ini = """\
        StylesPath = styles
        MinAlertLevel = suggestion
        SkippedScopes = script, style, pre, figure, blockquote, table, alt

        [*]
        BasedOnStyles = S
        """
    md = "Top TODO.\n\n> Quoted TODO.\n\n| A TODO |\n| --- |\n| FIXME |\n\n![TODO](x.png)\n"
    assert lint(tmp_path / "m", rule("text"), md, ini=ini) == ["test.md:1:5:S.Mark:'TODO' left in text"]
    html = "<p>Top TODO.</p>\n<blockquote><p>Quoted TODO.</p></blockquote>\n<p>End FIXME.</p>\n"
    assert lint(tmp_path / "h", rule("text"), html, name="p.html", ini=ini) == [
        "p.html:1:8:S.Mark:'TODO' left in text",
        "p.html:3:8:S.Mark:'FIXME' left in text",
    ]


def test_a_folder_inside_the_styles_path_is_linted_when_asked_for_but_not_walked_into(tmp_path):
    from vale_helpers import project, run

    # Vale's own fixtures live under their StylesPath (StylesPath = ../..): linting that folder works.
    fixture = tmp_path / "styles" / "fixtures" / "one"
    project(tmp_path, rule("text"), {"styles/fixtures/one/a.md": "Mark TODO.\n", "doc.md": "Top TODO.\n"})
    (fixture / ".vale.ini").write_text(
        "StylesPath = ../..\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = S\n", encoding="utf-8"
    )
    assert run(fixture) == ["a.md:1:6:S.Mark:'TODO' left in text"]
    # From the project's root the StylesPath (with its fixtures) is left out of the walk.
    assert run(tmp_path) == ["doc.md:1:5:S.Mark:'TODO' left in text"]


def test_html_blocks_in_markdown_are_linted_as_html_and_ignored_classes_are_masked(tmp_path):
    ini = """\
        StylesPath = styles
        MinAlertLevel = suggestion
        IgnoredClasses = draft-note

        [*]
        BasedOnStyles = S
        """
    md = (
        "Intro TODO.\n\n"
        "<table>\n  <caption>Costs FIXME</caption>\n  <tr><td>TODO cell</td></tr>\n</table>\n\n"
        '<div class="draft-note">\nTODO hidden.\n</div>\n\n'
        'Keep <span class="draft-note">TODO</span> and TODO.\n'
    )
    assert lint(tmp_path / "a", rule("text"), md, ini=ini) == [
        "test.md:1:7:S.Mark:'TODO' left in text",
        "test.md:4:18:S.Mark:'FIXME' left in text",
        "test.md:5:11:S.Mark:'TODO' left in text",
        "test.md:12:47:S.Mark:'TODO' left in text",
    ]
    assert lint(tmp_path / "c", rule("table.caption"), md, ini=ini) == [
        "test.md:4:18:S.Mark:'FIXME' left in text"
    ]


def test_link_text_is_its_own_scope_and_not_read_twice_by_text_rules(tmp_path):
    md = "Read [the TODO list](todo.md) first. TODO later.\n"
    assert lint(tmp_path / "l", rule("link"), md) == ["test.md:1:11:S.Mark:'TODO' left in text"]
    assert lint(tmp_path / "t", rule("text"), md) == [
        "test.md:1:11:S.Mark:'TODO' left in text",
        "test.md:1:38:S.Mark:'TODO' left in text",
    ]
