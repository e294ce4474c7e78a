"""Provides quoting and re-anchoring: placing each note in the current text by its quote.

As Hypothesis does, a note is found by its quote (exact, prefix, suffix), its position only a
hint. The exact quote nearest the hint wins, ranked by how well the text around it agrees with
the prefix and suffix; an exact quote whose context is gone on both sides is only offered as
"approximate". Failing that, a close match (rapidfuzz) is offered as "approximate" for the user
to confirm: at least 90% similar with its context agreeing, or at least 75% similar where the
text on both sides is all there (a word changed in a short quote). Otherwise the note is an
orphan: it is never moved onto a look-alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotations.notes.alignment import align
from annotations.notes.context import (
    CONTEXT_THRESHOLD,
    ONE_SIDE_THRESHOLD,
    context_agrees,
    context_gone,
    context_score,
    context_sides,
    fuzz,
    known_sides,
)
from annotations.notes.model import Note, Placement, Quote

__all__ = [
    "CONTEXT_THRESHOLD",
    "ONE_SIDE_THRESHOLD",
    "anchor",
    "context_agrees",
    "context_gone",
    "context_sides",
    "make_quote",
    "place_notes",
    "reanchor_all",
]


CONTEXT = 32
"""Characters of prefix and suffix kept with each quote (as Hypothesis does)."""
QUOTE_THRESHOLD = 90.0
"""An approximate match must be at least this similar to the quote (0 to 100)."""
SUPPORTED_THRESHOLD = 75.0
"""A lesser match is offered only where the context vouches for it: every stored side agrees at
least SUPPORTED_CONTEXT (a word changed in a 39-character quote leaves it about 85% similar)."""
SUPPORTED_CONTEXT = 90.0
MIN_APPROXIMATE = 10
"""Quotes shorter than this need their context to vouch for a close match: in a short quote one
changed letter may make a new word."""
UNIQUE_IDENTITY = 8
"""A quote this long found exactly once in the text is placed there even if its context changed."""
_WINDOWS = (2_048, 65_536)
"""Exact search looks this far around the hint before scanning the whole text."""
_MAX_CANDIDATES = 5_000
"""A quote occurring more often than this (a common word) is only ranked near its hint."""


def make_quote(text: str, start: int, end: int, context: int = CONTEXT) -> Quote:
    """The quote for text[start:end], with up to `context` characters on each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad range {start}..{end} for a text of {len(text)} characters")
    return Quote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def _exact_at(text: str, quote: Quote, start: int, unique: bool) -> Placement | None:
    """The exact quote at `start`, as exact; with its context gone on both sides, offered as
    approximate when it is the only, long enough, occurrence, else refused (a look-alike)."""
    end = start + len(quote.exact)
    agreement = round(context_score(text, quote, start, end), 2)
    if not context_gone(text, quote, start, end):
        return Placement(start, end, "exact", agreement)
    if unique and len(quote.exact) >= UNIQUE_IDENTITY:
        return Placement(start, end, "approximate", round((100.0 + agreement) / 2, 2))
    return None


def _context_exact(text: str, quote: Quote, start: int, end: int) -> bool:
    """True when the prefix and suffix are exactly there: the cheap test for an unmoved note."""
    return text.endswith(quote.prefix, 0, start) and text.startswith(quote.suffix, end)


def anchor(text: str, quote: Quote, hint_start: int, *, guess: int | None = None) -> Placement:
    """Place `quote` in `text`, near `hint_start` (or near `guess`, a likely shifted start)."""
    exact = quote.exact
    if not exact:
        return Placement.orphan()
    size = len(exact)
    spots = [spot for spot in (guess, hint_start) if spot is not None and spot >= 0]
    # The common cases first, each a couple of string comparisons: the note did not move, or it
    # moved by the same amount as the note before it.
    for spot in spots:
        if text.startswith(exact, spot) and _context_exact(text, quote, spot, spot + size):
            return Placement(spot, spot + size, "exact")
    found = _best_exact(text, quote, spots[0] if spots else 0, spots)
    if found is not None:
        return found
    return _approximate(text, quote, spots or [0])


def _occurrences(text: str, exact: str, lo: int, hi: int, limit: int) -> list[int]:
    """Starts of `exact` within text[lo:hi], at most `limit` of them, by str.find (fast C)."""
    starts: list[int] = []
    position = text.find(exact, lo, hi)
    while position >= 0 and len(starts) < limit:
        starts.append(position)
        position = text.find(exact, position + 1, hi)
    return starts


