"""The offline part-of-speech tagger (copydesk.analysis.pos)."""

from __future__ import annotations

from copydesk.analysis.pos import candidates, tag


def tags(text: str) -> list[str]:
    return [t for _s, _e, _w, t in tag(text)]


def test_closed_class_and_inflected_words():
    assert tags("It would be great to write a story.") == [
        "PRP",
        "MD",
        "VB",
        "JJ",
        "TO",
        "VB",
        "DT",
        "NN",
        ".",
    ]
    assert tags("She wrote two stories") == ["PRP", "VBD", "CD", "NNS"]


def test_context_picks_among_a_words_tags():
    assert "VBZ" in candidates("times") and "NNS" in candidates("times")
    assert tags("He times the runs") == ["PRP", "VBZ", "DT", "NNS"]
    assert tags("of all times")[-1] == "NNS"
    assert tags("The ball was kicked")[-1] == "VBN"


def test_unknown_words_are_guessed_from_their_shape():
    out = tag("The frobnicated zorbles glimmly")
    assert [t for *_, t in out] == ["DT", "VBN", "NNS", "RB"]
    assert out[1][:3] == (4, 15, "frobnicated")


def test_spans_are_offsets_into_the_text():
    text = "Don’t stop."
    for s, e, w, _t in tag(text):
        assert text[s:e] == w
