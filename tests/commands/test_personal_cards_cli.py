"""`check --notes` and `notes list` on personal cards, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from annotations.notes.store import NotesStore
from annotations.text.article import load_article

TEXT = "Putin met Erdogan in Sochi. Peskov spoke for the Kremlin.\n"
CARDS = """\
version: 1
cards:
  - {id: putin, title: Vladimir Putin, kind: person, summary: President., as_of: 2021-09-29,
     aliases: [Putin]}
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def with_cards(tmp_path: Path) -> tuple[Path, Path, str]:
    """An article with its cards, and a notes file holding one personal card."""
    article = tmp_path / "talks.txt"
    article.write_text(TEXT, encoding="utf-8")
    (tmp_path / "talks.cards.yaml").write_text(CARDS, encoding="utf-8")
    notes = tmp_path / "talks.notes.yaml"
    store = NotesStore.open(load_article(article), notes)
    own = store.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov", "putin", "Lavrov"])
    assert store.save().ok
    return article, notes, own.id


def test_check_reports_a_personal_alias_a_shipped_card_claims(tmp_path):
    article, notes, _ = with_cards(tmp_path)
    result = run("check", "--article", article, "--notes", notes)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"warning: {notes}:13: cards[0].aliases[1]: alias 'putin' is also claimed by shipped"
        " card 'putin' (Vladimir Putin); it links there, not to your card 'Peskov'",
        f"warning: {notes}:14: cards[0].aliases[2]: alias 'Lavrov' of your card 'Peskov' links"
        " nothing in talks.txt",
    ]
    assert result.stdout == (
        f"ok: 1 cards in 1 file(s), 1 personal cards in {notes}, checked against talks.txt;"
        " 2 warning(s)\n"
    )


def test_check_refuses_a_bad_personal_card_with_file_line_and_field(tmp_path):
    article, notes, _ = with_cards(tmp_path)
    notes.write_text(notes.read_text().replace("kind: person", "kind: pet"))
    result = run("check", "--article", article, "--notes", notes)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {notes}:9: cards[0].kind: 'pet' is not a kind"
        " (one of: person, place, organisation, thing, event, term)"
    )


def test_check_without_cards_or_notes_is_still_a_usage_error(tmp_path):
    result = run("check", "--article", "builtin")
    assert result.returncode == 2
    assert "the following arguments are required: CARDS.yaml" in result.stderr


def test_notes_list_prints_personal_cards_after_the_notes(tmp_path):
    article, notes, card_id = with_cards(tmp_path)
    store = NotesStore.open(load_article(article), notes)
    store.add(0, 5, "the host")
    assert store.save().ok
    lines = run("notes", "list", article, "--notes", notes).stdout.splitlines()
    assert lines[0].startswith("0-5  exact  yellow")
    assert lines[1] == f'card  person  {card_id}  "Peskov"  [Peskov, putin, Lavrov]  Spokesman.'
    rows = json.loads(run("notes", "list", article, "--notes", notes, "--json").stdout)
    assert [row.get("type", "note") for row in rows] == ["note", "card"]
    assert rows[1]["aliases"] == ["Peskov", "putin", "Lavrov"]


def test_notes_list_of_cards_alone_says_nothing_on_stderr(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    notes = tmp_path / "a.notes.yaml"
    store = NotesStore.open(load_article(article), notes)
    store.add_card("Peskov", "person", "Spokesman.", aliases=["Peskov"])
    assert store.save().ok
    result = run("notes", "list", article, "--notes", notes)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("card  person  ")
