"""Rules across files about one piece of work claimed twice: an achievement in two years, an
event, report, function or station claimed by two societies."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from validators.findings import Finding
from validators.models.academic_events import AcademicEvent, EventRole
from validators.models.report import list_items
from validators.repository import ReportDoc, Repository
from validators.rules.cross_file_common import (
    at,
    clause_of,
    items,
    report_words,
    same_text,
    society_name,
)
from validators.year.cited import area_clause
from validators.year.guideline import guideline
from validators.year.measures import counted_achievements, founded_this_year

# What E-ACHIEVEMENT-COUNTED-TWICE says (str.format); "{when}" is COUNTED_WHEN where the earlier
# report gives another date, else empty. The online form says the same sentence
# (validators/association/browser_cross.py).
COUNTED_TWICE = ("调研成果“{title}”的成果“{type}”已在{file}中计分{when}：同一成果只在形成的"
                 "那一年度计分一次，本年度不再计分。若本年度确有新的成果，请写明另一种认定方式（如领导签批后又被采纳）。")
COUNTED_WHEN = "（那里写的日期是 {date}）"
# What W-EVENT-CLAIMED-TWICE, W-REPORT-CLAIMED-TWICE, W-FUNCTION-CLAIMED-TWICE, W-STATION-CLAIMED-TWICE
# and W-STATION-NAME-REUSED say (str.format); "{names}", "{authors}": societies joined by JOINED,
# "{others}": as `_societies` names them (SOCIETIES_*), "{more}": REUSED_MORE or empty. The online
# form says the same sentences (validators/association/browser_cross.py).
EVENT_CLAIMED = "“{title}”（{day}）被多个学会（{names}）以相同角色申报：请说明分工（一个主办、其余承办或协办）。"
REPORT_CLAIMED = "调研成果“{title}”被多个学会（{authors}）申报：合作完成的请在一家申报，或在标题中写明各自承担的部分。"
FUNCTION_CLAIMED = ("职能“{title}”（{commissioner}，{start} 至 {end}）也由{others}在同一年度申报，承接期有重叠："
                    "若是共同承接，请在证明材料中写明本学会承担的部分；市科协核查时会对照双方的材料。")
STATION_CLAIMED = ("服务站“{name}”也由{others}在同一年度申报：若是共建，请在证明材料中写明本学会的分工；"
                   "若不是同一个服务站，请改用能区分的名称。市科协核查时会对照双方的材料。")
STATION_REUSED = ("服务站“{name}”报为 {year} 年新建，但{society}{more}在 {before} 年度的报告中已申报"
                  "同名服务站（编号“{id}”，建站日期 {established}）：若是同一个服务站，一次性补助已经计过，请说明；"
                  "若不是，请改用能区分的名称。别的学会用过的名称不影响本学会的计分，市科协核查时会对照双方的材料。")
REUSED_MORE = "等 {n} 个学会"
SOCIETIES_MANY = "{shown}等 {n} 个学会"
SOCIETIES_MORE = "{shown}等学会"
SOCIETIES_FEW = "{shown}"
JOINED = "、"


def achievements_counted_once(repo: Repository) -> Iterator[Finding]:
    """六's opening clause (6 in 2017) pays a report's achievement once: 「其补助方式为：根据每年一次
    的成果评估予以补助。成果形成日期以当年评估截止日期为准」. An achievement of a type that the society's report of an earlier
    year already counted for the same research report (the same id, or the same title) is that
    achievement again, whatever date the later report gives it: the later one is the error, and
    the earlier keeps its points (its year is closed). Within one year's report, one type on one
    day twice is `E-ITEM-REPEATED`; on two days it is said for the staff (`W-ACHIEVEMENT-SAME-TYPE`):
    two leaders may each sign a report in one year, while a later year claiming a type again
    claims the achievement already counted."""
    seen: dict[tuple[str, str, str, str], tuple[ReportDoc, Any]] = {}
    for doc, i, item in items(repo, "research"):  # a society's years in order
        rules = guideline(doc.report.year, repo.root)
        if rules is None:
            continue
        counted = counted_achievements(item, rules)
        society = doc.report.society
        for j, ach in counted:
            keys = [(society, "id", item.id, ach.type.value),
                    (society, "title", same_text(item.title), ach.type.value)]
            earlier = next((seen[k] for k in keys if k in seen and seen[k][0] is not doc), None)
            if earlier is None:
                continue
            before, first = earlier
            when = "" if first.date == ach.date else COUNTED_WHEN.format(date=first.date)
            yield at(doc, ("research", i, "achievements", j), "E-ACHIEVEMENT-COUNTED-TWICE",
                      COUNTED_TWICE.format(title=item.title, type=ach.type.label, year=before.report.year,
                                           file=report_words(repo, before, doc), when=when),
                      area_clause(rules, "research"))
        for _, ach in counted:
            for k in ((society, "id", item.id, ach.type.value),
                      (society, "title", same_text(item.title), ach.type.value)):
                seen.setdefault(k, (doc, ach))


def _research_clause(doc: ReportDoc, repo: Repository) -> str | None:
    """六's own clause as the report's year numbers it (none for a year without a guideline)."""
    rules = guideline(doc.report.year, repo.root)
    return area_clause(rules, "research") if rules is not None else None


def _shared_roles_ok(roles: list[EventRole]) -> bool:
    """Hosting and undertaking may be shared: one 主办, any 承办/协办, but no role twice but 协办."""
    counted = [r for r in roles if r != EventRole.CO_ORGANIZER]
    return len(counted) == len(set(counted))


def claimed_once(repo: Repository) -> Iterator[Finding]:
    events: dict[tuple[int, str, object], list[tuple[ReportDoc, int, AcademicEvent]]] = defaultdict(list)
    for doc, i, ev in items(repo, "academic_events"):
        events[(doc.report.year, same_text(ev.title), ev.date)].append((doc, i, ev))
    shared = [(key, entries) for key, entries in events.items()
              if len({d.report.society for d, _, _ in entries}) > 1]
    for (_, _, day), entries in sorted(shared, key=lambda kv: str(kv[0])):
        hosts = {d.report.society for d, _, _ in entries}
        if not _shared_roles_ok([ev.role for _, _, ev in entries]):
            names = JOINED.join(society_name(repo, h) for h in sorted(hosts))
            for doc, i, ev in entries:  # each told its own title, as it wrote it
                yield at(doc, ("academic_events", i, "role"), "W-EVENT-CLAIMED-TWICE",
                          EVENT_CLAIMED.format(title=ev.title, day=day, names=names), ev.category.clause, "warning")
    reports: dict[tuple[int, str], list[tuple[ReportDoc, int, str]]] = defaultdict(list)
    for doc, i, item in items(repo, "research"):
        reports[(doc.report.year, same_text(item.title))].append((doc, i, item.title))
    for _, listed in sorted(kv for kv in reports.items() if len(kv[1]) > 1):
        authors = sorted({d.report.society for d, _, _ in listed})
        if len(authors) > 1:
            for doc, i, title in listed:
                yield at(doc, ("research", i, "title"), "W-REPORT-CLAIMED-TWICE",
                          REPORT_CLAIMED.format(title=title, authors=JOINED.join(society_name(repo, a) for a in authors)),
                          _research_clause(doc, repo), "warning")


# How many other societies a claimed-twice warning names; more are counted, not named.
NAMED = 5


def _societies(names: list[str], more: bool = False) -> str:
    """Societies (their names, `society_name`) as a message names them before the next Chinese word."""
    shown = JOINED.join(names[:NAMED])
    return (SOCIETIES_MANY.format(shown=shown, n=len(names)) if len(names) > NAMED
            else SOCIETIES_MORE.format(shown=shown) if more else SOCIETIES_FEW.format(shown=shown))


def _overlapping(entries: list[tuple[str, dt.date, dt.date]]) -> list[tuple[list[str], bool]]:
    """For each (society, start, end): up to `NAMED` other societies with an entry whose period
    overlaps its own, and whether there may be more. Entries sorted by start; each prefix keeps
    the societies whose periods end latest (one more than named, for its own), so the work is
    linear in the entries, however many societies share a title."""
    order = sorted(range(len(entries)), key=lambda k: entries[k][1])
    starts = [entries[k][1] for k in order]
    keep = NAMED + 1
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
        found.append((sorted(others[:NAMED]), len(prefix) == keep and len(others) >= NAMED))
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
                yield at(doc, ("government_functions", "functions", i, "title"), "W-FUNCTION-CLAIMED-TWICE",
                          FUNCTION_CLAIMED.format(title=fn.title, commissioner=fn.commissioner, start=fn.start,
                                                  end=fn.end, others=_societies([society_name(repo, s) for s in others], more)),
                          clause_of(repo, doc, "government_functions", "function"), "warning")


def stations_claimed_once(repo: Repository) -> Iterator[Finding]:
    """A station of the same name in two societies' reports of a year: both hear of it."""
    same: dict[tuple[int, str], list[tuple[ReportDoc, int, Any]]] = defaultdict(list)
    for doc, i, st in items(repo, "service_stations"):
        same[(doc.report.year, same_text(st.name))].append((doc, i, st))
    for entries in same.values():
        societies = sorted({d.report.society for d, _, _ in entries})
        if len(societies) < 2:
            continue
        for doc, i, st in entries:
            others = [s for s in societies if s != doc.report.society]
            yield at(doc, ("service_stations", i, "name"), "W-STATION-CLAIMED-TWICE",
                      STATION_CLAIMED.format(name=st.name, others=_societies([society_name(repo, s) for s in others])),
                      clause_of(repo, doc, "service_stations", "new_station"), "warning")


