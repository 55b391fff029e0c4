"""docs/install.md: its Python examples run (doctest) and its settings table lists every
setting the launcher has, each with its flag and its environment variable."""

from __future__ import annotations

import doctest
import re

from dashboard import launch
from tests.support.paths import ROOT

DOC = ROOT / "docs" / "install.md"


def test_the_api_examples_run():
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


def test_the_settings_table_has_every_flag_and_variable():
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    table = "\n".join(rows)
    flags = [f"--{dest.replace('_', '-')}" for dest in launch.ENV_FLAGS]
    flags += ["--host", "--port", "--max-upload-mb"]
    names = [env for env, _ in launch.ENV_FLAGS.values()]
    names += [launch.HOST_ENV, launch.PORT_ENV, launch.UPLOAD_ENV]
    for flag, name in zip(flags, names, strict=True):
        assert re.search(rf"`{flag}` \| `{name}`", table), (flag, name)
