"""Bad cards files: one file per kind of bad input, each refused with its exact message lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotations import files
from annotations.cards.load import load_cards, parse_cards
from annotations.errors import AnnotationError

BAD = Path(__file__).parents[1] / "data" / "cards"

_ALLOWED_CARD_KEYS = (
    "allowed: id, title, kind, summary, body, aliases, quotes, see_also, as_of, sources, erratum,"
    " case_sensitive, later"
)
_KINDS = "one of: person, place, organisation, thing, event, term"

# Each bad file, and every line the user reads after "PATH:" (a line number, with a column for
# syntax errors, or a space when the problem is the whole file). "{path}" stands for the file
# again, where a message names a second place in it.
EXPECTED: dict[str, list[str]] = {
    "yaml_syntax_error": [
        "8:14: YAML syntax error: a bracket [ opened here is not closed"
        " (the parser gave up on line 9: did not find expected ',' or ']')"
    ],
    "tab_indentation": [
        "6:1: YAML syntax error: a tab character here; indent YAML with spaces, not tabs"
    ],
    "two_documents": [
        "10:1: YAML syntax error: expected a single document in the stream,"
        " but found another document"
    ],
    "unknown_top_level_key": ["3: author: unknown key 'author' (allowed: version, article, cards)"],
    "unknown_card_key": [
        f"8: cards[0].alias: unknown key 'alias' (did you mean 'aliases'? {_ALLOWED_CARD_KEYS})"
    ],
    "number_as_title": [
        "5: cards[0].title: expected text, got 1e3, which YAML 1.2 reads as a number"
        " (put it in quotes to make it text)"
    ],
    "bool_as_title": [
        "5: cards[0].title: expected text, got true/false (false)"
        " (put it in quotes to make it text)"
    ],
    "date_as_id": [
        "4: cards[0].id: expected text, got a date (2021-09-29) (put it in quotes to make it text)"
    ],
    "missing_required_field": ["4: cards[0]: missing required key 'summary'"],
    "duplicate_id": ["11: cards[1].id: duplicate id 'putin' (first used at {path}:4)"],
    "see_also_unknown_id": ["9: cards[0].see_also[1]: 'otan' is not the id of any card"],
    "empty_aliases": ["8: cards[0].aliases: must not be an empty list (leave the key out instead)"],
    "empty_alias_string": ["10: cards[0].aliases[1]: must not be empty"],
    "bad_id_pattern": [
        "4: cards[0].id: 'Rachel_Ellehuus' is not a valid id (lowercase letters, digits, hyphens)"
    ],
    "bad_kind": [f"6: cards[0].kind: 'country' is not a kind ({_KINDS})"],
    "summary_too_long": ["7: cards[0].summary: is 161 characters long; at most 160"],
    "summary_multi_line": ["7: cards[0].summary: must be a single line"],
    "bad_url": [
        "12: cards[0].sources[1].url: 'ftp://example.org/nato.txt' is not an http(s) address"
    ],
    "bad_as_of": [
        "9: cards[0].as_of: '2021-02-30' is not a valid date (day is out of range for month)"
    ],
    "as_of_not_a_date": ["9: cards[0].as_of: expected a date like 2021-09-29, got text"],
    "wrong_version": ["2: version: unsupported version 2 (this reader reads 1)"],
    "version_as_text": ["2: version: expected a whole number, got text"],
    "duplicate_key": ["8: cards[0].title: duplicate key (each key may appear once)"],
    "alias_bomb": [
        "2: a: anchors and aliases (&name, *name) are not allowed; this value is repeated at b[0]"
    ],
    "merge_key": ["4: cards[0]: merge keys (<<) are not allowed"],
    "python_tag": [
        "7: cards[0].summary: the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        " is not allowed"
    ],
    "deep_nesting": ["3: cards" + "[0]" * 32 + ": nested too deeply (more than 32 levels)"],
    "non_string_key": [
        "10: cards[0]: keys must be text, not '2021' (put it in quotes to make it text)"
    ],
    "empty": [" the file is empty; expected 'version: 1' and 'cards:'"],
    "not_a_mapping": ["2: expected a mapping of keys, got a list"],
    "cards_not_a_list": ["4: cards: expected a list, got a mapping"],
    "quote_without_exact": ["9: cards[0].quotes[0]: missing required key 'exact'"],
    "no_aliases_no_quotes": [
        "4: cards[0].aliases: the card has no aliases and no quotes, so nothing can link to it"
    ],
    "not_utf8": [
        "7: is not valid utf-8 text (byte 0x93 at offset 153); cards files must be UTF-8:"
        " save it again as UTF-8"
    ],
    "several_errors": [
        f"6: cards[0].kind: 'president' is not a kind ({_KINDS})",
        "8: cards[0].aliases[1]: must not be empty",
        "9: cards[0].as_of: expected a date like 2021-09-29, got text",
        "10: cards[1]: missing required key 'summary'",
        "10: cards[1].id: 'Erdogan' is not a valid id (lowercase letters, digits, hyphens)",
        "11: cards[1].title: expected text, got 1e3, which YAML 1.2 reads as a number"
        " (put it in quotes to make it text)",
        f"15: cards[1].colour: unknown key 'colour' ({_ALLOWED_CARD_KEYS})",
        "19: cards[2].summary: must be a single line",
        "20: cards[2].aliases: must not be an empty list (leave the key out instead)",
        "22: cards[2].sources[0].url: 'www.nato.int' is not an http(s) address",
    ],
}


def expected_lines(path: Path, name: str) -> list[str]:
    return [f"{path}:{rest}".replace("{path}", str(path)) for rest in EXPECTED[name]]


def test_every_bad_file_has_an_expectation_and_there_are_enough():
    on_disk = {path.stem for path in BAD.glob("*.yaml")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 24


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_cards_file_is_refused_with_exact_message(name):
    path = BAD / f"{name}.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    assert str(caught.value).splitlines() == expected_lines(path, name)
    assert [str(problem) for problem in caught.value.problems] == expected_lines(path, name)


@pytest.mark.parametrize("name", ["duplicate_id", "several_errors", "tab_indentation"])
def test_relative_path_is_reported_as_given(name, monkeypatch):
    monkeypatch.chdir(BAD.parent.parent.parent)
    path = Path("tests/data/cards") / f"{name}.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    assert str(caught.value).splitlines() == expected_lines(path, name)
    assert str(caught.value).startswith(f"tests/data/cards/{name}.yaml:")


def test_problems_carry_file_line_and_field():
    path = BAD / "see_also_unknown_id.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 9, "cards[0].see_also[1]")


def test_several_errors_are_all_reported_in_line_order():
    with pytest.raises(AnnotationError) as caught:
        load_cards([BAD / "several_errors.yaml"])
    lines = [problem.line for problem in caught.value.problems]
    assert len(lines) == 10
    assert lines == sorted(lines)


def test_errors_in_several_files_are_reported_together():
    first, second = BAD / "bad_kind.yaml", BAD / "bad_url.yaml"
    with pytest.raises(AnnotationError) as caught:
        load_cards([second, first])
    assert str(caught.value).splitlines() == [
        *expected_lines(first, "bad_kind"),
        *expected_lines(second, "bad_url"),
    ]


def test_duplicate_id_across_files_names_the_first_file(tmp_path):
    card = (
        "version: 1\ncards:\n  - id: nato\n    title: NATO\n    kind: organisation\n"
        "    summary: The alliance.\n    aliases: [NATO]\n    as_of: 2021-09-29\n"
    )
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(card, encoding="utf-8")
    two.write_text("# again\n" + card, encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_cards([one, two])
    assert str(caught.value) == f"{two}:4: cards[0].id: duplicate id 'nato' (first used at {one}:3)"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.cards.yaml"
    with path.open("wb") as handle:
        handle.truncate(files.MAX_YAML_BYTES + 1)  # sparse: no 16 MiB written to disk
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    assert str(caught.value) == (
        f"{path}: cards file is 16,777,217 bytes; the limit is 16,777,216 bytes"
    )


def test_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "padded.yaml"
    body = "version: 1\ncards:\n  - id: nato\n    title: NATO\n    kind: organisation\n" + (
        "    summary: The alliance.\n    aliases: [NATO]\n    as_of: 2021-09-29\n"
    )
    path.write_text(body + "#" * 1000 + "\n", encoding="utf-8")
    assert len(load_cards([path])) == 1


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(AnnotationError) as caught:
        load_cards([tmp_path / "nope.yaml", tmp_path])
    assert str(caught.value).splitlines() == [
        f"{tmp_path}: is a folder, not a cards file",
        f"{tmp_path / 'nope.yaml'}: no such cards file",
    ]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "cards.yaml"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    assert str(caught.value) == f"{path}: looks like a binary file, not a cards text"


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    text = (BAD / "bad_kind.yaml").read_text(encoding="utf-8").replace("country", "place")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [card] = load_cards([path]).cards
    assert (card.id, card.kind, card.line) == ("turkey", "place", 4)


def test_comment_only_file_is_empty():
    with pytest.raises(AnnotationError) as caught:
        parse_cards("# nothing here\n\n", "c.yaml")
    assert str(caught.value) == "c.yaml: the file is empty; expected 'version: 1' and 'cards:'"


def test_billion_laughs_is_refused_without_expanding():
    text = (BAD / "alias_bomb.yaml").read_text(encoding="utf-8")
    with pytest.raises(AnnotationError, match="anchors and aliases"):
        parse_cards(text, "bomb.yaml")


def test_a_single_alias_is_refused_too():
    text = (
        "version: 1\ncards:\n  - &card\n    id: nato\n    title: NATO\n    kind: organisation\n"
        "    summary: The alliance.\n    aliases: [NATO]\n    as_of: 2021-09-29\n  - *card\n"
    )
    with pytest.raises(AnnotationError) as caught:
        parse_cards(text, "c.yaml")
    assert str(caught.value) == (
        "c.yaml:3: cards[0]: anchors and aliases (&name, *name) are not allowed;"
        " this value is repeated at cards[1]"
    )


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\ncards: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "version: 1\ncards: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "version: 1\ncards:\n" + "".join("  " * i + "- \n" for i in range(3_000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_pathological_nesting_is_refused_without_crashing(text, tmp_path):
    # In a subprocess: libyaml's recursive composer used to overflow the C stack here, which
    # kills the process outright; a regression must fail this test, not the whole run.
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from annotations.cards.load import load_cards\n"
        "from annotations.errors import AnnotationError\n"
        "try:\n"
        "    load_cards([Path(sys.argv[1])])\n"
        "except AnnotationError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"{path}:")
    assert result.stdout.rstrip().endswith("nested too deeply (more than 32 levels)")


def test_problems_within_and_across_cards_come_together():
    text = (
        "version: 1\n"
        "cards:\n"
        "  - {id: a, title: A, kind: person, summary: s, as_of: 2026-01-01, aliases: [A]}\n"
        "  - {id: a, title: B, kind: person, summary: s, as_of: 2026-01-01, aliases: [B]}\n"
        "  - {id: c, title: 7, kind: person, summary: s, as_of: 2026-01-01, aliases: [C]}\n"
        "  - {id: d, title: D, kind: person, summary: s, as_of: 2026-01-01, aliases: [D],\n"
        "     see_also: [c, nowhere]}\n"
    )
    with pytest.raises(AnnotationError) as caught:
        parse_cards(text, "f.yaml")
    assert str(caught.value).splitlines() == [
        "f.yaml:4: cards[1].id: duplicate id 'a' (first used at f.yaml:3)",
        "f.yaml:5: cards[2].title: expected text, got a number (7)"
        " (put it in quotes to make it text)",
        "f.yaml:7: cards[3].see_also[1]: 'nowhere' is not the id of any card",
    ]
