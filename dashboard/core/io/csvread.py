"""Read a CSV file into a frame of strings, with the file line of each row.

Every failure becomes a :class:`DataError` naming the file and line, never a traceback.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from dashboard.core.errors import DataError

__all__ = [
    "READ_OPTIONS",
    "check_header",
    "data_csv_text",
    "decode_csv_bytes",
    "delimiter_of",
    "DELIMITERS",
    "error_line",
    "MAX_BYTES",
    "read_csv_file",
    "quoted_csv_bytes",
    "read_csv_text",
    "row_lines",
    "short_error",
]

READ_OPTIONS: dict[str, Any] = {
    "dtype": str,
    "keep_default_na": False,
    "na_filter": False,
    "skip_blank_lines": False,
    "engine": "c",
}
"""How every CSV of Frontline is parsed: all cells text, nothing read as missing, blank
lines kept (so each row's line number stays true), pandas' C parser."""

MAX_BYTES = 200 * 1024 * 1024
csv.field_size_limit(MAX_BYTES)


def decode_csv_bytes(raw: bytes, path: str) -> str:
    """Decode CSV bytes as UTF-8 (a BOM is allowed), refusing binary, JSON and empty input."""
    if not raw.strip():
        raise DataError.single(path, 0, "empty file (expected a CSV header line)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError.single(path, 1, "UTF-16 text; save the file as UTF-8")
    if b"\x00" in raw[:65536]:
        raise DataError.single(path, 0, "binary file, not a CSV text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start]
        raise DataError.single(
            path, line, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        ) from None
    if text.lstrip()[:1] in ("{", "["):
        raise DataError.single(path, 1, "looks like JSON, expected CSV with a header line")
    return text


DELIMITERS = (",", ";", "\t")


def delimiter_of(text: str) -> str:
    r"""The field separator of a CSV text: the one of ``, ; TAB`` its header line uses most
    (spreadsheets in many locales save with ``;``, and TSV files use tabs).

    >>> delimiter_of("date;place;controller\n"), delimiter_of("a,b\n"), delimiter_of("a\tb")
    (';', ',', '\t')
    """
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv_text(text: str, path: str) -> pd.DataFrame:
    """Parse CSV text into strings; column ``_line`` holds each row's first line in the file.

    Comma-, semicolon- and tab-separated files are read (the header line decides)."""
    if "\r" in text:  # CRLF and old-Mac CR line ends: one rule for the parser and line counts
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    sep = delimiter_of(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, **READ_OPTIONS)
    except pd.errors.EmptyDataError:
        raise DataError.single(path, 0, "empty file (expected a CSV header line)") from None
    except (pd.errors.ParserError, csv.Error, ValueError) as err:
        raise DataError.single(
            path, error_line(str(err)), f"malformed CSV: {short_error(err)}"
        ) from None
    if len(frame.columns) == 0:  # e.g. a blank first line followed by text
        raise DataError.single(path, 1, "no column names on the first line (expected a header)")
    check_header(text, path, sep)
    frame = frame.fillna("")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    lines = row_lines(text, frame)
    blank = (frame == "").all(axis=1).to_numpy() if len(frame.columns) else np.zeros(0, bool)
    frame["_line"] = lines
    return frame.loc[~blank].reset_index(drop=True)


def read_csv_file(path: Path) -> pd.DataFrame:
    """Read one CSV file (see :func:`read_csv_text`)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError.single(name, 0, f"file too large ({size // 2**20} MB > 200 MB)")
        raw = path.read_bytes()
    except OSError as err:
        raise DataError.single(name, 0, f"cannot read file: {err.strerror}") from None
    return read_csv_text(decode_csv_bytes(raw, name), name)


def row_lines(text: str, frame: pd.DataFrame) -> np.ndarray:
    """First file line of each row of ``frame`` parsed from ``text`` (blank lines are still
    rows here), counting newlines inside quoted fields."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    inner = np.zeros(len(frame), dtype=np.int64)
    if '"' in text and _has_inner_breaks(text, len(frame)):
        for col in frame.columns:
            inner += frame[col].str.count("\n").to_numpy(dtype=np.int64)
    rows_before = np.concatenate(([0], np.cumsum(inner + 1)[:-1]))
    return _header_line_count(text) + 1 + rows_before


def _has_inner_breaks(text: str, rows: int) -> bool:
    """False when the text has exactly one line break per row (blank rows included), so no
    quoted field holds one: one count over the text instead of one per column."""
    breaks = text.count("\n") - _header_line_count(text)
    return breaks != rows - (0 if text.endswith("\n") else 1)


def check_header(text: str, path: str, sep: str = ",") -> None:
    """Refuse a header naming one column twice (names match without case and spaces)."""
    header = next(csv.reader(_lines(text), delimiter=sep), [])
    names = Counter(c.strip().lower() for c in header)
    twice = sorted(n for n, count in names.items() if n and count > 1)
    if twice:
        listed = ", ".join(repr(n[:40]) for n in twice[:5])
        raise DataError.single(path, 1, f"column(s) named twice in the header: {listed}")


def _header_line_count(text: str) -> int:
    reader = csv.reader(_lines(text))
    next(reader, None)
    return reader.line_num


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ``\n``, as ``io.StringIO(text)`` gives them, without
    copying the whole text first (only the header's lines are read)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end + 1
        yield text[start:stop]
        start = stop


def error_line(message: str) -> int:
    """File line named in a pandas parser message ("line N" is 1-based, "row N" 0-based)."""
    match = re.search(r"\b(row|line) (\d+)", message)
    if not match:
        return 0
    return int(match.group(2)) + (1 if match.group(1) == "row" else 0)


def short_error(err: Exception) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:200]


def data_csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text for a data file (no index, ``\\n`` line ends), cells unchanged.

    Data keeps its exact text; formula neutralising is for exported files only
    (:func:`dashboard.core.export.csv_text`).
    """
    return frame.to_csv(index=False, lineterminator="\n")


def quoted_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame of text columns as UTF-8 CSV, every cell quoted (pyarrow's writer, tens
    of times faster than :func:`data_csv_text` on large tables): :func:`read_csv_text`
    gives back the same cells. For files the app writes for itself (an upload's folder)."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in frame.columns])
    sink = io.BytesIO(header.getvalue().encode("utf-8"))
    sink.seek(0, io.SEEK_END)
    table = pa.Table.from_pandas(frame.astype(str), preserve_index=False)
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    pa_csv.write_csv(table, sink, options)
    return sink.getvalue()
