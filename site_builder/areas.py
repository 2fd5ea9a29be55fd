"""One page per area and year listing every society's items (in parts of AREA_PAGE_SOCIETIES
societies, so that no page grows with their number); an index of them all."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from site_builder import items, phase
from site_builder.breadcrumbs import trail
from site_builder.context import SiteData, area_page, guideline_year_page
from site_builder.markup import (
    SOCIETY,
    Cell,
    Column,
    area_anchor,
    cell,
    front_matter,
    link,
    num,
    num_cell,
    text,
)
from site_builder.tables import table
from validators.evaluation.score_lines import CAP_RULE
from validators.evaluation.scoring import Evaluation
from validators.repository import ReportDoc
from validators.year.measures import expert_rate, percent

INDEX = "areas/index.md"


def item_counts(site: SiteData, year: int) -> dict[str, int]:
    """Items of each area in a year's reports (the innovation area counts its services)."""
    counts = dict.fromkeys(site.area_titles(year), 0)
    added = [(a.key, a.title) for a in site.guideline(year).added_areas]
    for doc in site.reports_in(year):
        for spec in items.item_lists(added):
            counts[spec.area] = counts.get(spec.area, 0) + len(spec.items(doc.report))
    return counts


def _facts(site: SiteData, page: str, docs: list[ReportDoc], area: str) -> str:
    """The per-society answers of areas 一 and 二 that are not lists."""
    rows: list[list[Cell]] = []
    for doc in docs:
        report, society = doc.report, doc.report.society
        name = cell(site.society_link(page, society), site.name(society))
        # A report that leaves the area out is listed too, as its page says it: 未填报.
        if area == "innovation" and report.innovation is None:
            rows.append([name, *(cell(items.NOT_REPORTED) for _ in range(4))])
        elif area == "innovation" and report.innovation:
            inn = report.innovation
            rate = expert_rate(inn.senior_experts_total, inn.senior_experts_registered)
            needed = site.guideline(report.year).thresholds.expert_registration_rate
            rows.append([name, cell(items.reported_yes_no(inn, "enterprise_platform_registered")),
                         num_cell(inn.senior_experts_total), num_cell(inn.senior_experts_registered),
                         Cell(percent(rate, needed).removesuffix("%"), f"{rate * 100:.6f}")
                         if rate is not None else num_cell(None)])
        elif area == "government_functions":
            # As the society's page says it: a claim the association's list does not (yet) confirm
            # is no pilot status (a reporter would quote a bare 是 as official).
            rows.append([name, cell(text(items.pilot_status(site, report)))])
    if not rows:
        return ""
    if area == "innovation":
        columns = [SOCIETY, Column("企业科协网注册"), Column("副高及以上专家", numeric=True),
                   Column("专家库注册", numeric=True), Column("注册率（%）", numeric=True)]
    else:
        columns = [SOCIETY, Column("首批承能试点")]
    return table(columns, rows, label="各学会的填报情况") + "\n"


# Why an area's score is not the sum of its items' points, said once above the table.
_SCORES_SAID = ("“本领域得分”是各学会评估结果中本领域的得分，不一定等于下面各项目“得分”之和："
                "它受细则规定的本领域上限约束，还包括专家评分和不对应具体项目的得分；"
                "“说明”写出每个学会两者的差别从哪里来。")


