"""The societies table: one sortable row per society with its latest evaluation."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.context import SiteData
from site_builder.markup import Cell, Column, cell, front_matter, num_cell, table, text
from validators.evaluation.scoring import AREAS

PAGE = "societies.md"


def _row(site: SiteData, society: str, titles: dict[str, str]) -> list[Cell]:
    profile = site.profile(society)
    years = [d.report.year for d in site.reports_of(society) if d.report.year in site.years]
    e = site.evaluation(society, years[-1]) if years else None
    return [cell(site.society_link(PAGE, society), society), cell(text(profile.kind.label) if profile else "—"),
            cell(text(profile.discipline) if profile else "—"),
            num_cell(years[-1] if years else None, "未提交"),
            num_cell(e.total if e else None), cell(text(e.tier) if e else "—"),
            *(num_cell(e.subtotals.get(a, 0.0) if e else None) for a in titles)]


def render(site: SiteData) -> str:
    year = site.latest_year
    titles = site.area_titles(year) if year else {a: a for a in AREAS}
    columns = [Column("学会"), Column("类型"), Column("学科"), Column("年度", numeric=True),
               Column("总分", numeric=True), Column("档次"),
               *(Column(h, numeric=True) for h in (site.area_headers(year) if year else titles.values()))]
    rows = [_row(site, s, titles) for s in site.societies]
    return (front_matter("学会", hide=["navigation", "toc"]) + f"# 学会（{len(rows)} 个）\n\n"
            "每个学会一行，得分为该学会最近一个年度报告的评估结果。点击表头排序，"
            "点击学会名称查看年度报告、逐项得分和改进建议。"
            + (f"各领域得分列依次为：{site.area_legend(year)}。" if year else "") + "\n\n"
            + table(columns, rows, caption="全部学会") + "\n")


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    yield PAGE, render(site)
