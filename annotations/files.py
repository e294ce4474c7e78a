"""Provides every read and write of user files: size limits, decoding, and atomic saves."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from pathlib import Path

from annotations.errors import AnnotationError

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
"""Articles over 64 MiB are refused: far beyond any article, and kept well within memory."""
MAX_YAML_BYTES = 16 * 1024 * 1024
"""Card and notes files over 16 MiB are refused before parsing."""


def read_bytes(path: Path, *, limit: int, what: str) -> bytes:
    """Read a whole file, refusing anything but a regular file, and files over `limit` bytes.

    A FIFO, a socket or a device is refused before it is read, never waited on: opening a FIFO
    for reading blocks until a writer comes, which would hang the reader before its first frame.
    """
    name = str(path)
    try:
        refuse_irregular(path, what)
        fd = _open_for_reading(path)
        try:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                raise AnnotationError.single(name, _not_regular(status.st_mode, what))
            if status.st_size > limit:
                raise AnnotationError.single(
                    name, f"{what} file is {status.st_size:,} bytes; the limit is {limit:,} bytes"
                )
            data = _read_fd(fd, limit + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise AnnotationError.single(name, f"no such {what} file") from None
    except PermissionError:
        raise AnnotationError.single(name, f"permission denied reading the {what} file") from None
    except OSError as error:
        message = f"cannot read the {what} file: {error.strerror}"
        raise AnnotationError.single(name, message) from None
    if len(data) > limit:
        raise AnnotationError.single(name, f"{what} file is over the limit of {limit:,} bytes")
    return data


def read_head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of a regular file, or None for anything else or any failure.

    For peeking at many files (the notes folder) where one odd file must not stop the rest.
    """
    try:
        fd = _open_for_reading(path)
    except OSError:
        return None
    try:
        return _read_fd(fd, size) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _open_for_reading(path: Path) -> int:
    # O_NONBLOCK: should a FIFO appear between a check and the open, the open still returns.
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))


def _read_fd(fd: int, size: int) -> bytes:
    """Up to `size` bytes from `fd`, reading until the end of the file or `size`."""
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def refuse_irregular(path: Path, what: str) -> None:
    """Raise AnnotationError unless `path` is missing or a regular file (a link to one is fine).

    OSError (a missing file, a folder that can't be searched) is left to the caller.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise AnnotationError.single(str(path), _not_regular(mode, what))


def _not_regular(mode: int, what: str) -> str:
    if stat.S_ISDIR(mode):
        return f"is a folder, not {_a(what)} file"
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    kind = next(
        (label for test, label in kinds if test(mode)), "neither a regular file nor a folder"
    )
    return f"is {kind}, not {_a(what)} file: give a regular file"


def decode(data: bytes, name: str, encoding: str | None = None, *, what: str = "article") -> str:
    """Decode bytes as `encoding` (UTF-8 by default, a BOM allowed), naming the line on failure.

    Only articles take `--encoding`; cards and notes files are always UTF-8, and say so.
    """
    encoding = encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise AnnotationError.single(name, f"unknown encoding {encoding!r}") from None
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if what == "article":
            hint = (
                "if it is text in another encoding, give --encoding, for example --encoding cp1252"
            )
        else:
            hint = f"{what} files must be UTF-8: save it again as UTF-8"
        raise AnnotationError.single(
            name,
            f"is not valid {encoding.removesuffix('-sig')} text (byte 0x{data[error.start]:02x}"
            f" at offset {error.start}); {hint}",
            line=line,
        ) from None


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: NULs or other controls in much of its start."""
    head = data[:8192]
    if not head:
        return False
    controls = sum(1 for byte in head if byte < 0x20 and byte not in (9, 10, 12, 13, 27))
    return head.count(0) > len(head) // 100 + 8 or controls > len(head) // 10 + 8


def read_text(path: Path, *, limit: int, what: str, encoding: str | None = None) -> str:
    """Read a text file safely: size limit, binary refusal, strict decoding."""
    data = read_bytes(path, limit=limit, what=what)
    binary = f"looks like a binary file, not {_a(what)} text"
    if encoding is None and looks_binary(data):
        raise AnnotationError.single(str(path), binary)
    text = decode(data, str(path), encoding, what=what)
    # A named encoding such as UTF-16 is mostly NULs as bytes: judge its decoded text instead.
    if encoding is not None and looks_binary(text[:8192].encode("utf-8", "surrogatepass")):
        raise AnnotationError.single(str(path), binary)
    return text


def _a(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (or bytes) so that a crash leaves either the old or the new file.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over the
    target; the folder is fsynced so the rename itself survives a power cut.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
