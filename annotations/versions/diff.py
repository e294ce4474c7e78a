"""Provides the word-level diff of two versions of an article, and its summary by paragraph.

Paragraphs are matched first (by their exact text), so a long article with a few edits costs a
diff of paragraph hashes plus a word diff of the few paragraphs that changed; a paragraph removed
in one place and inserted unchanged in another is reported as moved, not as two changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

Kind = Literal["insert", "delete", "replace"]

_TOKEN = re.compile(r"\s+|[^\s]+")
_BLANK_LINES = re.compile(r"\n[ \t\f\v\r]*\n\s*")
_LINE = re.compile(r"[^\n]+")
"""Words with their punctuation (as `git diff --word-diff` splits), and the spaces between."""


@dataclass(frozen=True)
class Change:
    """One change: old[old_start:old_end] became new[new_start:new_end] (one side may be empty)."""

    kind: Kind
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    whole: bool = False
    """A whole paragraph added or removed (else a change of words inside a paragraph)."""
    moved: bool = False
    """A whole paragraph that appears unchanged elsewhere in the other version."""


@dataclass
class Summary:
    """What changed, by paragraph: "3 paragraphs edited, 1 added"."""

    edited: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0

    def __bool__(self) -> bool:
        return bool(self.edited or self.added or self.removed or self.moved)

    def describe(self) -> str:
        parts = []
        for count, word in (
            (self.edited, "edited"),
            (self.added, "added"),
            (self.removed, "removed"),
            (self.moved, "moved"),
        ):
            if count:
                noun = "paragraph" if not parts and count == 1 else "paragraphs"
                parts.append(f"{count} {noun} {word}" if not parts else f"{count} {word}")
        return ", ".join(parts) if parts else "no change"


@dataclass
class Diff:
    """The changes from `old` to `new`, in text order, and their summary."""

    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)


def blocks(text: str) -> list[tuple[int, int]]:
    """The units paragraphs are matched by: blank-line blocks (a re-wrapped line changes no
    block), or each line of a text with no blank line at all."""
    if not _BLANK_LINES.search(text):
        return [m.span() for m in _LINE.finditer(text) if m.group().strip()]
    spans, start = [], 0
    for gap in _BLANK_LINES.finditer(text):
        if text[start : gap.start()].strip():
            spans.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        end = len(text.rstrip())
        spans.append((start, end))
    return spans


def diff_texts(old: str, new: str) -> Diff:
    """The word-level changes that turn `old` into `new`."""
    result = Diff(old, new)
    old_paras = blocks(old)
    new_paras = blocks(new)
    old_keys = [old[s:e] for s, e in old_paras]
    new_keys = [new[s:e] for s, e in new_paras]
    removed_texts = set(old_keys) - set(new_keys)
    added_texts = set(new_keys) - set(old_keys)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pending_moves: list[tuple[Change, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = _pair_similar(old_keys, i1, i2, new_keys, j1, j2)
        paired_old = {i for i, _ in pairs}
        paired_new = {j for _, j in pairs}
        for i, j in pairs:  # an edit inside each, shown word by word
            (os_, oe), (ns, ne) = old_paras[i], new_paras[j]
            words = _word_changes(old, os_, oe, new, ns, ne)
            if words:
                result.summary.edited += 1
                result.changes.extend(words)
        for index in range(i1, i2):
            if index in paired_old:
                continue
            start, end = old_paras[index]
            anchor = _anchor(index, pairs, new_paras, j1, len(new))
            change = Change("delete", start, end, anchor, anchor, whole=True)
            pending_moves.append((change, old_keys[index]))
        for index in range(j1, j2):
            if index in paired_new:
                continue
            start, end = new_paras[index]
            flipped = [(j, i) for i, j in pairs]
            anchor = _anchor(index, flipped, old_paras, i1, len(old))
            change = Change("insert", anchor, anchor, start, end, whole=True)
            pending_moves.append((change, new_keys[index]))
    for change, text in pending_moves:
        moved = (change.kind == "delete" and text not in removed_texts) or (
            change.kind == "insert" and text not in added_texts
        )
        if moved:
            change = Change(**{**change.__dict__, "moved": True})
            if change.kind == "insert":
                result.summary.moved += 1
        elif change.kind == "insert":
            result.summary.added += 1
        else:
            result.summary.removed += 1
        result.changes.append(change)
    result.changes.sort(key=lambda c: (c.new_start, c.kind != "delete", c.old_start))
    return result


SIMILAR = 0.5
"""Paragraphs sharing at least this share of their words are one paragraph edited."""
LOOKAHEAD = 20
"""How far ahead a changed paragraph looks for its edited self (bounds the work on big edits)."""


def _pair_similar(
    old_keys: list[str], i1: int, i2: int, new_keys: list[str], j1: int, j2: int
) -> list[tuple[int, int]]:
    """Which old and new paragraphs of a changed block are the same paragraph edited, in order."""
    pairs = []
    j = j1
    for i in range(i1, i2):
        old_words = old_keys[i].split()
        for candidate in range(j, min(j2, j + LOOKAHEAD)):
            matcher = SequenceMatcher(None, old_words, new_keys[candidate].split(), autojunk=False)
            if matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
                pairs.append((i, candidate))
                j = candidate + 1
                break
    return pairs


def _anchor(
    index: int,
    pairs: list[tuple[int, int]],
    paras: list[tuple[int, int]],
    first: int,
    length: int,
) -> int:
    """Where in the other text a paragraph added or removed stands: after the one kept before it.

    `pairs` are (this side, other side) indices; `paras` and `length` are the other side's.
    """
    before = [j for i, j in pairs if i < index]
    j = before[-1] + 1 if before else first
    return paras[j][0] if j < len(paras) else length


def _word_changes(old: str, os_: int, oe: int, new: str, ns: int, ne: int) -> list[Change]:
    """The word-level changes inside one paragraph pair, in offsets of the whole texts."""
    old_tokens = [m.span() for m in _TOKEN.finditer(old, os_, oe)]
    new_tokens = [m.span() for m in _TOKEN.finditer(new, ns, ne)]
    # Runs of whitespace compare equal whatever they are: a re-wrapped line is no edit.
    old_words = [" " if old[s].isspace() else old[s:e] for s, e in old_tokens]
    new_words = [" " if new[s].isspace() else new[s:e] for s, e in new_tokens]
    changes = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        o_start = old_tokens[i1][0] if i1 < len(old_tokens) else oe
        o_end = old_tokens[i2 - 1][1] if i2 > i1 else o_start
        n_start = new_tokens[j1][0] if j1 < len(new_tokens) else ne
        n_end = new_tokens[j2 - 1][1] if j2 > j1 else n_start
        kind: Kind = "replace" if tag == "replace" else tag  # type: ignore[assignment]
        changes.append(Change(kind, o_start, o_end, n_start, n_end))
    return changes


def word_diff_lines(diff: Diff, *, colour: bool = False) -> str:
    """The new text with changes marked, as `git diff --word-diff` does: [-old-]{+new+}.

    With `colour`, deletions are red and insertions green (ANSI), without the brackets. A
    paragraph removed stands where it was, as a paragraph of its own.
    """

    def removed(text: str) -> str:
        return f"\x1b[31m{text}\x1b[0m" if colour else f"[-{text}-]"

    def added(text: str) -> str:
        return f"\x1b[32m{text}\x1b[0m" if colour else f"{{+{text}+}}"

    out: list[str] = []
    position = 0
    new, old = diff.new, diff.old
    for change in diff.changes:
        if change.new_start < position:
            continue
        out.append(new[position : change.new_start])
        moved = " (moved)" if change.moved else ""
        if change.old_end > change.old_start:
            out.append(removed(old[change.old_start : change.old_end]) + moved)
            if change.whole:
                out.append("\n\n")
        if change.new_end > change.new_start:
            out.append(added(new[change.new_start : change.new_end]) + moved)
        position = change.new_end
    out.append(new[position:])
    return "".join(out)
