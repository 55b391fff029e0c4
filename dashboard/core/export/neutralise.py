"""The CSV formula neutraliser: every *exported* CSV goes through :func:`csv_text`.

A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return first, also after leading spaces or tabs, or their full-width forms) gets
a leading ``'``; plain numbers stay. Exports are downloads, ``export`` and review reports.
Data files (saved edits, converted uploads and imports) keep their exact text: they are
written with :func:`dashboard.core.io.csvread.data_csv_text`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "csv_bytes",
    "csv_text",
    "FORMULA_TRIGGERS",
    "LEADING_BLANKS",
    "neutralise_cell",
    "neutralise_frame",
    "PLAIN_NUMBER",
]

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""First characters that make Excel, LibreOffice or Google Sheets evaluate a cell."""
LEADING_BLANKS = " \t\r\n"
"""Characters a spreadsheet skips before it looks for a formula trigger."""
PLAIN_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


def neutralise_cell(value: object) -> str:
    """A cell as text, prefixed with ``'`` when a spreadsheet would run it as a formula.

    Plain numbers stay numbers (a negative longitude must not turn into text); only text that
    starts with ``= + - @``, a tab or a carriage return (or their full-width forms), also
    after leading spaces or tabs, is changed.

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("-5.3"), neutralise_cell(-5.3), neutralise_cell("2020-05-31")
    ('-5.3', '-5.3', '2020-05-31')
    >>> neutralise_cell("-1+2"), neutralise_cell("  =1+1")
    ("'-1+2", "'  =1+1")
    """
    text = "" if value is None else str(value)
    if isinstance(value, str) and _risky(text):
        if not re.fullmatch(PLAIN_NUMBER, text.lstrip(LEADING_BLANKS)):
            return "'" + text
    return text


def _risky(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (before the number check)."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip(LEADING_BLANKS).startswith(
        FORMULA_TRIGGERS
    )


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with formula-like text cells (and column names) neutralised.

    Numeric, boolean and date columns are left alone; in text columns plain numbers stay.
    """
    out = frame.copy()
    for col in out.columns:
        text = _text_cells(out[col])
        if text is None:
            continue
        stripped = text.str.lstrip(LEADING_BLANKS)
        risky = text.str.startswith(FORMULA_TRIGGERS) | stripped.str.startswith(FORMULA_TRIGGERS)
        risky = risky.fillna(False).astype(bool)
        if risky.any():
            number = stripped.str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
            mask = (risky & ~number).to_numpy()
            column = out[col].astype(object)
            column[mask] = "'" + text[mask].astype(object)
            out[col] = column
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def _text_cells(values: pd.Series) -> pd.Series | None:
    """The column with its text cells (others None), or None when it holds no text."""
    if isinstance(values.dtype, pd.StringDtype):
        return values
    if not pd.api.types.is_object_dtype(values):
        return None  # numbers, booleans, dates
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "string":
        return values.astype("str")
    objects = values.astype(object)
    is_text = np.fromiter((isinstance(v, str) for v in objects), bool, len(objects))
    return objects.where(is_text, None).astype("str") if is_text.any() else None


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text (no index, ``\\n`` line ends), formula cells neutralised."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`csv_text` as UTF-8 bytes, e.g. for a download button."""
    return csv_text(frame).encode("utf-8")
