"""The in-process model registry of dashboard/ui/data.py under concurrent sessions (threads)."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.core.model import Model
from dashboard.core.registry import ModelRegistry
from dashboard.ui import data
from tests.support.paths import TINY

THREADS = 16
ROUNDS = 400


@pytest.fixture
def fresh_registry(monkeypatch):
    monkeypatch.setattr(data, "REGISTRY", ModelRegistry(64))
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    yield
    sys.setswitchinterval(old)


def test_remember_and_lookup_race_without_errors(fresh_registry):
    model = Model.load(TINY)
    others = [Model.load(TINY) for _ in range(8)]  # distinct objects: keys get evicted
    barrier = threading.Barrier(THREADS)

    def session(n: int) -> list[str]:
        barrier.wait()
        errors = []
        for i in range(ROUNDS):
            try:
                key = (f"/folder/{n}/{i % 97}", ((str(i), i, i),))
                data._remember(key, others[(n + i) % len(others)])
                data.model_key(model)
            except Exception as err:  # noqa: BLE001 - count every failure
                errors.append(f"{type(err).__name__}: {err}")
        return errors

    with ThreadPoolExecutor(THREADS) as pool:
        errors = [e for found in pool.map(session, range(THREADS)) for e in found]
    assert errors == []
    assert len(data.REGISTRY) <= 64