def station_names_reused(repo: Repository) -> Iterator[Finding]:
    """A station reported as new (3.2's one-off) under a name another society's report of an
    earlier year already gave its station: the one-off may be paid twice for one station. The
    name alone is no proof that it is the same station (README: a name another society used does
    not make it old), so the later entry is only warned, for the association's verifiers."""
    named: dict[str, list[tuple[ReportDoc, int, Any]]] = defaultdict(list)
    for doc, i, st in items(repo, "service_stations"):
        named[same_text(st.name)].append((doc, i, st))
    for entries in named.values():
        if len({d.report.society for d, _, _ in entries}) < 2:
            continue
        entries.sort(key=lambda e: (e[0].report.year, e[0].report.society, e[1]))
        for doc, i, st in entries:
            rules = guideline(doc.report.year, repo.root)
            if rules is None or not founded_this_year(st.established, rules):
                continue
            earlier = [(d, s) for d, _, s in entries
                       if d.report.year < doc.report.year and d.report.society != doc.report.society]
            if not earlier:
                continue
            before, seen = earlier[0]
            more = len({d.report.society for d, _ in earlier}) - 1
            yield at(doc, ("service_stations", i, "name"), "W-STATION-NAME-REUSED",
                      STATION_REUSED.format(name=st.name, year=doc.report.year, society=society_name(repo, before.report.society),
                                            more=REUSED_MORE.format(n=more + 1) if more else "",
                                            before=before.report.year, id=seen.id,
                                            established=seen.established),
                      clause_of(repo, doc, "service_stations", "new_station"), "warning")


