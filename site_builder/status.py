"""“提交情况” per year, for the association's staff: which registered societies have submitted
that year's report, which have not, and the year's deadline."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import phase, workbench
from site_builder.breadcrumbs import md_link, trail
from site_builder.context import SiteData, status_page
from site_builder.markup import (
    SOCIETY,
    Cell,
    Column,
    cell,
    dated_text,
    day,
    front_matter,
    link,
    num_cell,
    text,
)
from site_builder.tables import long_table, table
from site_builder.workbench import counts_sentence
from validators.association.progress import Progress, year_progress
from validators.models.review import UNVERIFIED

INDEX = "status/index.md"


LATE = "定稿结果中没有这份报告，不参加本年度评估"


def render(site: SiteData, year: int) -> str:
    return _render(site, year)[0]


def _render(site: SiteData, year: int) -> tuple[str, str | None]:
    page = status_page(year)
    window = site.guideline(year).evaluation_window
    submitted = {d.report.society: d for d in site.reports_in(year)}
    final = workbench.final_year(site, year)
    frozen = site.frozen.get(year)
    # Reports of a final year its frozen results do not hold (filed after finalize, or not a
    # readable report then): never verified, and not counted among the verified or not started.
    late = (set(submitted) - {e.society for e in frozen.evaluations}) if frozen else set()
    board = {p.society: p for p in year_progress(site.repo, year, final) if p.society not in late}
    registered = sorted(site.repo.profiles, key=lambda s: (s in submitted, site.name_order(s)))
    rows = []
    for society in registered:
        doc = submitted.get(society)
        if doc is None:
            state = cell('<strong class="sb-missing">未提交</strong>', 0)
        elif society in late:
            state = cell(site.year_link(page, society, year, LATE), 0)
        else:
            state = cell(site.year_link(page, society, year, "已提交（有错误）" if doc.has_errors else "已提交"),
                         1 if doc.has_errors else 2)
        rows.append([cell(site.society_link(page, society), site.name(society)), state, _checked(board.get(society))])
    others = [s for s in submitted if s not in site.repo.profiles]
    rows += [[cell(text(s)), cell(site.year_link(page, s, year, LATE if s in late else "已提交（学会资料缺失）"), 1),
              _checked(board.get(s))] for s in others]
    done = sum(1 for s in site.repo.profiles if s in submitted)
    choice = " · ".join(f"**{y} 年度**" if y == year else md_link(page, status_page(y), f"{y} 年度")
                        for y in reversed(phase.cycle_years(site)))
    html, more = long_table([SOCIETY, Column("提交情况"), Column("核查进度")], rows, label=f"{year} 年度提交情况",
                            key=(0, 1, 2), rows_file="rows.json")
    return (front_matter(f"{year} 年度提交情况", hide=["toc"], search_exclude=True)
            + trail(page, [(INDEX, "提交情况")], f"{year} 年度") + f"# {year} 年度提交情况\n\n"
            f"选择年度：{choice}\n{{: .sb-years }}\n\n"
            + _phase(site, year) +
            f'<p class="sb-deadline">本年度评估期：{dated_text(window.label)}；{_closing(site, year)}。</p>\n\n'
            f'<p class="sb-counts">已登记学会 <strong>{len(site.repo.profiles)}</strong> 个，'
            f"已提交 <strong>{done}</strong> 个，未提交 <strong>{len(site.repo.profiles) - done}</strong> 个。"
            "未提交的排在前面。</p>\n\n"
            f'<p class="sb-counts">核查进度：{counts_sentence(list(board.values()))}。'
            + (_final_said(year, list(board.values())) if final else
               f'逐项核查在{link(site.urls.rel(page, workbench.PAGE), "核查工作台")}。') + '</p>\n\n'
            + html + "\n"), more


def _phase(site: SiteData, year: int) -> str:
    """The year's phase (填报中：至 12 月 15 日), said as everywhere else, kept current by the script."""
    said = phase.brief_note(site, year)
    return f"{said}\n" if said else ""


def _closing(site: SiteData, year: int) -> str:
    """When filing closes: the year's calendar says, not the evaluation window (work done by
    its deadline may be reported until the calendar closes filing)."""
    calendar = site.guideline(year).calendar
    if calendar is None:
        return "本年度的评估周期未设定提交截止日期"
    return f"提交截止日期：<strong>{day(calendar.submission_closes)}</strong>（含当日）"


def _checked(progress: Progress | None) -> Cell:
    if progress is None:
        return cell("—", -1)
    waiting = f"，待补充材料 {len(progress.requested)} 项" if progress.requested else ""
    return cell(text(progress.label + waiting), progress.decided)


def _final_said(year: int, board: list[Progress]) -> str:
    """A finalized year's verification is over: what changed after finalize (a report, a review
    file) does not move the frozen result, and nothing is verified again."""
    after = sum(1 for p in board if p.changed and p.unchanged_since_final is False)
    before = sum(1 for p in board if p.changed and p.unchanged_since_final)
    unknown = sum(1 for p in board if p.changed and p.unchanged_since_final is None)
    # A verdict given, changed or taken back after finalize (the review file is not the one frozen).
    reviewed = sum(1 for p in board if p.review_unchanged_since_final is False)
    said = [f"{after} 份报告在定稿后有改动" if after else "",
            f"{before} 份报告有项目在核查结论之后、定稿之前改动过，定稿时{UNVERIFIED}、不计分" if before else "",
            f"{unknown} 份报告在核查结论之后改动过" if unknown else "",
            f"{reviewed} 份报告的核查记录在定稿后改动过" if reviewed else ""]
    said = [s for s in said if s]
    return (f"{year} 年度已经定稿，核查已结束，公布的是定稿时冻结的结果"
            + (f"；{'；'.join(said)}，定稿结果不变，不再核查" if said else "") + "。")


def render_index(site: SiteData) -> str:
    rows = []
    for year in reversed(phase.cycle_years(site)):
        done = sum(1 for d in site.reports_in(year) if d.report.society in site.repo.profiles)
        rules = site.guideline(year)
        closes = rules.calendar.submission_closes if rules.calendar else None
        rows.append([cell(link(site.urls.rel(INDEX, status_page(year)), f"{year} 年度"), year),
                     cell(day(rules.evaluation_window.deadline)), cell(day(closes) if closes else "未设定"),
                     num_cell(done), num_cell(len(site.repo.profiles) - done)])
    columns = [Column("年度"), Column("评估截止"), Column("提交截止"), Column("已提交", numeric=True),
               Column("未提交", numeric=True)]
    return (front_matter("提交情况") + trail(INDEX, [], "提交情况") + "# 提交情况\n\n"
            "各年度已登记学会的报告提交情况和截止日期，供市科协工作人员跟进。"
            "评估截止日（含当日）之前完成的工作计入该年度，报告须在提交截止日（含当日）之前提交。\n\n"
            + table(columns, rows, label="各年度提交情况", key=(0, 1, 2, 3, 4), sortable=False, cards=True) + "\n")


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    yield INDEX, render_index(site)
    for year in phase.cycle_years(site):
        page, more = _render(site, year)
        yield status_page(year), page
        if more is not None:
            yield f"status/{year}/rows.json", more
