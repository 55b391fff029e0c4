"""Rewrite the module index of docs/architecture.md from the modules' own docstrings.

``python -m tools.module_index`` replaces the text between the two index markers with one
table row per module of ``dashboard/`` (its path and the first sentence of its docstring,
or of its leading comment for JavaScript). tests/test_docs.py fails when a module is
missing from the document, so a new module means: write its docstring, run this.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
DOC = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- module index: python -m tools.module_index -->"
END = "<!-- end of module index -->"


def first_sentence(text: str) -> str:
    """The first sentence of a docstring or comment, on one line, pipes escaped."""
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.:;])(\s|$)", flat)
    return (match.group(1) if match else flat).rstrip(":;").replace("|", "\\|")


def summary(path: Path) -> str:
    """What a module says it is: its docstring (Python) or leading comment (JavaScript)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        doc = ast.get_docstring(ast.parse(text)) or ""
    else:
        found = re.match(r"\s*/\*+(.*?)\*/", text, re.S) or re.match(r"\s*((?://[^\n]*\n)+)", text)
        doc = re.sub(r"^\s*(//|\*)", "", found.group(1), flags=re.M) if found else ""
    return first_sentence(doc) if doc.strip() else "(no docstring)"


def listed(path: Path) -> bool:
    """Every module but an ``__init__.py`` that only marks a package."""
    return path.name != "__init__.py" or path.read_text(encoding="utf-8").count("\n") > 5


def index_rows() -> list[str]:
    """One Markdown table row per module, sorted by path."""
    paths = sorted(p for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js")] if listed(p))
    rows = ["| module | what it is |", "|---|---|"]
    rows += [f"| `{p.relative_to(PACKAGE)}` | {summary(p)} |" for p in paths]
    return rows


def rewrite(doc: str) -> str:
    """``doc`` with its module index replaced (appended, with markers, if absent)."""
    block = "\n".join([BEGIN, *index_rows(), END])
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        return head + block + rest.split(END, 1)[1]
    return doc.rstrip("\n") + "\n\n## Module index\n\n" + block + "\n"


def main() -> int:
    DOC.write_text(rewrite(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
