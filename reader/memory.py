"""Provides the reader process's garbage-collector policy: paused while starting, then frozen.

Start-up makes hundreds of thousands of objects that live as long as the process (Textual's
classes, the article, its layout, mentions and notes). Collections while they are made find
nothing to free, and every later full collection would walk them all again, so a key press on
War and Peace would pay for the size of the book. The command line pauses the collector until the
first frame is up, then freezes what exists (moves it out of the collector's sight) and resumes.
Only the command line turns this on: tests and embedders keep Python's default behaviour.
"""

from __future__ import annotations

import gc

_active = False


def pause_for_startup() -> None:
    """Stop collecting until `settle` (called by the command line, before the big imports)."""
    global _active
    _active = True
    gc.disable()


def settle() -> None:
    """Freeze everything made so far and collect again; nothing unless the policy is on."""
    if _active:
        gc.freeze()
        gc.enable()


def keep_long_lived() -> None:
    """Freeze what a background load just made (a long article's links, a large notes file)."""
    if _active:
        gc.freeze()
