"""`annotated-reader export` and `import`: output, files, summaries, exit status, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import load_article

DATA = Path(__file__).resolve().parent.parent / "data" / "interop"
TEXT = "Putin met Erdogan in Sochi. Sochi is on the Black Sea.\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "sochi.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def noted(article, tmp_path):
    notes = tmp_path / "sochi.notes.yaml"
    done = run("notes", "add", str(article), "--notes", str(notes), "--quote", "Black Sea",
               "--note", "A sea.", "--tag", "place", "--color", "blue")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return notes


@pytest.mark.parametrize("fmt", ["markdown", "w3c", "json", "html"])
def test_export_prints_each_format(article, noted, fmt):
    done = run("export", str(article), "--notes", str(noted), "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "Black Sea" in done.stdout
    if fmt in ("w3c", "json"):
        json.loads(done.stdout)


def test_export_writes_a_file_and_says_so(article, noted, tmp_path):
    out = tmp_path / "out" / "notes.md"
    done = run("export", str(article), "--notes", str(noted), "-o", str(out), "--with-text")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == f"1 note exported to {out}\n"
    assert "Sochi is on the **Black Sea**[^1]." in out.read_text(encoding="utf-8")
    # An export is for passing on: the permissions of any new file, not the notes' private ones.
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_export_refuses_with_text_for_another_format(article, noted):
    done = run("export", str(article), "--notes", str(noted), "--format", "w3c", "--with-text")
    assert done.returncode == 2
    assert done.stderr == f"error: {article}: --with-text: only with --format markdown\n"


def test_export_of_a_broken_notes_file_fails_and_leaves_it(article, tmp_path):
    notes = tmp_path / "bad.notes.yaml"
    notes.write_text("version: 1\nnotes: [\n", encoding="utf-8")
    done = run("export", str(article), "--notes", str(notes), "--format", "json")
    assert done.returncode == 2 and done.stderr.startswith(f"error: {notes}:")
    assert notes.read_text(encoding="utf-8") == "version: 1\nnotes: [\n"


def test_import_says_how_each_annotation_fared(article, noted, tmp_path):
    exported = tmp_path / "export.jsonld"
    assert run("export", str(article), "--notes", str(noted), "--format", "w3c",
               "-o", str(exported)).returncode == 0  # fmt: skip
    data = json.loads(exported.read_text(encoding="utf-8"))
    sochi = {"type": "Annotation", "bodyValue": "The resort.",
             "target": {"selector": {"type": "TextQuoteSelector", "exact": "Sochi",
                                     "prefix": "Erdogan in "}}}  # fmt: skip
    gone = {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector",
            "exact": "the Caspian coast"}}}  # fmt: skip
    data["first"]["items"] += [sochi, gone, {"type": "Annotation"}]
    exported.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh.notes.yaml"
    done = run("import", str(article), str(exported), "--notes", str(fresh))
    assert done.returncode == 1  # one entry refused
    assert done.stdout.splitlines() == [
        f"Imported 3 of 4 annotations from {exported} into {fresh}: 2 placed exactly,"
        " 0 approximately, 1 orphaned (kept, listed below), 0 skipped as duplicates,"
        " 1 rejected (why below).",
        'orphan: first.items[2]: "the Caspian coast" is not in the text',
    ]
    assert done.stderr == (
        f"rejected: {exported}: first.items[3].target: missing: an annotation needs a target"
        " to anchor it to\n"
    )
    notes = {n.quote.exact: n for n in load_notes(fresh).notes}
    assert notes["Black Sea"].tags == ("place",) and notes["Black Sea"].color == "blue"
    assert notes["Sochi"].start == TEXT.index("Sochi")
    again = run("import", str(article), str(exported), "--notes", str(fresh))
    assert "Imported 0 of 4" in again.stdout and "3 skipped as duplicates" in again.stdout
    assert load_notes(fresh).notes == list(load_notes(fresh).notes)
    assert len(load_notes(fresh).notes) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"rows": [\n  {"id": "a",}\n]}', ":2:14: not JSON: Expecting property name enclosed"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), ": looks like a binary file, not an annotations text"),
        ('{"rows": 3}', ": rows: expected a list of annotations, got a number (3)"),
        ('"just text"', ": expected a JSON object or list, got a string"),
    ],
)
def test_import_of_a_bad_file_is_one_line_and_changes_nothing(article, noted, tmp_path,
                                                              content, expected):  # fmt: skip
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    before = noted.read_bytes()
    done = run("import", str(article), str(bad), "--notes", str(noted))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {bad}{expected}") and done.stderr.count("\n") == 1
    assert noted.read_bytes() == before


def test_import_of_a_missing_file(article, tmp_path):
    done = run("import", str(article), str(tmp_path / "none.json"))
    assert (done.returncode, done.stderr) == (2, f"error: {tmp_path / 'none.json'}: no such"
                                              " annotations file\n")  # fmt: skip


def test_a_reader_open_meanwhile_keeps_its_notes_and_gets_the_imported_ones(article, tmp_path):
    """Import saves through the same lock and merge as the reader: neither side loses notes."""
    notes = tmp_path / "shared.notes.yaml"
    reader = NotesStore.open(load_article(article), notes)
    mine = reader.add(0, len("Putin"), "Written in the reader.")
    assert reader.save().ok
    reader.edit(mine.id, note="Changed in the reader, not saved yet.")
    done = run("import", str(article), str(DATA / "hypothesis_search.json"), "--notes", str(notes))
    assert done.returncode == 1, done.stderr  # its page note and reply are refused
    assert reader.save().ok
    texts = sorted(n.note for n in load_notes(notes).notes)
    assert "Changed in the reader, not saved yet." in texts
    assert len(texts) == 5  # the reader's note and the four Hypothesis annotations
