"""A fresh virtual environment holding the built wheel and only its declared dependencies.

Why not ``pip install`` from the package index: the tests make no outside request and a
full download takes minutes. Why not ``--system-site-packages``: it would hide a missing
dependency. Instead the new environment gets the wheel (``pip install --no-deps``) and a
link to each distribution of its dependency *closure*, read from the wheel's
``Requires-Dist`` (markers and extras evaluated) and resolved in the environment running
the tests: an import of anything the wheel does not declare, directly or through its
dependencies, fails there. ``pip check`` then checks the declared version ranges.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIP = [sys.executable, "-m", "pip"]


NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "test-results",
    "static",
    "ledger.sqlite*",
    "results",
)
"""What a build must not see: run-time and build leftovers of a working checkout (a stale
``build/lib`` would put deleted modules back into the wheel)."""


def build_wheel(out: Path) -> Path:
    """``pip wheel`` of a clean copy of the checkout, offline (no build isolation:
    setuptools from this environment); the checkout itself gets no build/ or egg-info."""
    source = out / "src"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    subprocess.run(
        [*PIP, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)],
        check=True,
        cwd=source,
    )
    (wheel,) = out.glob("frontline-*.whl")
    return wheel


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """The ``Requires-Dist`` lines of the wheel's METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(name).decode("utf-8")
    lines = re.findall(r"^Requires-Dist: (.+)$", text, flags=re.MULTILINE)
    return [Requirement(line) for line in lines]


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every distribution the requirements need, transitively, as installed here."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(req, frozenset[str]()) for req in requirements]
    while todo:
        req, extras = todo.pop()
        env = [{"extra": e} for e in extras] or [{"extra": ""}]
        if req.marker is not None and not any(req.marker.evaluate(e) for e in env):
            continue
        key = canonicalize_name(req.name)
        dist = metadata.distribution(req.name)  # PackageNotFoundError: not installed here
        extra_key = f"{key}[{','.join(sorted(req.extras))}]"
        if extra_key in found:
            continue
        found[extra_key] = dist
        found.setdefault(key, dist)
        wanted = frozenset(req.extras)
        todo += [(Requirement(line), wanted) for line in dist.requires or []]
    return {canonicalize_name(d.metadata["Name"]): d for d in found.values()}


def top_level_entries(dist: metadata.Distribution) -> set[str]:
    """The first path parts of a distribution's files inside site-packages."""
    entries = set()
    for file in dist.files or []:
        parts = Path(str(file)).parts
        if parts and parts[0] != ".." and not parts[0].endswith(".pth"):
            entries.add(parts[0])
    return entries


def make_venv(folder: Path, wheel: Path) -> Path:
    """A venv in ``folder`` with the wheel and links to its dependency closure; its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    here = Path(sysconfig.get_paths()["purelib"])
    there = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    for dist in closure(wheel_requirements(wheel)).values():
        base = Path(str(dist.locate_file("")))
        for entry in top_level_entries(dist):
            source, target = base / entry, there / entry
            if source.exists() and not target.exists():
                target.symlink_to(source)
    assert here != there
    quiet = ["-q", "--disable-pip-version-check", "--no-index", "--no-input"]
    subprocess.run(
        [*PIP, "--python", str(python), "install", *quiet, "--no-deps", str(wheel)], check=True
    )
    return python


def pip_check(python: Path) -> subprocess.CompletedProcess[str]:
    """``pip check`` of the venv: every installed distribution's requirements are met."""
    return subprocess.run(
        [*PIP, "--python", str(python), "check"], capture_output=True, text=True, check=False
    )


def tree_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time (ns)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_dir()
    }
