"""Where each year stands in its cycle (填报中, 核查中, 公示中, 最终结果), said on the home page, the
rankings, the status and the society pages, as of the day the site is built.

The site is rebuilt daily, but a page read later than it was built would still say the build's
phase (“公示中…请在 12 月 10 日之前” on 12 月 20 日). So every phase said on a page carries, as
data, what this module says for each day from the build on: the days on which the words change
and the words from then, all made here (the script, assets/phase.js, only picks the entry for the
reader's day in Beijing time and puts it in; it holds no words of its own). Without the script the
build's words stay, with the day they were true on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from site_builder.context import RUBRIC_PAGE, SiteData, society_year_page, status_page
from site_builder.form_page import PAGE as FORM_PAGE
from site_builder.items import item_anchor
from site_builder.markup import (
    PRINT_ADDRESS,
    SOCIETY,
    Cell,
    Column,
    attr,
    cell,
    day,
    link,
    num_cell,
    text,
)
from site_builder.rubric_rows import criterion_anchor
from site_builder.tables import table, whole
from validators.association.objection_items import CONTESTED, disputed_words, named_entries
from validators.models.review import UNVERIFIED, Objection, ObjectionStatus
from validators.year.cycle import CALENDAR_ZONE, Calendar, Phase, full_date
from validators.year.rubric import COMBINE_WORDS

# The issue form that files an objection (.github/ISSUE_TEMPLATE/).
OBJECTION_FORM = "objection.yml"
# The column of the objection's GitHub issue: “议题” alone reads as its subject (“议题：—”).
ISSUE_COLUMN = "GitHub 议题"
# The attribute holding a phase's words for the days after the build (read by assets/phase.js),
# and the one marking the days that the script sets to the reader's day (its value: the calendar's
# UTC offset in minutes, to tell that day by).
DATA_ATTRIBUTE = "data-sb-phases"
TODAY_ATTRIBUTE = "data-sb-today"


def as_of(site: SiteData) -> dt.date:
    return dt.date.fromisoformat(site.build_date)


def phase_of(site: SiteData, year: int, on: dt.date | None = None) -> Phase | None:
    calendar = site.guideline(year).calendar
    return calendar.phase(on or as_of(site)) if calendar else None


# The phases in which a year's reports are still being worked on and looked at.
_OPEN = (Phase.SUBMISSION, Phase.VERIFICATION, Phase.NOTICE)


def featured_year(site: SiteData) -> int | None:
    """The year the home page sums up: the newest on public notice (when anyone may object, its
    notice must not give way to a year just opened with a few reports), else the latest."""
    notice = [y for y in site.years if phase_of(site, y) is Phase.NOTICE]
    return notice[-1] if notice else site.latest_year


def indexed_years(site: SiteData) -> set[int]:
    """The years whose reports' terms the search index holds: the latest, and every year still
    open (filing, verification, notice), so a year on notice stays findable when the next opens."""
    return {y for y in site.years if y == site.latest_year or phase_of(site, y) in _OPEN}


def cycle_years(site: SiteData) -> list[int]:
    """The years the cycle's pages show (the home page's progress, the status pages): every year
    with reports, and every year whose cycle is under way (filing, verification, notice), reports
    or not: a year just opened, with none yet, is the one whose secretaries must see its deadline.
    A year not yet open, or past its final day without a report, has nothing to show."""
    opened = {y for y in site.guideline_years if y not in site.years and site.has_rubric(y)
              and phase_of(site, y) in _OPEN}
    return sorted(set(site.years) | opened)


def rubric_years(site: SiteData) -> list[int]:
    """The years the rubric page and the downloads' schemas show: every year with reports, and
    every year with a rubric, reports or not: a year just opened, with none yet, is the one
    whose points, caps and tiers its secretaries must see while they file."""
    return sorted(set(site.years) | {y for y in site.guideline_years if site.has_rubric(y)})


def awaiting_finalization(site: SiteData, year: int, on: dt.date | None = None) -> bool:
    """Past the calendar's day of final results, but the association has not frozen them: the
    numbers shown are not final, whatever the calendar says."""
    return phase_of(site, year, on) is Phase.FINAL and year not in site.frozen


def label(site: SiteData, year: int, on: dt.date | None = None) -> str | None:
    """“公示中：至 1 月 19 日”, or None for a year without a calendar."""
    calendar = site.guideline(year).calendar
    if calendar is None:
        return None
    return calendar.label(on or as_of(site), finalized=year in site.frozen)


def not_final(site: SiteData, year: int, on: dt.date | None = None) -> str | None:
    """A year not yet final in a few words, said beside its totals so that they are not read as
    the equal of a final year's: the head of its phase (`label`) and that it is not final
    (“公示中，尚未定稿”, “公示已结束，结果尚未定稿”). None for a final year or one without a calendar."""
    if year in site.frozen:
        return None
    said = label(site, year, on)
    if said is None:
        return None
    head = said.split("：", 1)[0]
    return head if "定稿" in head else f"{head}，{NOT_FINAL}"


# What stays true of a year not final on every day until the site is rebuilt with its frozen
# results: said where the words cannot follow the reader's day (a column's heading, a phone card's
# labels, a chart), the phase itself said once beside them by `not_final_said`.
NOT_FINAL = "尚未定稿"


def not_final_said(site: SiteData, year: int) -> str:
    """`not_final` as HTML carrying its words for the days after the build (a heading, a score's
    line); empty for a final year."""
    said = not_final(site, year)
    if said is None:
        return ""
    ahead = _ahead(site, year, lambda on: text(not_final(site, year, on) or ""))
    return f'<span class="sb-phase-not-final"{ahead}>{text(said)}</span>'


def _turns(calendar: Calendar, since: dt.date) -> list[dt.date]:
    """The days after `since` on which the words of the phase may change: the first day of each
    span of the calendar, and each new year (“至 1 月 19 日” drops its year then)."""
    one = dt.timedelta(days=1)
    days = {calendar.submission_opens, calendar.submission_closes + one, calendar.verification_ends + one,
            calendar.notice_starts, calendar.notice_ends + one, calendar.final}
    days |= {dt.date(y, 1, 1) for y in range(since.year + 1, calendar.final.year + 1)}
    return sorted(d for d in days if d > since)


def _zone_minutes() -> int:
    offset = CALENDAR_ZONE.utcoffset(None)
    return int(offset.total_seconds() // 60)


def _days_ahead(site: SiteData, calendar: Calendar, words: Callable[[dt.date], str]) -> dict[str, Any]:
    """`words` for the build's day and each later day on which they change: {"zone": the
    calendar's UTC offset in minutes, to tell the reader's day by, "turns": [[first day, words],
    …]} from the build's own."""
    built = as_of(site)
    entries = [(built.isoformat(), words(built))]
    for turn in _turns(calendar, built):
        said = words(turn)
        if said != entries[-1][1]:
            entries.append((turn.isoformat(), said))
    return {"zone": _zone_minutes(), "turns": entries}


