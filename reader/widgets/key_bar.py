"""Provides KeyBar: the footer line with the keys that matter now, drawn as one line of text.

Textual's Footer mounts a widget per key and rebuilds them all whenever focus moves; on this
machine that was a fifth of the reader's start-up beyond a bare Textual app. One Static shows
the same keys from the screen's active bindings, and a click on a key presses it, as Footer does.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from annotations.text.sanitize import display_text
from reader.widgets.contrast import readable_style


class KeyBar(Static, can_focus=False):
    """The focused widget's shown bindings ("key description"), and the command palette key."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--message"}

    MESSAGE_SECONDS = 3.0
    """How long a message (as vim's "3 fewer lines") stays before the keys alone show again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._keys: list[tuple[int, int, str]] = []
        """(first column, end column, key) of each key shown, for clicks."""
        self.message = ""
        """What the last action did, shown before the keys for a few seconds."""
        self.prompt_text: str | None = None
        """What a key waiting for the next one asks for (m: "type a letter"), shown until it
        is answered; it goes before any message."""
        self._message_timer = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, _screen) -> None:
        self.show_keys()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a new theme: the keys' colours change
            # Once the new styles are in force: drawn now, the keys kept the old theme's colours
            # (light text on the light theme's ground).
            self.call_after_refresh(self.show_keys)

    def shown_bindings(self) -> list[tuple[str, str, str]]:
        """(key, how it is shown, description) of the bindings to show, one per action."""
        app = self.app
        seen: set[str] = set()
        shown = []
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            entry = (binding.key, app.get_key_display(binding), binding.description)
            if binding.key == app.COMMAND_PALETTE_BINDING:
                palette = entry
            else:
                shown.append(entry)
        if palette is None and app.ENABLE_COMMAND_PALETTE:
            bindings = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if bindings is not None:
                binding = bindings[1]
                palette = (binding.key, app.get_key_display(binding), binding.description)
        if palette is not None:
            shown.append(palette)
        return shown

    def flash(self, message: str) -> None:
        """Say what an action did, in this line, for MESSAGE_SECONDS.

        Cheaper than a toast (which mounts widgets and lays out the screen twice): a key pressed
        straight after a note change must not wait for it.
        """
        self.message = message
        if self._message_timer is not None:
            self._message_timer.stop()
        self._message_timer = self.set_timer(self.MESSAGE_SECONDS, self._clear_message)
        self.show_keys()

    def prompt(self, text: str | None) -> None:
        """Show `text` until the next call (None: no prompt)."""
        if text != self.prompt_text:
            self.prompt_text = text
            self.show_keys()

    def _clear_message(self) -> None:
        self.message = ""
        self._message_timer = None
        self.show_keys()

    def show_keys(self) -> None:
        # The theme's footer colours (its blue keys on light grey: 2.9:1) made legible.
        base = self.rich_style
        key_style = readable_style(self.get_component_rich_style("key-bar--key"), base)
        description_style = readable_style(
            self.get_component_rich_style("key-bar--description"), base
        )
        text = Text(no_wrap=True, overflow="ellipsis")
        message = self.prompt_text or self.message
        if message:
            message_style = readable_style(self.get_component_rich_style("key-bar--message"), base)
            text.append(f" {display_text(message)} ", message_style)
            text.append(" ")
        self._keys = []
        for key, display, description in self.shown_bindings():
            start = len(text)
            text.append(f" {display} ", key_style)
            text.append(f"{description} ", description_style)
            self._keys.append((start, len(text), key))
        self.update(text, layout=False)  # always one line: no need to lay out the screen

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
