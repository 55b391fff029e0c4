"""Rebuild the bad-input corpus: one small data folder per case under tests/data/bad/.

Run ``.venv/bin/python -m tests.data.bad.build`` after changing a case. The expected
problem lines live in ``cases.csv`` beside this file (edited by hand, not generated):
``case,file,line,message,exit``. The test checks that the CLI prints, for every row,
a line that starts with ``<case folder>/<file>:<line>: <message>`` (``<file>: <message>``
when line is 0, a problem with the whole file), and no other problem line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = (
    "event_id,date,place,lat,lon,controller,previous_controller,date_precision,event_type,"
    "confidence,source_title,source_publisher,source_date,source_url,notes"
)
GOOD = [
    "B1,2020-01-01,Alphaville,10.0,20.0,North,,day,status,confirmed,Src 1,Wire,,https://example.org/1,",
    "B2,2020-01-05,Betatown,10.0,21.0,South,,day,status,confirmed,Src 2,Wire,,https://example.org/2,",
]
FACTIONS = "faction,label,color,description\nNorth,Northern,#0072B2,\nSouth,Southern,#D55E00,\n"


def row(**fields: str) -> str:
    """A full event row: GOOD[0] with some fields replaced."""
    names = HEADER.split(",")
    values = dict(zip(names, GOOD[0].split(","), strict=True)) | fields
    return ",".join(values[n] for n in names)


def events(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


TEXT_CASES: dict[str, dict[str, str | bytes]] = {
    # --- columns -----------------------------------------------------------------
    "missing_date_column": {
        "events/events.csv": "event_id,place,lat,lon,source_title\nB1,Alphaville,10,20,S\n"
    },
    "renamed_columns": {
        "events/events.csv": "id,day,town,lat,lon,source_title\nB1,2020-01-01,Alphaville,10,20,S\n"
    },
    "no_source_columns": {
        "events/events.csv": "event_id,date,place,lat,lon\nB1,2020-01-01,Alphaville,10,20\n"
    },
    "duplicate_column": {
        "events/events.csv": "event_id,Date,place,lat,lon,source_title,date\n"
        "B1,2020-01-01,Alphaville,10,20,S,2020-01-02\n"
    },
    "blank_first_line": {"events/events.csv": "\n" + events(*GOOD)},
    "empty_file": {"events/events.csv": b""},
    "bom_only": {"events/events.csv": b"\xef\xbb\xbf"},
    "blank_lines_only": {"events/events.csv": "\n\n  \n"},
    "header_only": {"events/events.csv": HEADER + "\n"},
    # --- dates -------------------------------------------------------------------
    "bad_date_format": {
        "events/events.csv": events(GOOD[0], row(event_id="B2", date="01/02/2020"))
    },
    "impossible_date": {
        "events/events.csv": events(GOOD[0], row(event_id="B2", date="2020-02-30"))
    },
    "missing_date": {"events/events.csv": events(row(date=""), GOOD[1])},
    "date_with_time": {"events/events.csv": events(row(date="2020-01-01T10:00"), GOOD[1])},
    "date_before_1678": {"events/events.csv": events(row(date="1500-01-01"), GOOD[1])},
    "month_13": {"events/events.csv": events(GOOD[0], row(event_id="B2", date="2020-13-01"))},
    # --- coordinates -------------------------------------------------------------
    "latlon_swapped_range": {"events/events.csv": events(row(lat="120.0", lon="10.0"), GOOD[1])},
    "latlon_swapped_gazetteer": {
        "events/events.csv": events(row(place="Tripoli", lat="13.18733", lon="32.88743"), GOOD[1])
    },
    "lat_out_of_range": {"events/events.csv": events(row(lat="95.0", lon="200.0"), GOOD[1])},
    "lon_out_of_range": {"events/events.csv": events(GOOD[0], row(event_id="B2", lon="180.5"))},
    "lat_nan": {"events/events.csv": events(row(lat="NaN"), GOOD[1])},
    "lon_inf": {"events/events.csv": events(GOOD[0], row(event_id="B2", lon="inf"))},
    "lat_not_a_number": {"events/events.csv": events(row(lat="ten"), GOOD[1])},
    "half_coordinates": {"events/events.csv": events(row(lon=""), GOOD[1])},
    "unknown_place_no_coordinates": {
        "events/events.csv": events(row(place="Nowhereville", lat="", lon=""), GOOD[1])
    },
    # --- ids, required values ----------------------------------------------------
    "duplicate_id": {"events/events.csv": events(GOOD[0], row(date="2020-01-09"))},
    "duplicate_id_across_files": {
        "events/a.csv": events(GOOD[0]),
        "events/b.csv": events(row(date="2020-01-09")),
    },
    "missing_event_id": {"events/events.csv": events(row(event_id=""), GOOD[1])},
    "missing_place": {"events/events.csv": events(GOOD[0], row(event_id="B2", place=""))},
    "no_source": {"events/events.csv": events(row(source_title="", source_url=""), GOOD[1])},
    "bad_confidence": {"events/events.csv": events(row(confidence="maybe"), GOOD[1])},
    "bad_source_kind": {
        "events/events.csv": events(
            GOOD[0] + ",blog", GOOD[1] + ",wire", header=HEADER + ",source_kind"
        )
    },
    "confirmed_by_partisan_only": {
        "events/events.csv": events(
            GOOD[0] + ",partisan",
            row(event_id="B3", source_title="Src 3") + ",social",
            GOOD[1] + ",press",
            header=HEADER + ",source_kind",
        )
    },
    "missing_confidence": {"events/events.csv": events(row(confidence=""), GOOD[1])},
    "controller_unknown": {
        "events/events.csv": events(
            GOOD[0], row(event_id="B2", date="2020-01-09", controller="Unknown")
        )
    },
    "bad_date_precision": {"events/events.csv": events(row(date_precision="decade"), GOOD[1])},
    "conflicting_same_day": {
        "events/events.csv": events(GOOD[0], row(event_id="B3", controller="South"))
    },
    "very_long_field": {"events/events.csv": events(row(notes="x" * 10_001), GOOD[1])},
    # --- encodings and file kinds --------------------------------------------------
    "latin1": {
        "events/events.csv": events(GOOD[0], row(event_id="B2", place="Béta")).encode("latin-1")
    },
    "utf16": {"events/events.csv": events(*GOOD).encode("utf-16")},
    "binary_as_csv": {"events/events.csv": bytes(range(256)) * 4},
    "json_as_csv": {"events/events.csv": '[{"event_id": "B1", "date": "2020-01-01"}]\n'},
    "unbalanced_quotes": {
        "events/events.csv": events(GOOD[0], row(event_id="B2", notes='"never closed'))
    },
    "extra_field": {"events/events.csv": events(GOOD[0], GOOD[1] + ",surplus")},
    "no_events_folder": {"geo/README.md": "a data folder without events/\n"},
    "no_event_tables": {"events/factions.csv": FACTIONS},
    # --- factions.csv, places.csv --------------------------------------------------
    "faction_bad_color": {
        "events/events.csv": events(*GOOD),
        "events/factions.csv": "faction,label,color\nNorth,N,blue\nSouth,S,#D55E00\n",
    },
    "faction_reserved_name": {
        "events/events.csv": events(*GOOD),
        "events/factions.csv": FACTIONS + "unknown,Unknown,#000000,\n",
    },
    "faction_missing_column": {
        "events/events.csv": events(*GOOD),
        "events/factions.csv": "name,color\nNorth,#0072B2\n",
    },
    "places_bad_coordinates": {
        "events/events.csv": events(*GOOD),
        "geo/places.csv": "place,alt_names,lat,lon\nAlphaville,,north,20\n",
    },
    # --- inputs that must load (exit 0) -------------------------------------------
    "unknown_faction_warning": {
        "events/events.csv": events(
            GOOD[0], row(event_id="B2", date="2020-01-09", controller="West")
        )
    },
    "crlf_line_ends": {
        "events/events.csv": events(*GOOD).replace("\n", "\r\n"),
        "events/factions.csv": FACTIONS.replace("\n", "\r\n"),
    },
    "cr_line_ends": {"events/events.csv": events(*GOOD).replace("\n", "\r")},
    "utf8_bom": {
        "events/events.csv": "\ufeff" + events(*GOOD),
        "events/factions.csv": "\ufeff" + FACTIONS,
    },
    "javascript_url_warning": {
        "events/events.csv": events(GOOD[0], row(event_id="B2", source_url="javascript:alert(1)")),
    },
    "stray_binary_not_csv": {
        "events/events.csv": events(*GOOD),
        "events/photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
    },
}
OK_FACTIONS = {
    "unknown_faction_warning",
    "javascript_url_warning",
    "stray_binary_not_csv",
    "cr_line_ends",
}


def build() -> list[str]:
    """Write every case folder (replacing old ones); return the case names."""
    for name, files in TEXT_CASES.items():
        folder = HERE / name
        shutil.rmtree(folder, ignore_errors=True)
        for rel, content in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            path.write_bytes(data)
        if name in OK_FACTIONS:
            (folder / "events" / "factions.csv").write_text(FACTIONS, encoding="utf-8")
    return list(TEXT_CASES)


if __name__ == "__main__":
    print(f"{len(build())} cases written to {HERE}")
