"""Provides finding many literal aliases in a text at once, as whole words, leftmost and longest.

An Aho-Corasick automaton (pyahocorasick, in C) finds every occurrence of every alias in one
pass, whatever their number: 30,000 aliases are built into it in tens of milliseconds, where one
combined regular expression took over a second to compile and scanned more slowly the more
aliases it had. What the regex did by construction is done here on the occurrences found:

- a space in an alias matches any run of whitespace: the text is searched with each run as one
  space (`SpacedText`), and offsets are mapped back to the text as given;
- case-insensitive aliases are searched in a lowercased copy of the same length, with the few
  letters that Python's `re.IGNORECASE` also takes as equal (ſ and s, ς and σ ...) made equal;
- only whole words count (no word character, as `\\w` has it, just before or after), and from
  left to right the longest alias at each place wins, as `re.finditer` over an alternation
  ordered longest-first would have it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import ahocorasick

_SPACES = ("\n", "\r", "\t", "\x0b", "\x0c")
_OTHER_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
"""Whitespace (as `\\s` has it) that is not one of the ASCII ones `_SPACES` replaces."""
_RUN = re.compile(r" {2,}")


def _runs(text: str) -> tuple[list[int], list[int]]:
    """SpacedText's `starts` and `shifts` for the runs of spaces in `text`."""
    starts, shifts, removed = [], [], 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        starts.append(start - removed)
        removed += end - start - 1
        shifts.append(removed)
    return starts, shifts


class SpacedText:
    """A text with every run of whitespace as one space, and the way back to the text's offsets.

    A book is millions of characters: every step makes its one new copy with str.replace, in
    one frame that lets go of the last, so no more than two copies are alive at once (re.sub
    keeps the pieces and the result besides the text: three).
    """

    def __init__(self, text: str, replacements: tuple[tuple[str, str], ...] = ()) -> None:
        """`replacements` (one character for one, as quote marks folded) are made in the
        spaced text as well."""
        flat = text
        for space in _SPACES:  # str.replace is many times faster than translate or re.sub
            if space in flat:
                flat = flat.replace(space, " ")
        if _OTHER_SPACE.search(flat):
            flat = _OTHER_SPACE.sub(" ", flat)
        self.starts: list[int] = []
        """Where each collapsed run's one space is, in the spaced text."""
        self.shifts: list[int] = []
        """How many characters the runs up to and including each one removed."""
        self.starts, self.shifts = _runs(flat)  # (a match left in this frame would keep `flat`)
        while "  " in flat:  # each pass halves every run: a few passes at most
            flat = flat.replace("  ", " ")
        for old, new in replacements:
            if old in flat:
                flat = flat.replace(old, new)
        self.text = flat

    def original(self, offset: int) -> int:
        """The offset in the text as given of the character at `offset` in the spaced text."""
        run = bisect.bisect_left(self.starts, offset) - 1
        return offset + self.shifts[run] if run >= 0 else offset

    def original_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Spans of the spaced text, in order and not overlapping, as spans of the text as given.

        One walk along the runs, rather than a search per span: a book has tens of thousands.
        """
        if not self.starts:
            return spans
        starts, shifts, count = self.starts, self.shifts, len(self.starts)
        run, shift, mapped = 0, 0, []
        for start, end in spans:
            while run < count and starts[run] < start:
                shift = shifts[run]
                run += 1
            first = start + shift
            # A span never ends on a space, but a run may fall inside it (a wrapped name).
            while run < count and starts[run] < end - 1:
                shift = shifts[run]
                run += 1
            mapped.append((first, end - 1 + shift + 1))
        return mapped


def _same_letters() -> tuple[dict[int, int], re.Pattern | None]:
    """Lowercase letters `re.IGNORECASE` takes as equal to another (its own table), each mapped
    to the smallest of its class, and a pattern that finds any of them."""
    try:
        from re._casefix import _EXTRA_CASES  # what sre itself uses for Unicode IGNORECASE
    except ImportError:  # pragma: no cover - a Python without it: plain lowercase only
        return {}, None
    mapping: dict[int, int] = {}
    for letter, others in _EXTRA_CASES.items():
        smallest = min(letter, *others)
        for member in (letter, *others):
            if member != smallest:
                mapping[member] = smallest
    if not mapping:  # pragma: no cover
        return {}, None
    members = "".join(re.escape(chr(letter)) for letter in sorted(mapping))
    return mapping, re.compile(f"[{members}]")


_SAME_LETTER, _HAS_SAME_LETTER = _same_letters()


def fold_case(text: str) -> str:
    """`text` lowercased for case-insensitive matching, keeping its length (and so its offsets)."""
    if "\u0130" in text:  # İ is the one letter whose lowercase is two characters long
        text = text.replace("\u0130", "i")
    folded = text.lower()
    if _HAS_SAME_LETTER is not None and _HAS_SAME_LETTER.search(folded):
        folded = folded.translate(_SAME_LETTER)
    return folded


SEARCH_PIECE = 1 << 16
"""Characters searched at a time (see AliasMatcher.spans)."""


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # exactly `\w` of Python's re, for str patterns


class AliasMatcher:
    """Finds literal aliases (already normalised: single spaces) in a text, as whole words."""

    def __init__(self, aliases: Iterable[str], *, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.has_spaces = False
        self.longest = 0
        automaton = ahocorasick.Automaton()
        for alias in aliases:
            if not alias:
                continue
            key = fold_case(alias) if ignore_case else alias
            self.has_spaces = self.has_spaces or " " in key
            self.longest = max(self.longest, len(key))
            automaton.add_word(key, len(key))
        self._automaton = None
        if len(automaton):
            automaton.make_automaton()
            self._automaton = automaton

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of each match in `text`, in order, none overlapping another."""
        if self._automaton is None or not text:
            return []
        last = len(text) - 1
        overlap = self.longest - 1
        found = []
        # In pieces: the automaton copies what it searches into 4 bytes a character, which for
        # a whole book is tens of megabytes. A piece reaches `overlap` into the next, so a match
        # across the cut is found whole, in the piece its start is in.
        for cut in range(0, len(text), SEARCH_PIECE):
            piece = text[cut : cut + SEARCH_PIECE + overlap]
            if self.ignore_case:
                piece = fold_case(piece)
            for end, length in self._automaton.iter(piece):
                start = cut + end - length + 1
                end += cut
                if start >= cut + SEARCH_PIECE:
                    continue  # the next piece's
                if start > 0 and _is_word(text[start - 1]):
                    continue
                if end < last and _is_word(text[end + 1]):
                    continue
                found.append((start, -length))
        found.sort()
        kept = []
        reached = 0
        for start, negative_length in found:
            if start >= reached:
                reached = start - negative_length
                kept.append((start, reached))
        return kept
