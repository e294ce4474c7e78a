"""Finding cards (title, alias, text) and notes (words, tags, passage) by what is typed, best
place first, with the words around the match."""

from __future__ import annotations

import datetime as dt

from annotations.cards.model import Card
from annotations.lookup import find_cards, find_notes
from annotations.notes.model import Note, Quote

DAY = dt.date(2026, 1, 1)
CARDS = [
    Card("erdogan", "Recep Tayyip Erdogan", "person", "Turkey's president.", DAY,
         aliases=("Erdogan",)),
    Card("sochi", "Sochi", "place", "A resort on the Black Sea.", DAY,
         body="Putin met Erdogan here in September 2021."),
    Card("s400", "S-400", "thing", "A Russian missile system.", DAY, aliases=("Triumf",)),
]  # fmt: skip


def note(note_id: str, exact: str, text: str = "", tags: tuple[str, ...] = ()) -> Note:
    return Note(note_id, Quote(exact), 0, len(exact), text, tags)


NOTES = [
    note("1", "the two leaders", "first meeting in\n18 months", ("meetings",)),
    note("2", "Black Sea resort", "", ("places", "Sochi")),
    note("3", "missile deal"),
]


def test_a_card_is_found_by_title_then_alias_then_text():
    hits = find_cards(CARDS, "erdogan")
    assert [(hit.card.id, hit.field) for hit in hits] == [("erdogan", "title"), ("sochi", "text")]
    assert hits[1].excerpt == "Putin met Erdogan here in September 2021."
    assert [(hit.card.id, hit.field, hit.excerpt) for hit in find_cards(CARDS, "triumf")] == [
        ("s400", "alias", "Triumf")
    ]


def test_card_search_is_smartcase():
    assert [hit.card.id for hit in find_cards(CARDS, "black sea")] == ["sochi"]
    assert find_cards(CARDS, "black Sea") == []


def test_a_note_is_found_by_its_words_then_tags_then_passage():
    assert [(h.note.id, h.field) for h in find_notes(NOTES, "meeting")] == [("1", "note")]
    assert [(h.note.id, h.field, h.excerpt) for h in find_notes(NOTES, "sochi")] == [
        ("2", "tag", "Sochi")
    ]
    assert [(h.note.id, h.field) for h in find_notes(NOTES, "missile")] == [("3", "passage")]


def test_a_space_in_the_query_matches_a_line_break_in_a_note():
    [hit] = find_notes(NOTES, "in 18")
    assert hit.excerpt == "first meeting in 18 months"  # shown on one line


def test_a_long_text_is_cut_round_the_match():
    long = Card("c", "C", "term", "x " * 100 + "needle" + " y" * 100, DAY)
    [hit] = find_cards([long], "needle")
    assert hit.excerpt.startswith("…") and hit.excerpt.endswith("…")
    assert "needle" in hit.excerpt and len(hit.excerpt) <= 64


def test_a_body_is_searched_as_shown_without_its_markdown_marks():
    body = "# Heading\nSome **bold** text, [a link](https://x.org/y) and `code`."
    card = Card("c", "C", "term", "s.", DAY, body=body)
    assert [hit.excerpt for hit in find_cards([card], "bold text")] == [
        "Heading Some bold text, a link and code."
    ]
    assert find_cards([card], "x.org") == []  # the address is not shown


def test_nothing_typed_finds_nothing():
    assert find_cards(CARDS, "  ") == []
    assert find_notes(NOTES, "") == []
