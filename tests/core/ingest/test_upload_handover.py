"""An ACLED upload's model is built from the events its conversion validated, without
writing them as text and reading them back: that model must equal the one loaded from the
written file, and the file must read back as the cells the old writer wrote."""

from __future__ import annotations

import pandas as pd

from dashboard.core.ingest import scratch, upload
from dashboard.core.io.csvread import data_csv_text, read_csv_text
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.model import Model
from tests.support.acled_fake import fake_acled
from tests.support.paths import ROOT

GAZETTEER = load_gazetteer(ROOT / "data" / "geo" / "places.csv")


def export(rows: int) -> bytes:
    """Fake ACLED rows with review material, quotes, commas and line breaks in notes."""
    frame = fake_acled(rows, seed=7, repeat_share=0.2, date_style="mixed", monadic=True)
    notes = frame["notes"].to_numpy(dtype=object)
    notes[::7] = [f'Said "hold", then\nleft; {i}' for i in range(len(notes[::7]))]
    notes[3::11] = "  =cmd|' /C calc'!A0  "
    frame["notes"] = notes
    frame.loc[5, "latitude"] = "ninety"  # a review row
    return frame.to_csv(index=False).encode()


def test_the_handed_over_model_equals_the_model_loaded_from_the_written_file(tmp_path):
    converted = upload.convert_upload(export(3000), "c.csv", "ACLED export", GAZETTEER)
    assert converted.ok and converted.checked is not None and converted.review
    scratch.write_events(tmp_path, converted.events_csv, title="Upload: c.csv")
    read = Model.load(tmp_path)
    handed = Model.load(tmp_path, checked=converted.checked)
    for name in ("events", "places", "factions"):
        pd.testing.assert_frame_equal(getattr(handed.data, name), getattr(read.data, name))
    assert handed.data.warnings == read.data.warnings
    assert handed.data.events["line"].max() > len(handed.data.events) + 1  # breaks counted
    for day in ("2019-06-01", "2020-01-15", "2021-01-01"):
        pd.testing.assert_frame_equal(handed.state(day), read.state(day))


def test_the_written_file_reads_back_as_the_cells_of_the_old_writer():
    converted = upload.convert_upload(export(600), "c.csv", "ACLED export", GAZETTEER)
    ours = read_csv_text(converted.events_csv.decode(), "a.csv")
    old = read_csv_text(data_csv_text(ours.drop(columns=["_line"])), "b.csv")
    pd.testing.assert_frame_equal(ours, old)
    assert (ours["notes"].str.contains('"hold"') & ours["notes"].str.contains("\n")).any()


def test_a_frontline_upload_is_still_read_back_from_its_file():
    text = (ROOT / "tests" / "data" / "tiny" / "events" / "events.csv").read_bytes()
    assert upload.convert_upload(text, "e.csv", "Frontline CSV", GAZETTEER).checked is None


def test_a_frontline_upload_is_written_as_it_was_uploaded(tmp_path):
    """Typed coordinates and dates written with every cell quoted load as the upload did."""
    raw = (ROOT / "data" / "events" / "libya-2019-2020.csv").read_bytes()
    converted = upload.convert_upload(raw, "libya.csv", "Frontline CSV", GAZETTEER)
    scratch.write_events(tmp_path / "written", converted.events_csv)
    scratch.write_events(tmp_path / "uploaded", raw)
    written, uploaded = Model.load(tmp_path / "written"), Model.load(tmp_path / "uploaded")
    columns = [c for c in written.data.events.columns if c not in ("file", "line")]
    pd.testing.assert_frame_equal(written.data.events[columns], uploaded.data.events[columns])
