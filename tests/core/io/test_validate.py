"""Each validation rule produces a one-line path:line: message problem."""

import pytest

from dashboard.core.errors import DataError
from dashboard.core.io.load import load_dataset
from tests.support.builders import write_events

HEADER = "event_id,date,place,lat,lon,controller,confidence,source_title,notes\n"
GOOD = "E1,2020-01-01,Aville,10,20,A,confirmed,Src,\n"


def problems(tmp_path, body, header=HEADER):
    folder = write_events(tmp_path, header + body)
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("E1,2020-02-30,Aville,10,20,A,confirmed,Src,\n", 2, "impossible date '2020-02-30'"),
        ("E1,01/02/2020,Aville,10,20,A,confirmed,Src,\n", 2, "bad date '01/02/2020'"),
        ("E1,,Aville,10,20,A,confirmed,Src,\n", 2, "missing date"),
        (GOOD + "E1,2020-01-02,Aville,10,20,A,confirmed,Src,\n", 3, "duplicate event_id 'E1'"),
        ("E1,2020-01-01,Aville,95,20,A,confirmed,Src,\n", 2, "lat/lon look swapped"),
        ("E1,2020-01-01,Aville,95,200,A,confirmed,Src,\n", 2, "out of range"),
        ("E1,2020-01-01,Aville,nan,20,A,confirmed,Src,\n", 2, "not finite"),
        ("E1,2020-01-01,Aville,inf,20,A,confirmed,Src,\n", 2, "not finite"),
        ("E1,2020-01-01,Nowhere,,,A,confirmed,Src,\n", 2, "unknown place name 'Nowhere'"),
        ("E1,2020-01-01,Aville,10,20,A,maybe,Src,\n", 2, "bad confidence 'maybe'"),
        ("E1,2020-01-01,Aville,10,20,A,,Src,\n", 2, "missing confidence"),
        ("E1,2020-01-01,Aville,10,20,A,confirmed,,\n", 2, "no source"),
        (GOOD + "E2,2020-01-01,Aville,10,20,B,confirmed,Src,\n", 3, "different controllers"),
    ],
)
def test_rule(tmp_path, body, line, fragment):
    found = problems(tmp_path, body)
    assert any(f":{line}: " in p and fragment in p for p in found), found


def test_all_problems_are_collected(tmp_path):
    found = problems(
        tmp_path, "E1,2020-02-30,Aville,10,20,A,confirmed,Src,\nE1,bad,X,1,1,A,confirmed,,\n"
    )
    table = str(tmp_path / "events" / "events.csv")
    assert found == [
        f"{table}:2: impossible date '2020-02-30' (no such day)",
        f"{table}:3: bad date 'bad' (expected YYYY-MM-DD)",
        f"{table}:3: duplicate event_id 'E1'",
        f"{table}:3: no source: give source_title or source_url",
    ]


def test_same_day_conflict_with_a_note_is_accepted(tmp_path):
    folder = write_events(
        tmp_path, HEADER + GOOD + "E2,2020-01-01,Aville,10,20,B,disputed,Src,sources disagree\n"
    )
    assert len(load_dataset(folder).events) == 2


def test_missing_columns_named(tmp_path):
    found = problems(tmp_path, "1,2\n", header="foo,bar\n")
    assert found[0].endswith(
        ":1: missing column(s): event_id, date, place, source_title (or source_url) (found: foo, bar)"
    )


def test_line_numbers_count_quoted_newlines(tmp_path):
    body = 'E1,2020-01-01,Aville,10,20,A,confirmed,Src,"two\nlines"\nE2,2020-13-01,Aville,10,20,A,confirmed,Src,\n'
    assert any(":4: " in p and "impossible date" in p for p in problems(tmp_path, body))


def test_coordinates_come_from_the_gazetteer_when_blank(bundled_dir, tmp_path):
    folder = write_events(tmp_path, HEADER + "E1,2020-01-01,Gharian,,,A,confirmed,Src,\n")
    (folder / "geo").mkdir()
    (folder / "geo" / "places.csv").write_text(
        "place,alt_names,lat,lon,kind\nGharyan,Gharian|غريان,32.17222,13.02028,town\n"
    )
    events = load_dataset(folder).events
    assert (events["lat"].iloc[0], events["lon"].iloc[0]) == (32.17222, 13.02028)


def test_unknown_faction_is_a_warning_not_an_error(tmp_path):
    folder = write_events(
        tmp_path, HEADER + GOOD, factions="faction,label,color,description\nB,Bee,#0072B2,\n"
    )
    data = load_dataset(folder)
    assert any("faction 'A' is not in factions.csv" in str(w) for w in data.warnings)
    assert data.color("A").startswith("#") and data.color("A") != data.color("B")


def test_non_http_url_is_a_warning(tmp_path):
    header = "event_id,date,place,lat,lon,controller,confidence,source_title,source_url\n"
    folder = write_events(
        tmp_path, header + "E1,2020-01-01,A,1,1,X,confirmed,T,javascript:alert(1)\n"
    )
    assert any("not an http(s) link" in str(w) for w in load_dataset(folder).warnings)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "empty file"),
        (HEADER.encode(), "no events"),
        (b"\x00\x01\x02binary", "binary file"),
        (b'{"event_id": 1}', "looks like JSON"),
        (
            (HEADER + "E1,2020-01-01,Caf\xe9,10,20,A,confirmed,Src,\n").encode("latin-1"),
            "not UTF-8",
        ),
        ((HEADER + 'E1,2020-01-01,"Aville,10,20,A,confirmed,Src,\n').encode(), "malformed CSV"),
    ],
)
def test_unreadable_files(tmp_path, raw, fragment):
    events = tmp_path / "events"
    events.mkdir()
    (events / "e.csv").write_bytes(raw)
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    assert fragment in str(caught.value)


def test_bom_and_crlf_are_accepted(tmp_path):
    events = tmp_path / "events"
    events.mkdir()
    (events / "e.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD).replace("\n", "\r\n").encode())
    assert load_dataset(tmp_path).events["event_id"].tolist() == ["E1"]
