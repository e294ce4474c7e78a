"""The pre-commit hook a card repository uses: its manifest is valid, and it runs in a repository.

pre-commit builds a `language: python` hook by pip-installing this project into a fresh virtual
environment, which needs the package index; the test must not. So the manifest is validated with
pre-commit's own schema (pre_commit.clientlib), and the hook runs from a `repo: local` config that
copies every field of the manifest's hook but runs the installed reader (`language: system`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

clientlib = pytest.importorskip("pre_commit.clientlib")

REPO = Path(__file__).parents[2]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CARD = """\
version: 1
cards:
  - id: {id}
    title: {title}
    kind: person
    summary: Someone in the library.
    aliases: [{title}]
    as_of: 2021-09-29
"""


def hook() -> dict:
    (only,) = clientlib.load_manifest(str(MANIFEST))
    return only


def test_the_manifest_is_valid_and_runs_the_console_script():
    found = hook()
    assert found["id"] == "annotated-reader-check"
    assert found["language"] == "python"
    assert found["pass_filenames"] is False  # the whole library, so ids are checked across files
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    program, command = found["entry"].split()
    assert program in scripts and command == "check"


def card_repository(tmp_path: Path, files: dict[str, str]) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "cards-repo"
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    local = dict(hook())
    local.update(language="system", entry=f"{sys.executable} -m reader check")
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    # JSON is YAML: pre-commit reads it as its config.
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "ANNOTATED_READER_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("ANNOTATED_READER_CARDS", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo, env


def pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_hook_passes_a_clean_library(tmp_path):
    repo, env = card_repository(
        tmp_path,
        {
            "people/putin.cards.yaml": CARD.format(id="putin", title="Putin"),
            "people/erdogan.cards.yaml": CARD.format(id="erdogan", title="Erdogan"),
        },
    )
    done = pre_commit(repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "annotated-reader check" in done.stdout and "Passed" in done.stdout


def test_the_hook_fails_on_an_id_used_in_two_files(tmp_path):
    repo, env = card_repository(
        tmp_path,
        {
            "a/first.cards.yaml": CARD.format(id="putin", title="Putin"),
            "b/second.cards.yaml": CARD.format(id="putin", title="Vladimir Putin"),
        },
    )
    done = pre_commit(repo, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert (
        "error: b/second.cards.yaml:3: cards[0].id: duplicate id 'putin' (first used at "
        "a/first.cards.yaml:3)"
    ) in done.stdout
