"""The societies table: one row per society, one column per year (each year's total and tier),
so that totals of different years are never sorted in one column."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import phase
from site_builder.breadcrumbs import md_link, trail
from site_builder.context import SOCIETIES_PAGE, SiteData, ranking_page, status_page
from site_builder.downloads import SOCIETIES_LABEL
from site_builder.markup import SOCIETY, Cell, Column, cell, front_matter, num, text
from site_builder.report_page import NO_SEARCH
from site_builder.tables import long_table

PAGE = SOCIETIES_PAGE
ROWS = "societies/rows.json"


def _year_cell(site: SiteData, society: str, year: int) -> Cell:
    e = site.evaluation(society, year)
    if e is None:
        return Cell("—", "-1")
    return cell(site.year_link(PAGE, society, year, f"{num(e.total)}（{text(e.tier)}）"), e.total)


def _heading(site: SiteData, year: int) -> str:
    """A year's column heading, also each phone card's label: words true on any day (the card's
    label cannot follow the reader's day; `_not_final` above the table does)."""
    return f"{year} 年度总分" + (f"（{phase.NOT_FINAL}）" if phase.not_final(site, year) is not None else "")


def _not_final(site: SiteData, years: list[int]) -> str:
    """The phase of each year not final, said once above the table, for the reader's day."""
    said = [f"{year} 年度：{now}" for year in years if (now := phase.not_final_said(site, year))]
    return (f'<p class="sb-not-final" {NO_SEARCH}>{"；".join(said)}（{phase.as_of_day(site)}）。</p>\n\n'
            if said else "")


def _row(site: SiteData, society: str, years: list[int]) -> list[Cell]:
    profile = site.profile(society)
    return [cell(site.society_link(PAGE, society), site.name(society)),
            *(_year_cell(site, society, y) for y in years),
            cell(text(profile.kind.label) if profile else "—"), cell(text(profile.discipline) if profile else "—")]


def search_help(site: SiteData) -> str:
    """What the search box finds, said where readers look for a society: the index holds the
    reports of the latest and the open years only (phase.indexed_years), so an earlier year's
    report is reached through its society's page. Kept out of the index itself."""
    indexed = sorted(phase.indexed_years(site))
    if not indexed:
        return ""
    earlier = [y for y in site.years if y not in indexed]
    said = (f"页面顶部的搜索框按名称找学会，也按内容找 {'、'.join(map(str, indexed))} 年度的报告："
            "报告中的项目和活动名称、区（市）县，以及服务的企业、委托单位等单位的名称（单位请输入全称）。")
    if earlier:
        said += (f"{'、'.join(map(str, earlier))} 年度的报告不能按内容搜索："
                 "请点击下表中的学会名称，在学会页面中打开该年度的报告。")
    return f'<p class="sb-search-help" {NO_SEARCH}>{said}</p>\n\n'


def render(site: SiteData) -> str:
    return _render(site)[0]


def _render(site: SiteData) -> tuple[str, str | None]:
    years = list(reversed(site.years))
    # A year not yet final says so in its heading: its totals stand beside final ones.
    columns = [SOCIETY, *(Column(_heading(site, y), numeric=True) for y in years),
               Column("类型"), Column("学科")]
    rows = [_row(site, s, years) for s in site.societies]
    choice = "；".join(f"{md_link(PAGE, ranking_page(y), f'{y} 年度排名')}（含各领域得分）、"
                      f"{md_link(PAGE, status_page(y), f'{y} 年度提交情况')}" for y in years)
    html, more = long_table(columns, rows, label="全部学会", caption=True, key=(0, 1) if years else (0,),
                            rows_file="rows.json", download=SOCIETIES_LABEL)
    return (front_matter("学会", hide=["toc"]) + trail(PAGE, [], "学会") + f"# 学会（{len(rows)} 个）\n\n"
            "每个学会一行，每个年度一列（总分和档次），不同年度的总分不在同一列中排序。点击表头排序，"
            "点击学会名称查看学会概况和历年趋势，点击分数查看该年度的报告、逐项得分和改进建议。\n\n"
            + (f"按年度查看：{choice}。\n{{: .sb-years }}\n\n" if years else "")
            + search_help(site) + _not_final(site, years) + html + "\n"), more


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    page, more = _render(site)
    yield PAGE, page
    if more is not None:
        yield ROWS, more
