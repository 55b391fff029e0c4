"""ACLED import: the hand-made sample (every quirk), synthetic bulk files, the CLI."""

from __future__ import annotations

import csv
import io
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

import dashboard.core.ingest.acled.convert as acled
from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.export.neutralise import csv_text
from dashboard.core.ingest.acled.convert import import_acled_bytes, import_acled_file
from dashboard.core.ingest.acled.factionmap import read_faction_map, read_faction_map_bytes
from dashboard.core.ingest.acled.rules import inter_codes
from dashboard.core.ingest.review import parse_dates
from dashboard.core.io.csvread import read_csv_text
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.io.validate import validate_events
from dashboard.core.model import Model
from dashboard.core.schema import EVENT_COLUMNS
from tests.support.acled_fake import fake_acled, write_fake_acled
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


def event(result, event_id: str) -> pd.Series:
    rows = result.events[result.events["event_id"] == event_id]
    assert len(rows) == 1, f"{event_id} should be one event"
    return rows.iloc[0]


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


# --- pieces -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1", 1),
        ("3.0", 3),
        ("8", 8),
        ("State forces", 1),
        ("Rebel groups", 2),
        ("political militia", 3),
        ("Identity militias", 4),
        ("Civilians", 7),
        ("External/Other forces", 8),
        ("", 0),
        ("9", 0),
        ("x", 0),
    ],
)
def test_inter_codes_numeric_and_text(text, code):
    assert inter_codes(pd.Series([text])).tolist() == [code]


def test_dates_that_do_not_exist_are_rejected():
    parsed = parse_dates(pd.Series(["2020-02-30", "31-04-2020", "31 Febtember 2020", "2020-02-29"]))
    assert parsed.isna().tolist() == [True, True, True, False]


@pytest.mark.parametrize(
    ("actor", "faction"),
    [
        ("Military Forces of Libya (2014-) Haftar Faction", "LNA"),
        ("Military Forces of Libya (2016-2021) Government of National Accord", "GNA"),
        ("Pro-GNA Faction and/or Military Forces of Turkey (2016-)", "GNA"),
        ("Pro-Haftar Faction and/or Military Forces of United Arab Emirates (2004-)", "LNA"),
        ("Wagner Group", "LNA"),
        ("Kaniyat Militia", "LNA"),
        ("Misrata Communal Militia (Libya)", "GNA"),
        ("Unidentified Armed Group (Libya)", ""),
        ("Military Forces of Libya (2016-2021)", ""),
    ],
)
def test_bundled_faction_map(actor, faction):
    assert LIBYA.faction_of(actor) == faction


def test_without_a_faction_map_every_territory_change_goes_to_review():
    result = import_acled_file(SAMPLE)
    assert result.counts["control_changes"] == 0
    assert result.review["reason"].str.contains("matches no faction pattern").any()
    assert (result.events["controller"] == "").all()


