"""Provides the article's own text out of an HTML page: title, byline, date and paragraphs.

trafilatura finds the article among the navigation, ads, related links and scripts of a news
page, and reads its metadata (title, author, date) from the page's tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import AnnotationError

SUFFIXES = (".html", ".htm")
"""File names that are read as HTML pages."""


@dataclass(frozen=True)
class Extracted:
    """What a page says about itself, and its article text."""

    title: str
    byline: str
    date: str
    paragraphs: list[str]

    def text(self) -> str:
        """The text kept and read: title, byline and date, then one paragraph per block."""
        head = [self.title] if self.title else []
        byline = f"By {self.byline}" if self.byline else ""
        credit = " · ".join(part for part in (byline, self.date) if part)
        if credit:
            head.append(credit)
        return "\n\n".join([*head, *self.paragraphs]) + "\n"


def extract(page: bytes | str, where: str) -> Extracted:
    """The article in `page` (bytes are decoded as the page declares); AnnotationError when
    the page holds no article text."""
    import trafilatura  # loaded only for HTML: it takes a while to import

    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=True,
    )
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise AnnotationError.single(where, "no article text found in this HTML page")
    title = _line(document.title)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the page's own heading: the title line shows it already
    return Extracted(
        title=title,
        byline=_line(document.author),
        date=_line(document.date),
        paragraphs=paragraphs,
    )


def _line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""
