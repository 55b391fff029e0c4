"""The one renderer of data text: inert in Markdown, HTML blocks, code spans and tooltips.

Each payload is rendered by a CommonMark parser with raw HTML on and GFM autolinks
(markdown-it-py + linkify), the way Streamlit's Markdown treats it: no element but the
paragraph (or the code span) may appear, and the reader must see the payload's text.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dashboard.ui.text import BIDI_CONTROLS, code_text, html_text, md_text, notice, plain

HOST = "http://127.0.0.2"
PAYLOADS = [
    f"Zawiya\n\n![pixel]({HOST}/leak.png)",
    f"[Sign in]({HOST}/login)",
    f"<img src={HOST}/x.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    "a ` b `` c ```",
    "`` break out `` **bold**",
    "Tom & Jerry &amp; &#60;b&#62;",
    "[[x]] {y} (z) #h1\n# heading\n---\n* item",
    "\u202eevil.exe\u202c txt.\u2067abc\u2069",
    "طرابلس \u200fGNA\u200f [RTL](" + HOST + ")",
    f"{HOST}/autolink www.127.0.0.2.example",
    "line1\r\nline2\rline3\u2028line4",
    "<a href='" + HOST + "'>x</a>",
    ":red[coloured] :material/home: $x^2$ ~~s~~",
    "\\`escaped\\` \\\\ back",
    "| a | b |\n|---|---|\n| c | d |",
    "mail admin@127.0.0.2.example or WWW.127.0.0.2.example, HTTPS://127.0.0.2",
]
MD = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
    ["linkify", "table", "strikethrough"]
)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")


def tags(rendered: str) -> set[str]:
    return {m.group(2).lower() for m in TAG.finditer(rendered)}


def visible(rendered: str) -> str:
    """What a reader sees: tags dropped, references decoded, invisible word joiners gone."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u2060", "").strip()


# Streamlit links bare URLs and e-mail addresses found in the *decoded* text after parsing
# (GFM autolink literals as remark-gfm finds them), so escapes alone do not stop them.
AUTOLINK_LITERAL = re.compile(r"(?i)(https?://|www\.|[\w.+-]@[\w-]+\.)")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_text_renders_as_one_paragraph_of_the_same_text(payload):
    rendered = MD.render(f"Unknown place {md_text(payload)}, showing all.")
    assert tags(rendered) == {"p"}, rendered
    assert not AUTOLINK_LITERAL.search(html.unescape(re.sub(r"<[^>]+>", "", rendered)))
    assert visible(rendered) == f"Unknown place {plain(payload)}, showing all."


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_stays_text_inside_an_html_block_after_a_blank_line(payload):
    rendered = MD.render(f'<div class="fl-day"><b>Today</b> {html_text(payload)}</div>')
    assert tags(rendered) <= {"div", "b"}, rendered
    text = visible(rendered).replace("\n", " ")
    assert (
        text
        == f"Today {BIDI_CONTROLS.sub('', payload)}".replace("\r\n", " ").translate(
            {ord(c): " " for c in "\r\n\u2028"}
        )
        or plain(payload) in " ".join(text.split())
        or text.startswith("Today")
    )
    assert "<img" not in rendered and "<a " not in rendered and "<script" not in rendered


@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_text_is_one_code_span_showing_the_value(payload):
    rendered = MD.render(f"- {code_text(payload)}")
    assert tags(rendered) == {"ul", "li", "code"}, rendered
    inner = re.search(r"<code>(.*)</code>", rendered, re.S)
    assert inner and html.unescape(inner.group(1)) == plain(payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_line_break_or_bidi_control_survives(payload):
    for rendered in (md_text(payload), html_text(payload), code_text(payload)):
        assert "\n" not in rendered and "\r" not in rendered and "\u2028" not in rendered
        assert not BIDI_CONTROLS.search(rendered)


def test_rtl_letters_are_kept():
    assert "طرابلس" in md_text("طرابلس") and "طرابلس" in html_text("طرابلس")


def test_notice_fills_only_its_slots_with_escaped_values():
    text = notice("Bad date {}: showing {}.", f"![x]({HOST}/a.png)", "2020-10-23")
    assert tags(MD.render(text)) == {"p"}
    assert visible(MD.render(text)) == f"Bad date ![x]({HOST}/a.png): showing 2020-10-23."


@given(st.text(max_size=200))
def test_any_text_renders_inert_in_every_context(value):
    assert tags(MD.render(md_text(value) or "x")) <= {"p"}
    assert not AUTOLINK_LITERAL.search(
        html.unescape(re.sub(r"<[^>]+>", "", MD.render(md_text(value))))
    )
    assert tags(MD.render(f"<div>{html_text(value)}</div>")) <= {"div"}
    assert tags(MD.render(f"- {code_text(value) or 'x'}")) <= {"ul", "li", "code"}


@pytest.mark.parametrize("payload", [*PAYLOADS, "it's #1 & <b>", "&#x27; &amp;"])
def test_html_text_decodes_back_to_the_text_once(payload):
    """Every reference is produced once: the reader sees the payload, not '&#x27;'."""
    decoded = html.unescape(html_text(payload))
    assert decoded == BIDI_CONTROLS.sub("", payload).replace("\r\n", "\n").translate(
        {ord(c): "\n" for c in "\r\u2028\u2029\x0b\x0c\x85"}
    )


@pytest.mark.parametrize("value", ["\t0", "    code?", " \t x"])
def test_indented_text_is_no_code_block(value):
    assert tags(MD.render(md_text(value))) == {"p"}
