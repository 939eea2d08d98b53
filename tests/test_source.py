from copydesk.source import decode, from_text


def test_positions_count_every_line_ending_alike():
    src = from_text("ab\r\ncd\ref\ngh", "x.txt")
    assert src.position(0) == (1, 1)
    assert src.position(4) == (2, 1)  # after \r\n
    assert src.position(7) == (3, 1)  # after lone \r
    assert src.position(10) == (4, 1)
    assert src.line_text(2) == "cd"
    assert src.line_count == 4


def test_columns_are_code_points_and_tabs_count_one():
    src = from_text("\té😀x", "x.txt")
    assert src.position(src.text.index("x")) == (1, 4)


def test_bom_does_not_shift_columns():
    text, notes = decode("\ufeffHello".encode("utf-8"))
    assert text == "Hello" and notes == []
    text, _ = decode("Hi".encode("utf-16"))
    assert text == "Hi"
    assert from_text("\ufeffAb", "a.md").position(1) == (1, 2)


def test_invalid_utf8_is_replaced_with_a_notice():
    # Damaged UTF-8 (there is valid UTF-8 elsewhere); a file with no UTF-8 at all is read as Windows-1252.
    text, notes = decode("café ok ".encode() + b"\xff bad")
    assert text == "café ok \ufffd bad"
    assert notes and "byte 9" in notes[0]
