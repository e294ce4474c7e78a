"""Provides VersionStore: every distinct text of an article the reader has opened, kept compressed.

DATA_DIR/versions/<slug>-<key>/ holds one `<sha256>.txt.gz` per version and `versions.yaml`, the
index: each version's hash, when it was first seen, where it came from and its sizes. Nothing is
ever removed but by `prune`, which the `versions --prune` command runs only after asking.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from filelock import FileLock, Timeout

from annotations import files
from annotations.errors import AnnotationError
from annotations.notes.model import format_time, utc_now
from annotations.notes.paths import article_key, data_dir, slug
from annotations.text.article import Article

INDEX_NAME = "versions.yaml"
LOCK_SECONDS = 5.0
MAX_INDEX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Version:
    """One kept text of an article."""

    sha256: str
    first_seen: dt.datetime
    source: str
    """The file path or URL it was read from."""
    size: int
    """Bytes of the text as UTF-8."""
    stored: int
    """Bytes on disk, compressed."""

    @property
    def short(self) -> str:
        return self.sha256[:12]

    @property
    def day(self) -> str:
        return self.first_seen.date().isoformat()


def versions_folder(article: Article) -> Path:
    """Where this article's versions are kept (named as its notes file is)."""
    stem = article.path.stem if article.path is not None else article.name
    return data_dir() / "versions" / f"{slug(stem)}-{article_key(article)}"


class VersionStore:
    """The kept versions of one article."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index_path = folder / INDEX_NAME

    @classmethod
    def for_article(cls, article: Article) -> VersionStore:
        return cls(versions_folder(article))

    # Reading -------------------------------------------------------------------------------------

    def versions(self) -> list[Version]:
        """Every kept version, oldest first."""
        if not self.index_path.exists():
            return []
        data = files.read_bytes(self.index_path, limit=MAX_INDEX_BYTES, what="versions index")
        name = str(self.index_path)
        try:
            loaded = yaml.safe_load(data.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise AnnotationError.single(
                name, f"is not a readable versions index: {error}"
            ) from None
        entries = loaded.get("versions") if isinstance(loaded, dict) else None
        if not isinstance(entries, list):
            raise AnnotationError.single(name, "versions: missing, or not a list")
        return sorted((_version(entry, name, n) for n, entry in enumerate(entries, 1)),
                      key=lambda v: v.first_seen)  # fmt: skip

    def text(self, version: Version) -> str:
        path = self.folder / f"{version.sha256}.txt.gz"
        data = files.read_bytes(path, limit=files.MAX_ARTICLE_BYTES, what="kept version")
        try:
            return gzip.decompress(data).decode("utf-8", "surrogatepass")
        except (OSError, EOFError, UnicodeDecodeError) as error:
            raise AnnotationError.single(
                str(path), f"is not a readable kept version: {error}"
            ) from None

    def find(self, spec: str) -> Version:
        """A version by the start of its hash, or by date: the one in force on that day."""
        kept = self.versions()
        if not kept:
            raise AnnotationError.single(str(self.folder), "no version of this article is kept yet")
        by_hash = [v for v in kept if v.sha256.startswith(spec.lower())] if len(spec) >= 4 else []
        if len(by_hash) == 1:
            return by_hash[0]
        if len(by_hash) > 1:
            raise AnnotationError.single(spec, f"matches {len(by_hash)} versions: give more of it")
        try:
            day = dt.date.fromisoformat(spec)
        except ValueError:
            raise AnnotationError.single(
                spec, "is neither a kept version's hash nor a date (YYYY-MM-DD)"
            ) from None
        in_force = [v for v in kept if v.first_seen.date() <= day]
        if not in_force:
            raise AnnotationError.single(
                spec, f"no version was seen by then (the first is of {kept[0].day})"
            )
        return in_force[-1]

    def by_hash(self, sha256: str) -> Version | None:
        for version in self.versions():
            if version.sha256 == sha256:
                return version
        return None

    # Writing -------------------------------------------------------------------------------------

    def record(
        self, article: Article, source: str | None = None, now: dt.datetime | None = None
    ) -> Version:
        """Keep this text if it is new; return its version (the one already kept if not)."""
        with self._lock():
            kept = self.versions()
            for version in kept:
                if version.sha256 == article.sha256:
                    return version
            data = article.text.encode("utf-8", "surrogatepass")
            packed = gzip.compress(data, mtime=0)
            files.write_atomically(self.folder / f"{article.sha256}.txt.gz", packed)
            version = Version(
                article.sha256,
                now or utc_now(),
                source or (str(article.path.resolve()) if article.path else article.name),
                len(data),
                len(packed),
            )
            self._write_index([*kept, version])
            return version

    def prune(self, keep: set[str]) -> list[Version]:
        """Remove every version whose hash is not in `keep`; return those removed."""
        with self._lock():
            kept = self.versions()
            removed = [v for v in kept if v.sha256 not in keep]
            self._write_index([v for v in kept if v.sha256 in keep])
            for version in removed:
                (self.folder / f"{version.sha256}.txt.gz").unlink(missing_ok=True)
            return removed

    def _write_index(self, versions: list[Version]) -> None:
        entries = [
            {
                "sha256": v.sha256,
                "first_seen": format_time(v.first_seen),
                "source": v.source,
                "size": v.size,
                "stored": v.stored,
            }
            for v in versions
        ]
        text = "# Kept versions of one article (annotated-reader versions lists them).\n"
        text += yaml.safe_dump(
            {"version": 1, "versions": entries}, sort_keys=False, allow_unicode=True
        )
        files.write_atomically(self.index_path, text)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """Two readers opening a new text at once keep it once, in one index."""
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.folder / ".versions.lock"), timeout=LOCK_SECONDS)
        try:
            lock.acquire()
        except Timeout:
            raise AnnotationError.single(
                str(self.folder), "another reader holds the versions lock"
            ) from None
        try:
            yield
        finally:
            lock.release()


def _version(entry: object, file: str, number: int) -> Version:
    where = f"{file}: versions[{number}]"
    if not isinstance(entry, dict):
        raise AnnotationError.single(where, "not a mapping")
    try:
        seen = entry["first_seen"]
        if isinstance(seen, str):
            seen = dt.datetime.fromisoformat(seen.replace("Z", "+00:00"))
        if not isinstance(seen, dt.datetime):
            raise TypeError("first_seen is not a time")
        if seen.tzinfo is None:
            seen = seen.replace(tzinfo=dt.UTC)
        sha = str(entry["sha256"])
        if len(sha) != 64:
            raise ValueError("sha256 is not 64 hex digits")
        return Version(sha, seen, str(entry["source"]), int(entry["size"]), int(entry["stored"]))
    except (KeyError, TypeError, ValueError) as error:
        raise AnnotationError.single(where, f"bad entry: {error}") from None
