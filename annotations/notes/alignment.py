"""Provides where a quote most nearly stands in a text: rough alignment, then exact ends.

A quote up to 256 characters is aligned whole (rapidfuzz, windows the quote's length) and its
ends then moved to allow for words inserted or deleted inside it; a longer one is found by pieces
from either end. The caller checks the span whole against its thresholds.
"""

from __future__ import annotations

from annotations.notes.context import context_score, fuzz
from annotations.notes.model import Quote

_ALIGN_CUTOFF = 75.0
"""Windows the length of the quote are searched down to this similarity: a span 90% similar as a
whole, with up to a fifth of it inserted or deleted, still has such a window (about 78%)."""
NEAR = 256
"""Approximate search looks this far around each likely place."""
_LONG = 256
"""Quotes longer than this are matched approximately by their two ends, then checked whole."""
_END = 64
"""How much of each end of a long quote is looked for."""


def align(text: str, quote: Quote, center: int) -> tuple[int, int] | None:
    """Where the quote most nearly stands around `center`, or None; checked whole by the caller."""
    exact = quote.exact
    size = len(exact)
    if size <= _LONG:
        found = _closest(text, exact, center - NEAR - size // 2, center + size + NEAR + size // 2)
        return None if found is None else _refine(text, quote, *found)
    # Aligning a long quote whole costs its length squared; its two ends are found instead, the
    # end as far from the start as a span still similar enough to the quote may be.
    start = _long_start(text, exact, center)
    if start is None:
        return None
    end = _long_end(text, exact, start)
    if end is None or end <= start:
        return None
    return _trim(text, exact, start, end)


_PIECES = 4
"""How many pieces from each end of a long quote are tried, when words changed in the first."""


def _long_start(text: str, exact: str, center: int) -> int | None:
    """Where a long quote starts near `center`: found by its first piece, or where that was
    rewritten by a later one, from which the start is worked back by similarity."""
    for offset in range(0, min(len(exact) // 2, _END * _PIECES), _END):
        reach = NEAR + offset // 4
        found = _closest(text, exact[offset : offset + _END], center + offset - reach,
                         center + offset + _END + reach)  # fmt: skip
        if found is None:
            continue
        if offset == 0:
            return found[0]
        lead, guess, slack = exact[: offset + _END], found[0] - offset, offset // 4 + 2
        starts = range(max(0, guess - slack), max(0, guess + slack) + 1)
        return max(starts, key=lambda s: fuzz().ratio(lead, text[s : found[1]]))
    return None


def _long_end(text: str, exact: str, start: int) -> int | None:
    """Where a long quote that starts at `start` ends: as `_long_start`, from the other end."""
    size, drift = len(exact), len(exact) // 4 + NEAR
    for offset in range(0, min(size // 2, _END * _PIECES), _END):
        piece = exact[size - offset - _END : size - offset]
        expected = start + size - offset
        found = _closest(text, piece, expected - drift - _END, expected + drift)
        if found is None:
            continue
        if offset == 0:
            return found[1]
        trail, guess, slack = exact[size - offset - _END :], found[1] + offset, offset // 4 + 2
        ends = range(max(found[0] + 1, guess - slack), min(len(text), guess + slack) + 1)
        return max(ends, key=lambda e: fuzz().ratio(trail, text[found[0] : e]), default=None)
    return None


def _closest(text: str, piece: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of text[lo:hi] most like `piece`, if similar enough (rapidfuzz, in C++)."""
    lo, hi = max(0, lo), min(len(text), hi)
    if hi <= lo:
        return None
    found = fuzz().partial_ratio_alignment(piece, text[lo:hi], score_cutoff=_ALIGN_CUTOFF)
    return None if found is None else (lo + found.dest_start, lo + found.dest_end)


def _refine(text: str, quote: Quote, start: int, end: int) -> tuple[int, int]:
    """Move the ends of an alignment of a short quote to where the match is best.

    partial_ratio aligns a window as long as the quote; when words were added or removed inside
    the quote, the true span is longer or shorter, so each end is nudged to maximise similarity,
    as far as a span still 90% similar may differ in length (a fifth of the quote, and a bit).
    The context counts as much as the quote: "Putin" misspelt "Putni" is all of "Putni", though
    "Putn" alone is more like "Putin".
    """
    exact = quote.exact
    slack = max(2, len(exact) // 4 + 1)
    size = len(exact)

    def score(s: int, e: int) -> tuple[float, int]:
        similarity = fuzz().ratio(exact, text[s:e]) + context_score(text, quote, s, e)
        return (similarity, -abs((e - s) - size))

    def best_end(s: int, lo: int, hi: int) -> int:
        lo, hi = max(s + 1, lo - slack), min(len(text), hi + slack)
        return max(range(lo, max(lo, hi) + 1), key=lambda e: score(s, e))

    # The alignment may be cut short at either end: its end and the quote's length both guide.
    end = best_end(start, min(end, start + size), max(end, start + size))
    start = max(range(max(0, start - slack), min(end, start + slack)), key=lambda s: score(s, end))
    end = best_end(start, end, end)
    return _whole_words(text, quote, *_trim(text, exact, start, end), slack)


def _whole_words(text: str, quote: Quote, start: int, end: int, slack: int) -> tuple[int, int]:
    """Widen a match to whole words where the quote itself began or ended a word: "Sochi" spelt
    "Sochy" is all of "Sochy", though "Soch" alone is more like "Sochi"."""
    exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
    if exact[0].isalnum() and not prefix[-1:].isalnum():
        lowest = max(0, start - slack)
        while start > lowest and text[start - 1].isalnum():
            start -= 1
    if exact[-1].isalnum() and not suffix[:1].isalnum():
        highest = min(len(text), end + slack)
        while end < highest and text[end].isalnum():
            end += 1
    return start, end


def _trim(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace a match picked up at either end, unless the quote has it too."""
    if not exact[0].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not exact[-1].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end
