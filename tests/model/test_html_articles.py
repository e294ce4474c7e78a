"""HTML pages and URLs: only the article is kept, in the data folder, and notes anchor to it."""

from __future__ import annotations

import pytest

from annotations.errors import AnnotationError
from annotations.notes.store import NotesStore
from annotations.reading import open_reading
from annotations.sources import fetch as fetching
from annotations.sources import html
from annotations.sources.kept import Kept
from annotations.sources.load import load_source
from tests.local_server import NEWS_PAGE, Site, serving
from tests.ui.ui_helpers import SMALL_CARDS

NOT_ARTICLE = (
    "SCRIPT-TEXT", "SCRIPT-WRITE", "NAVIGATION-SUBSCRIBE", "ADVERT-BUY", "RELATED-STORY",
    "FOOTER-COPYRIGHT", "Home page", "World news",
)  # fmt: skip


def test_a_news_page_yields_only_its_article_with_title_byline_and_date(tmp_path):
    page = tmp_path / "news.html"
    page.write_bytes(NEWS_PAGE)
    article = load_source(str(page)).article
    for junk in NOT_ARTICLE:
        assert junk not in article.text
    lines = [line for line in article.text.splitlines() if line]
    assert lines[0] == "Alpha meets Beta in Gamma"
    assert lines[1] == "By Jane Reporter · 2026-01-02"
    assert lines[2].startswith("Alpha met Beta in Gamma on Monday")
    assert lines[-1].startswith("A third paragraph mentions Delta once")
    assert (article.title, article.byline, article.date) == (
        "Alpha meets Beta in Gamma",
        "Jane Reporter",
        "2026-01-02",
    )
    assert len(article.paragraphs) == 5


def test_the_extracted_text_is_kept_in_the_data_folder_with_its_source(
    tmp_path, private_data_dir, monkeypatch
):
    page = tmp_path / "news.html"
    page.write_bytes(NEWS_PAGE)
    first = load_source(str(page)).article
    kept = Kept.of(str(page.resolve()))
    assert kept.text_path.parent == private_data_dir / "articles"
    assert kept.text_path.read_text(encoding="utf-8") == first.text
    assert kept.metadata()["source"] == str(page.resolve())
    assert first.path == kept.text_path  # notes key on the kept text, not on the page

    # Unchanged page: the kept text is read, not extracted again (a new extractor can't move
    # the notes).
    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(html, "extract", no_extraction)
    assert load_source(str(page)).article.text == first.text
    monkeypatch.undo()
    # A changed page is extracted again.
    page.write_bytes(NEWS_PAGE.replace(b"nearly three hours", b"nearly four hours"))
    changed = load_source(str(page)).article.text
    assert "four hours" in changed
    # A page deleted since opens its kept text (with --refresh it can't: that says why).
    page.unlink()
    assert load_source(str(page)).article.text == changed
    with pytest.raises(AnnotationError, match="no such HTML page file"):
        load_source(str(page), refresh=True)


def test_notes_and_mentions_land_on_the_right_words_of_an_html_article(tmp_path):
    page = tmp_path / "news.html"
    page.write_bytes(NEWS_PAGE)
    (tmp_path / "news.cards.yaml").write_text(SMALL_CARDS, encoding="utf-8")
    reading = open_reading(str(page))
    text = reading.article.text
    mentioned = [text[m.start : m.end] for m in reading.links.mentions]
    assert mentioned[:3] == ["Alpha", "Beta", "Gamma"]  # the title line's names
    assert "Delta" in mentioned
    start = text.index("calm during")
    store = NotesStore(reading.article)
    store.load()
    store.add(start, start + 4, "calm?")
    assert store.save().ok
    again = NotesStore(open_reading(str(page)).article)
    again.load()
    [note] = again.notes
    place = again.placement(note.id)
    assert (text[place.start : place.end], place.state) == ("calm", "exact")


