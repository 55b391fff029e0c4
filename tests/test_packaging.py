"""pyproject.toml is the one list of dependencies: requirements.txt says the same, and every
library the dashboard package imports is declared there (the wheel test in tests/package
then proves the declared set is enough, in a fresh environment)."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DEPENDENCIES = PYPROJECT["project"]["dependencies"]


def requirement_lines(name: str) -> list[str]:
    """The requirement lines of a requirements file (no comments, no -r includes)."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and line[0] not in "#-"]


def top_level_imports() -> set[str]:
    """First names of every absolute import anywhere in dashboard/ (in functions too)."""
    names: set[str] = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_requirements_txt_is_the_pyproject_list():
    assert requirement_lines("requirements.txt") == DEPENDENCIES


def test_dev_requirements_do_not_repeat_runtime_ones():
    runtime = {canonicalize_name(Requirement(d).name) for d in DEPENDENCIES}
    dev = {
        canonicalize_name(Requirement(d).name) for d in requirement_lines("requirements-dev.txt")
    }
    assert not runtime & dev
    assert "streamlit-folium" in dev  # only bench/ imports it


def test_every_imported_library_is_declared():
    declared = {canonicalize_name(Requirement(d).name) for d in DEPENDENCIES}
    providers = metadata.packages_distributions()
    third_party = top_level_imports() - set(sys.stdlib_module_names) - {"dashboard"}
    undeclared = {
        name: providers.get(name)
        for name in third_party
        if not declared & {canonicalize_name(d) for d in providers.get(name, [])}
    }
    assert not undeclared, f"imported but not in pyproject dependencies: {undeclared}"


def test_the_console_script_is_the_cli():
    assert PYPROJECT["project"]["scripts"] == {"frontline": "dashboard.cli:main"}
