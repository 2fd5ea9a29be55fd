"""One page per society: profile, each year's report by area, its evaluation line by line,
the advice, a chart of area scores and the trend across years. Prints as the annual report."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import items, phase
from site_builder.charts import bar_chart, column_chart
from site_builder.context import SiteData, area_page, society_page
from site_builder.markup import (
    Column,
    badge,
    cell,
    front_matter,
    html_list,
    link,
    num,
    num_cell,
    table,
    text,
    web_link,
    yes_no,
)
from validators.evaluation.scoring import AREAS, Evaluation
from validators.measures import pilot_confirmed
from validators.repository import ReportDoc

NO_SEARCH = "data-search-exclude"
_SEVERITY = {"error": "错误", "warning": "警告"}


def _h(level: int, title: str, anchor: str) -> str:
    """A heading left out of the search index: only the page's top section is indexed."""
    return f"{'#' * level} {title} {{#{anchor} {NO_SEARCH}}}\n"


def _profile(site: SiteData, society: str, page: str) -> list[str]:
    profile = site.profile(society)
    out = [front_matter(text(site.name(society)), hide=["navigation"]), f"# {text(site.name(society))}\n"]
    if site.is_sample(society):
        out.append(badge("示例", "sample") + " 虚构的示例数据，仅用于演示。\n")
    if profile is None:
        out.append("本学会的资料文件（society.yaml）缺失或有错误，暂不能显示学会资料。\n")
        return out
    facts = [f"类型：{text(profile.kind.label)}", f"学科：{text(profile.discipline)}"]
    if profile.website:
        facts.append(f"网站：{web_link(profile.website)}")
    doc = site.repo.profiles[society]
    facts.append("资料文件：" + site.source_link(doc.file, None, f"<code>{text(doc.file)}</code>"))
    facts.append("维护人：" + "、".join(text(m) for m in profile.maintainers))
    if profile.heads:
        facts.append("负责人（批准报告的改动）：" + "、".join(text(h) for h in profile.heads))
    out.append('<p class="sb-profile">' + "；".join(facts) + "。</p>\n")
    return out


def _summary(site: SiteData, society: str, page: str, docs: list[ReportDoc]) -> list[str]:
    if not docs:
        submitted = any(owner == society for owner, _ in site.repo.broken)
        return [] if submitted else ["本学会还没有提交年度报告。\n"]
    rows = []
    trend = []
    for doc in reversed(docs):
        year = doc.report.year
        e = site.evaluation(society, year)
        rows.append([cell(link(f"#y{year}", f"{year} 年度"), year),
                     num_cell(e.total if e else None), cell(text(e.tier) if e else "—"),
                     cell("有错误" if doc.has_errors else "")])
        if e:
            trend.append((f"{year}", e.total))
    out = [table([Column("年度"), Column("总分", numeric=True), Column("档次"), Column("备注")], rows,
                 sortable=False) + "\n"]
    if len(trend) > 1:
        out.append(column_chart("历年总分", list(reversed(trend)), "分") + "\n")
    return out


def _findings(site: SiteData, page: str, file: str, anchor: str, title: str = "审核提示",
              level: int = 3) -> list[str]:
    """The check's errors and warnings in one file, each linked to its clause and line."""
    found = site.findings(file)
    if not found:
        return []
    rows = [[cell(_SEVERITY[f.severity]), cell(f"<code>{text(f.code)}</code>"),
             cell(site.clause_link(page, f.clause)), cell(text(f.message)),
             cell(site.source_link(f.file, f.line, f"第 {f.line} 行"), f.line)] for f in found]
    columns = [Column("级别"), Column("代码"), Column("条款"), Column("说明"), Column("位置", numeric=True)]
    return [_h(level, title, anchor), table(columns, rows) + "\n"]


def _pilot_status(site: SiteData, doc: ReportDoc) -> str:
    gov = doc.report.government_functions
    if gov is None or not gov.pilot:
        return "否"
    confirmed = pilot_confirmed(doc.report.society, site.guideline(doc.report.year))
    if confirmed is None:
        return "自报是；市科协尚未公布本年度名单，暂不计试点分"
    return "是（列入市科协公布的名单）" if confirmed else "自报是；不在市科协公布的名单中，不计试点分"


def _area_facts(site: SiteData, area: str, doc: ReportDoc) -> str:
    report = doc.report
    if area == "innovation" and report.innovation:
        inn = report.innovation
        rate = (f"{inn.senior_experts_registered}/{inn.senior_experts_total}"
                f"（{inn.senior_experts_registered / inn.senior_experts_total:.0%}）"
                if inn.senior_experts_total else "未填报")
        return (f"<p>在中国科协“企业科协网”注册：{yes_no(inn.enterprise_platform_registered)}；"
                f"副高职及以上专家会员在专家库注册：{rate}。</p>\n")
    if area == "government_functions" and report.government_functions:
        return f"<p>首批承能试点学会：{text(_pilot_status(site, doc))}。</p>\n"
    return ""