def _difference(site: SiteData, e: Evaluation, area: str, listed: set[str]) -> tuple[float, str]:
    """The points of a society's items in `area` and one sentence on what else its area score
    holds: expert marks, points tied to no listed item (by clause), the cap."""
    points = site.rubric(e.year)
    lines = [x for x in e.lines if x.area == area]
    on_items = sum(x.points for x in lines if x.item_id in listed)
    # Every line but the cap's that no listed item holds: an expert mark, a registration, a line of no item.
    apart = [x for x in lines if x.rule != CAP_RULE and x.item_id not in listed]
    marks = [x for x in apart if points.criterion(x.item_id or "")]
    others = [x for x in apart if not points.criterion(x.item_id or "")]
    capped = sum(x.points for x in lines if x.rule == CAP_RULE)
    said = [f"各项目合计 {num(on_items)} 分"]
    for group, what in ((marks, "专家评分"), (others, "不对应具体项目的得分")):
        paid = [x for x in group if x.points]
        if paid:
            clauses = "、".join(dict.fromkeys(x.clause for x in paid if x.clause))
            said.append(f"加{what} {num(sum(x.points for x in paid))} 分"
                        + (f"（条款 {text(clauses)}）" if clauses else ""))
    if capped:
        if len(said) > 1:
            said.append(f"共 {num(e.subtotals.get(area, 0.0) - capped)} 分")
        said.append(f"超过本领域上限 {num(points.area(area).cap)} 分，按上限计")
    if len(said) == 1:
        return on_items, "与各项目得分之和相同。"
    return on_items, "，".join(said) + "。"


def _scores(site: SiteData, page: str, docs: list[ReportDoc], area: str) -> str:
    """Each society's area score as its evaluation says it, beside the sum of its items' points,
    and what makes the difference."""
    rows: list[list[Cell]] = []
    for doc in docs:
        society = doc.report.society
        e = site.evaluation(society, doc.report.year)
        if e is None or e.unreadable or area not in e.subtotals:
            continue
        listed = {item.id for spec in items.lists_of(area) for item in spec.items(doc.report)}
        on_items, said = _difference(site, e, area, listed)
        report = site.year_link(page, society, doc.report.year, text(site.name(society)))
        rows.append([cell(report, site.name(society)), num_cell(e.subtotals[area]), num_cell(on_items),
                     cell(said)])
    if not rows:
        return ""
    columns = [SOCIETY, Column("本领域得分", numeric=True), Column("各项目得分之和", numeric=True),
               Column("说明")]
    return (f"## 各学会本领域得分 {{#scores data-search-exclude}}\n\n{_SCORES_SAID}\n\n"
            + table(columns, rows, label="各学会本领域得分", key=(0, 1), cards=True) + "\n")


def _changed_after_final(site: SiteData, page: str, year: int, docs: list[ReportDoc]) -> str:
    """The notice on top of a final year's part that lists reports changed after finalize: their
    items are the current files', the scores beside them the frozen ones (the report page says the
    same of each)."""
    frozen = site.frozen.get(year)
    changed = [d for d in docs if site.changed_after_final(d)]
    if frozen is None or not changed:
        return ""
    names = "、".join(site.year_link(page, d.report.society, year, text(site.name(d.report.society))) for d in changed)
    return (f'!!! danger "部分报告在定稿后改动过"\n    {year} 年度的结果已于 {frozen.finalized_on} 定稿，'
            f"此后{names}的报告文件又被改动。本页列出的这些学会的项目是改动后的当前内容，"
            "与计分时的报告不同；各项目的得分和本领域得分仍是定稿时冻结的结果，不因这次改动而改变。\n")


def year_parts(site: SiteData, year: int) -> list[int]:
    """The parts of a year's area pages that list someone: a part whose societies all sent no
    report that year has no page (the first part always has one)."""
    reporting = {d.report.society for d in site.reports_in(year)}
    return [n for n, members in enumerate(site.area_parts(), start=1)
            if n == 1 or reporting.intersection(members)]


def _pager(site: SiteData, page: str, year: int, area: str, part: int) -> str:
    """Where this part stands among the year's parts, with a link to each: empty when one."""
    parts, members = year_parts(site, year), site.area_parts()[part - 1]
    if len(parts) == 1:
        return ""
    links = [f"<strong>第 {i} 页</strong>" if n == part
             else link(site.urls.rel(page, area_page(year, area, n)), f"第 {i} 页") for i, n in enumerate(parts, start=1)]
    return (f'<nav class="sb-pager" aria-label="分页" data-search-exclude><p>每页列出 {len(site.area_parts()[0])} 个学会的项目，'
            f"共 {len(parts)} 页；本页从{text(site.name(members[0]))}到{text(site.name(members[-1]))}。"
            f"{' · '.join(links)}</p></nav>\n")


