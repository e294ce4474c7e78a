"""The built-in cards: reputable, dated sources; Syria links to the country, the war to the war."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest

from annotations.cards.check import check_files
from annotations.reading import open_reading

EXCLUDED_DOMAINS = (
    # Wikipedia and its mirrors: cite what Wikipedia cites instead.
    "wikipedia.org",
    "wikimili.com",
    "kidzsearch.com",
    "owiki.org",
    "dweb.link",
    "ipfs",
    # Content farms, aggregators, copies of wires on sites that are not newspapers.
    "exbulletin.com",
    "urdupoint.com",
    "colibris4.com",
    "watsupeurope.com",
    "docslib.org",
    "scoop.co.nz",
    "dailymail.co.uk",
    "news.az",
    "thefrontierpost.com",
    "alsiasi.com",
    "tribtown.com",
    "milescitystar.com",
    "abc7.news",
    "azerbaijannewsgazette.com",
    "stratnewsglobal.com",
    "onenewspage.com",
    "mirtesen.ru",
    "uanbrf.ru",
    # Op-ed and conspiracy sites.
    "sott.net",
)


@pytest.fixture(scope="module")
def reading():
    return open_reading(None)


def all_sources(cards):
    for card in cards:
        yield card, card.sources
        for entry in card.later:
            yield card, entry.sources


def test_no_source_is_from_an_excluded_domain(reading):
    for card, sources in all_sources(reading.cards.cards):
        for source in sources:
            host = urlparse(source.url).hostname or ""
            assert not any(bad in host for bad in EXCLUDED_DOMAINS), (card.id, source.url)


def test_every_source_has_a_publisher_and_a_date(reading):
    for card, sources in all_sources(reading.cards.cards):
        assert sources, card.id
        for source in sources:
            assert source.publisher, (card.id, source.title)
            assert source.published or source.accessed, (card.id, source.title)


def test_card_bodies_stop_at_the_article_and_later_entries_come_after_it(reading):
    published = reading.cards.info.published
    assert published == dt.date(2021, 9, 29)
    for card in reading.cards.cards:
        assert card.as_of <= published, card.id
        assert "2024" not in card.body and "2022" not in card.body, card.id
        for entry in card.later:
            assert entry.date > published, card.id
    later = {card.id for card in reading.cards.cards if card.later}
    assert {"assad", "idlib", "ellehuus", "rt"} <= later


def mention_cards(reading, phrase: str) -> list[str]:
    text = reading.article.text
    found, start = [], text.find(phrase)
    while start != -1:
        mention = reading.links.at(start)
        found.append(mention.card_id if mention else None)
        start = text.find(phrase, start + 1)
    return found


def test_syria_links_to_the_country_except_in_its_civil_war(reading):
    text = reading.article.text
    war = text.index("Syria’s 10-year-old civil war")
    mentions = [m for m in reading.links.mentions if text[m.start : m.end].startswith("Syria")]
    at_war = [m for m in mentions if m.start == war]
    assert [m.card_id for m in at_war] == ["syrian-civil-war"]
    assert text[at_war[0].start : at_war[0].end] == "Syria’s 10-year-old civil war"
    others = [m for m in mentions if m.start != war]
    assert len(others) >= 5
    assert {m.card_id for m in others} == {"syria"}


@pytest.mark.parametrize(
    ("phrase", "card_id"),
    [
        ("Syrian government", "syria"),
        ("Ankara’s actions", "turkey"),
        ("Washington’s objections", "caatsa-turkey"),
        ("tensions with Washington", "united-states"),
        ("the U.S.", "united-states"),
        ("Moscow and Ankara", "russia"),
        ("Black Sea resort", "black-sea"),
        ("Russia’s Black Sea", "russia"),
        ("Turkey still intended", "turkey"),
        ("Bashar al-Assad", "assad"),
    ],
)
def test_names_and_metonyms_link_where_they_should(reading, phrase, card_id):
    text = reading.article.text
    offset = text.index(phrase)
    if phrase.startswith("tensions with "):
        offset += len("tensions with ")
    assert reading.links.at(offset).card_id == card_id


def test_builtin_cards_check_clean_against_the_article():
    from annotations import builtin

    report = check_files([builtin.cards_path()], open_reading(None).article)
    assert report.errors == [] and report.warnings == []
