"""The guideline, published from its text file exactly as written, one anchor per clause.

The text is `validators/guidelines/<year>.txt`. Areas (`一、…`) become headings with anchors
`area-1` … `area-7`; each numbered requirement becomes a paragraph with anchor `clause-1-2`;
an area's opening paragraph gets `clause-1` when the guideline names it as a clause (1, 4, 6).
Lines broken in the middle of a sentence are joined; no word is changed. A clause keeps its
own number (`1.`); the area's number before it makes the clause id (`1.1.`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.context import GUIDELINE_PAGE, NUMERALS, SiteData
from site_builder.markup import area_anchor, attr, clause_anchor, front_matter, text
from validators.year.guideline import GUIDELINES_DIR, Guideline, available_years, guideline

_AREA = re.compile(rf"^([{NUMERALS}]+)、")
_CLAUSE = re.compile(r"^(\d+)\s*[.、．]")


@dataclass(slots=True)
class Paragraph:
    text: str
    clause: str | None = None


@dataclass(slots=True)
class AreaText:
    number: str
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class GuidelineText:
    preface: list[str]
    title: str
    areas: list[AreaText]


def text_year(year: int, root: Path | None = None) -> int | None:
    """The year whose text file holds `year`'s guideline (following `carried_forward_from`)."""
    rules: Guideline | None = guideline(year, root)
    while rules is not None:
        if (GUIDELINES_DIR / f"{rules.year}.txt").is_file():
            return rules.year
        rules = guideline(rules.carried_forward_from, root) if rules.carried_forward_from else None
    return None


def parse(raw: str, rules: Guideline) -> GuidelineText:
    """Areas, their opening paragraphs and their numbered clauses, in the file's order."""
    lines = [line.strip() for line in raw.splitlines()]
    preface: list[str] = []
    title = rules.title
    areas: list[AreaText] = []
    for line in filter(None, lines):
        heading = _AREA.match(line)
        if heading:
            number = str(NUMERALS.index(heading.group(1)) + 1)
            areas.append(AreaText(number, line))
            continue
        if not areas:
            if line == rules.title:
                title = line
            else:
                preface.append(line)
            continue
        area = areas[-1]
        numbered = _CLAUSE.match(line)
        if numbered:
            area.paragraphs.append(Paragraph(line, f"{area.number}.{numbered.group(1)}"))
        elif area.paragraphs and area.paragraphs[-1].clause != area.number \
                and area.paragraphs[-1].clause is not None:
            area.paragraphs[-1].text += line  # a clause broken across lines
        else:
            opening = area.number if area.number in rules.clauses and not area.paragraphs else None
            area.paragraphs.append(Paragraph(line, opening))
    return GuidelineText(preface, title, areas)


def _paragraph(p: Paragraph) -> str:
    if p.clause is None:
        return f'<p class="sb-clause">{text(p.text)}</p>'
    anchor = clause_anchor(p.clause)
    # A numbered clause keeps its own number (「1.」): the badge adds the area's (「1.」), so the
    # two read as one number, “1.1.”, not as “1.1 1.”.
    area, _, own = p.clause.partition(".")
    badge, klass = (f"{area}.", "sb-clause__id sb-clause__id--area") if own else (p.clause, "sb-clause__id")
    return (f'<p class="sb-clause" id="{attr(anchor)}">'
            f'<a class="{klass}" href="#{attr(anchor)}" title="条款 {attr(p.clause)}" '
            f'aria-label="条款 {attr(p.clause)}">{text(badge)}</a>{text(p.text)}</p>')


def render(doc: GuidelineText, years: list[int], source: str) -> str:
    used = "、".join(f"{y} 年度" for y in years)
    out = [front_matter("工作指南"), f'<p class="sb-guideline-preface">{"<br>".join(map(text, doc.preface))}</p>\n'
           if doc.preface else "", f"# {text(doc.title)}\n",
           '!!! note "关于本页"\n'
           f"    本页是{text(source)}的原文，逐字发布。条款编号（如 1.2）由本站所加的领域序号和原文的条目序号组成，"
           "网站上的每一项审核提示、评分规则和得分都链接到它所依据的条款。"
           + (f"适用于：{used}。" if used else "") + "\n"]
    for area in doc.areas:
        out.append(f"## {text(area.heading)} {{#{area_anchor(area.number)}}}\n")
        out += [_paragraph(p) + "\n" for p in area.paragraphs]
    return "\n".join(out)


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    """The latest guideline text: of the newest year with reports, or of the newest year at all."""
    root = site.repo.root
    years = site.years or [y for y in available_years(root) if guideline(y, root) is not None]
    source_year = next((t for y in reversed(years) if (t := text_year(y, root)) is not None), None)
    if source_year is None:
        raise FileNotFoundError(f"no guideline text (<year>.txt) in {GUIDELINES_DIR}")
    rules = guideline(source_year, root)
    assert rules is not None
    raw = (GUIDELINES_DIR / f"{source_year}.txt").read_text(encoding="utf-8")
    users = [y for y in site.years if text_year(y, root) == source_year]
    yield GUIDELINE_PAGE, render(parse(raw, rules), users, rules.source)
