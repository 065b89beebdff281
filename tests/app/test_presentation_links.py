"""No model or report text becomes a link in the chat, except our own [n] anchors (issue 12 item 6)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from answering.citations import Answer
from reportqa.presentation import chat_markdown

REPLY = (
    "Alerts are reviewed weekly [1]. See [the full guidance][r], <http://203.0.113.9/a>, "
    "http://203.0.113.9/b and www.example.org.\n\n[r]: http://203.0.113.9/c"
)


def test_reference_links_autolinks_and_bare_addresses_stay_text():
    answer = Answer(question="q", text=REPLY, citations=[], abstained=False, mode="llm")
    markdown = chat_markdown(answer, turn=2)
    html = MarkdownIt("gfm-like", {"linkify": False}).render(markdown)  # CommonMark + GFM tables/strikes
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["#src-2-1"], hrefs  # our anchor only
    # what the reply said is still there to read
    assert "the full guidance" in html and "203.0.113.9/b" in html and "example.org" in html
    # a renderer that links bare addresses by itself finds none: the "://" and "www." are encoded
    assert re.search(r"https?://|www\.", markdown) is None
