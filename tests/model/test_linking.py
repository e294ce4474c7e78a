"""Linking cards to article text: whole words, longest wins, quotes, Unicode, exact offsets."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.cards.check import check_files, duplicate_aliases
from annotations.cards.linking import Links, Mention, find_quote, link, normalise_alias
from annotations.cards.load import load_cards, parse_cards
from annotations.cards.model import Card, CardSet, QuoteSelector
from annotations.text.article import Article

SHARED = Path(__file__).parents[3] / "shared"
WAR_AND_PEACE = SHARED / "corpus" / "war-and-peace.txt"


def card(card_id: str, *aliases: str, quotes=(), case_sensitive: bool = True) -> Card:
    return Card(
        id=card_id,
        title=card_id,
        kind="thing",
        summary="A card for a test.",
        as_of=dt.date(2021, 9, 29),
        aliases=aliases,
        alias_lines=(None,) * len(aliases),
        quotes=tuple(quotes),
        case_sensitive=case_sensitive,
    )


def spans(text: str, cards: list[Card]) -> list[tuple[str, str]]:
    """Each mention as (its exact text, its card id), checking offsets on the way."""
    links = link(text, cards)
    for mention in links.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
    return [(text[m.start : m.end], m.card_id) for m in links.mentions]


def test_longest_alias_wins_where_aliases_overlap():
    cards = [card("assad", "Assad"), card("bashar", "Bashar al-Assad")]
    text = "President Bashar al-Assad met no one; Assad stayed home."
    assert spans(text, cards) == [("Bashar al-Assad", "bashar"), ("Assad", "assad")]
    # The order of the cards does not matter.
    assert spans(text, cards[::-1]) == spans(text, cards)


def test_longest_wins_for_a_prefix_alias_too():
    cards = [card("un", "U.N."), card("unga", "U.N. General Assembly")]
    text = "At the UNGA (U.N. General Assembly), the U.N. met."
    assert spans(text, cards) == [("U.N. General Assembly", "unga"), ("U.N.", "un")]


def test_overlapping_aliases_from_the_middle():
    cards = [card("sea", "Black Sea"), card("resort", "Sea resort")]
    # The earlier, equally long match keeps its place; the later one would overlap it.
    assert spans("the Black Sea resort", cards) == [("Black Sea", "sea")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("NATOs", []),
        ("the NATO's", ["NATO"]),
        ("UNATO", []),
        ("NATO_member", []),
        ("NATO-member", ["NATO"]),
        ("NATO2", []),
        ("NATO.", ["NATO"]),
        ("(NATO)", ["NATO"]),
        ("NATO NATO", ["NATO", "NATO"]),
    ],
)
def test_whole_words_only(text, found):
    assert [span for span, _ in spans(text, [card("nato", "NATO")])] == found


def test_whole_words_only_for_a_place_name():
    cards = [card("sochi", "Sochi")]
    assert spans("Sochin and Sochi and Sochi's resort", cards) == [
        ("Sochi", "sochi"),
        ("Sochi", "sochi"),
    ]


@pytest.mark.parametrize("gap", ["\n", "  ", "\t", " \t \n  ", "\r\n", "\u00a0", "\n\n"], ids=repr)
def test_alias_spans_any_run_of_whitespace(gap):
    text = f"said Anna{gap}Pávlovna, smiling."
    assert spans(text, [card("anna", "Anna Pávlovna")]) == [(f"Anna{gap}Pávlovna", "anna")]


def test_alias_with_irregular_spaces_is_normalised():
    assert normalise_alias("  Anna \t Pávlovna \n") == "Anna Pávlovna"
    assert spans("Anna Pávlovna", [card("anna", " Anna   Pávlovna ")]) == [
        ("Anna Pávlovna", "anna")
    ]


@pytest.mark.parametrize(
    ("text", "alias", "expected"),
    [
        ("Erdogan told Putin, then left.", "Putin", "Putin"),
        ("International Studies (CSIS) told", "CSIS", "CSIS"),
        ("triggering U.S. sanctions", "U.S.", "U.S."),
        ("reference to the U.S., Erdogan", "U.S.", "U.S."),
        ("“Russia” said", "Russia", "Russia"),
        ("—Syria—", "Syria", "Syria"),
        ("S-400s", "S-400", None),
        ("Russian S-400 missile", "S-400", "S-400"),
        ("Syria- Russia", "Syria", "Syria"),
        ("civil war-last year", "civil war", "civil war"),
    ],
)
def test_punctuation_next_to_a_mention(text, alias, expected):
    found = spans(text, [card("c", alias)])
    assert found == ([(expected, "c")] if expected else [])


def test_unicode_aliases():
    cards = [
        card("putin", "Путин", "Владимир Путин"),
        card("erdogan", "Erdoğan"),
        card("pierre", "Pierre Bezúkhov"),
    ]
    text = "Владимир Путин и Путины; Erdoğan, Erdogan; Pierre Bezúkhov."
    assert spans(text, cards) == [
        ("Владимир Путин", "putin"),
        ("Erdoğan", "erdogan"),
        ("Pierre Bezúkhov", "pierre"),
    ]


def test_curly_apostrophe_after_a_name():
    text = "met in Russia’s Black Sea resort; Russia's too; not Russian."
    assert spans(text, [card("russia", "Russia")]) == [("Russia", "russia"), ("Russia", "russia")]


def test_case_sensitive_by_default():
    assert spans("nato Nato NATO", [card("nato", "NATO")]) == [("NATO", "nato")]


def test_case_insensitive_when_the_card_says_so():
    cards = [card("nato", "NATO", case_sensitive=False)]
    assert spans("nato Nato NATO", cards) == [("nato", "nato"), ("Nato", "nato"), ("NATO", "nato")]
    cyrillic = [card("putin", "путин", case_sensitive=False)]
    assert spans("ПУТИН и Путин", cyrillic) == [("ПУТИН", "putin"), ("Путин", "putin")]


def test_case_sensitive_and_insensitive_cards_together():
    cards = [card("turkey", "Turkey"), card("bird", "turkey", case_sensitive=False)]
    # The case-sensitive alias is longer-equal at "Turkey"; the first candidate at a place wins.
    found = spans("Turkey ate turkey", cards)
    assert [text for text, _ in found] == ["Turkey", "turkey"]
    assert found[1] == ("turkey", "bird")


def test_case_insensitive_from_a_cards_file():
    text = (
        "version: 1\ncards:\n  - id: nato\n    title: NATO\n    kind: organisation\n"
        "    summary: The alliance.\n    aliases: [NATO]\n    case_sensitive: false\n"
        "    as_of: 2021-09-29\n"
    )
    _, cards = parse_cards(text, "c.yaml")
    assert cards[0].case_sensitive is False
    assert spans("Nato", cards) == [("Nato", "nato")]


def test_quotes_with_prefix_and_suffix_choose_occurrences():
    text = "a marriage of convenience; another marriage of convenience; a marriage of convenience."
    first = text.index("marriage")
    second = text.index("marriage", first + 1)
    third = text.index("marriage", second + 1)
    assert find_quote(text, "marriage of convenience") == [first, second, third]
    assert find_quote(text, "marriage of convenience", prefix="another ") == [second]
    assert find_quote(text, "marriage of convenience", suffix=".") == [third]
    assert find_quote(text, "marriage of convenience", prefix="a ", suffix=";") == [first]
    assert find_quote(text, "marriage of convenience", prefix="nowhere ") == []
    assert find_quote(text, "") == []


def test_quote_at_the_very_start_with_a_prefix_does_not_match():
    assert find_quote("Sochi talks", "Sochi", prefix="in ") == []
    assert find_quote("Sochi talks", "talks", prefix="Sochi ") == [6]


def test_overlapping_quote_occurrences_are_all_found():
    assert find_quote("aaaa", "aa") == [0, 1, 2]


def test_quotes_link_with_their_card():
    quote = QuoteSelector("marriage of convenience", prefix="continuation of a ")
    text = "a continuation of a marriage of convenience between them"
    assert spans(text, [card("m", quotes=[quote])]) == [("marriage of convenience", "m")]


def test_quotes_win_over_aliases():
    cards = [
        card("sea", "Black Sea resort"),
        card("sochi", quotes=[QuoteSelector("Sea")]),
    ]
    # A quote is an author's explicit choice: it wins even against a longer alias.
    assert spans("the Black Sea resort", cards) == [("Sea", "sochi")]


def test_quote_is_not_limited_to_word_boundaries():
    cards = [card("s400", quotes=[QuoteSelector("S-400", suffix="s")])]
    assert spans("a second batch of S-400s; one S-400", cards) == [("S-400", "s400")]


def test_alias_claimed_by_two_cards_links_the_first_and_check_warns(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        "version: 1\ncards:\n"
        "  - id: ankara\n    title: Ankara\n    kind: place\n    summary: The capital.\n"
        "    aliases: [Ankara, Turkey]\n    as_of: 2021-09-29\n"
        "  - id: turkey\n    title: Turkey\n    kind: place\n    summary: The country.\n"
        "    aliases:\n      - Türkiye\n      - Turkey\n    as_of: 2021-09-29\n",
        encoding="utf-8",
    )
    cards = load_cards([path])
    assert spans("Turkey", cards.cards) == [("Turkey", "ankara")]
    [warning] = duplicate_aliases(cards)
    assert str(warning) == (
        f"{path}:15: cards[1].aliases[1]: alias 'Turkey' is also claimed by card 'ankara';"
        " it links there"
    )
    assert check_files([path]).warnings == [warning]


def test_alias_differing_only_in_spacing_counts_as_claimed_twice():
    cards = CardSet([card("a", "Anna Pávlovna"), card("b", "Anna  Pávlovna")])
    assert [problem.field for problem in duplicate_aliases(cards)] == ["cards[0].aliases[0]"]


def test_offsets_are_exact_into_the_raw_text():
    text = "\ufeffNo BOM here really.\r\n“Putin,” said\tVladimir\r\nPutin’s aide. 🙂 Putin"
    cards = [card("putin", "Putin", "Vladimir Putin")]
    links = link(text, cards)
    assert [text[m.start : m.end] for m in links.mentions] == [
        "Putin",
        "Vladimir\r\nPutin",
        "Putin",
    ]
    assert links.mentions[-1].end == len(text)
    assert links.mentions[0].start == text.index("Putin")


def test_crlf_text_links_like_lf_text():
    lf = "Anna\nPávlovna met NATO.\nNATO\n"
    crlf = lf.replace("\n", "\r\n")
    cards = [card("anna", "Anna Pávlovna"), card("nato", "NATO")]
    assert [t.replace("\r\n", "\n") for t, _ in spans(crlf, cards)] == [
        t for t, _ in spans(lf, cards)
    ]
    assert spans(crlf, cards)[0] == ("Anna\r\nPávlovna", "anna")


def test_no_cards_and_no_text():
    assert link("", [card("a", "A")]).mentions == []
    assert link("Some text", []).mentions == []
    assert link("Some text", [card("q", quotes=[QuoteSelector("absent")])]).mentions == []


def test_hits_are_counted_per_alias_and_quote():
    cards = [
        card("nato", "NATO", "alliance", quotes=[QuoteSelector("member Turkey")]),
        card("un", "U.N."),
    ]
    links = link("NATO member Turkey; NATO; NATO.", cards)
    assert links.alias_hits[("nato", "NATO")] == 3
    assert links.alias_hits[("nato", "alliance")] == 0
    assert links.alias_hits[("un", "U.N.")] == 0
    assert links.quote_hits[("nato", 0)] == 1
    assert [(m.start, m.end) for m in links.mentions] == [(0, 4), (5, 18), (20, 24), (26, 30)]


def test_lookups_by_offset_and_card():
    text = "NATO and Putin and NATO"
    links = link(text, [card("nato", "NATO"), card("putin", "Putin")])
    assert links.at(0) == Mention(0, 4, "nato")
    assert links.at(3) == Mention(0, 4, "nato")
    assert links.at(4) is None
    assert links.at(10) == Mention(9, 14, "putin")
    assert links.next_after(0) == Mention(9, 14, "putin")
    assert links.next_after(19) is None
    assert links.previous_before(19) == Mention(9, 14, "putin")
    assert links.previous_before(0) is None
    assert links.in_range(2, 12) == [Mention(0, 4, "nato"), Mention(9, 14, "putin")]
    assert links.in_range(4, 9) == []
    assert [m.start for m in links.of_card("nato")] == [0, 19]
    assert links.of_card("nobody") == []
    assert Links().at(0) is None


def test_link_builtin_article_every_card_is_mentioned():
    from annotations import builtin

    article = Article(builtin.article_path().read_text(encoding="utf-8"))
    cards = load_cards([builtin.cards_path()])
    links = link(article.text, cards.cards)
    assert {card.id for card in cards.cards} <= set(links.by_card)
    ellehaus = [m for m in links.mentions if article.text[m.start : m.end] == "Ellehaus"]
    assert ellehaus, "the article's misspelling links to the Ellehuus card"


# Property test: random texts from random words, random alias sets.

_LETTERS = "abcxyzéПу"
_WORD = st.text(alphabet=_LETTERS, min_size=1, max_size=4)
_GAP = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", ", ", ". ", " (", ") ", "’", "-", " — "])
_WORD_CHAR = re.compile(r"\w")


@st.composite
def texts_and_cards(draw):
    vocabulary = draw(st.lists(_WORD, min_size=2, max_size=8, unique=True))
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=0, max_size=60))
    gaps = draw(st.lists(_GAP, min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=True))
    alias = st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3).map(" ".join)
    cards = []
    for number in range(draw(st.integers(1, 4))):
        aliases = draw(st.lists(alias, min_size=1, max_size=3, unique=True))
        cards.append(card(f"c{number}", *aliases, case_sensitive=draw(st.booleans())))
    return text, cards


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_and_cards())
def test_property_mentions_are_aliases_on_word_boundaries(case):
    text, cards = case
    by_id = {c.id: c for c in cards}
    mentions = link(text, cards).mentions
    for mention in mentions:
        owner = by_id[mention.card_id]
        found = re.sub(r"\s+", " ", text[mention.start : mention.end])
        aliases = {normalise_alias(alias) for alias in owner.aliases}
        if owner.case_sensitive:
            assert found in aliases
        else:
            assert found.casefold() in {alias.casefold() for alias in aliases}
        assert mention.start == 0 or not _WORD_CHAR.match(text[mention.start - 1])
        assert mention.end == len(text) or not _WORD_CHAR.match(text[mention.end])
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start
    assert mentions == sorted(mentions, key=lambda m: m.start)


@settings(max_examples=100, deadline=None)
@given(texts_and_cards())
def test_property_every_occurrence_of_a_single_word_alias_is_found(case):
    text, cards = case
    # With one case-sensitive single-word card and no rivals, every whole-word hit is found.
    word = cards[0].aliases[0].split(" ")[0]
    only = card("w", word)
    expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert [m.start for m in link(text, [only]).mentions] == expected


# Scale: War and Peace with ~100 generated cards (not timed here; bench/ times it).


@pytest.fixture(scope="module")
def war_and_peace() -> str:
    if not WAR_AND_PEACE.exists():
        pytest.skip(f"{WAR_AND_PEACE} is missing (the shared folder sits beside the repo)")
    return WAR_AND_PEACE.read_text(encoding="utf-8")


def test_war_and_peace_with_a_hundred_cards(war_and_peace):
    names = Counter(re.findall(r"\b[A-Z][a-zà-ÿ]{3,}\b", war_and_peace))
    common = [name for name, _ in names.most_common(100)]
    cards = [card(f"card-{i}", name) for i, name in enumerate(common[:95])]
    cards += [
        card("anna", "Anna Pávlovna"),
        card("andrew", "Prince Andrew"),
        card("natasha", "Natásha", case_sensitive=False),
        card("pierre-full", "Pierre Bezúkhov"),
        card("moscow-q", quotes=[QuoteSelector("Moscow", prefix="to ")]),
    ]
    links = link(war_and_peace, cards)
    assert len(links.mentions) > 20_000
    for mention in links.mentions[:: max(1, len(links.mentions) // 500)]:
        assert war_and_peace[mention.start : mention.end].strip()
    starts = [m.start for m in links.mentions]
    assert starts == sorted(starts)
    # A name hard-wrapped across a line still links.
    wrapped = [m for m in links.of_card("anna") if "\n" in war_and_peace[m.start : m.end]]
    assert wrapped
