"""`annotated-reader open` and URLs on the command line: recents, numbers, one-line errors."""

from __future__ import annotations

from annotations import builtin
from annotations.sources.recents import load_recents, recents_path, record
from reader import cli
from reader.commands import open_
from tests.local_server import Site, serving


def test_open_lists_the_builtin_article_first_then_the_newest(tmp_path, capsys):
    record(str(tmp_path / "older.txt"), "Older article")
    record("https://example.org/news", "A web page")
    record(str(tmp_path / "older.txt"), "Older article")  # opened again: first, once
    assert cli.main(["open"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"1  {builtin.TITLE}  builtin")
    assert lines[1].startswith(f"2  Older article  {tmp_path / 'older.txt'}")
    assert lines[2].startswith("3  A web page  https://example.org/news")


def test_open_with_a_number_starts_the_reader_on_that_article(tmp_path):
    record(str(tmp_path / "a.md"), "A")
    started = []
    status = open_.main(["2", "--refresh"], start=lambda argv: started.append(argv) or 0)
    assert status == 0
    assert started == [[str(tmp_path / "a.md"), "--refresh"]]
    open_.main(["1"], start=lambda argv: started.append(argv) or 0)
    assert started[-1] == ["builtin"]


def test_open_with_a_number_not_listed_says_which_there_are(capsys):
    assert cli.main(["open", "7"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: open: no article number 7; 'annotated-reader open' lists 1 to 1"
    )


def test_a_damaged_recents_file_is_named_with_line_and_field(capsys):
    path = recents_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\nrecent:\n  - source: a.txt\n    titel: x\n", encoding="utf-8")
    assert cli.main(["open"]) == 2
    err = capsys.readouterr().err
    assert f"error: {path}:4: recent[0].titel: unknown key" in err
    # Opening an article still records it: the damaged file is set aside, not lost.
    record("b.txt", "B")
    assert [entry.source for entry in load_recents()] == ["b.txt"]
    assert path.with_name(path.name + ".damaged").exists()


def test_a_url_that_is_not_a_page_fails_before_the_screen_in_one_line(capsys):
    site = Site()
    site.pages["/data.json"] = ("application/json", b"{}")
    with serving(site):
        url = site.url("/data.json")
        assert cli.main([url]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"error: {url}: not an HTML page (content type application/json); give the URL of an "
        "article"
    ]
    # Now the port is closed: offline, in one line naming the URL.
    assert cli.main([url]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {url}: cannot connect (offline?): ")
