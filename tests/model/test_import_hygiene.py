"""The model stays plain Python: importing every `annotations` module never imports Textual."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import annotations

SCRIPT = """
import importlib, json, pkgutil, sys
import annotations
names = sorted(
    info.name for info in pkgutil.walk_packages(annotations.__path__, "annotations.")
)
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"modules": names, "ui": loaded}))
"""


def model_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(annotations.__path__, "annotations."))


def test_every_annotations_module_imports_without_textual(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # an empty folder: the installed package is what gets imported
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ui"] == [], "annotations must not import Textual"
    assert report["modules"] == model_modules()
    # The ones the brief names, at least.
    for name in ("errors", "files", "yaml.loader", "yaml.emit", "text.article", "text.sanitize",
                 "text.motion", "cards.schema", "cards.model", "cards.linking", "cards.check",
                 "notes.store", "notes.schema", "reading", "builtin"):  # fmt: skip
        assert f"annotations.{name}" in report["modules"]


def test_importing_the_model_has_no_side_effects(tmp_path):
    # No folders created, no files written, no output, at import time.
    script = SCRIPT + "\nimport os; print(sorted(os.listdir('.')))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
        env={
            **{key: os.environ[key] for key in ("PATH", "PYTHONPATH") if key in os.environ},
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "xdg"),
            "ANNOTATED_READER_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "[]"
    assert not (tmp_path / "home").exists()
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "data").exists()


def test_no_source_file_in_annotations_mentions_textual():
    root = Path(annotations.__file__).parent
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import textual" not in source, path
        assert "from textual" not in source, path
