"""ACLED import of the hand-made sample (every quirk) and its round trip through the loader."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

import dashboard.core.ingest.acled.convert as acled
from dashboard.core.export.neutralise import csv_text
from dashboard.core.ingest.acled.convert import import_acled_bytes, import_acled_file
from dashboard.core.ingest.acled.factionmap import read_faction_map
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.model import Model
from dashboard.core.schema import EVENT_COLUMNS
from tests.support.acled_fake import event
from tests.support.paths import BUNDLED, ROOT

ACLED_DATA = ROOT / "tests" / "data" / "acled"
SAMPLE = ACLED_DATA / "sample.csv"
OLD = ACLED_DATA / "old_format.csv"
LIBYA = read_faction_map(BUNDLED / "acled" / "factions.csv")
"""The bundled dataset's actor map (named by data/dataset.toml)."""


@pytest.fixture(scope="module")
def sample():
    """The hand-made sample imported with the bundled gazetteer."""
    gazetteer = load_gazetteer(BUNDLED / "geo" / "places.csv")
    return import_acled_file(SAMPLE, LIBYA, gazetteer)


def folder_with(tmp_path: Path, events_csv: str) -> Path:
    """A data folder holding one event table and the bundled factions.csv."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "events.csv").write_text(events_csv, encoding="utf-8")
    shutil.copy(BUNDLED / "events" / "factions.csv", tmp_path / "events" / "factions.csv")
    return tmp_path


# --- the sample ---------------------------------------------------------------------------------


def test_sample_counts(sample):
    assert sample.counts == {
        "rows_read": 23,
        "merged_rows": 4,
        "superseded_rows": 0,
        "events": 11,
        "control_changes": 8,
        "context_events": 3,
        "review_rows": 9,
    }


def test_output_has_canonical_columns_first_in_order(sample):
    assert tuple(sample.events.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS
    assert {"geo_precision", "actor1", "actor2", "acled_location"} <= set(sample.events.columns)


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("LBY1001", "2019-04-04"),
        ("LBY1002", "2019-04-05"),
        ("LBY1003", "2020-06-04"),
        ("LBY1012", "2020-06-01"),
    ],
)
def test_three_date_formats_per_row(sample, event_id, date):
    assert event(sample, event_id)["date"] == date
    assert event(sample, event_id)["source_date"] == date


@pytest.mark.parametrize(
    ("event_id", "controller", "previous", "precision", "kind"),
    [
        ("LBY1001", "LNA", "", "month", "handover"),
        ("LBY1005", "GNA", "LNA", "day", "capture"),
        ("LBY1007", "GNA", "", "day", "capture"),
        ("LBY1015", "GNA", "", "week", "capture"),
        ("LBY1016", "LNA", "", "day", "handover"),
    ],
)
def test_control_changes(sample, event_id, controller, previous, precision, kind):
    row = event(sample, event_id)
    assert (row["controller"], row["previous_controller"]) == (controller, previous)
    assert (row["date_precision"], row["event_type"], row["confidence"]) == (
        precision,
        kind,
        "confirmed",
    )


def test_context_events_have_no_controller(sample):
    for event_id, kind in (("LBY1002", "clash"), ("LBY1011", "clash"), ("LBY1017", "report")):
        row = event(sample, event_id)
        assert (row["controller"], row["confidence"], row["event_type"]) == ("", "", kind)


def test_monadic_rows_merge_and_the_winner_comes_from_actor_types(sample):
    row = event(sample, "LBY1003")  # militia row first in the file, state forces second
    assert row["controller"] == "GNA"
    assert row["actor1"].endswith("Government of National Accord")
    assert row["actor2"] == "Kaniyat Militia"


def test_monadic_context_rows_merge_with_both_actors(sample):
    row = event(sample, "LBY1011")
    assert (row["actor1"], row["actor2"]) == ("Misrata Communal Militia (Libya)", "Kaniyat Militia")


def test_sources_notes_and_geo_precision(sample):
    row = event(sample, "LBY1005")
    assert row["source_title"] == "Libya Observer — Battles: Government regains territory"
    assert row["source_publisher"] == "ACLED; Libya Observer"
    assert row["source_url"] == ""
    assert row["notes"] == "Synthetic: GNA forces retake Gharyan."
    assert row["geo_precision"] == "1"
    assert (row["lat"], row["lon"]) == ("32.1722", "13.0203")


def test_gazetteer_names_places_and_keeps_the_acled_name(sample):
    row = event(sample, "LBY1004")
    assert (row["place"], row["acled_location"]) == ("al-Watiya air base", "Al Watiya Airbase")
    assert event(sample, "LBY1012")["place"] == "al-Asabaa"
    plain = import_acled_file(SAMPLE, LIBYA)
    assert event(plain, "LBY1004")["place"] == "Al Watiya Airbase"


@pytest.mark.parametrize(
    ("event_id", "reason"),
    [
        ("LBY1006", "'Gharyan' is already held by GNA since ACLED change LBY1005 on 2019-06-26"),
        ("LBY1008", "actor1 'Unidentified Armed Group (Libya)' matches no faction pattern"),
        ("LBY1009", "missing or invalid latitude/longitude ('', '')"),
        ("LBY1010", "bad event_date '2020/13/45'"),
        ("LBY1013", "which is actor2 'Kaniyat Militia', not actor1"),
        ("LBY1014", "monadic rows name actors of several factions"),
        ("LBY1020", "several factions take 'Zawiya' on 2019-04-08 (GNA, LNA)"),
        ("LBY1021", "several factions take 'Zawiya' on 2019-04-08 (GNA, LNA)"),
    ],
)
def test_review_rows_name_their_reason(sample, event_id, reason):
    rows = sample.review[sample.review["event_id_cnty"] == event_id]
    assert len(rows) >= 1 and all(reason in r for r in rows["reason"])
    assert event_id not in set(sample.events["event_id"])


def test_review_keeps_original_columns_and_every_monadic_row(sample):
    assert list(sample.review.columns) == [*acled.ACLED_COLUMNS, "reason"]
    assert (sample.review["event_id_cnty"] == "LBY1014").sum() == 2
    assert set(sample.review.loc[sample.review["event_id_cnty"] == "LBY1010", "event_date"]) == {
        "2020/13/45"
    }


def test_converted_data_keeps_its_text_and_its_export_is_neutralised(sample):
    rows = list(csv.DictReader(io.StringIO(sample.events_csv())))
    protest = next(r for r in rows if r["event_id"] == "LBY1017")
    assert protest["notes"].startswith("=HYPERLINK(")  # data: exact text
    assert protest["source_title"].startswith("@newswire")
    assert all(not r["lat"].startswith("'") for r in rows)
    exported = list(csv.DictReader(io.StringIO(csv_text(sample.events))))
    assert next(r for r in exported if r["event_id"] == "LBY1017")["notes"].startswith("'=")


def test_old_export_layout_imports(sample):
    result = import_acled_file(OLD, LIBYA)
    assert result.counts["events"] == 4 and result.counts["review_rows"] == 0
    assert list(result.events["controller"]) == ["LNA", "GNA", "GNA", ""]
    assert "data_id" not in result.events.columns


def test_bytes_entry_point_matches_the_file_one():
    from_bytes = import_acled_bytes(SAMPLE.read_bytes(), "upload.csv", LIBYA)
    from_file = import_acled_file(SAMPLE, LIBYA)
    pd.testing.assert_frame_equal(from_bytes.events, from_file.events)
    assert from_bytes.events_bytes().startswith(b"event_id,date,place,lat,lon,controller")
    assert b"reason" in from_bytes.review_bytes().splitlines()[0]


# --- round trip through the loader --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "place", "controller", "since"),
    [
        ("2019-04-03", "Gharyan", "unknown", None),
        ("2019-05-01", "Gharyan", "LNA", "2019-04-04"),
        ("2019-06-26", "Gharyan", "GNA", "2019-06-26"),
        ("2019-07-20", "Gharyan", "GNA", "2019-06-26"),
        ("2020-06-02", "Tripoli International Airport", "unknown", None),
        ("2020-06-03", "Tripoli International Airport", "GNA", "2020-06-03"),
        ("2020-06-02", "al-Asabaa", "LNA", "2020-06-01"),
        ("2020-06-04", "Tarhuna", "GNA", "2020-06-04"),
    ],
)
def test_round_trip_import_then_model_state(sample, tmp_path, day, place, controller, since):
    model = Model.load(folder_with(tmp_path, sample.events_csv()))
    state = model.state(day).set_index("place")
    assert state.at[place, "controller"] == controller
    got = state.at[place, "since"]
    assert (None if pd.isna(got) else str(got)[:10]) == since
