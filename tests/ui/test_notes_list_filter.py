"""The notes list filter (A): typed words, and tags typed as they are shown."""

from __future__ import annotations


def test_the_notes_filter_takes_tags_as_they_are_shown():
    from annotations.notes.model import Note, Quote
    from reader.screens.notes_list import note_matches

    note = Note("0" * 26, Quote("Gamma"), 0, 5, "calm", ("alpha", "beta"))
    assert note_matches(note, ["#alpha"]) and note_matches(note, ["#al", "calm"])
    assert not note_matches(note, ["#calm"])  # a # word looks in tags only