def test_a_page_with_no_article_text_is_refused_in_one_line(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>T</title></head><body><script>x()</script></body></html>")
    with pytest.raises(AnnotationError) as caught:
        load_source(str(page))
    assert str(caught.value) == f"{page}: no article text found in this HTML page"


# URLs -----------------------------------------------------------------------------------------


def test_a_url_is_fetched_kept_and_reopened_offline(tmp_path):
    site = Site()
    site.pages["/news/alpha.html"] = ("text/html; charset=utf-8", NEWS_PAGE)
    with serving(site):
        url = site.url("/news/alpha.html")
        first = open_reading(url)
    assert site.requests == ["/news/alpha.html"]
    assert first.article.title == "Alpha meets Beta in Gamma"
    assert first.origin == url
    # The server is gone: the same URL opens its kept text, without the network.
    again = open_reading(url)
    assert again.article.text == first.article.text
    assert again.article.path == first.article.path
    # --refresh needs the network: offline it fails in one line naming the URL, and the kept
    # text is still there afterwards.
    with pytest.raises(AnnotationError) as caught:
        open_reading(url, refresh=True)
    [problem] = caught.value.problems
    assert problem.file == url and "cannot connect" in problem.message
    assert open_reading(url).article.text == first.article.text


def test_refresh_fetches_the_page_again(tmp_path):
    site = Site()
    site.pages["/a.html"] = ("text/html", NEWS_PAGE)
    with serving(site):
        url = site.url("/a.html")
        open_reading(url)
        site.pages["/a.html"] = ("text/html", NEWS_PAGE.replace(b"Monday", b"Tuesday"))
        assert "Monday" in open_reading(url).article.text  # kept: no second request
        assert "Tuesday" in open_reading(url, refresh=True).article.text
    assert site.requests == ["/a.html", "/a.html"]


@pytest.mark.parametrize(
    ("path", "content_type", "body", "expected"),
    [
        ("/doc.pdf", "application/pdf", b"%PDF", "not an HTML page (content type application/pdf"),
        ("/missing.html", None, b"", "the server answered 404"),
        ("/big.html", "text/html", b"<p>" + b"x" * 2000 + b"</p>", "over the limit of 1,000"),
    ],
    ids=["not-html", "missing", "too-big"],
)  # fmt: skip
def test_a_reply_that_is_not_an_article_page_is_a_clear_error(
    path, content_type, body, expected, monkeypatch
):
    monkeypatch.setattr(fetching, "MAX_PAGE_BYTES", 1000)
    site = Site()
    if content_type:
        site.pages[path] = (content_type, body)
    with serving(site), pytest.raises(AnnotationError) as caught:
        open_reading(site.url(path))
    [problem] = caught.value.problems
    assert problem.file == site.url(path)
    assert expected in problem.message


def test_is_url_knows_web_addresses_only():
    assert fetching.is_url("https://example.org/a")
    assert fetching.is_url("HTTP://example.org")
    assert not fetching.is_url("notes/https.txt")
    assert not fetching.is_url("ftp://example.org")


def test_the_servers_charset_decodes_a_page_that_does_not_declare_its_own():
    page = (
        "<html><head><title>Caf\u00e9 talks</title></head><body><article>"
        "<p>Alpha and Beta met at the caf\u00e9 in Gamma, where the talks went on for hours and"
        " nobody said very much about anything at all, as is usual.</p></article></body></html>"
    )
    site = Site()
    site.pages["/cafe.html"] = ("text/html; charset=windows-1252", page.encode("cp1252"))
    with serving(site):
        article = open_reading(site.url("/cafe.html")).article
    assert "at the caf\u00e9 in Gamma" in article.text


def test_a_server_that_never_answers_times_out_in_one_line(monkeypatch):
    import socket
    import threading

    monkeypatch.setattr(fetching, "READ_SECONDS", 0.3)
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    done = threading.Event()

    def accept_and_wait() -> None:
        connection, _ = listener.accept()
        accepted.append(connection)
        done.wait(10)  # say nothing until the test is over
        connection.close()

    thread = threading.Thread(target=accept_and_wait, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow.html"
    try:
        with pytest.raises(AnnotationError) as caught:
            open_reading(url)
    finally:
        done.set()
        thread.join(5)
        listener.close()
    assert str(caught.value) == f"{url}: cannot fetch: timed out"


def test_damaged_kept_metadata_is_named_with_line_and_field(tmp_path):
    site = Site()
    site.pages["/a.html"] = ("text/html", NEWS_PAGE)
    with serving(site):
        url = site.url("/a.html")
        open_reading(url)
    kept = Kept.of(url)
    meta = kept.meta_path.read_text(encoding="utf-8")
    kept.meta_path.write_text(meta.replace("title:", "titel:"), encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        open_reading(url)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(kept.meta_path), 3, "titel")
    assert "unknown key" in problem.message
    assert kept.text_path.exists()  # nothing is thrown away: --refresh writes both again
