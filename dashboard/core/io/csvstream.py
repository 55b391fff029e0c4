"""Read a CSV file of any size in chunks of rows, with the same rules as :mod:`csvread`.

:func:`read_csv_chunks` yields frames of strings with a ``_line`` column, exactly the rows
:func:`dashboard.core.io.csvread.read_csv_text` would give for the whole file, but holding
one chunk (and one block of text) at a time. It uses the same parser (pandas' C reader, fed
through a decoding stream), so quoting, delimiters, blank lines and error messages are the
same; a problem in a late chunk still names its file and line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.errors import DataError
from dashboard.core.io.csvread import (
    READ_OPTIONS,
    check_header,
    decode_csv_bytes,
    delimiter_of,
    error_line,
    short_error,
)

__all__ = ["BLOCK_BYTES", "read_csv_chunks"]

BLOCK_BYTES = 4 * 2**20


class _TextStream(io.TextIOBase):
    """The file's bytes decoded as UTF-8 (BOM allowed) with CR and CRLF line ends made LF,
    read a block at a time; a byte that is not UTF-8 is a DataError naming its line."""

    def __init__(self, path: Path, name: str, block: int | None = None) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._name = name
        self._block = block or BLOCK_BYTES
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._pending = ""
        self._lines = 0  # newlines in the bytes before the current block
        self._cr = False  # the last block ended with CR (its LF may start the next one)
        self._done = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._file.close()
        super().close()

    def read(self, size: int | None = -1) -> str:
        size = -1 if size is None else size
        while not self._done and (size < 0 or len(self._pending) < size):
            self._pending += self._next_block()
        if size < 0 or size >= len(self._pending):
            text, self._pending = self._pending, ""
        else:
            text, self._pending = self._pending[:size], self._pending[size:]
        return text

    def _next_block(self) -> str:
        raw = self._file.read(self._block)
        final = not raw
        try:
            text = self._decoder.decode(raw, final=final)
        except UnicodeDecodeError as err:
            line = self._lines + raw[: max(err.start, 0)].count(b"\n") + 1
            byte = raw[err.start] if 0 <= err.start < len(raw) else 0
            message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
            raise DataError.single(self._name, line, message) from None
        self._lines += raw.count(b"\n")
        self._done = final
        return self._lf(text, final)

    def _lf(self, text: str, final: bool) -> str:
        """CRLF and lone CR to LF, also when a CRLF pair is split between two blocks."""
        if self._cr and text.startswith("\n"):
            text = text[1:]
        self._cr = text.endswith("\r") and not final
        return text.replace("\r\n", "\n").replace("\r", "\n")


def read_csv_chunks(path: Path, rows: int = 100_000) -> Iterator[pd.DataFrame]:
    """Frames of at most ``rows`` rows (strings, lower-case stripped column names, ``_line``).

    The file is not size-limited (unlike :func:`read_csv_file`, which guards uploads).
    """
    name = str(path)
    head = _head(path, name)
    sep = delimiter_of(head)
    check_header(head, name, sep)
    header_lines = _header_line_count(head, sep)
    stream = _TextStream(path, name)
    try:
        reader = _reader(stream, sep, rows, name)
        next_line = header_lines + 1
        for frame in _parsed(reader, name):
            frame = frame.fillna("")
            frame.columns = [str(c).strip().lower() for c in frame.columns]
            lines, next_line = _lines(frame, next_line)
            blank = (frame == "").all(axis=1).to_numpy()
            frame["_line"] = lines
            yield frame.loc[~blank].reset_index(drop=True)
    finally:
        stream.close()


def _reader(stream: io.TextIOBase, sep: str, rows: int, name: str) -> pd.io.parsers.TextFileReader:
    try:
        return pd.read_csv(stream, sep=sep, chunksize=rows, **READ_OPTIONS)
    except pd.errors.EmptyDataError:
        raise DataError.single(name, 0, "empty file (expected a CSV header line)") from None
    except (pd.errors.ParserError, csv.Error, ValueError) as err:
        message = f"malformed CSV: {short_error(err)}"
        raise DataError.single(name, error_line(str(err)), message) from None


def _parsed(reader: pd.io.parsers.TextFileReader, name: str) -> Iterator[pd.DataFrame]:
    """The reader's chunks; a parser failure becomes a DataError naming the line."""
    while True:
        try:
            frame = next(reader)
        except StopIteration:
            return
        except pd.errors.EmptyDataError:
            raise DataError.single(name, 0, "empty file (expected a CSV header line)") from None
        except (pd.errors.ParserError, csv.Error, ValueError) as err:
            message = f"malformed CSV: {short_error(err)}"
            raise DataError.single(name, error_line(str(err)), message) from None
        if len(frame.columns) == 0:
            raise DataError.single(name, 1, "no column names on the first line (expected a header)")
        yield frame


def _head(path: Path, name: str) -> str:
    """The start of the file, checked as :func:`decode_csv_bytes` checks a whole file
    (empty, UTF-16, binary, JSON), and decoded up to its last complete line."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(BLOCK_BYTES)
    except OSError as err:
        raise DataError.single(name, 0, f"cannot read file: {err.strerror}") from None
    if len(raw) == BLOCK_BYTES and b"\n" in raw:
        raw = raw[: raw.rindex(b"\n") + 1]
    return decode_csv_bytes(raw, name).replace("\r\n", "\n").replace("\r", "\n")


def _header_line_count(head: str, sep: str) -> int:
    """File lines the header row spans (a quoted column name may hold a line break)."""
    reader = csv.reader(io.StringIO(head), delimiter=sep)
    next(reader, None)
    return max(reader.line_num, 1)


def _lines(frame: pd.DataFrame, first: int) -> tuple[np.ndarray, int]:
    """First file line of each row, counting line breaks inside quoted fields; and the
    line after the chunk."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64), first
    inner = np.zeros(len(frame), dtype=np.int64)
    for col in frame.columns:
        values = frame[col]
        has = values.str.contains("\n", regex=False).to_numpy(dtype=bool)
        if has.any():
            inner[has] += values[has].str.count("\n").to_numpy(dtype=np.int64)
    steps = inner + 1
    starts = first + np.concatenate(([0], np.cumsum(steps)[:-1]))
    return starts.astype(np.int64), int(first + steps.sum())
