"""What the CLI writes to a terminal: control characters from data shown, never obeyed.

Data can hold terminal escape sequences (ESC ``[``…, C1 ``CSI``), carriage returns that
overwrite a line, or bidirectional overrides that reorder it. Everything the CLI prints
goes through :class:`VisibleStream`, which writes each such character as ``\\uXXXX`` (a
valid escape inside JSON strings too); line breaks and tabs pass, as the CLI's own layout
uses them. :func:`field` renders one data value for a one-line listing, so a line break
inside a value cannot start a fake row either.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_CODES = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
_CODES += [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
CONTROLS = {c: f"\\u{c:04x}" for c in _CODES if c not in (0x09, 0x0A)}
"""C0 (but tab and newline), DEL, C1, line/paragraph separators and bidi controls."""
FIELD_CONTROLS = {c: f"\\u{c:04x}" for c in _CODES}


def visible(text: str) -> str:
    """Text with every control character written as ``\\uXXXX``; newlines and tabs kept.

    >>> visible("ok\\x1b[2J\\x9b31m\\u202eevil\\n")
    'ok\\\\u001b[2J\\\\u009b31m\\\\u202eevil\\n'
    """
    return text.translate(CONTROLS)


def field(value: object) -> str:
    """One data value for a one-line listing: newlines and tabs shown as ``\\uXXXX`` too."""
    text = str(value)
    return text if text.isprintable() else text.translate(FIELD_CONTROLS)


class VisibleStream:
    """A text stream that writes :func:`visible` text to the stream it wraps."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def visible_output() -> Iterator[None]:
    """Route stdout and stderr through :class:`VisibleStream` while the CLI runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(sys.stdout), VisibleStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
