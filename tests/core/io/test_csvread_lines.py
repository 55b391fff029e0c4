"""Each row's ``_line`` is the file line it starts on, whether or not a quoted field holds
a line break (the count over the whole text decides whether fields are counted one by one)."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.io.csvread import read_csv_text

CELL = st.text(alphabet='ab ,"\n', max_size=6)
ROW = st.lists(CELL, min_size=3, max_size=3)


def written(rows: list[list[str] | None], header_break: bool, end: bool) -> tuple[str, list[int]]:
    """CSV text of ``rows`` (None: a blank line) and the line each non-blank row starts on."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["a\nx" if header_break else "a", "b", "c"])
    starts = []
    for row in rows:
        line = out.getvalue().count("\n") + 1
        if row is None:
            out.write("\n")
            continue
        writer.writerow(row)
        if any(row):
            starts.append(line)
    text = out.getvalue()
    return (text if end else text[:-1]), starts


@given(
    st.lists(st.one_of(st.none(), ROW), min_size=1, max_size=12),
    st.booleans(),
    st.booleans(),
)
def test_row_lines_with_and_without_breaks_in_fields(rows, header_break, end):
    text, starts = written(rows, header_break, end)
    if not text.strip() or not end and text.endswith("\n"):
        return  # the last line was blank: nothing left to tell apart
    frame = read_csv_text(text, "t.csv")
    kept = frame[(frame[["a\nx" if header_break else "a", "b", "c"]] != "").any(axis=1)]
    assert kept["_line"].tolist() == starts[: len(kept)]
    assert len(kept) == len(starts)
