"""Provides a benchmark of Markdown articles against the same text read as plain text.

    python bench/markdown.py [--paragraphs 2000]

Prints, for one article of N Markdown paragraphs (bold, emphasis, a link and code in each),
the time to load it and to lay it out at 80 columns, as Markdown and as plain text, and the
ratios between them (measured in the same run, on the same machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotations.text.article import Article  # noqa: E402
from annotations.text.markdown import markdown_article  # noqa: E402
from reader.widgets.wrap import Layout  # noqa: E402

PARAGRAPH = (
    "Alpha met **Beta** in [Gamma](https://example.org/gamma) on *Monday*, and `Delta` said the"
    " talks went on for a long while, as such talks often do.\n\n"
)


def best(function, runs: int) -> float:
    """The median of `runs` timings of `function()`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    source = "# A long Markdown article\n\n" + PARAGRAPH * args.paragraphs
    marked = markdown_article(source, name="bench.md")
    plain = Article(text=source, name="bench.txt")
    figures = {
        "load markdown": best(lambda: markdown_article(source, name="bench.md"), args.runs),
        "load plain": best(lambda: Article(text=source, name="bench.txt"), args.runs),
        "layout markdown": best(lambda: Layout(marked, 80), args.runs),
        "layout plain": best(lambda: Layout(plain, 80), args.runs),
    }
    print(f"{len(source):,} characters, {len(marked.paragraphs):,} blocks")
    for name, seconds in figures.items():
        print(f"  {name:<16} {seconds * 1000:9.1f} ms")
    layout = figures["layout markdown"] / figures["layout plain"]
    print(f"  layout markdown / plain: {layout:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
