"""Escaping of data text: HTML everywhere, Markdown where st.markdown renders it."""

import pytest

from dashboard.ui.map.popups import safe_link
from dashboard.ui.text import esc, md


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ('https://x.org/"onmouseover="alert(1)', False),
    ],
)
def test_only_http_links_become_anchors(url, linked):
    html = safe_link(url, "<b>title</b>")
    assert (html.startswith("<a href=")) is linked
    assert "<b>" not in html and "<script>" not in html


def test_esc_neutralises_tags_and_quotes():
    assert esc('<img src=x onerror="alert(1)">') == (
        "&lt;img src&#61;x onerror&#61;&quot;alert&#40;1&#41;&quot;&gt;"
    )


def test_md_escapes_markdown_links_and_emphasis():
    text = md("[click](https://evil.example) **bold** `code`")
    assert "](" not in text.replace("\\](", "") and "\\*\\*bold\\*\\*" in text and "\\`" in text
