"""The cards cache: a second load of the same cards gives the same cards, without parsing."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from annotations import builtin
from annotations.cards import cache as cards_cache
from annotations.cards.load import load_cards
from annotations.cards.model import Card
from annotations.errors import AnnotationError


def snapshot(card_set):
    fields = [field.name for field in dataclasses.fields(Card)]
    return [
        {name: getattr(card, name) for name in fields} for card in card_set.cards
    ], card_set.info


def test_every_field_of_a_card_is_cached():
    fields = {field.name for field in dataclasses.fields(Card)}
    # "personal" is not cached: a cards file's cards never are (it reads the class's False).
    cached = {*cards_cache._INDEX_FIELDS, *cards_cache._REST_FIELDS, "file", "personal"}
    assert cached == fields


@pytest.mark.parametrize("name", cards_cache._REST_FIELDS)
def test_each_decoded_field_is_right_when_it_is_the_first_one_read(name, private_data_dir):
    parsed = load_cards([builtin.cards_path()]).cards
    cached = load_cards([builtin.cards_path()]).cards
    for first, again in zip(parsed, cached, strict=True):
        assert getattr(again, name) == getattr(first, name)


def test_a_cached_card_decodes_its_text_on_first_use(private_data_dir):
    first = load_cards([builtin.cards_path()]).cards[0]
    cached = load_cards([builtin.cards_path()]).cards[0]
    assert isinstance(cached, cards_cache.CachedCard)
    assert "summary" not in vars(cached)  # not decoded yet
    assert (cached.id, cached.aliases) == (first.id, first.aliases)
    assert cached.summary == first.summary and cached.sources == first.sources
    assert "_rest" not in vars(cached)
    assert cached.line_of("as_of") == first.line_of("as_of")


def test_second_load_comes_from_the_cache_and_is_identical(private_data_dir, monkeypatch):
    first = load_cards([builtin.cards_path()])
    entries = list((private_data_dir / "cache" / "cards").glob("*.json"))
    assert len(entries) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr("annotations.cards.load._parse", no_parsing)
    second = load_cards([builtin.cards_path()])
    assert snapshot(second) == snapshot(first)


def test_a_damaged_entry_is_ignored(private_data_dir):
    first = load_cards([builtin.cards_path()])
    (entry,) = (private_data_dir / "cache" / "cards").glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert snapshot(load_cards([builtin.cards_path()])) == snapshot(first)
    entry.write_text(json.dumps({"format": cards_cache.FORMAT, "cards": [{}]}), encoding="utf-8")
    assert snapshot(load_cards([builtin.cards_path()])) == snapshot(first)


def test_a_changed_file_is_parsed_again(tmp_path):
    path = tmp_path / "c.yaml"
    text = "version: 1\ncards:\n  - {id: a, title: A, kind: term, summary: s, as_of: 2026-01-01,"
    path.write_text(text + " aliases: [A]}\n", encoding="utf-8")
    assert load_cards([path]).cards[0].aliases == ("A",)
    path.write_text(text + " aliases: [B]}\n", encoding="utf-8")
    assert load_cards([path]).cards[0].aliases == ("B",)


def test_files_with_problems_are_not_cached(tmp_path, private_data_dir):
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ncards: []\n", encoding="utf-8")
    with pytest.raises(AnnotationError):
        load_cards([path])
    assert not list((private_data_dir / "cache").rglob("*.json"))


BAD_ENTRIES = [
    "null",
    "[]",
    '"text"',
    "{}",
    "",
    '{"format": 4, "sha256": "0"}\nnull',
    '{"format": 4, "sha256": "' + hashlib.sha256(b"null").hexdigest() + '"}\nnull',
]


@pytest.mark.parametrize("content", BAD_ENTRIES)
def test_a_bad_entry_of_any_shape_is_ignored_and_written_afresh(
    content, private_data_dir, monkeypatch
):
    first = load_cards([builtin.cards_path()])
    (entry,) = (private_data_dir / "cache" / "cards").glob("*.json")
    entry.write_text(content, encoding="utf-8")
    assert snapshot(load_cards([builtin.cards_path()])) == snapshot(first)
    assert entry.read_text(encoding="utf-8") != content

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr("annotations.cards.load._parse", no_parsing)
    assert snapshot(load_cards([builtin.cards_path()])) == snapshot(first)


@pytest.mark.parametrize("content", ["null", "[]"])
def test_check_and_the_reader_load_past_a_bad_entry(content, private_data_dir):
    import subprocess
    import sys

    load_cards([builtin.cards_path()])
    (entry,) = (private_data_dir / "cache" / "cards").glob("*.json")
    entry.write_text(content, encoding="utf-8")
    command = [sys.executable, "-m", "reader", "check", str(builtin.cards_path())]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and done.stdout.startswith("ok:")