def stale_note(site: SiteData) -> str:
    """What a phase's paragraph adds when read on a later day than the build's (assets/phase.js):
    its phase and day are the reader's, the rest of the page is still the build's."""
    return (f"（本页生成于 {day(as_of(site))}：阶段已按今天的日期改写，页面上的得分和其余内容"
            "仍是生成当日的；网站每天重新生成。）")


def _ahead(site: SiteData, year: int, words: Callable[[dt.date], str], *, stale: bool = False) -> str:
    """The attribute that carries `words` for the days after the build, when they change
    (`_days_ahead`: [[first day, HTML], …]), and (`stale`) what to add on any later day than the
    build's, words changed or not: the day said is the reader's, the rest of the page the build's.
    Empty when the words stay and nothing is to be added (a frozen year's few words)."""
    calendar = site.guideline(year).calendar
    if calendar is None:
        return ""
    data = _days_ahead(site, calendar, words)
    if len(data["turns"]) == 1 and not stale:
        return ""
    if stale:
        data["stale"] = stale_note(site)
    return f' {DATA_ATTRIBUTE}="{attr(json.dumps(data, ensure_ascii=False))}"'


def words_on(site: SiteData, page: str, year: int, on: dt.date) -> str:
    """What page `page` says of the year's phase on a day (the inner HTML of its paragraph)."""
    said = label(site, year, on)
    if said is None:
        return ""
    phase = phase_of(site, year, on) or Phase.NOT_OPEN
    calendar = site.guideline(year).calendar
    answering = calendar is not None and phase is Phase.VERIFICATION and on > calendar.notice_ends
    if answering:
        meaning = ANSWERING
    elif calendar is not None and phase is Phase.VERIFICATION and calendar.verification_ends < on < calendar.notice_starts:
        meaning = AWAITING_NOTICE.format(starts=day(calendar.notice_starts))
    else:
        meaning = {
            Phase.NOT_OPEN: "",
            Phase.SUBMISSION: "下面的得分按已提交的报告试算，核查和公示后才是最终结果。",
            Phase.VERIFICATION: "市科协正在核查报告、专家正在评分，下面的得分可能随核查结果变化。",
            Phase.NOTICE: "下面是公示中的评估结果，公示结束并答复异议后定稿。",
            Phase.FINAL: "",
        }[phase]
    howto = how_to_object(site, year) if phase is Phase.NOTICE else ""
    return (f"{year} 年度：<strong>{text(said)}</strong>（{as_of_day(site)}）。"
            f"{meaning}{howto}{provenance(site, page, year, on)}")


