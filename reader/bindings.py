"""Provides every key binding of the reader, in one place: the registry the keymap checks.

Each screen, dialog and widget takes its BINDINGS from here, so the keymap, the help screen and
the command palette all read one list, and a new binding without an id fails a test.
"""

from __future__ import annotations

from textual.binding import Binding

NOTES = [
    Binding("a", "annotate", "Annotate", id="notes.annotate"),
    Binding("H", "highlight", "Highlight", show=False, id="notes.highlight"),
    Binding("E", "edit_note", "Edit note", show=False, id="notes.edit"),
    Binding("d", "delete_note", "Delete note", show=False, id="notes.delete"),
    Binding("u", "undo", "Undo", show=False, id="notes.undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="notes.redo"),
    Binding("A", "list_notes", "Notes", id="notes.list"),
    Binding("o", "next_note_here", "Other note on this word", show=False, id="notes.next-here"),
    Binding("K", "keep_mine", "Keep my version of a note", show=False, id="notes.keep-mine"),
    Binding("T", "take_theirs", "Take the other version of a note", show=False,
            id="notes.take-theirs"),
]  # fmt: skip
"""The note keys of the reader screen (NoteKeysScreen)."""

JUMPS = [
    Binding("f", "hints", "Jump hints", show=False, id="jumps.hints",
            tooltip="Label every name, note and see-also link on screen; type a label to go there"),
    Binding("m", "set_mark", "Set a mark", show=False, id="jumps.set-mark",
            tooltip="Then a letter: marks the place of the cursor (kept with your notes)"),
    Binding("apostrophe", "go_to_mark", "Go to a mark", show=False, id="jumps.go-to-mark",
            tooltip="Then a mark's letter; pressed twice, back to before the last jump"),
]  # fmt: skip
"""The jump keys of the reader screen (JumpKeysScreen): hints, marks, back."""

APP = [
    Binding("q", "quit", "Quit", id="app.quit"),
    # Textual's own ctrl+q quits at once, even from the note editor: this one asks first.
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit-anywhere"),
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.commands"),
    Binding(
        "L",
        "toggle_later",
        "After the article",
        show=False,
        id="app.toggle-later",
        tooltip="Hide or show, on every card, what happened after the article's date",
    ),
]
"""ReaderApp's keys."""

SCREEN = [
    *NOTES,
    *JUMPS,
    Binding("enter", "focus_cards", "Card", id="screen.focus-cards"),
    Binding("backspace,alt+left", "card_back", "Back", show=False, id="screen.card-back"),
    Binding("alt+right", "card_forward", "Forward", show=False, id="screen.card-forward"),
    Binding("c", "toggle_cards", "Cards", id="screen.toggle-cards"),
    Binding(
        "x",
        "cards_index",
        "Cards index",
        id="screen.cards-index",
        tooltip="Every card by kind, with its mentions and where they fall; type to filter",
    ),
    Binding(
        "ctrl+o",
        "open_article",
        "Open another article",
        show=False,
        id="screen.open-article",
        tooltip="Open a file or URL in place of this article",
    ),
    Binding(
        "R",
        "refresh_article",
        "Fetch the article again",
        show=False,
        id="screen.refresh-article",
        tooltip="Fetch a URL (or extract an HTML page, or read a file) again",
    ),
    Binding("D", "show_changes", "Changes", show=False, id="screen.changes"),
    Binding("C", "new_card", "New card of your own", show=False, id="screen.new-card"),
]
"""ReaderScreen's keys."""

ARTICLE = [
    Binding("j,down", "cursor_down", "Down", show=False, id="article.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="article.up"),
    Binding("h,left", "cursor_left", "Left", show=False, id="article.left"),
    Binding("l,right", "cursor_right", "Right", show=False, id="article.right"),
    Binding("w", "word_next", "Next word", show=False, id="article.word-next"),
    Binding("b", "word_previous", "Previous word", show=False, id="article.word-previous"),
    Binding("e", "word_end", "End of word", show=False, id="article.word-end"),
    Binding(
        "right_curly_bracket",
        "paragraph_next",
        "Next paragraph",
        show=False,
        id="article.paragraph-next",
    ),
    Binding(
        "left_curly_bracket",
        "paragraph_previous",
        "Previous paragraph",
        show=False,
        id="article.paragraph-previous",
    ),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="article.page-down"),
    Binding("pageup", "page_up", "Page up", show=False, id="article.page-up"),
    Binding("g,home", "top", "Top", show=False, id="article.top"),
    Binding("G,end", "bottom", "Bottom", show=False, id="article.bottom"),
    Binding("tab", "link_next", "Next link", id="article.link-next"),
    Binding("shift+tab", "link_previous", "Previous link", show=False, id="article.link-previous"),
    Binding(
        "right_square_bracket",
        "mention_next",
        "Next mention",
        show=False,
        id="article.mention-next",
    ),
    Binding(
        "left_square_bracket",
        "mention_previous",
        "Previous mention",
        show=False,
        id="article.mention-previous",
    ),
    Binding("slash", "search", "Search the article", show=False, id="article.search"),
    Binding("n", "search_next", "Next match", show=False, id="article.search-next"),
    Binding("N", "search_previous", "Previous match", show=False, id="article.search-previous"),
    Binding("v", "select", "Select", id="article.select"),
    Binding("escape", "drop_selection", "Drop selection", show=False, id="article.drop-selection"),
]
"""ArticleView's keys."""

CARD = [
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="card.down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="card.up"),
    Binding("space,pagedown", "page_down", "Card: page down", show=False, id="card.page-down"),
    Binding("pageup", "page_up", "Card: page up", show=False, id="card.page-up"),
    Binding("g,home", "scroll_home", "Card: top", show=False, id="card.top"),
    Binding("G,end", "scroll_end", "Card: bottom", show=False, id="card.bottom"),
    Binding("tab", "link_next", "Next link or mention", id="card.link-next"),
    Binding(
        "shift+tab",
        "link_previous",
        "Previous link or mention",
        show=False,
        id="card.link-previous",
    ),
    Binding("enter", "open_link", "Open", id="card.open-link"),
    Binding(
        "right_square_bracket",
        "mention_next",
        "Card: next mention",
        show=False,
        id="card.mention-next",
    ),
    Binding(
        "left_square_bracket",
        "mention_previous",
        "Card: previous mention",
        show=False,
        id="card.mention-previous",
    ),
    Binding("escape", "leave", "Back to article", id="card.leave"),
    Binding("E", "edit_card", "Edit your card", show=False, id="card.edit"),
    Binding("d", "delete_card", "Delete your card", show=False, id="card.delete"),
]
"""CardPane's keys."""

SEARCH = [
    # On the search line's input: Enter there submits rather than opening the card pane.
    Binding("enter", "accept", "Keep the match", id="search.accept"),
    Binding("escape", "cancel", "Back to where you were", id="search.cancel"),
]
"""SearchInput's keys (the `/` line at the bottom; what is typed goes into it)."""

HELP = [
    Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    Binding("j,down", "scroll('down')", "Scroll down", id="help.down"),
    Binding("k,up", "scroll('up')", "Scroll up", id="help.up"),
]
"""HelpScreen's keys."""

EDITOR = [
    # Not priority bindings: they then wait behind the keys typed before them, so the note
    # saved (or the question asked on Esc) has every character typed or pasted first.
    Binding("ctrl+s", "save", "Save", id="editor.save"),
    Binding("escape", "cancel", "Cancel", id="editor.cancel"),
    # Priority bindings, unlike the two above: the focus moves as the key arrives, so the keys
    # typed after it in the same burst go to the next field, not the one being left.
    Binding("tab", "next_field", "Next field", show=False, priority=True, id="editor.next-field"),
    Binding(
        "shift+tab",
        "previous_field",
        "Previous field",
        show=False,
        priority=True,
        id="editor.previous-field",
    ),
]
"""NoteEditor's keys."""

DISCARD = [
    Binding("y", "answer(True)", "Discard", id="discard.yes"),
    Binding("n,escape", "answer(False)", "Keep editing", id="discard.no"),
]
"""ConfirmDiscard's keys."""

ASK = [
    Binding("y", "answer(True)", "Yes", id="ask.yes"),
    Binding("n,escape", "answer(False)", "No", id="ask.no"),
]
"""Ask's keys."""

NOTES_LIST = [
    Binding("escape", "close", "Close", id="notes-list.close"),
    Binding("enter", "choose('jump')", "Jump", priority=True, id="notes-list.jump"),
    Binding(
        # Not ctrl+r, which is redo everywhere else.
        "ctrl+t",
        "choose('reattach')",
        "Re-attach to selection",
        priority=True,
        id="notes-list.reattach",
    ),
    Binding("ctrl+y", "choose('confirm')", "Confirm place", priority=True, id="notes-list.confirm"),
    Binding(
        "ctrl+g",
        "toggle_changed",
        "Only notes changed since made",
        priority=True,
        id="notes-list.changed",
    ),
    # Not a priority binding: while the filter has focus, d is typed into it. Enter on an orphan
    # moves focus to the list, where d deletes.
    Binding("d", "choose('delete')", "Delete note", id="notes-list.delete"),
    Binding("down", "move(1)", show=False, priority=True, id="notes-list.down"),
    Binding("up", "move(-1)", show=False, priority=True, id="notes-list.up"),
]
"""NotesList's keys."""

CARDS_INDEX = [
    Binding("escape", "close", "Close", id="index.close"),
    Binding("enter", "open", "Show card", priority=True, id="index.open"),
    # Not a letter: while the filter has focus, letters are typed into it.
    Binding("ctrl+s", "toggle_sort", "Sort by name / mentions", priority=True, id="index.sort"),
    Binding("down", "move(1)", show=False, priority=True, id="index.down"),
    Binding("up", "move(-1)", show=False, priority=True, id="index.up"),
    Binding("pagedown", "page(1)", show=False, priority=True, id="index.page-down"),
    Binding("pageup", "page(-1)", show=False, priority=True, id="index.page-up"),
]
"""CardsIndex's keys."""

OPEN = [
    Binding("escape", "cancel", "Cancel", id="open.cancel"),
    # Priority: Tab would otherwise move the focus out of the only field.
    Binding("tab", "complete", "Complete the path", priority=True, id="open.complete"),
]
"""OpenArticle's keys (Enter opens what is typed)."""

CHANGES = [
    Binding("n", "step(1)", "Next change", id="changes.next"),
    Binding("N", "step(-1)", "Previous change", id="changes.previous"),
    Binding("t", "toggle_side", "Old / new text", id="changes.toggle"),
    Binding("escape,q", "close", "Back to the article", id="changes.close"),
]
"""ChangesScreen's keys (what changed between two versions of the article)."""

CHANGES_VIEW = [
    Binding("j,down", "scroll_down", "Scroll down", show=False, id="changes-view.down"),
    Binding("k,up", "scroll_up", "Scroll up", show=False, id="changes-view.up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="changes-view.page-down"),
    Binding("pageup", "page_up", "Page up", show=False, id="changes-view.page-up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="changes-view.top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="changes-view.bottom"),
]
"""ChangesView's keys."""

OWNERS = ("APP", "SCREEN", "ARTICLE", "CARD", "SEARCH", "HELP", "EDITOR", "DISCARD", "ASK",
          "NOTES_LIST", "CHANGES", "CHANGES_VIEW", "OPEN", "CARDS_INDEX")  # fmt: skip
"""Every owner's list (NOTES, JUMPS are part of SCREEN): what the keymap accepts, tests walk."""
