"""Provides the import and export timings (issue 15): 2,000 annotations imported, 2,000 notes
exported in every format, each the median of a few repeats, in a process of its own:

    python bench/interop.py ARTICLE CARDS NOTES W3C HYPOTHESIS WORK_DIR [--repeats 5]

Import is what `annotated-reader import` does after reading its arguments: parse the JSON,
open the (empty) notes file, anchor every annotation, save. Export is what `export` does once
the notes are open: build the document and its text.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

from annotations.cards.linking import link
from annotations.cards.load import load_cards
from annotations.interop.export import Export
from annotations.interop.formats import render
from annotations.interop.importing import import_into, load_json
from annotations.notes.store import NotesStore
from annotations.text.article import load_article

IMPORT_BAR_S = 2.0
EXPORT_BAR_S = 1.0
EXPORTS = (
    ("w3c", False),
    ("json", False),
    ("markdown", False),
    ("markdown", True),
    ("html", False),
)


def _median(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 4), result


def importing(article_path: Path, source: Path, work: Path, repeats: int) -> dict:
    article = load_article(article_path)
    runs = iter(range(10_000))

    def once():
        notes = work / f"import-{source.stem}-{next(runs)}.notes.yaml"
        notes.unlink(missing_ok=True)  # into an empty notes file, every time
        store = NotesStore.open(article, notes)
        report = import_into(store, load_json(source), str(source))
        if not store.save().ok:
            raise RuntimeError("the imported notes were not saved")
        return report

    median, report = _median(once, repeats)
    return {
        "median_s": median,
        "annotations": report.total,
        "exact": report.exact,
        "approximate": report.approximate,
        "orphans": len(report.orphans),
        "rejected": len(report.rejected),
    }


def exporting(article_path: Path, cards_path: Path, notes_path: Path, repeats: int) -> dict:
    article = load_article(article_path)
    cards = load_cards([cards_path]).cards
    links = link(article.text, cards)
    store = NotesStore.open(article, notes_path)
    result = {"notes": len(store.notes)}
    for fmt, with_text in EXPORTS:

        def once(fmt=fmt, with_text=with_text):
            export = Export(article, article.name, store.notes, store.placements, cards, links)
            return render(export, fmt, with_text=with_text)

        median, text = _median(once, repeats)
        name = fmt + (" --with-text" if with_text else "")
        result[name] = {"median_s": median, "bytes": len(text.encode("utf-8"))}
    return result


def bars(results: dict) -> list[dict]:
    """The two bars of issue 15, in run.py's shape."""
    interop = results["interop"]
    imports = max(interop["import_w3c"]["median_s"], interop["import_hypothesis"]["median_s"])
    exports = max(v["median_s"] for v in interop["export"].values() if isinstance(v, dict))
    return [
        {"figure": f"import of {interop['import_w3c']['annotations']:,} annotations, s (slower"
                   " of W3C and Hypothesis)",
         "bar": f"≤ {IMPORT_BAR_S:g} s", "value": imports, "pass": imports <= IMPORT_BAR_S},
        {"figure": f"export of {interop['export']['notes']:,} notes, s (slowest format)",
         "bar": f"≤ {EXPORT_BAR_S:g} s", "value": exports, "pass": exports <= EXPORT_BAR_S},
    ]  # fmt: skip


def print_lines(results: dict) -> None:
    interop = results["interop"]
    for name in ("import_w3c", "import_hypothesis"):
        r = interop[name]
        print(
            f"\n7. {name.replace('_', ' ')}: {r['annotations']} annotations in {r['median_s']} s"
            f" ({r['exact']} exact, {r['approximate']} approximate, {r['orphans']} orphans)",
            end="",
        )
    exports = interop["export"]
    print(
        f"\n   export of {exports['notes']} notes, median s: "
        + ", ".join(f"{k} {v['median_s']}" for k, v in exports.items() if isinstance(v, dict))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import and export timings (JSON).")
    for name in ("article", "cards", "notes", "w3c", "hypothesis", "work_dir"):
        parser.add_argument(name, type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    results = {
        "import_w3c": importing(args.article, args.w3c, args.work_dir, args.repeats),
        "import_hypothesis": importing(args.article, args.hypothesis, args.work_dir, args.repeats),
        "export": exporting(args.article, args.cards, args.notes, args.repeats),
    }
    print(json.dumps({"interop": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
