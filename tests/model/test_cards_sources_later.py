"""Model tests: source publisher and dates, `later:` entries, and the JSON Schema of both."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from annotations.cards.load import load_cards
from annotations.cards.schema import json_schema
from annotations.errors import AnnotationError

HEAD = "version: 1\narticle: {title: T, published: 2021-09-29}\ncards:\n"


def write(tmp_path, cards: str):
    path = tmp_path / "c.cards.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(cards), "  "), encoding="utf-8")
    return path


CARD = """\
- id: assad
  title: Bashar al-Assad
  kind: person
  summary: President of Syria.
  as_of: 2021-09-29
  aliases: [Assad]
"""


def test_version_1_sources_without_the_new_fields_stay_valid(tmp_path):
    path = write(tmp_path, CARD + "  sources: [{title: DW, url: 'https://dw.com/x'}]\n")
    [card] = load_cards([path]).cards
    [source] = card.sources
    assert (source.publisher, source.published, source.accessed, source.archived) == (
        "",
        None,
        None,
        "",
    )
    assert card.later == ()


def test_sources_carry_publisher_dates_and_archive(tmp_path):
    path = write(
        tmp_path,
        CARD
        + "  sources:\n"
        + "    - {title: A, url: 'https://a.org', publisher: DW, published: 2021-05-27,"
        + " archived: 'https://web.archive.org/web/2021/https://a.org'}\n"
        + "    - {title: B, url: 'https://b.org', publisher: CSIS, accessed: 2026-12-01}\n",
    )
    first, second = load_cards([path]).cards[0].sources
    assert first.publisher == "DW" and first.published == dt.date(2021, 5, 27)
    assert first.archived.startswith("https://web.archive.org/")
    assert first.credit() == "DW, 2021-05-27"
    assert second.credit() == "CSIS, accessed 2026-12-01"


def test_later_entries_load_sorted_with_their_sources(tmp_path):
    path = write(
        tmp_path,
        CARD
        + "  later:\n"
        + "    - {date: 2025-01-01, text: Second., sources: [{title: S, url: 'https://s.org',"
        + " publisher: P, published: 2025-01-01}]}\n"
        + "    - {date: 2024-12-08, text: First., sources: [{title: T, url: 'https://t.org'}]}\n",
    )
    [card] = load_cards([path]).cards
    assert [entry.text for entry in card.later] == ["First.", "Second."]
    assert card.later[1].sources[0].publisher == "P"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "  sources: [{title: A, url: 'https://a.org', published: soon}]\n",
            "sources[0].published: expected a date like 2021-09-29",
        ),
        (
            "  sources: [{title: A, url: 'https://a.org', archived: 'a.org'}]\n",
            "sources[0].archived: 'a.org' is not an http(s) address",
        ),
        ("  sources: [{title: A, url: 'https://a.org', publisher: 12}]\n", "expected text"),
        ("  later: [{date: 2024-12-08, text: Fell.}]\n", "later[0]: missing required key"),
        (
            "  later: [{date: 2024-12-08, text: Fell., sources: [], colour: red}]\n",
            "later[0].colour: unknown key 'colour'",
        ),
        (
            "  later: [{date: someday, text: x, sources: [{title: A, url: 'https://a.org'}]}]\n",
            "later[0].date: expected a date",
        ),
    ],
)
def test_bad_new_fields_are_refused_with_the_field_named(tmp_path, extra, message):
    path = write(tmp_path, CARD + extra)
    with pytest.raises(AnnotationError) as caught:
        load_cards([path])
    assert message in str(caught.value)


def test_json_schema_knows_the_new_fields():
    card = json_schema()["properties"]["cards"]["items"]["properties"]
    source = card["sources"]["items"]["properties"]
    assert {"publisher", "published", "accessed", "archived"} <= set(source)
    assert source["published"]["format"] == "date"
    later = card["later"]["items"]
    assert later["required"] == ["date", "text", "sources"]
    assert later["additionalProperties"] is False


def test_cached_cards_keep_the_new_fields(tmp_path):
    path = write(
        tmp_path,
        CARD
        + "  sources: [{title: A, url: 'https://a.org', publisher: DW, published: 2021-05-27}]\n"
        + "  later: [{date: 2024-12-08, text: Fell., sources: [{title: T, url: 'https://t.org',"
        + " accessed: 2026-12-01}]}]\n",
    )
    first = load_cards([path]).cards[0]
    again = load_cards([path]).cards[0]  # the second load is answered from the cache
    assert again.sources == first.sources
    assert again.later == first.later
