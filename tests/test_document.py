import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.document import PLACEHOLDER
from copydesk.parsers import parse
from copydesk.source import from_text

# Every test here runs with each Markdown parser (see the fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("markdown_backend")


def blocks(text, path="d.md"):
    return parse(from_text(text, path)).blocks


def check_roundtrip(doc):
    src = doc.source.text
    for b in doc.blocks:
        for _t0, s0, e0, _one in b.runs:
            assert 0 <= s0 <= e0 <= len(src)
        for i, ch in enumerate(b.text):
            s, e = b.source_span(i, i + 1)
            assert 0 <= s < e <= len(src)
            if ch not in (PLACEHOLDER, "\n") and e - s == 1:
                assert src[s] == ch


def test_markdown_scopes_and_masks():
    md = (
        '---\ntitle: My Title\n---\n# Head *one*\n\nSee `code` at https://example.com and {{< figure src="a" >}} '
        "now.\n\n- item\n\n> quote\n\n| a | b |\n|---|---|\n| c | d |\n\n```\nthe the\n```\n"
    )
    doc = parse(from_text(md, "a.md"))
    got = [(b.scope, b.text) for b in doc.blocks]
    assert ("frontmatter.title", "My Title") in got
    assert ("heading.h1", "Head one") in got
    assert ("paragraph", f"See {PLACEHOLDER} at {PLACEHOLDER} and {PLACEHOLDER} now.") in got
    assert ("list_item", "item") in got and ("blockquote", "quote") in got
    assert ("table_cell", "d") in got
    assert not any("the the" in t for _, t in got)
    kinds = {k for _, _, k in doc.masked}
    assert {"frontmatter", "code_span", "url", "template", "code"} <= kinds
    check_roundtrip(doc)


def test_markdown_positions_survive_crlf_and_entities():
    md = "# T\r\n\r\nA &amp; B\r\nsecond *line* here\r\n"
    doc = parse(from_text(md, "a.md"))
    para = doc.blocks[1]
    i = para.text.index("here")
    s, _ = para.source_span(i, i + 4)
    assert doc.source.position(s) == (4, 15)
    amp = para.text.index("&")
    s, e = para.source_span(amp, amp + 1)
    assert md[s:e] == "&amp;"


def test_liquid_blocks_are_masked_whole():
    md = "Intro.\n\n{% highlight python %}\nthe the\n{% endhighlight %}\n\nOutro.\n"
    assert all("the the" not in b.text for b in blocks(md))


def test_html_blocks_and_entities():
    html = "<html><head><title>T</title></head><body><h2>Sub &amp; more</h2><p>One <b>two</b>.</p><script>x</script></body></html>"
    doc = parse(from_text(html, "a.html"))
    got = [(b.scope, b.text) for b in doc.blocks]
    assert got == [("frontmatter.title", "T"), ("heading.h2", "Sub & more"), ("paragraph", "One two.")]
    check_roundtrip(doc)


def test_plain_text_headline_candidates_and_bullets():
    txt = "Big News Today\n\nFirst paragraph says a thing.\n\nA Second Heading Here\n\n  • Item one here.\n  • Item two here.\n"
    got = [(b.scope, b.text) for b in blocks(txt, "a.txt")]
    assert got == [
        ("heading.plain", "Big News Today"),
        ("paragraph", "First paragraph says a thing."),
        ("heading.plain", "A Second Heading Here"),
        ("list_item", "Item one here."),
        ("list_item", "Item two here."),
    ]


alphabet = st.sampled_from(
    list("ab *_`#>-[]()<>!&;{}%\n\r\t\ufeffé😀.:h/w")
    + ["http://", "{{<", ">}}", "```", "<b>", "</b>", "---\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=60).map("".join), st.sampled_from(["x.md", "x.html", "x.txt"]))
def test_every_block_character_maps_inside_the_file(text, path):
    doc = parse(from_text(text, path))
    check_roundtrip(doc)
