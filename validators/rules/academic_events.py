"""Area 五 rules: each claimed category must meet its criteria (5.1–5.5)."""

from __future__ import annotations

from dataclasses import dataclass

from validators.guideline import Guideline
from validators.models.academic_events import AcademicEvent, EventCategory, EventRole
from validators.models.report import YearReport
from validators.rules.context import RuleContext
from validators.rules.suggest import likely

C = EventCategory
# 5.1–5.3 count only events the society hosted or undertook.
_HOSTED_ONLY = {C.ANNUAL_CONFERENCE, C.NATIONAL_EXCHANGE, C.INTERNATIONAL_EXCHANGE}
_MIN_PARTICIPANTS = {C.ANNUAL_CONFERENCE, C.NATIONAL_EXCHANGE, C.PUBLIC_EVENT}


@dataclass(frozen=True, slots=True)
class Unmet:
    code: str
    field: str
    message: str


def out_of_province(event: AcademicEvent, guideline: Guideline) -> list[str]:
    """Distinct provincial-level regions other than the home province, in the order given."""
    seen: dict[str, None] = {}
    for name in event.speaker_provinces:
        if name in guideline.provinces and name != guideline.home_province:
            seen.setdefault(name)
    return list(seen)


def distinct_countries(event: AcademicEvent) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in event.countries))


def unmet_criteria(event: AcademicEvent, guideline: Guideline) -> list[Unmet]:
    """What the claimed category still lacks; empty when the event meets it."""
    t, cat, label = guideline.thresholds, event.category, event.category.label
    unmet: list[Unmet] = []
    if cat in _HOSTED_ONLY and event.role == EventRole.CO_ORGANIZER:
        unmet.append(Unmet("E-CRITERIA-ROLE", "role",
                           f"{label}须由学会主办或承办；协办的活动请归入“大型社会活动”或“其他”。"))
    if cat == C.ANNUAL_CONFERENCE:
        if not event.main_forum:
            unmet.append(Unmet("E-CRITERIA-MAIN-FORUM", "main_forum",
                               "综合性学术年会须设有主论坛（main_forum: true）。"))
        if event.sub_forums < t.annual_conference_min_sub_forums:
            unmet.append(Unmet("E-CRITERIA-SUB-FORUM", "sub_forums",
                               f"综合性学术年会须设有分论坛（至少 {t.annual_conference_min_sub_forums} 个），"
                               f"现为 {event.sub_forums} 个。"))
        if not event.materials:
            unmet.append(Unmet("E-CRITERIA-MATERIALS", "materials",
                               "综合性学术年会须制作会议资料（materials: true）。"))
    if cat in _MIN_PARTICIPANTS and event.participants < t.event_min_participants:
        unmet.append(Unmet("E-THRESHOLD-PARTICIPANTS", "participants",
                           f"{label}的参与规模须不少于 {t.event_min_participants} 人，"
                           f"现为 {event.participants} 人。"))
    if cat == C.NATIONAL_EXCHANGE:
        regions = out_of_province(event, guideline)
        if len(regions) < t.national_min_provinces:
            unmet.append(Unmet("E-THRESHOLD-PROVINCES", "speaker_provinces",
                               f"全国性学术交流须有 {t.national_min_provinces} 个及以上外省、直辖市、"
                               f"自治区的科技人员作报告，现为 {len(regions)} 个"
                               f"（{guideline.home_province}不计入）。"))
    if cat == C.INTERNATIONAL_EXCHANGE:
        countries = distinct_countries(event)
        if len(countries) < t.international_min_countries:
            unmet.append(Unmet("E-THRESHOLD-COUNTRIES", "countries",
                               f"国际性学术交流须有 {t.international_min_countries} 个及以上国家或地区的"
                               f"科技人员参加，现为 {len(countries)} 个。"))
    if cat == C.PUBLIC_EVENT and event.occasion not in guideline.popularisation_occasions:
        unmet.append(Unmet("E-CRITERIA-OCCASION", "occasion",
                           "大型社会活动须在全国性、全市性科普活动中举办：occasion 可选 "
                           f"{'、'.join(guideline.popularisation_occasions)}。"))
    return unmet


def check(report: YearReport, ctx: RuleContext) -> None:
    provinces = ctx.guideline.provinces
    for i, event in enumerate(report.academic_events):
        path = ("academic_events", i)
        clause = event.category.clause
        for unmet in unmet_criteria(event, ctx.guideline):
            ctx.error((*path, unmet.field), unmet.code,
                      f"“{event.title}”不符合所申报的类别：{unmet.message}", clause)
        for j, name in enumerate(event.speaker_provinces):
            if name not in provinces:
                short = likely(name, provinces)
                hint = f"请写简称“{short}”。" if short else "请写如“北京”“广东”“内蒙古”。"
                ctx.error((*path, "speaker_provinces", j), "E-PROVINCE-UNKNOWN",
                          f"“{name}”不是省级行政区的简称。{hint}", "5.2")
        for field, names in (("speaker_provinces", event.speaker_provinces), ("countries", event.countries)):
            seen: set[str] = set()
            for j, name in enumerate(names):
                if name.strip() in seen:
                    ctx.error((*path, field, j), "E-LIST-DUPLICATE",
                              f"“{name}”重复列出：每个地区只写一次。", clause)
                seen.add(name.strip())
        ctx.in_window((*path, "date"), event.date, clause, "活动日期")
