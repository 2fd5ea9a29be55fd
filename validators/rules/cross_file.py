"""Rules across files and years, run by `check` over the whole submissions tree.

Each finding is placed at the entry it concerns, in the file that holds it, so a pull request
sees it on the line it changed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from validators.findings import Finding, error, warning
from validators.models.academic_events import AcademicEvent, EventRole
from validators.models.common import SLUG_PATTERN
from validators.models.consortia import Consortium, ConsortiumRole
from validators.models.labelled import LabelledEnum, UnknownTerm
from validators.models.report import YearReport
from validators.repository import PROFILE_FILE, ReportDoc, Repository
from validators.yaml.scalars import YamlPath
from validators.year.guideline import guideline
from validators.year.measures import counted_achievements, founded_this_year


def same_text(text: str) -> str:
    """What two reports must share to name the same thing: the NFKC form (a full-width １ is a 1),
    without outer spaces, each inner run of whitespace one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _at(doc: ReportDoc, path: YamlPath, code: str, message: str, clause: str | None,
        severity: str = "error") -> Finding:
    line, col = doc.source.value(path)
    make = error if severity == "error" else warning
    return make(doc.file, line, col, code, message, clause, path)


def _items(repo: Repository, area: str) -> Iterator[tuple[ReportDoc, int, Any]]:
    """Every item of one list area, with its report and index; items of different areas share
    `id` and the fields a rule reads, so they are typed loosely here."""
    for _, doc in sorted(repo.reports.items()):
        for i, item in enumerate(getattr(doc.report, area)):
            yield doc, i, item


def profiles_present(repo: Repository) -> Iterator[Finding]:
    for (society, _), doc in sorted(repo.reports.items()):
        if society in repo.profiles:
            continue
        if not (repo.root / doc.file).with_name(PROFILE_FILE).is_file():
            yield _at(doc, ("society",), "E-SOCIETY-PROFILE-MISSING",
                      f"文件夹 {society}/ 缺少 society.yaml：请先提交学会资料（名称、类型、维护人）。",
                      None)


def established_once(repo: Repository) -> Iterator[Finding]:
    """A station (per society) or a consortium (across societies) is new in one year only:
    its `established` date must read the same in every report that lists it."""
    for area, scope_by_society, what in (("service_stations", True, "服务站"),
                                         ("consortia", False, "联合体")):
        first: dict[tuple[str, str], tuple[ReportDoc, int, Any]] = {}
        told: set[tuple[str, str]] = set()
        clause = "3.2" if area == "service_stations" else "4.3"
        for doc, i, item in _items(repo, area):
            key = (doc.report.society if scope_by_society else "", item.id)
            if key not in first:
                first[key] = (doc, i, item.established)
                continue
            origin, j, date = first[key]
            if item.established == date:
                continue
            # Both sides hear of it: which date is right is for the reports to settle, not the
            # order in which the files happen to be read.
            yield _at(doc, (area, i, "established"), "E-ESTABLISHED-CHANGED",
                      f"{what}“{item.id}”的成立日期为 {item.established}，与 {origin.file} 中的 "
                      f"{date} 不一致：同一{what}只能在成立当年计为新建一次，请统一日期。", clause)
            if key not in told:
                told.add(key)
                yield _at(origin, (area, j, "established"), "E-ESTABLISHED-CHANGED",
                          f"{what}“{item.id}”的成立日期为 {date}，与 {doc.file} 中的 "
                          f"{item.established} 不一致：同一{what}只能在成立当年计为新建一次，请统一日期。",
                          clause)


