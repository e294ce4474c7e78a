"""Coverage-guided fuzzing (atheris + libFuzzer) of the cards and notes loaders and re-anchoring.

Not part of the test suite (tests/test_fuzz.py runs bounded Hypothesis fuzzers there); this is
for long runs. atheris is deliberately not a project dependency. Install it and run, from the
repository root:

    pip install atheris            # 3.x: binary wheels for CPython 3.11+ on Linux x86_64
    FUZZ_TARGET=cards python fuzz/fuzz_loaders.py -max_total_time=300 -rss_limit_mb=2048 \
        -timeout=20 -max_len=32768 -dict=fuzz/yaml.dict \
        /tmp/corpus-cards tests/data/cards tests/data/hostile/cards annotations/builtin

FUZZ_TARGET is one of cards, notes, yaml, anchor (default: all, where the first byte of each
input picks one). The first directory collects the inputs libFuzzer finds interesting; the
others are read-only seeds. fuzz/README.md has the commands for each target.

Every input must end in a result or an AnnotationError whose text is safe to print; any other
exception, a failed check, a timeout (-timeout) or running out of memory (-rss_limit_mb) is a
crash, and libFuzzer saves the input as crash-<sha1> (or timeout-, oom-) in the working folder.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["annotations"]):
    from annotations import files
    from annotations.cards.load import parse_cards
    from annotations.errors import AnnotationError
    from annotations.notes.anchoring import (
        MIN_APPROXIMATE,
        QUOTE_THRESHOLD,
        SUPPORTED_THRESHOLD,
        UNIQUE_IDENTITY,
        anchor,
        reanchor_all,
    )
    from annotations.notes.context import known_sides
    from annotations.notes.file import parse_notes
    from annotations.notes.model import Note, Quote
    from annotations.yaml.loader import load_yaml

from rapidfuzz import fuzz  # noqa: E402 - after the instrumented imports, uninstrumented

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
TARGETS = ("cards", "notes", "yaml", "anchor")


def ends_cleanly(parse, text: str):
    """A result, or None after checking the AnnotationError is safe and short enough to print."""
    try:
        return parse(text, "fuzz.yaml")
    except AnnotationError as error:
        if not error.problems:
            raise AssertionError("an AnnotationError with no problem in it") from None
        for line in str(error).splitlines():
            if CONTROLS.search(line) or len(line) >= 2_000 or not line.startswith("fuzz.yaml"):
                raise AssertionError(f"unsafe message line: {line[:300]!r}") from None
        return None


def as_file_text(data: bytes, what: str) -> str | None:
    """`data` as the loaders see a file's bytes: binary refused, then decoded strictly."""
    if files.looks_binary(data):
        return None
    try:
        return files.decode(data, "fuzz.yaml", what=what)
    except AnnotationError:
        return None


def fuzz_cards(data: bytes) -> None:
    text = as_file_text(data, "cards")
    if text is None:
        return
    result = ends_cleanly(parse_cards, text)
    if result is not None:
        for card in result[1]:
            for shown in (card.title, card.summary, card.erratum, card.body):
                assert not CONTROLS.search(shown.replace("\n", "")), shown
            assert "\n" not in card.title and "\n" not in card.summary


def fuzz_notes(data: bytes) -> None:
    text = as_file_text(data, "notes")
    if text is None:
        return
    document = ends_cleanly(parse_notes, text)
    if document is not None:
        for note in document.notes:
            assert 0 <= note.start < note.end and note.quote.exact


def fuzz_yaml(data: bytes) -> None:
    text = as_file_text(data, "cards")
    if text is not None:
        ends_cleanly(load_yaml, text)


def check_placement(text: str, quote: Quote, placement) -> None:
    if placement.state == "orphan":
        assert placement.start is None and placement.end is None
        return
    assert 0 <= placement.start <= placement.end <= len(text), placement
    if placement.state == "exact":
        assert text[placement.start : placement.end] == quote.exact, placement
    else:
        assert placement.state == "approximate", placement
        found = text[placement.start : placement.end]
        similarity = fuzz.ratio(quote.exact, found)
        known = known_sides(text, quote, placement.start, placement.end)
        close = similarity >= QUOTE_THRESHOLD and len(quote.exact) >= MIN_APPROXIMATE
        vouched = similarity >= SUPPORTED_THRESHOLD and bool(known) and min(known) >= 90
        offered = found == quote.exact and len(found) >= UNIQUE_IDENTITY
        assert close or vouched or offered, (quote, found)


def fuzz_anchor(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 2_000))
    # The article as changed later: a few splices, so notes land on near misses (approximate).
    edited = text
    for _ in range(provider.ConsumeIntInRange(0, 4)):
        at = provider.ConsumeIntInRange(0, len(edited))
        cut = provider.ConsumeIntInRange(0, 20)
        splice = provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 20))
        edited = edited[:at] + splice + edited[at + cut :]
    other = provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 500))
    notes = []
    for number in range(provider.ConsumeIntInRange(0, 8)):
        if text and provider.ConsumeBool():
            start = provider.ConsumeIntInRange(0, len(text) - 1)
            end = provider.ConsumeIntInRange(start + 1, min(len(text), start + 200))
            quote = Quote(text[start:end], text[max(0, start - 32) : start], text[end : end + 32])
        else:
            exact = provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(1, 80)) or "x"
            quote = Quote(
                exact,
                provider.ConsumeUnicodeNoSurrogates(32),
                provider.ConsumeUnicodeNoSurrogates(32),
            )
            start = provider.ConsumeIntInRange(0, 4_000)
        hint = provider.ConsumeIntInRange(-10, 4_000)
        check_placement(text, quote, anchor(text, quote, hint, guess=start))
        notes.append(Note(f"{number:026d}", quote, start, start + len(quote.exact)))
    for target in (text, edited, other, edited[: len(edited) // 2] + other):
        placements = reanchor_all(target, notes, trusted=provider.ConsumeBool())
        assert set(placements) == {note.id for note in notes}
        for note in notes:
            check_placement(target, note.quote, placements[note.id])


FUZZERS = {"cards": fuzz_cards, "notes": fuzz_notes, "yaml": fuzz_yaml, "anchor": fuzz_anchor}


def one_input(data: bytes) -> None:
    chosen = os.environ.get("FUZZ_TARGET", "all")
    if chosen == "all":
        if not data:
            return
        FUZZERS[TARGETS[data[0] % len(TARGETS)]](data[1:])
    else:
        FUZZERS[chosen](data)


def main() -> None:
    chosen = os.environ.get("FUZZ_TARGET", "all")
    if chosen != "all" and chosen not in FUZZERS:
        sys.exit(f"FUZZ_TARGET must be one of {', '.join(TARGETS)} or all, not {chosen!r}")
    os.environ.setdefault("ANNOTATED_READER_CACHE_DIR", "off")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
