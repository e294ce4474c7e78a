"""Tests that the benchmark script works: one tiny run on the built-in article (no timing asserted).

The benchmark itself is run by hand (python bench/run.py); CI only proves the script runs and
writes its results in the expected shape.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TOP_KEYS = {
    "machine",
    "options",
    "fixtures",
    "startup",
    "keys",
    "saving",
    "linking",
    "anchoring",
    "memory",
    "interop",
    "bars",
    "duration_s",
    "library",
    "library_linking",
}
KEY_SERIES = {"j", "PgDn", "Tab", "]", "w", "G/g", "v+w", "/ + letter", "j (after v)", "j (saving)"}


@pytest.mark.skipif(sys.platform != "linux", reason="the benchmark drives a Linux pty")
def test_quick_benchmark_runs_and_writes_its_results(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "The bar" in done.stdout

    results = json.loads(out.read_text(encoding="utf-8"))
    assert results.keys() >= TOP_KEYS
    assert results["options"]["quick"] is True
    for target in ("bare", "builtin", "builtin_library"):
        startup = results["startup"][target]
        assert startup["median_s"] > 0
        assert startup["clean_exits"] == len(startup["runs_s"]) == 1
        assert results["memory"][target]["median_peak_rss_kb"] > 0
    series = results["keys"]["builtin"]
    assert series.keys() >= KEY_SERIES
    for timing in series.values():
        assert timing["presses"] > 0 and timing["median_ms"] > 0
    assert results["saving"]["median_ms"] > 0
    assert {"1x", "2x", "4x", "ratio_4x_1x"} <= results["linking"].keys()
    assert results["anchoring"]["edited"]["placements"]
    interop = results["interop"]
    assert interop["import_w3c"]["annotations"] == interop["import_hypothesis"]["annotations"]
    assert interop["import_w3c"]["annotations"] == interop["export"]["notes"] == 200  # --quick
    assert {"w3c", "json", "markdown", "markdown --with-text", "html"} <= interop["export"].keys()
    assert results["library"]["card_count"] == 300
    assert results["library"]["alias_count"] == 900
    ratio = results["library_linking"]["ratio_library_own"]
    assert ratio is not None and ratio > 0
    assert len(results["bars"]) == 17
    assert all({"figure", "bar", "value", "pass"} <= row.keys() for row in results["bars"])
