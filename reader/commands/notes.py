"""Provides `annotated-reader notes list|add|rm`: the reader's notes from scripts and batch work.

The same store, file format and lock as the reader, so a script may run while a reader is open on
the same article. No Textual import: this runs in plain terminals and pipes. Exit status: 0 done,
1 nothing matched (quote not in the article, unknown id), 2 a usage or file problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotations import builtin
from annotations.errors import AnnotationError, Problem
from annotations.notes.model import COLORS, Note, Placement, format_time
from annotations.notes.paths import keyed_notes_path
from annotations.notes.store import NotesStore
from annotations.text.article import Article, load_article
from annotations.text.sanitize import display_text
from annotations.versions.notes_history import NoteHistory, note_histories
from annotations.versions.store import VersionStore
from reader.commands.output import fail, print_problems

OK, NOT_FOUND, USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="a text file, or 'builtin'")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="FILE",
        help="the notes file (default: per article, in the"
        " user data folder, or under $ANNOTATED_READER_DATA_DIR)",
    )
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")


def _fill(notes: argparse.ArgumentParser) -> None:
    """Add list, add and rm to the `notes` parser."""
    commands = notes.add_subparsers(dest="notes_command", metavar="COMMAND", required=True)
    listing = commands.add_parser(
        "list",
        help="each note where it stands in the current text",
        description=(
            "Print each note where it stands in the article's current text: start-end, state"
            " (exact, approximate, orphan), colour, id, quote, tags and note; one per line."
        ),
    )
    _common(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON list instead")
    adding = commands.add_parser("add", help="add a note on a quote from the article")
    _common(adding)
    adding.add_argument("--quote", required=True, metavar="TEXT", help="text of the article")
    adding.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="which occurrence (default 1)"
    )
    adding.add_argument("--note", default="", metavar="TEXT", help="the note (may be empty)")
    adding.add_argument("--tag", action="append", default=[], metavar="T", help="repeatable")
    adding.add_argument("--color", choices=COLORS, default=None, help="default: yellow")
    removing = commands.add_parser("rm", help="delete a note by its id")
    _common(removing)
    removing.add_argument("id", metavar="ID", help="the note's id (or a unique start of it)")


def notes_parser() -> argparse.ArgumentParser:
    """The parser of `annotated-reader notes ...` on its own."""
    parser = argparse.ArgumentParser(
        prog="annotated-reader notes", description="List, add or remove notes from the shell."
    )
    _fill(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `annotated-reader notes` with the arguments after `notes`."""
    args = notes_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return run_notes(args)


def run_notes(args: argparse.Namespace) -> int:
    """Run a parsed `notes` command; problems go to stderr, one line each."""
    try:
        article = _load_article(args.article, args.encoding)
    except AnnotationError as error:
        return fail(error.problems, USAGE)
    for warning in article.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    store = NotesStore.open(article, args.notes)
    if store.broken is not None:
        return fail(store.broken.problems, USAGE)
    if args.notes is None and store.path != keyed_notes_path(article):
        found = "found by the article's text: they were made on it under another name or path"
        print_problems(_problem(str(store.path), "", found), "note")
    if args.notes_command == "list":
        return _list(store, args.json, _label(args.article, article))
    if args.notes_command == "add":
        return _add(store, args)
    return _remove(store, args.id)


def _load_article(argument: str, encoding: str | None) -> Article:
    if argument == builtin.BUILTIN_NAME:
        article = load_article(builtin.article_path())
        # The reader names the built-in article after its cards; so does this, without
        # parsing and linking every card to learn a title.
        article.name = builtin.TITLE
        return article
    return load_article(Path(argument), encoding=encoding)


def _problem(file: str, field: str, message: str) -> list[Problem]:
    return [Problem(file, None, field, message)]


def _list(store: NotesStore, as_json: bool, label: str) -> int:
    placements = store.placements
    notes = store.notes
    article = store.article
    histories = note_histories(notes, placements, article.text, VersionStore.for_article(article))
    if not notes:
        # Said on stderr, so that stdout stays empty (or `[]`) for scripts.
        held = "holds none" if store.path.exists() else "does not exist yet"
        print(f"no notes for {label}: the notes file {store.path} {held}", file=sys.stderr)
    if as_json:
        rows = [_as_json(note, placements[note.id], histories.get(note.id)) for note in notes]
        print(json.dumps(rows, indent=2))
        return OK
    for note in notes:
        print(_as_line(note, placements[note.id], histories.get(note.id)))
    return OK


