"""`annotated-reader serve` checks everything before serving: one line per problem, exit 2."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from reader import serving
from reader.cli import reader_parser
from tests.serve.serve_helpers import serving as served
from tests.ui.ui_helpers import write_reading


def serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def assert_clean_failure(result: subprocess.CompletedProcess, *lines: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == list(lines)


def test_a_missing_article_is_one_line_and_nothing_is_served(tmp_path):
    result = serve(str(tmp_path / "nope.txt"))
    assert_clean_failure(result, f"error: {tmp_path / 'nope.txt'}: no such article file")


def test_a_bad_cards_file_is_one_line(tmp_path):
    article = write_reading(tmp_path, cards=None)
    cards = tmp_path / "bad.cards.yaml"
    cards.write_text("version: 1\ncards: 7\n", encoding="utf-8")
    result = serve(str(article), "--cards", str(cards))
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {cards}:2: cards:")


def test_a_port_in_use_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--port", str(port))
    assert_clean_failure(
        result, f"error: 127.0.0.1:{port}: address already in use (choose another with --port)"
    )


def test_another_host_needs_allow_remote():
    result = serve("--host", "0.0.0.0")
    assert_clean_failure(
        result,
        "error: --host 0.0.0.0 is reachable from other machines, and anyone who can reach the"
        " port can read the article and add notes; add --allow-remote to serve there",
    )


def test_allow_remote_serves_and_says_who_can_read(tmp_path):
    with served("--host", "0.0.0.0", "--allow-remote", "--notes", str(tmp_path / "n.yaml")) as s:
        status, _ = s.stop()
    assert status == 0
    assert s.output[0].startswith("warning: serving beyond this machine (0.0.0.0): anyone who")
    assert "can read the article and add notes" in s.output[0]


@pytest.mark.parametrize(
    ("host", "local"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)]
)
def test_only_loopback_hosts_are_this_machine(host, local):
    assert serving.is_loopback(host) is local


def test_every_tab_runs_the_same_article_cards_and_one_absolute_notes_file(tmp_path, monkeypatch):
    write_reading(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = serving.serve_parser().parse_args(["small.txt", "--notes", "mine.notes.yaml"])
    tab = serving.tab_command(args)
    assert tab.argv[1:] == [
        "-m",
        "reader",
        str(tmp_path / "small.txt"),
        "--cards",
        str(tmp_path / "small.cards.yaml"),
        "--notes",
        str(tmp_path / "mine.notes.yaml"),
        "--served",
    ]


def test_the_default_notes_file_is_named_absolutely_too(private_data_dir):
    tab = serving.tab_command(serving.serve_parser().parse_args([]))
    assert tab.argv[3] == "builtin" and tab.title == "Putin and Erdogan meet in Sochi"
    assert tab.argv[tab.argv.index("--notes") + 1] == tab.notes
    assert tab.notes.startswith(str(private_data_dir)) and tab.notes.endswith(".notes.yaml")


def test_served_with_no_cards_stays_with_no_cards(tmp_path):
    # A sidecar put beside the article after serve started is not picked up by a new tab.
    article = write_reading(tmp_path, cards=None)
    argv = serving.tab_command(serving.serve_parser().parse_args([str(article)])).argv
    assert "--cards" not in argv and argv[-1] == "--served"
    assert reader_parser().parse_args(argv[3:]).served


def request(url: str, **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def test_pages_are_for_this_machine_and_websockets_for_this_page_only(tmp_path):
    with served("--notes", str(tmp_path / "n.yaml")) as s:
        port = s.url.rsplit(":", 1)[1].strip("/")
        with urllib.request.urlopen(s.url, timeout=30) as page:
            html = page.read().decode()
        # Another site's page may not drive the reader from the user's browser, nor reach it
        # under its own name (DNS rebinding).
        foreign_ws = request(s.url + "ws", Origin="http://evil.example", Connection="Upgrade")
        rebound = request(s.url, Host=f"evil.example:{port}")
        s.stop()
    assert f'"ws://127.0.0.1:{port}/ws"' in html
    assert "googleapis" not in html and "RobotoMono" in html  # the font comes from here
    assert foreign_ws == 403
    assert rebound == 403
