"""Issue 22: an upload whose file name has an emoji (or quotes, backslashes, newlines) gets a
dataset.toml that TOML reads back: written by a TOML writer, not by json.dumps."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import read_info
from dashboard.core.ingest import scratch

NAMES = ["front 🗺️.csv", 'quote " and \\ back.csv', "two\nlines\t.csv", "طرابلس.csv"]


@pytest.mark.parametrize("name", NAMES)
def test_the_uploads_title_round_trips(tmp_path, name):
    scratch.write_events(tmp_path, b"event_id\n", title=f"Upload: {name}")
    assert read_info(tmp_path).title == f"Upload: {name}"