def _as_line(note: Note, where: Placement, history: NoteHistory | None = None) -> str:
    # Quotes and notes may hold escape sequences: show them as symbols, never send them raw.
    span = f"{where.start}-{where.end}" if where.placed else "-"
    state = where.state + (" conflict" if note.conflict else "")
    quote = display_text(note.quote.exact)
    tags = "[" + ", ".join(display_text(tag) for tag in note.tags) + "]"
    line = f'{span}  {state}  {note.color}  {note.id}  "{quote}"  {tags}  {display_text(note.note)}'
    if history is not None and history.describe():
        line += f"  ({display_text(history.describe())})"
    return line


def _as_json(note: Note, where: Placement, history: NoteHistory | None = None) -> dict:
    conflict = None
    if note.conflict is not None:
        other = note.conflict
        conflict = {"note": other.note, "tags": list(other.tags), "color": other.color}
        conflict |= {"quote": other.quote.exact, "updated": format_time(other.updated)}
    return {
        "id": note.id,
        "start": where.start,
        "end": where.end,
        "state": where.state,
        "quote": {
            "exact": note.quote.exact,
            "prefix": note.quote.prefix,
            "suffix": note.quote.suffix,
        },
        "note": note.note,
        "tags": list(note.tags),
        "color": note.color,
        "created": format_time(note.created),
        "updated": format_time(note.updated),
        "conflict": conflict,
        "made_on": note.made_on or None,
        "changed": _history_json(history),
    }


def _history_json(history: NoteHistory | None) -> dict | None:
    """What later versions did to the note: None when its text is as it was."""
    if history is None:
        return None
    removed = history.removed_in
    return {
        "was": history.was,
        "removed_in": None if removed is None else {"sha256": removed.sha256, "date": removed.day},
    }


def _add(store: NotesStore, args: argparse.Namespace) -> int:
    from annotations.text.search import enclosing_word, occurrences

    text, quote, wanted = store.article.text, args.quote, args.occurrence
    where = _label(args.article, store.article)
    if not quote.strip():
        return fail(_problem(where, "--quote", "must not be empty"), USAGE)
    if wanted < 1:
        return fail(_problem(where, "--occurrence", "must be 1 or more"), USAGE)
    found = occurrences(text, quote)
    whole = [place for place in found if place.whole_word]
    # Whole words first: "Russia" means Russia, not the start of "Russian".
    chosen = whole or found
    shown = display_text(quote)
    if len(chosen) < wanted:
        if not found:
            message = f"{shown!r} is not in the article"
        else:
            count = len(chosen)
            message = f"{shown!r} occurs {count} time{'' if count == 1 else 's'}"
            if whole and len(found) > len(whole):
                message += f" as whole words ({len(found) - len(whole)} more inside longer words)"
            elif not whole:
                message += ", only inside longer words,"
            message += f"; no occurrence {wanted}"
        return fail(_problem(where, "--quote", message), NOT_FOUND)
    place = chosen[wanted - 1]
    try:
        note = store.add(place.start, place.end, args.note, args.tag, args.color)
    except ValueError as error:
        return fail(_problem(where, "--tag", str(error)), USAGE)
    if not whole:
        word = display_text(text[slice(*enclosing_word(text, place.start, place.end))])
        print_problems(
            _problem(where, "--quote", f"{shown!r} occurs only inside longer words: noted in"
                     f" {word!r} at {place.start}-{place.end}"),
            "warning",
        )  # fmt: skip
    return _saved(store, note.id, "added")


def _label(argument: str, article: Article) -> str:
    """The article as the user named it: "builtin", not where the package happens to live."""
    return builtin.BUILTIN_NAME if argument == builtin.BUILTIN_NAME else str(article.path)


def _remove(store: NotesStore, wanted: str) -> int:
    matches = [note.id for note in store.notes if note.id.upper().startswith(wanted.upper())]
    exact = [note_id for note_id in matches if note_id.upper() == wanted.upper()]
    if exact:
        matches = exact
    if len(matches) != 1:
        why = "no note has this id" if not matches else f"{len(matches)} notes start with it"
        return fail(_problem(str(store.path), "ID", f"{wanted}: {why}"), NOT_FOUND)
    store.delete(matches[0])
    return _saved(store, matches[0], "removed")


def _saved(store: NotesStore, note_id: str, done: str) -> int:
    """Save, and say so; on failure, what is true once this process ends: nothing was changed."""
    result = store.save()
    if not result.ok:
        what = "the note was not added" if done == "added" else f"note {note_id} was not removed"
        message = f"{what}: {result.reason}; the notes file is unchanged"
        print(f"error: {store.path}: {message}", file=sys.stderr)
        return USAGE
    print(note_id)
    return OK
