"""Model tests: the warnings `check --article` gives an editor writing cards."""

from __future__ import annotations

import textwrap

import pytest

from annotations.cards.check import check_files
from annotations.cards.linking import link
from annotations.cards.load import load_cards
from annotations.text.article import load_article

ARTICLE = (
    "The mayor’s office in Ankara told us on Monday that ankara would wait.\n"
    "The marriage of convenience holds, said the mayor’s aide.\n"
)


def run(tmp_path, cards: str, text: str = ARTICLE, published: str = "2021-09-29"):
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    path = tmp_path / "a.cards.yaml"
    head = f"version: 1\narticle: {{title: A, published: {published}}}\ncards:\n"
    path.write_text(head + textwrap.indent(textwrap.dedent(cards), "  "), encoding="utf-8")
    return check_files([path], load_article(article)), path


def card(card_id: str, extra: str, as_of: str = "2021-09-29") -> str:
    return (
        f"- {{id: {card_id}, title: {card_id}, kind: term, summary: S., as_of: {as_of}, {extra}}}\n"
    )


def messages(report) -> list[str]:
    return [f"{problem.field}: {problem.message}" for problem in report.warnings]


def test_a_clean_card_gives_no_warning(tmp_path):
    report, _ = run(tmp_path, card("ankara", "aliases: [Ankara, ankara]"))
    assert messages(report) == []


def test_quote_whose_context_fails_says_how_often_it_occurs_and_what_failed(tmp_path):
    report, _ = run(
        tmp_path, card("m", 'quotes: [{exact: "marriage of convenience", prefix: "a "}]')
    )
    [message] = [m for m in messages(report) if m.startswith("cards[0].quotes[0]")]
    assert "occurs once" in message and "prefix 'a '" in message
    assert "not found" not in message


def test_quote_failing_its_suffix_names_the_suffix(tmp_path):
    report, _ = run(tmp_path, card("m", 'quotes: [{exact: "mayor’s", suffix: " car"}]'))
    assert any("occurs 2 times" in m and "suffix ' car'" in m for m in messages(report))


def test_quote_absent_is_still_not_found(tmp_path):
    report, _ = run(tmp_path, card("m", 'quotes: [{exact: "divorce"}]'))
    assert any("'divorce' is not found" in m for m in messages(report))


def test_case_clash_is_reported_instead_of_links_nothing(tmp_path):
    cards = card("city", "aliases: [Ankara]") + card(
        "capital", "aliases: [ankara], case_sensitive: false"
    )
    report, _ = run(tmp_path, cards)
    found = messages(report)
    assert len(found) == 1, found
    assert "case_sensitive: false" in found[0] and "'city'" in found[0]
    assert not any("links nothing" in m or "not mentioned" in m for m in found)


def test_short_case_insensitive_alias_is_warned(tmp_path):
    report, _ = run(tmp_path, card("us", "aliases: [US], case_sensitive: false"))
    assert any("aliases[0]" in m and "ordinary words ('us')" in m for m in messages(report))


def test_straight_and_typographic_apostrophes_match_alike(tmp_path):
    report, path = run(tmp_path, card("mayor", 'aliases: ["mayor\'s"]'))
    assert messages(report) == []
    links = link(ARTICLE, load_cards([path]).cards)
    assert [ARTICLE[m.start : m.end] for m in links.mentions] == ["mayor’s", "mayor’s"]


def test_straight_quote_marks_in_a_quote_find_curly_ones(tmp_path):
    report, _ = run(
        tmp_path,
        card("m", 'quotes: [{exact: "mayor\'s office"}]'),
    )
    assert messages(report) == []


def test_a_card_listing_itself_in_see_also_is_warned(tmp_path):
    report, _ = run(tmp_path, card("ankara", "aliases: [Ankara], see_also: [ankara]"))
    assert messages(report) == [
        "cards[0].see_also[0]: card 'ankara' lists itself in see_also; remove it"
    ]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [("2024-12-08", "is after the article's date"), ("2020-01-01", "more than a year before")],
)
def test_as_of_after_or_long_before_the_article_is_warned(tmp_path, as_of, expected):
    report, _ = run(tmp_path, card("ankara", "aliases: [Ankara]", as_of=as_of))
    [message] = messages(report)
    assert message.startswith("cards[0].as_of: ") and expected in message


def test_a_later_entry_dated_before_the_article_belongs_in_the_body(tmp_path):
    extra = (
        "aliases: [Ankara], later: [{date: 2021-01-01, text: Old., "
        "sources: [{title: S, url: 'https://s.org'}]}]"
    )
    report, _ = run(tmp_path, card("ankara", extra))
    assert messages(report) == [
        "cards[0].later[0]: later entry dated 2021-01-01 is not after the article's date "
        "(2021-09-29); put it in the body instead"
    ]
