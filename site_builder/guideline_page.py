"""The guideline: one page per year with the text that year is judged by, and a landing page.

`guideline/<year>/` publishes the year's guideline text (validators/year/text.py) exactly as
written: the year's own `<year>.txt`, or the text it carries forward, which the page says. Areas
(`一、…`) become headings with anchors `area-1` … `area-7`; each clause a paragraph with anchor
`clause-1-2` (an area's opening: `clause-1`). A clause keeps its own number (`2.`); a badge
before it, not part of the text, shows the site's clause id (`1.2`).

A year's page is made from that year alone, apart from the picker of years at its top and the
comparison with the year before at its end (which a later year never changes): a new
year's text changes no earlier year's words or anchors, and every report's clause links cite
the page of its own year. `guideline/` lists the years, newest first.

A year after the first ends with the section “与上一年度相比改动的条款” (clause_changes.py):
the clauses whose words differ from the previous year's text, both wordings quoted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_builder import clause_changes, phase, rubric_changes
from site_builder.breadcrumbs import md_link, trail
from site_builder.context import GUIDELINE_PAGE, RUBRIC_PAGE, SiteData, guideline_year_page
from site_builder.markup import (
    Column,
    area_anchor,
    attr,
    cell,
    clause_anchor,
    dated_text,
    front_matter,
    link,
    text,
)
from site_builder.tables import table
from validators.year.guideline import EvaluationWindow
from validators.year.text import GuidelineText, Paragraph, guideline_text

INDEX = GUIDELINE_PAGE


@dataclass(frozen=True, slots=True)
class YearText:
    """A year and the text it is judged by."""

    year: int
    title: str  # the year's guideline (its year file's title)
    text: GuidelineText
    text_title: str  # the text's own title: 2017年学会重点工作指南
    source: str  # where the text was published, from the year file of the text's year

    @property
    def own(self) -> bool:
        return self.text.year == self.year


def year_text(site: SiteData, year: int) -> YearText:
    doc = guideline_text(year, site.repo.root)
    origin = site.guideline(doc.year)  # the year file of the text's own year says where it is from
    return YearText(year, site.guideline(year).title, doc, doc.title or origin.title, origin.source)


def _paragraph(p: Paragraph) -> str:
    if p.clause is None:
        return f'<p class="sb-clause">{text(p.text)}</p>'
    anchor = clause_anchor(p.clause)
    # The site's clause id (the one every 条款 link cites) in a badge before the guideline's own
    # words, which keep their own number (2.). The badge draws the id from data-clause
    # (site.css): it is not in the page's text, so copying a clause copies the guideline's
    # words alone. The area's number run into the text (1. before 2.副高职…) read as the
    # guideline's own 1.2.副高职… and was copied with it.
    return (f'<p class="sb-clause" id="{attr(anchor)}">'
            f'<a class="sb-clause__id" href="#{attr(anchor)}" title="条款 {attr(p.clause)}" '
            f'aria-label="条款 {attr(p.clause)}" data-clause="{attr(p.clause)}"></a>{text(p.text)}</p>')


def picker(site: SiteData, year: int) -> str:
    """Links to the other years' guideline pages; this year's marked as the current page."""
    page = guideline_year_page(year)
    choices = [f'<strong aria-current="page">{y} 年度</strong>' if y == year
               else link(site.urls.rel(page, guideline_year_page(y)), f"{y} 年度")
               for y in reversed(site.guideline_years)]
    return (f'<nav class="sb-years" aria-label="选择年度" data-search-exclude>'
            f"<p>选择年度：{' · '.join(choices)}</p></nav>\n")


def previous_year(site: SiteData, year: int) -> int | None:
    """The guideline year before `year`; None for the first."""
    return max((y for y in site.guideline_years if y < year), default=None)


def window_said(window: EvaluationWindow) -> str:
    """The year's evaluation window as the guideline and rubric pages say it, with its note; a
    note that states the window itself (every shipped year's and `new-year`'s do) is said alone,
    so that the dates are not read twice in one breath."""
    if window.label in window.note:
        return dated_text(window.note)
    return f"评估期：{dated_text(window.label)}。{dated_text(window.note)}"


def _rubric_changes(site: SiteData, year: int, page: str) -> str:
    """Where the year's other changes are said: the rubric page's section on its points, caps,
    tiers and the guideline data scored by (a year that carries the text forward changes those)."""
    before = rubric_changes.previous_year(site, year)
    if before is None or year not in phase.rubric_years(site):
        return ""
    href = site.urls.rel(page, RUBRIC_PAGE, rubric_changes.anchor(year))
    return (f"指南原文之外，{year} 年度的评估细则（分值、上限和分档线）和指南数据（计分所依据的阈值和名单）"
            f"与 {before} 年度相比的变化，见评估细则页的“{link(href, rubric_changes.HEADING)}”。")


def _changes(site: SiteData, year: int, doc: GuidelineText) -> tuple[str, str]:
    """The sentence the page's note says of the changes, and the section at its end."""
    before = previous_year(site, year)
    if before is None:
        return "", ""
    page = guideline_year_page(year)
    earlier = guideline_text(before, site.repo.root)
    return (clause_changes.said_in_note(earlier, doc, before),
            clause_changes.section(earlier, doc, before, year, site.urls.rel(page, guideline_year_page(before)),
                                   _rubric_changes(site, year, page)))


