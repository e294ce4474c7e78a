"""Provides kept texts: the article text extracted from an HTML page or a URL, with its source.

Each source has a stable place in the data folder, DATA/articles/<slug>-<key>.txt beside
<slug>-<key>.yaml (source, title, byline, date, when it was extracted). Notes anchor to the
kept text, so they stay put when the page changes or the extractor is upgraded; a URL opened
again reads its kept text without the network.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from annotations import files
from annotations.errors import AnnotationError
from annotations.notes.paths import data_dir, slug
from annotations.sources import records
from annotations.sources.html import Extracted
from annotations.text.article import Article, load_article

FOLDER = "articles"
FIELDS = ("source", "title", "byline", "date", "extracted", "source_sha256")


def folder() -> Path:
    """DATA/articles, where kept texts live."""
    return data_dir() / FOLDER


@dataclass(frozen=True)
class Kept:
    """Where one source's text and metadata are kept."""

    source: str
    """The URL, or the HTML file's resolved path."""
    text_path: Path
    meta_path: Path

    @classmethod
    def of(cls, source: str) -> Kept:
        key = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        stem = f"{slug(_readable(source))}-{key}"
        base = folder()
        return cls(source, base / f"{stem}.txt", base / f"{stem}.yaml")

    def exists(self) -> bool:
        """True when both files are there (the metadata is written last)."""
        return self.text_path.is_file() and self.meta_path.is_file()

    def metadata(self) -> dict[str, str]:
        """The metadata file's fields; AnnotationError naming file, line and field."""
        data, checker = records.read(self.meta_path, "kept article metadata")
        body = {key: value for key, value in data.items() if key != "version"}
        fields = records.text_fields(checker, body, (), FIELDS, "source")
        checker.raise_problems()
        assert fields is not None
        return fields

    def keep(self, extracted: Extracted, *, source_sha256: str = "") -> None:
        """Write the text, then the metadata (both atomically): a crash between leaves a text
        without metadata, which is taken as not kept and extracted again."""
        files.write_atomically(self.text_path, extracted.text())
        fields = {
            "source": self.source,
            "title": extracted.title,
            "byline": extracted.byline,
            "date": extracted.date,
            "extracted": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if source_sha256:
            fields["source_sha256"] = source_sha256
        files.write_atomically(self.meta_path, "version: 1\n" + records.mapping_lines(fields))

    def article(self) -> Article:
        """The kept text as an Article, with the page's title, byline and date."""
        meta = self.metadata()
        article = load_article(self.text_path)
        article.title = meta.get("title", "")
        article.byline = meta.get("byline", "")
        article.date = meta.get("date", "")
        article.source = self.source
        article.name = article.title or _readable(self.source)
        return article


def _readable(source: str) -> str:
    """A short readable name for a source: host and path of a URL, the stem of a file."""
    if "://" in source:
        parts = urlsplit(source)
        return f"{parts.hostname or ''}{parts.path}"
    return Path(source).stem


def source_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stale(kept: Kept, sha: str) -> bool:
    """True when an HTML file changed since its text was kept (or nothing usable is kept)."""
    if not kept.exists():
        return True
    try:
        return kept.metadata().get("source_sha256") != sha
    except AnnotationError:
        return True
