"""Fixtures shared by every test folder (fixtures only: helpers live in tests/support).

The ledger fixtures run a test against SQLite and against a throwaway PostgreSQL server.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from dashboard.core.ledger import DB_URL_ENV, store
from dashboard.core.ledger.read import LedgerDB, open_ledger
from tests.support.builders import own_dataset_id
from tests.support.paths import BUNDLED, TINY
from tests.support.pgserver import throwaway_cluster

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def tiny_dir() -> Path:
    """A three-place synthetic data folder with known answers (tests/data/tiny)."""
    return TINY


@pytest.fixture
def bundled_dir() -> Path:
    """The bundled Libya 2019-2020 data folder."""
    return BUNDLED


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL cluster started for this test session and removed after it."""
    with throwaway_cluster() as url:
        yield url
        store.dispose_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, monkeypatch) -> str:
    """The ledger database: the data folder's SQLite file, or the PostgreSQL server."""
    if request.param == "postgresql":
        monkeypatch.setenv(DB_URL_ENV, request.getfixturevalue("postgres_url"))
    else:
        monkeypatch.delenv(DB_URL_ENV, raising=False)
    return str(request.param)


@pytest.fixture
def folder(tmp_path, backend) -> Path:
    """A writable copy of the tiny dataset (a fresh ledger on either backend: its own id)."""
    target = tmp_path / "data"
    shutil.copytree(TINY, target)
    own_dataset_id(target)
    return target


@pytest.fixture
def db(folder) -> LedgerDB:
    """The ledger of :func:`folder`."""
    return open_ledger(folder)
