"""Renders a comment as GitHub does (cmark-gfm with its extensions) and reads what a person would
be notified of, sent to or shown as a link: GitHub's own filters (mentions, references) run on
the text outside code and links after cmark-gfm, so that text is what the patterns search."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

# What GitHub turns into a notification or a link in rendered text (outside code and links).
MENTION = re.compile(r"(?<![A-Za-z0-9_`])@[A-Za-z0-9]")
REFERENCE = re.compile(r"(?<![A-Za-z0-9_])#[0-9]|(?i:\bGH-[0-9])|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#[0-9]"
                       r"|[A-Za-z0-9_.-]+@[0-9a-f]{7}")
AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp)://|\bwww\.")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._inside = 0  # depth of <code> and <a>: GitHub looks for mentions outside them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        if tag in ("a", "code"):
            self._inside += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "code"):
            self._inside -= 1

    def handle_data(self, data: str) -> None:
        if not self._inside:
            self.text.append(data)


def render(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def read(markdown: str) -> tuple[list[str], str]:
    """(every link target, the text outside code and links) of the rendered comment."""
    reader = _Reader()
    reader.feed(render(markdown))
    return reader.hrefs, " ".join(reader.text)
