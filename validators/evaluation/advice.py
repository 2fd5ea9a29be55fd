"""Advice: the few concrete changes that would raise a society's score most.

Each candidate is a changed copy of the report, scored again by the same engine, so the gain
is computed under the rubric (caps included), never written by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import Any, NamedTuple

from validators.association.reviews import Standing, review_entries
from validators.check import area_findings, repeat_findings
from validators.evaluation.score_lines import REVIEW_RULE
from validators.evaluation.scoring import Advice, Evaluation, Pending, WaitingTier, score_report
from validators.findings import Finding
from validators.models.academic_events import AcademicEvent
from validators.models.for_year import item_model
from validators.models.report import YearReport
from validators.models.review import ReviewStatus
from validators.repository import BrokenReport, ReportDoc
from validators.rules.academic_events import unmet_criteria
from validators.rules.repeated_items import CODE as REPEATED
from validators.year.cited import area_clause, rule_clause
from validators.year.countries import other_countries
from validators.year.cycle import Phase
from validators.year.guideline import EvaluationWindow, Guideline
from validators.year.kinds import Kind
from validators.year.measures import countries, in_window, out_of_province, regions
from validators.year.quotes import said
from validators.year.rubric import Rubric

MAX_ADVICE = 5
# Each what-if copy is checked and scored again, at a cost that grows with the report: trying
# every one of a 2,000-event report's fixes took minutes (quadratic). The advice shows five; the
# first this many candidates, in the guideline's order, are what it chooses from.
MAX_CANDIDATES = 40


class Candidate(NamedTuple):
    clause: str
    message: str
    area: str  # the one part of the report the change touches (a YearReport field)
    report: YearReport



def _innovation(report: YearReport, rules: Guideline, points: Rubric, paid: int) -> Iterator[Candidate]:
    """`paid`: the services the pilot-district rule pays for now (a service out of the window or
    refused takes no place)."""
    inn = report.innovation
    if inn is None:
        return
    if not inn.enterprise_platform_registered:
        platform = rule_clause(points.innovation.platform_registered, rules, "innovation")
        yield Candidate(platform, f"在中国科协{said('企业科协网', rules.clauses.get(platform, ''))}完成注册", "innovation",
               report.model_copy(update={"innovation": inn.model_copy(
                   update={"enterprise_platform_registered": True})}))
    rate = rules.thresholds.expert_registration_rate
    needed = math.ceil(rate * inn.senior_experts_total - 1e-9)
    missing = needed - inn.senior_experts_registered
    if inn.senior_experts_total and missing > 0:
        yield Candidate(rule_clause(points.innovation.expert_rate, rules, "innovation"), f"再有 {missing} 位副高及以上专家会员在专家库注册，注册率即达到 {rate:.0%}"
                               f"（现为 {inn.senior_experts_registered}/{inn.senior_experts_total}）",
                        "innovation", report.model_copy(update={"innovation": inn.model_copy(
                   update={"senior_experts_registered": needed})}))
    if not inn.services:
        return
    sample = inn.services[0]
    pilot, consulting_rule = points.innovation.pilot_district_service, points.innovation.consulting_training_service
    if consulting_rule is None or consulting_rule.clause is None:
        return
    consulting = rules.service_kinds_for(consulting_rule.clause)
    if not consulting:
        return
    kinds = "、".join(k.label for k in consulting[:2])
    if rules.pilot_districts and pilot is not None and pilot.clause and (pilot.max_count is None or paid < pilot.max_count):
        # A consulting service in a pilot district: the pilot rule's points and the consulting's.
        where = "或".join(rules.pilot_districts)
        # “再” (one more) only to a society that has such a service there already.
        more = "再" if any(_consulting(x.kind, consulting, rules) and x.district in rules.pilot_districts
                          for x in inn.services) else ""
        yield Candidate(pilot.clause, f"在{where}{more}开展一项有成效的{kinds}等企业服务", "innovation",
                        _with_service(report, inn, sample, consulting[0].code, rules.pilot_districts[0], rules))
        return
    # The pilot rule pays no more (or the year has none): the gain is the consulting rule's
    # alone, and said so; it was advised in the pilot district, under 1.3, once 1.3 was full.
    elsewhere = [d for d in rules.districts if d not in rules.pilot_districts]
    if sample.district in rules.districts and sample.district not in rules.pilot_districts:
        district = sample.district
    elif elsewhere:
        district = elsewhere[0]
    else:
        return
    more = "再" if any(_consulting(x.kind, consulting, rules) for x in inn.services) else ""
    yield Candidate(consulting_rule.clause, f"{more}开展一项有成效的{kinds}等企业服务", "innovation",
                    _with_service(report, inn, sample, consulting[0].code, district, rules))


def _consulting(kind: object, consulting: list[Kind], rules: Guideline) -> bool:
    """Whether a service's kind, as written, is one of the consulting kinds of the year."""
    found = rules.kinds.find("service_kinds", str(kind))
    return found is not None and found in consulting


