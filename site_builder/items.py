"""The item lists of a report (services, functions, stations, …) as table columns.

One definition serves the society pages (one report) and the area pages (every society's
items of one year), so an item is shown alike wherever it appears.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from site_builder.context import SiteData, society_year_page, source_at, source_name
from site_builder.markup import (
    PRINT_ADDRESS,
    SOCIETY,
    Cell,
    Column,
    attr,
    cell,
    day,
    lines,
    link,
    num,
    num_cell,
    term,
    text,
    yes_no,
)
from site_builder.tables import SOURCE
from validators.evaluation.pending_warnings import SAYS_NOT_COUNTED
from validators.evaluation.score_lines import CAP_RULE, ERROR_RULE, REVIEW_RULE, ScoreLine
from validators.evaluation.scoring import Evaluation, ItemTierResult, members_without_report
from validators.findings import Finding
from validators.models.consortia import ConsortiumRole
from validators.models.report import YearReport
from validators.models.review import FINAL_REQUESTED, FINAL_UNVERIFIED, UNVERIFIED, ReviewStatus
from validators.repository import ReportDoc
from validators.submission_paths import evidence_file
from validators.urls import is_web_url
from validators.year.countries import country_name
from validators.year.measures import countries, out_of_province, pilot_confirmed
from validators.year.rubric import tier_rank


@dataclass(slots=True)
class Row:
    """One report as the cells of its items see it."""

    site: SiteData
    page: str
    doc: ReportDoc
    evaluation: Evaluation | None
    # The area pages list every society's items in brief: no evidence and no YAML links, which
    # the society page (linked from each row) shows.
    brief: bool = False
    # Where the society page says why an item earned nothing (its entry in the box of items 不予认定
    # or 待补充材料, by item id): its 得分 cell links there; else to the evaluation's lines.
    reasons: dict[str, str] = field(default_factory=dict)
    points: dict[tuple[str, str], float] = field(default_factory=dict)
    tiers: dict[tuple[str, str], ItemTierResult] = field(default_factory=dict)
    zeros: dict[tuple[str, str], str] = field(default_factory=dict)
    # The mark of each item (area, id) an objection still open names (phase.contested_items),
    # shown after its name, on the report page and the area pages alike.
    contested: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.evaluation is None:
            return
        points: dict[tuple[str, str], float] = defaultdict(float)
        for line in self.evaluation.lines:
            if line.item_id and line.rule != CAP_RULE:
                points[(line.area, line.item_id)] += line.points
        self.points = dict(points)
        self.tiers = {(t.area, t.item_id): t for t in self.evaluation.item_tiers}
        self.zeros = zero_reasons(self.evaluation, final=self.doc.report.year in self.site.frozen)

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.doc.file)

    def evidence(self, refs: Sequence[str], about: str = "") -> Cell:
        """Web addresses as links; files of the society's folder as links into the repository.
        `about` (plain text): what they prove, for each link's accessible name
        (“example.org，<about>的证明材料 2”): a host alone, read aloud, says nothing of it."""
        shown = []
        for n, ref in enumerate(refs, start=1):
            which = f"{about}的证明材料" + (f" {n}" if len(refs) > 1 else "") if about else ""
            if is_web_url(ref):
                # The host says where the link goes; the whole address would double the table.
                # On paper, where a host alone cannot be followed, the whole address is printed.
                hostname = urlsplit(ref).hostname or ref
                host = f'<span class="sb-host">{text(hostname)}</span>'
                shown.append(link(ref, f'{host}<span class="sb-url">{text(ref)}</span>', external=True,
                                  name=f"{hostname}，{which}" if which else ""))
                continue
            # Another scheme (javascript:, data:) or a path out of the folder: text, not a link.
            file = evidence_file(ref)
            url = self.site.source_url(posixpath.join(self.folder, file)) if file else None
            shown.append(link(url, text(ref), name=f"{ref}，{which}" if which else "", cls=PRINT_ADDRESS)
                         if url else text(ref))
        return cell(lines(shown) if shown else "—")


Getter = Callable[[Any, Row], Cell]


@dataclass(frozen=True, slots=True)
class ItemList:
    key: str
    area: str
    title: str
    path: tuple[str, ...]
    items: Callable[[YearReport], Sequence[Any]]
    columns: tuple[tuple[Column, Getter], ...]
    # The list is the whole area (七): its caption is the area's name, as the year writes it.
    named_by_area: bool = False
    # The caption names the area in words of the area's title in the first year (六's
    # “调研报告与建言献策”, for 2017's 调查研究与建言献策): it stands while a year titles the area as
    # that year did; a year that renames the area has the list captioned by the area's name, as
    # the year writes it. No word of the guideline is written here to compare.
    named_after_first_title: bool = False

    def caption(self, area_title: str = "", first_title: str = "") -> str:
        """The list's caption in a year whose title of the area is `area_title` (`first_title`:
        its title in the first year of the guideline)."""
        renamed = self.named_after_first_title and area_title != first_title
        if area_title and (self.named_by_area or renamed):
            return area_title
        return self.title


# A field the report does not have: the model may default it (a `False` that scores nothing, a 0,
# an empty list), but the page says no “否”, “0” or “—” the society never wrote. A field whose
# default is None (an occasion, a focus) is one that applies only to some items: “—” there.
NOT_REPORTED = "未填报"
NOT_APPLICABLE = "—"


def unreported(model: Any, name: str) -> bool:
    """Whether the report never wrote a field whose default would read as an answer (否, 0, none
    listed): the pages and the workbench's case data say 未填报 for it. The one rule of both."""
    return name not in model.model_fields_set and getattr(model, name) is not None


