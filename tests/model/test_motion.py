"""Cursor motions in character offsets: w, b, e by words, { and } by paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.text import motion
from annotations.text.article import Article
from annotations.text.motion import (
    next_paragraph,
    next_word_start,
    previous_paragraph,
    previous_word_start,
    token_at,
    word_end,
)

TEXT = "alpha beta, gamma.  delta"
#       0     6   10 12   17   20


def test_token_at():
    assert token_at(TEXT, 0) == (0, 5)
    assert token_at(TEXT, 4) == (0, 5)
    assert token_at(TEXT, 5) is None  # a blank
    assert token_at(TEXT, 10) == (10, 11)  # punctuation is a word of its own
    assert token_at(TEXT, 24) == (20, 25)
    assert token_at(TEXT, 25) is None
    assert token_at(TEXT, -1) is None
    assert token_at("", 0) is None


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 6), (3, 6), (5, 6), (6, 10), (10, 12), (12, 17), (17, 20), (18, 20), (20, 20), (24, 24)],
)
def test_w_moves_to_the_next_word_start(offset, expected):
    assert next_word_start(TEXT, offset) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 0), (3, 0), (6, 0), (7, 6), (10, 6), (11, 10), (12, 10), (17, 12), (19, 17), (20, 17)],
)
def test_b_moves_to_the_previous_word_start(offset, expected):
    assert previous_word_start(TEXT, offset) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 4), (3, 4), (4, 9), (5, 9), (9, 10), (10, 16), (16, 17), (17, 24), (20, 24), (24, 24)],
)
def test_e_moves_to_the_end_of_the_word(offset, expected):
    assert word_end(TEXT, offset) == expected


def test_motions_on_empty_text():
    assert next_word_start("", 0) == 0
    assert previous_word_start("", 0) == 0
    assert word_end("", 0) == 0


def test_words_across_line_ends_and_unicode():
    text = "Анна\r\nПавловна — Pávlovna’s"
    assert next_word_start(text, 0) == 6
    assert next_word_start(text, 6) == 15  # the dash
    assert next_word_start(text, 15) == 17
    assert token_at(text, 20) == (17, 27)  # a curly apostrophe inside a word joins it
    assert previous_word_start(text, 6) == 0
    assert word_end(text, 0) == 3


LONG = 1_000  # well over the motions' internal window
assert LONG > 3 * motion._WINDOW


@pytest.mark.parametrize("filler", ["x", "."], ids=["letters", "punctuation"])
def test_words_longer_than_the_window(filler):
    text = "a " + filler * LONG + " b"
    word = (2, 2 + LONG)
    for offset in (2, 3, 300, 700, LONG, LONG + 1):
        assert token_at(text, offset) == word
    assert next_word_start(text, 0) == 2
    assert next_word_start(text, 2) == LONG + 3
    assert next_word_start(text, 600) == LONG + 3
    assert previous_word_start(text, LONG + 3) == 2
    assert previous_word_start(text, 900) == 2
    assert previous_word_start(text, 2) == 0
    assert word_end(text, 0) == LONG + 1
    assert word_end(text, 2) == LONG + 1
    assert word_end(text, 500) == LONG + 1
    assert word_end(text, LONG + 1) == LONG + 3


def test_two_long_words_touching():
    text = "s " + "." * 600 + "y" * 600 + " e"
    assert token_at(text, 300) == (2, 602)
    assert token_at(text, 900) == (602, 1202)
    assert next_word_start(text, 10) == 602
    assert word_end(text, 10) == 601
    assert previous_word_start(text, 1203) == 602
    assert previous_word_start(text, 602) == 2


def test_long_blank_runs():
    text = "a" + " " * 5_000 + "b" + "\n" * 5_000 + "c"
    assert next_word_start(text, 0) == 5_001
    assert next_word_start(text, 5_001) == 10_002
    assert previous_word_start(text, 10_002) == 5_001
    assert previous_word_start(text, 5_001) == 0
    assert previous_word_start(text, 3_000) == 0
    assert word_end(text, 0) == 5_001


def test_a_word_as_long_as_a_large_text():
    text = "x" * 2_000_000
    assert token_at(text, 1_000_000) == (0, len(text))
    assert word_end(text, 5) == len(text) - 1
    assert previous_word_start(text, len(text) - 1) == 0


_SAMPLE = st.text(alphabet="ab.,– \n\té", max_size=80)
from annotations.text.motion import _TOKEN  # noqa: E402 - the words motions must agree with


@settings(max_examples=200, deadline=None)
@given(_SAMPLE, st.data())
def test_property_motions_land_on_word_starts_and_ends(text, data):
    starts = [m.start() for m in _TOKEN.finditer(text)]
    ends = [m.end() - 1 for m in _TOKEN.finditer(text)]
    if not text:
        return
    offset = data.draw(st.integers(0, len(text) - 1))
    w = next_word_start(text, offset)
    assert w == offset or w in starts
    assert w >= offset
    assert w == min([s for s in starts if s > offset], default=offset)
    b = previous_word_start(text, offset)
    assert b == max([s for s in starts if s < offset], default=0)
    e = word_end(text, offset)
    assert e == offset or e in ends
    assert e == min([x for x in ends if x > offset], default=offset)


# One paragraph per line (no line of it wraps), with blank lines between some.
ARTICLE = Article("First line.\n\nSecond line.\n\nThird, after.\n\n\nFourth.")
#                  0              13              27                  43


def test_paragraphs_of_the_sample():
    texts = [ARTICLE.text[s:e] for s, e in ARTICLE.paragraphs]
    assert texts == ["First line.", "Second line.", "Third, after.", "Fourth."]
    assert [s for s, _ in ARTICLE.paragraphs] == [0, 13, 27, 43]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 13), (5, 13), (11, 13), (12, 13), (13, 27), (26, 27), (27, 43), (40, 43), (43, 43),
     (49, 43)],
)  # fmt: skip
def test_close_brace_moves_to_the_next_paragraph(offset, expected):
    assert next_paragraph(ARTICLE, offset) == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 0), (5, 0), (13, 0), (14, 13), (26, 13), (27, 13), (30, 27), (41, 27), (43, 27),
     (49, 43)],
)  # fmt: skip
def test_open_brace_moves_to_this_or_the_previous_paragraph(offset, expected):
    assert previous_paragraph(ARTICLE, offset) == expected


def test_paragraph_motions_with_no_paragraphs():
    empty = Article("\n\n  \n")
    assert next_paragraph(empty, 0) == 0
    assert previous_paragraph(empty, 2) == 0


def test_paragraph_motions_on_hard_wrapped_text():
    article = Article("One line\nand its wrap.\n\nTwo line\nand wrap.\n\n\nThree.")
    starts = [s for s, _ in article.paragraphs]
    assert len(starts) == 3
    assert next_paragraph(article, 3) == starts[1]
    assert next_paragraph(article, starts[1] + 12) == starts[2]
    assert previous_paragraph(article, starts[2]) == starts[1]
    assert previous_paragraph(article, starts[2] + 2) == starts[2]


@pytest.mark.parametrize("word", ["U.S.", "3.14", "1,000", "Erdogan's", "Erdogan’s", "S-400"])
def test_words_a_reader_reads_as_one(word):
    text = f"Before {word} after."
    start = text.index(word)
    expected = (start, start + len(word)) if word != "S-400" else (start, start + 1)
    assert motion.token_at(text, start + 1 if word != "S-400" else start) == expected
    assert motion.next_word_start(text, 0) == start
    if word != "S-400":
        assert motion.next_word_start(text, start) == text.index("after")
        assert motion.word_end(text, start) == start + len(word) - 1


def test_a_sentence_end_is_not_joined_to_the_next_word():
    text = "Russia. Turkey, and 12. More"
    assert motion.token_at(text, 0) == (0, 6)
    assert motion.next_word_start(text, 0) == 6  # the full stop
