"""The automaton linker finds exactly what the regex linker before it found, on any text."""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.cards import linking
from annotations.cards.linking import link
from annotations.cards.matching import SpacedText, fold_case
from annotations.cards.model import Card, QuoteSelector
from tests.model import linking_reference

# Letters that case-insensitive matching treats specially (ſ is s, ς is σ, İ lowers to two
# characters), an apostrophe in both forms, and whitespace of several kinds.
_LETTERS = "abAB éÉПпſsSσςΣİiıI_1’'"
_WORD = st.text(alphabet=_LETTERS.replace(" ", ""), min_size=1, max_size=4)
_GAP = st.sampled_from(
    [" ", "  ", "\n", "\r\n", "\t", ", ", ". ", "\u00a0", " \u3000 ", "-", "’", "\n\n  "]
)


def card(card_id: str, aliases, quotes=(), case_sensitive=True) -> Card:
    return Card(
        id=card_id,
        title=card_id,
        kind="thing",
        summary="A card for a test.",
        as_of=dt.date(2021, 9, 29),
        aliases=tuple(aliases),
        quotes=tuple(quotes),
        case_sensitive=case_sensitive,
    )


@st.composite
def texts_and_cards(draw):
    vocabulary = draw(st.lists(_WORD, min_size=2, max_size=8, unique=True))
    words = draw(st.lists(st.sampled_from(vocabulary), max_size=60))
    gaps = draw(st.lists(_GAP, min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=True))
    alias = st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3).map(" ".join)
    cards = []
    for number in range(draw(st.integers(1, 5))):
        aliases = draw(st.lists(alias, max_size=3, unique=True))
        quotes = []
        if draw(st.booleans()) and words:
            quotes.append(QuoteSelector(draw(st.sampled_from(vocabulary))))
        if not aliases and not quotes:
            aliases = [vocabulary[0]]
        cards.append(card(f"c{number}", aliases, quotes, draw(st.booleans())))
    return text, cards


def as_tuples(links) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.card_id) for m in links.mentions]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_and_cards())
def test_same_mentions_and_hits_as_the_regex_linker(case):
    text, cards = case
    expected = linking_reference.link(text, cards)
    # With and without the first-word prefilter a short text against many cards gets.
    for threshold in (0, 10**9):
        with prefilter(threshold):
            found = link(text, cards)
        assert as_tuples(found) == as_tuples(expected)
        assert found.alias_hits == expected.alias_hits
        assert found.quote_hits == expected.quote_hits


@contextlib.contextmanager
def prefilter(chars_per_card: int):
    # Not monkeypatch: hypothesis runs the test many times within one fixture.
    saved = linking.PREFILTER_CHARS_PER_CARD
    linking.PREFILTER_CHARS_PER_CARD = chars_per_card
    try:
        yield
    finally:
        linking.PREFILTER_CHARS_PER_CARD = saved


@given(st.text(alphabet=_LETTERS + "\n\t\r\u00a0\u2028", max_size=80))
def test_spaced_text_maps_every_kept_character_back(text):
    spaced = SpacedText(text)
    assert "  " not in spaced.text
    assert all(char == " " or not char.isspace() for char in spaced.text)
    for offset, char in enumerate(spaced.text):
        original = text[spaced.original(offset)]
        assert original == char or (char == " " and original.isspace())


@given(st.text(max_size=40))
def test_fold_case_keeps_the_length(text):
    assert len(fold_case(text)) == len(text)


def test_a_library_of_thousands_of_aliases_links_the_same():
    names = [f"Name{number:05d}" for number in range(3000)]
    cards = [card(f"c{n}", [name, f"{name} Junior"]) for n, name in enumerate(names)]
    text = " ".join(f"{names[n * 7 % 3000]} Junior met {names[n]}." for n in range(500))
    assert as_tuples(link(text, cards)) == as_tuples(linking_reference.link(text, cards))
    assert len(link(text, cards).mentions) == 1000