# After the notice, before the final day (the calendar says 核查中 again): checking and marking
# ended before the notice; the objections are being answered and the results are not yet final.
ANSWERING = "下面是公示过的评估结果，尚未定稿：市科协答复公示期的异议后定稿，定稿前仍可能改变。"
# After checking ends, before the notice starts: checking and marking are over, nothing is on
# notice yet.
AWAITING_NOTICE = "核查和专家评分已结束，下面的得分将于 {starts} 起公示。"


def as_of_day(site: SiteData) -> str:
    """“截至 <day>”: the day a phase is said for, after the phase's words."""
    return f"截至 {dated(site)}"


def dated(site: SiteData) -> str:
    """The day the words are true on: the build's, or the reader's on any later day (the script
    sets it, by the calendar's zone the attribute carries)."""
    iso = site.build_date
    return f'<time datetime="{iso}" {TODAY_ATTRIBUTE}="{_zone_minutes()}">{iso}</time>'


def note(site: SiteData, page: str, year: int) -> str:
    """One paragraph of page `page`: the year's phase, and what it means for the numbers shown."""
    if site.guideline(year).calendar is None:
        return ""
    ahead = _ahead(site, year, lambda on: words_on(site, page, year, on), stale=True)
    return (f'<p class="sb-phase"{ahead}>{words_on(site, page, year, as_of(site))}</p>\n'
            + technical_details(site, page, year))


def brief_note(site: SiteData, year: int) -> str:
    """One paragraph of the year's phase in a few words (the status page), with its day, and the
    note that the rest of the page is the build's once read on a later day."""
    said = label(site, year)
    if said is None:
        return ""

    def words(on: dt.date) -> str:
        return f"{year} 年度：<strong>{text(label(site, year, on) or '')}</strong>（{as_of_day(site)}）。"

    return f'<p class="sb-phase"{_ahead(site, year, words, stale=True)}>{words(as_of(site))}</p>\n'


def brief(site: SiteData, year: int) -> str:
    """The year's phase in a few words (a table cell, the status page), with its words ahead."""
    said = label(site, year)
    if said is None:
        return ""
    ahead = _ahead(site, year, lambda on: text(label(site, year, on) or ""))
    return f"<strong{ahead}>{text(said)}</strong>"


def days_ahead(site: SiteData, year: int) -> dict[str, Any] | None:
    """The year's phase in a few words (`brief`'s, as plain text) for the build's day and each
    later day on which they change, for a script that shows the reader's day's (the review
    workbench, site_builder/review/review.js): it picks the entry as assets/phase.js does, with
    no words of its own. None for a year without a calendar."""
    calendar = site.guideline(year).calendar
    if calendar is None:
        return None
    return _days_ahead(site, calendar, lambda on: label(site, year, on) or "")


