"""Provides SearchBar: the bottom line showing a search as it is typed, as vim's command line.

It takes the key bar's place while a query is typed. The keys go to the article view, which
moves to the first match in the frame of the key itself; this line only shows what the view says:
"/" and the query with a cursor after it, and at its right end "3 of 12" or "No match for 'x'".
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from annotations.text.sanitize import display_text


class SearchBar(Static, can_focus=False):
    """ "/query▏" and, right-aligned, what the search found."""

    COMPONENT_CLASSES = {"search-bar--prompt", "search-bar--cursor", "search-bar--status"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, query: str, status: str) -> None:
        """Show the line (if hidden) with `query` and `status`."""
        width = max(self.app.size.width, 10)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" /", self.get_component_rich_style("search-bar--prompt"))
        shown = display_text(query)
        room = width - 4 - min(len(status), width // 2)
        if len(shown) > room:  # a long query shows its end, where the typing is
            shown = "…" + shown[-max(room - 1, 1) :]
        line.append(shown)
        line.append(" ", self.get_component_rich_style("search-bar--cursor"))
        if status:
            gap = max(width - line.cell_len - len(status) - 1, 1)
            line.append(" " * gap)
            line.append(display_text(status), self.get_component_rich_style("search-bar--status"))
        self.update(line, layout=False)  # always one line: no need to lay out the screen
        self.display = True

    def close(self) -> None:
        self.display = False
