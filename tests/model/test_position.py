"""The reading position file: written atomically, read back by quote, refused clearly when bad."""

from __future__ import annotations

import pytest

from annotations.errors import AnnotationError
from annotations.notes.position import load_position, position_path, save_position
from annotations.text.article import Article

TEXT = "First paragraph.\nSecond one, where reading stopped.\nThird.\n"


def test_the_position_comes_back_and_follows_its_text_after_an_edit(tmp_path):
    article = Article(TEXT, "a.txt", tmp_path / "a.txt")
    assert load_position(article) is None  # never read
    where = save_position(article, TEXT.index("where"))
    assert where == position_path(article)
    assert where.parent.name == "positions"
    assert load_position(article) == TEXT.index("where")
    edited = Article("A new opening line.\n" + TEXT, "a.txt", tmp_path / "a.txt")
    assert position_path(edited) == where  # the path, not the text, names the file
    assert load_position(edited) == edited.text.index("where")
    assert not list(where.parent.glob("*.tmp"))  # written atomically, nothing left over


def test_a_position_whose_text_is_gone_starts_at_the_top(tmp_path):
    article = Article(TEXT, "a.txt", tmp_path / "a.txt")
    save_position(article, TEXT.index("where"))
    assert load_position(Article("All new words now.\n", "a.txt", tmp_path / "a.txt")) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "p.json:1: not valid JSON"),
        ('{\n  "version": 1,\n  "article": "a",\n  "offset": -1,\n  "quote": "x",\n'
         '  "prefix": ""\n}', "p.json:4: offset: expected a whole number"),
        ('{\n  "version": 1,\n  "article": "a",\n  "offset": 1,\n  "quote": "x",\n'
         '  "prefix": "",\n  "extra": 1\n}', "p.json:7: extra: unknown key"),
        ('{"version": 1}', "p.json:1: missing required key 'article'"),
    ],
    ids=["syntax", "negative-offset", "unknown-key", "missing-key"],
)  # fmt: skip
def test_a_bad_position_file_is_one_line_naming_file_line_and_field(tmp_path, text, message):
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    article = Article(TEXT, "a.txt", tmp_path / "a.txt")
    with pytest.raises(AnnotationError) as raised:
        load_position(article, path)
    assert str(raised.value.problems[0]).startswith(f"{path.parent}/{message}")
