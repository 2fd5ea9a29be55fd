"""Untrusted text made inert for Markdown and HTML: used by the PR comment and every site page."""

from __future__ import annotations

import re
import string

# Every ASCII punctuation character becomes a numeric entity: no Markdown syntax, HTML tag,
# attribute list or autolink can start from it, and the browser still shows the same character.
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: object) -> str:
    """Text of one line, shown exactly as typed, interpreted as nothing."""
    cleaned = _INVISIBLE.sub("", _BREAKS.sub(" ", str(text)))
    return cleaned.translate(_ENTITIES)


def inert_block(text: object) -> str:
    """Like `inert`, keeping line breaks as <br>."""
    return "<br>".join(inert(line) for line in _BREAKS.split(str(text)))


def code_span(text: object, in_table: bool = False) -> str:
    """A GitHub-flavoured code span that holds any text, backticks included."""
    value = _INVISIBLE.sub("", _BREAKS.sub(" ", str(text)))
    if in_table:
        value = value.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark drops one space from each end of a span that begins and ends with one (unless
    # it is all spaces): a padded span shows a value with edge backticks or edge spaces intact.
    edge_spaces = value.startswith(" ") and value.endswith(" ") and value.strip(" ")
    pad = " " if not value or value.startswith("`") or value.endswith("`") or edge_spaces else ""
    return f"{fence}{pad}{value}{pad}{fence}"
