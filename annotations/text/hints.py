"""Provides jump-hint labels: short, prefix-free letter strings for the targets on screen.

As Vimium does, every target gets a label typed to jump there. No label is a prefix of another,
so a label is chosen the moment its last letter is typed; as many labels as possible are a single
letter, and no label is longer than the number of targets needs.
"""

from __future__ import annotations

from collections.abc import Sequence

HINT_LETTERS = "asdfjklgh"
"""The home row, the keys under the fingers first (g and h need a stretch of the index finger)."""


def hint_labels(count: int, letters: str = HINT_LETTERS) -> list[str]:
    """`count` distinct, prefix-free labels over `letters`, the shortest first.

    With k letters and n > k targets, the labels are L or L-1 letters long, L the least length
    with k**L >= n. Each (L-1)-letter prefix is either a label or the start of k longer ones; the
    first s prefixes stay labels, s as large as leaves room for the rest:
    s + (k**(L-1) - s) * k >= n, so s = (k**L - n) // (k - 1).
    """
    if count <= 0:
        return []
    if len(set(letters)) != len(letters) or len(letters) < 2:
        raise ValueError(f"hint letters must be two or more distinct letters, not {letters!r}")
    size = len(letters)
    length = 1
    while size**length < count:
        length += 1
    if length == 1:
        return list(letters[:count])
    prefixes = _all_of_length(letters, length - 1)
    short = (size**length - count) // (size - 1)
    longer = [prefix + letter for prefix in prefixes[short:] for letter in letters]
    return prefixes[:short] + longer[: count - short]


def _all_of_length(letters: str, length: int) -> list[str]:
    """Every string of `length` letters, in the order of `letters`."""
    found = [""]
    for _ in range(length):
        found = [start + letter for start in found for letter in letters]
    return found


def matching(labels: Sequence[str], typed: str) -> list[str]:
    """The labels that begin with what was typed so far (case does not matter)."""
    typed = typed.lower()
    return [label for label in labels if label.startswith(typed)]
