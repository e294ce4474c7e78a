"""Re-anchoring after the article changed (issue 11, items 13-15): close matches are offered,
look-alikes never placed as exact, and the 90% rule holding for long quotes too."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.notes.anchoring import anchor, make_quote
from annotations.notes.model import Quote

WAR_AND_PEACE = Path("/work/shared/corpus/war-and-peace.txt")
SOCHI = (
    "Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdogan met in "
    "Sochi for talks. The relationship is a continuation of a marriage of convenience between "
    "Russia and Turkey, analysts said, and the marriage of convenience holds for now."
)
CALLS = (
    "Erdogan told Putin that Turkey would buy more S-400 systems. Officials in Ankara were"
    " silent. Later that day, in a separate call, Erdogan told Putin the grain deal must be"
    " extended before winter."
)
LONG = (
    "Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdogan met in"
    " Sochi for talks that lasted nearly three hours, discussing Syria, Libya, energy and the"
    " purchase of arms."
)


def test_one_word_changed_in_a_39_character_quote_is_offered_not_orphaned():
    quote_text = "The relationship is a continuation of a"
    start = SOCHI.index(quote_text)
    quote = make_quote(SOCHI, start, start + len(quote_text))
    edited = SOCHI.replace("is a continuation", "is a prolongation")
    placement = anchor(edited, quote, start)
    assert placement.state == "approximate"
    assert edited[placement.start : placement.end] == "The relationship is a prolongation of a"


def test_the_same_change_without_its_context_is_still_an_orphan():
    quote_text = "The relationship is a continuation of a"
    start = SOCHI.index(quote_text)
    quote = make_quote(SOCHI, start, start + len(quote_text))
    edited = "Entirely different words. The relationship is a prolongation of a new kind."
    assert anchor(edited, quote, 26).state == "orphan"


def test_an_exact_quote_whose_context_is_gone_on_both_sides_is_never_exact():
    second = CALLS.rindex("Erdogan told Putin")
    quote = make_quote(CALLS, second, second + len("Erdogan told Putin"))
    edited = CALLS[: CALLS.index(" Later")]  # the second call's paragraph deleted
    placement = anchor(edited, quote, second)
    assert placement.state != "exact"
    assert placement.state == "approximate" and placement.start == 0  # offered, to confirm


def _long_case(change: str) -> tuple[str, Quote, int, str]:
    text = "Before: " + LONG + " After the talks, nothing."
    start = text.index(LONG)
    quote = make_quote(text, start, start + len(LONG))
    middle = LONG.index(" discussing")
    if change == "insert":
        changed = LONG[:middle] + ", the Kremlin said in a statement," + LONG[middle:]
    else:
        changed = LONG[: middle - 30] + LONG[middle:]
    return "Before: " + changed + " After the talks, nothing.", quote, start, changed


@pytest.mark.parametrize("change", ["insert", "delete"])
def test_a_long_quote_with_a_sentence_inserted_or_cut_is_offered(change):
    edited, quote, start, changed = _long_case(change)
    placement = anchor(edited, quote, start)
    assert (placement.state, edited[placement.start : placement.end]) == ("approximate", changed)
    assert placement.score >= 90


@pytest.mark.parametrize("size", [400, 1200])
def test_quotes_over_256_characters_allow_for_a_cut_in_their_first_piece(size):
    text = WAR_AND_PEACE.read_text(encoding="utf-8")[:200_000]
    start = 150_000
    quote = make_quote(text, start, start + size)
    edited = text[: start + 20] + text[start + 50 :]  # 30 characters cut inside the first 64
    placement = anchor(edited, quote, start)
    assert placement.state == "approximate"
    assert placement.end == start + size - 30
    assert abs(placement.start - start) <= 30


def test_a_note_with_no_context_stored_can_still_be_placed_approximately():
    quote = Quote("a marriage of convenience between", "", "")
    edited = SOCHI.replace("convenience between", "convenience betwen")
    placement = anchor(edited, quote, SOCHI.index("a marriage"))
    assert placement.state == "approximate"
    assert edited[placement.start : placement.end] == "a marriage of convenience betwen"


def test_a_short_quote_with_a_changed_letter_is_offered_when_its_context_is_intact():
    start = SOCHI.index("Sochi")
    quote = make_quote(SOCHI, start, start + 5)
    edited = SOCHI.replace("Sochi", "Sochy")
    placement = anchor(edited, quote, start)
    assert (placement.state, edited[placement.start : placement.end]) == ("approximate", "Sochy")
