"""Rules across files and years, run by `check` over the whole submissions tree.

Each finding is placed at the entry it concerns, in the file that holds it, so a pull request
sees it on the line it changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from validators.findings import Finding
from validators.models.consortia import ConsortiumRole
from validators.models.report import SHARED_ID_LISTS, YearReport
from validators.repository import PROFILE_FILE, ReportDoc, Repository
from validators.rules.academic_events import OWN_OCCASION_CODE, in_open_occasion, own_occasion
from validators.rules.cross_file_claims import (
    achievements_counted_once,
    claimed_once,
    functions_claimed_once,
    station_names_reused,
    stations_claimed_once,
    works_claimed_again,
)
from validators.rules.cross_file_common import at, clause_of, items, report_words, same_text
from validators.rules.cross_file_consortia import (
    consortia_renamed,
    consortium_names_reused,
    known_members,
    members_agree_with_lead,
    members_reciprocal,
    members_reported,
    not_self_by_name,
    one_lead_per_consortium,
)
from validators.year.cited import criterion_clause
from validators.year.guideline import guideline
from validators.year.measures import founded_this_year


def profiles_present(repo: Repository) -> Iterator[Finding]:
    for (society, _), doc in sorted(repo.reports.items()):
        if society in repo.profiles:
            continue
        if not (repo.root / doc.file).with_name(PROFILE_FILE).is_file():
            yield at(doc, ("society",), "E-SOCIETY-PROFILE-MISSING",
                      f"文件夹 {society}/ 缺少 society.yaml：请先提交学会资料（名称、类型、维护人）。",
                      None)


def occasions_not_own(repo: Repository) -> Iterator[Finding]:
    """An event of 5.4 in an occasion outside the year's list whose organizer is the society's own
    registered name (its profile's `name`, compared as `same_text` compares) was held in the
    society's own occasion: W-OCCASION-OWN, as the in-file rule says it of 本学会 and the other
    words of policy.yaml's `text.self_words`. The name is the profile's as it stands."""
    for doc, i, event in items(repo, "academic_events"):
        profile = repo.profiles.get(doc.report.society)
        own = same_text(profile.profile.name) if profile is not None else ""
        if not own or same_text(event.occasion_organizer or "") != own:
            continue
        rules = guideline(doc.report.year, repo.root)
        if rules is not None and in_open_occasion(event, rules):
            yield at(doc, ("academic_events", i, "occasion_organizer"), OWN_OCCASION_CODE, own_occasion(event, rules),
                      event.category.clause, "warning")


# What E-ESTABLISHED-CHANGED says (str.format): to a later year's report (ESTABLISHED_LATER,
# "{origin}" ESTABLISHED_ORIGIN of the earliest report, whose date stands, when the report told of
# is another; empty when they are one, which is then named once), and to two reports of one year
# (ESTABLISHED_SAME_YEAR); "{what}" is the area's word. The online form says the same sentences
# (validators/association/browser_cross.py).
ESTABLISHED_AREAS = (("service_stations", "服务站", "new_station"), ("consortia", "联合体", "new_lead"))
ESTABLISHED_LATER = ("{what}“{name}”（编号“{id}”）的成立日期为 {established}，与{file}中的 {first} 不一致："
                     "同一{what}只能在成立当年计为新建一次{origin}。请改为 {first}；"
                     "如那里的日期有误，请联系市科协更正。")
ESTABLISHED_ORIGIN = "，以最早列出它的{report}为准"
ESTABLISHED_SAME_YEAR = ("{what}“{name}”（编号“{id}”）的成立日期为 {established}，与{file}中的 {first} 不一致：同一{what}只能在"
                         "成立当年计为新建一次，请统一日期。")


def established_once(repo: Repository) -> Iterator[Finding]:
    """A station (per society) or a consortium (across societies) is new in one year only:
    its `established` date must read the same in every report that lists it.

    An earlier year's report is not changed by a later one (its submission has closed, or its
    results are on notice or final): where two years disagree, the later report is told to
    follow the earlier, and the earlier keeps its points. Reports of one year both hear it:
    which of them is right is for them to settle, not the order the files are read in."""
    for area, what, one_off in ESTABLISHED_AREAS:
        listed: dict[tuple[str, str], list[tuple[ReportDoc, int, Any]]] = defaultdict(list)
        for doc, i, item in items(repo, area):
            listed[("" if area in SHARED_ID_LISTS else doc.report.society, item.id)].append((doc, i, item))
        for entries in listed.values():
            # A consortium's lead first among the reports of a year: its report is the one a
            # consortium's fields follow, so its date is the one the later years are told of.
            entries.sort(key=lambda e: (e[0].report.year, getattr(e[2], "role", None) != ConsortiumRole.LEAD,
                                        e[0].file))
            origin, j, first = entries[0]
            told = False
            for doc, i, item in entries[1:]:
                if item.established == first.established:
                    continue
                if doc.report.year > origin.report.year:
                    # The society's own latest earlier report that says the first date: a lead is
                    # told of its own report, not a member's.
                    cited = next((d for d, _, x in reversed(entries) if d.report.year < doc.report.year
                                  and d.report.society == doc.report.society and x.established == first.established),
                                 origin)
                    yield at(doc, (area, i, "established"), "E-ESTABLISHED-CHANGED",
                              ESTABLISHED_LATER.format(what=what, name=item.name, id=item.id, established=item.established,
                                                       file=report_words(repo, cited, doc), first=first.established,
                                                       origin="" if cited is origin else ESTABLISHED_ORIGIN.format(
                                                           report=report_words(repo, origin, doc))),
                              clause_of(repo, doc, area, one_off))
                    continue
                yield at(doc, (area, i, "established"), "E-ESTABLISHED-CHANGED",
                          ESTABLISHED_SAME_YEAR.format(what=what, name=item.name, id=item.id, established=item.established,
                                                       file=report_words(repo, origin, doc), first=first.established),
                          clause_of(repo, doc, area, one_off))
                if not told:
                    told = True
                    yield at(origin, (area, j, "established"), "E-ESTABLISHED-CHANGED",
                              ESTABLISHED_SAME_YEAR.format(what=what, name=first.name, id=first.id,
                                                           established=first.established,
                                                           file=report_words(repo, doc, origin), first=item.established),
                              clause_of(repo, origin, area, one_off))


# What E-ESTABLISHED-TWICE says (str.format) of an item of TWICE_AREAS ("{what}" its word, "{day}"
# its day's word) new again under another id; the online form says the same sentence
# (validators/association/browser_cross.py).
TWICE_AREAS = (("service_stations", "服务站", "建站", "new_station"), ("consortia", "联合体", "成立", "new_lead"))
ESTABLISHED_TWICE = ("{what}“{name}”已列在{file}中（编号“{id}”，{day}日期 {established}），不是 {year} 年新建的："
                     "同一{what}只能在{day}当年计为新建一次。请沿用编号“{id}”和{day}日期 {established}。")


def established_under_one_id(repo: Repository) -> Iterator[Finding]:
    """3.2 and 4.3 pay the one-off once: 「对新建服务站给予一次性补助」, 「对新建联合体给予牵头（承办）
    学会一次性分类补助」. A station of a society, or a consortium a society leads, that the same
    society's report of an earlier year lists by the same name under another id is not new again
    in a later year: the later `established` is an error (the new id would earn the one-off
    twice). Only the society's own earlier entries count: a name another society used (a
    consortium it joined, a station of its own) is no proof that this one is the same."""
    for area, what, day, one_off in TWICE_AREAS:
        named: dict[tuple[str, str], dict[int, list[tuple[ReportDoc, int, Any]]]] = defaultdict(
            lambda: defaultdict(list))
        for doc, i, item in items(repo, area):
            if area == "consortia" and item.role != ConsortiumRole.LEAD:
                continue  # only a lead earns the one-off (4.3), and only its own past entries count
            named[(doc.report.society, same_text(item.name))][doc.report.year].append((doc, i, item))
        for by_year in named.values():
            # The earliest entry of the years before, and the earliest under another id than it.
            first: tuple[ReportDoc, Any] | None = None
            other: tuple[ReportDoc, Any] | None = None
            for year in sorted(by_year):
                rules = guideline(year, repo.root)
                for doc, i, item in by_year[year]:
                    if first is None or rules is None:
                        continue  # nothing before it
                    earlier = first if first[1].id != item.id else other
                    if earlier is None or not founded_this_year(item.established, rules):
                        continue
                    before, seen = earlier
                    yield at(doc, (area, i, "established"), "E-ESTABLISHED-TWICE",
                              ESTABLISHED_TWICE.format(what=what, name=item.name, file=report_words(repo, before, doc), id=seen.id,
                                                       day=day, established=seen.established, year=year),
                              clause_of(repo, doc, area, one_off))
                for doc, _, item in by_year[year]:
                    if first is None:
                        first = (doc, item)
                    elif other is None and item.id != first[1].id:
                        other = (doc, item)


# What W-STATION-RENAMED says (str.format); the online form says the same sentence
# (validators/association/browser_cross.py).
STATION_RENAMED = ("服务站“{name}”报为 {year} 年新建，但它服务的企业或园区、级别和产业都与{file}中的服务站"
                   "“{old}”（编号“{id}”，建站日期 {established}）相同，本报告又没有列出“{id}”：若是同一个服务站改了名称，"
                   "它不是新建的，请沿用编号“{id}”和建站日期 {established}（一次性补助只计一次）；若确是新建的另一个服务站，"
                   "请在证明材料中附上建站的文件，由市科协核查。")


def _station_key(station: Any) -> tuple[str, str, str]:
    """What one station keeps whatever it is called: whom it serves, its level, its industry."""
    return same_text(station.partner), station.level.value, same_text(station.industry)


def stations_renamed(repo: Repository) -> Iterator[Finding]:
    """3.2's one-off (「对新建服务站给予一次性补助」) is paid once: a station new this year that
    serves the same enterprise or park at the same level in the same industry as a station of
    the society's report of the year before, which this report no longer lists (by its id or
    its name), may be that station under a new name and id (a word dropped from its name made it
    new again). A park may host a new station in place of a closed one, and eleven industries
    hold many: the staff hear of it (a warning), and the points stand until they decide. While
    the old one is still listed beside it, they are two stations. The same name is
    `established_under_one_id`'s error, in any earlier year."""
    earlier: dict[str, list[tuple[ReportDoc, Any]]] = defaultdict(list)  # by society, oldest first
    for doc, i, station in items(repo, "service_stations"):
        society, year = doc.report.society, doc.report.year
        rules = guideline(year, repo.root)
        # A name the society gave a station in an earlier year: `established_under_one_id`'s error.
        named = {same_text(s.name) for d, s in earlier[society] if d.report.year < year}
        # A station of the year before that this report still lists, by its id or its name.
        listed = {s.id for s in doc.report.service_stations} | {same_text(s.name) for s in doc.report.service_stations}
        if rules is not None and founded_this_year(station.established, rules) and same_text(station.name) not in named:
            same = next(((d, s) for d, s in earlier[society]
                         if d.report.year == year - 1 and s.id not in listed and same_text(s.name) not in listed
                         and _station_key(s) == _station_key(station)), None)
            if same is not None:
                before, old = same
                yield at(doc, ("service_stations", i, "established"), "W-STATION-RENAMED",
                         STATION_RENAMED.format(name=station.name, file=report_words(repo, before, doc), old=old.name, id=old.id,
                                                established=old.established, year=year),
                         clause_of(repo, doc, "service_stations", "new_station"), "warning")
        earlier[society].append((doc, station))


