"""The shape of the package: no import cycles, a pure core, small modules.

Imports are read with ``ast`` from every module of ``dashboard/``, including imports
inside functions, so a cycle cannot hide behind a deferred import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "dashboard"
UI_LIBRARIES = ("streamlit", "folium", "streamlit_folium", "altair", "branca")
MAX_LINES = 300


def module_name(path: Path) -> str:
    """``dashboard/core/io/load.py`` -> ``dashboard.core.io.load`` (packages without __init__)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_in(source: str, package: str) -> set[str]:
    """Every module name an ``import`` or ``from ... import`` in ``source`` may refer to
    (relative imports resolved against ``package``), wherever the statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def imported_names(path: Path) -> set[str]:
    """:func:`imports_in` of one module file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def import_graph() -> dict[str, set[str]]:
    """Module -> the dashboard modules it imports (anywhere in the file)."""
    return {
        m: {t for t in imported_names(p) if t in MODULES and t != m} for m, p in MODULES.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_reader_sees_imports_inside_functions():
    source = "def f():\n    from dashboard.core import model\n    from . import csvread\n"
    found = imports_in(source, "dashboard.core.io")
    assert {"dashboard.core.model", "dashboard.core.io.csvread"} <= found


def test_no_import_cycles_in_dashboard():
    graph = import_graph()
    assert len(graph) > 40  # every module was read
    assert find_cycle(graph) is None


def test_core_never_imports_a_ui_library():
    offenders = [
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if name.startswith("dashboard.core")
        for target in imported_names(path)
        if target.split(".")[0] in UI_LIBRARIES
        or target.startswith(("dashboard.ui", "dashboard.cli"))
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_ui_library():
    core = sorted(m for m in MODULES if m.startswith("dashboard.core"))
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "importlib.import_module('dashboard.cli')\n"
        f"print(','.join(m for m in {UI_LIBRARIES!r} if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.strip() == ""


def test_no_private_name_is_imported_across_modules():
    offenders = [
        f"{name} imports {node.module}.{alias.name}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dashboard")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert offenders == []


def test_every_core_module_declares_its_public_names_at_the_top():
    """``__all__`` before the first function or class, and naming only what exists."""
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith("dashboard.core"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        first_def = next(
            (n.lineno for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)),
            10**9,
        )
        declared = [
            n
            for n in tree.body
            if isinstance(n, ast.Assign | ast.AnnAssign)
            and any(
                isinstance(t, ast.Name) and t.id == "__all__"
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            )
        ]
        if not declared or declared[0].lineno > first_def:
            offenders.append(name)
    assert offenders == []


SIZED = ("dashboard", "tools", "bench", "tests")
"""The folders the 300-line rule covers, for Python and JavaScript files."""


def sized_files() -> list[Path]:
    """Every file the 300-line rule covers."""
    return sorted(
        p
        for folder in SIZED
        for pattern in ("*.py", "*.js")
        for p in (ROOT / folder).rglob(pattern)
        if "node_modules" not in p.parts
    )


def test_the_size_rule_sees_python_and_javascript():
    names = {p.relative_to(ROOT).as_posix() for p in sized_files()}
    assert {"dashboard/ui/map/js/runs.js", "dashboard/ui/map/elements.py"} <= names
    assert {"tests/conftest.py", "bench/__main__.py", "tools/check_data.py"} <= names


def test_no_source_file_is_longer_than_300_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in sized_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