def reported_yes_no(model: Any, name: str) -> str:
    """是 or 否 as the report wrote it; 未填报 when it has no such key."""
    return yes_no(getattr(model, name)) if name in model.model_fields_set else NOT_REPORTED


def _written(name: str, get: Getter) -> Getter:
    """`get`'s cell for a field the report wrote; 未填报 (sorted first) for one it never wrote."""
    return lambda item, row: cell(NOT_REPORTED, -1) if unreported(item, name) else get(item, row)


def _t(name: str) -> Getter:
    return _written(name, lambda item, _row: cell(text(getattr(item, name))))


def _code(name: str) -> Getter:
    """An identifier a reader copies (a consortium's id), set apart from the Chinese around it."""
    return lambda item, _row: cell(f"<code>{text(getattr(item, name))}</code>")


def _date(name: str) -> Getter:
    return _written(name, lambda item, _row: cell(day(getattr(item, name))))


def _label(name: str) -> Getter:
    return _written(name, lambda item, _row: cell(term(text(getattr(item, name).label)), getattr(item, name).label))


def _n(name: str) -> Getter:
    return _written(name, lambda item, _row: num_cell(getattr(item, name)))


def _optional_label(name: str) -> Getter:
    """A field that applies only to some items (None by default): its label, else —."""
    return lambda item, _row: (cell(term(text(getattr(item, name).label)), getattr(item, name).label)
                               if getattr(item, name) else cell(NOT_APPLICABLE))


def _bool(name: str) -> Getter:
    return lambda item, _row: cell(reported_yes_no(item, name))


PILOT_UNLISTED_FINAL = "自报是；定稿时市科协未公布名单，不计试点分"


def pilot_status(site: SiteData, report: YearReport) -> str:
    """The society's claim to be a pilot beside the association's list, which decides (2.1):
    said alike on its report page and on the area page."""
    gov = report.government_functions
    confirmed = pilot_confirmed(report.society, site.guideline(report.year))
    if confirmed:
        return "是（列入市科协公布的名单）"
    if gov is None or "pilot" not in gov.model_fields_set:
        return NOT_REPORTED
    if not gov.pilot:
        return "否"
    if confirmed is None:
        # A finalized year's result stands: no list will come to count the claim.
        if report.year in site.frozen:
            return PILOT_UNLISTED_FINAL
        return "自报是；市科协尚未公布本年度名单，暂不计试点分"
    return "自报是；不在市科协公布的名单中，不计试点分"


# The check's warning on a pilot claim while the list is not out promises the points once the list
# names the society; a finalized year's result cannot change, so its report says it as it stands.
PILOT_NOT_CONFIRMED = "W-PILOT-NOT-CONFIRMED"


