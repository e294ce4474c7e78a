"""Provides quoting and re-anchoring: placing each note in the current text by its quote.

As Hypothesis does, a note is found by its quote (exact, prefix, suffix), its position only a
hint. The exact quote nearest the hint wins, ranked by how well the text around it agrees with
the prefix and suffix. Failing that, a close match (rapidfuzz) above a strict threshold, with its
context agreeing too, is offered as "approximate" for the user to confirm. Otherwise the note is
an orphan: it is never moved onto a look-alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotations.notes.model import Note, Placement, Quote


def _fuzz():
    """rapidfuzz's scorers, imported only when a note has to be placed approximately."""
    from rapidfuzz import fuzz

    return fuzz


CONTEXT = 32
"""Characters of prefix and suffix kept with each quote (as Hypothesis does)."""
QUOTE_THRESHOLD = 90.0
"""An approximate match must be at least this similar to the quote (0 to 100)."""
CONTEXT_THRESHOLD = 50.0
"""The text around a match must agree at least this well with the stored prefix and suffix..."""
ONE_SIDE_THRESHOLD = 75.0
"""...or this well on one side, as when the text on the other side was rewritten or cut."""
MIN_APPROXIMATE = 10
"""Quotes shorter than this are never matched approximately: one changed letter is a new word."""
UNIQUE_IDENTITY = 8
"""A quote this long found exactly once in the text is placed there even if its context changed."""
_WINDOWS = (2_048, 65_536)
"""Exact search looks this far around the hint before scanning the whole text."""
_MIN_SIDE = 8
"""Context cut short by the end of the text is compared only when this much of it remains."""
_NEAR = 256
"""Approximate search looks this far around each likely place."""
_LONG = 256
"""Quotes longer than this are matched approximately by their two ends, then checked whole."""
_END = 64
"""How much of each end of a long quote is looked for."""
_MAX_CANDIDATES = 5_000
"""A quote occurring more often than this (a common word) is only ranked near its hint."""


def make_quote(text: str, start: int, end: int, context: int = CONTEXT) -> Quote:
    """The quote for text[start:end], with up to `context` characters on each side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad range {start}..{end} for a text of {len(text)} characters")
    return Quote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def context_sides(text: str, quote: Quote, start: int, end: int) -> tuple[float, float]:
    """How well the text before and after [start, end) agrees with the prefix and suffix (0..100).

    Near either end of the text only what is there is compared (when there is enough of it to
    mean something). An empty prefix (a quote at the very start) agrees only with the start of the
    text, so that it can't vouch for an occurrence elsewhere; likewise an empty suffix.
    """
    return (
        _side(
            quote.prefix[::-1], text[max(0, start - len(quote.prefix)) : start][::-1], start == 0
        ),
        _side(quote.suffix, text[end : end + len(quote.suffix)], end == len(text)),
    )


def _side(stored: str, actual: str, at_edge: bool) -> float:
    """Agreement of one side, both read outward from the quote."""
    if not stored:
        return 100.0 if at_edge else 0.0
    if len(actual) < len(stored) and len(actual) >= _MIN_SIDE:
        # The text ends here: compare with as much of the stored context as fits.
        stored = stored[: len(actual)]
    return _fuzz().ratio(stored, actual)


def context_score(text: str, quote: Quote, start: int, end: int) -> float:
    """How well the text on both sides of [start, end) agrees with the quote's context (0..100)."""
    before, after = context_sides(text, quote, start, end)
    return (before + after) / 2


def context_agrees(text: str, quote: Quote, start: int, end: int) -> bool:
    """True when the context vouches for this place: both sides fairly well, or one side well."""
    before, after = context_sides(text, quote, start, end)
    return (before + after) / 2 >= CONTEXT_THRESHOLD or max(before, after) >= ONE_SIDE_THRESHOLD


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
            if text.startswith(exact, spot):
                agreement = round(context_score(text, quote, spot, spot + size), 2)
                return Placement(spot, spot + size, "exact", agreement)
        if lo == 0 and hi == len(text):
            break
    every = _occurrences(text, exact, 0, len(text), _MAX_CANDIDATES)
    if not every:
        return None
    unique = len(every) == 1 and size >= UNIQUE_IDENTITY
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
    return Placement(best_start, best_start + size, "exact", round(max(best[0], 0.0), 2))


def _approximate(text: str, quote: Quote, spots: list[int]) -> Placement:
    """A close match near a likely place, or an orphan. Never a look-alike elsewhere."""
    exact = quote.exact
    if len(exact) < MIN_APPROXIMATE:
        return Placement.orphan()
    best: Placement | None = None
    for center in _likely_places(text, quote, spots):
        found = _align(text, exact, center)
        if found is None:
            continue
        start, end = found
        # The cutoff lets rapidfuzz stop early, which keeps long quotes cheap.
        similarity = _fuzz().ratio(exact, text[start:end], score_cutoff=QUOTE_THRESHOLD)
        if not similarity or not context_agrees(text, quote, start, end):
            continue
        agreement = context_score(text, quote, start, end)
        score = round(min(similarity, (similarity + agreement) / 2), 2)
        if best is None or score > best.score:
            best = Placement(start, end, "approximate", score)
    return best or Placement.orphan()


def _align(text: str, exact: str, center: int) -> tuple[int, int] | None:
    """Where `exact` most nearly stands around `center`, or None; checked whole by the caller."""
    size = len(exact)
    if size <= _LONG:
        found = _closest(text, exact, center - _NEAR - size // 2, center + size + _NEAR + size // 2)
        return None if found is None else _refine(text, exact, *found)
    # Aligning a long quote whole costs its length squared; its two ends are found instead, the
    # end as far from the start as a span still similar enough to the quote may be.
    head = _closest(text, exact[:_END], center - _NEAR, center + _END + _NEAR)
    if head is None:
        return None
    drift = size // 4 + _NEAR
    tail = _closest(text, exact[-_END:], head[0] + size - drift - _END, head[0] + size + drift)
    if tail is None or tail[1] <= head[0]:
        return None
    return _trim(text, exact, head[0], tail[1])


def _closest(text: str, piece: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of text[lo:hi] most like `piece`, if similar enough (rapidfuzz, in C++)."""
    lo, hi = max(0, lo), min(len(text), hi)
    if hi <= lo:
        return None
    found = _fuzz().partial_ratio_alignment(piece, text[lo:hi], score_cutoff=QUOTE_THRESHOLD)
    return None if found is None else (lo + found.dest_start, lo + found.dest_end)


def _refine(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of an alignment of a short quote to where the match is best.

    partial_ratio aligns a window as long as the quote; when words were added or removed inside
    the quote, the true span is longer or shorter, so each end is nudged to maximise similarity.
    """
    slack = max(2, len(exact) // 5)

    def score(s: int, e: int) -> tuple[float, int]:
        return (_fuzz().ratio(exact, text[s:e]), -abs((e - s) - len(exact)))

    end = max(
        range(max(start + 1, end - slack), min(len(text), end + slack) + 1),
        key=lambda e: score(start, e),
    )
    start = max(range(max(0, start - slack), min(end, start + slack)), key=lambda s: score(s, end))
    return _trim(text, exact, start, end)


def _trim(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace a match picked up at either end, unless the quote has it too."""
    if not exact[0].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not exact[-1].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


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
