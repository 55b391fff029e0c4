"""``python -m bench --quick --no-browser`` runs and writes latest.json's shape (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from bench.synth import Spec, generate
from dashboard.core.io.load import load_dataset
from dashboard.core.schema import EVENT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
PURE = {"state_at_date", "map_payload", "memory", "import", "zones"}
SPAWNING = {"map_build", "upload_budget"}
ROW_KEYS = {"name", "params", "ours_ms", "baseline_ms", "ratio", "p95_ms", "bytes"}


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The JSON document of one quick run without the browser benchmarks."""
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    cmd = [sys.executable, "-m", "bench", "--quick", "--no-browser", "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| benchmark |" in done.stdout
    return json.loads(out.read_text(encoding="utf-8"))


def test_quick_run_writes_every_pure_benchmark(quick: dict):
    assert {"cpu", "cores", "memory_gb", "python", "versions"} <= set(quick["machine"])
    assert {r["name"] for r in quick["results"]} == PURE
    for row in quick["results"]:
        assert ROW_KEYS <= set(row), row["name"]
        assert {"events", "places"} <= set(row["params"]), row["name"]


def test_ratio_is_baseline_over_ours(quick: dict):
    for row in quick["results"]:
        if row["name"] == "memory":
            assert row["ours_ms"] is None and row["ours_mb"] > 0 and row["baseline_mb"] > 0
            assert row["ratio"] == pytest.approx(row["baseline_mb"] / row["ours_mb"], rel=1e-2)
        elif row["ours_ms"] is not None and row["baseline_ms"] is not None:
            expected = row["baseline_ms"] / row["ours_ms"]
            assert row["ratio"] == pytest.approx(expected, rel=1e-2, abs=1e-3), row


def test_state_at_date_agrees_with_the_naive_way(quick: dict):
    rows = [r for r in quick["results"] if r["name"] == "state_at_date"]
    assert rows and all(r["params"]["agree"] for r in rows)


def test_targets_listed_with_a_verdict_or_not_measured(quick: dict):
    from bench.report import TARGETS

    assert [t["target"] for t in quick["targets"]] == [t.text for t in TARGETS]
    assert any("key step" in t.text for t in TARGETS)
    for target in quick["targets"]:
        assert target["met"] in (True, False, None)
        assert (target["met"] is None) == (target["measured"] is None)


def test_synthetic_folder_loads_with_the_real_loader(tmp_path: Path):
    folder = generate(tmp_path, places=40, events=2_000, seed=3)
    raw = pd.read_csv(
        next((folder / "events").glob("events-*.csv")), dtype=str, keep_default_na=False
    )
    assert list(raw.columns) == list(EVENT_COLUMNS)
    assert (raw["source_title"] != "").all()
    control = raw[raw["controller"] != ""]
    assert len(control) > 100 and (control["confidence"] != "").all()
    data = load_dataset(folder)
    assert len(data.events) == 2_000 and len(data.places) == 40


def test_generator_is_seeded(tmp_path: Path):
    a = generate(tmp_path / "a", places=10, events=300, seed=5)
    b = generate(tmp_path / "b", places=10, events=300, seed=5)
    assert (a / "events" / "events-001.csv").read_bytes() == (
        b / "events" / "events-001.csv"
    ).read_bytes()
    assert Spec(10, 300).name != Spec(10, 301).name


def test_quick_build_benchmarks_run_ours_and_the_baseline(tmp_path):
    out = tmp_path / "quick-builds.json"
    cmd = [sys.executable, "-m", "bench", "--quick", "--only", ",".join(sorted(SPAWNING))]
    done = subprocess.run([*cmd, "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert sorted(r["name"] for r in rows) == ["map_build", "map_build", "upload_budget"]
    for row in rows:
        assert row["ours_ms"] > 0 and row["baseline_ms"] > 0, row
    build = [r for r in rows if r["name"] == "map_build"]
    assert build[0]["params"]["growth"] == 1.0 and build[1]["params"]["places_ratio"] == 4.0