def finding_message(site: SiteData, year: int | None, f: Finding) -> str:
    """A finding's message as a report page shows it: the check's, but in a finalized year whose
    pilot list never came out, the pilot claim's warning says it earned nothing, with no promise;
    in a finalized year whose results record no count of warnings left out (2017's: its 备注
    counts every warning), no warning says it is not counted."""
    frozen = site.frozen.get(year) if year is not None else None
    if year is not None and frozen is not None and f.code == PILOT_NOT_CONFIRMED and not site.guideline(year).pilot_societies:
        return f"定稿时市科协未公布 {year} 年首批承能试点学会名单，本学会自报为试点学会，不计试点分。"
    if frozen is not None and frozen.association_warnings is None:
        return f.message.replace(SAYS_NOT_COUNTED, "")
    return f.message


def title_of(item: Any) -> str:
    """An item's title, or its name (a station's, a consortium's)."""
    return str(getattr(item, "title", None) or getattr(item, "name", ""))


def _evidence(item: Any, row: Row) -> Cell:
    return row.evidence(item.evidence, title_of(item))


_evidence_cell = _written("evidence", _evidence)


def _names(names: Sequence[str]) -> Cell:
    return cell(f"{len(names)}：{'、'.join(text(n) for n in names)}" if names else "0", len(names))


def _occasion(item: Any, row: Row) -> Cell:
    """The occasion as written; 未填报 when the event's category asks for one, else — (no
    occasion applies)."""
    if item.occasion:
        return cell(text(item.occasion))
    category = row.site.guideline(row.doc.report.year).event_category(item.category)
    asked = category is not None and category.criteria.occasion
    return cell(NOT_REPORTED if asked and "occasion" not in item.model_fields_set else NOT_APPLICABLE, -1)


def _provinces(item: Any, row: Row) -> Cell:
    outside = out_of_province(item, row.site.guideline(row.doc.report.year))
    return _names(outside)


def _countries(item: Any, row: Row) -> Cell:
    """The distinct countries and regions the rule counted, by their Chinese names."""
    found = countries(item, row.site.guideline(row.doc.report.year))
    return _names([country_name(code) for code in found.codes])


def _forums(item: Any, _row: Row) -> Cell:
    given = item.model_fields_set
    if not {"main_forum", "sub_forums"} & given:
        return cell(NOT_REPORTED, -1)
    subs = str(item.sub_forums) if "sub_forums" in given else NOT_REPORTED
    return cell(f"{reported_yes_no(item, 'main_forum')}／{subs}", item.sub_forums if "sub_forums" in given else -1)


# After a member the check found a society here with no report of the year (the submission
# closed): counted all the same (the tier line says why).
NO_REPORT_MARK = "（无本年度报告）"


def _members(item: Any, row: Row) -> Cell:
    index = next((i for i, c in enumerate(row.doc.report.consortia) if c is item), None)
    silent = members_without_report(row.doc, index) if index is not None else set()
    shown = [(row.site.society_link(row.page, m) if m in row.site.repo.profiles else text(m))
             + (NO_REPORT_MARK if j in silent else "")
             for j, m in enumerate(item.members)]
    # A list, a name an entry: run together in a narrow column, each linked name (a block, for
    # its touch target) took its lines and the 、 after it began a line of its own.
    listed = "".join(f"<li>{name}</li>" for name in shown)
    return cell(f"{len(shown)}：<ul>{listed}</ul>" if shown else "0", len(shown))


def _achievements(item: Any, row: Row) -> Cell:
    if not item.achievements:
        return cell("—", 0)
    shown = []
    for a in item.achievements:
        proves = f"{item.title}：{a.type.label}（{a.date}）"
        evidence = "：" + row.evidence(a.evidence, proves).html if a.evidence and not row.brief else ""
        shown.append(f"{text(a.type.label)}（{day(a.date)}）{evidence}")
    return cell(lines(shown), len(shown))


def _span(item: Any, _row: Row) -> Cell:
    return cell(f"{day(item.start)} 至 {day(item.end)}")


# 3.2 and 4.3: a station or consortium is tiered from the year after its founding, and a
# consortium's tier pays its lead: the 未入档 the scoring records for these is no verdict.
NEW_THIS_YEAR = "新建当年不分档"
MEMBER = "参与学会不分档"


# Where a report page says what the items waiting for verification would add (report_page's heading).
PENDING_ANCHOR = "advice-pending"


def _waiting(item_id: str, status: str, row: Row) -> str:
    """The state a tier waits in, after it: “（待核查）”, linked on the report page to what its
    verification would add, where that is said (an item whose state adds nothing is not named)."""
    named = row.evaluation is not None and any(item_id == i for p in row.evaluation.pending for i, _ in p.items)
    said = link(f"#{PENDING_ANCHOR}", text(status)) if named and not row.brief else text(status)
    return f'<span class="sb-why">（{said}）</span>'


