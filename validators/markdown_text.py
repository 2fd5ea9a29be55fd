"""Untrusted text made inert for Markdown and HTML: used by the PR comment and every site page."""

from __future__ import annotations

import re
import string

from validators.yaml.hidden_characters import visible
from validators.yaml.policy import hidden_characters

__all__ = ["code_span", "inert", "inert_block", "inert_on_github"]

# Every ASCII punctuation character becomes a numeric entity: no Markdown syntax, HTML tag,
# attribute list or autolink can start from it, and the browser still shows the same character.
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}
_BACKTICKS = re.compile(r"`+")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")
# GitHub decodes entities before it looks for mentions (@user, @org/team), references (#1,
# GH-1, owner/repo#1, user@sha) and autolinks (https://…, www.…, a@b.c), so an entity is not
# enough on a pull request: a word joiner (U+2060, invisible) after the character that starts
# each of them breaks the pattern and leaves the text as it reads.
_WORD_JOINER = "\u2060"
_GITHUB_TRIGGERS = re.compile(r"[@#/:]|(?<=[Gg][Hh])-|(?<=[Ww]{3})(?=\.)")


def _one_line(text: object) -> str:
    """One line, each hidden or format character shown as <U+XXXX> rather than kept or lost."""
    return visible(_BREAKS.sub(" ", str(text)), hidden_characters())


def inert(text: object) -> str:
    """Text of one line, shown exactly as typed, interpreted as nothing."""
    return _one_line(text).translate(_ENTITIES)


def inert_block(text: object) -> str:
    """Like `inert`, keeping line breaks as <br>."""
    return "<br>".join(inert(line) for line in _BREAKS.split(str(text)))


def inert_on_github(text: object) -> str:
    """Like `inert`, and also notifies no one, references nothing and links nowhere on GitHub."""
    joined = _GITHUB_TRIGGERS.sub(lambda m: m.group() + _WORD_JOINER, _one_line(text))
    return joined.translate(_ENTITIES)


def code_span(text: object, in_table: bool = False) -> str:
    """A GitHub-flavoured code span that holds any text, backticks included."""
    value = _one_line(text)
    if in_table:
        value = value.replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(value)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark drops one space from each end of a span that begins and ends with one (unless
    # it is all spaces): a padded span shows a value with edge backticks or edge spaces intact.
    edge_spaces = value.startswith(" ") and value.endswith(" ") and value.strip(" ")
    pad = " " if not value or value.startswith("`") or value.endswith("`") or edge_spaces else ""
    return f"{fence}{pad}{value}{pad}{fence}"