def established_under_one_id(repo: Repository) -> Iterator[Finding]:
    """3.2 and 4.3 pay the one-off once: 「对新建服务站给予一次性补助」, 「对新建联合体给予牵头（承办）
    学会一次性分类补助」. A station of the same society, or a consortium of any society, that an
    earlier year's report lists by the same name under another id is not new again in a later
    year: the later `established` is an error (the new id would earn the one-off twice)."""
    for area, per_society, what, day, clause in (("service_stations", True, "服务站", "建站", "3.2"),
                                                 ("consortia", False, "联合体", "成立", "4.3")):
        named: dict[tuple[str, str], dict[int, list[tuple[ReportDoc, int, Any]]]] = defaultdict(
            lambda: defaultdict(list))
        for doc, i, item in _items(repo, area):
            named[(doc.report.society if per_society else "", same_text(item.name))][
                doc.report.year].append((doc, i, item))
        for by_year in named.values():
            # The earliest entry of the years before, and the earliest under another id than it.
            first: tuple[ReportDoc, Any] | None = None
            other: tuple[ReportDoc, Any] | None = None
            for year in sorted(by_year):
                rules = guideline(year, repo.root)
                for doc, i, item in by_year[year]:
                    if first is None or rules is None or (not per_society and item.role != ConsortiumRole.LEAD):
                        continue  # nothing before it, or a member (only a lead earns the one-off, 4.3)
                    earlier = first if first[1].id != item.id else other
                    if earlier is None or not founded_this_year(item.established, rules):
                        continue
                    before, seen = earlier
                    yield _at(doc, (area, i, "established"), "E-ESTABLISHED-TWICE",
                              f"{what}“{item.name}”已列在 {before.file} 中（编号“{seen.id}”，{day}日期 "
                              f"{seen.established}），不是 {year} 年新建的：同一{what}只能在{day}当年计为新建一次。"
                              f"请沿用编号“{seen.id}”和{day}日期 {seen.established}。", clause)
                for doc, _, item in by_year[year]:
                    if first is None:
                        first = (doc, item)
                    elif other is None and item.id != first[1].id:
                        other = (doc, item)


def functions_new_once(repo: Repository) -> Iterator[Finding]:
    """A function is 新增 (2.1) in one year: the same function id in the society's previous
    report cannot be new again."""
    for (society, year), doc in sorted(repo.reports.items()):
        previous = repo.reports.get((society, year - 1))
        gov = doc.report.government_functions
        before = previous.report.government_functions if previous else None
        if previous is None or gov is None or before is None:
            continue
        earlier = {fn.id for fn in before.functions}
        for i, fn in enumerate(gov.functions):
            if fn.new and fn.id in earlier:
                yield _at(doc, ("government_functions", "functions", i, "new"), "E-FUNCTION-NEW-TWICE",
                          f"职能“{fn.id}”已列在 {previous.file} 中，本年度不是新承接的：请把 new 改为 false。",
                          "2.1")


def one_lead_per_consortium(repo: Repository) -> Iterator[Finding]:
    groups: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]] = defaultdict(list)
    for doc, i, item in _items(repo, "consortia"):
        groups[(doc.report.year, item.id)].append((doc, i, item))
    for (year, cid), entries in sorted(groups.items()):
        leads = [(d, i, c) for d, i, c in entries if c.role == ConsortiumRole.LEAD]
        if not leads:
            # The lead may be a body outside this repository (the guideline's own example is
            # 中国科协的“生命科学学会联合体”), or its report may not be readable: a reviewer looks.
            for doc, i, item in entries:
                yield _at(doc, ("consortia", i, "role"), "W-CONSORTIUM-NO-LEAD",
                          _no_lead(repo, year, cid, item.name, doc.report.society), "4.3", "warning")
        elif len(leads) > 1:
            names = "、".join(d.report.society for d, _, _ in leads)
            for doc, i, _ in leads:
                yield _at(doc, ("consortia", i, "role"), "E-CONSORTIUM-MULTIPLE-LEADS",
                          f"{year} 年联合体“{cid}”有多个牵头学会（{names}）：只能有一个，其余改为 参与。",
                          "4.3")


