"""Provides JumpKeysScreen: jump hints (f), marks (m, '), `''`, and the reading position.

Keys that wait for the next key (m then a letter, ' then a letter, f then a hint's letters) keep
a pending state here: the next key goes to it, never to the bindings, and Esc or any key that is
not a letter cancels it and says so in the key bar, so a key is never swallowed unseen. The hint
labels and the jump list are model code (annotations.text.hints, annotations.text.jumps); the
marks belong to the notes store, which saves and merges them with the notes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from textual import events

from annotations.errors import AnnotationError
from annotations.notes.marks import is_mark_letter
from annotations.notes.position import load_position, save_position
from annotations.text.hints import hint_labels, matching
from reader.screens.note_keys import NoteKeysScreen, needs_notes
from reader.widgets.key_bar import KeyBar

log = logging.getLogger(__name__)

POSITION_SECONDS = 5.0
"""How often the reading position is written while the cursor moves (and once at the end)."""


@dataclass
class Pending:
    """A key waiting for the next one."""

    kind: str
    """"set-mark", "go-to-mark" or "hint"."""
    typed: str = ""
    """The hint letters typed so far."""
    article_hints: dict[int, str] = field(default_factory=dict)
    """Hint labels on the article, by target offset."""
    card_hints: dict[int, str] = field(default_factory=dict)
    """Hint labels on the card pane's see-also links, by link index."""


