"""Scoring: a pure function of validated reports, the year's guideline and its rubric.

Every point is a ScoreLine naming its area, clause, item, rubric rule and the YAML line behind
it; caps are lines of their own, so the lines always add up to the total.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

from pydantic import Field

from validators.association.reviews import Standing
from validators.evaluation.expert_marks import (
    assessed_lines,
    judged_items,
    judges,
    unjudged_words,
    words,
)
from validators.evaluation.pending_warnings import association_warnings
from validators.evaluation.score_lines import CAP_RULE, ERROR_RULE, REVIEW_RULE, ScoreLine
from validators.findings import Finding
from validators.models.report import AREA_KEYS, YearReport
from validators.repository import BrokenReport, ReportDoc
from validators.rules.cross_file_consortia import (
    MEMBER_NO_REPORT_CODE,
    MEMBERS_NEED_NOT_REPORT,
    SELF_NAMED_CODE,
)
from validators.verdicts import Verdicts
from validators.yaml.scalars import YamlPath
from validators.year.cited import area_clause, rule_clause, table_clause
from validators.year.guideline import Guideline
from validators.year.measures import (
    counted_achievements,
    distinct_members,
    expert_rate,
    expert_rate_met,
    founded_before,
    founded_this_year,
    no_outcome,
    percent,
    pilot_confirmed,
)
from validators.year.quotes import growth_named
from validators.year.rubric import AssessedCriterion, ItemTier, Rubric, Rule

__all__ = ["AREAS", "AT_FAULT", "PROFILE_AT_FAULT", "REPORT_AT_FAULT", "Advice", "Evaluation", "ItemTierResult",
           "Pending", "WaitingTier", "members_without_report", "score_report", "scoring_plan"]

# A line an error keeps from scoring says whose error it is: the society's profile's (every
# item of the report), the report's as a whole (every item), or the item's own.
PROFILE_AT_FAULT, REPORT_AT_FAULT, AT_FAULT = "学会资料", "本报告", "有错误，不计分："

AREAS = AREA_KEYS


@dataclass(frozen=True, slots=True)
class ItemTierResult:
    area: str
    item_id: str
    name: str
    tier: str
    new: bool


@dataclass(frozen=True, slots=True)
class Advice:
    clause: str
    message: str
    gain: float
    # The clauses whose rules pay the gain, each with its part (clause 1.3's 2 and 1.4's 1 of a
    # pilot-district service's 3), when more than one does and the parts add up to `gain`: said
    # as “条款 1.3、1.4，可加 2 + 1 = 3 分”. Written to no file, as Evaluation.pending (the
    # records keep `clause`, `message` and `gain`; a results file's advice has none).
    parts: Annotated[tuple[tuple[str, float], ...], Field(exclude=True)] = ()


@dataclass(frozen=True, slots=True)
class Pending:
    """The items in one state of waiting for the association's verification (待补充材料, 待核实)
    that earn nothing now, and what their verification would add, scored as `gain`."""

    status: str
    items: tuple[tuple[str, str], ...]  # (id, title), in the evaluation's order
    clauses: tuple[str, ...]  # every clause their lines cite, in order
    gain: float


@dataclass(frozen=True, slots=True)
class WaitingTier:
    """The yearly tier of a station or consortium waiting for verification, as the engine gives
    it with the item verified (advice.pending_gains), and the state it waits in (待补充材料, 待核查):
    until then its `item_tiers` entry is 未入档, which is no verdict on its figures."""

    status: str
    tier: ItemTierResult


@dataclass(slots=True)
class Evaluation:
    society: str
    year: int
    guideline_year: int
    rubric: str
    file: str
    has_errors: bool
    errors: int = 0
    warnings: int = 0
    # The report could not be read or failed its data model: nothing in it was scored.
    unreadable: bool = False
    total: float = 0.0
    tier: str = ""
    subtotals: dict[str, float] = field(default_factory=dict)
    item_tiers: list[ItemTierResult] = field(default_factory=list)
    lines: list[ScoreLine] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    # What verifying the waiting items would add, while the year's phase still lets them be
    # verified: said beside the advice. Never written to a results file (a final year verifies
    # nothing more) nor to the JSON output, whose fields stay as they were.
    pending: Annotated[list[Pending], Field(exclude=True)] = field(default_factory=list)
    # The tiers the waiting stations and consortia would have once verified, by item id, computed
    # with `pending` and as seldom: for the pages only, never written to a file.
    waiting_tiers: Annotated[dict[str, WaitingTier], Field(exclude=True)] = field(default_factory=dict)
    # Of `warnings`, those that wait on the association, not on the society (a list it has not
    # published: pending_warnings.py): the public 备注 leaves them out of its count. Written to no
    # file, as `pending`: a finalized year's 备注 keeps the counts its results file recorded.
    association_warnings: Annotated[int, Field(exclude=True)] = 0

    def to_dict(self) -> dict[str, Any]:
        # Flat records of plain values: one level of copying instead of asdict's deep recursion,
        # which costs seconds at a hundred societies' ten years.
        return {"society": self.society, "year": self.year, "guideline_year": self.guideline_year,
                "rubric": self.rubric, "file": self.file, "has_errors": self.has_errors,
                "errors": self.errors, "warnings": self.warnings, "unreadable": self.unreadable,
                "total": self.total,
                "tier": self.tier, "subtotals": dict(self.subtotals),
                "item_tiers": [_record(t) for t in self.item_tiers],
                "lines": [_record(line) for line in self.lines],
                "advice": [{"clause": a.clause, "message": a.message, "gain": a.gain} for a in self.advice]}


def _record(item: ScoreLine | ItemTierResult | Advice) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


class _Scorer:
    """Collects the lines of one report; rules with `max_count` stop paying after that many.

    An item that an error condemns earns nothing: it gets one zero line naming the error, and
    takes no place under a rule's `max_count`.
    """

    def __init__(self, doc: ReportDoc, rules: Guideline, points: Rubric,
                 standing: Standing | None = None) -> None:
        self.doc, self.guideline, self.rubric, self.standing = doc, rules, points, standing
        self.verdicts = Verdicts.of(doc.findings, doc.file)
        # A lead's members that check found to be the society's own registered name: a lead is
        # no member of its own consortium, so they do not lift 4.3's tier.
        self.self_named = {f.path for f in doc.findings if f.code == SELF_NAMED_CODE and f.path}
        self.lines: list[ScoreLine] = []
        self.item_tiers: list[ItemTierResult] = []
        self._used: dict[int, int] = {}
        # Plan mode (the workbench's): no review refuses anything and no `max_count` applies;
        # every paying line is kept as a unit, in order, for the page to apply verdicts to.
        self.units: list[dict[str, Any]] | None = None
        self._reviewed: set[str] = set()
        self._rule_keys: dict[int, int] = {}
        # The order `in_order` counts the area's items in, in words (按日期先后): a rule's
        # `max_count` is filled in it, and a line past the count says so.
        self.order: str | None = None
        # Items waiting for the association's verification (待补充材料, 待核实) while only verified
        # items earn, by id: (area, clause, path, why). Each is scored as if verified, and every
        # line it would earn becomes a zero line saying why, citing that line's clause: an item
        # that earns under two clauses once verified cites both, as its earned lines would.
        self.pending: dict[str, tuple[str, str | None, YamlPath, str]] = {}
        self.pending_cited: dict[str, set[str | None]] = {}

    def line_of(self, path: YamlPath) -> int:
        return self.doc.source.value(path)[0]

    def condemned(self, area: str, clause: str | None, item_id: str | None, path: YamlPath,
                  error: Finding | None) -> bool:
        """True (with its zero line) when `error`, or the association's review, keeps the item
        at `path` from scoring."""
        if error is None:
            if self.units is not None:
                if item_id is not None:
                    self._reviewed.add(item_id)
                return False
            standing = self.standing
            refusal = standing.refusal(item_id) if standing else None
            if refusal is None:
                return False
            if standing is not None and item_id is not None and standing.mark(item_id) is not None:
                self.pending.setdefault(item_id, (area, clause, path, refusal))
                return False  # scored on, as if verified: `held` turns its lines to zero lines
            self.nothing(area, clause, REVIEW_RULE, item_id, path, refusal)
            return True
        if item_id is not None and item_id in self.pending:
            return True  # held back as a whole already: an error within it (an achievement's) is not said
        # Said as readers read it; the code is the line's `finding`, the place the finding's own.
        where = (PROFILE_AT_FAULT if error.file != self.doc.file
                 else REPORT_AT_FAULT if error in self.verdicts.report_errors else "本项")
        # An item with no clause of its own (a kind the year does not list) cites its error's: a
        # former name's is the clause of the kind it was renamed to.
        self.lines.append(ScoreLine(area, clause or error.clause, item_id, ERROR_RULE, 0.0,
                                    f"{where}{AT_FAULT}{error.message}",
                                    self.doc.file, self.line_of(path), error.code))
        return True

    def blocked(self, area: str, clause: str | None, item_id: str | None, path: YamlPath) -> bool:
        return self.condemned(area, clause, item_id, path, self.verdicts.blocking(path))

    def held(self, clause: str | None, item_id: str | None) -> bool:
        """True when the item waits for verification: what it would earn under `clause` is its
        zero line citing the clause (once per clause), and takes no place under a `max_count`."""
        waiting = self.pending.get(item_id) if item_id is not None else None
        if waiting is None or item_id is None:
            return False
        cited = self.pending_cited.setdefault(item_id, set())
        if clause not in cited:
            cited.add(clause)
            area, _, path, why = waiting
            self.lines.append(ScoreLine(area, clause, item_id, REVIEW_RULE, 0.0, why, self.doc.file,
                                        self.line_of(path)))
        return True

    def unheld(self, unranked: str) -> None:
        """A waiting item that would earn nothing even if verified cites the clause it was held
        back under; a waiting station or consortium has no tier until it is verified."""
        for item_id, (area, clause, path, why) in self.pending.items():
            if item_id not in self.pending_cited:
                self.nothing(area, clause, REVIEW_RULE, item_id, path, why, force=True)
        self.item_tiers = [replace(t, tier=unranked, new=False) if t.item_id in self.pending else t
                           for t in self.item_tiers]

    def unit(self, area: str, clause: str, item_id: str | None, points: float, rule: Rule | None = None,
             reviewed: bool = True) -> None:
        """In plan mode, one paying line: its clause (whether an expert mark may pay), whose item
        a verdict can refuse, and the rule whose `max_count` it takes a place under."""
        if self.units is None:
            return
        limited = rule is not None and rule.max_count is not None
        self.units.append({
            "area": area, "clause": clause, "id": item_id, "item": item_id if reviewed and item_id in self._reviewed else None,
            "points": points, "rule": self._rule_keys.setdefault(id(rule), len(self._rule_keys)) if limited else None,
            "max": rule.max_count if limited and rule is not None else None})

    def award(self, area: str, rule_name: str, rule: Rule | None, item_id: str | None,
              path: YamlPath, note: str, reviewed: bool = True) -> None:
        if rule is None or self.held(rule.clause, item_id):  # an ended clause; an item held back
            return
        self.unit(area, rule.clause, item_id, rule.points, rule, reviewed)
        used = self._used.get(id(rule), 0)
        if self.units is not None:
            points = rule.points
        elif rule.max_count is not None and used >= rule.max_count:
            points, note = 0.0, f"{note}；本规则最多计 {rule.max_count} 项，{self.order or ''}已计满，此项不计分"
        else:
            points = rule.points
            self._used[id(rule)] = used + 1
        self.lines.append(ScoreLine(area, rule.clause, item_id, rule_name, points,
                                    f"{rule.label}：{note}", self.doc.file, self.line_of(path)))

    def nothing(self, area: str, clause: str | None, rule_name: str, item_id: str | None,
                path: YamlPath, note: str, force: bool = False) -> None:
        """A zero line that says why an item earned nothing, so the page can show it; none for an
        item waiting for verification (its own lines say why), unless `force`d."""
        if item_id in self.pending and not force:
            return
        self.lines.append(ScoreLine(area, clause, item_id, rule_name, 0.0, note, self.doc.file,
                                    self.line_of(path)))

    def in_order(self, items: Iterable[Any], key: Callable[[Any], Any], order: str) -> list[tuple[int, Any]]:
        """Items with their file index, in an order that does not depend on the file's order:
        by `key`, then id. `order` says so in words (按日期先后, 按成立日期先后, 按标题顺序),
        for the note of an item a rule's `max_count` leaves unpaid."""
        self.order = order
        return sorted(enumerate(items), key=lambda pair: (key(pair[1]), pair[1].id))


