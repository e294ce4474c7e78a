"""`check` on card libraries (folders) and `check --format json`; the reader's library errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotations import builtin

REPO = Path(__file__).parents[2]

CARD = """\
  - id: {id}
    title: {alias}
    kind: person
    summary: Someone in the library.
    aliases: [{alias}]
    as_of: 2021-09-29
"""


def cards_file(path: Path, *cards: tuple[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(CARD.format(id=i, alias=alias) for i, alias in cards)
    path.write_text("version: 1\ncards:\n" + body, encoding="utf-8")
    return path


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def test_check_a_library_folder(tmp_path):
    cards_file(tmp_path / "lib" / "a.cards.yaml", ("putin", "Putin"))
    cards_file(tmp_path / "lib" / "b" / "b.cards.yaml", ("erdogan", "Erdogan"))
    result = run("check", "lib", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: 2 cards in 2 file(s); 0 warning(s)\n"


def test_check_names_both_files_of_a_duplicate_id_and_of_an_alias_claimed_twice(tmp_path):
    cards_file(tmp_path / "lib" / "a.cards.yaml", ("putin", "Putin"))
    cards_file(tmp_path / "lib" / "b.cards.yaml", ("vladimir", "Putin"))
    claimed = run("check", "lib", cwd=tmp_path)
    assert claimed.returncode == 0
    assert claimed.stderr == (
        "warning: lib/b.cards.yaml:7: cards[0].aliases[0]: alias 'Putin' is also claimed by card"
        " 'putin' in lib/a.cards.yaml:7; it links there\n"
    )
    cards_file(tmp_path / "lib" / "c.cards.yaml", ("putin", "V. Putin"))
    duplicate = run("check", "lib", cwd=tmp_path)
    assert duplicate.returncode == 1
    assert duplicate.stderr.splitlines() == [
        "error: lib/c.cards.yaml:3: cards[0].id: duplicate id 'putin' (first used at "
        "lib/a.cards.yaml:3)",
        "1 error(s), 0 warning(s)",
    ]


def test_check_format_json_clean_warnings_and_errors(tmp_path):
    cards_file(tmp_path / "lib" / "a.cards.yaml", ("putin", "Putin"))
    cards_file(tmp_path / "lib" / "b.cards.yaml", ("vladimir", "Putin"))
    clean = run("check", "lib", "--format", "json", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stderr == ""
    document = json.loads(clean.stdout)
    assert document["ok"] is True and document["exit"] == 0
    assert document["cards"] == 2
    assert document["files"] == ["lib/a.cards.yaml", "lib/b.cards.yaml"]
    assert document["problems"] == [
        {
            "file": "lib/b.cards.yaml",
            "line": 7,
            "column": None,
            "severity": "warning",
            "field": "cards[0].aliases[0]",
            "message": "alias 'Putin' is also claimed by card 'putin' in lib/a.cards.yaml:7; "
            "it links there",
        }
    ]
    (tmp_path / "lib" / "c.cards.yaml").write_text("version: 1\ncards: [\n", encoding="utf-8")
    broken = run("check", "lib", "--format", "json", cwd=tmp_path)
    assert broken.returncode == 1 and broken.stderr == ""
    document = json.loads(broken.stdout)
    assert document["ok"] is False and document["exit"] == 1 and document["errors"] == 1
    (error,) = [p for p in document["problems"] if p["severity"] == "error"]
    assert error["file"] == "lib/c.cards.yaml"
    assert isinstance(error["line"], int) and isinstance(error["column"], int)
    assert set(error) == {"file", "line", "column", "severity", "field", "message"}


def test_check_format_json_for_an_unreadable_article(tmp_path):
    cards_file(tmp_path / "a.cards.yaml", ("putin", "Putin"))
    result = run("check", "a.cards.yaml", "--article", "gone.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert document["exit"] == 2
    assert document["problems"][0]["message"] == "no such article file"


def test_check_a_folder_without_cards_files(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("check", "empty", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "error: empty: no *.cards.yaml file in this folder"


def test_the_reader_refuses_a_missing_library_folder_before_the_screen(tmp_path):
    result = run("builtin", cwd=tmp_path, env={"ANNOTATED_READER_CARDS": str(tmp_path / "gone")})
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path / 'gone'}: no such folder (from ANNOTATED_READER_CARDS)\n"
    )


def test_the_reader_reports_a_duplicate_id_between_its_cards_and_a_library(tmp_path):
    library = tmp_path / "lib"
    cards_file(library / "a.cards.yaml", ("putin", "Putin"))
    result = run(
        "builtin",
        "--cards",
        builtin.cards_path(),
        "--cards",
        "lib",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: lib/a.cards.yaml:3: cards[0].id: duplicate id 'putin' (first")
    assert str(builtin.cards_path()) in line
