"""Provides `annotated-reader serve`: the reader in a browser, one reader process per tab.

Everything is checked before serving, as the reader checks before its screen starts (article,
cards, keymap, host and port), each problem one line, exit status 2. Each tab then runs
`python -m reader ARTICLE --cards ... --notes FILE --served`: exactly the article and cards
checked here, and one notes file, an absolute path, so every tab saves to the same file and the
merging saves keep every tab's notes. `--served` keeps out whatever would open another path.

Not a reader.commands module: textual-serve imports Rich (see the import-linter contracts).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from annotations.errors import AnnotationError
from annotations.text.sanitize import display_text
from reader.commands.output import fail

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
USAGE_ERROR = 2


class ServeError(Exception):
    """A reason not to serve, in one line a user can act on."""


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotated-reader serve",
        description=(
            "Serve the reader to a web browser: the same keys, cards and notes file; every tab "
            "is a reader of its own. Serves this machine only unless --allow-remote is given."
        ),
    )
    parser.add_argument(
        "article", nargs="?", metavar="ARTICLE", help="a text file, or 'builtin' (the default)"
    )
    parser.add_argument(
        "--cards",
        action="append",
        type=Path,
        metavar="FILE",
        help="a cards file (repeatable); default: ARTICLE's NAME.cards.yaml when it exists",
    )
    parser.add_argument("--notes", type=Path, metavar="FILE", help="where to keep your notes")
    parser.add_argument("--encoding", metavar="ENC", help="the article's encoding (default UTF-8)")
    parser.add_argument(
        "--keymap",
        type=Path,
        metavar="FILE",
        help="remap keys by binding id (default: keymap.yaml in the user config folder)",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"the address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach (they can then read and add notes)",
    )
    return parser


def main(argv: list[str]) -> int:
    args = serve_parser().parse_args(argv)
    try:
        tab = tab_command(args)
    except AnnotationError as error:
        return fail(error, USAGE_ERROR)
    try:
        local = is_loopback(args.host)
        if not local and not args.allow_remote:
            raise ServeError(
                f"--host {args.host} is reachable from other machines, and anyone who can reach"
                " the port can read the article and add notes; add --allow-remote to serve there"
            )
        sock = bind(args.host, args.port)
    except ServeError as error:
        print(f"error: {display_text(str(error))}", file=sys.stderr)
        return USAGE_ERROR
    from reader.web_server import ReaderServer  # aiohttp and textual-serve: only once checked

    url = address_to_open(args.host, sock.getsockname()[1])

    def announce() -> None:
        if not local:
            print(
                f"warning: serving beyond this machine ({args.host}): anyone who can reach port"
                f" {sock.getsockname()[1]} can read the article and add notes"
            )
        print(f"Serving {display_text(tab.title)} at {url}")
        print(f"Notes: {display_text(tab.notes)}")
        print("Open the address in a browser (every tab is a reader); ctrl+c stops.", flush=True)

    server = ReaderServer(
        tab.argv, title=tab.title, local_only=local, bound_host=args.host, announce=announce
    )
    server.run(sock)
    print("Stopped.", flush=True)
    # ctrl+c is how a server is stopped: success; SIGTERM and SIGHUP say so, as the reader does.
    stopped_by = server.stopped_by
    return 0 if stopped_by in (None, signal.SIGINT) else 128 + stopped_by


@dataclass(frozen=True)
class TabCommand:
    """What each browser tab runs."""

    argv: list[str]
    """`python -m reader ARTICLE --cards ... --notes FILE ... --served`, every path absolute."""
    title: str
    """The article's title, for the page and the terminal."""
    notes: str
    """The one notes file every tab saves to."""


def tab_command(args: argparse.Namespace) -> TabCommand:
    """The command each tab runs, once the article, cards and keymap are known to load;
    AnnotationError (every problem) when they can't be used."""
    from annotations.notes.store import NotesStore
    from annotations.reading import default_cards, open_reading, resolve_article
    from reader.keymap import default_keymap_path, load_keymap

    reading = open_reading(args.article, args.cards, encoding=args.encoding, link_later=True)
    load_keymap(args.keymap)
    path, is_builtin = resolve_article(args.article)
    argv = [sys.executable, "-m", "reader", "builtin" if is_builtin else absolute(path)]
    for card_path in args.cards if args.cards is not None else default_cards(args.article):
        argv += ["--cards", absolute(card_path)]
    notes = absolute(NotesStore(reading.article, args.notes).path)
    argv += ["--notes", notes]
    if args.encoding:
        argv += ["--encoding", args.encoding]
    keymap = args.keymap or default_keymap_path()
    if args.keymap or keymap.exists():
        argv += ["--keymap", absolute(keymap)]
    return TabCommand(argv + ["--served"], reading.title, notes)


def absolute(path: Path) -> str:
    """`path` from the root, the same for every tab whatever its working folder."""
    return os.path.abspath(path)


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (every address it names is a loopback one)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(f"--host {host}: no such host ({error.args[-1]})") from None
    return all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or ServeError saying why not (port in use...)."""
    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port}: a port is 0 to 65535 (0 picks a free one)")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(f"--host {host}: no such host ({error.args[-1]})") from None
    sock = socket.socket(family, kind, proto)
    try:
        # As aiohttp binds: a port left in TIME_WAIT by the last run is free; one in use is not.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        why = (error.strerror or str(error)).lower()
        raise ServeError(f"{host}:{port}: {why} (choose another with --port)") from None
    sock.setblocking(False)
    return sock


def address_to_open(host: str, port: int) -> str:
    """The address to print: a wildcard host (0.0.0.0, ::) shown as this machine's name."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"