def _innovation(s: _Scorer, report: YearReport) -> None:
    area, rules, r = "innovation", s.rubric.innovation, report.innovation
    if r is None:
        return
    path: YamlPath = (area, "enterprise_platform_registered")
    # A line that pays nothing names the clause its rule cites, as the year numbers it.
    platform = rule_clause(rules.platform_registered, s.guideline, area)
    if r.enterprise_platform_registered and not s.blocked(area, platform, "enterprise_platform_registered", path):
        s.award(area, "platform_registered", rules.platform_registered,
                "enterprise_platform_registered", path, "已注册")
    needed = s.guideline.thresholds.expert_registration_rate
    note = f"{r.senior_experts_registered}/{r.senior_experts_total}"
    path = (area, "senior_experts_registered")
    error = s.verdicts.blocking(path) or s.verdicts.blocking((area, "senior_experts_total"))
    rate = expert_rate(r.senior_experts_total, r.senior_experts_registered) or 0
    experts = rule_clause(rules.expert_rate, s.guideline, area)
    if s.condemned(area, experts, "senior_experts_registered", path, error):
        pass  # its zero line names the error
    elif expert_rate_met(r, s.guideline):
        s.award(area, "expert_rate", rules.expert_rate, "senior_experts_registered", path,
                f"注册率 {percent(rate, needed)}（{note}），达到 {percent(needed, needed)}")
    elif r.senior_experts_total:
        s.nothing(area, experts, "expert_rate", "senior_experts_registered", path,
                  f"注册率 {percent(rate, needed)}（{note}），未达到 {percent(needed, needed)}")
    # The kinds each service rule pays for: those the year file lists under the rule's clause.
    consulting = _kinds_paid(s.guideline, rules.consulting_training_service)
    talent = _kinds_paid(s.guideline, rules.talent_finance_service)
    for i, svc in s.in_order(r.services, lambda x: x.date, "按日期先后"):
        path = (area, "services", i)
        # A service kept from scoring cites the clause it would have scored under first.
        first = (rules.pilot_district_service if svc.district in s.guideline.pilot_districts
                 else rules.consulting_training_service if svc.kind.value in consulting
                 else rules.talent_finance_service if svc.kind.value in talent else rules.other_service)
        if s.blocked(area, rule_clause(first, s.guideline, area), svc.id, path):
            continue
        earned = False
        if svc.district in s.guideline.pilot_districts:
            # 1.3 (2017's number) pays a service 「具有成效性」: one whose outcome says nothing is
            # paid as any other service of its kind, and its zero line says why 1.3 is not.
            lacking = no_outcome(svc.outcome, s.guideline,
                                 rule_clause(rules.pilot_district_service, s.guideline, area))
            if lacking is None:
                # Paid under 1.3, it is no "other service" of 一 as well: said, where a reader
                # looked for the half point such a service earns elsewhere.
                alone = (rules.other_service is not None and svc.kind.value not in consulting
                         and svc.kind.value not in talent)
                also = f"；已按本条计分，不再另计“{rules.other_service.label}”" if alone and rules.other_service else ""
                s.award(area, "pilot_district_service", rules.pilot_district_service, svc.id, path,
                        f"{svc.title}（{svc.district}）{also}")
                earned = True
            elif rules.pilot_district_service is not None:
                s.nothing(area, rules.pilot_district_service.clause, "pilot_district_service", svc.id,
                          (*path, "outcome"), f"{rules.pilot_district_service.label}：{svc.title}"
                          f"（{svc.district}）{lacking}，不计本条的分")
        if svc.kind.value in consulting:
            s.award(area, "consulting_training_service", rules.consulting_training_service, svc.id,
                    path, f"{svc.title}（{svc.kind.label}）")
        elif svc.kind.value in talent:
            s.award(area, "talent_finance_service", rules.talent_finance_service, svc.id, path,
                    f"{svc.title}（{svc.kind.label}）")
        elif not earned:
            s.award(area, "other_service", rules.other_service, svc.id, path,
                    f"{svc.title}（{svc.kind.label}）")


