"""`annotated-reader check`, run as a user runs it: exit codes, exact lines, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotations import builtin

REPO = Path(__file__).parents[2]
BAD = Path("tests/data/cards")  # relative to REPO, as a user in the checkout would type it
ARTICLES = Path("tests/data/articles")

CARDS = """\
version: 1
cards:
  - id: turkey
    title: Turkey
    kind: place
    summary: The country.
    aliases: [Turkey, Türkiye, Turkiye]
    see_also: [nato]
    as_of: 2021-09-29
  - id: ankara
    title: Ankara
    kind: place
    summary: Its capital.
    aliases:
      - Ankara
      - Turkey
    quotes:
      - {exact: capital city}
    as_of: 2021-09-29
  - id: nato
    title: NATO
    kind: organisation
    summary: The alliance.
    aliases: [NATO]
    quotes:
      - {exact: member Turkey, prefix: "NATO "}
    as_of: 2021-09-29
"""
ARTICLE = "NATO member Turkey met Russia. Türkiye again.\n"


def check(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "check", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


def test_builtin_cards_are_clean_against_the_builtin_article():
    cards = builtin.cards_path()
    if not cards.exists():
        pytest.skip("the built-in cards file is not written yet")
    result = check(cards, "--article", "builtin")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("ok: ")
    assert result.stdout.rstrip().endswith(
        "cards in 1 file(s), checked against sochi-2021.txt; 0 warning(s)"
    )
    count = int(result.stdout.split()[1])
    assert count >= 18


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        (
            "yaml_syntax_error",
            [
                "8:14: YAML syntax error: a bracket [ opened here is not closed"
                " (the parser gave up on line 9: did not find expected ',' or ']')"
            ],
        ),
        ("duplicate_id", ["11: cards[1].id: duplicate id 'putin' (first used at {path}:4)"]),
        ("see_also_unknown_id", ["9: cards[0].see_also[1]: 'otan' is not the id of any card"]),
        (
            "python_tag",
            [
                "7: cards[0].summary: the tag 'tag:yaml.org,2002:python/object/apply:os.system'"
                " is not allowed"
            ],
        ),
        ("empty", [" the file is empty; expected 'version: 1' and 'cards:'"]),
        (
            "not_utf8",
            [
                "7: is not valid utf-8 text (byte 0x93 at offset 153); cards files must be UTF-8:"
                " save it again as UTF-8"
            ],
        ),
        (
            "several_errors",
            [
                "6: cards[0].kind: 'president' is not a kind"
                " (one of: person, place, organisation, thing, event, term)",
                "8: cards[0].aliases[1]: must not be empty",
                "9: cards[0].as_of: expected a date like 2021-09-29, got text",
                "10: cards[1]: missing required key 'summary'",
                "10: cards[1].id: 'Erdogan' is not a valid id (lowercase letters, digits, hyphens)",
                "11: cards[1].title: expected text, got 1e3, which YAML 1.2 reads as a number"
                " (put it in quotes to make it text)",
                "15: cards[1].colour: unknown key 'colour' (allowed: id, title, kind, summary,"
                " body, aliases, quotes, see_also, as_of, sources, erratum, case_sensitive, later)",
                "19: cards[2].summary: must be a single line",
                "20: cards[2].aliases: must not be an empty list (leave the key out instead)",
                "22: cards[2].sources[0].url: 'www.nato.int' is not an http(s) address",
            ],
        ),
    ],
)
def test_bad_files_exit_1_with_every_error(name, lines):
    path = BAD / f"{name}.yaml"
    result = check(path)
    assert result.returncode == 1
    assert result.stdout == ""
    expected = [f"error: {path}:{line}".replace("{path}", str(path)) for line in lines]
    assert result.stderr.splitlines() == [*expected, f"{len(lines)} error(s), 0 warning(s)"]


def test_every_bad_file_fails_cleanly():
    for path in sorted((REPO / BAD).glob("*.yaml")):
        result = check(BAD / path.name)
        assert result.returncode == 1, path.name
        assert result.stderr.startswith(f"error: {BAD / path.name}"), path.name


def test_errors_in_several_files_at_once():
    result = check(BAD / "bad_kind.yaml", BAD / "bad_url.yaml", BAD / "tab_indentation.yaml")
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()[:-1]] == ["error"] * 3
    assert result.stderr.splitlines()[-1] == "3 error(s), 0 warning(s)"


def test_warnings_for_links_exit_0(tmp_path):
    (tmp_path / "cards.yaml").write_text(CARDS, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = check("cards.yaml", "--article", "article.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        # "Turkey" occurs, but only inside NATO's quote "member Turkey", which wins.
        "warning: cards.yaml:7: cards[0].aliases[0]: alias 'Turkey' links nothing in article.txt",
        "warning: cards.yaml:7: cards[0].aliases[2]: alias 'Turkiye' links nothing in article.txt",
        "warning: cards.yaml:10: cards[1]: card 'ankara' is not mentioned in article.txt",
        "warning: cards.yaml:15: cards[1].aliases[0]: alias 'Ankara' links nothing in article.txt",
        "warning: cards.yaml:16: cards[1].aliases[1]: alias 'Turkey' is also claimed by card"
        " 'turkey'; it links there",
        "warning: cards.yaml:18: cards[1].quotes[0]: quote 'capital city' is not found in"
        " article.txt",
    ]
    assert result.stdout == (
        "ok: 3 cards in 1 file(s), checked against article.txt; 6 warning(s)\n"
    )


def test_alias_claimed_twice_is_a_warning_even_without_an_article(tmp_path):
    (tmp_path / "cards.yaml").write_text(CARDS, encoding="utf-8")
    result = check("cards.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == (
        "warning: cards.yaml:16: cards[1].aliases[1]: alias 'Turkey' is also claimed by card"
        " 'turkey'; it links there\n"
    )
    assert result.stdout == "ok: 3 cards in 1 file(s); 1 warning(s)\n"


def test_missing_article_exits_2(tmp_path):
    (tmp_path / "cards.yaml").write_text(CARDS, encoding="utf-8")
    result = check("cards.yaml", "--article", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: missing.txt: no such article file\n"
    assert result.stdout == ""


def test_article_in_another_encoding(tmp_path):
    cards = tmp_path / "cards.yaml"
    cards.write_text(
        "version: 1\ncards:\n  - id: erdogan\n    title: Erdogan\n    kind: person\n"
        "    summary: President of Turkey.\n    aliases: [Erdogan]\n    as_of: 2021-09-29\n",
        encoding="utf-8",
    )
    article = REPO / ARTICLES / "cp1252.txt"
    refused = check(cards, "--article", article)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"error: {article}:1: is not valid utf-8 text (byte 0x92 at offset 7); if it is text in"
        " another encoding, give --encoding, for example --encoding cp1252\n"
    )
    accepted = check(cards, "--article", article, "--encoding", "cp1252")
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stderr == ""
    assert accepted.stdout == "ok: 1 cards in 1 file(s), checked against cp1252.txt; 0 warning(s)\n"


def test_missing_cards_file_exits_1(tmp_path):
    result = check("nope.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "error: nope.yaml: no such cards file\n1 error(s), 0 warning(s)\n"


def test_no_arguments_is_a_usage_error():
    result = check()
    assert result.returncode == 2
    assert result.stderr.startswith("usage: annotated-reader check")
    assert "the following arguments are required: CARDS.yaml" in result.stderr


def test_oversized_cards_file_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)
    result = check(path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {path}: cards file is 16,777,217 bytes; the limit is 16,777,216 bytes"
    )
