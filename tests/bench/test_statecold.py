"""bench/statecold.py: the cold ``state`` command beside a plain read and today's tree (no timing asserts)."""

from __future__ import annotations

from pathlib import Path

from bench.datasets import Workspace
from bench.statecold import state_cold
from bench.synth import Spec


def test_state_cold_times_four_commands_and_compares_with_today(tmp_path: Path):
    ws = Workspace(tmp_path)
    row = state_cold(ws, Spec(places=30, events=300), repeat=1)
    samples = row["params"]["samples_ms"]
    assert set(samples) == {"ours", "naive_read", "today", "naive_answer"}
    assert all(len(v) == 1 and v[0] > 0 for v in samples.values())
    assert row["ours_ms"] == samples["ours"][0] and row["baseline_ms"] == samples["naive_read"][0]
    assert row["over_naive_read"] == round(row["ours_ms"] / row["baseline_ms"], 2)
    assert row["params"]["same_output_as_today"] is True
