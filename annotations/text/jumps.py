"""Provides JumpList: where the cursor was before the last jump, for `''` to go back to.

A jump is a move the user makes to somewhere else in the text at once (a search, a hint, a
mark, the top or the bottom, a name chosen from a list), as opposed to moving over the text. As
in vim, going back is itself a jump, so `''` twice returns to where it started.
"""

from __future__ import annotations


class JumpList:
    """The origin of the last jump, as an offset into the article text."""

    def __init__(self) -> None:
        self.origin: int | None = None
        """Where the cursor was before the last jump; None before the first one."""

    def record(self, origin: int, target: int) -> None:
        """A jump from `origin` to `target`; a "jump" that stays put is not one."""
        if origin != target:
            self.origin = origin

    def back(self, current: int) -> int | None:
        """Where `''` goes from `current` (and remember `current` for the next `''`), or None."""
        origin = self.origin
        if origin is None:
            return None
        self.origin = current if current != origin else self.origin
        return origin