def _tier(area: str) -> Getter:
    def get(item: Any, row: Row) -> Cell:
        found = row.tiers.get((area, item.id))
        if found is None:
            return cell("—", -2)
        if area == "consortia" and item.role is not ConsortiumRole.LEAD:
            return cell(MEMBER, -1)
        # A station or consortium waiting for verification earns no tier yet (its entry says 未入档):
        # the tier shown is the one the engine gives it verified, marked with the state it waits in.
        waiting = row.evaluation.waiting_tiers.get(item.id) if row.evaluation else None
        shown = waiting.tier if waiting is not None and waiting.tier.area == area else found
        if shown.new:
            return cell(NEW_THIS_YEAR, -1)
        points = row.site.rubric(row.doc.report.year)
        tiers = points.service_stations.tiers if area == "service_stations" else points.consortia.tiers
        state = _waiting(item.id, waiting.status, row) if waiting is not None and shown is waiting.tier else ""
        return cell(text(shown.tier) + state, tier_rank(tiers, shown.tier))
    return get


def _new_station(item: Any, row: Row) -> Cell:
    return cell(yes_no(row.site.guideline(row.doc.report.year).evaluation_window.contains(item.established)))


# Why an item earned nothing, in the words of its evaluation line: an error (the line's rule), or
# the association's review, which refuses it as 不予认定, 待补充材料 or not (yet) verified
# (Standing.refusal, whose words begin with the verdict's label, or UNVERIFIED's). A finalized
# year's page reads the notes its results file stored, in the words of its day (“未经市科协核实，
# 不计分”, “待补充材料，未经核实，不计分（…）”, “‘其余全部核实’（…）之后新增或改动…”): read alike.
HAS_ERROR, NOT_COUNTED = "有错误", "不计分"


def refusal_kind(note: str) -> str:
    """不予认定, 待补充材料 or 待核实 (UNVERIFIED): what a review line's note says of the item."""
    head = note.split("（", 1)[0]
    for status in (ReviewStatus.NOT_RECOGNISED, ReviewStatus.MATERIAL_REQUESTED):
        if status.label in head:
            return status.label
    return UNVERIFIED


def zero_reasons(e: Evaluation, final: bool = False) -> dict[tuple[str, str], str]:
    """The items that earned nothing, each with why in a word or two (有错误, 不予认定, 待补充材料,
    待核实, else 不计分: the lines say more). `final`: the evaluation is a finalized year's, where
    an item not verified, or still without its material, no longer waits (FINAL_UNVERIFIED,
    FINAL_REQUESTED)."""
    lines: dict[tuple[str, str], list[ScoreLine]] = defaultdict(list)
    for x in e.lines:
        if x.item_id and x.rule != CAP_RULE:
            lines[(x.area, x.item_id)].append(x)
    why = {}
    for key, found in lines.items():
        if sum(x.points for x in found):
            continue
        rules = {x.rule for x in found}
        why[key] = (HAS_ERROR if ERROR_RULE in rules
                    else refusal_kind(next(x.note for x in found if x.rule == REVIEW_RULE)) if REVIEW_RULE in rules
                    else NOT_COUNTED)
        if final:  # nothing waits any more: said as the frozen lines say it
            why[key] = {UNVERIFIED: FINAL_UNVERIFIED,
                        ReviewStatus.MATERIAL_REQUESTED.label: FINAL_REQUESTED}.get(why[key], why[key])
    return why


def item_anchor(area: str, item_id: str) -> str:
    """The id of an item's row on its society's report page (the area pages link to it)."""
    return f"item-{area}-{item_id}"


# Where the society page's evaluation lines begin (report_page's heading).
LINES_ANCHOR = "lines"


def _points(area: str) -> Getter:
    def get(item: Any, row: Row) -> Cell:
        if row.evaluation is None:
            return num_cell(None)
        points = row.points.get((area, item.id), 0.0)
        why = row.zeros.get((area, item.id))
        if why is None:
            return num_cell(points)
        if row.brief:  # to the item's row on the society's page, which says more
            doc = row.doc.report
            href = row.site.urls.rel(row.page, society_year_page(doc.society, doc.year), item_anchor(area, item.id))
        else:
            href = "#" + row.reasons.get(item.id, LINES_ANCHOR)
        return Cell(f'{num(points)}<span class="sb-why">（{link(href, text(why))}）</span>', str(points))
    return get


