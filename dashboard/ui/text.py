"""The one way data text reaches the page: inert in HTML, Markdown, code spans and tooltips.

Every string that comes from data, an upload or a link (place names, faction labels,
notes, source titles, file names, query values, problem lines) goes through one of these
functions before Streamlit or Leaflet sees it:

- :func:`html_text` for HTML, including ``st.markdown(..., unsafe_allow_html=True)``
  blocks. Streamlit parses those as Markdown too, and a blank line inside a value ends the
  HTML block, so escaping ``<`` is not enough: every Markdown-significant character
  becomes a numeric character reference, and line breaks become ``&#10;``. Character
  references never form markup in either language.
- :func:`md_text` for Markdown bodies (``st.markdown``, ``st.warning``, ``st.success``,
  captions): every ASCII punctuation character is backslash-escaped (CommonMark allows
  that for all of them), so no link, image, emphasis or HTML can form, and line breaks
  become spaces so a value cannot start a new block. Streamlit also turns bare URLs and
  e-mail addresses into links *after* parsing (GFM autolink literals, found in the decoded
  text, so escapes do not stop them): an invisible WORD JOINER (U+2060) after ``http``,
  ``https``, ``www`` and ``@`` keeps them text.
- :func:`code_text` for an inline code span: the fence is one backtick longer than the
  longest run inside the value, so backticks cannot close it early.
- :func:`tooltip_text` for Leaflet tooltips and popups (HTML).
- :func:`md_table` for ``st.table``, which renders every cell, index value and column
  name as Markdown: each text becomes :func:`md_text`.

All of them remove the bidirectional control characters (embeddings, overrides and
isolates) that can make text display in a different order than it is stored; ordinary
right-to-left text (Arabic, Hebrew) is kept. :func:`html_text` also wraps nothing: use
:func:`bidi_html` around a value to isolate its direction from the text around it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from typing import Any

import pandas as pd

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Directional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI)."""
LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
MARKDOWN_SIGNIFICANT = "\\`*_{}[]()#+-.!|~:>=$%^"
"""Characters after HTML escaping that can start Markdown (or KaTeX, ``$``) constructs."""
_HTML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"}
_HTML |= {ord(c): f"&#{ord(c)};" for c in MARKDOWN_SIGNIFICANT + "'/" if ord(c) not in _HTML}
_MD_ESCAPE = {ord(c): "\\" + c for c in string.punctuation}
WORD_JOINER = "\u2060"
AUTOLINK_START = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])|(@)")
MAX_LENGTH = 10_000


def plain(value: object) -> str:
    """The value as one line of text: '' for None/NaN, bidi controls removed, breaks as spaces."""
    if value is None or (not isinstance(value, str) and _is_missing(value)):
        return ""
    text = str(value)[:MAX_LENGTH]
    return LINE_BREAKS.sub(" ", BIDI_CONTROLS.sub("", text))


def html_text(value: object) -> str:
    """Text safe in HTML *and* in HTML blocks that Markdown also parses (see the module).

    Examples
    --------
    >>> html_text('<img src=x>\\n\\n![a](http://127.0.0.2/)')
    '&lt;img src&#61;x&gt;&#10;&#10;&#33;&#91;a&#93;&#40;http&#58;&#47;&#47;127&#46;0&#46;0&#46;2&#47;&#41;'
    """
    if value is None or (not isinstance(value, str) and _is_missing(value)):
        return ""
    text = BIDI_CONTROLS.sub("", str(value)[:MAX_LENGTH])
    escaped = text.translate(_HTML)  # one pass: no reference is escaped twice
    return LINE_BREAKS.sub("&#10;", escaped)


def md_text(value: object) -> str:
    """Text safe as (part of) a Markdown body: punctuation escaped, one line, tabs as
    spaces and no leading blanks (an indented line is a code block).

    Examples
    --------
    >>> md_text("![x](http://127.0.0.2/a.png) <b>&")
    '\\\\!\\\\[x\\\\]\\\\(http\\u2060\\\\:\\\\/\\\\/127\\\\.0\\\\.0\\\\.2\\\\/a\\\\.png\\\\) \\\\<b\\\\>\\\\&'
    """
    text = plain(value).replace("\t", " ").lstrip(" ")
    unlinked = AUTOLINK_START.sub(lambda m: m.group(0) + WORD_JOINER, text)
    return unlinked.translate(_MD_ESCAPE)


def code_text(value: object) -> str:
    """An inline Markdown code span showing the value verbatim (one line).

    Examples
    --------
    >>> code_text("a ` b"), code_text("``x")
    ('`` a ` b ``', '``` ``x ```')
    """
    text = plain(value)
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    return f"{fence} {text} {fence}" if text else ""


def md_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for ``st.table``: every text cell, index value and column name
    rendered by :func:`md_text` (numbers, dates and missing values stay as they are).

    Examples
    --------
    >>> print(md_table(pd.DataFrame({"by": ["![x](y)"], "n": [1]})).iloc[0, 0])
    \\!\\[x\\]\\(y\\)
    """

    def cell(value: object) -> object:
        return md_text(value) if isinstance(value, str) else value

    out = frame.map(cell)
    out.index = pd.Index([cell(v) for v in frame.index], name=_md_name(frame.index.name))
    out.columns = pd.Index([cell(c) for c in frame.columns])
    return out


def _md_name(name: object) -> object:
    return md_text(name) if isinstance(name, str) else name


def tooltip_text(value: object) -> str:
    """Text for a Leaflet tooltip or popup (HTML): the same as :func:`html_text`."""
    return html_text(value)


def bidi_html(inner_html: str) -> str:
    """Already-escaped HTML inside ``<bdi>``, so its direction cannot reorder its neighbours."""
    return f"<bdi>{inner_html}</bdi>"


def notice(template: str, *values: object) -> str:
    """A Markdown notice: ``template`` (our own text, with ``{}`` slots) filled with values
    rendered by :func:`md_text`.

    >>> notice("Unknown place {}; showing {}.", "**x**", "all")
    'Unknown place \\\\*\\\\*x\\\\*\\\\*; showing all.'
    """
    return template.format(*(md_text(v) for v in values))


def problem_list(problems: Sequence[object], limit: int = 50, hide: str | None = None) -> str:
    """Problem lines as a Markdown list of code spans (at most ``limit``, then a count).

    ``hide`` (a folder path) is cut from the start of each line, so viewers see
    ``events/x.csv:3: …`` relative to the data folder, not where the server keeps it.
    """
    shown = [f"- {code_text(hide_folder(problem, hide))}" for problem in problems[:limit]]
    if len(problems) > limit:
        shown.append(f"- … and {len(problems) - limit:,} more")
    return "\n".join(shown)


def hide_folder(line: object, folder: object) -> str:
    """``line`` with every ``folder/`` (a server path) removed, so viewers see paths from
    inside the folder on: ``events/x.csv:3: …``.

    >>> hide_folder("/srv/data/ledger.sqlite: busy", "/srv/data/")
    'ledger.sqlite: busy'
    """
    text = str(line)
    if not folder:
        return text
    return text.replace(str(folder).rstrip("/\\") + "/", "")


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def esc(value: object) -> str:
    """Short for :func:`html_text` (data text in HTML: tooltips, popups, HTML blocks)."""
    return html_text(value)


def md(value: object) -> str:
    """Short for :func:`md_text` (data text in a Markdown body)."""
    return md_text(value)
