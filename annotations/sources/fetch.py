"""Provides fetching a web page for reading: timeouts, a size limit and a content-type check.

Every failure is an AnnotationError naming the URL and the reason in one line (offline, a
timeout, an HTTP error status, a reply that is not HTML, a page over the limit).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import AnnotationError

MAX_PAGE_BYTES = 10 * 1024 * 1024
"""Pages over 10 MiB are refused: far beyond any article page."""
CONNECT_SECONDS = 10.0
READ_SECONDS = 20.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "annotated-reader (a terminal reader for news articles)"


def is_url(argument: str) -> bool:
    """True for what a user types to mean a web page: http:// or https://."""
    lowered = argument[:8].lower()
    return lowered.startswith("http://") or lowered.startswith("https://")


@dataclass(frozen=True)
class Page:
    url: str
    """Where the page was in the end (after redirects)."""
    body: bytes
    charset: str | None = None
    """The encoding the server named in its Content-Type, if any."""

    def content(self) -> bytes | str:
        """The page as text when the server named a known encoding; else the bytes, for the
        extractor to decode as the page itself declares (its <meta charset>)."""
        if self.charset:
            try:
                return self.body.decode(self.charset, errors="replace")
            except LookupError:
                pass
        return self.body


def fetch(url: str, *, limit: int | None = None, transport=None) -> Page:
    """GET an HTML page (at most `limit` bytes, MAX_PAGE_BYTES by default); AnnotationError
    with a one-line reason on any failure."""
    import httpx

    limit = MAX_PAGE_BYTES if limit is None else limit
    timeout = httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS)
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"},
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = f"{response.status_code} {response.reason_phrase}".strip()
                raise AnnotationError.single(url, f"the server answered {reason}")
            content_type = response.headers.get("content-type", "")
            media = content_type.split(";")[0].strip().lower()
            if media not in HTML_TYPES:
                shown = media or "none given"
                raise AnnotationError.single(
                    url, f"not an HTML page (content type {shown}); give the URL of an article"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise AnnotationError.single(url, _too_big(limit))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise AnnotationError.single(url, _too_big(limit))
                chunks.append(chunk)
            charset = response.charset_encoding  # from the Content-Type header only
            return Page(url=str(response.url), body=b"".join(chunks), charset=charset)
    except httpx.TimeoutException:
        raise AnnotationError.single(url, "cannot fetch: timed out") from None
    except httpx.ConnectError as error:
        raise AnnotationError.single(url, f"cannot connect (offline?): {_reason(error)}") from None
    except httpx.InvalidURL as error:
        raise AnnotationError.single(url, f"not a valid URL: {error}") from None
    except httpx.HTTPError as error:
        raise AnnotationError.single(url, f"cannot fetch: {_reason(error)}") from None


def _too_big(limit: int) -> str:
    return f"the page is over the limit of {limit:,} bytes"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
