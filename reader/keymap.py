"""Provides the user's keymap: a YAML file that remaps bindings by their ids.

    # ~/.config/annotated-reader/keymap.yaml
    version: 1
    keys:
      article.down: j,down,ctrl+n
      notes.annotate: i

It is read and checked before the screen starts; a bad file stops the reader with one clear
line per problem, like a bad cards file.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from annotations import files
from annotations.errors import AnnotationError, Problem
from annotations.yaml.loader import describe, load_yaml
from reader.keys import binding_ids, clashes, is_key_name

CONFIG_DIR_VARIABLE = "ANNOTATED_READER_CONFIG_DIR"
"""Set this to read keymap.yaml from another folder."""


def config_dir() -> Path:
    """The user config folder (keymap.yaml, settings.yaml)."""
    chosen = os.environ.get(CONFIG_DIR_VARIABLE, "").strip()
    return Path(chosen) if chosen else Path(platformdirs.user_config_dir("annotated-reader"))


def default_keymap_path() -> Path:
    return config_dir() / "keymap.yaml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The keymap in `path` (default: the user's, if there is one); AnnotationError if bad."""
    explicit = path is not None
    path = path or default_keymap_path()
    if not explicit and not path.exists():
        return {}
    text = files.read_text(path, limit=1024 * 1024, what="keymap")
    data, lines = load_yaml(text, str(path))
    name = str(path)
    if not isinstance(data, dict) or data.get("version") != 1 or set(data) - {"version", "keys"}:
        raise AnnotationError.single(
            name, "expected 'version: 1' and 'keys:' (binding id: keys)", line=1
        )
    keys = data.get("keys") or {}
    if not isinstance(keys, dict):
        raise AnnotationError.single(
            name,
            f"expected a mapping of binding ids to keys, got {describe(keys)}",
            line=lines.line(("keys",)),
            field="keys",
        )
    known = binding_ids()
    problems = []
    for binding_id, value in keys.items():
        where = lines.line(("keys", binding_id))
        field = f"keys.{binding_id}"
        if binding_id not in known:
            problems.append(Problem(name, where, field, "no binding has this id (see the README)"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(name, where, field, f"expected keys like 'j,down', got {describe(value)}")
            )
        else:
            unknown = [key for key in value.replace(" ", "").split(",") if not is_key_name(key)]
            if unknown:
                problems.append(
                    Problem(
                        name,
                        where,
                        field,
                        f"{unknown[0]!r} is not a key name"
                        " (keys look like j, G, ctrl+r, f5, question_mark)",
                    )
                )
    if problems:
        raise AnnotationError(problems)
    keymap = {binding_id: value.replace(" ", "") for binding_id, value in keys.items()}
    for binding_id, why in clashes(keymap).items():
        where = lines.line(("keys", binding_id))
        problems.append(
            Problem(
                name, where, f"keys.{binding_id}", f"{why}; pick another key or remap that one too"
            )
        )
    if problems:
        raise AnnotationError(problems)
    return keymap
