"""Hostile cards and notes files: each refused with its exact message, in bounded memory.

Every file is loaded in a subprocess whose address space is capped with RLIMIT_AS, so a bomb
that got past the loader would fail the test with a MemoryError instead of swapping the machine;
the subprocess timeout only guards against a hang (nothing here asserts a duration).

The small files live under tests/data/hostile/ beside the 71 under tests/data/cards/ and
tests/data/notes/, which run here too, under the same limit. Files too big to keep in the repo
(huge scalars, a million keys, files at and over the 16 MiB limit) are written to tmp_path.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import files
from tests.model.test_cards_errors import EXPECTED as CARDS_EXPECTED
from tests.model.test_cards_errors import expected_lines as cards_expected_lines
from tests.model.test_notes_file import EXPECTED as NOTES_EXPECTED

DATA = Path(__file__).parents[1] / "data"
HOSTILE = DATA / "hostile"
GiB = 1 << 30
MiB = 1 << 20

_CARD_KEYS = (
    "allowed: id, title, kind, summary, body, aliases, quotes, see_also, as_of, sources, erratum,"
    " case_sensitive, later"
)
_NOTE_KEYS = "allowed: id, quote, position, note, tags, color, created, updated, conflict, made_on"
_QUOTE_IT = " (put it in quotes to make it text)"

# What the user reads after "PATH:" for each file under tests/data/hostile/.
HOSTILE_CARDS: dict[str, list[str]] = {
    "binary_tag": ["7: cards[0].summary: the tag 'tag:yaml.org,2002:binary' is not allowed"],
    "complex_key": ["10: cards[0]: keys must be text, not a list or mapping"],
    # The key's escape sequences show as symbols, and its markup as text (never a live link).
    "control_chars_in_key": [
        "10: cards[0].␛]52;c;aGVsbG8=␇[@click=app.quit]x[/]: unknown key"
        f" '\\x1b]52;c;aGVsbG8=\\x07[@click=app.quit]x[/]' ({_CARD_KEYS})"
    ],
    "explicit_tag_on_a_bad_value": ["5: cards[0].title: '' is not a valid !!int"],
    "hex_number_as_title": ["5: cards[0].title: a number too large to read (5,002 characters)"],
    "huge_number_as_version": ["2: version: a number too large to read (5,000 characters)"],
    "infinity_as_title": [f"5: cards[0].title: expected text, got a number (inf){_QUOTE_IT}"],
    "local_tag": ["6: cards[0].kind: the tag '!place' is not allowed"],
    "nul_byte": ["5: the control character U+0000 is not allowed in YAML; remove it"],
    "null_key": [f"10: cards[0]: keys must be text, not '~'{_QUOTE_IT}"],
    "null_title": ["5: cards[0].title: expected text, got nothing (null)"],
    "octal_as_id": [
        f"4: cards[0].id: expected text, got 0o17, which YAML 1.2 reads as a number{_QUOTE_IT}"
    ],
    "set_tag": ["8: cards[0].aliases: the tag 'tag:yaml.org,2002:set' is not allowed"],
    "sexagesimal_title": [f"5: cards[0].title: expected text, got a number (750){_QUOTE_IT}"],
    "timestamp_as_summary": [
        f"7: cards[0].summary: expected text, got a date (2021-09-29T10:00:00){_QUOTE_IT}"
    ],
    "utf16": [" looks like a binary file, not a cards text"],
    "yes_as_alias": [f"8: cards[0].aliases[0]: expected text, got true/false (true){_QUOTE_IT}"],
}
HOSTILE_NOTES: dict[str, list[str]] = {
    "binary_number_as_position": [
        "12: notes[0].position.start: a number too large to read (20,002 characters)"
    ],
    "control_chars_in_key": [
        "19: notes[0].␛]0;pwned␇[@click=app.quit]x[/]: unknown key"
        f" '\\x1b]0;pwned\\x07[@click=app.quit]x[/]' ({_NOTE_KEYS})"
    ],
    "explicit_tag_on_a_bad_value": ["16: notes[0].color: 'maybe' is not a valid !!bool"],
    "float_as_position": [
        "12: notes[0].position.start: expected a whole number (0 or more), got a number (2511.0)"
    ],
    "huge_number_as_position": [
        "12: notes[0].position.end: a number too large to read (5,000 characters)"
    ],
    "local_tag": ["13: notes[0].note: the tag '!secret' is not allowed"],
    "non_string_key": [f"19: notes[0]: keys must be text, not '2021'{_QUOTE_IT}"],
    "nul_byte": ["14: the control character U+0000 is not allowed in YAML; remove it"],
    "sexagesimal_title": [f"4: article.title: expected text, got a number (750){_QUOTE_IT}"],
    "timestamp_as_note": [
        f"13: notes[0].note: expected text, got a date (2026-11-28T05:00:00+00:00){_QUOTE_IT}"
    ],
    "utf16": [" looks like a binary file, not a notes text"],
    "yes_as_tag": [f"15: notes[0].tags[1]: expected text, got true/false (true){_QUOTE_IT}"],
    "yes_key": [f"19: keys must be text, not 'yes'{_QUOTE_IT}"],
}

# Loads each (kind, path) given on stdin and prints, as JSON, each file's error text (None
# when it loaded). Any other exception, MemoryError included, fails the process.
LOADER = r"""
import json, sys
from pathlib import Path
from annotations.cards.load import load_cards
from annotations.errors import AnnotationError
from annotations.notes.file import load_notes
results = {}
for kind, name in json.load(sys.stdin):
    try:
        load_cards([Path(name)]) if kind == "cards" else load_notes(Path(name))
        results[name] = None
    except AnnotationError as error:
        results[name] = str(error)
