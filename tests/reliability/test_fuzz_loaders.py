"""Fuzz the loaders: any bytes, any CSV-ish text -> data or DataError, never another exception.

Two generators: raw bytes (binary junk, broken UTF-8, NULs, JSON-ish) and a grammar of the
real event columns whose values mix valid, borderline and hostile text. Every result goes
through the same path as the app: csvread -> validate_events -> (whole folder) Model.load.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.core.errors import DataError
from dashboard.core.io.csvread import decode_csv_bytes, read_csv_text
from dashboard.core.io.gazetteer import Gazetteer
from dashboard.core.io.validate import validate_events
from dashboard.core.model import Model
from dashboard.core.schema import EVENT_COLUMNS

GAZETTEER = Gazetteer()
GAZETTEER.add("Tripoli", 32.88743, 13.18733, ["Tarabulus"])
GAZETTEER.add("Gharyan", 32.17222, 13.02028)


def load_bytes(raw: bytes) -> pd.DataFrame | None:
    """The app's path for one event file; None when the input is rejected with DataError."""
    try:
        frame = read_csv_text(decode_csv_bytes(raw, "fuzz.csv"), "fuzz.csv")
        typed, warnings = validate_events(frame, "fuzz.csv", GAZETTEER)
    except DataError as err:
        assert err.problems, "a DataError must carry at least one problem"
        assert all(str(p).startswith("fuzz.csv") for p in err.problems)
        return None
    assert list(typed.columns[: len(EVENT_COLUMNS)]) == list(EVENT_COLUMNS)
    assert typed["date"].notna().all() and typed["lat"].between(-90, 90).all()
    assert all(str(w).startswith("fuzz.csv") for w in warnings)
    return typed


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf")
@example(b'"')
@example(b"event_id,date,place,source_title\n\x00")
@example(b"\r\r\r")
@example(b"event_id,date,place,source_title\r1,2020-01-01,Tripoli,s\r")
def test_any_bytes_give_data_or_a_data_error(raw):
    load_bytes(raw)


@given(st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"{"]))
def test_prefixed_bytes_after_a_real_header(raw, prefix):
    header = ",".join(EVENT_COLUMNS).encode()
    load_bytes(prefix + header + b"\n" + raw)


# --- a grammar of the event table ------------------------------------------------------

DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2020-02-30", "2020-13-01", "0000-01-01", "9999-12-31", "1677-09-21"]),
    st.sampled_from(["2020-1-1", "01/02/2020", "2020-01-01T00:00", " 2020-01-01 ", ""]),
)
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-400, 400).map(str),
    st.sampled_from(["", "nan", "-inf", "1e400", "0x10", "1,5", "32.9N", "١٢", " 13 "]),
)
NAMES = st.sampled_from(["Tripoli", "tarabulus", "Gharyan", "Nowhere", "", " ", "الزاوية"])
FACTIONS = st.sampled_from(["A", "B", "neutral", "unknown", "", "A ", "<b>", "Ж"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
VALUES: dict[str, st.SearchStrategy[str]] = {
    "event_id": st.one_of(st.sampled_from(["E1", "E2", "E3", ""]), TEXT),
    "date": DATES,
    "place": st.one_of(NAMES, TEXT),
    "lat": NUMBERS,
    "lon": NUMBERS,
    "controller": FACTIONS,
    "previous_controller": FACTIONS,
    "date_precision": st.sampled_from(["day", "WEEK", "month", "", "year"]),
    "event_type": st.one_of(st.just("capture"), TEXT),
    "confidence": st.sampled_from(["confirmed", "Claimed", "disputed", "", "maybe"]),
    "source_title": st.one_of(st.just("S"), TEXT),
    "source_publisher": TEXT,
    "source_date": DATES,
    "source_url": st.sampled_from(["https://e.org/x", "javascript:alert(1)", "", "ftp://x"]),
    "notes": st.one_of(TEXT, st.just("x" * 10_001)),
}
COLUMNS = st.lists(
    st.sampled_from([*EVENT_COLUMNS, "Date", "EXTRA", "", "_line", "date"]), max_size=18
)


@st.composite
def event_tables(draw: st.DrawFn) -> str:
    """CSV text: a header drawn from the real columns, rows drawn per column, mixed quoting."""
    core = ["event_id", "date", "place", "lat", "lon", "source_title"]
    header = draw(st.one_of(st.just([*EVENT_COLUMNS]), st.just(core), COLUMNS))
    n_rows = draw(st.integers(0, 6))
    rows = [[draw(VALUES.get(col.strip().lower(), TEXT)) for col in header] for _ in range(n_rows)]
    if draw(st.booleans()):
        out = io.StringIO()
        csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
            [header, *rows]
        )
        return out.getvalue()
    return "\n".join(",".join(cells) for cells in [header, *rows])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(event_tables())
def test_csv_like_text_gives_data_or_a_data_error(text):
    load_bytes(text.encode("utf-8", "surrogatepass"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A scratch data folder reused by the whole-folder fuzz test."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "events").mkdir()
    return root


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(event_tables(), st.sampled_from(["", "faction,color\nA,#112233\n", "faction\nunknown\n"]))
def test_whole_folder_loads_or_gives_a_data_error(folder, text, factions):
    (folder / "events" / "events.csv").write_text(text, encoding="utf-8")
    (folder / "events" / "factions.csv").write_text(factions, encoding="utf-8")
    try:
        model = Model.load(folder)
    except DataError as err:
        assert err.problems
        return
    first, last = model.span()
    assert len(model.state(last)) == len(model.data.places)
    assert len(model.state(first)) == len(model.data.places)