# What W-WORK-CLAIMED-AGAIN says (str.format) of a service, event or major work.
WORK_AGAIN = ("“{title}”（{day}）与{file}中的“{other}”（{other_day}）名称相同{same}，日期只相隔 {days} 天："
              "若是同一项工作（日期写到了本年度评估期内），它只在开展的那一年度计分一次，请删除这一项；"
              "若确是两次（如改期的年度论坛、每月一次的培训），可以不改，请在证明材料中附上这一次的文件，由市科协核查。")
WORK_AGAIN_ENTERPRISE = "、服务的企业相同"
# The lists whose items are one dated piece of work, compared with the year before's.
_DATED_WORK = ("innovation", "academic_events", "major_work")


def _work_key(area: str, item: Any) -> tuple[str, str, str]:
    """A work's area, title and, for a service, its enterprise (a series of one title to many
    enterprises is many works), compared as `same_text` compares them."""
    return area, same_text(item.title), same_text(item.enterprise) if area == "innovation" else ""


def dated_works(report: Any) -> list[tuple[tuple[str, str, str], tuple[str | int, ...], Any]]:
    """(key, path, item) of each service, event and major work of `report`, in the file's order."""
    return [(_work_key(area, item), path, item) for area, path, item in list_items(report) if area in _DATED_WORK]


def works_claimed_again(repo: Repository) -> Iterator[Finding]:
    """A service, event or major work a few days (the year's `plausibility.same_work_days`) from
    one of its title in the society's report of the year before: one work of the last days of a
    window (2017's ends on 11-30) dated again just inside the next (2018-01-02) is paid in both
    years. A yearly event keeps its title a year apart, far beyond the days; a moved edition or a
    monthly training may still be two works, so the staff hear of it (a warning on the later).
    Only the society's own years: two societies' events of a common title (青年科技工作者沙龙) a
    few weeks apart are two events (a reviewer's false positive); one event both claim is
    W-EVENT-CLAIMED-TWICE's, within a year."""
    dated: dict[tuple[str, int, tuple[str, str, str]], list[tuple[ReportDoc, tuple[str | int, ...], Any]]] = (
        defaultdict(list))
    for (society, year), doc in sorted(repo.reports.items()):
        for key, path, item in dated_works(doc.report):
            dated[(society, year, key)].append((doc, path, item))
    for (society, year, key), entries in sorted(dated.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        before = dated.get((society, year - 1, key))
        rules = guideline(year, repo.root) if before else None
        days = rules.plausibility.same_work_days if rules is not None else None
        if not days or not before:
            continue
        for doc, path, item in entries:
            near = [(abs((item.date - x.date).days), d, x) for d, _, x in before if abs((item.date - x.date).days) <= days]
            if not near:
                continue
            apart, other_doc, other = min(near, key=lambda n: n[0])
            yield at(doc, (*path, "date"), "W-WORK-CLAIMED-AGAIN",
                     WORK_AGAIN.format(title=item.title, day=item.date, file=report_words(repo, other_doc, doc), other=other.title,
                                       other_day=other.date, days=apart,
                                       same=WORK_AGAIN_ENTERPRISE if key[0] == "innovation" else ""),
                     clause_of(repo, doc, key[0]), "warning")