def _no_lead(repo: Repository, year: int, cid: str, name: str, society: str) -> str:
    """Why a consortium has no lead here, as precisely as the repository can say: a lead that
    reports it under another id, or a lead that has not reported it this year."""
    for (lead, lead_year), doc in sorted(repo.reports.items()):
        for item in doc.report.consortia:
            if item.role != ConsortiumRole.LEAD or lead == society:
                continue
            if lead_year == year and same_text(item.name) == same_text(name) and item.id != cid:
                return (f"{lead} 牵头的同名联合体“{name}”在它的 {year} 年报告中编号为“{item.id}”，"
                        f"本报告写的是“{cid}”：请改用同一个编号（在线填报可以从已发布的联合体中选择）。")
            if item.id == cid and lead_year != year:
                return (f"联合体“{cid}”由 {lead} 牵头（见它的 {lead_year} 年报告），但 {lead} 的 {year} 年报告"
                        "没有列出它：请牵头学会在本年度报告中列出这一联合体（role: 牵头）。")
    return (f"{year} 年联合体“{cid}”在本仓库中没有牵头学会的报告：牵头单位是仓库以外的单位时"
            "可以不理会；若牵头学会在本仓库，请它在报告中列出这一联合体（role: 牵头）。")


def known_members(repo: Repository) -> Iterator[Finding]:
    """Members written like a society id must be one; outside bodies are written by name."""
    looks_like_id = re.compile(SLUG_PATTERN)
    societies = set(repo.profiles) | {s for s, _ in repo.reports} | repo.society_ids
    for doc, i, item in _items(repo, "consortia"):
        for j, member in enumerate(item.members):
            if looks_like_id.match(member) and member not in societies:
                yield _at(doc, ("consortia", i, "members", j), "W-CONSORTIUM-MEMBER-UNKNOWN",
                          f"成员“{member}”像是学会 id，但本仓库没有这个学会。若是外部单位，请写中文全称。",
                          "4", "warning")


def members_reciprocal(repo: Repository) -> Iterator[Finding]:
    """A consortium's member societies list it in their own reports of the year, and each
    society that reports taking part is among its lead's members: otherwise both sides hear of
    it (a warning: a reviewer may accept a late report)."""
    entries: dict[tuple[int, str], dict[str, tuple[ReportDoc, int, Consortium]]] = defaultdict(dict)
    for doc, i, item in _items(repo, "consortia"):
        entries[(doc.report.year, item.id)].setdefault(doc.report.society, (doc, i, item))
    for (year, cid), by_society in sorted(entries.items()):
        leads = [e for e in by_society.values() if e[2].role == ConsortiumRole.LEAD]
        if len(leads) != 1:
            continue  # no lead, or several: an error of its own
        lead_doc, li, lead = leads[0]
        listed = set(lead.members)
        for j, member in enumerate(lead.members):
            other = repo.reports.get((member, year))
            if other is None or member in by_society:
                continue
            yield _at(lead_doc, ("consortia", li, "members", j), "W-CONSORTIUM-NOT-RECIPROCAL",
                      f"成员“{member}”的 {year} 年报告没有列出联合体“{cid}”：请双方核对，"
                      "成员学会须在自己的报告中列出同一编号的联合体。", "4", "warning")
            yield _at(other, ("consortia",) if other.report.consortia else ("society",),
                      "W-CONSORTIUM-NOT-RECIPROCAL",
                      f"{lead_doc.report.society} 牵头的联合体“{cid}”把本学会列为成员，但本报告没有列出它："
                      "如确为成员，请添加这一联合体（role: 参与）。", "4", "warning")
        for society, (doc, i, item) in sorted(by_society.items()):
            if item.role == ConsortiumRole.MEMBER and society not in listed:
                yield _at(doc, ("consortia", i, "role"), "W-CONSORTIUM-NOT-RECIPROCAL",
                          f"本学会报告参与联合体“{cid}”，但牵头学会 {lead_doc.report.society} 的成员名单中"
                          "没有本学会：请双方核对。", "4", "warning")
                yield _at(lead_doc, ("consortia", li, "members"), "W-CONSORTIUM-NOT-RECIPROCAL",
                          f"{society} 报告参与本联合体“{cid}”，但成员名单中没有它：如确为成员，请把"
                          f"“{society}”加入 members。", "4", "warning")