def material_route(site: SiteData, year: int, on: dt.date, society: str | None = None,
                   joined: Callable[[list[str]], str] = "、".join) -> str:
    """How the material the association asks for (待补充材料) reaches it on `on`, and what the items
    earn meanwhile, as plain text: what the pull-request gate (validators/github/cycle_gate.py)
    lets through in the year's phase, with the year's own dates. Until filing closes the society
    adds it itself; after, the gate refuses the society's own change (E-CYCLE-CLOSED) unless an
    admin makes the pull request, or, on notice, an open objection allows the society to correct.
    Whether an unverified item earns before the notice is the rubric's (`provisional`). For a
    named `society` (its report page) the notice's words say which of the two ways is its own,
    naming its objections as `joined` writes their ids."""
    calendar = site.guideline(year).calendar
    provisional = site.rubric(year).verification.provisional if site.has_rubric(year) else True
    heads = "提交拉取请求，经学会负责人批准"
    again = "市科协再次核查后改为已核实"
    if calendar is None:
        return f"请学会在报告中补上证明材料（{heads}），{again}。"
    starts, ends = full_date(calendar.notice_starts), full_date(calendar.notice_ends)
    meanwhile = (f"补充并核实前，这些项目暂时计分，{starts}公示起不计分" if provisional
                 else "补充并核实前，这些项目不计分")
    admin = "请把证明材料交给市科协，由市科协管理员提交"
    phase = calendar.phase(on)
    if phase in (Phase.NOT_OPEN, Phase.SUBMISSION):
        return (f"请学会在填报截止（{full_date(calendar.submission_closes)}）前把证明材料加进报告（{heads}），"
                f"{again}。{meanwhile}。")
    closed = f"填报已于 {full_date(calendar.submission_closes)}截止"
    if phase is Phase.VERIFICATION and on < calendar.notice_starts:
        return (f"{closed}：学会自己提交的补充（拉取请求）会被期限检查拒绝，{admin}，{again}。{meanwhile}。")
    if phase is Phase.NOTICE:
        said = f"公示期内（至 {ends}）这些项目补充并核实前不计分。{closed}"
        if society is None:
            return (f"{said}：只有市科协记录了允许该学会更正的异议（受理中）时，学会才能自己提交补充的证明材料"
                    f"（{heads}）；否则{admin}，{again}。")
        allowed = _correction_ids(site, year, society)
        if allowed:
            return (f"{said}，但市科协记录了允许本学会更正报告的异议 {joined(allowed)}（受理中）：学会可以在公示期内"
                    f"自己提交补充的证明材料（{heads}，在说明中写明异议编号），{again}。")
        return f"{said}，本学会没有允许更正报告的异议（受理中）：{admin}，{again}。"
    return (f"公示已于 {ends}结束，这些项目补充并核实前不计分；学会已不能自己提交改动，如需补充，{admin}，"
            "定稿前核查。")


def material_ahead(site: SiteData, year: int) -> dict[str, Any] | None:
    """`material_route` for the build's day and each later day it changes on, for the workbench's
    script to show the reader's day's (as `days_ahead`). None for a year without a calendar."""
    calendar = site.guideline(year).calendar
    if calendar is None:
        return None
    return _days_ahead(site, calendar, lambda on: material_route(site, year, on))


# A private-use character: where `material_said` puts the objection ids back after escaping.
_ID_MARK = "\ue000"


def _correction_ids(site: SiteData, year: int, society: str) -> list[str]:
    """The society's open objections of the year that allow it to correct its report (the
    gate's own reading, `allowing_correction`)."""
    doc = site.repo.objections.get(year)
    return [o.id for o in doc.allowing_correction(society)] if doc else []


def material_said(site: SiteData, year: int, society: str | None = None) -> str:
    """`material_route` on the build's day as HTML, carrying its words for the later days; the
    objection ids it names in `<code>`."""
    ids = _correction_ids(site, year, society) if society else []
    codes = "、".join(f"<code>{text(oid)}</code>" for oid in ids)

    def shown(on: dt.date) -> str:
        # The ids stand in as one mark no words hold, put back as code once the words are escaped:
        # an id is any slug (“1”, “2018”), which a replace over the sentence would find in its dates.
        said = text(material_route(site, year, on, society, lambda _: _ID_MARK))
        return said.replace(text(_ID_MARK), codes)

    return f"<span{_ahead(site, year, shown)}>{shown(as_of(site))}</span>"


def how_to_object(site: SiteData, year: int) -> str:
    calendar = site.guideline(year).calendar
    assert calendar is not None
    form = "提交“评估结果异议”"
    if site.settings.repo_url:
        form = link(f"{site.settings.repo_url}/issues/new?template={OBJECTION_FORM}", form, cls=PRINT_ADDRESS)
    return (f"对评估结果有异议的，请在 {day(calendar.notice_ends)} 之前在 GitHub 上{form}（写明学会名称、年度和项目名称）；"
            "市科协核实后记录在案，并在排名页和学会页面公开答复。")


