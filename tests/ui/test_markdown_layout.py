"""The layout of a Markdown article: hidden markup takes no cells, offsets stay source offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.text.markdown import markdown_article
from reader.widgets.wrap import Layout, shown_char

SOURCE = "Some **bold** words and a [link text](https://example.org/a/long/path) to wrap.\n"


def row_texts(layout: Layout) -> list[str]:
    rows = []
    for row in range(layout.rows):
        span = layout.row_span(row)
        if span is not None:
            rows.append("".join(shown_char(layout.article, i) for i in range(*span)))
    return rows


def test_rows_wrap_on_what_is_shown_not_on_the_source():
    layout = Layout(markdown_article(SOURCE, name="a.md"), 20)
    assert [row.rstrip() for row in row_texts(layout)] == [
        "Some bold words and",
        "a link text to wrap.",
    ]


def test_columns_and_offsets_skip_hidden_characters():
    article = markdown_article(SOURCE, name="a.md")
    layout = Layout(article, 40)
    bold = SOURCE.index("bold")
    assert layout.column_of(bold) == 5  # "Some " before it; the "**" takes no cells
    assert layout.offset_at(0, 5) == bold
    link = SOURCE.index("link text")
    assert layout.offset_at(0, layout.column_of(link)) == link


PIECES = ["word", "**bold**", "*em*", "`code`", "[a](http://x.y/z)", " ", "\n", "é", "漢"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=4, max_value=30))
def test_every_shown_character_has_a_place_and_comes_back_from_it(source, width):
    article = markdown_article(source, name="a.md")
    layout = Layout(article, width)
    for start, end in article.paragraphs:
        for offset in range(start, end):
            if article.rendering.is_hidden(offset):
                continue
            row, column = layout.row_of(offset), layout.column_of(offset)
            assert column < width or layout.cells(offset) > width
            assert layout.offset_at(row, column) == offset
