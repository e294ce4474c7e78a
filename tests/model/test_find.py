"""The article search in offsets: smartcase, a space for any whitespace, next and previous with
wrapping, the matches of a stretch for drawing, and counting that can be stopped."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.text.find import Found, Matches, query_pattern

TEXT = "Beta met beta.\nThe family estates of the\nBuonapartes, said BETA."


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("beta", ["Beta", "beta", "BETA"]),  # no capital: case is ignored
        ("Beta", ["Beta"]),  # a capital: case counts
        ("BETA", ["BETA"]),
        ("of the buonapartes", ["of the\nBuonapartes"]),  # a space matches the line break
        ("estates  of", ["estates of"]),  # a run of spaces is one run of whitespace
        ("b.ta", []),  # typed text, not a regex
    ],
)
def test_what_a_query_finds(query, found):
    matches = Matches(TEXT, query)
    assert [TEXT[start:end] for start, end in matches.spans_in(0, len(TEXT))] == found
    assert len(matches.count()) == len(found)


def test_an_empty_query_finds_nothing_and_a_space_finds_whitespace():
    assert query_pattern("") is None
    assert Matches(TEXT, "").next_after(0) is None
    assert Matches(TEXT, "").count() == []
    assert Matches(TEXT, " ").next_after(0) == Found(4, 5)


def test_next_starts_after_the_cursor_and_wraps_round():
    matches = Matches(TEXT, "beta")
    last = TEXT.rindex("BETA")
    assert matches.next_after(0) == Found(9, 13)  # not the match the cursor is on
    assert matches.next_after(9) == Found(last, last + 4)
    assert matches.next_after(last) == Found(0, 4, wrapped=True)


@pytest.mark.parametrize("counted", [False, True])
def test_previous_ends_before_the_cursor_and_wraps_round(counted):
    matches = Matches(TEXT, "beta")
    if counted:
        matches.count()
    last = TEXT.rindex("BETA")
    assert matches.previous_before(last) == Found(9, 13)
    assert matches.previous_before(9) == Found(0, 4)
    assert matches.previous_before(0) == Found(last, last + 4, wrapped=True)


def test_previous_finds_a_match_far_back():
    text = "needle" + " x" * 50_000 + " end"
    assert Matches(text, "needle").previous_before(len(text) - 1) == Found(0, 6)


def test_no_match_anywhere():
    matches = Matches(TEXT, "gamma")
    assert matches.next_after(3) is None
    assert matches.previous_before(3) is None
    assert matches.count() == []


def test_a_stretch_is_given_the_matches_that_reach_into_it():
    matches = Matches(TEXT, "of the buonapartes")
    start = TEXT.index("of the")
    line_break = TEXT.index("\n", start)
    # The row after the line break still shows the end of the match.
    assert matches.spans_in(line_break + 1, line_break + 10) == [(start, start + 18)]
    assert matches.spans_in(0, start) == []


def test_position_says_k_of_n_once_counted():
    matches = Matches(TEXT, "beta")
    assert matches.position(9) is None
    matches.count()
    assert matches.position(9) == (2, 3)


def test_a_count_can_be_stopped():
    matches = Matches("a " * 10_000, "a")
    assert matches.count(stop=lambda: True) is None
    assert matches.starts is None
    assert len(matches.count()) == 10_000


words = st.sampled_from(["ab", "Ab", "b", "a b", "ba", " ", "\n", "  "])


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(words, max_size=30), query=st.sampled_from(["ab", "a b", "Ab", "b a"]))
def test_drawing_and_stepping_agree_with_a_plain_scan(pieces, query):
    text = "".join(pieces)
    matches = Matches(text, query)
    expected = [m.span() for m in matches.pattern.finditer(text)]
    assert matches.spans_in(0, len(text)) == expected
    assert matches.count() == [start for start, _ in expected]
    for start, end in expected:  # every match is reached by n from just before it
        assert matches.next_after(start - 1) == Found(start, end)
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    assert matches.pattern.flags & re.IGNORECASE == flags
