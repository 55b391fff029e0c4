"""Ledger fixtures: every test runs against SQLite and against a real PostgreSQL server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.core.ledger import DB_URL_ENV, store
from dashboard.core.ledger.read import LedgerDB, open_ledger
from tests.conftest import TINY
from tests.ledger.pgserver import throwaway_cluster


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
    """A writable copy of the tiny dataset (a fresh ledger on either backend)."""
    target = tmp_path / "data"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture
def db(folder) -> LedgerDB:
    """The ledger of :func:`folder`."""
    return open_ledger(folder)
