"""Articles: exact text as read, encodings, and paragraphs as offset ranges of that text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import annotations.builtin
from annotations import builtin, files
from annotations.errors import AnnotationError
from annotations.text.article import Article, is_hard_wrapped, load_article, split_paragraphs

DATA = Path(__file__).parents[1] / "data" / "articles"
SHARED = Path(__file__).parents[3] / "shared"
SEED = SHARED / "seed" / "sochi-2021.txt"


def texts(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.paragraphs]


def test_utf8_bom_is_removed_and_nothing_else_changes():
    raw = (DATA / "bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    article = load_article(DATA / "bom.txt")
    assert article.text == raw[3:].decode("utf-8")
    assert article.text == "Café Pávlovna\nsecond line\n"
    assert texts(article) == ["Café Pávlovna", "second line"]
    assert article.name == "bom.txt"
    assert article.path == DATA / "bom.txt"


def test_only_a_leading_bom_is_removed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfone\xef\xbb\xbftwo")
    assert load_article(path).text == "one\ufefftwo"


def test_non_utf8_is_refused_with_a_hint_about_encoding():
    path = DATA / "cp1252.txt"
    with pytest.raises(AnnotationError) as caught:
        load_article(path)
    assert str(caught.value) == (
        f"{path}:1: is not valid utf-8 text (byte 0x92 at offset 7); if it is text in another"
        " encoding, give --encoding, for example --encoding cp1252"
    )


def test_encoding_cp1252_reads_it():
    article = load_article(DATA / "cp1252.txt", encoding="cp1252")
    assert article.text == "Erdogan’s “productive” talks\nCafé\n"
    assert texts(article) == ["Erdogan’s “productive” talks", "Café"]


def test_non_utf8_error_names_the_line(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"fine\nfine\nCaf\xe9\n")
    with pytest.raises(AnnotationError) as caught:
        load_article(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (3, "")


def test_unknown_encoding_is_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_article(path, encoding="klingon")
    assert str(caught.value) == f"{path}: unknown encoding 'klingon'"


def test_encoding_names_are_looked_up_loosely():
    assert load_article(DATA / "bom.txt", encoding="UTF8").text.startswith("Café")
    assert load_article(DATA / "cp1252.txt", encoding="Windows-1252").text.endswith("Café\n")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 100 + b"text",
        b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" * 100,
        b"PK\x03\x04" + b"\x00\x01\x02\x03" * 200,
        ("Putin met Erdogan in Sochi.\n" * 20).encode("utf-16"),
    ],
    ids=["nuls", "elf", "zip", "utf-16-unannounced"],
)
@pytest.mark.parametrize("encoding", [None, "cp1252", "latin-1"])
def test_binary_file_is_refused(tmp_path, data, encoding):
    path = tmp_path / "a.bin"
    path.write_bytes(data)
    with pytest.raises(AnnotationError) as caught:
        load_article(path, encoding=encoding)
    assert str(caught.value) == f"{path}: looks like a binary file, not an article text"


def test_utf16_reads_with_its_encoding_named(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(("Putin met Erdogan in Sochi.\r\n" * 20).encode("utf-16"))
    article = load_article(path, encoding="utf-16")
    assert texts(article) == ["Putin met Erdogan in Sochi."] * 20


def test_random_bytes_are_refused_one_way_or_another(tmp_path):
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(AnnotationError):
        load_article(path)


def test_text_with_a_few_controls_is_not_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("a\x1b[31mred\x1b[0m\fpage\tab\n" * 20, encoding="utf-8")
    assert load_article(path).text.startswith("a\x1b[31m")


@pytest.mark.parametrize("content", [b"", b"   ", b"\n\n\n", b" \t\r\n \r\n", b"\r\r"])
def test_empty_and_blank_articles_load_with_no_paragraphs(tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    article = load_article(path)
    assert article.text == content.decode()
    assert article.paragraphs == []
    assert article.paragraph_index(0) == 0
    assert len(article.sha256) == 64


def test_missing_article_and_folder(tmp_path):
    with pytest.raises(AnnotationError) as caught:
        load_article(tmp_path / "nope.txt")
    assert str(caught.value) == f"{tmp_path / 'nope.txt'}: no such article file"
    with pytest.raises(AnnotationError) as caught:
        load_article(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not an article file"


def test_article_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(files.MAX_ARTICLE_BYTES + 1)  # sparse
    with pytest.raises(AnnotationError) as caught:
        load_article(path)
    assert str(caught.value) == (
        f"{path}: article file is 67,108,865 bytes; the limit is 67,108,864 bytes"
    )


def test_hard_wrapped_text_reflows_into_blank_line_blocks():
    article = load_article(DATA / "gutenberg.txt")
    assert is_hard_wrapped(article.text)
    paragraphs = texts(article)
    assert len(paragraphs) == 3
    assert paragraphs[0] == "CHAPTER I"
    assert paragraphs[1].startswith("In October, 1805,")
    assert paragraphs[1].endswith("Kutúzov.")
    assert paragraphs[1].count("\n") == 4  # the line breaks stay in the text; the view reflows
    assert paragraphs[2].endswith("in the heart of Russia.")


def test_one_paragraph_per_line_keeps_lines():
    article = load_article(DATA / "one_per_line.txt")
    assert not is_hard_wrapped(article.text)
    assert texts(article) == article.text.splitlines()
    assert len(article.paragraphs) == 4


def test_one_line_per_paragraph_with_blank_lines_between():
    text = "First paragraph.\n\nSecond paragraph.\n\nThird.\n"
    assert not is_hard_wrapped(text)
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "First paragraph.",
        "Second paragraph.",
        "Third.",
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_lone_cr_hard_wrapped(tmp_path, newline):
    lf = (DATA / "gutenberg.txt").read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(lf.replace("\n", newline).encode("utf-8"))
    article = load_article(path)
    assert article.text == lf.replace("\n", newline)  # never rewritten
    lf_paragraphs = texts(Article(lf))
    assert [p.replace(newline, "\n") for p in texts(article)] == lf_paragraphs
    for start, end in article.paragraphs:
        assert article.text[start] not in "\r\n"
        assert article.text[end - 1] not in "\r\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_lone_cr_one_per_line(newline):
    lines = (DATA / "one_per_line.txt").read_text(encoding="utf-8").splitlines()
    text = newline.join(lines) + newline
    assert texts(Article(text)) == lines


def test_mixed_line_ends():
    text = "one\r\ntwo\nthree\rfour"
    assert texts(Article(text)) == ["one", "two", "three", "four"]


def test_paragraphs_are_ordered_offset_ranges_of_the_original_text():
    for path in sorted(DATA.glob("*.txt")):
        encoding = "cp1252" if path.name == "cp1252.txt" else None
        article = load_article(path, encoding=encoding)
        previous_end = 0
        for start, end in article.paragraphs:
            assert previous_end <= start < end <= len(article.text)
            assert article.text[start:end].strip()
            previous_end = end


def test_paragraph_index():
    article = Article("one\n\ntwo\n\n\nthree")
    assert article.paragraphs == [(0, 3), (5, 8), (11, 16)]
    assert [article.paragraph_index(i) for i in range(len(article.text))] == [
        0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2,
    ]  # fmt: skip


def test_sha256_is_of_the_text():
    article = Article("Café")
    assert article.sha256 == hashlib.sha256("Café".encode()).hexdigest()


def test_builtin_article_ships_inside_the_package():
    path = builtin.article_path()
    assert path.is_file()
    assert path.parent == Path(annotations.builtin.__file__).parent
    assert builtin.cards_path().parent == path.parent
    article = load_article(path)
    assert len(article.paragraphs) == len(path.read_text(encoding="utf-8").splitlines())
    assert article.text.startswith("Russian President Vladimir Putin")


def test_builtin_article_is_the_seed_byte_for_byte():
    if not SEED.exists():
        pytest.skip(f"{SEED} is missing (the shared folder sits beside the repo)")
    assert builtin.article_path().read_bytes() == SEED.read_bytes()


def test_builtin_article_keeps_its_lines_as_paragraphs():
    article = load_article(builtin.article_path())
    assert not is_hard_wrapped(article.text)
    assert texts(article) == [line for line in article.text.splitlines() if line.strip()]