def _objections_of(site: SiteData, year: int, society: str | None) -> list[Objection]:
    """The year's usable objections, of one society when it is named."""
    doc = site.repo.objections.get(year)
    return [o for o in (doc.usable() if doc else []) if society is None or o.society == society]


def open_objections(count: int) -> str:
    """“异议受理中 N 条”: a society's objections still open, as its page and the rankings say it."""
    return f"异议{ObjectionStatus.OPEN.label} {count} 条"


# The online form's words a secretary follows to load a published report and correct it
# (site_builder/form/form-start.js; tests/test_notice_pages.py holds them to it): the form takes no
# address that would choose the society and year for them.
FORM_FIRST_STEP, FORM_COPY, FORM_COPY_BUTTON = "第一步", "以已发布的报告为底稿", "复制为底稿"


def _correction_words(site: SiteData, page: str, year: int, society: str, on: dt.date, whose: str) -> str:
    """`correction_note`'s words on `on`: the open objections, those allowing a correction while
    the notice lasts, and then the way to make it in the online form."""
    still_open = [o for o in _objections_of(site, year, society) if o.status is ObjectionStatus.OPEN]
    allowed = [o for o in still_open if o.correction_allowed]
    calendar = site.guideline(year).calendar
    correcting = bool(allowed) and calendar is not None and calendar.phase(on) is Phase.NOTICE
    said = f"针对{whose}的异议 {len(still_open)} 条{ObjectionStatus.OPEN.label}"
    if correcting and calendar is not None:
        said += (f"，其中 {len(allowed)} 条允许学会在公示期内（至 {full_date(calendar.notice_ends)}）"
                 "更正报告")
    href = site.urls.rel(page, society_year_page(society, year), objections_anchor(year, society))
    out = link(href, said) + "。"
    if correcting:
        ids = "、".join(f"<code>{text(o.id)}</code>" for o in allowed)
        form = link(site.urls.rel(page, FORM_PAGE), f"在线填报中更正{whose}")
        # Steps on a screen, not on paper (a printed report is read, not acted on).
        out += (f'<span class="sb-no-print">{form}：在“{FORM_FIRST_STEP}”的“{FORM_COPY}”中，学会选“{text(site.name(society))}'
                f"（<code>{text(society)}</code>）”，底稿和填报年度都选“{year} 年度”，点“{FORM_COPY_BUTTON}”；"
                f"改好后提交拉取请求，在说明中写明回应的异议编号（{ids}）。</span>")
    return out


def correction_note(site: SiteData, page: str, year: int, society: str, whose: str = "本报告") -> str:
    """One paragraph near the top of a society's report (and its page's year) while an objection
    about it is open: how many, linked to the objections table, and, while the notice lasts,
    how many let the society correct its report, with the way to do it in the online form.
    Nothing for a final year (its objections table says what stayed open)."""
    if year in site.frozen or not any(o.status is ObjectionStatus.OPEN for o in _objections_of(site, year, society)):
        return ""

    def words(on: dt.date) -> str:
        return _correction_words(site, page, year, society, on, whose)

    return f'<p class="sb-objection-note" data-search-exclude{_ahead(site, year, words)}>{words(as_of(site))}</p>\n'


# What an objection's subject is said to be about when it names none of the report's items by
# its exact name: the subject says it in its own words.
NO_ITEM_NAMED = "见事由"


def _named_entries(site: SiteData, year: int, o: Objection) -> list[tuple[str, str, str]]:
    """The items (area, id, title) of the society's report that the objection's subject names
    by their exact name (the record has no field for them: the issue form asks for 项目名称,
    which the association's summary keeps); the online form reads the same (form_page.py)."""
    doc = site.repo.reports.get((o.society, year))
    return named_entries(doc.report, o.subject) if doc is not None else []


def named_items(site: SiteData, page: str, year: int, o: Objection) -> str:
    """The items the objection names, each linked to its row on the report's page, or
    `NO_ITEM_NAMED`."""
    target = society_year_page(o.society, year)
    links = [link(site.urls.rel(page, target, item_anchor(area, item)), text(title))
             for area, item, title in _named_entries(site, year, o)]
    return "、".join(dict.fromkeys(links)) or NO_ITEM_NAMED


def objection_anchor(year: int, objection: str) -> str:
    """The id of an objection's row in a year's objections table (a society's page lists several years')."""
    return f"y{year}-objection-{objection}"


