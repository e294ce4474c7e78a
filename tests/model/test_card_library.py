"""Card libraries: --cards files and folders, the variable, ids and aliases across files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations import builtin
from annotations.cards.check import check_files
from annotations.cards.library import (
    LIBRARY_VARIABLE,
    article_card_files,
    library_folders,
    load_library,
    resolve_card_files,
)
from annotations.errors import AnnotationError
from annotations.reading import open_reading

CARD = """\
  - id: {id}
    title: {title}
    kind: person
    summary: Someone in the library.
    aliases: [{alias}]
    as_of: 2021-09-29
"""


def cards_file(path: Path, *cards: tuple[str, str]) -> Path:
    """A cards file at `path` with one card per (id, alias)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(CARD.format(id=i, title=alias, alias=alias) for i, alias in cards)
    path.write_text("version: 1\ncards:\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "library"
    cards_file(folder / "people" / "leaders.cards.yaml", ("putin", "Putin"), ("erdogan", "Erdogan"))
    cards_file(folder / "places" / "sochi.cards.yaml", ("sochi", "Sochi"))
    (folder / "places" / "notes.txt").write_text("not a cards file", encoding="utf-8")
    return folder


def test_a_folder_stands_for_every_cards_file_under_it(library):
    files = resolve_card_files([library])
    assert [path.relative_to(library).as_posix() for path in files] == [
        "people/leaders.cards.yaml",
        "places/sochi.cards.yaml",
    ]
    assert {card.id for card in load_library([library], environ={}).cards} == {
        "putin",
        "erdogan",
        "sochi",
    }


def test_an_id_in_two_files_of_a_folder_names_both_files_and_lines(library):
    second = cards_file(library / "z" / "more.cards.yaml", ("nato", "NATO"), ("putin", "V. Putin"))
    with pytest.raises(AnnotationError) as error:
        load_library([library], environ={})
    (problem,) = error.value.problems
    first = library / "people" / "leaders.cards.yaml"
    assert (problem.file, problem.line) == (str(second), 9)
    assert problem.message == f"duplicate id 'putin' (first used at {first}:3)"


def test_an_alias_claimed_in_two_files_is_reported_by_check(library):
    other = cards_file(library / "z" / "more.cards.yaml", ("vladimir", "Putin"))
    report = check_files(resolve_card_files([library]))
    assert not report.errors
    (warning,) = report.warnings
    first = library / "people" / "leaders.cards.yaml"
    assert (warning.file, warning.line, warning.field) == (str(other), 7, "cards[0].aliases[0]")
    assert warning.message == (
        f"alias 'Putin' is also claimed by card 'putin' in {first}:7; it links there"
    )


def test_several_cards_paths_add_up_and_a_file_named_twice_loads_once(library, tmp_path):
    extra = cards_file(tmp_path / "extra.cards.yaml", ("nato", "NATO"))
    leaders = library / "people" / "leaders.cards.yaml"
    files = resolve_card_files([extra, library, leaders])
    assert files == [extra, leaders, library / "places" / "sochi.cards.yaml"]
    reading = open_reading("builtin", [extra, library])
    assert [card.id for card in reading.cards.cards] == ["nato", "putin", "erdogan", "sochi"]
    assert {reading.article.text[m.start : m.end] for m in reading.links.mentions} >= {
        "NATO",
        "Putin",
        "Erdogan",
        "Sochi",
    }


def test_a_folder_with_no_cards_file_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AnnotationError) as error:
        resolve_card_files([tmp_path / "empty"])
    assert str(error.value) == f"{tmp_path / 'empty'}: no *.cards.yaml file in this folder"


def test_the_variable_is_a_list_of_folders_like_path(tmp_path, library):
    other = tmp_path / "other"
    cards_file(other / "orgs.cards.yaml", ("nato", "NATO"))
    value = os.pathsep.join([str(library), "", str(other)])
    assert library_folders({LIBRARY_VARIABLE: value}) == [library, other]
    assert library_folders({}) == []


def test_the_libraries_are_added_to_every_article_after_its_own_cards(
    tmp_path, library, monkeypatch
):
    other = tmp_path / "other"
    cards_file(other / "orgs.cards.yaml", ("csis-library", "Center for Strategic"))
    monkeypatch.setenv(LIBRARY_VARIABLE, os.pathsep.join([str(other)]))
    reading = open_reading("builtin")
    ids = [card.id for card in reading.cards.cards]
    assert ids[-1] == "csis-library" and len(ids) == len(open_builtin_alone()) + 1
    # A plain text file with no sidecar gets the library's cards, and no "no cards" note.
    article = tmp_path / "article.txt"
    article.write_text("Erdogan met Putin in Sochi.\n", encoding="utf-8")
    monkeypatch.setenv(LIBRARY_VARIABLE, str(library))
    reading = open_reading(str(article))
    assert [m.card_id for m in reading.links.mentions] == ["erdogan", "putin", "sochi"]
    assert reading.cards_note == ""


def open_builtin_alone():
    return load_library([builtin.cards_path()], environ={}).cards


def test_a_missing_library_folder_is_an_error_naming_the_variable(tmp_path):
    missing = tmp_path / "gone"
    with pytest.raises(AnnotationError) as error:
        article_card_files([builtin.cards_path()], {LIBRARY_VARIABLE: str(missing)})
    assert str(error.value) == f"{missing}: no such folder (from {LIBRARY_VARIABLE})"


def test_a_library_file_in_both_the_variable_and_cards_loads_once(library):
    environ = {LIBRARY_VARIABLE: str(library)}
    files = article_card_files([library / "places" / "sochi.cards.yaml"], environ)
    assert files[0].name == "sochi.cards.yaml" and len(files) == 2
