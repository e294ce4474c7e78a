"""Path completion in the ctrl+o dialog: folders and articles first, URLs left alone."""

from __future__ import annotations

from reader.widgets.path_suggester import complete_path


def test_a_path_completes_to_a_folder_or_an_article(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "story.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "stamp.bin").write_bytes(b"\0")
    (tmp_path / ".secret").write_text("x", encoding="utf-8")
    assert complete_path(f"{tmp_path}/sto") == f"{tmp_path}/stories/"
    assert complete_path(f"{tmp_path}/story") == f"{tmp_path}/story.md"
    assert complete_path(f"{tmp_path}/st") == f"{tmp_path}/stories/"  # not stamp.bin
    assert complete_path(f"{tmp_path}/sta") == f"{tmp_path}/stamp.bin"
    assert complete_path(f"{tmp_path}/.se") == f"{tmp_path}/.secret"  # asked for: shown
    assert complete_path(f"{tmp_path}/nothing") is None
    assert complete_path(f"{tmp_path}/") == f"{tmp_path}/stories/"


def test_a_relative_path_completes_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("A.\n", encoding="utf-8")
    assert complete_path("art") == "article.txt"


def test_a_url_is_never_completed():
    assert complete_path("https://exa") is None
    assert complete_path("http:") is None
