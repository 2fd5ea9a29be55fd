"""Properties of the scoring engine over generated reports: lines sum to the total, caps hold,
rubric changes move the score by exactly what they should, order never matters."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validators.evaluation.scoring import AREAS, score_report
from validators.models.academic_events import EventRole
from validators.models.consortia import ConsortiumRole, Direction
from validators.models.for_year import kind_enum, report_model, year_classes
from validators.models.report import YearReport
from validators.repository import ReportDoc
from validators.yaml.loading import SourceMap
from validators.year.guideline import guideline
from validators.year.rubric import rubric

RULES = guideline(2017)
POINTS = rubric(2017)
# The 2017 models: the year's kinds in every kind field.
MODEL = report_model(RULES)
_C = year_classes(MODEL)
Service, Function, GovernmentFunctions, Innovation = (_C["Service"], _C["Function"],
                                                      _C["GovernmentFunctions"], _C["Innovation"])
ServiceStation, Consortium, AcademicEvent = _C["ServiceStation"], _C["Consortium"], _C["AcademicEvent"]
Achievement, ResearchReport, MajorWork = _C["Achievement"], _C["ResearchReport"], _C["MajorWork"]
ServiceKind, Method = kind_enum(Service, "kind"), kind_enum(Function, "method")
StationLevel, ConsortiumForm = kind_enum(ServiceStation, "level"), kind_enum(Consortium, "form")
EventCategory, MajorWorkKind = kind_enum(AcademicEvent, "category"), kind_enum(MajorWork, "kind")
AchievementType, ResearchForm = kind_enum(Achievement, "type"), kind_enum(ResearchReport, "form")
ResearchTopic = kind_enum(ResearchReport, "topic")
WINDOW = RULES.evaluation_window
dates = st.dates(WINDOW.start + dt.timedelta(days=1), WINDOW.deadline)
any_dates = st.dates(dt.date(2015, 1, 1), dt.date(2019, 12, 31))
counts = st.integers(0, 400)
ids = st.integers(0, 10_000).map(lambda n: f"item-{n}")
text = st.sampled_from(["学术年会", "企业服务", "调研报告", "科普活动"])


def _unique(items: list) -> list:
    seen: set[str] = set()
    return [i for i in items if not (i.id in seen or seen.add(i.id))]


services = st.builds(Service, id=ids, kind=st.sampled_from(list(ServiceKind)), title=text,
                     enterprise=text, district=st.sampled_from(RULES.districts), date=dates,
                     outcome=text)
functions = st.builds(Function, id=ids, title=text, commissioner=text,
                      method=st.sampled_from(list(Method)), new=st.booleans(),
                      amount_wan=st.integers(0, 200).map(float), start=dates, end=st.just(WINDOW.deadline))
stations = st.builds(ServiceStation, id=ids, name=text, level=st.sampled_from(list(StationLevel)),
                     established=any_dates.filter(lambda d: d <= WINDOW.deadline),
                     industry=st.sampled_from([*RULES.industries, "其他"]), partner=text,
                     enterprises_served=st.integers(0, 40), experts_engaged=counts,
                     activities=st.integers(0, 20))
consortia = st.builds(Consortium, id=ids, name=text, role=st.sampled_from(list(ConsortiumRole)),
                      form=st.sampled_from(list(ConsortiumForm)),
                      direction=st.sampled_from(list(Direction)),
                      industry=st.sampled_from([*RULES.industries, "其他"]),
                      members=st.lists(st.sampled_from(["甲单位", "乙单位", "丙单位"]), max_size=6),
                      established=any_dates.filter(lambda d: d <= WINDOW.deadline),
                      activities=st.integers(0, 12))
events = st.builds(AcademicEvent, id=ids, title=text, category=st.sampled_from(list(EventCategory)),
                   role=st.sampled_from(list(EventRole)), date=dates, participants=counts,
                   main_forum=st.booleans(), sub_forums=st.integers(0, 5), materials=st.booleans(),
                   speaker_provinces=st.lists(st.sampled_from([p.short for p in RULES.provinces]), max_size=10),
                   countries=st.lists(st.sampled_from(["中国", "德国", "日本", "法国"]), max_size=4),
                   occasion=st.one_of(st.none(), st.sampled_from([o.name for o in RULES.popularisation_occasions])))
achievements = st.builds(Achievement, type=st.sampled_from(list(AchievementType)), date=any_dates)
research = st.builds(ResearchReport, id=ids, title=text, form=st.sampled_from(list(ResearchForm)),
                     topic=st.sampled_from([ResearchTopic("four_services"),
                                            ResearchTopic("party_government_focus")]),
                     achievements=st.lists(achievements, max_size=4))
major = st.builds(MajorWork, id=ids, kind=st.sampled_from(list(MajorWorkKind)), title=text,
                  date=dates, description=text)


@st.composite
def reports(draw: st.DrawFn) -> YearReport:
    total = draw(st.integers(0, 200))
    return MODEL(
        society="cd-prop", year=2017,
        innovation=Innovation(enterprise_platform_registered=draw(st.booleans()),
                              senior_experts_total=total,
                              senior_experts_registered=draw(st.integers(0, total)),
                              services=_unique(draw(st.lists(services, max_size=12)))),
        government_functions=GovernmentFunctions(
            pilot=draw(st.booleans()), functions=_unique(draw(st.lists(functions, max_size=8)))),
        service_stations=_unique(draw(st.lists(stations, max_size=6))),
        consortia=_unique(draw(st.lists(consortia, max_size=4))),
        academic_events=_unique(draw(st.lists(events, max_size=14))),
        research=_unique(draw(st.lists(research, max_size=6))),
        major_work=_unique(draw(st.lists(major, max_size=8))),
    )


def _doc(report: YearReport) -> ReportDoc:
    return ReportDoc("submissions/cd-prop/2017.yaml", report, SourceMap())


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(reports())
def test_lines_sum_to_total_and_subtotals(report: YearReport) -> None:
    result = score_report(_doc(report), None, RULES, POINTS)
    assert sum(line.points for line in result.lines) == result.total
    for area in AREAS:
        assert sum(x.points for x in result.lines if x.area == area) == result.subtotals[area]
    assert result.total == sum(result.subtotals.values())
    assert result.tier == POINTS.tier_of(result.total)


@PROPERTY
@given(reports())
def test_no_area_exceeds_its_cap(report: YearReport) -> None:
    result = score_report(_doc(report), None, RULES, POINTS)
    for area in AREAS:
        assert 0 <= result.subtotals[area] <= getattr(POINTS, area).cap


@PROPERTY
@given(reports())
def test_every_line_names_its_clause_and_item(report: YearReport) -> None:
    for line in score_report(_doc(report), None, RULES, POINTS).lines:
        if line.rule == "cap":
            assert line.points < 0
            assert line.item_id is None
        else:
            assert line.clause in RULES.clauses, line
            assert line.item_id, line


@PROPERTY
@given(reports(), st.randoms(use_true_random=False))
def test_reordering_items_changes_nothing(report: YearReport, rnd) -> None:
    shuffled = {}
    for area in ("service_stations", "consortia", "academic_events", "research", "major_work"):
        items = list(getattr(report, area))
        rnd.shuffle(items)
        shuffled[area] = items
    inn = report.innovation
    services = list(inn.services)
    rnd.shuffle(services)
    other = report.model_copy(update={**shuffled, "innovation": inn.model_copy(update={"services": services})})
    a = score_report(_doc(report), None, RULES, POINTS)
    b = score_report(_doc(other), None, RULES, POINTS)
    assert (a.total, a.subtotals, a.tier) == (b.total, b.subtotals, b.tier)
    assert sorted((x.rule, x.item_id, x.points) for x in a.lines) == sorted(
        (x.rule, x.item_id, x.points) for x in b.lines)


def _uncapped():
    """The shipped rubric with caps high enough that none binds."""
    update = {area: getattr(POINTS, area).model_copy(update={"cap": 1000.0}) for area in AREAS}
    return POINTS.model_copy(update=update)


@PROPERTY
@given(reports(), st.sampled_from(list(StationLevel)), st.integers(1, 6).map(lambda n: n / 2))
def test_changing_station_points_moves_score_by_exactly_that(report, level, delta) -> None:
    base = _uncapped()
    stations = base.service_stations
    changed_rule = stations.level[level.value].model_copy(
        update={"points": stations.level[level.value].points + delta})
    changed = base.model_copy(update={"service_stations": stations.model_copy(
        update={"level": {**stations.level, level.value: changed_rule}})})
    # After its founding year, a station without activity earns nothing (3.2), its level included.
    n = sum(1 for s in report.service_stations if s.level == level
            and (s.activities > 0 or s.established > WINDOW.start))
    before = score_report(_doc(report), None, RULES, base).total
    after = score_report(_doc(report), None, RULES, changed).total
    assert after - before == n * delta


@PROPERTY
@given(reports(), st.sampled_from(list(EventCategory)), st.integers(1, 6).map(lambda n: n / 2))
def test_changing_event_points_moves_score_by_paid_lines(report, category, delta) -> None:
    base = _uncapped()
    events_rubric = base.academic_events
    rule = events_rubric.category[category.value]
    changed = base.model_copy(update={"academic_events": events_rubric.model_copy(update={
        "category": {**events_rubric.category, category.value: rule.model_copy(
            update={"points": rule.points + delta})}})})
    before = score_report(_doc(report), None, RULES, base)
    paid = sum(1 for x in before.lines if x.area == "academic_events" and x.points > 0
               and x.clause == category.clause)
    after = score_report(_doc(report), None, RULES, changed).total
    assert after - before.total == paid * delta
    assert paid <= (rule.max_count or paid)


@PROPERTY
@given(reports())
def test_caps_are_lines_of_their_own(report: YearReport) -> None:
    tight = POINTS.model_copy(update={"academic_events": POINTS.academic_events.model_copy(
        update={"cap": 1.0})})
    result = score_report(_doc(report), None, RULES, tight)
    raw = sum(x.points for x in result.lines if x.area == "academic_events" and x.rule != "cap")
    caps = [x for x in result.lines if x.area == "academic_events" and x.rule == "cap"]
    if raw > 1.0:
        assert [c.points for c in caps] == [1.0 - raw]
    else:
        assert caps == []