def _report(site: SiteData, page: str, doc: ReportDoc, e: Evaluation | None) -> list[str]:
    year = doc.report.year
    row = items.Row(site, page, doc, e)
    numbers = site.area_numbers(year)
    out = [_h(3, "报告内容", f"y{year}-report")]
    for area, title in site.area_titles(year).items():
        area_link = link(site.urls.rel(page, area_page(year, area)), "全部学会的同类项目")
        out.append(_h(4, f"{numbers[area]}、{text(title)}", f"y{year}-{area}"))
        facts = _area_facts(site, area, doc)
        parts = [facts] if facts else []
        for spec in items.lists_of(area):
            found = items.rows(spec, row)
            if found:
                parts.append(f"<p>{text(spec.title)}（{len(found)} 项，{area_link}）：</p>\n"
                             + table(items.columns(spec), found) + "\n")
        out += parts or ["未填报。\n"]
    return out


def _evaluation(site: SiteData, page: str, e: Evaluation) -> list[str]:
    titles = site.area_titles(e.guideline_year)
    points = site.rubric(e.year)
    caps = {a: getattr(points, a).cap for a in AREAS}
    out = [_h(3, "评估明细", f"y{e.year}-lines"),
           bar_chart(f"{e.year} 年度各领域得分", [(titles[a], e.subtotals.get(a, 0.0), caps[a]) for a in AREAS])
           + "\n"]
    numbers = site.area_numbers(e.guideline_year)
    rows = [[cell(numbers[x.area], AREAS.index(x.area)), cell(site.clause_link(page, x.clause)),
             cell(text(x.item_id) if x.item_id else "—"),
             num_cell(x.points), cell(text(x.note) + (" " + badge(text(x.review), "review") if x.review else "")),
             cell(site.source_link(x.file, x.line, f"第 {x.line} 行"), x.line)] for x in e.lines]
    columns = [Column("领域"), Column("条款"), Column("项目"), Column("得分", numeric=True),
               Column("说明"), Column("原文", numeric=True)]
    out.append(table(columns, rows) + "\n")
    out.append(f"<p>合计 {num(e.total)} 分，{text(e.tier)}。</p>\n")
    if e.advice:
        out.append(_h(3, "改进建议", f"y{e.year}-advice"))
        shown = [f"{site.clause_link(page, a.clause)}：{text(a.message)}"
                 + (f"（预计可增加 {num(a.gain)} 分）" if a.gain else "") for a in e.advice]
        out.append(html_list(shown, "sb-advice") + "\n")
    return out


def _year(site: SiteData, society: str, page: str, doc: ReportDoc) -> list[str]:
    year = doc.report.year
    e = site.evaluation(society, year)
    out = [_h(2, f"{year} 年度", f"y{year}"), phase.note(site, year)]
    source = site.source_link(doc.file, None, f"<code>{text(doc.file)}</code>")
    if e:
        out.append(f'<p class="sb-score">总分 <strong>{num(e.total)}</strong> 分，{text(e.tier)}'
                   f"（指南 {e.guideline_year} 年度，评估细则 {text(e.rubric)}）。报告文件：{source}。</p>\n")
    else:
        out.append(f"<p>本年度没有评估细则，未评分。报告文件：{source}。</p>\n")
    if doc.has_errors:
        out.append('!!! warning "本报告有错误"\n    下面的审核提示列出了错误。有错误的项目不计分（评估明细中记 0 分并注明错误代码），其余项目照常计分。\n')
    out += _findings(site, page, doc.file, f"y{year}-findings")
    out.append(phase.objections(site, page, year, doc.report.society, level=3))
    out += _report(site, page, doc, e)
    if e:
        out += _evaluation(site, page, e)
    return out


def _unreadable(site: SiteData, page: str, society: str) -> list[str]:
    """Reports that could not be read or failed the data model: submitted, scoring nothing."""
    out: list[str] = []
    for (owner, year), broken in sorted(site.repo.broken.items(), reverse=True):
        if owner != society or (owner, year) in site.repo.reports:
            continue
        source = site.source_link(broken.file, None, f"<code>{text(broken.file)}</code>")
        out.append(_h(2, f"{year} 年度", f"y{year}"))
        out.append(f'!!! failure "本报告无法读取或格式不符，未计分"\n    报告文件 {source} 有 '
                   f"{sum(f.severity == 'error' for f in broken.findings)} 个错误，更正后才能评估。\n")
        out += _findings(site, page, broken.file, f"y{year}-findings")
    return out


def render(site: SiteData, society: str) -> str:
    page = society_page(society)
    docs = [d for d in site.reports_of(society) if d.report.year in site.years]
    parts = _profile(site, society, page) + _summary(site, society, page, docs)
    parts += _unreadable(site, page, society)
    profile = site.repo.profiles.get(society)
    if profile:
        parts += _findings(site, page, profile.file, "profile-findings", "学会资料的审核提示", 2)
    for doc in reversed(docs):
        parts += _year(site, society, page, doc)
    return "\n".join(parts)


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    for society in site.societies:
        yield society_page(society), render(site, society)
