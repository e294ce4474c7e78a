"""The Markdown, HTML and JSON exports: what a person pasting, printing or scripting gets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from annotations.interop import html, jsonout, markdown
from annotations.interop.export import FORMATS, free_path
from annotations.interop.formats import render
from annotations.interop.w3c import HIGHLIGHT_CSS
from annotations.notes.file import NotesDocument, dump_notes
from annotations.notes.model import COLORS
from annotations.notes.store import NotesStore
from annotations.reading import open_reading
from tests.model.interop_helpers import article, export_of, store_with_notes

HOSTILE = "Putin said <script>alert(1)</script> *not* [a link](javascript:x) # \x1b[31mred\n"


def test_the_digest_lists_each_note_in_text_order(tmp_path):
    text = markdown.digest(export_of(store_with_notes(tmp_path), source="sochi.txt"))
    assert text.startswith("# Putin and Erdogan meet in Sochi\n")
    assert "Source: sochi.txt" in text and "Exported: 2026-12-02 · 4 notes" in text
    quotes = re.findall(r"^> (.+)$", text, flags=re.M)
    assert quotes == [
        "Vladimir Putin",
        "marriage of convenience",
        "convenience between Russia",
        "S-400",
    ]
    assert "Ellehuus's framing.\nCompare the readout.\n" in text
    assert "*Tags: #analysis #framing · Colour: pink*" in text
    assert "*Colour: green*" in text and "*Tags: #weapons · Colour: blue*" in text


def test_the_digest_names_the_cards_the_notes_touch():
    reading = open_reading("builtin")
    store = NotesStore.open(reading.article, None)
    start = reading.article.text.index("Recep Tayyip Erdogan")
    store.add(start, start + len("Recep Tayyip Erdogan"), "The guest.")
    export = export_of(store, cards=reading.cards.cards, links=reading.links)
    text = markdown.digest(export)
    assert "Cards: Recep Tayyip Erdoğan" in text
    assert "## Cards\n\n### Recep Tayyip Erdoğan\n\n*person*, as of 2021-09-29" in text
    # Only the cards the notes touch, not every card of the article.
    assert "### Vladimir Putin" not in text


def _hostile(tmp_path) -> NotesStore:
    return NotesStore.open(article(tmp_path, HOSTILE + "Second line.\n"), tmp_path / "h.yaml")


def test_article_text_is_escaped_but_notes_stay_as_written(tmp_path):
    store = _hostile(tmp_path)
    store.add(0, len("Putin said <script>"), "my **own** words")
    text = markdown.digest(export_of(store))
    assert "> Putin said \\<script\\>" in text
    assert "my **own** words" in text
    assert "\x1b" not in text
    with_text = markdown.with_text(export_of(store))
    assert "\\*not\\* \\[a link\\](javascript:x) # ␛\\[31mred" in with_text
    assert "<script>" not in with_text and "\x1b" not in with_text


def test_with_text_puts_each_note_inline_with_a_footnote(tmp_path):
    text = markdown.with_text(export_of(store_with_notes(tmp_path)))
    assert "Russian President **Vladimir Putin**[^1] met" in text
    # Overlapping notes make one bold run; each note's footnote follows its own last word.
    assert "a **marriage of convenience[^2] between Russia**[^3] and Turkey." in text
    assert "bought Russian **S-400**[^4] missile" in text
    assert "[^2]: Ellehuus's framing. Compare the readout. — *Tags: #analysis #framing ·" in text
    assert "[^1]: (highlight) — *Colour: green*" in text


def test_with_text_footnotes_each_cards_first_mention():
    reading = open_reading("builtin")
    store = NotesStore.open(reading.article, None)
    export = export_of(store, cards=reading.cards.cards, links=reading.links)
    text = markdown.with_text(export)
    assert "Vladimir Putin[^putin] and" in text
    assert text.count("[^putin]") == 2  # the mention and the footnote; later mentions bare
    assert re.search(r"^\[\^putin\]: \*\*Vladimir Putin\*\* \(person, as of ", text, re.M)


def test_orphans_are_listed_apart(tmp_path):
    store = store_with_notes(tmp_path)
    assert store.save().ok
    changed = NotesStore.open(article(tmp_path, "An unrelated text.\n", "x.txt"), store.path)
    text = markdown.digest(export_of(changed))
    assert "## Not found in the current text" in text and "## Notes" not in text


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs)
        if tag in ("script", "img", "link", "iframe", "object", "embed") or "src" in found:
            self.external.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_page_is_self_contained_and_escaped(tmp_path):
    store = _hostile(tmp_path)
    store.add(0, len("Putin said <script>"), "a <b>note</b>", ["x"], "green")
    page = html.page(export_of(store))
    parser = _Page()
    parser.feed(page)
    assert parser.external == []
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "alert(1)&lt;/script&gt;" in page
    assert "a &lt;b&gt;note&lt;/b&gt;" in page
    assert "\x1b" not in page and "␛" in page
    assert '<mark class="green" data-notes="1">Putin said &lt;script&gt;</mark>' in page


def test_the_html_highlights_use_the_note_colours(tmp_path):
    page = html.page(export_of(store_with_notes(tmp_path)))
    for color in COLORS:
        assert f"mark.{color} {{ background: {HIGHLIGHT_CSS[color]}; }}" in page
    assert '<mark class="green" data-notes="1">Vladimir Putin</mark>' in page
    # The note sits in the margin beside its paragraph.
    row = re.search(r'<div class="row"><p>Analysts.*?</aside></div>', page, flags=re.S)
    assert row and "Ellehuus&#x27;s framing." in row.group(0)


def test_json_is_the_notes_as_stored(tmp_path):
    store = store_with_notes(tmp_path)
    assert store.save().ok
    data = json.loads(jsonout.dumps(export_of(store)))
    import yaml

    stored = yaml.safe_load(store.path.read_text(encoding="utf-8"))
    for note in stored["notes"]:
        note["created"] = note["created"].strftime("%Y-%m-%dT%H:%M:%SZ")
        note["updated"] = note["updated"].strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data == stored
    assert dump_notes(NotesDocument("x", "y", [])).startswith("version: 1")


def test_every_format_renders_and_names_a_free_file(tmp_path):
    export = export_of(store_with_notes(tmp_path))
    for fmt in FORMATS:
        assert render(export, fmt).strip()
    (tmp_path / "sochi.notes.md").write_text("taken")
    assert free_path(tmp_path, "sochi", "markdown").name == "sochi.notes-2.md"
    assert free_path(tmp_path, "sochi", "markdown", with_text=True).name == "sochi.text.md"
    assert free_path(tmp_path, "sochi", "w3c").name == "sochi.notes.jsonld"