# What a consortium is, as its lead reports it. 4.1 pays for the consortium's industry, not
# for one a member gives it: 「重点支持服务成都市主导产业和优势产业为主的学会联合体建设」.
_LEAD_STATES = (("industry", "服务产业", "4.1"), ("form", "联合形式", "4"), ("direction", "联合方向", "4"))


def _as_written(value: Any) -> tuple[str, str]:
    """What compares (a kind's code, or the text in its normal form) and what is shown."""
    if isinstance(value, (LabelledEnum, UnknownTerm)):
        return same_text(value.value), value.label
    return same_text(str(value)), str(value)


def members_agree_with_lead(repo: Repository) -> Iterator[Finding]:
    """A member's report of a consortium whose lead reports the same year here says what the
    lead says of its industry, form and direction; otherwise the member's entry is an error."""
    groups: dict[tuple[int, str], list[tuple[ReportDoc, int, Consortium]]] = defaultdict(list)
    for doc, i, item in _items(repo, "consortia"):
        groups[(doc.report.year, item.id)].append((doc, i, item))
    for (_, cid), entries in sorted(groups.items()):
        leads = [e for e in entries if e[2].role == ConsortiumRole.LEAD]
        if len(leads) != 1:
            continue  # no lead here, or several: said by one_lead_per_consortium
        lead_doc, _, lead = leads[0]
        for doc, i, item in entries:
            if item.role != ConsortiumRole.MEMBER or doc is lead_doc:
                continue
            for field, word, clause in _LEAD_STATES:
                (mine, shown), (theirs, told) = (_as_written(getattr(c, field)) for c in (item, lead))
                if mine != theirs:
                    yield _at(doc, ("consortia", i, field), "E-CONSORTIUM-DIFFERS",
                              f"联合体“{cid}”的{word}写的是“{shown}”，牵头学会 {lead_doc.report.society} 在 "
                              f"{lead_doc.file} 中写的是“{told}”：联合体的{word}以牵头学会的报告为准，"
                              f"请改为“{told}”（若牵头学会写错了，请它更正）。", clause)


def achievements_counted_once(repo: Repository) -> Iterator[Finding]:
    seen: dict[tuple[str, str, str, object], ReportDoc] = {}
    for doc, i, item in _items(repo, "research"):
        rules = guideline(doc.report.year, repo.root)
        if rules is None:
            continue
        for j, ach in counted_achievements(item, rules):
            key = (doc.report.society, item.id, ach.type.value, ach.date)
            if key in seen and seen[key] is not doc:
                yield _at(doc, ("research", i, "achievements", j), "E-ACHIEVEMENT-COUNTED-TWICE",
                          f"成果“{ach.type.label}（{ach.date}）”已在 {seen[key].file} 中计分："
                          "同一成果只能在一个年度计分。", "6")
            seen.setdefault(key, doc)


def _shared_roles_ok(roles: list[EventRole]) -> bool:
    """Hosting and undertaking may be shared: one 主办, any 承办/协办, but no role twice but 协办."""
    counted = [r for r in roles if r != EventRole.CO_ORGANIZER]
    return len(counted) == len(set(counted))


def claimed_once(repo: Repository) -> Iterator[Finding]:
    events: dict[tuple[int, str, object], list[tuple[ReportDoc, int, AcademicEvent]]] = defaultdict(list)
    for doc, i, ev in _items(repo, "academic_events"):
        events[(doc.report.year, same_text(ev.title), ev.date)].append((doc, i, ev))
    shared = [(key, entries) for key, entries in events.items()
              if len({d.report.society for d, _, _ in entries}) > 1]
    for (_, title, day), entries in sorted(shared, key=lambda kv: str(kv[0])):
        hosts = {d.report.society for d, _, _ in entries}
        if not _shared_roles_ok([ev.role for _, _, ev in entries]):
            names = "、".join(sorted(hosts))
            for doc, i, ev in entries:
                yield _at(doc, ("academic_events", i, "role"), "W-EVENT-CLAIMED-TWICE",
                          f"“{title}”（{day}）被多个学会（{names}）以相同角色申报：请说明分工"
                          "（一个主办、其余承办或协办）。", ev.category.clause, "warning")
    reports: dict[tuple[int, str], list[tuple[ReportDoc, int]]] = defaultdict(list)
    for doc, i, item in _items(repo, "research"):
        reports[(doc.report.year, same_text(item.title))].append((doc, i))
    for (_, title), listed in sorted(kv for kv in reports.items() if len(kv[1]) > 1):
        authors = sorted({d.report.society for d, _ in listed})
        if len(authors) > 1:
            for doc, i in listed:
                yield _at(doc, ("research", i, "title"), "W-REPORT-CLAIMED-TWICE",
                          f"调研成果“{title}”被多个学会（{'、'.join(authors)}）申报：合作完成的请在一家"
                          "申报，或在标题中写明各自承担的部分。", "6", "warning")


