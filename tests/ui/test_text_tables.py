"""``st.table`` renders every cell as Markdown: tables of data text go through md_table."""

from __future__ import annotations

import ast

import pandas as pd
import pytest

from dashboard.ui.text import md_table, plain
from tests.support.markdown import read, tags
from tests.support.paths import ROOT
from tests.ui.test_text import PAYLOADS


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_cell_index_value_and_column_name_renders_as_its_text(payload):
    frame = pd.DataFrame({"by": [payload], payload: ["x"], "n": [3]}, index=[payload])
    frame.index.name = payload
    shown = md_table(frame)
    texts = [shown.iloc[0, 0], shown.columns[1], shown.index[0], shown.index.name]
    for cell in texts:
        assert tags(cell) <= {"p"}, cell
        assert read(cell) == " ".join(plain(payload).split())
    assert shown.iloc[0, 2] == 3  # numbers stay numbers


def st_table_arguments() -> list[tuple[str, str]]:
    """(file, first argument's source) of every ``st.table(...)`` call in the UI."""
    found = []
    for path in sorted((ROOT / "dashboard" / "ui").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if call and node.func.attr == "table" and ast.unparse(node.func.value) == "st":
                found.append((path.name, ast.unparse(node.args[0]) if node.args else ""))
    return found


def test_every_st_table_call_renders_its_frame_with_md_table():
    calls = st_table_arguments()
    assert calls, "the History tab and the place panel use st.table"
    assert [c for c in calls if not c[1].startswith("md_table(")] == []
