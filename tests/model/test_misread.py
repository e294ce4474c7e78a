"""UTF-8 read with --encoding latin-1 (or cp1252) is said, not shown silently as mojibake."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotations.text.article import load_article
from annotations.text.misread import misread_warning


def test_utf8_read_as_latin1_is_reported_with_an_example(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The café in Sochi.\n", encoding="utf-8")
    article = load_article(path, encoding="latin-1")
    assert article.text == "The cafÃ© in Sochi.\n"  # shown exactly as asked for
    assert article.warnings == [
        f"{path}: read as latin-1, but it is UTF-8: its non-ASCII characters show as two or three"
        " each (“Ã©” for “é”); open it without --encoding to read it as UTF-8"
    ]


def test_a_real_latin1_or_cp1252_file_and_plain_ascii_get_no_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Café “society”\n".encode("cp1252"))
    assert load_article(path, encoding="cp1252").warnings == []
    path.write_bytes(b"plain ASCII\n")
    assert load_article(path, encoding="latin-1").warnings == []
    path.write_text("Café\n", encoding="utf-8")
    assert load_article(path).warnings == []  # UTF-8 read as UTF-8
    assert load_article(path, encoding="UTF8").warnings == []


@given(st.text(alphabet=st.characters(min_codepoint=0xA0, max_codepoint=0x2FFF), min_size=1))
def test_any_non_ascii_utf8_text_misread_as_latin1_is_caught(words):
    misread = words.encode("utf-8").decode("latin-1")
    assert misread_warning(misread, "latin-1", "a.txt") is not None
