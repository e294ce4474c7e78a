"""Personal cards: the notes file's `cards:` list, checked, merged, undone and linked."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.cards.load import load_cards
from annotations.cards.model import CARD_KINDS, Source
from annotations.errors import AnnotationError
from annotations.notes.file import NotesDocument, dump_notes, load_notes, parse_notes
from annotations.notes.personal import (
    PersonalCard,
    alias_clashes,
    checked_fields,
    merge_cards,
    parse_source_lines,
)
from annotations.notes.store import NotesStore
from annotations.reading import open_reading
from annotations.text.article import load_article

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "personal_cards"
SHA = "9868a52ebf7b242bea87de073a267445b4eff88ff35107d3d88138f8ced63a11"
WHEN = dt.datetime(2026, 11, 28, 5, 0, tzinfo=dt.UTC)
TEXT = "Peskov said Putin met Erdogan. Later Peskov and the Kremlin spoke again.\n"
SHIPPED = """\
version: 1
cards:
  - {id: putin, title: Vladimir Putin, kind: person, summary: President., as_of: 2021-09-29,
     aliases: [Putin]}
"""

# Each bad file, and what the user reads after "PATH:". One file per kind of bad input.
EXPECTED = {
    "bad_id": ["7: cards[0].id: 'peskov' is not a card id (26 capital letters and digits)"],
    "bad_kind": [
        "9: cards[0].kind: 'persn' is not a kind"
        " (one of: person, place, organisation, thing, event, term)"
    ],
    "bad_source_url": [
        "15: cards[0].sources[0].url: 'ftp://example.org/peskov' is not an http(s) address"
    ],
    "cards_not_a_list": ["6: cards: expected a list of cards (or []), got a mapping"],
    "date_as_time": [
        "13: cards[0].created: expected a UTC time like 2026-11-28T05:00:00Z,"
        " got a date (2026-11-28)"
    ],
    "duplicate_id": ["15: cards[1].id: duplicate id; cards[0] has it too"],
    "empty_aliases": [
        "11: cards[0].aliases: give at least one alias (the article text that links here)"
    ],
    "missing_aliases": ["7: cards[0]: missing required key 'aliases'"],
    "multiline_summary": ["10: cards[0].summary: must be a single line"],
    "number_as_alias": [
        "12: cards[0].aliases[0]: expected text, got a number (1945)"
        " (put it in quotes to make it text)"
    ],
    "unknown_key": [
        "7: cards[0]: missing required key 'summary'",
        "10: cards[0].sumary: unknown key 'sumary' (did you mean 'summary'? allowed: id,"
        " title, kind, summary, body, aliases, sources, created, updated)",
    ],
}


def card(title: str = "Dmitry Peskov", aliases=("Peskov",), when=WHEN, **fields) -> PersonalCard:
    fields.setdefault("id", "01JD3Q5V8K2M4N6P7R9S0T1U2V")
    return PersonalCard(
        title=title,
        kind=fields.pop("kind", "person"),
        summary=fields.pop("summary", "The Kremlin's spokesman."),
        aliases=tuple(aliases),
        created=WHEN,
        updated=when,
        **fields,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "talks.cards.yaml").write_text(SHIPPED, encoding="utf-8")
    return load_article(path)


# The file ----------------------------------------------------------------------------------------


def test_every_bad_file_has_its_expected_message():
    assert sorted(path.stem for path in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_personal_card_is_refused_with_file_line_and_field(name):
    path = BAD / f"{name}.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_notes(path)
    assert str(caught.value).splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]


def test_the_valid_file_reads_every_field():
    (peskov,) = load_notes(DATA / "personal_cards_valid.yaml").cards
    assert (peskov.title, peskov.kind, peskov.aliases) == ("Dmitry Peskov", "person", ("Peskov",))
    assert peskov.body == "Spokesman since 2012.\n\n*Markdown* [kept as text]."
    assert peskov.sources == (
        Source(
            "Kremlin staff page",
            "https://example.org/peskov",
            publisher="Kremlin",
            published=dt.date(2021, 9, 29),
        ),
    )
    assert peskov.created == peskov.updated == WHEN
    assert (peskov.line, peskov.alias_lines) == (7, (16,))


def test_a_file_without_cards_is_written_as_before():
    old = (DATA / "notes_valid.yaml").read_text(encoding="utf-8")
    document = parse_notes(old, "notes.yaml")
    assert document.cards == []
    assert dump_notes(document) == old


def test_the_valid_file_round_trips_exactly():
    text = (DATA / "personal_cards_valid.yaml").read_text(encoding="utf-8")
    assert dump_notes(parse_notes(text, "n.yaml")) == text


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_line = _text.map(lambda value: " ".join(value.split())).filter(bool)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(title=_line, summary=_line, body=_text, aliases=st.lists(_line, min_size=1, max_size=4))
def test_any_card_text_round_trips(title, summary, body, aliases):
    made = card(title=title, summary=summary[:160], body=body.strip(), aliases=aliases)
    document = NotesDocument("T", SHA, [], cards=[made])
    (back,) = parse_notes(dump_notes(document), "n.yaml").cards
    assert back.content() == made.content()


# What the user types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " "}, "title: must not be empty"),
        ({"kind": "pet"}, "kind: 'pet' is not a kind"),
        ({"summary": "x" * 161}, "summary: 161 characters long; at most 160"),
        ({"aliases": [" ", ""]}, "aliases: give at least one"),
        ({"sources": [Source("t", "example.org")]}, "sources: 'example.org' is not an http"),
    ],
)
def test_typed_fields_are_checked(fields, message):
    typed = dict(title="Peskov", kind="person", summary="s", body="", aliases=["Peskov"])
    typed["sources"] = ()
    typed.update(fields)
    with pytest.raises(ValueError, match=message):
        checked_fields(**typed)


def test_typed_aliases_are_trimmed_and_repeats_dropped():
    typed = [" Peskov ", "peskov", "Dmitry  Peskov"]
    fields = checked_fields("T", CARD_KINDS[0], "s", "", typed, ())
    assert fields[4] == ("Peskov", "Dmitry  Peskov")


def test_typed_sources_keep_what_the_editor_does_not_show():
    known = (Source("Old title", "https://example.org/a", publisher="Kremlin"),)
    parsed = parse_source_lines("https://example.org/a New title\n\nhttps://b.org\n", known)
    assert parsed == (
        Source("New title", "https://example.org/a", publisher="Kremlin"),
        Source("https://b.org", "https://b.org"),
    )
    with pytest.raises(ValueError, match="line 1: 'b.org' is not an http"):
        parse_source_lines("b.org Page")


# Merging ---------------------------------------------------------------------------------------


def test_merge_takes_additions_and_deletions_from_the_other_side():
    old = card()
    theirs_new = card(id="01JD3Q5V8K2M4N6P7R9S0T1U2W", title="Kremlin")
    result = merge_cards({old.id: old}, {old.id: old}, {theirs_new.id: theirs_new})
    assert list(result.cards) == [theirs_new.id]  # deleted there, added there
    assert result.taken == 2


def test_an_edit_beats_a_delete():
    old = card()
    edited = replace(old, summary="Edited here.")
    assert merge_cards({old.id: old}, {old.id: edited}, {}).cards == {old.id: edited}
    assert merge_cards({old.id: old}, {}, {old.id: edited}).cards == {old.id: edited}


def test_both_edited_keeps_the_newer_as_the_card_and_the_older_beside_it():
    old = card()
    mine = replace(old, summary="Mine.", updated=WHEN + dt.timedelta(minutes=1))
    theirs = replace(old, summary="Theirs.", updated=WHEN + dt.timedelta(minutes=2))
    here = merge_cards({old.id: old}, {old.id: mine}, {old.id: theirs})
    there = merge_cards({old.id: old}, {old.id: theirs}, {old.id: mine})
    assert here.cards[old.id] is theirs and here.kept_both == [old.id]
    (copy,) = [c for c in here.cards.values() if c.id != old.id]
    assert (copy.summary, copy.title) == ("Mine.", "Dmitry Peskov (edited elsewhere)")
    # Both readers make the same copy: merging what the other wrote adds nothing more.
    assert {c.id: c.content() for c in there.cards.values()} == {
        c.id: c.content() for c in here.cards.values()
    }
    again = merge_cards(here.cards, here.cards, there.cards)
    assert len(again.cards) == 2 and again.taken == 0


# The store -------------------------------------------------------------------------------------


def test_create_edit_delete_undo_and_survive_a_restart(article, tmp_path):
    path = tmp_path / "talks.notes.yaml"
    store = NotesStore.open(article, path)
    made = store.add_card("Dmitry Peskov", "person", "Spokesman.", aliases=["Peskov"])
    store.edit_card(made.id, title="Peskov, Dmitry", body="Since 2012.")
    store.delete_card(made.id)
    assert store.cards == []
    store.undo()  # the delete
    assert store.cards[0].title == "Peskov, Dmitry"
    store.undo()  # the edit
    assert store.cards[0].title == "Dmitry Peskov"
    store.redo()
    assert store.save().ok
    again = NotesStore.open(article, path)
    assert [(c.id, c.title, c.body) for c in again.cards] == [
        (made.id, "Peskov, Dmitry", "Since 2012.")
    ]
    assert again.notes == []


def test_a_bad_edit_changes_nothing(article, tmp_path):
    store = NotesStore.open(article, tmp_path / "n.yaml")
    made = store.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    with pytest.raises(ValueError, match="kind"):
        store.edit_card(made.id, kind="pet")
    assert store.get_card(made.id) is made
    with pytest.raises(KeyError):
        store.delete_card("01JD3Q5V8K2M4N6P7R9S0T1U2Z")


def test_two_readers_adding_and_editing_at_once_lose_nothing(article, tmp_path):
    path = tmp_path / "n.yaml"
    first, second = NotesStore.open(article, path), NotesStore.open(article, path)
    shared = first.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    assert first.save().ok
    second.reload()
    first.edit_card(shared.id, summary="First's words.")
    second.edit_card(shared.id, summary="Second's words.")
    second.add_card("Kremlin", "organisation", "Seat of power.", aliases=["Kremlin"])
    assert first.save().ok
    result = second.save()
    assert result.ok and "1 personal card changed in both places" in result.message
    first.reload()
    summaries = sorted(c.summary for c in load_notes(path).cards)
    assert summaries == ["First's words.", "Seat of power.", "Second's words."]
    assert sorted(c.summary for c in first.cards) == summaries
    assert first.card_revision > 0


def test_undoing_a_card_made_here_keeps_an_edit_made_elsewhere_since(article, tmp_path):
    path = tmp_path / "n.yaml"
    here = NotesStore.open(article, path)
    made = here.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    assert here.save().ok
    there = NotesStore.open(article, path)
    there.edit_card(made.id, summary="Their words.")
    assert there.save().ok
    here.reload()
    here.undo()  # the creation: their words stay
    assert [c.summary for c in here.cards] == ["Their words."]


def test_an_edit_brings_back_a_card_deleted_in_another_window(article, tmp_path):
    path = tmp_path / "n.yaml"
    here = NotesStore.open(article, path)
    made = here.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    assert here.save().ok
    there = NotesStore.open(article, path)
    there.delete_card(made.id)
    assert there.save().ok
    here.reload()
    assert here.cards == []
    here.edit_card(made.id, original=made, summary="Still here.")  # the editor was open
    assert here.save().ok
    assert [c.summary for c in load_notes(path).cards] == ["Still here."]


def test_recovery_files_keep_personal_cards(article, tmp_path):
    from annotations.notes.recovery import merge_recovery, write_recovery

    store = NotesStore.open(article, tmp_path / "n.yaml")
    made = store.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    kept = write_recovery(store)
    fresh = NotesStore.open(article, tmp_path / "n.yaml")
    assert merge_recovery(fresh, kept) == 1
    assert [c.id for c in fresh.cards] == [made.id]
    fresh.undo()
    assert fresh.cards == []


# Linking and clashes ---------------------------------------------------------------------------


def test_personal_cards_link_and_a_shipped_alias_stays_shipped(article, tmp_path):
    reading = open_reading(str(article.path))
    shipped = reading.cards
    peskov = card(aliases=("Peskov", "putin"))
    reading.set_personal([peskov], "n.yaml")
    reading.set_links(reading.find_links())
    assert [TEXT[m.start : m.end] for m in reading.links.of_card(peskov.id)] == ["Peskov"] * 2
    assert [TEXT[m.start : m.end] for m in reading.links.of_card("putin")] == ["Putin"]
    (clash,) = reading.clashes[peskov.id]
    assert (clash.alias, clash.owner_id, clash.shipped) == ("putin", "putin", True)
    assert reading.cards.by_id[peskov.id].personal
    assert not reading.cards.by_id["putin"].personal
    # The shipped cards (which the cache may hold) are untouched.
    assert reading.shipped is shipped and len(shipped.cards) == 1
    assert [c.id for c in load_cards([article.path.with_name("talks.cards.yaml")]).cards] == [
        "putin"
    ]


def test_an_older_personal_card_keeps_an_alias_a_newer_one_repeats():
    older = card()
    newer = card(id="01JD3Q5V8K2M4N6P7R9S0T1U2W", title="Peskov again")
    newer = replace(newer, created=WHEN + dt.timedelta(days=1))
    clashes = alias_clashes([newer, older], [])
    assert list(clashes) == [newer.id]
    assert not clashes[newer.id][0].shipped


def test_a_file_with_notes_marks_and_cards_keeps_all_three():
    from annotations.notes.marks import Mark

    made = card(title="Dmitry Peskov", aliases=["Peskov"])
    marks = {"a": Mark(3, "Beta"), "q": Mark(0, "Alpha")}
    document = NotesDocument("T", SHA, [], marks=marks, cards=[made])
    back = parse_notes(dump_notes(document), "n.yaml")
    assert back.marks == marks and [c.content() for c in back.cards] == [made.content()]
