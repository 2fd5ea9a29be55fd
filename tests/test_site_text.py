"""What a reader sees on every built page, read from the HTML: Chinese labels (no model keys,
rule ids or other ASCII identifiers outside code, links and text marked as English), and no
stray space between two CJK characters (a line break inside a Chinese paragraph shows as one)."""

from __future__ import annotations

import functools
import re
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.site_support import built_site, html_pages
from validators.models.report import YearReport
from validators.models.society import SocietyProfile
from validators.year.rubric import Rubric

pytestmark = pytest.mark.slow

# Where identifiers may stand: code, links (the 「原文」 links carry paths in their tooltip),
# text marked as English (GitHub's button names), and what is not text at all.
_SKIPPED = {"code", "pre", "kbd", "a", "script", "style", "svg", "textarea", "select", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Visible(HTMLParser):
    """The text of a page outside `_SKIPPED` elements and `lang="en"` ones, one string per node."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        found = dict(attrs)
        hidden = tag in _SKIPPED or (found.get("lang") or "").startswith("en") or "hidden" in found
        self.stack.append(hidden or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


@functools.cache
def visible(path: Path) -> list[str]:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.text


def _keys(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    found = set(model.model_fields)
    for field in model.model_fields.values():
        stack: list[object] = [field.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                found |= _keys(kind, seen)
            stack += typing.get_args(kind)
    return found


MODEL_KEYS = _keys(YearReport, set()) | _keys(SocietyProfile, set()) | _keys(Rubric, set())
IDENTIFIER = re.compile(
    r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"     # snake_case: model keys, rule names
    r"|\b[EW]-[A-Z]+(?:-[A-Z0-9]+)*\b"                # finding codes
    r"|\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b"             # slugs: society ids, item ids, rubric ids
    r"|\b[\w./-]+\.(?:ya?ml|json|csv)\b")             # file paths
WORD = re.compile(r"\b[a-z]+\b")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_GAP = re.compile(rf"[{CJK}]\s+[{CJK}]")
# A clause cited bare in brackets, “（六）” or “（3.2）”, where the site writes “（条款 3.2）”.
BARE_CLAUSE = re.compile(r"（(?:[一二三四五六七]|[1-7](?:\.[1-9])?(?:、[1-7](?:\.[1-9])?)*)）")


@pytest.fixture(scope="module")
def pages() -> list[Path]:
    site = built_site()
    return html_pages(site)


def test_no_internal_name_in_what_readers_see(pages: list[Path]) -> None:
    found = []
    for page in pages:
        for chunk in visible(page):
            names = IDENTIFIER.findall(chunk) + [w for w in WORD.findall(chunk) if w in MODEL_KEYS]
            found += [f"{page.parent.name}: {n!r} in {chunk.strip()[:60]!r}" for n in names]
    assert not found, "\n".join(found[:30])


def test_the_scan_would_see_a_model_key(tmp_path: Path) -> None:
    """The scanner itself: a key in a table cell is found, the same key in code or a link is not."""
    page = tmp_path / "p.html"
    page.write_text("<td>pilot：是</td><td><code>pilot</code></td><a href='x'>cd-tcm</a>"
                    "<td>E-SCHEMA-TYPE</td><span lang='en'>Create new file</span>", encoding="utf-8")
    chunks = visible(page)
    names = [n for c in chunks for n in IDENTIFIER.findall(c) + [w for w in WORD.findall(c) if w in MODEL_KEYS]]
    assert names == ["pilot", "E-SCHEMA-TYPE"]


def _matches(pages: list[Path], pattern: re.Pattern[str]) -> list[str]:
    """Every match of `pattern` in what readers see, with its page and the text around it."""
    return [f"{page.parent.name}: {m.group()!r} in {chunk.strip()[:50]!r}"
            for page in pages for chunk in visible(page) for m in pattern.finditer(chunk)]


def test_no_stray_space_between_chinese_characters(pages: list[Path]) -> None:
    found = _matches(pages, CJK_GAP)
    assert not found, "\n".join(found[:30])


def test_clauses_are_cited_one_way(pages: list[Path]) -> None:
    """The rubric page cited “（六）”, “区县（一）” and “（3.2）” beside “条款 6” everywhere else."""
    found = _matches(pages, BARE_CLAUSE)
    assert not found, "\n".join(found[:30])


def test_heading_links_are_named_in_chinese(pages: list[Path]) -> None:
    """The ¶ beside each heading: Python-Markdown titles it "Permanent link" unless told."""
    titles = {m for page in pages
              for m in re.findall(r'<a class="headerlink" href="[^"]*" title="([^"]*)"', page.read_text("utf-8"))}
    assert titles == {"本节链接"}
