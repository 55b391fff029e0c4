"""Streamed ``import acled`` (chunks, buckets on disk) writes what the in-memory import gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import dashboard.core.io.csvstream as csvstream
from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.ingest.acled.convert import import_acled_file
from dashboard.core.ingest.acled.factionmap import read_faction_map
from dashboard.core.ingest.acled.stream import stream_acled_file
from dashboard.core.io.gazetteer import load_gazetteer
from tests.support.acled_fake import fake_acled
from tests.support.paths import BUNDLED, ROOT

ACLED_DATA = ROOT / "tests" / "data" / "acled"
LIBYA = read_faction_map(BUNDLED / "acled" / "factions.csv")
GAZETTEER = load_gazetteer(BUNDLED / "geo" / "places.csv")


def awkward_export(path: Path, rows: int = 400) -> Path:
    """A monadic export whose cross-row cases straddle chunks: older revisions of early
    events at the end, a namesake 300 km away late in the file, line breaks and formula
    text inside quoted notes, CRLF line ends, blank lines."""
    frame = fake_acled(rows, seed=5, monadic=True, repeat_share=0.2, date_style="mixed")
    old = frame.head(30).assign(timestamp="1500000000", notes="older revision")
    far = frame.iloc[[11, 12]].assign(location="Zawiya", admin1="Sirt", latitude="31.2089")
    frame.loc[frame.index[5::37], "notes"] = 'first line\nsecond line, "quoted"\n=SUM(A1)'
    frame.loc[frame.index[9::41], "event_date"] = "31/5"  # a bad date: review
    frame = pd.concat([frame, old, far.assign(event_id_cnty=["LBY90001", "LBY90002"])])
    text = frame.to_csv(index=False, lineterminator="\r\n")
    lines = text.split("\r\n")
    lines.insert(len(lines) // 2, "")
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return path


def both(source: Path, out: Path, gazetteer=None, **sizes):
    memory = import_acled_file(source, LIBYA, gazetteer)
    streamed = stream_acled_file(source, out, LIBYA, gazetteer, keep_review=True, **sizes)
    return memory, streamed


@pytest.mark.parametrize("name", ["sample.csv", "old_format.csv"])
@pytest.mark.parametrize("gazetteer", [None, GAZETTEER])
def test_streamed_import_of_the_test_files_equals_the_in_memory_one(tmp_path, name, gazetteer):
    memory, streamed = both(
        ACLED_DATA / name, tmp_path / "o.csv", gazetteer, chunk_rows=3, buckets=4
    )
    assert streamed.counts == memory.counts
    assert (tmp_path / "o.csv").read_text(encoding="utf-8") == memory.events_csv()
    assert streamed.review_path.read_text(encoding="utf-8") == memory.review_csv()
    assert streamed.review is not None
    assert list(streamed.review.columns) == list(memory.review.columns)
    assert streamed.review.to_dict("records") == memory.review.to_dict("records")


@pytest.mark.parametrize(("chunk_rows", "buckets"), [(23, 3), (64, 1), (250, 9)])
def test_streamed_import_across_many_small_chunks_equals_the_in_memory_one(
    tmp_path, chunk_rows, buckets
):
    source = awkward_export(tmp_path / "export.csv")
    memory, streamed = both(
        source, tmp_path / "o.csv", GAZETTEER, chunk_rows=chunk_rows, buckets=buckets
    )
    assert memory.counts["merged_rows"] > 300 and memory.counts["superseded_rows"] == 30
    assert memory.counts["review_rows"] > 0
    assert (memory.events["place"] == "Zawiya (Sirt)").any()  # the late namesake is told apart
    assert streamed.counts == memory.counts
    assert (tmp_path / "o.csv").read_text(encoding="utf-8") == memory.events_csv()
    assert streamed.review_path.read_text(encoding="utf-8") == memory.review_csv()


def test_cli_import_prints_progress_with_rows_per_second(capsys, tmp_path):
    source = awkward_export(tmp_path / "export.csv", rows=200)
    assert main(["import", "acled", str(source), "-o", str(tmp_path / "o.csv")]) == 0
    err = capsys.readouterr().err
    rows = len(pd.read_csv(source, dtype=str))
    assert f"read {rows:,} rows (" in err and " rows/s)" in err
    assert f"imported {rows:,} rows in " in err


def late_bad_row(path: Path, fix) -> tuple[Path, int]:
    """A clean export of 3,000 rows with one row broken by ``fix`` near the end."""
    frame = fake_acled(3_000, seed=3)
    lines = frame.to_csv(index=False, lineterminator="\n").split("\n")
    line = 2_871  # file line (the header is line 1)
    lines[line - 1] = fix(lines[line - 1])
    path.write_bytes("\n".join(lines).encode("utf-8").replace(b"\\xff", b"\xff"))
    return path, line


@pytest.mark.parametrize(
    ("fix", "message"),
    [
        (
            lambda row: row + ",one field too many",
            "malformed CSV: Error tokenizing data. C error: Expected 31 fields",
        ),
        (lambda row: row.replace("Libya", "Lib\\xffya", 1), "not UTF-8 text (byte 0xff)"),
    ],
)
def test_a_bad_row_in_a_late_chunk_is_reported_with_its_line(
    capsys, tmp_path, monkeypatch, fix, message
):
    monkeypatch.setattr(csvstream, "BLOCK_BYTES", 4096)  # many blocks before the bad byte
    source, line = late_bad_row(tmp_path / "late.csv", fix)
    with pytest.raises(DataError) as caught:
        stream_acled_file(source, tmp_path / "x.csv", LIBYA, chunk_rows=500)
    assert f"{source}:{line}: {message}" in str(caught.value)
    code = main(["import", "acled", str(source), "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code == 2 and f"{source}:{line}: {message}" in err and "Traceback" not in err
    assert not (tmp_path / "o.csv").exists() and not list(tmp_path.glob(".frontline-import-*"))
