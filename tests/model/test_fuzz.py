"""Fuzzing the loaders and re-anchoring with Hypothesis (bounded; fuzz/ has the long atheris run).

Any input to `load_yaml`, `parse_cards` or `parse_notes` ends in a result or an AnnotationError
whose text is safe to print; `anchor` and `reanchor_all` always give a valid placement. Inputs
are YAML documents built from the formats' own keys and from values YAML reads in surprising
ways, valid files with random damage, and raw bytes decoded as the loaders decode a file.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from annotations import builtin, files
from annotations.cards.load import parse_cards
from annotations.errors import AnnotationError
from annotations.notes.anchoring import (
    MIN_APPROXIMATE,
    QUOTE_THRESHOLD,
    SUPPORTED_THRESHOLD,
    UNIQUE_IDENTITY,
    anchor,
    reanchor_all,
)
from annotations.notes.context import known_sides
from annotations.notes.file import parse_notes
from annotations.notes.model import Note, Quote, new_id
from annotations.yaml.loader import load_yaml

DATA = Path(__file__).parents[1] / "data"
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [
    "version",
    "cards",
    "article",
    "notes",
    "id",
    "title",
    "kind",
    "summary",
    "body",
    "aliases",
    "quotes",
    "see_also",
    "as_of",
    "sources",
    "erratum",
    "case_sensitive",
    "exact",
    "prefix",
    "suffix",
    "url",
    "published",
    "source",
    "quote",
    "position",
    "start",
    "end",
    "note",
    "tags",
    "color",
    "created",
    "updated",
    "conflict",
    "sha256",
    # Keys YAML reads as something other than text, or that mean something to YAML itself.
    "<<",
    "1",
    "yes",
    "~",
    "2021-09-29",
    "'quoted'",
    '"\\e]0;t\\a"',
    "[a, b]",
    "? x",
    "&k key",
]
# Plain values as a person would type them, many of which YAML reads as something else.
VALUES = [
    "1",
    "0",
    "-1",
    "2511",
    "2534",
    "no",
    "yes",
    "off",
    "~",
    "null",
    "true",
    "1e3",
    "1.5",
    ".inf",
    "-.NaN",
    "0o17",
    "0x1F",
    "0x" + "f" * 3600,
    "0b" + "1" * 80,
    "9" * 5000,
    "12:30",
    "1:2:3:4",
    "2021-09-29",
    "2021-02-30",
    "2026-11-28T05:00:00Z",
    "2026-11-28 05:00:00",
    "person",
    "place",
    "yellow",
    "teal",
    "nato",
    "Rachel_Ellehuus",
    "https://example.org/x",
    "ftp://x",
    "01JD3Q5V8K2M4N6P7R9S0T1U2V",
    "9868a52ebf7b242bea87de073a267445" * 2,
    "'quoted'",
    "''",
    '""',
    '"esc \\e[2J \\x9b \\u202e \\x00 \\t \\r\\n end"',
    "'it''s'",
    "[]",
    "{}",
    "[a, b, c]",
    "{a: 1, b: [2, 3]}",
    "[[[[[[[[[[]]]]]]]]]]",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!!str 3",
    "!!int '7'",
    "!!float x",
    "!!timestamp 2021-13-45",
    "!!timestamp x",
    "!!int",
    "!!int '-'",
    "!!bool maybe",
    "!!set {a, b}",
    "!custom x",
    "&a value",
    "*a",
    "[@click=app.quit]x[/]",
    "a: b",
    "- item",
    "#",
    "%",
    "@",
    "`",
    "|",
    ">",
    "---",
    "...",
    "\t",
    " ",
    "\x1b]52;c;aGk=\x07",
]
scalars = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))


def _tree(children):
    return st.one_of(
        st.lists(children, max_size=4).map(lambda items: ("list", items)),
        # Pairs, not a dict: a key may repeat, as it may in a file.
        st.lists(st.tuples(keys, children), max_size=5).map(lambda pairs: ("map", pairs)),
    )


trees = st.recursive(scalars, _tree, max_leaves=25)


@st.composite
def yaml_documents(draw) -> str:
    """A YAML document in block or flow style (or both), from KEYS and VALUES."""
    flow = draw(st.sampled_from(["block", "flow", "mixed"]))
    root = draw(_tree(trees))
    return _render(root, 0, flow, draw) + "\n"


def _render(node, indent: int, style: str, draw) -> str:
    pad = " " * indent
    if isinstance(node, str):
        return node
    kind, items = node
    if style == "flow" or (style == "mixed" and draw(st.booleans())) or not items:
        if kind == "list":
            return "[" + ", ".join(_render(item, 0, "flow", draw) for item in items) + "]"
        return "{" + ", ".join(f"{k}: {_render(v, 0, 'flow', draw)}" for k, v in items) + "}"
    lines = []
    for item in items:
        key, value = item if kind == "map" else ("-", item)
        lead = f"{pad}{key}:" if kind == "map" else f"{pad}-"
        if isinstance(value, str) or style == "flow":
            lines.append(f"{lead} {_render(value, 0, 'flow', draw)}")
        else:
            lines.append(lead + "\n" + _render(value, indent + 2, style, draw))
    return "\n".join(lines)


@st.composite
def damaged(draw, path: Path) -> str:
    """A valid file with a few random insertions, deletions and replacements."""
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        insert = draw(st.one_of(st.sampled_from(VALUES + KEYS + ["\n", ": ", "- "]), st.text()))
        text = text[:at] + insert + text[at + cut :]
    return text


def ends_cleanly(parse, text: str):
    """Parse `text`: a result, or an AnnotationError whose every line is safe to print."""
    try:
        return parse(text, "fuzz.yaml")
    except AnnotationError as error:
        assert error.problems
        for line in str(error).splitlines():
            assert line.startswith("fuzz.yaml")
            assert not CONTROLS.search(line), line
            assert len(line) < 2_000
        return None


def check_cards(text: str) -> None:
    result = ends_cleanly(parse_cards, text)
    if result is not None:
        _, cards = result
        for card in cards:
            # What the card pane shows is already safe, and the one-line fields are one line.
            for shown in (card.title, card.summary, card.erratum, card.body):
                assert not CONTROLS.search(shown.replace("\n", ""))
            assert "\n" not in card.title and "\n" not in card.summary


def check_notes(text: str) -> None:
    document = ends_cleanly(parse_notes, text)
    if document is not None:
        for note in document.notes:
            assert 0 <= note.start < note.end and note.quote.exact


@FUZZ
@given(yaml_documents())
def test_any_yaml_document_loads_or_is_refused_cleanly(text):
    ends_cleanly(load_yaml, text)
    check_cards(text)
    check_notes(text)


@FUZZ
@given(st.data())
def test_damaged_cards_files_load_or_are_refused_cleanly(data):
    check_cards(data.draw(damaged(DATA / "cards" / "several_errors.yaml")))


@FUZZ
@given(st.data())
def test_damaged_valid_cards_load_or_are_refused_cleanly(data):
    check_cards(data.draw(damaged(builtin.cards_path())))


@FUZZ
@given(st.data())
def test_damaged_notes_files_load_or_are_refused_cleanly(data):
    check_notes(data.draw(damaged(DATA / "notes_valid.yaml")))


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_decode_and_load_or_are_refused_cleanly(raw):
    # As a file is read: decoded strictly as UTF-8 first, so no lone surrogate ever reaches YAML.
    try:
        text = files.decode(raw, "fuzz.yaml", what="cards")
    except AnnotationError:
        return
    ends_cleanly(load_yaml, text)
    check_cards(text)
    check_notes(text)


# Re-anchoring ---------------------------------------------------------------------------------

# A small alphabet, so quotes occur several times and near-misses are common.
texts = st.text(alphabet="ab c\n.中🎉\u0301", max_size=300)


def valid_placement(text: str, quote: Quote, placement) -> None:
    if placement.state == "orphan":
        assert placement.start is None and placement.end is None
        return
    assert 0 <= placement.start <= placement.end <= len(text)
    if placement.state == "exact":
        assert text[placement.start : placement.end] == quote.exact
    else:
        assert placement.state == "approximate"
        # Never a look-alike: at least 90% similar (never for a short quote), or at least 75%
        # where every stored side of the context agrees, or the exact quote, long and unique,
        # offered because its context is gone.
        found = text[placement.start : placement.end]
        similarity = fuzz.ratio(quote.exact, found)
        known = known_sides(text, quote, placement.start, placement.end)
        close = similarity >= QUOTE_THRESHOLD and len(quote.exact) >= MIN_APPROXIMATE
        vouched = similarity >= SUPPORTED_THRESHOLD and bool(known) and min(known) >= 90
        offered = found == quote.exact and len(found) >= UNIQUE_IDENTITY
        assert close or vouched or offered


@st.composite
def quotes_for(draw, text: str) -> tuple[Quote, int]:
    """A quote taken from `text` (perhaps then damaged) or made up, and a position hint."""
    if text and draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 60)))
        exact = text[start:end]
        if draw(st.booleans()):
            at = draw(st.integers(0, len(exact)))
            exact = exact[:at] + draw(st.text(alphabet="abx ", max_size=3)) + exact[at + 1 :]
        quote = Quote(exact or "a", text[max(0, start - 32) : start], text[end : end + 32])
        return quote, draw(st.one_of(st.just(start), st.integers(-5, len(text) + 50)))
    exact = draw(st.text(alphabet="ab c.中", min_size=1, max_size=40))
    return Quote(exact, draw(st.text(max_size=32)), draw(st.text(max_size=32))), draw(
        st.integers(-5, 400)
    )


@FUZZ
@given(text=texts, data=st.data())
def test_anchor_always_gives_a_valid_placement(text, data):
    quote, hint = data.draw(quotes_for(text))
    guess = data.draw(st.none() | st.integers(-5, len(text) + 50))
    valid_placement(text, quote, anchor(text, quote, hint, guess=guess))


@FUZZ
@given(text=texts, other=texts, data=st.data())
def test_reanchor_all_places_every_note_validly_in_an_edited_text(text, other, data):
    # Notes made on one text, placed in another (the article changed), both trusted and not.
    notes = []
    for _ in range(data.draw(st.integers(0, 6))):
        quote, hint = data.draw(quotes_for(text))
        start = max(hint, 0)
        notes.append(Note(new_id(), quote, start, start + len(quote.exact)))
    edited = text
    for _ in range(data.draw(st.integers(0, 4))):  # a few splices: near misses, approximate
        at = data.draw(st.integers(0, len(edited)))
        cut = data.draw(st.integers(0, 12))
        splice = data.draw(st.text(alphabet="abx .", max_size=12))
        edited = edited[:at] + splice + edited[at + cut :]
    for target in (text, edited, other, edited[: len(edited) // 2] + other):
        trusted = data.draw(st.booleans())
        placements = reanchor_all(target, notes, trusted=trusted)
        assert set(placements) == {note.id for note in notes}
        for note in notes:
            valid_placement(target, note.quote, placements[note.id])
