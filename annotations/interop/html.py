"""Provides the HTML export: one self-contained page with the article, its highlights in their
colours and the notes in the margin beside their paragraph.

No script, no external resource (no font, image or stylesheet link): the page reads the same
offline, printed, or years later. Everything from the article, cards and notes is escaped.
"""

from __future__ import annotations

from html import escape

from annotations.cards.model import Card
from annotations.interop.export import Export
from annotations.interop.layout import Piece, pieces
from annotations.interop.w3c import HIGHLIGHT_CSS
from annotations.notes.model import Note
from annotations.text.sanitize import display_text

_STYLE = """
:root { color-scheme: light; }
body { font: 1.05rem/1.6 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fff;
  margin: 0 auto; max-width: 68rem; padding: 1.5rem; }
header .meta, .facts { font: 0.85rem/1.4 system-ui, sans-serif; color: #555; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; column-gap: 2rem; }
.row > p { margin: 0 0 1rem; }
aside { font: 0.85rem/1.4 system-ui, sans-serif; }
.note { border-left: 0.3rem solid #999; padding: 0.2rem 0 0.2rem 0.6rem; margin: 0 0 0.8rem; }
.note blockquote { margin: 0 0 0.3rem; font-style: italic; color: #444; }
.note p { margin: 0 0 0.3rem; white-space: pre-wrap; }
mark { color: inherit; padding: 0 0.05em; }
mark.approximate { outline: 1px dashed #555; }
sup.ref { font: 0.7rem system-ui, sans-serif; }
sup.ref a, .num { color: #333; text-decoration: none; }
.num { font-weight: bold; margin-right: 0.3rem; }
section.cards article { margin: 0 0 1.2rem; }
@media (max-width: 50rem) { .row { grid-template-columns: minmax(0, 1fr); } }
@media print { body { max-width: none; } a { color: inherit; } }
"""


def _colour_rules() -> str:
    rules = []
    for name, background in HIGHLIGHT_CSS.items():
        rules.append(f"mark.{name} {{ background: {background}; }}")
        rules.append(f".note.{name} {{ border-left-color: {background}; }}")
    return "\n".join(rules)


def _text(text: str) -> str:
    """Stored text made safe to put in a page: escaped, control characters shown as symbols."""
    return escape(display_text(text.replace("\r\n", "\n"), keep_newlines=True))


def _header(export: Export) -> str:
    facts = []
    if export.source:
        facts.append(f"Source: {_text(export.source)}")
    if export.published:
        facts.append(f"Published: {export.published.isoformat()}")
    count = len(export.notes)
    facts.append(f"Exported: {export.now.date().isoformat()}")
    facts.append(f"{count} note{'' if count == 1 else 's'}")
    return f'<header><h1>{_text(export.title)}</h1><p class="meta">{" · ".join(facts)}</p></header>'


def _note_box(note: Note, number: int | None, export: Export) -> str:
    where = export.placements[note.id]
    label = f'<a class="num" href="#ref-{number}">{number}</a>' if number else ""
    facts = [f"#{_text(tag)}" for tag in note.tags] + [note.color]
    if where.state == "approximate":
        facts.append("placed approximately (the text changed)")
    if note.conflict is not None:
        facts.append("changed in two places: this version shown")
    if where.placed:
        facts += [_text(card.title) for card in export.cards_at(where.start, where.end)]
    ident = f' id="note-{number}"' if number else ""
    words = f"<p>{_text(note.note)}</p>" if note.note else ""
    return (
        f'<div class="note {note.color}"{ident}>{label}'
        f"<blockquote>{_text(note.quote.exact)}</blockquote>{words}"
        f'<p class="facts">{" · ".join(facts)}</p></div>'
    )


def _paragraph(text: str, row: list[Piece], colours: dict[int, str], approximate: set[int]) -> str:
    out = []
    for piece in row:
        words = _text(text[piece.start : piece.end])
        if piece.covering:
            latest = piece.covering[-1]  # the note starting last sits on top, as in the reader
            classes = colours[latest] + (" approximate" if latest in approximate else "")
            numbers = " ".join(str(n) for n in piece.covering)
            words = f'<mark class="{classes}" data-notes="{numbers}">{words}</mark>'
        for number in piece.ending:
            words += (
                f'<sup class="ref"><a href="#note-{number}" id="ref-{number}">{number}</a></sup>'
            )
        out.append(words)
    return "".join(out)


def _card(card: Card) -> str:
    sources = "".join(
        f'<li><a href="{escape(source.url)}">{_text(source.title)}</a>'
        + (f" ({_text(source.credit())})" if source.credit() else "")
        + "</li>"
        for source in card.sources
    )
    return (
        f"<article><h3>{_text(card.title)}</h3>"
        f'<p class="facts">{card.kind}, as of {card.as_of.isoformat()}</p>'
        f"<p>{_text(card.summary)}</p>" + (f"<ul>{sources}</ul>" if sources else "") + "</article>"
    )


def page(export: Export) -> str:
    """The whole page."""
    text = export.article.text
    placed = export.placed()
    numbers = {note.id: index for index, (note, _) in enumerate(placed, start=1)}
    spans = [(where.start, where.end, numbers[note.id]) for note, where in placed]
    colours = {numbers[note.id]: note.color for note, _ in placed}
    approximate = {numbers[note.id] for note, where in placed if where.state == "approximate"}
    by_number = {numbers[note.id]: note for note, _ in placed}
    body = []
    shown: set[int] = set()
    for row in pieces(export.article.paragraphs, spans):
        starting = []
        for piece in row:
            for number in piece.covering:
                if number not in shown:
                    shown.add(number)
                    starting.append(_note_box(by_number[number], number, export))
        paragraph = _paragraph(text, row, colours, approximate)
        body.append(f'<div class="row"><p>{paragraph}</p><aside>{"".join(starting)}</aside></div>')
    orphans = export.orphans()
    if orphans:
        boxes = "".join(_note_box(note, None, export) for note in orphans)
        heading = "<h2>Not found in the current text</h2>"
        body.append(f'<section class="orphans">{heading}{boxes}</section>')
    cards = export.touched_cards()
    if cards:
        body.append(f'<section class="cards"><h2>Cards</h2>{"".join(map(_card, cards))}</section>')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="annotated-reader">\n'
        f"<title>{_text(export.title)}</title>\n<style>{_STYLE}{_colour_rules()}\n</style>\n"
        f"</head>\n<body>\n{_header(export)}\n<main>\n" + "\n".join(body) + "\n</main>\n"
        "</body>\n</html>\n"
    )