# What an item's mark says after 有异议（id）: the objection is not answered (a final year's never
# was), what its subject says about the item, in at most DISPUTED_CHARS characters (a phone's card
# line and a half; the whole subject is in the row the mark links to), and what it does to the
# item's points: nothing, as `evaluate` reads no objection (the answer may lead staff to change
# their verdict, which the points then follow).
NOT_ANSWERED = f"{ObjectionStatus.OPEN.label}，尚未答复"
NOT_ANSWERED_FINAL = "定稿时仍未答复"
POINTS_WHILE_OPEN = "答复前不影响本项得分"
POINTS_FINAL = "不影响定稿得分"
DISPUTED_CHARS = 20


def contested_items(site: SiteData, page: str, year: int, society: str, *,
                    brief: bool = False) -> dict[tuple[str, str], str]:
    """The report's items (area, id) that an objection still open names, each with its mark:
    “有异议（<code>id</code>），受理中，尚未答复：“<what the subject says of it>”；答复前不影响本项
    得分”, 有异议（id） linked to the objection's row in the report page's table. An answered
    objection marks nothing (its answer is in the table); one still open when the year was finalized
    still does (the table says it stayed unanswered), saying so. `brief`: the linked 有异议（id）
    alone, for the 评估明细's lines and the area pages (the full mark, some 60 characters, on each
    of an item's lines lengthened a phone's cards and the printed report; it stands once, at the
    item's row in 报告内容, where the link leads too)."""
    final = year in site.frozen
    marks: dict[tuple[str, str], list[str]] = {}
    target = society_year_page(society, year)
    for o in _objections_of(site, year, society):
        if o.status is not ObjectionStatus.OPEN:
            continue
        href = site.urls.rel(page, target, objection_anchor(year, o.id))
        said = link(href, f"{whole(CONTESTED)}（<code>{text(o.id)}</code>）")
        state = NOT_ANSWERED_FINAL if final else NOT_ANSWERED
        named = _named_entries(site, year, o)
        for area, item, title in named:
            disputed = disputed_words(o.subject, title, DISPUTED_CHARS, (t for _, _, t in named))
            quoted = f"：“{text(disputed)}”" if disputed else ""
            marks.setdefault((area, item), []).append(said if brief else f"{said}，{state}{quoted}")
    points = "" if brief else "；" + (POINTS_FINAL if final else POINTS_WHILE_OPEN)
    joined = "、" if brief else "；"
    return {key: f'<span class="sb-contested">{joined.join(said)}{points}</span>' for key, said in marks.items()}


def _objection_rows(site: SiteData, page: str, year: int, society: str | None) -> tuple[list[list[Cell]], int]:
    """Table rows of the year's objections, and how many are still open."""
    found = _objections_of(site, year, society)
    rows = []
    for o in found:
        issue = "—"
        if o.issue is not None:
            issue = f"#{o.issue}"
            if site.settings.repo_url:
                issue = link(f"{site.settings.repo_url}/issues/{o.issue}", issue)
        answer = f"{text(o.answer)}（{day(o.answered)}）" if o.answer and o.answered else "—"
        is_open = o.status is ObjectionStatus.OPEN
        if is_open and year in site.frozen:
            # A final year: the notice is over and the results are frozen; no correction is invited.
            status = f"{text(o.status.label)}：本年度定稿时仍未答复"
        else:
            status = text(o.status.label) + ("；允许学会在公示期内更正报告" if o.correction_allowed and is_open else "")
        # The row's anchor opens its first cell: a link to it lands on the whole row (on a phone,
        # a card whose first line is the society), not on the 编号 line under a hidden 学会.
        anchor = f'<span id="{attr(objection_anchor(year, o.id))}">{site.society_link(page, o.society)}</span>'
        rows.append([cell(anchor, site.name(o.society)),
                     cell(f"<code>{text(o.id)}</code>"), cell(day(o.filed)), cell(named_items(site, page, year, o)),
                     cell(text(o.subject)), cell(issue), cell(status), cell(answer)])
    return rows, _counts(found)[0]


def _counts(found: list[Objection]) -> tuple[int, int]:
    still_open = sum(o.status is ObjectionStatus.OPEN for o in found)
    return still_open, len(found) - still_open


def objection_counts(site: SiteData, year: int, society: str | None) -> tuple[int, int]:
    """The year's objections (of one society when it is named): (still open, answered)."""
    return _counts(_objections_of(site, year, society))