print(json.dumps(results))
"""


def load_limited(items: list[tuple[str, Path]], *, limit: int = GiB) -> dict[str, str | None]:
    """Load files in a subprocess limited to `limit` bytes of memory; each one's error text."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-c", LOADER],
        input=json.dumps([(kind, str(path)) for kind, path in items]),
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard only
        preexec_fn=cap_memory,
        env={**os.environ, "ANNOTATED_READER_CACHE_DIR": "off"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr == ""
    return json.loads(result.stdout)


def refused(kind: str, path: Path, *, limit: int = GiB) -> list[str]:
    message = load_limited([(kind, path)], limit=limit)[str(path)]
    assert message is not None, f"{path} loaded"
    return message.splitlines()


def _data_files() -> list[tuple[str, Path, list[str]]]:
    cases = []
    for name in sorted(CARDS_EXPECTED):
        path = DATA / "cards" / f"{name}.yaml"
        cases.append(("cards", path, cards_expected_lines(path, name)))
    for name in sorted(NOTES_EXPECTED):
        path = DATA / "notes" / f"{name}.yaml"
        cases.append(("notes", path, [f"{path}:{line}" for line in NOTES_EXPECTED[name]]))
    for kind, expected in (("cards", HOSTILE_CARDS), ("notes", HOSTILE_NOTES)):
        for name in sorted(expected):
            path = HOSTILE / kind / f"{name}.yaml"
            cases.append((kind, path, [f"{path}:{line}" for line in expected[name]]))
    return cases


DATA_FILES = _data_files()


@pytest.fixture(scope="module")
def data_file_messages() -> dict[str, str | None]:
    """Every data file, loaded once in one memory-limited subprocess."""
    return load_limited([(kind, path) for kind, path, _ in DATA_FILES])


def test_every_hostile_file_has_an_expectation_and_there_are_enough():
    for kind, expected in (("cards", HOSTILE_CARDS), ("notes", HOSTILE_NOTES)):
        assert {path.stem for path in (HOSTILE / kind).glob("*.yaml")} == set(expected)
    assert len(DATA_FILES) >= 30 + len(HOSTILE_CARDS) + len(HOSTILE_NOTES)


@pytest.mark.parametrize(
    ("kind", "path", "expected"),
    DATA_FILES,
    ids=[f"{kind}-{path.parent.parent.name}-{path.stem}" for kind, path, _ in DATA_FILES],
)
def test_bad_file_is_refused_in_bounded_memory_with_its_exact_message(
    data_file_messages, kind, path, expected
):
    message = data_file_messages[str(path)]
    assert message is not None, f"{path} loaded"
    assert message.splitlines() == expected


# Files written for each run ------------------------------------------------------------------

CARD = (
    "version: 1\n"
    "cards:\n"
    "  - id: norway\n"
    "    title: Norway\n"
    "    kind: place\n"
    "    summary: A country in northern Europe.\n"
    "    aliases: [Norway]\n"
    "    as_of: 2021-09-29\n"
)
NOTES = (DATA / "notes_valid.yaml").read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def clipped(text: str) -> str:
    """A message part as shown when it is longer than 400 characters (errors.MAX_SHOWN)."""
    return f"{text[:266]}… ({len(text) - 399:,} characters not shown) …{text[-133:]}"


def test_a_huge_scalar_where_a_line_of_text_belongs(tmp_path):
    size = 15 * MiB
    path = write(tmp_path / "c.yaml", CARD.replace("A country in northern Europe.", "s" * size))
    assert refused("cards", path) == [
        f"{path}:6: cards[0].summary: is 15,728,640 characters long; at most 160"
    ]
    path = write(tmp_path / "n.yaml", NOTES.replace("color: yellow", "color: " + "y" * size))
    colours = "is not a colour (one of: yellow, green, blue, pink, purple)"
    assert refused("notes", path) == [
        f"{path}:15: notes[0].color: {clipped(repr('y' * size) + ' ' + colours)}"
    ]


def test_a_huge_body_and_a_huge_note(tmp_path):
    path = write(tmp_path / "c.yaml", CARD + "    body: " + "b" * 200_000 + "\n")
    assert refused("cards", path) == [
        f"{path}:9: cards[0].body: is 200,000 characters long; at most 100,000"
    ]
    # A note's own text has no length limit (the reader wrote it), only the file's size limit:
    # a 15 MiB note still loads, within the same memory bound.
    note = "n" * (15 * MiB)
    path = write(tmp_path / "n.yaml", NOTES.replace("Ellehuus's framing", note))
    assert load_limited([("notes", path)]) == {str(path): None}


def test_a_huge_key_is_shown_cut_short(tmp_path):
    key = "k" * (15 * MiB)
    path = write(tmp_path / "c.yaml", CARD + f"    ? {key}\n    : 1\n")
    assert refused("cards", path) == [
        f"{path}:10: {clipped('cards[0].' + key)}: {clipped(f'unknown key {key!r} ({_CARD_KEYS})')}"
    ]
    path = write(tmp_path / "n.yaml", NOTES + f"    ? {key}\n    : 1\n")
    assert refused("notes", path) == [
        f"{path}:19: {clipped('notes[0].' + key)}: "
        + clipped(f"unknown key {key!r} ({_NOTE_KEYS})")
    ]


@pytest.mark.parametrize("kind", ["cards", "notes"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, kind):
    path = tmp_path / f"huge.{kind}.yaml"
    with path.open("wb") as handle:
        handle.truncate(files.MAX_YAML_BYTES + 1)  # sparse: nothing written to disk
    assert refused(kind, path) == [
        f"{path}: {kind} file is 16,777,217 bytes; the limit is 16,777,216 bytes"
    ]
    assert f"{files.MAX_YAML_BYTES:,}" == "16,777,216"  # 16 MiB, the limit the README states


def test_thousands_of_problems_are_cut_to_the_first_hundred(tmp_path):
    keys = "".join(f"    k{index:03}: 1\n" for index in range(150))
    path = write(tmp_path / "c.yaml", CARD + keys)
    assert refused("cards", path) == [
        f"{path}: more than 100 problems; the first 100 are listed (checking stopped at line 109)",
        *(
            f"{path}:{9 + i}: cards[0].k{i:03}: unknown key 'k{i:03}' ({_CARD_KEYS})"
            for i in range(100)
        ),
    ]
    head = NOTES.split("notes:\n")[0] + "notes:\n"
    path = write(tmp_path / "n.yaml", head + "  - x\n" * 300_000)
    assert refused("notes", path) == [
        f"{path}: more than 100 problems; the first 100 are listed (checking stopped at line 106)",
        *(f"{path}:{6 + i}: notes[{i}]: expected a mapping of keys, got text" for i in range(100)),
    ]


def test_a_million_keys_in_one_mapping(tmp_path):
    keys = ", ".join(f"k{index}: 1" for index in range(1_000_000))
    path = write(tmp_path / "c.yaml", "version: 1\ncards:\n  - {" + keys + "}\n")
    assert refused("cards", path) == [
        f"{path}:3: cards[0]: too many keys in one mapping (more than 1,000)"
    ]
    path = write(tmp_path / "n.yaml", NOTES.replace("notes:\n", "notes:\n  - {" + keys + "}\n"))
    assert refused("notes", path) == [
        f"{path}:6: notes[0]: too many keys in one mapping (more than 1,000)"
    ]


def test_millions_of_values_stop_at_the_limit(tmp_path):
    # Two characters a value: the most a file under the size limit can pack (8 million).
    path = write(tmp_path / "c.yaml", "version: 1\ncards:\n  - [" + "x," * 2_100_000 + "x]\n")
    assert path.stat().st_size < files.MAX_YAML_BYTES
    assert refused("cards", path) == [
        f"{path}:3: cards[0][1999999]: too many values in one file (more than 2,000,000)"
    ]


def test_millions_of_numbers_do_not_pile_up_in_memory(tmp_path):
    # Every number used to be kept by PyYAML's constructor: 2 million of them took ~1.2 GB.
    head = NOTES.split("notes:\n")[0]
    path = write(tmp_path / "n.yaml", head + "notes: [" + "1," * 2_100_000 + "1]\n")
    assert refused("notes", path, limit=768 * MiB) == [
        f"{path}:5: notes[1999996]: too many values in one file (more than 2,000,000)"
    ]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "cards",
            "version: 1\ncards: " + "[" * 8_000_000 + "\n",
            # Depending on the libyaml build, its scanner (at column 1007) or our own limit (at
            # the 33rd level) stops it first: either names line 2 and says why.
            (":2:1007: ", ":2: cards" + "[0]" * 32 + ": "),
        ),
        (
            "notes",
            NOTES.split("notes:\n")[0] + "notes: " + "{a: " * 3_000_000 + "\n",
            (":5: notes" + ".a" * 32 + ": ",),
        ),
    ],
    ids=["cards-flow-lists", "notes-flow-mappings"],
)
def test_nesting_as_deep_as_the_size_limit_allows(tmp_path, kind, text, expected):
    path = write(tmp_path / f"deep.{kind}.yaml", text)
    why = "nested too deeply (more than 32 levels)"
    assert refused(kind, path) in [[f"{path}{where}{why}"] for where in expected]


def test_a_billion_laughs_as_big_as_yaml_allows(tmp_path):
    # Ten levels of ten aliases: 10**10 strings if expanded. Refused at the first alias.
    levels = ['a0: &a0 "' + "lol" * 1000 + '"']
    for level in range(1, 11):
        levels.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    path = write(tmp_path / "bomb.yaml", "\n".join(levels) + "\n")
    message = (
        "1: a0: anchors and aliases (&name, *name) are not allowed; this value is repeated at a1[0]"
    )
    assert load_limited([("cards", path), ("notes", path)]) == {str(path): f"{path}:{message}"}
