"""Jump-hint labels: distinct, prefix-free, as short as the count allows; and the jump list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.text.hints import HINT_LETTERS, hint_labels, matching
from annotations.text.jumps import JumpList


def shortest_possible(count: int, size: int) -> int:
    length = 1
    while size**length < count:
        length += 1
    return length


def test_a_screenful_of_few_targets_gets_single_home_row_letters():
    assert hint_labels(4) == ["a", "s", "d", "f"]
    assert hint_labels(0) == []


def test_one_more_target_than_letters_keeps_all_but_one_letter_single():
    labels = hint_labels(len(HINT_LETTERS) + 1)
    singles = [label for label in labels if len(label) == 1]
    assert len(singles) == len(HINT_LETTERS) - 1
    assert labels[-2:] == ["ha", "hs"]


@pytest.mark.parametrize(("count", "singles"), [(10, 8), (17, 8), (81, 0), (40, 5)])
def test_as_many_single_letters_as_leave_room(count, singles):
    assert sum(len(label) == 1 for label in hint_labels(count)) == singles


def test_bad_alphabets_are_refused():
    with pytest.raises(ValueError):
        hint_labels(3, "aa")
    with pytest.raises(ValueError):
        hint_labels(3, "a")


@settings(deadline=None)  # a few hundred labels, each checked: slow on a loaded machine
@given(
    st.integers(min_value=1, max_value=400),
    st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=12, unique=True),
)
def test_labels_are_distinct_prefix_free_and_minimal(count, letters):
    letters = "".join(letters)
    labels = hint_labels(count, letters)
    assert len(labels) == count
    assert len(set(labels)) == count
    assert all(set(label) <= set(letters) for label in labels)
    ordered = sorted(labels)  # a label that prefixes others sorts just before the first of them
    pairs = zip(ordered, ordered[1:], strict=False)
    assert not any(after.startswith(before) for before, after in pairs)
    size = len(letters)
    longest = shortest_possible(count, size)
    assert max(map(len, labels)) == longest  # no label longer than the count needs
    assert {len(label) for label in labels} <= {longest - 1, longest} - {0}
    # No more short labels could be had: one more would leave too few long ones.
    short = sum(len(label) == longest - 1 for label in labels)
    prefixes = size ** (longest - 1)
    if longest > 1:
        assert (short + 1) + (prefixes - short - 1) * size < count


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=300))
def test_typing_a_label_letter_by_letter_narrows_to_it_alone(count):
    labels = hint_labels(count)
    for label in labels:
        for end in range(1, len(label)):
            assert label in matching(labels, label[:end])
        assert matching(labels, label.upper()) == [label]


def test_going_back_returns_to_where_the_last_jump_began_and_toggles():
    jumps = JumpList()
    assert jumps.back(5) is None
    jumps.record(10, 200)
    jumps.record(200, 200)  # a jump that stays put is no jump
    assert jumps.back(200) == 10
    assert jumps.back(10) == 200  # '' twice: back where it started
    assert jumps.back(200) == 10


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=1))
def test_back_always_goes_to_the_origin_of_the_last_real_jump(jumps_made):
    jumps = JumpList()
    for origin, target in jumps_made:
        jumps.record(origin, target)
    real = [origin for origin, target in jumps_made if origin != target]
    assert jumps.back(99) == (real[-1] if real else None)