def objections_anchor(year: int, society: str | None) -> str:
    return f"y{year}-objections" if society else "objections"


def objections(site: SiteData, page: str, year: int, society: str | None = None, level: int = 2) -> str:
    """The year's objections (of one society, on its page) from the admins' file, open and answered."""
    rows, still_open = _objection_rows(site, page, year, society)
    anchor = objections_anchor(year, society)
    heading = f"{'#' * level} 公示期的异议 {{#{anchor} data-search-exclude}}\n\n"
    if not rows:
        return heading + "尚无异议。\n" if society is None and year in site.repo.objections else ""
    # 编号: the id a pull request answering the objection names (W-CYCLE-OBJECTION asks for it).
    columns = [SOCIETY, Column("编号"), Column("提出日期"), Column("涉及项目"), Column("事由"),
               Column(ISSUE_COLUMN), Column("状态"), Column("答复")]
    # The file's path is for the screen: a printed public document carries no repository paths.
    return (heading + f"共 {len(rows)} 条：受理中 {still_open} 条，已答复 {len(rows) - still_open} 条"
            f'<span class="sb-no-print">（记录见 <code>reviews/{year}/objections.yaml</code>）</span>。\n\n'
            + table(columns, rows, label=f"{year} 年度公示期的异议", cards=True) + "\n")


def _final_cell(site: SiteData, year: int, calendar: Calendar) -> str:
    """When the year was finalized, and, apart, the day its calendar planned for it: the two
    stood in two columns (最终结果 2018-01-26, 定稿 2026-11-30) and a reader could not tell which
    day the year became final."""
    frozen = site.frozen.get(year)
    planned = f"日历计划 {day(calendar.final)}"
    if frozen is None:
        return f"尚未定稿（{planned}）"
    return f"<strong>{day(frozen.finalized_on)}</strong> 已定稿（{planned}）"


def _frozen_cell(site: SiteData, page: str, year: int) -> str:
    frozen = site.frozen.get(year)
    if frozen is None:
        return "—"
    commit = f"<code>{frozen.code_commit[:12]}</code>" if frozen.code_commit else "代码提交未记录"
    if frozen.code_commit and site.settings.repo_url:
        commit = link(f"{site.settings.repo_url}/commit/{frozen.code_commit}", commit)
    return f"{commit}；{_rubric_words(site, page, year, frozen.rubric_id)}"


def rubric_name(site: SiteData, page: str, year: int) -> str:
    """The year's rubric named exactly as its file titles it (“…细则（默认）”: the points are the
    project's defaults until the association confirms them), linked from page `page` to the
    rubric page's section for the year, whose statement says so."""
    return link(site.urls.rel(page, RUBRIC_PAGE, f"rubric-{year}"), text(site.rubric(year).title))


def _rubric_words(site: SiteData, page: str, year: int, rubric_id: str) -> str:
    """The rubric a frozen year was scored by, named as readers know it: its title (the
    identifier is for machines), exactly as its file writes it, linked to its year's section of
    the rubric page, whose statement says what a mark such as “（默认）” means."""
    points = site.rubric(year)
    if points.id == rubric_id:
        return f"《{rubric_name(site, page, year)}》"
    return f"当时的评估细则（编号 {text(rubric_id)}，已被改动）"


def provenance(site: SiteData, page: str, year: int, on: dt.date | None = None) -> str:
    """Which code, guideline and rubric produced a final year's frozen numbers."""
    frozen = site.frozen.get(year)
    if frozen is None:
        calendar = site.guideline(year).calendar
        if calendar is not None and awaiting_finalization(site, year, on):
            return (f"按日历，最终结果应于 {day(calendar.final)} 公布，但市科协尚未将本年度的结果定稿："
                    "下面的得分按当前的代码和细则计算，定稿前仍可能改变。")
        return ""
    url = site.source_url(f"results/{year}.json", None)
    frozen_file = link(url, "定稿文件") if url else "定稿文件"
    return (f"下面是 {frozen.finalized_on} 定稿的结果（{frozen_file}），按{_rubric_words(site, page, year, frozen.rubric_id)}"
            "计算，此后细则、指南数据或代码的改动不会改变它。")


# The heading of what lets anyone check a final year's numbers (the code's commit, the data's
# hashes): folded under the phase's paragraph, which says in words what produced them.
TECHNICAL = "技术核对信息"


