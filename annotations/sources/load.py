"""Provides loading an article from whatever a user names: built-in, a text or Markdown file,
a saved HTML page, or a URL (fetched once, then read from its kept text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotations import builtin, files
from annotations.errors import AnnotationError
from annotations.sources import html
from annotations.sources.fetch import Page, fetch, is_url
from annotations.sources.kept import Kept, source_sha256, stale
from annotations.text.article import Article, load_article
from annotations.text.misread import misread_warning

MARKDOWN_SUFFIXES = (".md", ".markdown")
"""File names read as Markdown (markdown-it-py is imported only for them: start-up stays quick)."""


@dataclass(eq=False)
class Source:
    """A loaded article and where it came from."""

    article: Article
    origin: str
    """What opens it again (`open`, the recents list): a URL, an absolute path, or "builtin"."""
    beside: Path | None
    """The file the cards go beside (NAME.cards.yaml); None for a URL."""
    is_builtin: bool = False


def load_source(
    argument: str | None,
    *,
    encoding: str | None = None,
    refresh: bool = False,
    fetcher: Callable[[str], Page] = fetch,
) -> Source:
    """Load the article `argument` names; AnnotationError with a one-line reason on failure.

    `refresh` fetches a URL (or extracts an HTML file) again instead of reading its kept text.
    """
    if argument is None or argument == builtin.BUILTIN_NAME:
        path = builtin.article_path()
        return Source(load_article(path), builtin.BUILTIN_NAME, path, is_builtin=True)
    if is_url(argument):
        kept = Kept.of(argument)
        if refresh or not kept.exists():
            page = fetcher(argument)
            content = _decoded(page.body, argument, encoding) if encoding else page.content()
            kept.keep(html.extract(content, argument))
        return Source(kept.article(), argument, None)
    path = Path(argument)
    origin = _absolute(path)
    suffix = path.suffix.lower()
    if suffix in html.SUFFIXES:
        kept = Kept.of(origin)
        try:
            data = files.read_bytes(path, limit=files.MAX_ARTICLE_BYTES, what="HTML page")
        except AnnotationError:
            if refresh or not kept.exists():
                raise
            return Source(kept.article(), origin, path)  # the page is gone: its text is kept
        sha = source_sha256(data)
        if refresh or stale(kept, sha):
            kept.keep(
                html.extract(_decoded(data, str(path), encoding), str(path)), source_sha256=sha
            )
        return Source(kept.article(), origin, path)
    if suffix in MARKDOWN_SUFFIXES:
        from annotations.text import markdown

        text = files.read_text(
            path, limit=files.MAX_ARTICLE_BYTES, what="article", encoding=encoding
        )
        article = markdown.markdown_article(text, name=path.name, path=path)
        warning = misread_warning(text, encoding, str(path))
        article.warnings = [warning] if warning else []
        return Source(article, origin, path)
    return Source(load_article(path, encoding=encoding), origin, path)


def _decoded(data: bytes, where: str, encoding: str | None) -> bytes | str:
    """Bytes for the extractor to decode as the page declares, unless --encoding says."""
    return files.decode(data, where, encoding, what="HTML page") if encoding else data


def _absolute(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())