def _with_service(report: YearReport, inn: Any, sample: Any, kind: str, district: str,
                  rules: Guideline) -> YearReport:
    extra = item_model(inn, "services").model_validate(
        {"id": "advice-service", "kind": kind, "title": sample.title, "enterprise": sample.enterprise,
         "district": district, "date": rules.evaluation_window.deadline, "outcome": sample.outcome})
    return report.model_copy(update={"innovation": inn.model_copy(update={"services": [*inn.services, extra]})})


def _event_fix(event: AcademicEvent, rules: Guideline) -> tuple[str, AcademicEvent] | None:
    """The smallest change that makes `event` meet its claimed category, described."""
    category = rules.event_category(event.category)
    if category is None:
        return None
    t = category.criteria
    update: dict[str, object] = {}
    said: list[str] = []
    for unmet in unmet_criteria(event, rules):
        if unmet.code == "E-CRITERIA-ROLE":
            return None  # a co-organised event cannot become hosted by editing the report
        if unmet.code == "E-THRESHOLD-PARTICIPANTS":
            update["participants"] = t.min_participants
            said.append(f"参与人数达到 {t.min_participants} 人（现为 {event.participants} 人）")
        elif unmet.code == "E-THRESHOLD-PROVINCES":
            if regions(event, rules).unknown:
                return None  # the names need spelling out first; the finding says how
            have = out_of_province(event, rules)
            home = rules.province(rules.home_province)
            more = [p.short for p in rules.provinces
                    if p.counts and p != home and p.short not in have]
            lack = (t.min_provinces or 0) - len(have)
            update["speaker_provinces"] = [*have, *more[:lack]]
            said.append(f"再有 {lack} 个外省（区、市）的科技人员作报告")
        elif unmet.code == "E-THRESHOLD-COUNTRIES":
            found = countries(event, rules)
            if found.unknown:
                return None
            have = found.codes
            lack = (t.min_countries or 0) - len(have)
            update["countries"] = [*have, *other_countries(have, lack)]
            said.append(f"再有 {lack} 个国家或地区的科技人员参加")
        elif unmet.code == "E-CRITERIA-MAIN-FORUM":
            update["main_forum"] = True
            said.append("设立主论坛")
        elif unmet.code == "E-CRITERIA-SUB-FORUM":
            update["sub_forums"] = t.min_sub_forums
            said.append("设立分论坛")
        elif unmet.code == "E-CRITERIA-MATERIALS":
            update["materials"] = True
            said.append("制作会议资料")
        elif unmet.code == "E-CRITERIA-OCCASION" and rules.occasion(event.occasion) == rules.open_occasion:
            update.update(occasion_name=event.occasion_name or "科普活动名称",
                          occasion_organizer=event.occasion_organizer or "主办单位")
            said.append("写明所在科普活动的名称（occasion_name）和主办单位（occasion_organizer）")
        elif unmet.code == "E-CRITERIA-OCCASION":
            update["occasion"] = rules.popularisation_occasions[0].name
            named = "、".join(o.name for o in rules.popularisation_occasions)
            said.append(f"在全国性、全市性科普活动（如{named}）中举办")
    return "、".join(said), event.model_copy(update=update)


def _events(report: YearReport, rules: Guideline) -> Iterator[Candidate]:
    for i, event in enumerate(report.academic_events):
        fix = _event_fix(event, rules) if unmet_criteria(event, rules) else None
        if fix:
            events = list(report.academic_events)
            events[i] = fix[1]
            yield Candidate(event.category.clause or area_clause(rules, "academic_events"),
                            f"“{event.title}”{fix[0]}，即达到{event.category.label}标准",
                            "academic_events", report.model_copy(update={"academic_events": events}))


