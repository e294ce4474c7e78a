"""Versions of an article: kept once per text, compressed; the word diff and the opening message."""

from __future__ import annotations

import datetime as dt
import gzip

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.notes.store import NotesStore
from annotations.text.article import Article, load_article
from annotations.versions.diff import diff_texts, word_diff_lines
from annotations.versions.opening import changed_since_notes
from annotations.versions.store import VersionStore

OLD = (
    "Putin met Erdogan in Sochi on Wednesday.\n\n"
    "The talks lasted three hours.\n\n"
    "Turkey bought S-400 missiles in 2019.\n\n"
    "Syria was on the agenda.\n\n"
    "NATO allies were wary.\n"
)


def test_a_word_changed_is_one_replace_inside_its_paragraph():
    new = OLD.replace("three hours", "four hours")
    diff = diff_texts(OLD, new)
    assert [(c.kind, OLD[c.old_start : c.old_end], new[c.new_start : c.new_end])
            for c in diff.changes] == [("replace", "three", "four")]  # fmt: skip
    assert diff.summary.describe() == "1 paragraph edited"
    assert "lasted [-three-]{+four+} hours" in word_diff_lines(diff)


def test_a_sentence_inserted_is_one_insert():
    new = OLD.replace("three hours.", "three hours. Both sides called them useful.")
    diff = diff_texts(OLD, new)
    assert [c.kind for c in diff.changes] == ["insert"]
    assert "hours.{+ Both sides called them useful.+}" in word_diff_lines(diff)


def test_a_paragraph_removed_and_a_paragraph_moved():
    removed = OLD.replace("Syria was on the agenda.\n\n", "")
    diff = diff_texts(OLD, removed)
    assert diff.summary.describe() == "1 paragraph removed"
    assert "[-Syria was on the agenda.-]" in word_diff_lines(diff)
    paragraphs = OLD.strip().split("\n\n")
    moved = "\n\n".join([paragraphs[1], paragraphs[0], *paragraphs[2:]]) + "\n"
    diff = diff_texts(OLD, moved)
    assert diff.summary.moved == 1 and not (diff.summary.added or diff.summary.removed)
    assert "(moved)" in word_diff_lines(diff)


def test_rewrapping_a_paragraph_is_no_change():
    new = OLD.replace("in Sochi on", "in Sochi\non")
    assert not diff_texts(OLD, new).changes


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", ".", "\n\n"]), max_size=30)


@settings(max_examples=50, deadline=None)
@given(WORDS, WORDS)
def test_the_changes_rebuild_the_new_text_from_the_old(a, b):
    """Applying every change to the old text, in order, gives the new text (diff is complete)."""
    old, new = " ".join(a), " ".join(b)
    diff = diff_texts(old, new)
    # Every character of the new text is either unchanged from the old or inside a change.
    changed = [False] * len(new)
    for change in diff.changes:
        for i in range(change.new_start, change.new_end):
            changed[i] = True
    kept = "".join(ch for ch, c in zip(new, changed, strict=True) if not c)
    removed = [False] * len(old)
    for change in diff.changes:
        for i in range(change.old_start, change.old_end):
            removed[i] = True
    old_kept = "".join(ch for ch, r in zip(old, removed, strict=True) if not r)
    assert "".join(kept.split()) == "".join(old_kept.split())


def article(tmp_path, text: str) -> Article:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return load_article(path)


def test_each_distinct_text_is_kept_once_compressed_and_listed(tmp_path):
    first = article(tmp_path, OLD)
    store = VersionStore.for_article(first)
    day1 = dt.datetime(2021, 9, 29, 8, 0, tzinfo=dt.UTC)
    v1 = store.record(first, now=day1)
    assert store.record(article(tmp_path, OLD)) == v1  # the same text again: nothing new
    second = article(tmp_path, OLD.replace("three", "four"))
    v2 = store.record(second, now=day1 + dt.timedelta(days=2))
    assert [v.sha256 for v in store.versions()] == [v1.sha256, v2.sha256]
    packed = (store.folder / f"{v1.sha256}.txt.gz").read_bytes()
    assert gzip.decompress(packed).decode() == OLD and v1.stored == len(packed)
    assert store.text(v1) == OLD
    assert store.find(v2.sha256[:8]) == v2
    assert store.find("2021-09-30") == v1 and store.find("2021-10-01") == v2
    assert store.prune({v2.sha256}) == [v1]
    assert store.versions() == [v2] and not (store.folder / f"{v1.sha256}.txt.gz").exists()


def test_the_opening_message_counts_changes_and_notes(tmp_path):
    first = article(tmp_path, OLD)
    versions = VersionStore.for_article(first)
    versions.record(first, now=dt.datetime(2021, 9, 29, tzinfo=dt.UTC))
    notes = NotesStore.open(first, tmp_path / "n.yaml")
    for word in (
        "Putin",
        "talks",
        "Turkey bought S-400 missiles in 2019",
        "Syria was on the agenda",
    ):
        start = OLD.index(word)
        notes.add(start, start + len(word), note=word)
    assert notes.save().ok
    edited = (
        OLD.replace("three hours", "three long hours")
        .replace("2019", "2017")
        .replace("Syria was on the agenda.\n\n", "")
        .replace("NATO allies were wary.", "NATO allies were wary.\n\nA new closing line.")
    )
    second = article(tmp_path, edited)
    again = NotesStore.open(second, tmp_path / "n.yaml")
    changed = changed_since_notes(again, second.text, second.sha256, again.loaded_on, versions)
    assert changed is not None
    assert changed.message() == (
        "This article changed since 2021-09-29: 2 paragraphs edited, 1 added, 1 removed."
        " Notes: 2 in place, 1 approximate, 1 orphaned. D: show changes"
    )
    same = NotesStore.open(first, tmp_path / "n.yaml")
    assert changed_since_notes(same, first.text, first.sha256, first.sha256, versions) is None