def _score(area: str) -> tuple[tuple[Column, Getter], ...]:
    return ((Column("得分", numeric=True), _points(area)),)


_EVIDENCE = ((Column("证明材料"), _evidence_cell),)

ITEM_LISTS: tuple[ItemList, ...] = (
    ItemList("services", "innovation", "为企业提供的服务", ("innovation", "services"),
             lambda r: r.innovation.services if r.innovation else [],
             ((Column("服务"), _t("title")), (Column("类型"), _label("kind")),
              (Column("企业（园区）"), _t("enterprise")), (Column("区（市）县"), _t("district")),
              (Column("日期"), _date("date")), (Column("成效"), _t("outcome")), *_EVIDENCE,
              *_score("innovation"))),
    ItemList("functions", "government_functions", "承接的政府转移职能", ("government_functions", "functions"),
             lambda r: r.government_functions.functions if r.government_functions else [],
             ((Column("事项"), _t("title")), (Column("委托单位"), _t("commissioner")),
              (Column("方式"), _label("method")), (Column("新增"), _bool("new")),
              (Column("金额（万元）", numeric=True), _n("amount_wan")), (Column("起止"), _span),
              *_EVIDENCE, *_score("government_functions"))),
    ItemList("service_stations", "service_stations", "学会服务站", ("service_stations",),
             lambda r: r.service_stations,
             ((Column("服务站"), _t("name")), (Column("级别"), _label("level")),
              (Column("建站日期"), _date("established")), (Column("新建"), _new_station),
              (Column("产业"), _t("industry")), (Column("服务对象"), _t("partner")),
              (Column("服务企业", numeric=True), _n("enterprises_served")),
              (Column("专家", numeric=True), _n("experts_engaged")),
              (Column("活动", numeric=True), _n("activities")),
              (Column("年度分档", numeric=True), _tier("service_stations")), *_EVIDENCE, *_score("service_stations"))),
    ItemList("consortia", "consortia", "学会联合体", ("consortia",), lambda r: r.consortia,
             ((Column("联合体"), _t("name")), (Column("编号"), _code("id")), (Column("角色"), _label("role")),
              (Column("形式"), _label("form")), (Column("方向"), _label("direction")),
              (Column("产业"), _t("industry")), (Column("成员", numeric=True), _members),
              (Column("成立日期"), _date("established")), (Column("活动", numeric=True), _n("activities")),
              (Column("年度分档", numeric=True), _tier("consortia")), *_EVIDENCE, *_score("consortia"))),
    ItemList("academic_events", "academic_events", "学术交流活动", ("academic_events",),
             lambda r: r.academic_events,
             ((Column("活动"), _t("title")), (Column("类别"), _label("category")),
              (Column("角色"), _label("role")), (Column("日期"), _date("date")),
              (Column("参与人数", numeric=True), _n("participants")),
              (Column("主论坛／分论坛", numeric=True), _forums), (Column("会议资料"), _bool("materials")),
              (Column("外省报告人的省（区、市）", numeric=True), _written("speaker_provinces", _provinces)),
              (Column("参加者的国家或地区", numeric=True), _written("countries", _countries)),
              (Column("科普活动"), _occasion),
              *_EVIDENCE, *_score("academic_events"))),
    ItemList("research", "research", "调研报告与建言献策", ("research",), lambda r: r.research,
             ((Column("题目"), _t("title")), (Column("形式"), _label("form")),
              (Column("主题"), _label("topic")),
              (Column("方向"), _optional_label("focus")),
              (Column("成果", numeric=True), _written("achievements", _achievements)), *_score("research")), named_after_first_title=True),
    ItemList("major_work", "major_work", "参与市科协重大工作", ("major_work",), lambda r: r.major_work,
             ((Column("工作"), _t("title")), (Column("类别"), _label("kind")),
              (Column("日期"), _date("date")), (Column("说明"), _t("description")),
              *_EVIDENCE, *_score("major_work")), named_by_area=True),
)


def _kinds_only(area: str, title: str) -> ItemList:
    """The list of an area a year adds: its items are written like 七's."""
    return ItemList(area, area, title, (area,), lambda r: getattr(r, area, []),
                    ((Column("工作"), _t("title")), (Column("类别"), _label("kind")),
                     (Column("日期"), _date("date")), (Column("说明"), _t("description")),
                     *_EVIDENCE, *_score(area)), named_by_area=True)


