"""One page per society: its profile, the score of every year with a link to that year's
report (`report_page`), and the trend across years."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import phase
from site_builder.breadcrumbs import trail
from site_builder.charts import column_chart
from site_builder.context import SOCIETIES_PAGE, SiteData, society_page, society_year_page
from site_builder.markup import Column, badge, cell, front_matter, link, num_cell, text, web_link
from site_builder.remarks import held
from site_builder.report_page import findings, heading
from site_builder.tables import table, whole
from validators.repository import ReportDoc
from validators.year.rubric import tier_rank


def _profile(site: SiteData, society: str, page: str) -> list[str]:
    profile = site.profile(society)
    name = text(site.name(society))
    out = [front_matter(name), trail(page, [(SOCIETIES_PAGE, "学会")], name), f"# {name}\n"]
    if site.is_sample(society):
        out.append(f"<p data-search-exclude>{badge('示例', 'sample')} 虚构的示例数据，仅用于演示。</p>\n")
    if profile is None:
        out.append("本学会的资料文件缺失或有错误，暂不能显示学会资料。\n")
        return out
    facts = [f"类型：{text(profile.kind.label)}", f"学科：{text(profile.discipline)}"]
    if profile.website:
        facts.append(f"网站：{web_link(profile.website)}")
    doc = site.repo.profiles[society]
    facts.append("学会资料：" + site.source_link(doc.file, None, about="学会资料文件"))
    out.append('<p class="sb-profile">' + "；".join(facts) + "。</p>\n")
    return out


def _remarks(site: SiteData, page: str, society: str, year: int, has_errors: bool) -> str:
    """A year not yet final (its phase, so that its total is not read beside a final one as its
    equal), errors, and the year's objections about the society, linked to where they are answered."""
    said = []
    if now := phase.not_final_said(site, year):  # the reader's day's words: a phone card keeps this cell
        said.append(now)
    if has_errors:
        said.append("有错误")
    still_open, answered = phase.objection_counts(site, year, society)
    # The items waiting for material or not recognised, said as the rankings' 备注 says them; the
    # open objections link to the report here, not to the rankings' list.
    said += held(site, year, society, objections=None)
    href = site.urls.rel(page, society_year_page(society, year), phase.objections_anchor(year, society))
    if still_open:
        said.append(link(href, phase.open_objections(still_open)))
    if answered:
        said.append(link(href, f"异议已答复 {answered} 条"))
    return "；".join(said)


def _years(site: SiteData, society: str, page: str, docs: list[ReportDoc]) -> list[str]:
    if not docs:
        submitted = any(owner == society for owner, _ in site.repo.broken)
        return [] if submitted else ["本学会还没有提交年度报告。\n"]
    rows = []
    trend = []
    # The years not yet final, marked on the chart as in the table's remarks.
    marks: dict[str, str] = {}
    for doc in reversed(docs):
        year = doc.report.year
        e = site.evaluation(society, year)
        rows.append([cell(site.year_link(page, society, year, f"{year} 年度报告"), year),
                     num_cell(e.total if e else None),
                     cell(whole(text(e.tier)), tier_rank(site.rubric(year).tiers, e.tier)) if e else cell("—", -1),
                     cell(_remarks(site, page, society, year, doc.has_errors))])
        if e:
            trend.append((f"{year}", e.total))
            if phase.not_final(site, year) is not None:  # the phase itself is said above, for the reader's day
                marks[f"{year}"] = phase.NOT_FINAL
    out = ["## 历年报告与评估 {#years data-search-exclude}\n",
           "<p>点击年度查看该年度的报告内容、逐项评估明细和改进建议；该页也可直接打印为年度报告。</p>\n",
           table([Column("年度"), Column("总分", numeric=True), Column("档次", numeric=True), Column("备注")], rows,
                 label="历年报告与评估", key=(0, 1, 2), sortable=False) + "\n"]
    if len(trend) > 1:
        out.append(column_chart("历年总分", list(reversed(trend)), "分", marks) + "\n")
    return out


def _unreadable(site: SiteData, page: str, society: str) -> list[str]:
    """Reports that could not be read or failed the data model: submitted, scoring nothing."""
    out: list[str] = []
    for (owner, year), broken in sorted(site.repo.broken.items(), reverse=True):
        if owner != society or (owner, year) in site.repo.reports:
            continue
        source = site.source_link(broken.file, None, about=f"{year} 年度报告文件")
        out.append(heading(2, f"{year} 年度报告无法读取", f"y{year}"))
        out.append(f'!!! failure "本报告无法读取或格式不符，未计分"\n    报告文件 {source} 有 '
                   f"{sum(f.severity == 'error' for f in broken.findings)} 个错误，更正后才能评估。\n")
        out += findings(site, page, broken.file, f"y{year}-findings")
    return out


def render(site: SiteData, society: str) -> str:
    page = society_page(society)
    docs = [d for d in site.reports_of(society) if d.report.year in site.years]
    parts = _profile(site, society, page)
    # Each year's phase of the association's cycle (填报中, 公示中: 至 …, 最终结果).
    # With it, the year's open objections about the society's report (and how to correct it).
    for year in sorted({d.report.year for d in docs}, reverse=True):
        parts += [phase.note(site, page, year), phase.correction_note(site, page, year, society, f" {year} 年度报告")]
    parts += _years(site, society, page, docs) + _unreadable(site, page, society)
    profile = site.repo.profiles.get(society)
    if profile:
        parts += findings(site, page, profile.file, "profile-findings", "学会资料的审核提示")
    return "\n".join(parts)


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    for society in site.societies:
        yield society_page(society), render(site, society)
