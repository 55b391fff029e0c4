"""Render Markdown the way Streamlit treats it (CommonMark, raw HTML, GFM autolinks) in tests."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
    ["linkify", "table", "strikethrough"]
)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")


def render(source: str) -> str:
    """The HTML a Markdown source becomes."""
    return MD.render(source)


def tags(source: str) -> set[str]:
    """Names of the HTML elements a Markdown source renders to."""
    return {m.group(2).lower() for m in TAG.finditer(render(source))}


def read(source: str) -> str:
    """The text a reader sees in a rendered Markdown source (tags dropped, one space runs)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", render(source))).replace("\u2060", "")
    return " ".join(text.split())