def technical_details(site: SiteData, page: str, year: int) -> str:
    """A final year's commit and data hashes, folded (plain HTML, built alike by MkDocs and
    Zensical); empty for a year not final."""
    frozen = site.frozen.get(year)
    if frozen is None:
        return ""
    if frozen.code_commit:
        url = f"{site.settings.repo_url}/commit/{frozen.code_commit}" if site.settings.repo_url else None
        label = f"<code>{frozen.code_commit[:12]}</code>"
        code = f"代码提交 {link(url, label) if url else label}"
    else:
        code = "代码提交未记录"
    return (f'<details class="sb-tech" data-search-exclude><summary>{TECHNICAL}</summary>\n'
            f"<p>{year} 年度的定稿结果由{code}、{_rubric_words(site, page, year, frozen.rubric_id)}"
            f"（数据 sha256 <code>{frozen.rubric_sha256[:12]}</code>）"
            f"和指南数据（sha256 <code>{frozen.guideline_sha256[:12]}</code>）计算。</p>\n</details>\n")


def years_table(site: SiteData, page: str) -> str:
    """Every year of the cycle with its phase and calendar, newest first (the home page); each
    year links to its status page (who has submitted, the deadline)."""
    rows = []
    for year in reversed(cycle_years(site)):
        calendar = site.guideline(year).calendar
        if calendar is None:
            continue
        # The day it became final next to its phase (on a phone, a card shows every column).
        rows.append([cell(link(site.urls.rel(page, status_page(year)), f"{year} 年度"), year), cell(brief(site, year)),
                     cell(_final_cell(site, year, calendar)),
                     cell(f"{day(calendar.submission_opens)} 至 {day(calendar.submission_closes)}"),
                     cell(f"{day(calendar.notice_starts)} 至 {day(calendar.notice_ends)}"),
                     cell(_frozen_cell(site, page, year))])
    if not rows:
        return ""
    columns = [Column("年度"), Column("当前阶段"), Column("定稿"), Column("填报"), Column("公示"),
               Column("定稿依据（代码与细则）")]
    return ("## 评估进度 {#cycle}\n\n"
            f'<p class="sb-phase-day">当前阶段按北京时间 {dated(site)} 计；点年度查看各学会的提交情况。</p>\n\n'
            + table(columns, rows, label="各年度的评估进度", sortable=False, cards=True) + "\n")


def rubric_section(site: SiteData, year: int) -> str:
    """The rubric page's part on the cycle: verification and the assessed criteria."""
    points = site.rubric(year)
    counts = (f"填报和核查期间（公示开始之前），{UNVERIFIED}的项目暂按报告计分，网站标注“{UNVERIFIED}”"
              if points.verification.provisional else f"{UNVERIFIED}的项目从一开始就不计分")
    out = [f"### 核查与专家评分 {{#rubric-{year}-reviews}}\n",
           f"市科协工作人员在 <code>reviews/{year}/&lt;学会id&gt;.yaml</code> 中逐项记录核查结论"
           "（已核实、不予认定并写明理由、待补充材料）。不予认定的项目不计分，评估明细写明理由；"
           f"{counts}；公示开始后只计已核实的项目。没有 <code>reviews/{year}/</code> 文件夹的年度按报告计分。\n"]
    if points.assessed:
        # What is marked first (the column kept in view); its id, which reviewers write, after it.
        # Each row anchored: an expert's mark's line links to its criterion (rubric_rows).
        rows = [[cell(f'<span class="sb-row-anchor" id="{attr(criterion_anchor(year, c.id))}">{text(c.label)}</span>'),
                 cell(site.clause_link(RUBRIC_PAGE, c.clause, year)),
                 cell(f"<code>{text(c.id)}</code>"), cell(f"{c.min:g}–{c.max:g}"),
                 cell(COMBINE_WORDS[c.combine]), num_cell(c.min_experts)]
                for c in points.assessed]
        columns = [Column("评分项"), Column("条款"), Column("编号"), Column("分数范围"), Column("取值"),
                   Column("至少几位专家", numeric=True)]
        out.append("专家在核查记录的 <code>marks</code> 中打分，按下表合成（按 0.5 分四舍五入），"
                   "在所在领域单独记一行“专家评分”，受该领域上限约束；超出范围的分数是错误，不计入。\n\n"
                   + table(columns, rows, label=f"{year} 年度专家评分项", sortable=False) + "\n")
    return "\n".join(out)