def _best_exact(text: str, quote: Quote, around: int, spots: list[int]) -> Placement | None:
    """The exact occurrence that best agrees with the context, searching outward from the hint.

    An occurrence whose context is all there wins at once (the nearest such); failing that, the
    quote standing at the hint itself; failing that, every occurrence is ranked, and a look-alike
    (context gone, and the quote short or repeated) is refused.
    """
    exact = quote.exact
    size = len(exact)
    for reach in _WINDOWS:
        lo, hi = max(0, around - reach), min(len(text), around + size + reach)
        starts = _occurrences(text, exact, lo, hi, _MAX_CANDIDATES)
        perfect = [s for s in starts if _context_exact(text, quote, s, s + size)]
        if perfect:
            start = min(perfect, key=lambda s: (abs(s - around), s))
            return Placement(start, start + size, "exact")
        for spot in spots:
            if text.startswith(exact, spot) and not context_gone(text, quote, spot, spot + size):
                agreement = round(context_score(text, quote, spot, spot + size), 2)
                return Placement(spot, spot + size, "exact", agreement)
        if lo == 0 and hi == len(text):
            break
    every = _occurrences(text, exact, 0, len(text), _MAX_CANDIDATES)
    if not every:
        return None
    unique = len(every) == 1 and size >= UNIQUE_IDENTITY
    if len(every) == 1 and context_gone(text, quote, every[0], every[0] + size):
        return _exact_at(text, quote, every[0], unique=True)
    if len(every) >= _MAX_CANDIDATES:
        reach = _WINDOWS[-1]
        every = _occurrences(text, exact, max(0, around - reach), around + reach, 1000)
    return _rank(text, quote, every, around, accept_any=unique)


def _rank(
    text: str, quote: Quote, starts: list[int], hint: int, accept_any: bool
) -> Placement | None:
    """The best of `starts`: context agreement first, then nearness to the hint."""
    size = len(quote.exact)
    best: tuple[float, int] | None = None
    best_start = -1
    for start in starts:
        if not accept_any and not context_agrees(text, quote, start, start + size):
            continue
        agreement = context_score(text, quote, start, start + size)
        distance = abs(start - hint)
        # Distance only breaks near-ties: context is the stronger evidence of the right place.
        key = (agreement - 10.0 * distance / max(len(text), 1), -distance)
        if best is None or key > best:
            best, best_start = key, start
    if best is None:
        return None
    return _exact_at(text, quote, best_start, unique=accept_any)


def _approximate(text: str, quote: Quote, spots: list[int]) -> Placement:
    """A close match near a likely place, or an orphan. Never a look-alike elsewhere."""
    exact = quote.exact
    best: Placement | None = None
    for center in _likely_places(text, quote, spots):
        found = align(text, quote, center)
        if found is None:
            continue
        start, end = found
        # The cutoff lets rapidfuzz stop early, which keeps long quotes cheap.
        similarity = fuzz().ratio(exact, text[start:end], score_cutoff=SUPPORTED_THRESHOLD)
        if not similarity or not _close_enough(text, quote, start, end, similarity):
            continue
        agreement = context_score(text, quote, start, end)
        score = round(min(similarity, (similarity + agreement) / 2), 2)
        if best is None or score > best.score:
            best = Placement(start, end, "approximate", score)
    return best or Placement.orphan()


def _close_enough(text: str, quote: Quote, start: int, end: int, similarity: float) -> bool:
    """The rule for an approximate place: close and not contradicted, or less close and vouched
    for by all the context there is."""
    if similarity >= QUOTE_THRESHOLD and len(quote.exact) >= MIN_APPROXIMATE:
        return context_agrees(text, quote, start, end)
    known = known_sides(text, quote, start, end)
    return bool(known) and min(known) >= SUPPORTED_CONTEXT


def _likely_places(text: str, quote: Quote, spots: list[int]) -> list[int]:
    """The hint, the shifted guess, and where the prefix or suffix still stands near them."""
    around = spots[0]
    places = list(spots)
    lo, hi = max(0, around - _WINDOWS[-1]), min(len(text), around + _WINDOWS[-1])
    prefix_tail = quote.prefix[-16:]
    if len(prefix_tail) >= 8:
        places += [s + len(prefix_tail) for s in _occurrences(text, prefix_tail, lo, hi, 50)]
    suffix_head = quote.suffix[:16]
    if len(suffix_head) >= 8:
        places += [s - len(quote.exact) for s in _occurrences(text, suffix_head, lo, hi, 50)]
    return sorted(set(places), key=lambda p: (abs(p - around), p))[:20]


def reanchor_all(
    text: str, notes: Iterable[Note], *, trusted: bool = False
) -> dict[str, Placement]:
    """Place every note; `trusted` when the notes were made on this very text (same sha256).

    Notes are visited in position order and each one's shift is guessed from the last one placed,
    so an edit near the start of a long text costs one comparison per later note, not a search.
    """
    placements: dict[str, Placement] = {}
    shift = 0
    for note in sorted(notes, key=lambda n: (n.start, n.end, n.id)):
        exact = note.quote.exact
        if trusted and note.end - note.start == len(exact) and text.startswith(exact, note.start):
            placement = Placement(note.start, note.end, "exact")
        else:
            placement = anchor(text, note.quote, note.start, guess=note.start + shift)
        if placement.state == "exact" and placement.start is not None:
            shift = placement.start - note.start
        placements[note.id] = placement
    return placements


def place_notes(
    text: str, notes: Iterable[Note], *, trusted: bool = False
) -> tuple[dict[str, Note], dict[str, Placement]]:
    """Place notes, moving each placed note's position hint to where it now stands."""
    notes = list(notes)
    placements = reanchor_all(text, notes, trusted=trusted)
    placed: dict[str, Note] = {}
    for note in notes:
        where = placements[note.id]
        placed[note.id] = note.moved(where.start, where.end) if where.placed else note
    return placed, placements