# How many other societies a claimed-twice warning names; more are counted, not named.
_NAMED = 5


def _societies(names: list[str], more: bool = False) -> str:
    """Society ids as a message names them before the next Chinese word."""
    shown = "、".join(names[:_NAMED])
    return (f"{shown} 等 {len(names)} 个学会" if len(names) > _NAMED
            else f"{shown} 等学会" if more else f"{shown} ")


def _overlapping(entries: list[tuple[str, dt.date, dt.date]]) -> list[tuple[list[str], bool]]:
    """For each (society, start, end): up to `_NAMED` other societies with an entry whose period
    overlaps its own, and whether there may be more. Entries sorted by start; each prefix keeps
    the societies whose periods end latest (one more than named, for its own), so the work is
    linear in the entries, however many societies share a title."""
    order = sorted(range(len(entries)), key=lambda k: entries[k][1])
    starts = [entries[k][1] for k in order]
    keep = _NAMED + 1
    latest: list[list[tuple[dt.date, str]]] = []
    top: list[tuple[dt.date, str]] = []
    for k in order:
        society, _, end = entries[k]
        mine = next((e for e, s in top if s == society), None)
        if mine is None or end > mine:
            top = sorted([(e, s) for e, s in top if s != society] + [(end, society)], reverse=True)[:keep]
        latest.append(top)
    found: list[tuple[list[str], bool]] = []
    for society, start, end in entries:
        # Those that start by this one's end and end on or after its start: their periods overlap.
        before = bisect.bisect_right(starts, end)
        prefix = latest[before - 1] if before else []
        others = [s for e, s in prefix if e >= start and s != society]
        found.append((sorted(others[:_NAMED]), len(prefix) == keep and len(others) >= _NAMED))
    return found


def functions_claimed_once(repo: Repository) -> Iterator[Finding]:
    """The same function (title and commissioner) over overlapping periods in two societies'
    reports of a year: both hear of it, for the association's verifiers to settle (it may
    have been undertaken jointly)."""
    same: dict[tuple[int, str, str], list[tuple[ReportDoc, int, Any]]] = defaultdict(list)
    for (_, year), doc in sorted(repo.reports.items()):
        gov = doc.report.government_functions
        for i, fn in enumerate(gov.functions if gov else []):
            same[(year, same_text(fn.title), same_text(fn.commissioner))].append((doc, i, fn))
    for entries in same.values():
        if len({d.report.society for d, _, _ in entries}) < 2:
            continue
        periods = [(d.report.society, fn.start, fn.end) for d, _, fn in entries]
        for (doc, i, fn), (others, more) in zip(entries, _overlapping(periods), strict=True):
            if others:
                yield _at(doc, ("government_functions", "functions", i, "title"), "W-FUNCTION-CLAIMED-TWICE",
                          f"职能“{fn.title}”（{fn.commissioner}，{fn.start} 至 {fn.end}）也由 "
                          f"{_societies(others, more)}在同一年度申报，承接期有重叠：若是共同承接，请在证明材料中"
                          "写明本学会承担的部分；市科协核查时会对照双方的材料。", "2.2", "warning")