def _kinds_paid(rules: Guideline, rule: Rule | None) -> set[str]:
    """The service kinds `clause_service_kinds` lists under the clause `rule` cites (2017's 1.4,
    1.5); none when the year's rubric pays nothing under it."""
    return {k.code for k in rules.service_kinds_for(rule.clause)} if rule is not None else set()


def _functions_scored(doc: ReportDoc | None, verdicts: Verdicts | None = None) -> list[Any]:
    """The functions of a report that no error condemns: the ones 2.3's comparison may count."""
    g = doc.report.government_functions if doc else None
    if doc is None or g is None:
        return []
    verdicts = verdicts or Verdicts.of(doc.findings, doc.file)
    return [fn for i, fn in enumerate(g.functions)
            if verdicts.blocking(("government_functions", "functions", i)) is None]


def _functions_reported(doc: ReportDoc) -> int:
    g = doc.report.government_functions
    return len(g.functions) if g else 0


def _government(s: _Scorer, report: YearReport, previous: ReportDoc | BrokenReport | None) -> None:
    area, rules, g = "government_functions", s.rubric.government_functions, report.government_functions
    if g is None:
        return
    path: YamlPath = (area, "pilot")
    # Each line names the clause its rule cites, as the year numbers it (2017's 2.1–2.3).
    pilot, function, grown = (rule_clause(rule, s.guideline, area)
                              for rule in (rules.pilot, rules.function, rules.growth))
    # The association's list decides, whatever the report says of itself.
    confirmed = pilot_confirmed(report.society, s.guideline) is True
    if (g.pilot or confirmed) and not s.blocked(area, pilot, "pilot", path):
        if confirmed:
            s.award(area, "pilot", rules.pilot, "pilot", path, "列入市科协公布的首批承能试点学会名单")
        else:
            published = pilot_confirmed(report.society, s.guideline) is not None
            s.nothing(area, pilot, "pilot", "pilot", path,
                      "自报为首批承能试点学会，但" + ("不在市科协公布的名单中" if published
                                                     else "市科协尚未公布本年度名单") + "，不计分")
    for i, fn in s.in_order(g.functions, lambda x: x.start, "按开始日期先后"):
        path = (area, "functions", i)
        if s.blocked(area, function, fn.id, path):
            continue
        title = f"{fn.title}（{fn.commissioner}，{fn.method.label}，{fn.amount_wan:g} 万元）"
        s.award(area, "function", rules.function, fn.id, path, title)
        if fn.new:
            s.award(area, "new_function", rules.new_function, fn.id, path, f"{fn.title} 为新承接")
            if confirmed:
                s.award(area, "pilot_new_function", rules.pilot_new_function, fn.id, path,
                        f"{fn.title} 为试点学会新增职能")
    # A function the association does not recognise is not one the society took on.
    now = [fn for fn in _functions_scored(s.doc, s.verdicts)
           if s.standing is None or s.standing.refusal(fn.id) is None]
    if not now:
        return
    more = growth_named(s.guideline.clauses, grown)
    path = (area, "functions")
    before_year = report.year - 1
    if previous is None:
        s.nothing(area, grown, "growth", "functions", path,
                  f"本学会没有 {before_year} 年度的报告，无法与上一年度比较{more}，不计分")
        return
    if isinstance(previous, BrokenReport):
        codes = "、".join(dict.fromkeys(f.code for f in previous.findings if f.severity == "error"))
        s.nothing(area, grown, "growth", "functions", path,
                  f"{before_year} 年度报告（{previous.file}）有错误（{codes}），无法读取，"
                  f"无法与上一年度比较{more}，不计分：更正上一年度的报告后重新评估")
        return
    before = _functions_scored(previous)
    whole = Verdicts.of(previous.findings, previous.file).report_errors
    if whole:
        codes = "、".join(dict.fromkeys(f.code for f in whole))
        s.nothing(area, grown, "growth", "functions", path,
                  f"{before_year} 年度报告（{previous.file}）整份报告有错误（{codes}），其中各项都不计分，"
                  f"无法与上一年度比较{more}，不计分：更正上一年度的报告后重新评估")
        return
    if len(before) < _functions_reported(previous):
        s.nothing(area, grown, "growth", "functions", path,
                  f"{before_year} 年度报告（{previous.file}）的承接职能有错误，无法与上一年度比较{more}，"
                  "不计分：更正上一年度的报告后重新评估")
        return
    count, amount = len(now), sum(f.amount_wan for f in now)
    before_count, before_amount = len(before), sum(f.amount_wan for f in before)
    growth = rules.growth_rule
    if s.units is not None:
        # Which functions count depends on the verdicts: the page compares as below.
        if rules.growth is not None:
            s.units.append({"area": area, "id": "functions", "item": None, "points": rules.growth.points,
                            "rule": None, "max": None, "clause": rules.growth.clause,
                            "label": rules.growth.label, "growth": {
                                "functions": [{"item": fn.id, "amount": fn.amount_wan} for fn in now],
                                "before_count": before_count, "before_amount": before_amount,
                                "min_count_increase": growth.min_count_increase,
                                "min_amount_growth": growth.min_amount_growth}})
        return
    note = (f"{before_year} 年 {before_count} 项、{before_amount:g} 万元"
            f"{'（上一年度的报告没有列出承接职能）' if not before else ''} → "
            f"{report.year} 年 {count} 项、{amount:g} 万元（有错误的和核查后不计分的项目不计入）")
    grew = (count - before_count >= growth.min_count_increase
            or (before_amount > 0 and (amount - before_amount) / before_amount >= growth.min_amount_growth))
    if grew:
        s.award(area, "growth", rules.growth, "functions", (area, "functions"), note, reviewed=False)
    else:
        s.nothing(area, grown, "growth", "functions", (area, "functions"),
                  f"{note}：未达到{more}（数量增加 {growth.min_count_increase} 项"
                  f"或金额增长 {growth.min_amount_growth:.0%}）")


