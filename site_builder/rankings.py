"""Rankings per year (the same order and ranks as the CSV export) and the tier distribution."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder import phase
from site_builder.breadcrumbs import md_link, trail
from site_builder.charts import column_chart
from site_builder.context import RUBRIC_PAGE, SiteData, ranking_page, status_page
from site_builder.downloads import RANKINGS_LABEL
from site_builder.markup import SOCIETY, Column, cell, front_matter, link, num_cell, text
from site_builder.remarks import remark, uncounted
from site_builder.tables import long_table, table, whole
from validators.association.reviews import only_verified_count
from validators.evaluation.pending_warnings import pending_on_association
from validators.evaluation.reports import area_columns, ranking_rows
from validators.models.review import UNVERIFIED, ReviewStatus
from validators.year.cycle import full_date
from validators.year.rubric import tier_rank

INDEX = "rankings/index.md"
# A space between a count and its word (“1 个警告”, “待补充材料 1 项”): a narrow 备注 broke the
# line there, leaving “1” at a line's end. Tags' attributes are ASCII and never match.
_COUNT_SPACE = re.compile(r"(?<=\d) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)")


def tier_counts(site: SiteData, year: int) -> list[tuple[str, int]]:
    """How many reports of a year fall in each tier, highest tier first."""
    points = site.rubric(year)
    names = [t.tier for t in points.tiers] + [points.unranked]
    counts = dict.fromkeys(names, 0)
    for e in site.evaluations_in(year):
        counts[e.tier] = counts.get(e.tier, 0) + 1
    return list(counts.items())


def tier_chart(site: SiteData, year: int) -> str:
    return column_chart(f"{year} 年度档次分布（学会数）", [(t, float(n)) for t, n in tier_counts(site, year)], "个")


def year_choice(site: SiteData, page: str, current: int) -> str:
    """Links to the other years' rankings and to this year's submission status."""
    years = [f"**{y} 年度**" if y == current else md_link(page, ranking_page(y), f"{y} 年度")
             for y in reversed(site.years)]
    status = md_link(page, status_page(current), f"{current} 年度提交情况")
    return f"选择年度：{' · '.join(years)}；另见{status}。\n{{: .sb-years }}\n\n"


def _number(value: object) -> float:
    """A figure of a ranking row (rows are shared with the CSV, hence typed loosely)."""
    assert isinstance(value, int | float)
    return value


def _verified(site: SiteData, year: int) -> bool:
    """Whether the numbers shown were computed under the association's verification: a frozen
    year as it was finalized (the review files it recorded; a file written before finalize
    recorded them says nothing, and today's folder answers), any other by today's folder."""
    frozen = site.frozen.get(year)
    if frozen is not None and frozen.review_sha256 is not None:
        return bool(frozen.review_sha256)
    return year in site.repo.reviewed_years


def _not_counted(site: SiteData, year: int) -> str:
    """The warnings the 备注 leaves out of its count, said where any row of the year had one: those
    that wait on the association or on other societies (policy.yaml's `remarks.association_pending`),
    not on the society, by whom and in the words of the entries of the warnings the report pages
    mark not counted (remarks.uncounted). A frozen year's counts are as its results file recorded
    them; one that recorded none (2017's, finalized before the rule) counts every warning, and says
    so: a later year leaves the same warning out. One that recorded counts, not which warnings:
    where the policy's entries no longer name any of them (dropped since, or the files changed),
    the sentence says the counts are the recorded ones, in no entry's words (another entry's words
    stood there, for a warning the year's reports did not have)."""
    frozen = site.frozen.get(year)
    if frozen is not None and frozen.association_warnings is None:
        return "（本年度定稿早于不计等待市科协或其他学会的提示的规定，警告数按定稿时计入全部警告）"
    counted = [e for e in site.evaluations_in(year) if e.association_warnings]
    if not counted:
        return ""
    found = {f.code for e in counted for f in uncounted(site, year, e.society, site.findings(e.file))}
    entries = [p for p in pending_on_association(site.guideline(year)) if p.code in found]
    if not entries:  # a frozen year's: its warnings the policy no longer holds, or gone from the files
        return "（警告只计报告本身的问题，不计定稿时等待市科协或其他学会的提示，个数按定稿时的记录）"
    whom = "或".join(dict.fromkeys(p.waits_on for p in entries))
    return f"（警告只计报告本身的问题，不计等待{whom}的提示：{'；'.join(p.said for p in entries)}）"


def explanation(site: SiteData, year: int) -> str:
    """What the 备注 column lists and which items score, true of the numbers shown: a year the
    association does not verify scores every item without an error; a verified one, as
    `only_verified_count` says for the build's day (a frozen year: as it was finalized, after
    the notice), only verified items, or all but those not recognised until the notice."""
    said = "备注列出校验发现的错误和警告" + _not_counted(site, year)
    if not _verified(site, year):
        return said + "：有错误的项目不计分，其余项目照常计分。"
    verified, refused, requested = (f"“{s.label}”" for s in (ReviewStatus.VERIFIED, ReviewStatus.NOT_RECOGNISED,
                                                             ReviewStatus.MATERIAL_REQUESTED))
    rubric_link = link(site.urls.rel(ranking_page(year), RUBRIC_PAGE, f"rubric-{year}-reviews"), "核查")
    frozen = year in site.frozen
    said += f"，以及定稿时{requested}{refused}的项目数" if frozen else f"，以及{requested}{refused}的项目数和受理中的异议"
    said += f"。本年度经市科协{rubric_link}：有错误的项目不计分；"
    if frozen:
        return said + f"定稿的结果中只有{verified}的项目计分，{requested}{refused}和定稿时未核实的项目不计分。"
    if only_verified_count(site.guideline(year), site.rubric(year), phase.as_of(site)):
        return said + f"现在只有{verified}的项目计分，{requested}{refused}和“{UNVERIFIED}”的项目不计分。"
    calendar = site.guideline(year).calendar
    later = f"，{full_date(calendar.notice_starts)}公示起只有{verified}的项目计分" if calendar else ""
    return said + f"{refused}的项目不计分；“{UNVERIFIED}”和{requested}的项目暂按报告计分{later}。"


def _society(site: SiteData, page: str, society: str, year: int, remark_html: str) -> str:
    """A row's 学会 cell: the name, the id that breaks a tie of totals, and under them the 备注.
    The remarks were a last column, off a phone's screen past seven area scores; here they stay
    in view beside the name, on screen and on paper alike. (A row whose society's profile was
    removed is named by its id already.)"""
    name = site.name(society)
    shown = site.year_link(page, society, year, text(name))
    code = f' <code class="sb-society-id">{text(society)}</code>' if name != society else ""
    kept = _COUNT_SPACE.sub("\u00a0", remark_html)
    return f'{shown}{code}<br><span class="sb-remark">备注：{kept}</span>'


def render(site: SiteData, year: int) -> str:
    return _render(site, year)[0]


def _render(site: SiteData, year: int) -> tuple[str, str | None]:
    page = ranking_page(year)
    rows = []
    evaluations = site.evaluations_in(year)
    count = len(area_columns(evaluations, site.repo.root))
    points = site.rubric(year)

    def listed(words: str) -> str:  # the open objections, linked to their list below the table
        return link(f"#{phase.objections_anchor(year, None)}", words)

    for _y, rank, society, _name, total, tier, *rest in ranking_rows(evaluations, site.repo):
        subtotals, note = rest[:count], rest[count]
        sid = str(society)
        said = remark(site, year, sid, str(note), shown=text, objections=listed)
        rows.append([num_cell(_number(rank)), cell(_society(site, page, sid, year, said), site.name(sid)),
                     num_cell(_number(total)), cell(whole(text(str(tier))), tier_rank(points.tiers, str(tier))),
                     *(num_cell(_number(v)) for v in subtotals)])
    columns = [Column("名次", numeric=True), SOCIETY, Column("总分", numeric=True), Column("档次", numeric=True),
               *(Column(h, numeric=True) for h in site.area_headers(year))]
    rubric_link = link(site.urls.rel(page, RUBRIC_PAGE, f"rubric-{year}"), "评估细则")
    html, more = long_table(columns, rows, label=f"{year} 年度排名", caption=True, key=(0, 1, 2, 3),
                            rows_file="rows.json", download=RANKINGS_LABEL)
    return (front_matter(f"{year} 年度排名", hide=["toc"], search_exclude=True)
            + trail(page, [(INDEX, "排名")], f"{year} 年度") + f"# {year} 年度排名\n\n"
            + phase.note(site, page, year) + "\n"
            + year_choice(site, page, year) +
            f"按总分从高到低排列，总分相同的按学会名称后的英文代号的字母顺序排列；分档线见{rubric_link}。"
            + explanation(site, year) + "\n\n"
            + tier_chart(site, year) + "\n\n"
            + site.area_key(year) + "\n"
            + html + "\n\n"
            + phase.objections(site, page, year)), more


def render_index(site: SiteData) -> str:
    rows = []
    for year in reversed(site.years):
        counts = tier_counts(site, year)
        rows.append([cell(link(site.urls.rel(INDEX, ranking_page(year)), f"{year} 年度"), year),
                     num_cell(sum(n for _, n in counts)), *(num_cell(n) for _, n in counts)])
    latest = site.latest_year
    names = [t for t, _ in tier_counts(site, latest)] if latest else []
    columns = [Column("年度"), Column("报告数", numeric=True), *(Column(text(t), numeric=True) for t in names)]
    chart = tier_chart(site, latest) + "\n\n" if latest else ""
    return (front_matter("排名") + "# 排名\n\n各年度报告的评估结果和档次分布。\n\n" + chart
            + table(columns, rows, label="各年度档次分布", key=(0, 1), sortable=False) + "\n")


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    yield INDEX, render_index(site)
    for year in site.years:
        page, more = _render(site, year)
        yield ranking_page(year), page
        if more is not None:
            yield f"rankings/{year}/rows.json", more