def item_lists(areas: Sequence[tuple[str, str]] = ()) -> tuple[ItemList, ...]:
    """Every list of items: the guideline's, then those of the areas years add (`(key, title)`)."""
    known = {spec.area for spec in ITEM_LISTS}
    return (*ITEM_LISTS, *(_kinds_only(key, title) for key, title in areas if key not in known))


def lists_of(area: str, title: str = "", first_title: str = "") -> list[ItemList]:
    """The lists of an area; `title`: the area's name in the year shown (七 is renamed in some),
    `first_title`: its name in the first year of the guideline."""
    found = [replace(spec, title=spec.caption(title, first_title)) for spec in ITEM_LISTS if spec.area == area]
    return found or [_kinds_only(area, title or area)]


SCORE = "得分"


def source_cell(spec: ItemList, index: int, item: Any, row: Row) -> Cell:
    """A small “原文” link to the item's line in the YAML file; the id is in `data-item`."""
    line = row.doc.source.value((*spec.path, index))[0]
    url = row.site.source_url(row.doc.file, line)
    hint = f"{row.doc.file} 第 {line} 行（编号 {item.id}）"
    at = f' data-at="{attr(source_at(row.doc.file, line, own=True))}"'
    if url is None:
        return cell(f'<span class="sb-src" data-item="{attr(item.id)}"{at} title="{attr(hint)}">{SOURCE}</span>')
    said = source_name(title_of(item), line)
    return cell(f'<a class="sb-src" data-item="{attr(item.id)}"{at} href="{attr(url)}" title="{attr(hint)}" '
                f'aria-label="{attr(said)}">{SOURCE}</a>')


def _shown(spec: ItemList, brief: bool) -> list[tuple[Column, Getter]]:
    """The item's name, its score, then the other columns (no evidence in brief)."""
    shown = [(c, get) for c, get in spec.columns if not (brief and get is _evidence_cell)]
    score = [pair for pair in shown if pair[0].header == SCORE]
    return [shown[0], *score, *(pair for pair in shown[1:] if pair[0].header != SCORE)]


def columns(spec: ItemList, *, brief: bool = False) -> list[Column]:
    """The table's columns; in brief (the area pages) with the society first, no evidence and
    no source link; the key columns (society, name, score) come first."""
    head = [SOCIETY] if brief else []
    tail = [] if brief else [Column(SOURCE)]
    return [*head, *(c for c, _ in _shown(spec, brief)), *tail]


def key_columns(brief: bool = False) -> tuple[int, ...]:
    """Indexes of the columns a reader needs: the name and the score (and the society)."""
    return (0, 1, 2) if brief else (0, 1)


def _marked(shown: str, name: Cell, item: Any, mark: str | None) -> Cell:
    """An item's name cell, with the mark of an objection still open after it (the report page
    and the area pages alike); marked, it sorts by its name still."""
    if not mark:
        return Cell(shown, name.sort)
    return Cell(f"{shown} {mark}", name.sort if name.sort is not None else title_of(item))


def rows(spec: ItemList, row: Row) -> list[list[Cell]]:
    out = []
    society = row.doc.report.society
    shown = _shown(spec, row.brief)
    for index, item in enumerate(spec.items(row.doc.report)):
        cells = [get(item, row) for _, get in shown]
        mark = row.contested.get((spec.area, item.id))
        if row.brief:
            name = cells[0]
            cells[0] = _marked(f'<span data-item="{attr(item.id)}">{name.html}</span>', name, item, mark)
            # the society's report of that year, where the item is shown in full
            report = row.site.year_link(row.page, society, row.doc.report.year, text(row.site.name(society)))
            out.append([cell(report, row.site.name(society)), *cells])
        else:
            name = cells[0]
            anchored = f'<span id="{attr(item_anchor(spec.area, item.id))}">{name.html}</span>'
            cells[0] = _marked(anchored, name, item, mark)
            out.append([*cells, source_cell(spec, index, item, row)])
    return out


def name_of(report: YearReport, area: str, item_id: str) -> str | None:
    """The title (or name) of a report's item, found by its area and id."""
    if area not in type(report).model_fields:
        return None
    for spec in lists_of(area):
        for item in spec.items(report):
            if item.id == item_id:
                return title_of(item)
    return None