def _research(report: YearReport, rules: Guideline, points: Rubric) -> Iterator[Candidate]:
    table = points.research.achievement
    best_code = max(table, key=lambda code: table[code].points)
    best = rules.kind("achievement_types", best_code)
    assert best is not None  # the rubric's tables are keyed by the year's kinds
    for i, item in enumerate(report.research):
        window = rules.evaluation_window
        if any(in_window(a.date, rules) for a in item.achievements):
            continue
        if any(a.date > window.deadline for a in item.achievements):
            # Its achievement came after this year's deadline: this year is closed to it, and
            # the year whose window holds its date counts it (later_notes says so).
            continue
        achieved = item.model_copy(update={"achievements": [
            *item.achievements,
            item_model(item, "achievements").model_validate({"type": best.code, "date": window.deadline})]})
        research = list(report.research)
        research[i] = achieved
        yield Candidate(area_clause(rules, "research"), f"推动“{item.title}”在评估截止日（{window.deadline}）前形成成果，如{best.label}",
                        "research", report.model_copy(update={"research": research}))


def later_notes(report: YearReport, rules: Guideline, following: EvaluationWindow | None = None) -> list[Advice]:
    """What advice cannot offer as a gain this year: a research item whose achievement is dated
    after this year's deadline counts in the report of the year whose window holds that date
    (「成果形成日期以当年评估截止日期为准」, 六's opening clause, 6 in 2017), not in this one.
    `following`: the next year's window, as its guideline file sets it; while that year has no
    file (or it does not read), the next year is taken to end a year (365 days) after this one."""
    window = rules.evaluation_window
    clause = area_clause(rules, "research")
    rule = said("成果形成日期以当年评估截止日期为准", rules.clauses.get(clause, ""))
    # Only as far as the next year's window reaches (it starts where this one ends).
    until = following.deadline if following is not None else window.deadline + dt.timedelta(days=365)
    notes = []
    for item in report.research:
        if any(in_window(a.date, rules) for a in item.achievements):
            continue
        late = sorted(a.date for a in item.achievements if window.deadline < a.date <= until)
        if late:
            notes.append(Advice(clause, f"“{item.title}”的成果形成于 {late[0]}，在本年度评估截止日（{window.deadline}）之后，"
                                        f"按{rule}，计入 {report.year + 1} 年度的评估（评估期自 {window.deadline}（不含）起）："
                                        f"请在 {report.year + 1} 年度的报告中列出这项调研成果", 0.0))
    return notes


def candidates(report: YearReport, rules: Guideline, points: Rubric, current: Evaluation) -> Iterator[Candidate]:
    paid = sum(1 for line in current.lines if line.rule == "pilot_district_service" and line.points > 0)
    yield from _innovation(report, rules, points, paid)
    yield from _events(report, rules)
    yield from _research(report, rules, points)


def _parts(current: Evaluation, again: Evaluation, areas: list[str], gain: float,
           rules: Guideline) -> tuple[tuple[str, float], ...]:
    """The clauses whose lines gained, each with its gain, in the guideline's order, when more than
    one did and they add up to `gain` (no cap or loss elsewhere took a share): one clause, or parts
    that do not add up, leave the advice to its own clause and total."""
    moved: dict[str, float] = {}
    for sign, lines in ((-1, (x for x in current.lines if x.area in areas)), (1, again.lines)):
        for x in lines:
            moved[x.clause or ""] = moved.get(x.clause or "", 0) + sign * x.points
    order = {c: i for i, c in enumerate(rules.clauses)}
    parts = tuple(sorted(((c, p) for c, p in moved.items() if p), key=lambda part: order.get(part[0], len(order))))
    if len(parts) < 2 or "" in dict(parts) or any(p < 0 for _, p in parts) or sum(p for _, p in parts) != gain:
        return ()
    return parts


