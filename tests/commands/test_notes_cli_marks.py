"""`notes list` and `notes add` on a notes file with marks: listed as before, marks kept."""

from __future__ import annotations

from annotations.notes.file import load_notes
from reader.commands.notes import main

TEXT = "Putin met Erdogan in Sochi. Sochi is on the Black Sea.\n"
MARKS = "marks:\n  a: {offset: 10, quote: Erdogan in Sochi, prefix: 'Putin met '}\n"


def test_notes_add_and_list_leave_the_marks_alone(tmp_path, capsys):
    article = tmp_path / "sochi.txt"
    article.write_text(TEXT, encoding="utf-8")
    notes = tmp_path / "my.notes.yaml"
    assert (
        main(["add", str(article), "--quote", "Black Sea", "--note", "n", "--notes", str(notes)])
        == 0
    )
    notes.write_text(notes.read_text(encoding="utf-8") + MARKS, encoding="utf-8")
    capsys.readouterr()
    assert main(["list", str(article), "--notes", str(notes)]) == 0
    listed = capsys.readouterr().out
    assert "Black Sea" in listed and "Erdogan in Sochi" not in listed
    assert (
        main(["add", str(article), "--quote", "Putin", "--note", "m", "--notes", str(notes)]) == 0
    )
    document = load_notes(notes)
    assert len(document.notes) == 2
    assert document.marks["a"].offset == TEXT.index("Erdogan")
