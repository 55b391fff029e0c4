"""The docs stay beside the code: every module is in docs/architecture.md, every command
in docs/cli.md, every link between the docs resolves, and the README stays short."""

from __future__ import annotations

import argparse
import re

import pytest

from dashboard.cli import build_parser
from tests.support.paths import ROOT

DOCS = ROOT / "docs"
README_MAX_LINES = 250


def modules() -> list[str]:
    """Every Python and JavaScript module of the package, as ``core/io/load.py``."""
    package = ROOT / "dashboard"
    found = [*package.rglob("*.py"), *package.rglob("*.js")]
    return sorted(
        str(p.relative_to(package))
        for p in found
        if p.name != "__init__.py" or p.read_text(encoding="utf-8").count("\n") > 5
    )


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    """Every leaf command of the CLI, nested ones included: ``user add``, ``state``."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [prefix.strip()]
    return [
        name
        for action in subs
        for word, child in action.choices.items()
        for name in commands(child, f"{prefix} {word}")
    ]


def test_every_module_is_in_the_architecture_doc():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    missing = [m for m in modules() if f"`{m}`" not in text]
    assert missing == [], "add these to docs/architecture.md's module index"


def test_every_command_is_in_the_cli_doc():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    found = commands(build_parser())
    assert len(found) > 10  # the walk found the nested commands, not just the top
    missing = [c for c in found if not re.search(rf"python -m dashboard {re.escape(c)}\b", text)]
    assert missing == [], "document these in docs/cli.md"


@pytest.mark.parametrize("page", ["README.md", *(f"docs/{p.name}" for p in DOCS.glob("*.md"))])
def test_relative_links_resolve(page):
    path = ROOT / page
    targets = re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8"))
    broken = [t for t in targets if not (path.parent / t).exists()]
    assert broken == []


def test_the_readme_is_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES
