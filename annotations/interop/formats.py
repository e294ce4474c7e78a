"""Provides `render`: an export in the format asked for (each format's module is loaded only
when it is asked for)."""

from __future__ import annotations

from annotations.interop.export import FORMATS, Export


def render(export: Export, fmt: str, *, with_text: bool = False) -> str:
    """The export as text in `fmt` (one of FORMATS); `with_text` for Markdown with the article."""
    if fmt == "markdown":
        from annotations.interop import markdown

        return markdown.with_text(export) if with_text else markdown.digest(export)
    if fmt == "w3c":
        from annotations.interop import w3c

        return w3c.dumps(w3c.collection(export))
    if fmt == "json":
        from annotations.interop import jsonout

        return jsonout.dumps(export)
    if fmt == "html":
        from annotations.interop import html

        return html.page(export)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
