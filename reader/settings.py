"""Provides the reader's remembered settings: a small YAML file in the user config folder.

    # ~/.config/annotated-reader/settings.yaml (ANNOTATED_READER_CONFIG_DIR moves the folder)
    version: 1
    show_later: false     # L: what happened after the article, shown or hidden
    theme: textual-light  # the theme last chosen (ctrl+p, "Change theme")

A setting the reader cannot read is only logged (the defaults apply): a preference must never
stop the reader from opening. It is written atomically, like the notes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from annotations import files
from annotations.errors import AnnotationError
from annotations.yaml.loader import load_yaml
from reader.keymap import config_dir

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.yaml"


@dataclass
class Settings:
    """What the reader remembers between sessions."""

    show_later: bool = True
    """Whether cards show the events after the article's date ("After the article")."""
    theme: str = ""
    """The theme last chosen; empty for Textual's default."""


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The remembered settings, or the defaults when there are none or they do not read."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data, _ = load_yaml(files.read_text(path, limit=64 * 1024, what="settings"), str(path))
    except (AnnotationError, OSError) as error:
        log.warning("settings %s not used: %s", path, error)
        return Settings()
    if not isinstance(data, dict) or data.get("version") != 1:
        log.warning("settings %s not used: expected 'version: 1'", path)
        return Settings()
    show_later = data.get("show_later", True)
    if not isinstance(show_later, bool):
        log.warning("settings %s: show_later is not true or false; default used", path)
        show_later = True
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        log.warning("settings %s: theme is not a name; default used", path)
        theme = ""
    return Settings(show_later=show_later, theme=theme)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically; OSError when the folder cannot be written."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = "true" if settings.show_later else "false"
    text = f"version: 1\nshow_later: {value}\n"
    if settings.theme:
        text += f"theme: {json.dumps(settings.theme)}\n"  # a JSON string is a YAML string
    files.write_atomically(path, text)