# What E-FUNCTION-NEW-TWICE says (str.format); the online form says the same sentence
# (validators/association/browser_cross.py).
FUNCTION_NEW_TWICE = "职能“{title}”已列在{file}中，本年度不是新承接的：请把“本年度新增”改为“否”。"
# The same, of a function listed the year before under another id (its title and commissioner).
FUNCTION_NEW_AGAIN = ("职能“{title}”（委托单位“{commissioner}”）已列在{file}中（编号“{id}”），本年度不是新承接的："
                      "同一项职能换了编号仍是这一项，请沿用编号“{id}”，并把“本年度新增”改为“否”。")


def function_key(fn: Any) -> tuple[str, str]:
    """What makes two functions one, as within a report (`repeated_items`): its title and its
    commissioner, compared as `same_text` compares them."""
    return same_text(fn.title), same_text(fn.commissioner)


def functions_new_once(repo: Repository) -> Iterator[Finding]:
    """A function is 新增 (2.1) in one year: a function of the society's previous report, by its
    id or by its title and commissioner (a new id made it new again), cannot be new again."""
    for (society, year), doc in sorted(repo.reports.items()):
        previous = repo.reports.get((society, year - 1))
        gov = doc.report.government_functions
        before = previous.report.government_functions if previous else None
        if previous is None or gov is None or before is None:
            continue
        earlier = {fn.id for fn in before.functions}
        keyed: dict[tuple[str, str], Any] = {}
        for fn in before.functions:
            keyed.setdefault(function_key(fn), fn)
        for i, fn in enumerate(gov.functions):
            if not fn.new:
                continue
            if fn.id in earlier:
                message = FUNCTION_NEW_TWICE.format(title=fn.title, file=report_words(repo, previous, doc))
            elif (old := keyed.get(function_key(fn))) is not None:
                message = FUNCTION_NEW_AGAIN.format(title=fn.title, commissioner=fn.commissioner,
                                                    file=report_words(repo, previous, doc), id=old.id)
            else:
                continue
            yield at(doc, ("government_functions", "functions", i, "new"), "E-FUNCTION-NEW-TWICE", message,
                      clause_of(repo, doc, "government_functions", "pilot_new_function"))