def _item_tier(tiers: list[ItemTier], activities: int, enterprises: int = 0,
               members: int = 0) -> ItemTier | None:
    return next((t for t in tiers if activities >= t.min_activities
                 and enterprises >= t.min_enterprises_served and members >= t.min_members), None)


def _tier_line(s: _Scorer, area: str, clause: str, item_id: str, path: YamlPath,
               tier: ItemTier | None, figures: str, whom: str = "") -> None:
    """The yearly performance tier of a station or consortium, or why it has none."""
    if tier and s.held(clause, item_id):
        return
    if tier:
        s.unit(area, clause, item_id, tier.points)
        s.lines.append(ScoreLine(area, clause, item_id, "tier", tier.points,
                                 f"年度绩效{tier.tier}{whom}：{figures}", s.doc.file, s.line_of(path)))
    else:
        s.nothing(area, clause, "tier", item_id, path, f"年度绩效未入档：{figures}")


# 3.2 and 4.3 (2017's numbers; the clauses of the rubric's `new_station` and `new_lead`, which
# the tiers name too, validators.year.cited): 「给予一次性补助，以后每年根据评估绩效予以分档补助」: the founding year earns the
# one-off, the years after it the tier.
_FIRST_YEAR = "新建当年给予一次性补助，分档补助从下一年度起"


