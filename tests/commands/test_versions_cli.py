"""`annotated-reader versions` and `diff`: kept texts listed, pruned only after asking, diffed."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def test_versions_lists_each_text_once_and_diff_shows_the_edit(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Talks lasted three hours.\n\nSyria was discussed.\n", encoding="utf-8")
    first = run("versions", str(story))
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("\n") == 1 and "(current)" in first.stdout
    assert run("versions", str(story)).stdout.count("\n") == 1  # same text: still one
    story.write_text("Talks lasted four hours.\n\nSyria was discussed.\n", encoding="utf-8")
    listed = run("versions", str(story)).stdout.splitlines()
    assert len(listed) == 2 and "(current)" in listed[1] and str(story) in listed[0]
    diff = run("diff", str(story))
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.splitlines()[0].endswith(": 1 paragraph edited")
    assert "Talks lasted [-three-]{+four+} hours." in diff.stdout  # piped: plain markers
    coloured = run("diff", str(story), "--color", "always").stdout
    assert "\x1b[31mthree\x1b[0m\x1b[32mfour\x1b[0m" in coloured


def test_prune_asks_first_and_keeps_the_current_text(tmp_path):
    story = tmp_path / "story.txt"
    for words in ("one", "two", "three"):
        story.write_text(f"Version {words}.\n", encoding="utf-8")
        assert run("versions", str(story)).returncode == 0
    refused = run("versions", str(story), "--prune")  # no terminal to ask in, no --yes
    assert refused.returncode == 2 and "asks first" in refused.stderr
    assert len(run("versions", str(story)).stdout.splitlines()) == 3
    kept = run("versions", str(story), "--prune", "--yes")
    assert kept.returncode == 0 and "Removed 2 version(s)." in kept.stdout
    assert len(run("versions", str(story)).stdout.splitlines()) == 1


def test_diff_with_an_unknown_version_is_a_one_line_error(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Text.\n", encoding="utf-8")
    result = run("diff", str(story), "--from", "not-a-version")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: not-a-version: is neither a kept version's hash nor a date (YYYY-MM-DD)"
    ]


def test_notes_list_says_when_a_noted_passage_was_removed(tmp_path):
    story = tmp_path / "story.txt"
    notes = tmp_path / "n.yaml"
    story.write_text("Talks lasted three hours.\n\nSyria was discussed.\n", encoding="utf-8")
    added = run("notes", "add", str(story), "--quote", "Syria was discussed", "--notes", str(notes))
    assert added.returncode == 0, added.stderr
    assert run("versions", str(story)).returncode == 0
    story.write_text("Talks lasted three hours.\n", encoding="utf-8")
    assert run("versions", str(story)).returncode == 0
    listed = run("notes", "list", str(story), "--notes", str(notes))
    assert listed.stdout.rstrip().endswith("(removed in the version of " + _today() + ")")


def _today() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).date().isoformat()


def test_check_tells_a_card_whose_aliases_vanished_in_the_new_version(tmp_path):
    story = tmp_path / "story.txt"
    cards = tmp_path / "story.cards.yaml"
    cards.write_text(
        "version: 1\ncards:\n"
        "  - {id: syria, title: Syria, kind: place, summary: A country., as_of: 2021-09-29,"
        " aliases: [Syria]}\n"
        "  - {id: talks, title: Talks, kind: event, summary: Talks., as_of: 2021-09-29,"
        " aliases: [talks]}\n",
        encoding="utf-8",
    )
    story.write_text("The talks lasted three hours.\n\nSyria was discussed.\n", encoding="utf-8")
    assert run("versions", str(story)).returncode == 0
    story.write_text("The talks lasted three hours.\n", encoding="utf-8")
    checked = run("check", str(cards), "--article", str(story))
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if "syria" in line]
    assert warnings == [
        f"warning: {cards}:3: cards[0]: card 'syria' was mentioned in the version of {_today()}"
        " of story.txt, but none of its aliases is in this version any more"
    ]