def test_faction_map_file_first_match_wins(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("faction,pattern\nEast,haftar\nWest,faction\n", encoding="utf-8")
    rules = read_faction_map(path)
    assert rules.faction_of("Military Forces of Libya (2014-) Haftar Faction") == "East"
    assert rules.faction_of("Pro-GNA Faction") == "West"
    result = import_acled_file(SAMPLE, factions=rules)
    assert set(result.events["controller"]) <= {"", "East", "West"}


def test_bad_faction_map_names_file_and_line():
    with pytest.raises(DataError) as err:
        read_faction_map(ACLED_DATA / "bad_factions.csv")
    assert [p.line for p in err.value.problems] == [3, 4]
    assert "invalid regular expression 'Haftar(|Kaniyat'" in str(err.value)


def test_faction_map_from_uploaded_bytes():
    rules = read_faction_map_bytes(b"faction,pattern\nNorth,haftar\n", "up.csv")
    assert rules.faction_of("Haftar Faction") == "North" and rules.source == "up.csv"
    with pytest.raises(DataError, match=r"up.csv:1: missing column\(s\): pattern"):
        read_faction_map_bytes(b"faction\nNorth\n", "up.csv")


def test_missing_acled_columns_are_named(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("event_id,date,place\nE1,2020-01-01,X\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"missing ACLED column\(s\): event_id_cnty, event_date"):
        import_acled_file(path, LIBYA)


def test_same_day_repeat_is_a_second_source_not_a_review(tmp_path):
    rows = fake_acled(2, seed=3, control_share=1.0)
    rows.loc[:, ["event_date", "location", "latitude", "longitude"]] = rows.iloc[0][
        ["event_date", "location", "latitude", "longitude"]
    ].to_numpy()
    rows.loc[1, ["actor1", "sub_event_type", "inter1", "inter2"]] = rows.loc[
        0, ["actor1", "sub_event_type", "inter1", "inter2"]
    ]
    result = import_acled_bytes(rows.to_csv(index=False).encode(), "two.csv", LIBYA)
    assert result.counts["control_changes"] == 2 and result.counts["review_rows"] == 0


def test_a_later_revision_replaces_the_earlier_one():
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    revised = rows[rows["event_id_cnty"] == "LBY1005"].assign(
        timestamp="1800000000", event_date="2019-06-27", notes="Revised: one day later."
    )
    both = pd.concat([rows, revised])
    result = import_acled_bytes(both.to_csv(index=False).encode(), "revised.csv", LIBYA)
    row = event(result, "LBY1005")
    assert (row["date"], row["notes"]) == ("2019-06-27", "Revised: one day later.")
    assert result.counts["superseded_rows"] == 1
    assert "1 of them older revisions" in result.summary_lines()[0]


def test_rows_sharing_an_id_that_disagree_on_the_place_go_to_review():
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    other = rows[rows["event_id_cnty"] == "LBY1016"].assign(location="Sabratha")
    result = import_acled_bytes(
        pd.concat([rows, other]).to_csv(index=False).encode(), "x.csv", LIBYA
    )
    reasons = result.review.loc[result.review["event_id_cnty"] == "LBY1016", "reason"]
    assert len(reasons) == 2 and all("disagree on the date or location" in r for r in reasons)


def test_progress_is_reported_per_chunk(monkeypatch):
    monkeypatch.setattr(acled, "CHUNK_ROWS", 10)
    seen: list[str] = []
    import_acled_file(SAMPLE, LIBYA, progress=seen.append)
    assert seen == [
        "converted 10 / 23 rows (43%)",
        "converted 20 / 23 rows (86%)",
        "converted 23 / 23 rows (100%)",
    ]


# --- synthetic bulk files -----------------------------------------------------------------------


def test_clean_synthetic_file_imports_without_review(tmp_path):
    raw = fake_acled(5_000, seed=7, date_style="mixed", text_inter=True, old_columns=True)
    result = import_acled_bytes(raw.to_csv(index=False).encode(), "fake.csv", LIBYA)
    control = raw["sub_event_type"].str.lower().isin(list(acled.CONTROL_TYPES)).sum()
    assert result.counts["review_rows"] == 0
    assert result.counts["control_changes"] == control
    validate_events(read_csv_text(result.events_csv(), "out.csv"), "out.csv")


def test_monadic_synthetic_file_merges_every_pair():
    raw = fake_acled(2_000, seed=5, monadic=True)
    result = import_acled_bytes(raw.to_csv(index=False).encode(), "mono.csv", LIBYA)
    assert result.counts["merged_rows"] == 2_000
    assert result.counts["events"] + result.review["event_id_cnty"].nunique() == 2_000
    transfers = raw.loc[
        raw["sub_event_type"] == "Non-violent transfer of territory", "event_id_cnty"
    ]
    assert set(transfers) <= set(result.review["event_id_cnty"])  # no actor type names the winner


def test_20k_rows_all_become_events(tmp_path):
    path = write_fake_acled(tmp_path / "20k.csv", 20_000, seed=11, date_style="mixed")
    result = import_acled_file(path, LIBYA)
    assert result.counts["events"] == 20_000


@pytest.mark.timing
def test_speed_20k_rows(tmp_path):
    path = write_fake_acled(tmp_path / "20k.csv", 20_000, seed=11, date_style="mixed")
    start = time.perf_counter()
    import_acled_file(path, LIBYA)
    assert time.perf_counter() - start < 10.0  # measured ~0.6 s; 100k rows ~2.8 s


# --- CLI ----------------------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_acled_writes_table_and_review(capsys, tmp_path):
    out = tmp_path / "acled.csv"
    code, stdout, _ = run(capsys, "import", "acled", SAMPLE, "-o", out)
    assert code == 0
    assert "read 23 rows (4 duplicate rows of monadic events merged)" in stdout
    assert "11 events: 8 control changes, 3 context events" in stdout
    assert "9 rows for review" in stdout
    review = pd.read_csv(tmp_path / "acled.review.csv", dtype=str, keep_default_na=False)
    assert len(review) == 9 and review.columns[-1] == "reason"
    assert len(pd.read_csv(out)) == 11
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_import_acled_with_a_bad_map_exits_2_naming_the_line(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "import",
        "acled",
        SAMPLE,
        "--factions",
        ACLED_DATA / "bad_factions.csv",
        "-o",
        tmp_path / "o.csv",
    )
    assert code == 2
    assert f"{ACLED_DATA / 'bad_factions.csv'}:3: invalid regular expression" in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (OLD, d / "missing" / "o.csv"), "output folder not found"),
        (lambda d: (d / "nope.csv", d / "o.csv"), "cannot read file"),
        (lambda d: (BUNDLED / "events" / "factions.csv", d / "o.csv"), "missing ACLED column(s)"),
    ],
)
def test_cli_import_acled_bad_input_exits_2(capsys, tmp_path, make, message):
    source, out = make(tmp_path)
    code, _, err = run(capsys, "import", "acled", source, "-o", out)
    assert code == 2 and message in err


def test_cli_import_when_nothing_converts_writes_only_the_review(capsys, tmp_path):
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    bad = rows[rows["event_id_cnty"] == "LBY1010"]
    source = tmp_path / "bad.csv"
    bad.to_csv(source, index=False)
    code, _, err = run(capsys, "import", "acled", source, "-o", tmp_path / "o.csv")
    assert code == 2 and "no row could be imported; 1 rows for review" in err
    assert (tmp_path / "o.review.csv").exists() and not (tmp_path / "o.csv").exists()
