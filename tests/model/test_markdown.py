"""Markdown articles: the source stays the text; markup is hidden, styled, and offsets hold."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.notes.store import NotesStore
from annotations.reading import open_reading
from annotations.text.markdown import markdown_article, render
from tests.ui.ui_helpers import SMALL_CARDS

SOURCE = textwrap.dedent(
    """\
    # Alpha meets **Beta**

    Alpha met [Beta](https://example.org/Gamma "Gamma page") in Gamma on *Monday*,
    and `Delta` too. Escaped \\*stars\\* &amp; more.

    > Beta said Gamma was calm,
    > and Alpha agreed.

    - first item about Delta
    - second item
      1. nested

    ---

    Closing paragraph.
    """
)


def shown(article, start, end):
    text = article.rendering.shown_text(article.text, start, end)
    return text.replace("\r", " ").replace("\n", " ")  # a line end shows as a space


def shown_paragraphs(article):
    return [shown(article, start, end) for start, end in article.paragraphs]


def test_markup_is_hidden_and_blocks_render_as_such():
    article = markdown_article(SOURCE, name="a.md")
    assert article.text == SOURCE  # offsets are source offsets
    assert shown_paragraphs(article) == [
        "Alpha meets Beta",
        "Alpha met Beta in Gamma on Monday, and Delta too. Escaped *stars* & more.",
        "\u2502 Beta said Gamma was calm, and Alpha agreed.",
        "\u2022 first item about Delta",
        "\u2022 second item",
        "  1. nested",
        "\u2500\u2500\u2500",
        "Closing paragraph.",
    ]
    assert article.title == "Alpha meets Beta"


def styles_of(article, word):
    start = article.text.index(word)
    return {style for low, high, style in article.rendering.styles if low <= start < high}


def test_styles_sit_on_the_source_offsets_of_what_they_style():
    article = markdown_article(SOURCE, name="a.md")
    assert {"heading", "heading-1", "strong"} <= styles_of(article, "Beta**")
    assert "link" in styles_of(article, "Beta](")
    assert "em" in styles_of(article, "Monday")
    assert "code" in styles_of(article, "Delta`")
    assert "quote" in styles_of(article, "calm")
    rendering = article.rendering
    url = SOURCE.index("https://")
    assert all(rendering.is_hidden(offset) for offset in range(url, url + 20))
    assert rendering.is_hidden(SOURCE.index("**"))
    assert not rendering.is_hidden(SOURCE.index("Monday"))


def test_mentions_land_on_the_shown_words_and_never_inside_a_hidden_url(tmp_path):
    (tmp_path / "a.md").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "a.cards.yaml").write_text(SMALL_CARDS, encoding="utf-8")
    reading = open_reading(str(tmp_path / "a.md"))
    found = {(SOURCE[m.start : m.end], m.start) for m in reading.links.mentions}
    beta_in_link = SOURCE.index("[Beta]") + 1
    assert ("Beta", beta_in_link) in found
    assert ("Beta", SOURCE.index("Beta**")) in found
    assert ("Delta", SOURCE.index("Delta`")) in found
    # "Gamma" is in the link's URL and title (hidden): only the shown ones are linked.
    gammas = [start for text, start in found if text == "Gamma"]
    hidden_gamma = SOURCE.index("Gamma", SOURCE.index("https://"))
    assert hidden_gamma not in gammas
    assert SOURCE.index("in Gamma") + 3 in gammas


def test_a_note_on_a_bold_word_keeps_its_exact_source_offsets(tmp_path):
    article = markdown_article(SOURCE, name="a.md", path=tmp_path / "a.md")
    start = SOURCE.index("Beta**")
    store = NotesStore(article, tmp_path / "a.notes.yaml")
    store.load()
    store.add(start, start + 4, "bold name")
    assert store.save().ok
    again = NotesStore(markdown_article(SOURCE, name="a.md"), tmp_path / "a.notes.yaml")
    again.load()
    [note] = again.notes
    placement = again.placement(note.id)
    assert (placement.start, placement.end, placement.state) == (start, start + 4, "exact")
    assert SOURCE[placement.start : placement.end] == "Beta"


def test_crlf_line_ends_keep_offsets_and_hide_the_second_half_of_each():
    source = "# Title\r\n\r\nOne *two*\r\nthree.\r\n"
    article = markdown_article(source, name="a.md")
    assert shown_paragraphs(article) == ["Title", "One two three."]
    assert article.rendering.is_hidden(source.index("\nthree"))


def test_a_setext_heading_and_reference_links_show_without_their_markup():
    source = "Title\n=====\n\nSee [the page][ref] now.\n\n[ref]: https://example.org\n"
    article = markdown_article(source, name="a.md")
    assert shown_paragraphs(article) == ["Title", "See the page now."]


def test_a_table_shows_its_rows_as_written_without_the_rule_under_its_header():
    source = "| Who | Where |\n|-----|-------|\n| Alpha | Gamma |\n\nAfter.\n"
    article = markdown_article(source, name="a.md")
    assert shown_paragraphs(article) == ["| Who | Where |", "| Alpha | Gamma |", "After."]


def test_plain_text_without_markup_shows_as_itself():
    source = "One paragraph here.\n\nAnother one, with a comma.\n"
    article = markdown_article(source, name="a.md")
    assert shown_paragraphs(article) == ["One paragraph here.", "Another one, with a comma."]


MARKUP = "ab *_`[]()<>#->\\&;!\n\r\t1.~|"
MARKDOWNISH = st.text(alphabet=st.sampled_from(list(MARKUP)), max_size=120)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_any_source_renders_with_offsets_in_range(source):
    paragraphs, rendering = render(source)
    assert len(rendering.hidden) == len(source)
    previous_end = 0
    for start, end in paragraphs:
        assert previous_end <= start < end <= len(source)
        previous_end = end
        assert rendering.hidden.find(0, start, end) != -1  # something of it shows
    for low, high, _ in rendering.styles:
        assert 0 <= low < high <= len(source)
    for offset, replacement in rendering.shown_as.items():
        assert 0 <= offset < len(source) and len(replacement) == 1
