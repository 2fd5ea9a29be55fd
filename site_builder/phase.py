"""Where each year stands in its cycle (填报中, 核查中, 公示中, 最终结果), said on the home page, the
rankings and the society pages, as of the day the site is built."""

from __future__ import annotations

import datetime as dt

from site_builder.context import SiteData
from site_builder.markup import Column, cell, link, table, text
from validators.cycle import Phase


def as_of(site: SiteData) -> dt.date:
    return dt.date.fromisoformat(site.build_date)


def phase_of(site: SiteData, year: int) -> Phase | None:
    calendar = site.guideline(year).calendar
    return calendar.phase(as_of(site)) if calendar else None


def label(site: SiteData, year: int) -> str | None:
    """“公示中：至 1 月 19 日”, or None for a year without a calendar."""
    calendar = site.guideline(year).calendar
    return calendar.label(as_of(site)) if calendar else None


def note(site: SiteData, year: int) -> str:
    """One paragraph: the year's phase, and what it means for the numbers shown."""
    said = label(site, year)
    if said is None:
        return ""
    meaning = {
        Phase.NOT_OPEN: "",
        Phase.SUBMISSION: "下面的得分按已提交的报告试算，核查和公示后才是最终结果。",
        Phase.VERIFICATION: "市科协正在核查报告、专家正在评分，下面的得分可能随核查结果变化。",
        Phase.NOTICE: "下面是公示中的评估结果，公示结束并答复异议后定稿。",
        Phase.FINAL: "",
    }[phase_of(site, year) or Phase.NOT_OPEN]
    return (f'<p class="sb-phase">{year} 年度：<strong>{text(said)}</strong>。'
            f"{meaning}{provenance(site, year)}</p>\n")


def provenance(site: SiteData, year: int) -> str:
    """Which code, guideline and rubric produced a final year's frozen numbers."""
    frozen = site.frozen.get(year)
    if frozen is None:
        if phase_of(site, year) is Phase.FINAL:
            return "本年度尚未定稿（finalize），下面的得分按当前的代码和细则计算。"
        return ""
    if frozen.code_commit:
        url = f"{site.settings.repo_url}/commit/{frozen.code_commit}" if site.settings.repo_url else None
        label = f"<code>{frozen.code_commit[:12]}</code>"
        code = f"代码提交 {link(url, label) if url else label}"
    else:
        code = "代码提交未记录"
    return (f"下面是 {frozen.finalized_on} 定稿的结果（results/{year}.json），由{code}、"
            f"评估细则 <code>{text(frozen.rubric_id)}</code>（数据 sha256 <code>{frozen.rubric_sha256[:12]}</code>）"
            f"和指南数据（sha256 <code>{frozen.guideline_sha256[:12]}</code>）计算，"
            "此后细则、指南数据或代码的改动不会改变它。")


def years_table(site: SiteData) -> str:
    """Every year with its phase and calendar, newest first (the home page)."""
    rows = []
    for year in reversed(site.years):
        calendar = site.guideline(year).calendar
        if calendar is None:
            continue
        rows.append([cell(f"{year} 年度", year), cell(f"<strong>{text(calendar.label(as_of(site)))}</strong>"),
                     cell(f"{calendar.submission_opens} 至 {calendar.submission_closes}"),
                     cell(f"{calendar.notice_starts} 至 {calendar.notice_ends}"),
                     cell(str(calendar.final))])
    if not rows:
        return ""
    columns = [Column("年度"), Column("当前阶段"), Column("填报"), Column("公示"), Column("最终结果")]
    return "## 评估进度 {#cycle}\n\n" + table(columns, rows, sortable=False) + "\n"
