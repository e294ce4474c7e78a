"""Provides how well the text around a place agrees with a quote's stored prefix and suffix.

The evidence re-anchoring weighs besides the quote itself: each side is compared outward from the
quote (rapidfuzz), and a side with no stored context is no evidence either way.
"""

from __future__ import annotations

from annotations.notes.model import Quote


def fuzz():
    """rapidfuzz's scorers, imported only when a note has to be placed approximately."""
    from rapidfuzz import fuzz

    return fuzz


CONTEXT_THRESHOLD = 50.0
"""The text around a match must agree at least this well with the stored prefix and suffix..."""
ONE_SIDE_THRESHOLD = 75.0
"""...or this well on one side, as when the text on the other side was rewritten or cut."""
MIN_SIDE = 8
"""Context cut short by the end of the text is compared only when this much of it remains."""


Side = float | None


def context_sides(text: str, quote: Quote, start: int, end: int) -> tuple[Side, Side]:
    """How well the text before and after [start, end) agrees with the prefix and suffix (0..100).

    Near either end of the text only what is there is compared (when there is enough of it to
    mean something). An empty prefix (a quote at the very start, or a note written with no
    context) agrees fully with the start of the text, and elsewhere is None: it neither vouches
    for an occurrence nor speaks against it. Likewise an empty suffix.
    """
    return (
        _side(
            quote.prefix[::-1], text[max(0, start - len(quote.prefix)) : start][::-1], start == 0
        ),
        _side(quote.suffix, text[end : end + len(quote.suffix)], end == len(text)),
    )


def _side(stored: str, actual: str, at_edge: bool) -> Side:
    """Agreement of one side, both read outward from the quote; None when nothing was stored."""
    if not stored:
        return 100.0 if at_edge else None
    if len(actual) < len(stored) and len(actual) >= MIN_SIDE:
        # The text ends here: compare with as much of the stored context as fits.
        stored = stored[: len(actual)]
    return fuzz().ratio(stored, actual)


def known_sides(text: str, quote: Quote, start: int, end: int) -> list[float]:
    return [side for side in context_sides(text, quote, start, end) if side is not None]


def context_score(text: str, quote: Quote, start: int, end: int) -> float:
    """How well the text around [start, end) agrees with the quote's context (0..100); sides with
    no stored context are left out, and with none stored at all the score is a neutral 50."""
    known = known_sides(text, quote, start, end)
    return sum(known) / len(known) if known else 50.0


def context_agrees(text: str, quote: Quote, start: int, end: int) -> bool:
    """True when the context vouches for this place: the known sides fairly well on average, or
    one of them well. With no context stored, nothing speaks against a place: True."""
    known = known_sides(text, quote, start, end)
    if not known:
        return True
    return sum(known) / len(known) >= CONTEXT_THRESHOLD or max(known) >= ONE_SIDE_THRESHOLD


def context_gone(text: str, quote: Quote, start: int, end: int) -> bool:
    """True when every side that has stored context disagrees: the quote may be a look-alike."""
    known = known_sides(text, quote, start, end)
    return bool(known) and max(known) < CONTEXT_THRESHOLD