def _stations(s: _Scorer, report: YearReport, unranked: str) -> None:
    area, rules = "service_stations", s.rubric.service_stations
    one_off = rule_clause(rules.new_station, s.guideline, area)
    for i, st in s.in_order(report.service_stations, lambda x: x.established, "按成立日期先后"):
        path = (area, i)
        if s.blocked(area, one_off, st.id, path):
            s.item_tiers.append(ItemTierResult(area, st.id, st.name, unranked, False))
            continue
        new = founded_this_year(st.established, s.guideline)
        figures = f"活动 {st.activities} 次、服务企业 {st.enterprises_served} 家"
        if not new and st.activities == 0:
            # 3.2 (2017): after its founding year a station is paid 「以后每年根据评估绩效」: a year
            # without activity earns it nothing, its level included.
            s.nothing(area, one_off, "level", st.id, path, f"{st.name}：本年度没有开展活动，不计分")
            s.item_tiers.append(ItemTierResult(area, st.id, st.name, unranked, False))
            continue
        s.award(area, "level", s.rubric.points_for(area, "level", st.level), st.id, path, st.name)
        tier = None
        if new:
            s.award(area, "new_station", rules.new_station, st.id, path,
                    f"{st.name} 建于 {st.established}")
            s.nothing(area, one_off, "tier", st.id, path, f"{_FIRST_YEAR}（{figures}）")
        elif founded_before(st.established, s.guideline):
            tier = _item_tier(rules.tiers, st.activities, st.enterprises_served)
            _tier_line(s, area, one_off, st.id, path, tier, figures)
        s.item_tiers.append(ItemTierResult(area, st.id, st.name, tier.tier if tier else unranked, new))


