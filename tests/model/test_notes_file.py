"""The notes file: strict parsing with exact messages, readable output, and exact round-trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import files
from annotations.errors import AnnotationError
from annotations.notes.file import NotesDocument, dump_notes, load_notes, parse_notes, sort_key
from annotations.notes.model import COLORS, Conflict, Note, Quote, new_id

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "notes"
SHA = "9868a52ebf7b242bea87de073a267445b4eff88ff35107d3d88138f8ced63a11"
WHEN = dt.datetime(2026, 11, 28, 5, 0, tzinfo=dt.UTC)

# Each bad file, and what the user reads after "PATH:" (a line number, or a space when the
# problem is the whole file). One file per kind of bad input.
EXPECTED = {
    "alias_bomb": [
        "1: a: anchors and aliases (&name, *name) are not allowed; this value is repeated at b[0]"
    ],
    "bad_color": [
        "15: notes[0].color: 'orange' is not a colour (one of: yellow, green, blue, pink, purple)"
    ],
    "bad_id": ["6: notes[0].id: 'note-1' is not a note id (26 capital letters and digits)"],
    "bad_sha256": ["4: article.sha256: expected 64 lowercase hexadecimal digits"],
    "binary": [" looks like a binary file, not a notes text"],
    "bool_as_title": [
        "3: article.title: expected text, got true/false (false) (put it in quotes to make it text)"
    ],
    "conflict_incomplete": [
        f"19: notes[0].conflict: missing required key '{key}'"
        for key in ("color", "position", "quote", "tags", "updated")
    ],
    "date_as_id": [
        "6: notes[0].id: expected text, got a date (2021-09-29) (put it in quotes to make it text)"
    ],
    "date_as_note": [
        "12: notes[0].note: expected text, got a date (2021-09-29)"
        " (put it in quotes to make it text)"
    ],
    "date_as_time": [
        "16: notes[0].created: expected a UTC time like 2026-11-28T05:00:00Z,"
        " got a date (2026-11-28)"
    ],
    "deep_nesting": ["2: notes" + "[0]" * 32 + ": nested too deeply (more than 32 levels)"],
    "duplicate_id": ["18: notes[1].id: duplicate id; notes[0] has it too"],
    "duplicate_key": ["16: notes[0].color: duplicate key (each key may appear once)"],
    "empty": [" the file is empty (a notes file starts with 'version: 1')"],
    "empty_quote": ["8: notes[0].quote.exact: must not be empty"],
    "end_before_start": ["11: notes[0].position.end: must be greater than start (2534), not 2511"],
    "missing_key": ["6: notes[0]: missing required key 'updated'"],
    "missing_version": ["1: missing required key 'version'"],
    "negative_start": [
        "11: notes[0].position.start: expected a whole number (0 or more), got a number (-1)"
    ],
    "not_a_mapping": ["1: expected a mapping of keys, got a list"],
    "not_utf8": [
        "13: is not valid utf-8 text (byte 0x92 at offset 343); notes files must be UTF-8:"
        " save it again as UTF-8"
    ],
    "notes_not_a_list": ["5: notes: expected a list of notes (or []), got a mapping"],
    "null_note": ["12: notes[0].note: expected text, got nothing (null)"],
    "number_as_color": [
        "15: notes[0].color: a number (3) is not a colour (one of: yellow, green, blue, pink,"
        " purple)"
    ],
    "python_tag": [
        "12: notes[0].note: the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        " is not allowed"
    ],
    "quote_missing_suffix": ["8: notes[0].quote: missing required key 'suffix'"],
    "several_problems": [
        "26: notes[1].tags[0]: expected text, got a number (1) (put it in quotes to make it text)",
        "27: notes[1].color: 'teal' is not a colour (one of: yellow, green, blue, pink, purple)",
    ],
    "syntax_error": [
        "10:17: YAML syntax error: did not find expected key"
        " (while parsing a block mapping, which starts on line 8)"
    ],
    "tab_indentation": [
        "15:1: YAML syntax error: a tab character here; indent YAML with spaces, not tabs"
    ],
    "tag_with_space": ["14: notes[0].tags[1]: a tag is one word: no spaces or control characters"],
    "tags_not_a_list": ["14: notes[0].tags: expected a list of tags (or []), got text"],
    "text_as_position": [
        "11: notes[0].position.start: expected a whole number (0 or more), got text"
    ],
    "time_without_zone": [
        "17: notes[0].updated: expected a UTC time like 2026-11-28T05:00:00Z,"
        " got a time with no time zone"
    ],
    "unknown_key": [
        "16: notes[0].colour: unknown key 'colour' (did you mean 'color'? allowed: id, quote,"
        " position, note, tags, color, created, updated, conflict, made_on)"
    ],
    "version_2": [
        "1: version: expected 1 (the notes file version this reader knows), got a number (2)"
    ],
    "yaml12_number_as_title": [
        "3: article.title: expected text, got 1e3, which YAML 1.2 reads as a number"
        " (put it in quotes to make it text)"
    ],
}


def test_every_bad_file_has_its_expected_message():
    assert sorted(path.stem for path in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_notes_file_is_refused_with_exact_message(name):
    path = BAD / f"{name}.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_notes(path)
    assert str(caught.value).splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]


def test_the_issue_example_parses():
    document = load_notes(DATA / "notes_valid.yaml")
    assert document is not None
    assert document.title == "Sochi 2021" and document.sha256 == SHA
    [note] = document.notes
    assert note.quote == Quote(
        "marriage of convenience", "a continuation of a ", " between Russia and"
    )
    assert (note.start, note.end, note.tags, note.color) == (2511, 2534, ("analysis",), "yellow")
    assert note.note == "Ellehuus's framing; compare the Kremlin readout.\n"
    assert note.created == note.updated == WHEN


def test_missing_file_is_none(tmp_path):
    assert load_notes(tmp_path / "none.notes.yaml") is None


def test_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_YAML_BYTES", 100)
    path = tmp_path / "big.notes.yaml"
    path.write_text((DATA / "notes_valid.yaml").read_text())
    with pytest.raises(AnnotationError, match="the limit is 100 bytes"):
        load_notes(path)


def _note(**changes) -> Note:
    fields = dict(
        id="01JD3Q5V8K2M4N6P7R9S0T1U2V",
        quote=Quote("marriage of convenience", "a continuation of a ", " between Russia and"),
        start=2511,
        end=2534,
        note="Ellehuus's framing; compare the Kremlin readout.\n",
        tags=("analysis",),
        color="yellow",
        created=WHEN,
        updated=WHEN,
    )
    fields.update(changes)
    return Note(**fields)


def test_output_is_the_documented_layout():
    assert (
        dump_notes(NotesDocument("Sochi 2021", SHA, [_note()]))
        == (DATA / "notes_valid.yaml").read_text()
    )


def test_notes_are_written_in_text_order_and_output_is_deterministic():
    late = _note(id="01JD3Q5V8K2M4N6P7R9S0T1U2W", start=9000, end=9023)
    early = _note(id="01JD3Q5V8K2M4N6P7R9S0T1U2X", start=10, end=33)
    first = dump_notes(NotesDocument("t", SHA, [late, early]))
    assert first == dump_notes(NotesDocument("t", SHA, [early, late]))
    assert first.index("start: 10,") < first.index("start: 9000,")


HOSTILE = [
    "",
    " leading space",
    "trailing space ",
    "# not a comment",
    "key: value",
    "ends with colon:",
    "a #hash",
    "'single' and \"double\" quotes",
    "- dash",
    "yes",
    "no",
    "null",
    "~",
    "1e3",
    "0o17",
    "2021-09-29",
    "12:30",
    "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07",
    "tab\there",
    "nul\x00byte",
    "crlf\r\nline",
    "lone\rcr",
    "\u202eright-to-left",
    "zero\u200bwidth",
    "line\u2028separator\x85next",
    "\ufeffbom",
    "multi\nline\n",
    "multi\nline no end",
    "multi\n\n\nextra blank lines\n\n\n",
    "\nstarts with newline",
    "  indented\nsecond",
    "x\n   \nspaces-only line",
    "emoji \U0001f600 and CJK 漢字",
    "{flow: [mapping]}",
    "[not, a, list]",
    "*alias &anchor !tag |pipe >fold %percent @at `tick",
    "---",
    "...",
    "\\backslash\\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_round_trip_everywhere(text):
    exact = text or "x"
    note = _note(
        quote=Quote(exact, text, text),
        note=text,
        conflict=Conflict(Quote(exact, text, ""), 1, 2, text, ("a",), "pink", WHEN),
    )
    document = NotesDocument(text, SHA, [note])
    written = dump_notes(document)
    assert parse_notes(written, "f") == document
    assert dump_notes(parse_notes(written, "f")) == written


def test_multi_line_notes_are_block_scalars():
    written = dump_notes(NotesDocument("t", SHA, [_note(note="one\ntwo\n")]))
    assert "    note: |\n      one\n      two\n" in written


_tags = st.lists(
    st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=8),
    max_size=3,
    unique=True,
)
_times = st.datetimes(
    min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def notes(draw) -> Note:
    start = draw(st.integers(0, 10**9))
    return Note(
        new_id(),
        Quote(draw(st.text(min_size=1)), draw(st.text()), draw(st.text())),
        start,
        start + draw(st.integers(1, 1000)),
        draw(st.text()),
        tuple(draw(_tags)),
        draw(st.sampled_from(COLORS)),
        draw(_times),
        draw(_times),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(), items=st.lists(notes(), max_size=4))
def test_any_notes_round_trip_exactly(title, items):
    document = NotesDocument(title, SHA, items)
    written = dump_notes(document)
    again = parse_notes(written, "f")
    assert again == NotesDocument(title, SHA, sorted(items, key=sort_key))
    assert dump_notes(again) == written


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_or_raises_annotation_error(text):
    try:
        parse_notes(text, "fuzz.yaml")
    except AnnotationError as error:
        assert error.problems


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_valid_files_parse_or_raise_annotation_error(data):
    text = (DATA / "notes_valid.yaml").read_text()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 5))
        text = text[:at] + data.draw(st.text(max_size=5)) + text[at + cut :]
    try:
        parse_notes(text, "fuzz.yaml")
    except AnnotationError as error:
        assert error.problems