def stations_claimed_once(repo: Repository) -> Iterator[Finding]:
    """A station of the same name in two societies' reports of a year: both hear of it."""
    same: dict[tuple[int, str], list[tuple[ReportDoc, int, Any]]] = defaultdict(list)
    for doc, i, st in _items(repo, "service_stations"):
        same[(doc.report.year, same_text(st.name))].append((doc, i, st))
    for entries in same.values():
        societies = sorted({d.report.society for d, _, _ in entries})
        if len(societies) < 2:
            continue
        for doc, i, st in entries:
            others = [s for s in societies if s != doc.report.society]
            yield _at(doc, ("service_stations", i, "name"), "W-STATION-CLAIMED-TWICE",
                      f"服务站“{st.name}”也由 {_societies(others)}在同一年度申报：若是共建，请在证明材料中"
                      "写明本学会的分工；若不是同一个服务站，请改用能区分的名称。市科协核查时会对照双方的材料。",
                      "3.2", "warning")


def plausible_figures(repo: Repository) -> Iterator[Finding]:
    by_society: dict[str, list[YearReport]] = defaultdict(list)
    for (society, _), doc in repo.reports.items():
        by_society[society].append(doc.report)
    for (society, year), doc in sorted(repo.reports.items()):
        rules = guideline(year, repo.root)
        if rules is None:
            continue
        limits = rules.plausibility
        past = [r for r in by_society[society] if r.year != year]
        past_max = max((e.participants for r in past for e in r.academic_events), default=0)
        for i, ev in enumerate(doc.report.academic_events):
            if ev.participants > limits.event_max_participants or (
                    past_max and ev.participants > max(limits.growth_floor, past_max * limits.growth_factor)):
                yield _at(doc, ("academic_events", i, "participants"), "W-IMPLAUSIBLE-FIGURE",
                          f"参与人数 {ev.participants} 远超本学会其他年度（最多 {past_max}）或常见规模：请核对。",
                          ev.category.clause, "warning")
            if len(ev.speaker_provinces) > len(rules.provinces):  # names, full or short
                yield _at(doc, ("academic_events", i, "speaker_provinces"), "W-IMPLAUSIBLE-FIGURE",
                          f"列出了 {len(ev.speaker_provinces)} 个省级行政区，多于全国总数 "
                          f"{len(rules.provinces)}：请删除重复项。", "5.2", "warning")
        past_amount = max((f.amount_wan for r in past if r.government_functions
                           for f in r.government_functions.functions), default=0.0)
        gov = doc.report.government_functions
        for i, fn in enumerate(gov.functions if gov else []):
            if past_amount and fn.amount_wan > past_amount * limits.growth_factor:
                yield _at(doc, ("government_functions", "functions", i, "amount_wan"),
                          "W-IMPLAUSIBLE-FIGURE",
                          f"金额 {fn.amount_wan:g} 万元远超本学会其他年度（最多 {past_amount:g} 万元）："
                          "请核对单位是否为万元。", "2.2", "warning")
        for i, st in enumerate(doc.report.service_stations):
            if st.enterprises_served > limits.station_max_enterprises:
                yield _at(doc, ("service_stations", i, "enterprises_served"), "W-IMPLAUSIBLE-FIGURE",
                          f"一个服务站一年服务 {st.enterprises_served} 家企业，超过常见上限 "
                          f"{limits.station_max_enterprises} 家：请核对。", "3.2", "warning")


RULES = (profiles_present, established_once, established_under_one_id, functions_new_once,
         one_lead_per_consortium, known_members, members_reciprocal, members_agree_with_lead,
         achievements_counted_once, claimed_once, functions_claimed_once, stations_claimed_once,
         plausible_figures)


def check_repository(repo: Repository) -> list[Finding]:
    """The rules across files. A report that names another society or year than its place in
    the tree is condemned whole by its own error; it takes no part here, so that it cannot
    condemn another society's items."""
    placed = {key: doc for key, doc in repo.reports.items()
              if key == (doc.report.society, doc.report.year)}
    view = replace(repo, reports=placed) if len(placed) < len(repo.reports) else repo
    return [finding for rule in RULES for finding in rule(view)]