# What a consortium's tier line adds of the lead's members that are societies here with no report
# of the year (W-CONSORTIUM-MEMBER-NO-REPORT): they count, as the guideline asks no report of them.
# The report page's members cell says which (by name, linked); the line, which has no names, how many.
NO_REPORT_NOTE = "（其中 {count} 个成员学会没有本年度报告，照常计入：" + MEMBERS_NEED_NOT_REPORT + "）"


def members_without_report(doc: ReportDoc, index: int) -> set[int]:
    """The places in the members of `doc`'s consortium `index` of its societies here with no
    report of the year that check named (W-CONSORTIUM-MEMBER-NO-REPORT): what the tier line and
    the report page say of them."""
    return {f.path[3] for f in doc.findings if f.code == MEMBER_NO_REPORT_CODE and f.path
            and len(f.path) == 4 and tuple(f.path[:3]) == ("consortia", index, "members") and isinstance(f.path[3], int)}


def _consortia(s: _Scorer, report: YearReport, unranked: str) -> None:
    area, rules = "consortia", s.rubric.consortia
    one_off = table_clause(rules.new_lead, s.guideline, area)
    for i, c in s.in_order(report.consortia, lambda x: x.established, "按成立日期先后"):
        path = (area, i)
        lead = c.role.value == "lead"
        if s.blocked(area, rule_clause(rules.lead if lead else rules.member, s.guideline, area), c.id, path):
            s.item_tiers.append(ItemTierResult(area, c.id, c.name, unranked, False))
            continue
        new = founded_this_year(c.established, s.guideline)
        if not new and c.activities == 0:
            # 4.3 (2017) reads as 3.2 does: 「以后每年根据评估绩效予以分档补助」: a consortium with no
            # activity after its founding year earns nothing, its lead or member points included
            # (an auditor's case: an idle consortium's lead was paid 4 + 2 a year).
            s.nothing(area, one_off, c.role.value, c.id, path, f"{c.name}：本年度没有开展活动，不计分")
            s.item_tiers.append(ItemTierResult(area, c.id, c.name, unranked, False))
            continue
        s.award(area, c.role.value, rules.lead if lead else rules.member, c.id, path, c.name)
        if c.industry in s.guideline.industries:
            s.award(area, "leading_industry", rules.leading_industry, c.id, path,
                    f"{c.name}（{c.industry}）")
        counted = [m for j, m in enumerate(c.members) if (*path, "members", j) not in s.self_named]
        members = len(distinct_members(counted))
        figures = f"活动 {c.activities} 次、成员 {members} 个" + (
            "（不计本学会自己的名称）" if len(counted) < len(c.members) else "")
        if silent := members_without_report(s.doc, i):
            figures += NO_REPORT_NOTE.format(count=len(silent))
        tier = None
        if lead and new:
            s.award(area, "new_lead", s.rubric.points_for(area, "new_lead", c.form), c.id, path,
                    f"{c.name}（{c.form.label}）成立于 {c.established}")
            s.nothing(area, one_off, "tier", c.id, path, f"{_FIRST_YEAR}（{figures}）")
        elif lead and founded_before(c.established, s.guideline):
            tier = _item_tier(rules.tiers, c.activities, members=members)
            _tier_line(s, area, one_off, c.id, path, tier, figures, "（补助牵头学会）")
        s.item_tiers.append(ItemTierResult(area, c.id, c.name, tier.tier if tier else unranked, new))


