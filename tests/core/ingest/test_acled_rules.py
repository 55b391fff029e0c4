"""ACLED import, piece by piece: actor types, dates, faction maps, revisions, progress, and
synthetic bulk files."""

from __future__ import annotations

import time

import pandas as pd
import pytest

import dashboard.core.ingest.acled.convert as acled
from dashboard.core.errors import DataError
from dashboard.core.ingest.acled.convert import import_acled_bytes, import_acled_file
from dashboard.core.ingest.acled.factionmap import read_faction_map, read_faction_map_bytes
from dashboard.core.ingest.acled.rules import inter_codes
from dashboard.core.ingest.review import parse_dates
from dashboard.core.io.csvread import read_csv_text
from dashboard.core.io.validate import validate_events
from tests.support.acled_fake import event, fake_acled, write_fake_acled
from tests.support.paths import BUNDLED, ROOT

ACLED_DATA = ROOT / "tests" / "data" / "acled"
SAMPLE = ACLED_DATA / "sample.csv"
OLD = ACLED_DATA / "old_format.csv"
LIBYA = read_faction_map(BUNDLED / "acled" / "factions.csv")
"""The bundled dataset's actor map (named by data/dataset.toml)."""


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