def _about(entry: YearText, page: str, changes: str) -> str:
    """Which text this is, said first: a carried-forward year's page shows another year's title."""
    source = f"原文出处：{text(entry.source)}。"
    if entry.own:
        title = f"{entry.year} 年度的工作指南"
        said = f"本页逐字发布 {entry.year} 年度自己的指南原文；{source}"
    else:
        title = f"{entry.year} 年度沿用《{text(entry.text_title)}》"
        other = md_link(page, guideline_year_page(entry.text.year), f"{entry.text.year} 年度")
        said = f"{entry.year} 年度没有发布新的指南。本页逐字发布它沿用的原文，与{other}的指南相同；{source}"
    return (f'!!! note "{title}"\n    {said}每段前灰色标记中的条款编号（如 1.2）是本站所加的，'
            "由领域序号和原文的条目序号组成，不属于原文（复制原文时不带）；"
            f"{entry.year} 年度的每一项审核提示、评分规则和得分都链接到本页上它所依据的条款。{changes}\n")


def render(site: SiteData, year: int) -> str:
    """The year's page: the picker, then the text (which depends on this year alone)."""
    page = guideline_year_page(year)
    entry = year_text(site, year)
    doc = entry.text
    head = (front_matter(f"{year} 年度工作指南", search_exclude=not entry.own)
            + trail(page, [(INDEX, "工作指南")], f"{year} 年度") + picker(site, year))
    note, changes = _changes(site, year, doc)
    out = [_about(entry, page, note),
           # The window the year's dates and achievements are counted in (the year file's, not the text's).
           f"{window_said(site.guideline(year).evaluation_window)}\n",
           f'<p class="sb-guideline-preface">{"<br>".join(map(text, doc.preface))}</p>\n' if doc.preface else "",
           f"# {text(entry.text_title)} {{#top}}\n"]
    for area in doc.areas:
        out.append(f"## {text(area.heading)} {{#{area_anchor(area.number)}}}\n")
        out += [_paragraph(p) + "\n" for p in area.paragraphs]
    out.append(changes)
    return head + "\n" + "\n".join(p for p in out if p)


def render_index(site: SiteData) -> str:
    """The years, newest first: each year's guideline and whose text it is."""
    entries = [year_text(site, y) for y in reversed(site.guideline_years)]
    rows = []
    for e in entries:
        words = ("本年度的原文" if e.own
                 else f"沿用《{text(e.text_title)}》（{e.text.year} 年度的原文）")
        rows.append([cell(link(site.urls.rel(INDEX, guideline_year_page(e.year)), f"{e.year} 年度"), e.year),
                     cell(text(e.title)), cell(words)])
    # The newest year's page first, as a button: most readers come for it.
    newest = (md_link(INDEX, guideline_year_page(entries[0].year), f"查看最新的 {entries[0].year} 年度工作指南")
              + "{ .md-button .md-button--primary #guideline-newest }\n" if entries else "")
    columns = [Column("年度"), Column("工作指南"), Column("所用原文")]
    return (front_matter("工作指南") + trail(INDEX, [], "工作指南") + "# 工作指南\n\n"
            "每个年度的报告按该年度的工作指南评估。下面每个年度一页，逐字发布该年度适用的指南原文；"
            "没有发布新指南的年度沿用此前的指南，页面上写明沿用的是哪一份。"
            "网站上每一项审核提示、评分规则和得分所链接的条款，都在报告所属年度的那一页上。\n\n"
            + newest + "\n"
            + table(columns, rows, label="各年度的工作指南", key=(0, 1), sortable=False) + "\n")


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    yield INDEX, render_index(site)
    for year in site.guideline_years:
        yield guideline_year_page(year), render(site, year)
