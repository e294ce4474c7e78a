"""Provides the in-process measures: saving notes, linking cards at 1x/2x/4x, re-anchoring notes.

These call the model directly (no terminal), each timed as the median of a few repeats. run.py
runs them in a fresh process of their own, so the harness's heap (the emulated screens) does not
slow the garbage collector during the timings:

    python bench/inprocess.py ARTICLE CARDS NOTES WORK_DIR [--repeats 5] [--library FOLDER]
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotations.cards.library import load_library
from annotations.cards.linking import link
from annotations.cards.load import load_cards
from annotations.notes.anchoring import reanchor_all
from annotations.notes.file import load_notes
from annotations.notes.store import NotesStore
from annotations.text.article import Article, load_article

INSERTED = "This sentence was added by an editor after the notes were made. "
"""The edit near the start of the text that every note after it must follow."""


def timed(function: Callable[[], object], repeats: int) -> tuple[float, list[float], object]:
    """(median seconds, every time, the last result) of calling `function` `repeats` times."""
    times, result = [], None
    for _ in range(repeats):
        gc.collect()  # each repeat starts from the same heap, not mid-way to a collection
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


def saving(article_path: Path, notes_path: Path, work_dir: Path, repeats: int) -> dict:
    """Time `NotesStore.save()` of the whole notes file after one change, as the app saves."""
    copy = work_dir / "saving.notes.yaml"
    shutil.copyfile(notes_path, copy)
    article = load_article(article_path)
    store = NotesStore.open(article, copy)
    words = list(re.finditer(r"\w+", article.text[:200_000]))
    times = []
    for index in range(repeats):
        word = words[(index * 37) % len(words)]
        store.add(word.start(), word.end())
        started = time.perf_counter()
        result = store.save()
        times.append(time.perf_counter() - started)
        if not result.ok:
            raise RuntimeError(f"save failed: {result.message}")
    return {
        "notes": len(store.notes),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "times_ms": [round(t * 1000, 2) for t in times],
        "file_bytes": copy.stat().st_size,
    }


def linking(article_path: Path, cards_path: Path, repeats: int, factors=(1, 2, 4)) -> dict:
    """Link the cards over the text repeated 1, 2 and 4 times; the times should grow linearly."""
    text = load_article(article_path).text
    cards = load_cards([cards_path]).cards
    result = {}
    for factor in factors:
        long_text = text * factor
        median, times, links = timed(lambda t=long_text: link(t, cards), repeats)
        result[f"{factor}x"] = {
            "chars": len(long_text),
            "mentions": len(links.mentions),
            "median_s": round(median, 4),
            "times_s": [round(t, 4) for t in times],
        }
    first, last = result[f"{factors[0]}x"]["median_s"], result[f"{factors[-1]}x"]["median_s"]
    result["ratio_4x_1x"] = round(last / first, 3) if first else None
    return result


def library_linking(article_path: Path, cards_path: Path, library: Path, repeats: int) -> dict:
    """Link the article's own cards with a card library added, as ANNOTATED_READER_CARDS adds
    it; the ratio is to the same article linked with its own cards alone."""
    text = load_article(article_path).text
    own = load_cards([cards_path]).cards
    every = load_library([cards_path, library], environ={}).cards
    result = {}
    for name, cards in (("own", own), ("with_library", every)):
        median, times, links = timed(lambda c=cards: link(text, c), repeats)
        result[name] = {
            "cards": len(cards),
            "aliases": sum(len(card.aliases) for card in cards),
            "mentions": len(links.mentions),
            "median_s": round(median, 4),
            "times_s": [round(t, 4) for t in times],
        }
    own_s, library_s = result["own"]["median_s"], result["with_library"]["median_s"]
    result["ratio_library_own"] = round(library_s / own_s, 3) if own_s else None
    return result


def edited_article(article: Article) -> Article:
    """The article with a sentence inserted near its start (after its first paragraph)."""
    cut = article.paragraphs[1][0] if len(article.paragraphs) > 1 else 0
    text = article.text[:cut] + INSERTED + article.text[cut:]
    return Article(text=text, name=article.name, path=article.path)


def anchoring(article_path: Path, notes_path: Path, repeats: int) -> dict:
    """Open the notes on the unchanged text and after an edit near its start."""
    article = load_article(article_path)
    edited = edited_article(article)
    notes = load_notes(notes_path).notes
    result: dict = {"notes": len(notes)}
    for name, target in (("unchanged", article), ("edited", edited)):
        median, _, store = timed(lambda a=target: NotesStore.open(a, notes_path), repeats)
        states: dict[str, int] = {}
        for where in store.placements.values():
            states[where.state] = states.get(where.state, 0) + 1
        trusted = name == "unchanged"
        anchor_median, _, _ = timed(
            lambda a=target, t=trusted: reanchor_all(a.text, notes, trusted=t), repeats
        )
        result[name] = {
            "open_median_s": round(median, 4),
            "reanchor_median_s": round(anchor_median, 4),
            "placements": states,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The benchmark's in-process measures (JSON).")
    parser.add_argument("article", type=Path)
    parser.add_argument("cards", type=Path)
    parser.add_argument("notes", type=Path)
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--library", type=Path, default=None, help="a card library folder")
    args = parser.parse_args(argv)
    results = {
        "saving": saving(args.article, args.notes, args.work_dir, args.repeats),
        "linking": linking(args.article, args.cards, args.repeats),
        "anchoring": anchoring(args.article, args.notes, args.repeats),
    }
    if args.library is not None:
        results["library_linking"] = library_linking(
            args.article, args.cards, args.library, args.repeats
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
