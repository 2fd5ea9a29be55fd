"""The home page: the hand-written introduction, then the year's figures and tier chart."""

from __future__ import annotations

from site_builder import phase
from site_builder.areas import INDEX as AREAS_INDEX
from site_builder.areas import item_counts
from site_builder.context import SiteData, area_page
from site_builder.markup import Column, cell, link, num_cell, text
from site_builder.rankings import INDEX as RANKINGS_INDEX
from site_builder.rankings import tier_chart
from site_builder.societies import PAGE as SOCIETIES_PAGE
from site_builder.tables import table

PAGE = "index.md"
# Where the figures go in docs/index.md; without the marker they follow the introduction.
MARKER = "<!-- site-figures -->"


def figures(site: SiteData) -> str:
    out: list[str] = []
    if any(site.is_sample(s) for s in site.societies):
        out.append('!!! warning "示例数据"\n    本站当前展示的学会和活动是虚构的示例数据（标有“示例”），'
                   "仅用于演示本系统，不代表任何真实学会的工作情况。\n")
    year = phase.featured_year(site)
    reports = len(site.reports_in(year)) if year else 0
    out.append(f'<p class="sb-counts">已登记学会 <strong>{len(site.societies)}</strong> 个'
               + (f"；{year} 年度报告 <strong>{reports}</strong> 份" if year else "") + "。</p>\n")
    # Every year of the cycle, a year open for filing with no report yet too.
    out.append(phase.years_table(site, PAGE))
    if year is None:
        out.append("还没有任何年度报告。\n")
    else:
        out.append(f"## {year} 年度概况 {{#overview}}\n")
        out.append(phase.note(site, PAGE, year))
        rows = [[cell(link(site.urls.rel(PAGE, area_page(year, key)),
                           f"{site.area_numbers(year)[key]}、{text(title)}")), num_cell(item_counts(site, year)[key])]
                for key, title in site.area_titles(year).items()]
        out.append(table([Column("领域"), Column("项目数", numeric=True)], rows, label=f"{year} 年度各领域项目数",
                         key=(0, 1), sortable=False) + "\n")
        out.append(tier_chart(site, year) + "\n")
    links = [link(site.urls.rel(PAGE, SOCIETIES_PAGE), "全部学会"),
             link(site.urls.rel(PAGE, RANKINGS_INDEX), "各年度排名"),
             link(site.urls.rel(PAGE, AREAS_INDEX), "各领域项目")]
    out.append("<p>查看：" + " · ".join(links) + "。</p>\n")
    out.append(f'<p class="sb-build-date">本站生成于 {text(site.build_date)}。</p>\n')
    return "\n".join(out)


def render(site: SiteData, intro: str) -> str:
    generated = figures(site)
    if MARKER in intro:
        return intro.replace(MARKER, generated, 1)
    return intro.rstrip("\n") + "\n\n" + generated
