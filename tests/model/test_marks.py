"""Marks: kept by offset and quote in the notes file, validated, merged by letter, re-anchored."""

from __future__ import annotations

import multiprocessing
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.errors import AnnotationError
from annotations.notes.file import NotesDocument, dump_notes, load_notes, parse_notes
from annotations.notes.marks import Mark, make_mark, merge_marks, place_mark, place_marks
from annotations.notes.store import NotesStore
from annotations.text.article import Article

TEXT = "Alpha met Beta in Gamma on Monday.\nBeta said Gamma was calm.\nDelta came last.\n"
HEAD = "version: 1\narticle:\n  title: t\n  sha256: " + "a" * 64 + "\nnotes: []\n"


def test_a_mark_keeps_the_text_at_it_and_before_it():
    mark = make_mark(TEXT, TEXT.index("Gamma"))
    assert mark.quote == TEXT[TEXT.index("Gamma") :][:32]
    assert mark.prefix == TEXT[: TEXT.index("Gamma")]
    with pytest.raises(ValueError):
        make_mark(TEXT, len(TEXT))


def test_a_mark_is_found_again_after_an_edit_before_it():
    mark = make_mark(TEXT, TEXT.index("Delta"))
    edited = "A new first paragraph, added later.\n" + TEXT.replace("calm", "very calm")
    assert place_mark(edited, mark) == edited.index("Delta")
    assert place_mark(TEXT, mark) == mark.offset


def test_a_mark_whose_text_is_gone_is_not_moved_onto_other_words():
    mark = make_mark(TEXT, TEXT.index("Delta"))
    assert place_mark("Something else entirely, nothing alike.\n", mark) is None
    kept = place_marks("Nothing alike at all.\n", {"d": mark})
    assert kept == {"d": mark}  # kept as it was, for ' to say it can't be found


@given(st.integers(0, len(TEXT) - 1), st.text(min_size=0, max_size=40))
def test_a_mark_survives_any_text_put_before_it(offset, inserted):
    mark = make_mark(TEXT, offset)
    edited = inserted + TEXT
    placed = place_mark(edited, mark)
    # Found where the same text stands (the original spot, or an identical copy of it).
    assert placed is not None
    assert edited[placed:].startswith(mark.quote)


def test_merge_a_mark_set_here_wins_and_one_set_only_there_is_kept():
    old = {"a": Mark(1, "x"), "b": Mark(2, "y")}
    ours = {"a": Mark(10, "mine"), "b": Mark(2, "y")}
    theirs = {"a": Mark(20, "theirs"), "b": Mark(30, "their b"), "c": Mark(40, "their c")}
    merged, taken = merge_marks(old, ours, theirs)
    assert merged == {"a": Mark(10, "mine"), "b": Mark(30, "their b"), "c": Mark(40, "their c")}
    assert taken == 2


def test_marks_round_trip_through_the_notes_file_with_any_text():
    marks = {"a": Mark(3, 'Beta, said: "x"\n[y] #z', "on: Monday"), "Z": Mark(0, "Alpha")}
    text = dump_notes(NotesDocument("t", "a" * 64, [], marks))
    assert parse_notes(text, "f.yaml").marks == marks
    assert "marks:" not in dump_notes(NotesDocument("t", "a" * 64, []))  # none: no key


def test_an_old_notes_file_without_marks_still_loads(tmp_path):
    path = tmp_path / "old.notes.yaml"
    path.write_text(HEAD, encoding="utf-8")
    assert load_notes(path).marks == {}


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ("  a: {offset: -3, quote: x}\n", "7: marks.a.offset: expected a whole number"),
        ("  a: {offset: 3, quote: ''}\n", "7: marks.a.quote: must not be empty"),
        ("  ab: {offset: 3, quote: x}\n", "7: marks.ab: 'ab' is not a mark: one letter"),
        ("  a: {offset: 3, quote: x, prefx: y}\n", "7: marks.a.prefx: unknown key 'prefx'"),
        ("  a: {quote: x}\n", "7: marks.a: missing required key 'offset'"),
        ("  - a\n", "7: marks: expected a mapping of keys"),
        ("  a: {offset: 3, quote: 12}\n", "7: marks.a.quote: expected text"),
    ],
    ids=["negative", "empty-quote", "two-letters", "unknown-key", "no-offset", "list", "number"],
)
def test_a_bad_mark_is_one_line_naming_file_line_and_field(marks, message):
    with pytest.raises(AnnotationError) as raised:
        parse_notes(HEAD + "marks:\n" + marks, "my.notes.yaml")
    assert str(raised.value.problems[0]).startswith(f"my.notes.yaml:{message}")
    assert "\n" not in str(raised.value.problems[0])


def test_the_store_saves_marks_and_a_fresh_store_reads_them(tmp_path):
    article = Article(TEXT, "small.txt", tmp_path / "small.txt")
    path = tmp_path / "n.notes.yaml"
    store = NotesStore.open(article, path)
    store.set_mark("a", TEXT.index("Gamma"))
    assert store.dirty
    assert store.save().ok
    again = NotesStore.open(Article("New start.\n" + TEXT, "small.txt"), path)
    assert again.marks.offset("a") == ("New start.\n" + TEXT).index("Gamma")
    with pytest.raises(KeyError):
        again.marks.offset("b")


def _set_mark_elsewhere(article: Article, path, letter: str, offset: int) -> None:
    store = NotesStore.open(article, path)
    store.set_mark(letter, offset)
    assert store.save().ok


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_marks_set_by_another_process_are_merged_and_ours_win(tmp_path):
    article = Article(TEXT, "small.txt", tmp_path / "small.txt")
    path = tmp_path / "n.notes.yaml"
    ours = NotesStore.open(article, path)
    ours.set_mark("a", 0)
    assert ours.save().ok
    for letter, offset in (("a", TEXT.index("Delta")), ("b", TEXT.index("Beta"))):
        other = multiprocessing.get_context("fork").Process(
            target=_set_mark_elsewhere, args=(article, path, letter, offset)
        )
        other.start()
        other.join()
        assert other.exitcode == 0
    ours.set_mark("a", TEXT.index("Monday"))  # set here since: ours wins over their a
    result = ours.save()
    assert result.ok and result.merged == 1  # their b came in
    assert ours.marks.offset("a") == TEXT.index("Monday")
    assert ours.marks.offset("b") == TEXT.index("Beta")
    on_disk = load_notes(path).marks
    assert on_disk["a"].offset == TEXT.index("Monday")
    assert on_disk["b"].offset == TEXT.index("Beta")


def test_marks_that_could_not_be_saved_go_to_the_recovery_file_and_come_back(tmp_path):
    from annotations.notes.recovery import merge_recovery, write_recovery

    article = Article(TEXT, "small.txt", tmp_path / "small.txt")
    store = NotesStore.open(article, tmp_path / "n.notes.yaml")
    store.set_mark("a", TEXT.index("Gamma"))
    store.set_mark("b", TEXT.index("Delta"))
    kept = write_recovery(store)
    later = NotesStore.open(article, tmp_path / "n.notes.yaml")
    later.set_mark("b", 0)  # set since: not replaced by the recovered one
    merge_recovery(later, kept)
    assert later.marks.offset("a") == TEXT.index("Gamma")
    assert later.marks.offset("b") == 0