def _events(s: _Scorer, report: YearReport) -> None:
    area = "academic_events"
    for i, ev in s.in_order(report.academic_events, lambda x: x.date, "按日期先后"):
        path = (area, i)
        # An event that misses its category's criteria carries an error: it is condemned here.
        if s.blocked(area, ev.category.clause, ev.id, path):
            continue
        s.award(area, "category", s.rubric.points_for(area, "category", ev.category), ev.id, path,
                f"{ev.title}（{ev.role.label}，{ev.participants} 人）")


def _research(s: _Scorer, report: YearReport) -> None:
    area, rules = "research", s.rubric.research
    # The achievement standard is the area's opening clause (2017's 6), as the year numbers it.
    own = area_clause(s.guideline, area)
    for i, rep in s.in_order(report.research, lambda x: x.title, "按标题顺序"):
        path = (area, i)
        clause = rep.topic.clause or own
        if s.condemned(area, clause, rep.id, path, s.verdicts.blocking_except(path, "achievements")):
            continue
        in_window = counted_achievements(rep, s.guideline)
        counted = [(j, a) for j, a in in_window
                   if not s.blocked(area, own, rep.id, (*path, "achievements", j))]
        if not counted:
            why = "评估期内的成果都有错误，不计分" if in_window else "本年度评估期内没有可认定的成果"
            s.nothing(area, own, "achievement", rep.id, path, f"{rep.title}：{why}")
            continue
        paid = {j: rule for j, a in counted
                if (rule := s.rubric.points_for(area, "achievement", a.type)) is not None}
        ranked = sorted(((j, a) for j, a in counted if j in paid),
                        key=lambda p: (-paid[p[0]].points, p[1].date, p[0]))
        limit = rules.max_achievements_per_report
        for rank, (j, ach) in enumerate(ranked):
            rule = paid[j]
            at = (*path, "achievements", j)
            note = f"{rep.title}：{ach.type.label}（{ach.date}）"
            if rank < limit and s.held(rule.clause, rep.id):
                continue
            if rank < limit:
                s.unit(area, rule.clause, rep.id, rule.points)
                # The points rest on the achievement standard (the rubric's clause), not on
                # the topic clause the report answers (6.1–6.3), which says nothing of them.
                s.lines.append(ScoreLine(area, rule.clause, rep.id, "achievement",
                                         rule.points, f"{rule.label}：{note}", s.doc.file,
                                         s.line_of(at)))
            else:
                s.nothing(area, own, "achievement", rep.id, at,
                          f"{note}：同一报告只取分值最高的 {limit} 项成果")


def _kinds_only(s: _Scorer, report: YearReport, area: str) -> None:
    """七, and any area a year adds: each item earns its kind's points."""
    for i, work in s.in_order(getattr(report, area, []), lambda x: x.date, "按日期先后"):
        if s.blocked(area, work.kind.clause, work.id, (area, i)):
            continue
        s.award(area, "kind", s.rubric.points_for(area, "kind", work.kind), work.id, (area, i),
                work.title)


