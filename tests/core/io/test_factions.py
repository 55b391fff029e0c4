"""The factions file checker (data folders and uploads) and its place in the upload."""

from __future__ import annotations

import pytest

from dashboard.core.errors import DataError
from dashboard.core.ingest import scratch
from dashboard.core.ingest import upload as core_upload
from dashboard.core.io.csvread import data_csv_text
from dashboard.core.io.factions import read_factions_file, read_factions_text
from dashboard.core.model import Model
from dashboard.core.schema import FACTION_COLUMNS
from tests.support.paths import ROOT

TINY_EVENTS = ROOT / "tests" / "data" / "tiny" / "events" / "events.csv"


def problems(text: str, name: str = "colours.csv") -> tuple[str, ...]:
    return core_upload.check_factions_upload(text.encode(), name).problems


def test_a_good_file_is_read_like_the_bundled_one():
    bundled = read_factions_file(ROOT / "data" / "events" / "factions.csv")
    assert list(bundled["faction"]) == ["GNA", "LNA", "neutral"]
    assert list(bundled["color"]) == ["#0072B2", "#D55E00", "#999999"]
    text = (
        "faction,label,color,description\n"
        'North,Northern Alliance,#0af,"north, mostly"\n'
        "South,,#d55e00,\n"
        "East,East Wing,,\n"
    )
    got = core_upload.check_factions_upload(text.encode(), "c.csv")
    assert got.ok
    assert got.table().to_dict("records") == [
        {
            "faction": "North",
            "label": "Northern Alliance",
            "color": "#00AAFF",
            "description": "north, mostly",
            "label_ar": "",
        },
        {
            "faction": "South",
            "label": "South",
            "color": "#D55E00",
            "description": "",
            "label_ar": "",
        },
        {"faction": "East", "label": "East Wing", "color": "", "description": "", "label_ar": ""},
    ]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(sep):
    text = (
        sep.join(["Faction", "Label", "Color"])
        + "\n"
        + sep.join(["North", "N, the", "#123"])
        + "\n"
    )
    frame = read_factions_text(text, "c.csv")
    assert frame[["faction", "label", "color"]].values.tolist() == [["North", "N, the", "#112233"]]


def test_only_the_columns_given_are_needed():
    frame = read_factions_text("faction\nNorth\n", "c.csv")
    assert frame[list(FACTION_COLUMNS)].values.tolist() == [["North", "North", "", "", ""]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "faction,label,colour\nNorth,N,#123\n",
            [
                "c.csv:1: unknown column 'colour' (expected faction, label, color, description, label_ar)"
            ],
        ),
        (
            "name,label,color\nNorth,N,#123\n",
            [
                "c.csv:1: missing column: faction",
                "c.csv:1: unknown column 'name' (expected faction, label, color, description, label_ar)",
            ],
        ),
        (
            "faction,label,color\nNorth,N,#0072B2\nSouth,S,#D55E00\n\nNorth,Again,#000\n",
            ["c.csv:5: faction 'North' listed twice (first on line 2)"],
        ),
        (
            "faction;label;color\nNorth;N;blue\nSouth;S;#D55E0\nEast;E;0072B2\n",
            [
                "c.csv:2: bad color 'blue' (expected #RGB or #RRGGBB)",
                "c.csv:3: bad color '#D55E0' (expected #RGB or #RRGGBB)",
                "c.csv:4: bad color '0072B2' (expected #RGB or #RRGGBB)",
            ],
        ),
        (
            'faction,label,color\n"North",N,#123\nunknown,U,#456\n,nameless,#789\n',
            [
                "c.csv:3: faction name empty or reserved ('unknown')",
                "c.csv:4: faction name empty or reserved ('unknown')",
            ],
        ),
        (
            'faction,label,color,description\nNorth,N,#123,"two\nlines"\nNorth,N,#12,\n',
            [
                "c.csv:4: bad color '#12' (expected #RGB or #RRGGBB)",
                "c.csv:4: faction 'North' listed twice (first on line 2)",
            ],
        ),
        ("faction,label,color\nNorth,N\n", None),  # short rows are filled, not refused
    ],
)
def test_each_bad_line_is_named_by_file_and_line(text, expected):
    assert list(problems(text, "c.csv")) == (expected or [])


def test_a_file_that_is_not_a_factions_csv_is_refused_in_one_line():
    assert problems("", "c.csv") == ("c.csv: empty file (expected a CSV header line)",)
    assert problems('[{"faction": "North"}]', "c.csv")[0].startswith("c.csv:1: looks like JSON")
    big = "faction\n" + "F\n" * 20_000
    assert "row upload limit" in problems(big, "c.csv")[0]


def test_a_data_folder_with_a_bad_factions_file_is_refused(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "events.csv").write_bytes(TINY_EVENTS.read_bytes())
    (tmp_path / "events" / "factions.csv").write_text("faction,color\nNorth,#123\nNorth,#456\n")
    with pytest.raises(DataError, match=r"factions.csv:3: faction 'North' listed twice"):
        Model.load(tmp_path)


def test_the_upload_and_its_colour_table_make_a_folder_the_loader_reads(tmp_path):
    from dashboard.core.colors import faction_table

    converted = core_upload.convert_upload(TINY_EVENTS.read_bytes(), "e.csv", "Frontline CSV", None)
    assert converted.factions == ("North", "South")
    listed = core_upload.check_factions_upload(
        b"faction;label;color\nNorth;Nordic;#a1b\nGhost;Gh;#123456\n", "f.csv"
    ).table()
    table = faction_table(listed, converted.factions, {"South": "#334455"}, keep_unused=False)
    scratch.write_events(tmp_path, converted.events_csv)
    written = scratch.write_factions(tmp_path, data_csv_text(table[list(FACTION_COLUMNS)]).encode())
    assert written == tmp_path / "events" / "factions.csv"
    assert written.stat().st_mode & 0o777 == 0o600
    model = Model.load(tmp_path)
    assert model.factions == ["North", "South"]  # Ghost, unused, is left out
    assert model.data.color("North") == "#AA11BB" and model.data.color("South") == "#334455"
    assert model.data.factions.set_index("faction").at["North", "label"] == "Nordic"
    assert not [w for w in model.data.warnings if "factions.csv" in str(w)]


def test_an_arabic_label_is_read_and_must_be_in_arabic_script():
    frame = read_factions_text(
        "faction,label,label_ar\nNorth,Northern Alliance,تحالف الشمال\n", "c.csv"
    )
    assert list(frame["label_ar"]) == ["تحالف الشمال"]
    with pytest.raises(DataError) as err:
        read_factions_text("faction,label_ar\nNorth,Northern\n", "c.csv")
    assert [str(p) for p in err.value.problems] == [
        "c.csv:2: label_ar 'Northern' has no Arabic letter"
    ]
