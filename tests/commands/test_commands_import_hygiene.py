"""Commands that never start the screen (check, schema, notes, open, export, import) never
import Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from annotations import builtin
from annotations.cards.load import load_cards

SCRIPT = """
import contextlib, io, json, sys
import reader.cli
from reader.commands import check, export, import_, notes, open_, output, schema
ran = {}
commands = (
    ["schema"], ["check", sys.argv[1], "--article", "builtin"], ["notes", "list", "builtin"],
    ["open"],
    ["export", "builtin", "--format", "html"], ["export", "builtin", "--with-text"],
    ["import", "builtin", sys.argv[2], "--notes", sys.argv[3]],
)
for argv in commands:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        ran[argv[0]] = reader.cli.main(argv)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"ran": ran, "ui": loaded}))
"""


def test_the_commands_run_without_importing_textual(tmp_path):
    annotations = Path(__file__).resolve().parent.parent / "data" / "interop" / "w3c_shapes.jsonld"
    notes = tmp_path / "imported.notes.yaml"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(builtin.cards_path()), str(annotations), str(notes)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # import: 1, as some of the sample's entries are refused on purpose.
    assert report["ran"] == {
        "schema": 0,
        "check": 0,
        "notes": 0,
        "open": 0,
        "export": 0,
        "import": 1,
    }
    assert report["ui"] == [], "commands that never start the screen must not import Textual"


def test_the_builtin_title_constant_matches_its_cards_file():
    # `notes` names the built-in article without parsing its cards: the two must agree.
    assert load_cards([builtin.cards_path()]).info.title == builtin.TITLE
