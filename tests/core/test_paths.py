"""Where Frontline's files are: the state folder's defaults and fallbacks, and its bound."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dashboard.core import paths


def test_the_operator_named_folder_is_used_and_created_private(tmp_path):
    folder = paths.state_dir({paths.STATE_DIR_ENV: str(tmp_path / "a" / "b")})
    assert folder == tmp_path / "a" / "b" and folder.is_dir()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_an_unusable_named_folder_is_an_error_not_a_silent_elsewhere(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        paths.state_dir({paths.STATE_DIR_ENV: str(blocker / "state")})


def test_an_unusable_default_falls_back_to_the_temporary_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    folder = paths.state_dir({"XDG_CACHE_HOME": str(blocker)})
    assert folder == Path(tempfile.gettempdir()) / f"frontline-{os.getuid()}"


def test_trim_keeps_the_newest_and_the_kept_files(tmp_path):
    for age, name in enumerate(["a", "b", "c", "d"]):
        path = tmp_path / "maps" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * 1000)
        os.utime(path, (age, age))
    keep = frozenset({tmp_path / "maps" / "a"})
    freed = paths.trim_state_dir(tmp_path, 2000, keep=keep)
    assert freed == 2000
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["a", "d"]


def test_the_bound_defaults_to_200_mb():
    assert paths.state_max_bytes({}) == 200 * 2**20


def test_a_checkout_uses_its_own_data():
    assert paths.bundled_data_dir() == Path(__file__).resolve().parents[2] / "data"


def test_a_bad_bound_is_a_usage_error():
    from dashboard.core.errors import UsageError

    with pytest.raises(UsageError, match="FRONTLINE_STATE_MAX_MB"):
        paths.state_max_bytes({paths.STATE_MAX_MB_ENV: "lots"})
