"""Provides the IRIs an export names things by: notes, the article's text and the collection.

A note's ULID and a UUID are both 128 bits, so a note is named `urn:uuid:` of its own bits: the
same note gets the same IRI in every export, and the IRI leads back to the note's id.
"""

from __future__ import annotations

import re
import uuid

from annotations.text.article import Article

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_AS_BASE32 = str.maketrans(_CROCKFORD, "0123456789abcdefghijklmnopqrstuv")
_IS_CROCKFORD = re.compile(f"[{_CROCKFORD}]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_NAMESPACE = uuid.UUID("6f1d0d2c-4a39-5a5e-9f1e-6b8a0c2d7e41")
"""Names the collections and pages this reader exports (uuid5 within it: stable per article)."""


def note_iri(note_id: str) -> str:
    """`urn:uuid:` of a note's ULID (26 Crockford base-32 characters). An id written by hand
    that is not one (the notes file allows any 26 capitals and digits) gets a UUID named after
    it instead: still the same in every export."""
    if len(note_id) != 26 or not _IS_CROCKFORD.fullmatch(note_id):
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'note:' + note_id)}"
    # Crockford's digits spelled as Python's base-32 digits (0-9, a-v): int() reads them in C.
    digits = f"{int(note_id.translate(_AS_BASE32), 32) & ((1 << 128) - 1):032x}"
    return f"urn:uuid:{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def text_iri(article: Article) -> str:
    """The article's text when it has no URL: `urn:sha256:` of its UTF-8 bytes."""
    return f"urn:sha256:{article.sha256}"


def article_url(article: Article) -> str:
    """The web address an article was read from, where it has one (a URL article's source)."""
    url = article.source
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return url
    return ""


def source_iri(article: Article) -> str:
    """What a note's target is: the article's URL when there is one, else its text's hash."""
    return article_url(article) or text_iri(article)


def collection_iri(article: Article, part: str = "") -> str:
    """The export's own IRI (and its page's, with `part`): the same for the same text."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, article.sha256 + part)}"


def is_iri(text: str) -> bool:
    """True for text of an IRI's shape: a scheme, a colon, then no white space."""
    return bool(_SCHEME.fullmatch(text))
