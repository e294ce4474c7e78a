"""Provides the article cut into pieces for an export that shows the text with its notes.

Each paragraph becomes a list of pieces: runs of text covered by the same notes, cut wherever a
note starts or ends (notes may overlap, and may cross paragraphs) or a marker is wanted (a card's
first mention), with the labels of what ends there. Markdown and HTML both draw from this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(slots=True)
class Piece:
    """text[start:end] of one paragraph, with the notes covering it."""

    start: int
    end: int
    covering: tuple[int, ...] = ()
    """Numbers of the notes covering this piece, in the order they start."""
    ending: tuple[int, ...] = ()
    """Numbers of the notes whose last piece this is."""
    markers: tuple[str, ...] = ()
    """Markers asked for at this piece's end (after the notes ending here)."""


def pieces(
    paragraphs: Iterable[tuple[int, int]],
    spans: list[tuple[int, int, int]],
    markers: dict[int, list[str]] | None = None,
) -> list[list[Piece]]:
    """The pieces of each paragraph. `spans` are (start, end, number) of the notes; `markers`
    are labels wanted after an offset (an offset between paragraphs gets none)."""
    markers = markers or {}
    ordered = sorted(spans)
    result: list[list[Piece]] = []
    last_piece: dict[int, Piece] = {}
    active: list[tuple[int, int, int]] = []
    marks = sorted(markers)
    next_span = next_mark = 0
    for p_start, p_end in paragraphs:
        while next_span < len(ordered) and ordered[next_span][0] < p_end:
            active.append(ordered[next_span])
            next_span += 1
        if active:
            active = [span for span in active if span[1] > p_start]
        if not active and (next_mark >= len(marks) or marks[next_mark] > p_end):
            result.append([Piece(p_start, p_end)])  # most paragraphs: no note, no marker
            continue
        cuts = {p_start, p_end}
        for start, end, _ in active:
            cuts.update(point for point in (start, end) if p_start < point < p_end)
        while next_mark < len(marks) and marks[next_mark] <= p_end:
            if marks[next_mark] > p_start:
                cuts.add(marks[next_mark])
            next_mark += 1
        row: list[Piece] = []
        points = sorted(cuts)
        for start, end in zip(points, points[1:], strict=False):
            covering = tuple(n for s, e, n in active if s <= start and e >= end)
            piece = Piece(start, end, covering)
            for number in covering:
                last_piece[number] = piece
            row.append(piece)
        result.append(row)
    for number, piece in sorted(last_piece.items()):
        piece.ending += (number,)
    if markers:
        for row in result:
            for piece in row:
                if piece.end in markers:
                    piece.markers = tuple(markers[piece.end])
    return result