def advise(doc: ReportDoc, previous: ReportDoc | BrokenReport | None, rules: Guideline, points: Rubric,
           current: Evaluation, standing: Standing | None = None,
           following: EvaluationWindow | None = None) -> list[Advice]:
    """Each candidate is scored with the verdicts the rules of its area give the changed copy:
    a fix is credited only when the rules accept it, as `check` would. A candidate changes one
    area, so only that area is checked and scored again, and any other area in which the
    change makes (or ends) a repeat of an item: an item added here may be the first copy of one
    listed there, which then earns nothing."""
    found: list[Advice] = []
    kept: dict[str, list[Finding]] = {}  # per area, the findings its rules did not make
    repeats = set(repeat_findings(doc, doc.report, rules, doc.findings))
    for clause, message, area, changed in islice(candidates(doc.report, rules, points, current), MAX_CANDIDATES):
        if area not in kept:
            made = area_findings(doc, doc.report, rules, area)
            kept[area] = [f for f in doc.findings if f not in made and f.code != REPEATED]
        now = kept[area] + [f for f in area_findings(doc, changed, rules, area) if f.code != REPEATED]
        repeats_now = repeat_findings(doc, changed, rules, now)
        moved = repeats.symmetric_difference(repeats_now)
        areas = sorted({area} | {str(f.path[0]) for f in moved if f.path})
        fixed = replace(doc, report=changed, findings=now + repeats_now)
        # Areas are scored and capped apart, so the gain is the change in their subtotals.
        again = score_report(fixed, previous, rules, points, standing, areas=areas)
        gain = sum(again.subtotals[a] - current.subtotals[a] for a in areas)
        if gain > 0:
            found.append(Advice(clause, message, gain, _parts(current, again, areas, gain, rules)))
    found.sort(key=lambda a: (-a.gain, a.clause, a.message))
    return found[:MAX_ADVICE] + later_notes(doc.report, rules, following)


def verification_open(rules: Guideline, day: dt.date) -> bool:
    """Whether the association may still verify the year's items on `day`: until its final phase
    (a year without a calendar, any day). From then on, and once frozen, nothing changes."""
    return rules.calendar is None or rules.calendar.phase(day) is not Phase.FINAL


def pending_gains(doc: ReportDoc, previous: ReportDoc | BrokenReport | None, rules: Guideline, points: Rubric,
                  current: Evaluation, standing: Standing | None,
                  day: dt.date) -> tuple[list[Pending], dict[str, WaitingTier]]:
    """For each state of waiting (待补充材料, 待核实), the items in it that earn nothing now but
    would earn once verified, and what the report's total would gain: the report scored again by
    the same engine (caps, counts, growth and expert marks included) with each state's items
    verified in turn, on top of the states before it, so that the gains add up to what verifying
    them all would give (an area's cap shared by two states is not counted twice). Nothing in a
    year the association verifies no more, and nothing for a state whose items add nothing.
    Beside them, by item id, the yearly tier each waiting station or consortium gets in the same
    scoring, whatever its state adds (a capped area's station has its tier all the same)."""
    if standing is None or not verification_open(rules, day):
        return [], {}
    waiting: dict[str, str] = {}  # item id: its state, in the evaluation's order
    clauses: dict[str, dict[str, None]] = {}  # the clauses its zero lines cite
    for line in current.lines:
        status = standing.mark(line.item_id) if line.rule == REVIEW_RULE else None
        if status is None or line.item_id is None:
            continue  # not a review line, or one of an item not recognised (不予认定)
        waiting.setdefault(line.item_id, status)
        if line.clause:
            clauses.setdefault(line.item_id, {})[line.clause] = None
    if not waiting:
        return [], {}
    titles = {e.id: e.title for e in review_entries(doc.report, points)}
    found = []
    tiers: dict[str, WaitingTier] = {}
    assumed, before = standing.assumed, current.total
    # The items waiting for the society's material first: theirs to act on; the staff's own
    # backlog (待核实) then adds what remains.
    states = sorted(dict.fromkeys(waiting.values()), key=lambda said: said != ReviewStatus.MATERIAL_REQUESTED.label)
    for status in states:
        ids = [item for item, said in waiting.items() if said == status]
        assumed = assumed | frozenset(ids)
        scored = score_report(doc, previous, rules, points, replace(standing, assumed=assumed))
        tiers |= {t.item_id: WaitingTier(status, t) for t in scored.item_tiers if t.item_id in ids}
        # An item that earns nothing even once verified (short of its rule) is not named.
        earning = [item for item in ids if any(line.points > 0 and line.item_id == item for line in scored.lines)]
        gain = scored.total - before
        before = scored.total
        if earning and gain > 0:
            cited = dict.fromkeys(c for item in earning for c in clauses.get(item, {}))
            found.append(Pending(status, tuple((i, titles.get(i, i)) for i in earning), tuple(cited), gain))
    return found, tiers