def render(site: SiteData, year: int, area: str, part: int = 1) -> str:
    """One part of an area's year: the items of the societies of that part."""
    page = area_page(year, area, part)
    number, title = site.area_numbers(year)[area], site.area_titles(year)[area]
    area_id = site.guideline(year).area(area).id
    members = set(site.area_parts()[part - 1])
    docs = [d for d in site.reports_in(year) if d.report.society in members]
    which = f"（第 {year_parts(site, year).index(part) + 1} 页）" if part > 1 else ""
    pager = _pager(site, page, year, area, part)
    requirements = site.urls.rel(page, guideline_year_page(year), area_anchor(area_id))
    head = (front_matter(f"{year} 年度·{text(title)}{which}", hide=["toc"], search_exclude=True)
            + trail(page, [(INDEX, "各领域")], f"{year} 年度 · {number}、{text(title)}{which}")
            + f"# {year} 年度 · {number}、{text(title)}{which}\n\n"
            f"全部学会 {year} 年度报告中本领域的项目。点击表头排序；"
            f"点击学会名称查看该学会的完整报告、证明材料和逐项得分。"
            f"领域要求见{link(requirements, f'{year} 年度工作指南')}。\n")
    parts = [head, _changed_after_final(site, page, year, docs), pager, _facts(site, page, docs, area),
             _scores(site, page, docs, area)]
    # An item an objection still open names is marked as on its report page's 评估明细, briefly,
    # linked to the objection's row there (whose item's row in 报告内容 has the full mark).
    shown = [items.Row(site, page, doc, site.evaluation(doc.report.society, year), brief=True,
                       contested=phase.contested_items(site, page, year, doc.report.society, brief=True))
             for doc in docs]
    for spec in items.lists_of(area, title, site.first_area_title(area)):
        rows = [r for row in shown for r in items.rows(spec, row)]
        parts.append(f"## {text(spec.title)}（{len(rows)} 项） {{#{spec.key} data-search-exclude}}\n")
        parts.append(table(items.columns(spec, brief=True), rows, label=spec.title,
                           key=items.key_columns(brief=True), cards=True) + "\n"
                     if rows else "本页的学会本年度没有此类项目。\n" if pager else "本年度没有此类项目。\n")
    parts.append(pager)
    return "\n".join(p for p in parts if p)


def render_index(site: SiteData) -> str:
    out = [front_matter("各领域"), "# 各领域\n",
           "按年度列出全部学会在指南七个领域中填报的项目：学术交流活动、服务站、联合体等。\n"]
    for year in reversed(site.years):
        counts = item_counts(site, year)
        rows = [[cell(link(site.urls.rel(INDEX, area_page(year, key)), f"{site.area_numbers(year)[key]}、{text(t)}")),
                 num_cell(counts.get(key, 0))] for key, t in site.area_titles(year).items()]
        out.append(f"## {year} 年度 {{#y{year}}}\n")
        out.append(table([Column("领域"), Column("项目数", numeric=True)], rows, label=f"{year} 年度各领域项目数",
                         key=(0, 1), sortable=False) + "\n")
    return "\n".join(out)


def pages(site: SiteData, years: Collection[int] | None = None) -> Iterator[tuple[str, str]]:
    """The index and every year's area pages, or only those of `years` (the preview's update)."""
    yield INDEX, render_index(site)
    for year in site.years if years is None else [y for y in site.years if y in years]:
        for area in site.area_titles(year):
            for part in year_parts(site, year):
                yield area_page(year, area, part), render(site, year, area, part)
