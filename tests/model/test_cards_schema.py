"""The cards format's JSON Schema: printed by the CLI, valid, and in step with the validator."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
import yaml

from annotations import builtin
from annotations.cards.load import load_cards, parse_cards
from annotations.cards.schema import CARD_KINDS, MAX_SUMMARY, json_schema
from annotations.errors import AnnotationError
from annotations.yaml.loader import load_yaml

MINIMAL = """\
version: 1
cards:
  - id: nato
    title: NATO
    kind: organisation
    summary: The North Atlantic alliance.
    aliases: [NATO]
    as_of: 2021-09-29
"""


def as_json(value: Any) -> Any:
    """Loaded YAML as a JSON document would hold it: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def printed_schema() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "schema"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def validator_for(printed_schema):
    jsonschema = pytest.importorskip("jsonschema")
    cls = jsonschema.validators.validator_for(printed_schema)
    cls.check_schema(printed_schema)
    return cls(printed_schema, format_checker=cls.FORMAT_CHECKER)


def test_schema_command_prints_the_same_schema_as_the_model(printed_schema):
    assert printed_schema == json_schema()
    assert printed_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed_schema["required"] == ["version", "cards"]
    assert printed_schema["additionalProperties"] is False


def test_schema_is_a_valid_json_schema(printed_schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validators.validator_for(printed_schema).check_schema(printed_schema)


def test_schema_describes_the_card(printed_schema):
    card = printed_schema["properties"]["cards"]["items"]
    assert card["additionalProperties"] is False
    assert card["required"] == ["id", "title", "kind", "summary", "as_of"]
    assert card["properties"]["kind"]["enum"] == list(CARD_KINDS)
    assert card["properties"]["summary"]["maxLength"] == MAX_SUMMARY
    assert card["properties"]["aliases"]["minItems"] == 1
    assert all(prop.get("description") for prop in card["properties"].values())


def test_builtin_cards_validate_against_the_schema(validator_for):
    text = builtin.cards_path().read_text(encoding="utf-8")
    data, _ = load_yaml(text, "builtin")
    errors = sorted(validator_for.iter_errors(as_json(data)), key=str)
    assert errors == []


def test_minimal_file_validates_in_both(validator_for):
    data, _ = load_yaml(MINIMAL, "m.yaml")
    assert list(validator_for.iter_errors(as_json(data))) == []
    parse_cards(MINIMAL, "m.yaml")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(extra=1), []),  # additionalProperties: reported at the parent
        (lambda d: d["cards"][0].update(colour="red"), ["cards", 0]),
        (lambda d: d["cards"][0].update(kind="country"), ["cards", 0, "kind"]),
        (lambda d: d["cards"][0].update(aliases=[]), ["cards", 0, "aliases"]),
        (lambda d: d["cards"][0].update(id="Not_An_Id"), ["cards", 0, "id"]),
        (lambda d: d["cards"][0].update(summary="x" * 161), ["cards", 0, "summary"]),
        (lambda d: d["cards"][0].pop("summary"), ["cards", 0]),
        (lambda d: d.update(version=2), ["version"]),
        (
            lambda d: d["cards"][0].update(sources=[{"title": "t", "url": "ftp://x"}]),
            ["cards", 0, "sources", 0, "url"],
        ),
    ],
    ids=[
        "unknown-top-key",
        "unknown-card-key",
        "bad-kind",
        "empty-aliases",
        "bad-id",
        "long-summary",
        "missing-summary",
        "version-2",
        "bad-url",
    ],
)
def test_schema_and_loader_both_reject(validator_for, change, path):
    data, _ = load_yaml(MINIMAL, "m.yaml")
    change(data)
    errors = list(validator_for.iter_errors(as_json(data)))
    assert errors, "the schema accepted it"
    assert [list(error.absolute_path) for error in errors] == [path]
    # The loader refuses the same document (rebuilt as YAML text, dates and all).
    with pytest.raises(AnnotationError):
        parse_cards(yaml.safe_dump(data, sort_keys=False), "m.yaml")


def test_schema_rejects_unknown_key_with_a_message(validator_for):
    data, _ = load_yaml(MINIMAL, "m.yaml")
    data["cards"][0]["colour"] = "red"
    [error] = validator_for.iter_errors(as_json(data))
    assert "'colour' was unexpected" in error.message


def test_builtin_cards_load_and_are_many():
    cards = load_cards([builtin.cards_path()])
    assert len(cards) >= 18
    assert cards.info.title
