"""The X-ray model: distribution bars, mention context on word boundaries, links, the index."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.cards.linking import link
from annotations.cards.model import Card
from annotations.cards.xray import (
    BAR_EMPTY,
    cards_index,
    distribution,
    distribution_bar,
    linked_from,
    mention_context,
    next_mention,
)


def card(card_id: str, *aliases: str, kind: str = "person", title: str = "", see_also=()) -> Card:
    return Card(
        id=card_id,
        title=title or card_id.capitalize(),
        kind=kind,
        summary="S.",
        as_of=dt.date(2026, 1, 1),
        aliases=aliases,
        see_also=tuple(see_also),
    )


# Distribution ----------------------------------------------------------------------------------


def test_mentions_fall_in_the_cell_of_their_share_of_the_article():
    # A 100-character article on a 10-cell bar: each cell is 10 characters.
    assert distribution([0, 9, 10, 55, 99], 100, 10) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]


def test_the_bar_shows_each_cell_by_its_count_relative_to_the_fullest():
    # Cell 0 holds 8 mentions, cell 5 holds 1, cell 9 holds 4; the rest none.
    starts = [0] * 8 + [50] + [95] * 4
    bar = distribution_bar(starts, 100, 10)
    assert bar == "█····▁···▄"


def test_a_single_mention_is_a_full_block_at_its_place():
    assert distribution_bar([750], 1000, 4) == "···█"
    assert distribution_bar([0], 1000, 4) == "█···"


def test_no_mention_is_an_empty_bar_and_an_empty_article_has_no_cells():
    assert distribution_bar([], 100, 5) == BAR_EMPTY * 5
    assert distribution([3], 0, 5) == [0] * 5
    assert distribution_bar([1], 10, 0) == ""


@given(
    st.lists(st.integers(min_value=0, max_value=999), max_size=50),
    st.integers(min_value=1, max_value=80),
)
def test_the_bar_is_always_its_width_and_marks_every_cell_with_a_mention(starts, width):
    starts.sort()  # mentions come in text order
    by_division = [0] * width
    for start in starts:
        by_division[start * width // 1000] += 1
    assert distribution(starts, 1000, width) == by_division
    bar = distribution_bar(starts, 1000, width)
    assert len(bar) == width
    cells = distribution(starts, 1000, width)
    assert sum(cells) == len(starts)
    assert [cell > 0 for cell in cells] == [char != BAR_EMPTY for char in bar]


# Context ---------------------------------------------------------------------------------------

TEXT = (
    "The minister of foreign affairs said that Alpha had travelled overnight to the capital"
    " for talks that lasted until the morning."
)


def test_context_is_cut_on_word_boundaries_with_an_ellipsis():
    start = TEXT.index("Alpha")
    context = mention_context(TEXT, start, start + 5, width=40)
    assert context.exact == "Alpha"
    assert context.cut_before and context.cut_after
    assert context.plain == "…affairs said that Alpha had travelled…"
    words = TEXT.split()
    assert context.before.split()[0] in words and context.after.split()[-1] in words
    assert len(context.plain) <= 40


def test_context_near_the_start_gives_its_room_to_the_other_side():
    context = mention_context(TEXT, 0, 3, width=30)
    assert not context.cut_before and context.cut_after
    assert context.plain == "The minister of foreign…"


def test_a_short_paragraph_is_shown_whole_without_ellipses():
    text = "First paragraph.\nBeta met Gamma.\nLast one."
    start = text.index("Gamma")
    paragraph = (text.index("Beta"), text.index(".\nLast") + 1)
    context = mention_context(text, start, start + 5, width=60, bounds=paragraph)
    assert context.plain == "Beta met Gamma."
    assert not context.cut_before and not context.cut_after


def test_line_ends_inside_the_context_are_shown_as_spaces():
    text = "one two\nthree Alpha four\nfive six"
    start = text.index("Alpha")
    assert (
        mention_context(text, start, start + 5, width=80).plain
        == "one two three Alpha four five six"
    )


def test_a_long_word_at_the_edge_is_left_out_not_cut():
    text = "x" * 50 + " Alpha " + "y" * 50
    start = text.index("Alpha")
    context = mention_context(text, start, start + 5, width=30)
    assert context.plain == "…Alpha…"


words = st.text(alphabet="abc", min_size=1, max_size=8)


@given(
    st.lists(words, min_size=1, max_size=30),
    st.lists(words, min_size=0, max_size=30),
    st.integers(min_value=5, max_value=70),
)
def test_context_never_cuts_a_word(before_words, after_words, width):
    text = " ".join([*before_words, "MENTION", *after_words])
    start = text.index("MENTION")
    context = mention_context(text, start, start + 7, width=width)
    assert context.exact == "MENTION"
    assert not context.before or context.before.split()[0] in before_words
    assert not context.after or context.after.split()[-1] in after_words
    # The words shown are the words next to the mention, in order.
    shown_before = context.before.split()
    assert shown_before == (before_words[-len(shown_before) :] if shown_before else [])
    shown_after = context.after.split()
    assert shown_after == after_words[: len(shown_after)]
    assert context.cut_before == (len(shown_before) < len(before_words))
    assert context.cut_after == (len(shown_after) < len(after_words))
    assert len(context.plain) <= max(width, 9)


# Linked from -----------------------------------------------------------------------------------


def test_linked_from_lists_the_cards_naming_this_one_but_not_itself():
    cards = [
        card("alpha", see_also=["beta", "gamma"]),
        card("beta", see_also=["alpha", "beta"]),
        card("gamma", see_also=["beta"]),
    ]
    assert [c.id for c in linked_from(cards, "beta")] == ["alpha", "gamma"]
    assert [c.id for c in linked_from(cards, "gamma")] == ["alpha"]
    assert linked_from(cards, "nobody") == []


# The index -------------------------------------------------------------------------------------

ARTICLE = "Alpha met Beta in Gamma. Beta left. Beta came back. Gamma slept. Alpha woke."
CARDS = [
    card("alpha", "Alpha", title="Alpha Person"),
    card("beta", "Beta", "Mr B", title="Beta Person"),
    card("gamma", "Gamma", kind="place", title="Gamma Place"),
    card("delta", "Delta", kind="thing", title="Delta Thing"),
    card("epsilon", "Epsilon", "Eps", kind="person", title="Epsilon Person"),
]


def index(query: str = "", sort: str = "name"):
    return cards_index(CARDS, link(ARTICLE, CARDS), query, sort)  # type: ignore[arg-type]


def shape(found) -> list[tuple[str, list[tuple[str, int]]]]:
    return [(kind, [(e.card.id, e.count) for e in group]) for kind, group in found.groups]


def test_the_index_groups_by_kind_with_counts_and_lists_unmentioned_apart():
    found = index()
    assert shape(found) == [
        ("person", [("alpha", 2), ("beta", 3)]),
        ("place", [("gamma", 2)]),
    ]
    assert [e.card.id for e in found.unmentioned] == ["delta", "epsilon"]
    assert found.groups[0][1][1].starts == tuple(
        i for i in range(len(ARTICLE)) if ARTICLE.startswith("Beta", i)
    )


def test_sorting_by_mentions_puts_the_most_mentioned_first_in_each_kind():
    assert shape(index(sort="mentions"))[0] == ("person", [("beta", 3), ("alpha", 2)])


@pytest.mark.parametrize(
    ("query", "ids", "alias"),
    [
        ("person", ["alpha", "beta", "epsilon"], ""),
        ("GAMMA", ["gamma"], ""),
        ("mr b", ["beta"], "Mr B"),
        ("eps", ["epsilon"], ""),  # in the title too ("Epsilon")
        ("beta mr", ["beta"], "Mr B"),
        ("zzz", [], ""),
    ],
)
def test_the_filter_matches_title_and_aliases(query, ids, alias):
    found = index(query)
    assert [e.card.id for e in found.entries] == ids
    if ids:
        assert found.entries[0].alias == alias


# Stepping through a card's mentions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "cursor", "step", "expected"),
    [
        (None, 0, 1, (1, False)),  # on the first mention: the next one
        (None, ARTICLE.index("Beta"), 1, (1, False)),  # between two: the next after the cursor
        (None, ARTICLE.index("woke"), 1, (0, True)),  # past the last: round to the first
        (None, ARTICLE.index("Alpha woke") + 2, -1, (2, False)),  # inside one: the one before
        (None, 0, -1, (3, True)),  # on the first, back: round to the last
        (1, 0, 1, (2, False)),  # from the chosen mention, whatever the cursor
        (3, 0, 1, (0, True)),
    ],
)
def test_the_next_mention_goes_on_from_the_chosen_one_or_the_cursor(number, cursor, step, expected):
    cards = [card("alpha", "Alpha", "Gamma"), card("beta", "Beta")]
    links = link(ARTICLE, cards)
    mentions = links.of_card("alpha")
    assert [ARTICLE[m.start : m.end] for m in mentions] == ["Alpha", "Gamma", "Gamma", "Alpha"]
    assert next_mention(links, mentions, number, cursor, step) == expected