class JumpKeysScreen(NoteKeysScreen):
    """The jump keys of the reader screen; subclasses provide `cards` and `show_card`."""

    @property
    def cards(self):
        """The card pane (the subclass composes it)."""
        raise NotImplementedError

    def show_card(self, card_id: str | None, *, record: bool = True) -> None:
        """Show a card in the pane (the subclass wires it)."""
        raise NotImplementedError

    def init_jumps(self) -> None:
        """Called from the subclass's __init__."""
        self.pending: Pending | None = None
        """The key waiting for the next one, or None."""
        self._position: int | None = None
        """The cursor's offset, when it moved since the position was last written."""

    # The reading position ----------------------------------------------------------------------

    def restored_position(self) -> int | None:
        """Where this article was left last time (said in the key bar if the file is bad)."""
        article = self.store.article
        try:
            offset = load_position(article)
        except AnnotationError as error:
            log.warning("reading position not restored: %s", error)
            problem = error.problems[0]
            self.call_after_refresh(self.say, f"Reading position not restored: {problem}")
            return None
        return offset

    def start_position_keeping(self) -> None:
        self.set_interval(POSITION_SECONDS, self.keep_position)

    def position_moved(self, offset: int) -> None:
        self._position = offset

    def keep_position(self) -> None:
        """Write the reading position if the cursor moved since it was last written."""
        offset, self._position = self._position, None
        if offset is None or not 0 <= offset < len(self.store.article.text):
            return
        try:
            save_position(self.store.article, offset)
        except OSError as error:  # a read-only data folder: reading goes on; say it once
            log.warning("reading position not saved: %s", error)

    def on_unmount(self) -> None:
        self.keep_position()

    # Pending keys ------------------------------------------------------------------------------

    def wait_for_key(self, pending: Pending, prompt: str) -> None:
        self.pending = pending
        self.query_one(KeyBar).prompt(prompt)

    def cancel_pending(self, message: str) -> None:
        self._end_pending()
        self.say(message)

    def _jump_key_actions(self) -> dict[str, str]:
        """{key: action} of the jump keys in force (after the keymap), found once."""
        found = getattr(self, "_jump_keys", None)
        if found is None:
            from reader import bindings
            from reader.keys import keys_in_force

            in_force = keys_in_force(getattr(self.app, "_keymap", None))
            found = self._jump_keys = {
                key: binding.action for binding in bindings.JUMPS for key in in_force[binding.id]
            }
        return found

    def _end_pending(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None and pending.kind == "hint":
            self.article.show_hints({})
            self.cards.show_hints({})
        self.query_one(KeyBar).prompt(None)

    def on_key(self, event: events.Key) -> None:
        pending = self.pending
        if pending is None:
            # f, m and ' are taken here, in the order keys came up, not by their bindings (which
            # act once the key reaches the app): a mark's letter typed right after `m` must not
            # be taken for a key of its own first (`mq` would quit).
            action = self._jump_key_actions().get(event.key)
            if action is not None and self.article.search_query is None:
                event.stop()
                event.prevent_default()
                getattr(self, f"action_{action}")()
            return
        # The key is the pending key's: no binding may act on it too. What it does comes after
        # the keys already on their way to the app (a motion typed just before it): in order.
        event.stop()
        event.prevent_default()
        self.app.call_later(self._pending_key, pending, event.key, event.character or "")

    def _pending_key(self, pending: Pending, key: str, char: str) -> None:
        if self.pending is not pending:  # ended by the key before: this one is a key of its own
            self.app.simulate_key(key)
            return
        if key == "escape":
            self.cancel_pending("Cancelled")
        elif pending.kind == "hint":
            self._hint_key(pending, char)
        elif pending.kind == "go-to-mark" and self._is_go_to_mark_key(key):
            self._end_pending()
            self.jump_back()
        elif not is_mark_letter(char):
            shown = char if char.isprintable() and char else key
            self.cancel_pending(f"Cancelled: {shown!r} is not a mark's letter (a to z, A to Z)")
        elif pending.kind == "set-mark":
            self._end_pending()
            self.set_mark(char)
        else:
            self._end_pending()
            self.go_to_mark(char)

    def jump_back(self) -> None:
        """`''`: back to where the cursor was before the last jump."""
        if not self.article.jump_back():
            self.say("No jump to go back from yet")

    def key_for(self, action: str, default: str) -> str:
        """How the key in force for `action` is shown (after the keymap)."""
        keys = [k for k, b in self.active_bindings.items() if b.binding.action == action]
        return self.app.get_key_display(self.active_bindings[keys[0]].binding) if keys else default

    def _is_go_to_mark_key(self, key: str) -> bool:
        return any(
            active.binding.action == "go_to_mark" and key == bound
            for bound, active in self.active_bindings.items()
        )

    def on_screen_suspend(self) -> None:
        if self.pending is not None:  # a dialog came up: its keys are its own
            self._end_pending()

    # Marks -------------------------------------------------------------------------------------

    @needs_notes
    def action_set_mark(self) -> None:
        self.wait_for_key(Pending("set-mark"), "Mark: type a letter for this place (Esc cancels)")

    def set_mark(self, letter: str) -> None:
        if not self.store.article.text:
            self.say("Nothing to mark in an empty article")
            return
        self.store.set_mark(letter, self.article.cursor)
        back = self.key_for("go_to_mark", "'")
        self.say(f"Mark {letter} set ({back} then {letter} comes back here)")
        self.call_after_refresh(self.saver.request)

    @needs_notes
    def action_go_to_mark(self) -> None:
        again = self.key_for("go_to_mark", "'")
        self.wait_for_key(
            Pending("go-to-mark"),
            f"Go to mark: type its letter, or {again} again to go back before the last jump"
            " (Esc cancels)",
        )

    def go_to_mark(self, letter: str) -> None:
        try:
            offset = self.store.marks.offset(letter)
        except KeyError:
            self.say(f"No mark {letter} in this article (m then {letter} sets it)")
            return
        if offset is None:
            self.say(f"Mark {letter}: the text it was on is no longer in the article")
            return
        self.article.jump_to(offset)

    # Hints -------------------------------------------------------------------------------------

    def action_hints(self) -> None:
        targets = self.article.hint_targets()
        links = self.cards.see_also_on_screen()
        labels = hint_labels(len(targets) + len(links))
        if not labels:
            self.say("No names, notes or see-also links on screen to jump to")
            return
        pending = Pending(
            "hint",
            article_hints=dict(zip(targets, labels, strict=False)),
            card_hints=dict(zip(links, labels[len(targets) :], strict=True)),
        )
        self._show_hints(pending)
        self.wait_for_key(pending, "Hints: type a label to jump there (Esc cancels)")

    def _show_hints(self, pending: Pending) -> None:
        self.article.show_hints(pending.article_hints, pending.typed)
        self.cards.show_hints(pending.card_hints, pending.typed)

    def _hint_key(self, pending: Pending, char: str) -> None:
        if not (char.isascii() and char.isalpha()):
            shown = char if char.isprintable() and char else "that key"
            self.cancel_pending(f"Hints cancelled ({shown!r} is not a hint letter)")
            return
        typed = pending.typed + char.lower()
        labels = [*pending.article_hints.values(), *pending.card_hints.values()]
        left = matching(labels, typed)
        if not left:
            self.cancel_pending(f"Hints cancelled: no hint {typed.upper()}")
            return
        if left != [typed]:
            pending.typed = typed
            self._show_hints(pending)
            return
        self._end_pending()
        for offset, label in pending.article_hints.items():
            if label == typed:
                self.article.jump_to(offset)
                return
        for index, label in pending.card_hints.items():
            if label == typed:
                card = self.cards.see_also()[index]
                self.show_card(card.id)
                self.say(f"Opened {card.title}")
                return