# What W-IMPLAUSIBLE-FIGURE says (str.format) of an event's participants, of its provinces, of a
# function's amount ("{amount}", "{most}": as `:g` writes them) and of a station's enterprises. The
# online form says the same sentences (validators/association/browser_cross.py).
IMPLAUSIBLE_PARTICIPANTS = "参与人数 {participants} 远超本学会其他年度（最多 {most}）或常见规模：请核对。"
IMPLAUSIBLE_PROVINCES = "列出了 {listed} 个省级行政区，多于全国总数 {total}：请删除重复项。"
IMPLAUSIBLE_AMOUNT = "金额 {amount} 万元远超本学会其他年度（最多 {most} 万元）：请核对单位是否为万元。"
IMPLAUSIBLE_ENTERPRISES = "一个服务站一年服务 {served} 家企业，超过常见上限 {limit} 家：请核对。"


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
                yield at(doc, ("academic_events", i, "participants"), "W-IMPLAUSIBLE-FIGURE",
                          IMPLAUSIBLE_PARTICIPANTS.format(participants=ev.participants, most=past_max),
                          ev.category.clause, "warning")
            if len(ev.speaker_provinces) > len(rules.provinces):  # names, full or short
                yield at(doc, ("academic_events", i, "speaker_provinces"), "W-IMPLAUSIBLE-FIGURE",
                          IMPLAUSIBLE_PROVINCES.format(listed=len(ev.speaker_provinces), total=len(rules.provinces)),
                          criterion_clause(rules, "min_provinces"), "warning")
        past_amount = max((f.amount_wan for r in past if r.government_functions
                           for f in r.government_functions.functions), default=0.0)
        gov = doc.report.government_functions
        for i, fn in enumerate(gov.functions if gov else []):
            if past_amount and fn.amount_wan > past_amount * limits.growth_factor:
                yield at(doc, ("government_functions", "functions", i, "amount_wan"),
                          "W-IMPLAUSIBLE-FIGURE",
                          IMPLAUSIBLE_AMOUNT.format(amount=f"{fn.amount_wan:g}", most=f"{past_amount:g}"),
                          clause_of(repo, doc, "government_functions", "function"), "warning")
        for i, st in enumerate(doc.report.service_stations):
            if st.enterprises_served > limits.station_max_enterprises:
                yield at(doc, ("service_stations", i, "enterprises_served"), "W-IMPLAUSIBLE-FIGURE",
                          IMPLAUSIBLE_ENTERPRISES.format(served=st.enterprises_served,
                                                         limit=limits.station_max_enterprises),
                          clause_of(repo, doc, "service_stations", "new_station"), "warning")


RULES = (profiles_present, established_once, established_under_one_id, stations_renamed, functions_new_once,
         one_lead_per_consortium, not_self_by_name, known_members, members_reciprocal, members_agree_with_lead,
         achievements_counted_once, claimed_once, functions_claimed_once, stations_claimed_once,
         station_names_reused, consortia_renamed, consortium_names_reused, works_claimed_again,
         plausible_figures, occasions_not_own)


# The rules that read the day the check is of: what they say waits for a day of the year's calendar.
DATED_RULES = (members_reported,)


def check_repository(repo: Repository, day: dt.date) -> list[Finding]:
    """The rules across files, as they stand on `day` (the caller's: the site's build date,
    finalize's, today at the command line). A report that names another society or year than
    its place in the tree is condemned whole by its own error; it takes no part here, so that
    it cannot condemn another society's items."""
    placed = {key: doc for key, doc in repo.reports.items()
              if key == (doc.report.society, doc.report.year)}
    view = replace(repo, reports=placed) if len(placed) < len(repo.reports) else repo
    return ([finding for rule in RULES for finding in rule(view)]
            + [finding for dated in DATED_RULES for finding in dated(view, day)])
