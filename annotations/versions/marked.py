"""Provides marked_text: one version of an article with the changes of a diff marked in it.

The changes view shows either the text as it is now, with what was removed put back where it
stood (marked as removed) and what was added marked as added, or the old text with what was
later removed marked. `stops` are where each change begins, for `n` and `N`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from annotations.versions.diff import Diff

Side = Literal["new", "old"]


@dataclass
class Marked:
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, "added" | "removed") in `text`, in order."""
    stops: list[int] = field(default_factory=list)
    """Where each change begins in `text`, in order."""


def marked_text(diff: Diff, side: Side = "new") -> Marked:
    if side == "old":
        return _old_side(diff)
    out: list[str] = []
    marked = Marked("")
    length = position = 0
    for change in diff.changes:  # in new-text order
        if change.new_start < position:
            continue
        piece = diff.new[position : change.new_start]
        out.append(piece)
        length += len(piece)
        marked.stops.append(length)
        removed = diff.old[change.old_start : change.old_end]
        if removed:
            out.append(removed)
            marked.spans.append((length, length + len(removed), "removed"))
            length += len(removed)
            if change.whole:  # a removed paragraph stands as a paragraph of its own
                out.append("\n\n")
                length += 2
        added = diff.new[change.new_start : change.new_end]
        if added:
            out.append(added)
            marked.spans.append((length, length + len(added), "added"))
            length += len(added)
        position = change.new_end
    out.append(diff.new[position:])
    marked.text = "".join(out)
    return marked


def _old_side(diff: Diff) -> Marked:
    marked = Marked(diff.old)
    for change in sorted(diff.changes, key=lambda c: (c.old_start, c.old_end)):
        if not marked.stops or change.old_start != marked.stops[-1]:
            marked.stops.append(change.old_start)  # an addition where a removal is: one stop
        if change.old_end > change.old_start:
            marked.spans.append((change.old_start, change.old_end, "removed"))
    return marked