def _apply_caps(s: _Scorer, report: YearReport, areas: list[str]) -> dict[str, float]:
    subtotals: dict[str, float] = {}
    for area in areas:
        cap = s.rubric.area(area).cap
        raw = sum(line.points for line in s.lines if line.area == area)
        if raw > cap:
            s.lines.append(ScoreLine(area, None, None, CAP_RULE, cap - raw,
                                     f"本领域得分 {raw:g} 超过上限 {cap:g}，按上限计",
                                     s.doc.file, s.doc.source.key((area,))[0]))  # the area's own line
            raw = cap
        subtotals[area] = raw
    return subtotals


def score_report(doc: ReportDoc, previous: ReportDoc | BrokenReport | None, rules: Guideline,
                 points: Rubric, standing: Standing | None = None,
                 areas: Collection[str] | None = None) -> Evaluation:
    """The evaluation of one report, without advice; `standing` is the association's review
    of it on the day of the evaluation, when the year keeps one. `areas`: only these are
    scored (advice re-scores the one area a what-if change touches; the other subtotals are 0)."""
    report = doc.report
    s = _Scorer(doc, rules, points, standing)
    _score_areas(s, previous, areas)
    if standing is not None:
        s.lines = [replace(x, review=standing.mark(x.item_id)) if x.points > 0 else x
                   for x in s.lines]
        s.lines += assessed_lines(s.verdicts.report_errors, standing, points, doc, s.lines, rules)
    keys = rules.area_keys
    subtotals = _apply_caps(s, report, keys)
    total = sum(line.points for line in s.lines)
    order = {a: n for n, a in enumerate(keys)}
    lines = sorted(s.lines, key=lambda x: (order[x.area], x.rule == CAP_RULE, x.line, x.rule))
    errors = sum(f.severity == "error" for f in doc.findings)
    return Evaluation(report.society, report.year, rules.year, points.id, doc.file,
                      has_errors=errors > 0, errors=errors, warnings=len(doc.findings) - errors,
                      association_warnings=association_warnings(doc.findings, rules),
                      total=total, tier=points.tier_of(total), subtotals=subtotals,
                      item_tiers=sorted(s.item_tiers, key=lambda t: (t.area, t.item_id)),
                      lines=lines)


def _score_areas(s: _Scorer, previous: ReportDoc | BrokenReport | None, areas: Collection[str] | None) -> None:
    report, rules, points = s.doc.report, s.guideline, s.rubric
    scorers: dict[str, Callable[[], None]] = {
        "innovation": lambda: _innovation(s, report),
        "government_functions": lambda: _government(s, report, previous),
        "service_stations": lambda: _stations(s, report, points.unranked),
        "consortia": lambda: _consortia(s, report, points.unranked),
        "academic_events": lambda: _events(s, report),
        "research": lambda: _research(s, report),
    }
    for area in rules.area_keys:
        s.order = None  # a rule outside an area's ordered items counts in no stated order
        if areas is None or area in areas:
            scorers.get(area, lambda area=area: _kinds_only(s, report, area))()
    s.unheld(points.unranked)


def scoring_plan(doc: ReportDoc, previous: ReportDoc | BrokenReport | None, rules: Guideline,
                 points: Rubric) -> dict[str, Any]:
    """What the workbench needs to score a report under any verdicts, as `score_report` would:
    the paying units in the scorer's order (each with the item a verdict can refuse and the
    rule whose `max_count` it counts under), the areas' caps, the assessed criteria and the
    tiers. Applying verdicts to it is `review-score.js`; a test holds the two to each other."""
    s = _Scorer(doc, rules, points)
    s.units = []
    _score_areas(s, previous, None)

    def held(c: AssessedCriterion) -> bool:
        return any(line.area == c.area and judges(c, line.clause) for line in s.lines)

    return {"units": s.units, "report_errors": bool(s.verdicts.report_errors),
            "areas": [{"key": a, "cap": points.area(a).cap} for a in rules.area_keys],
            "assessed": [{"id": c.id, "area": c.area, "clause": c.clause, "label": c.label,
                          "judges": judged_items(c, rules, points),
                          # Why a mark pays nothing while no judged item earns, as evaluate says it:
                          # whether the report has such items does not depend on the verdicts.
                          "unjudged": f"不计分：{unjudged_words(judged_items(c, rules, points), held(c))}"
                                      f"（条款 {c.clause}）",
                          "min": c.min, "max": c.max, "combine": c.combine,
                          "min_experts": c.min_experts, "words": words(c)} for c in points.assessed],
            "tiers": [{"tier": t.tier, "min_total": t.min_total} for t in points.tiers],
            "unranked": points.unranked}
