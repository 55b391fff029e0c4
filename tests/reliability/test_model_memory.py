"""Upload sessions must not hold their models forever (issue 22: 20 ended sessions took
the server from 203 to 447 MB, because every folder's last good model was never evicted)."""

from __future__ import annotations

import gc
import shutil

import pytest

from dashboard.core.registry import ModelRegistry
from dashboard.ui import data, upload
from tests.support.paths import TINY

UPLOADS = 20


@pytest.fixture
def registry(monkeypatch):
    fresh = ModelRegistry(data.MAX_MODELS)
    monkeypatch.setattr(data, "REGISTRY", fresh)
    return fresh


def upload_folder(root, n):
    """A folder like an upload session's: the tiny events, one row edited so each differs."""
    folder = root / f"upload-{n}"
    shutil.copytree(TINY, folder)
    events = folder / "events" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n" * n, encoding="utf-8")
    return folder


def test_the_cache_never_exceeds_its_cap_after_20_distinct_uploads(registry, tmp_path):
    sizes = []
    for n in range(UPLOADS):
        model, problems, stale = data.get_model(upload_folder(tmp_path, n))
        assert model is not None and problems == [] and not stale
        sizes.append(len(registry))
    assert max(sizes) == data.MAX_MODELS  # it filled up, and never went past the cap
    assert len(registry.folders()) <= data.MAX_MODELS


def test_the_last_good_model_still_serves_a_folder_that_became_invalid(registry, tmp_path):
    folder = upload_folder(tmp_path, 0)
    good, _, _ = data.get_model(folder)
    (folder / "events" / "events.csv").write_text("not,a,header\n", encoding="utf-8")
    kept, problems, stale = data.get_model(folder)
    assert kept is good and stale and problems


def test_an_ended_session_frees_its_models(registry):
    holder = upload.session_scratch()
    folder = holder.path
    shutil.copytree(TINY / "events", folder / "events")
    model, _, _ = data.get_model(folder)
    assert model is not None and str(folder) in registry.folders()
    del holder, model  # the session state is dropped when the browser session ends
    gc.collect()
    assert str(folder) not in registry.folders()
    assert len(registry) == 0
    assert not folder.exists()
