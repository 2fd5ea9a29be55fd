"""Area 五 rules: each claimed category must meet its criteria (5.1–5.5); names of regions,
countries and occasions must be ones the year's file knows."""

from __future__ import annotations

from dataclasses import dataclass

from validators.models.academic_events import AcademicEvent, EventCategory, EventRole
from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext
from validators.year.countries import country_name, known_country_names
from validators.year.guideline import Guideline
from validators.year.measures import Countries, Regions, countries, regions

C = EventCategory
# 5.1–5.3 count only events the society hosted or undertook.
_HOSTED_ONLY = {C.ANNUAL_CONFERENCE, C.NATIONAL_EXCHANGE, C.INTERNATIONAL_EXCHANGE}
_MIN_PARTICIPANTS = {C.ANNUAL_CONFERENCE, C.NATIONAL_EXCHANGE, C.PUBLIC_EVENT}


@dataclass(frozen=True, slots=True)
class Unmet:
    code: str
    field: str
    message: str


def _occasion_unmet(event: AcademicEvent, guideline: Guideline) -> list[Unmet]:
    occasion = guideline.occasion(event.occasion)
    if occasion is None:
        return [Unmet("E-CRITERIA-OCCASION", "occasion",
                      "大型社会活动须在「科普月、科技周、科普日等全国性、全市性科普活动中举办」："
                      f"occasion 写 {'、'.join(guideline.occasion_names)} 之一"
                      f"（现为“{event.occasion or ''}”）；选“{guideline.open_occasion}”时，"
                      "还须写明活动名称（occasion_name）和主办单位（occasion_organizer）。")]
    if occasion == guideline.open_occasion:
        missing = [name for name, value in (("occasion_name", event.occasion_name),
                                            ("occasion_organizer", event.occasion_organizer))
                   if not value]
        if missing:
            return [Unmet("E-CRITERIA-OCCASION", "occasion",
                          f"occasion 为“{guideline.open_occasion}”时，须写明活动名称"
                          "（occasion_name）和主办单位（occasion_organizer），以便核实它是全国性、"
                          f"全市性科普活动：缺 {'、'.join(missing)}。")]
    return []


def unmet_criteria(event: AcademicEvent, guideline: Guideline, read: Regions | None = None,
                   codes: Countries | None = None) -> list[Unmet]:
    """What the claimed category still lacks; empty when the event meets it. `read` and `codes`:
    the event's regions and countries when the caller has them already."""
    t, cat, label = guideline.thresholds, event.category, event.category.label
    unmet: list[Unmet] = []
    if cat in _HOSTED_ONLY and event.role == EventRole.CO_ORGANIZER:
        unmet.append(Unmet("E-CRITERIA-ROLE", "role",
                           f"{label}须「由学会主办或承办」；协办的活动请归入“其他”"
                           "（在科普活动中举办的，可归入“大型社会活动”）。"))
    if cat == C.ANNUAL_CONFERENCE:
        if not event.main_forum:
            unmet.append(Unmet("E-CRITERIA-MAIN-FORUM", "main_forum",
                               "综合性学术年会须「设有主论坛、分论坛等形式」：main_forum 应为 true。"))
        if event.sub_forums < t.annual_conference_min_sub_forums:
            unmet.append(Unmet("E-CRITERIA-SUB-FORUM", "sub_forums",
                               f"综合性学术年会须设有分论坛（至少 {t.annual_conference_min_sub_forums} 个），"
                               f"现为 {event.sub_forums} 个。"))
        if not event.materials:
            unmet.append(Unmet("E-CRITERIA-MATERIALS", "materials",
                               "综合性学术年会须「制作会议资料」：materials 应为 true。"))
    if cat in _MIN_PARTICIPANTS and event.participants < t.event_min_participants:
        unmet.append(Unmet("E-THRESHOLD-PARTICIPANTS", "participants",
                           f"{label}的参与规模须不少于 {t.event_min_participants} 人，"
                           f"现为 {event.participants} 人。"))
    if cat == C.NATIONAL_EXCHANGE:
        counted = (read or regions(event, guideline)).counted
        if len(counted) < t.national_min_provinces:
            unmet.append(Unmet("E-THRESHOLD-PROVINCES", "speaker_provinces",
                               f"全国性学术交流须有 {t.national_min_provinces} 个及以上外省、直辖市、"
                               f"自治区的科技人员作学术报告，现为 {len(counted)} 个"
                               f"（{guideline.home_province}不计入）。"))
    if cat == C.INTERNATIONAL_EXCHANGE:
        distinct = (codes or countries(event, guideline)).codes
        if len(distinct) < t.international_min_countries:
            unmet.append(Unmet("E-THRESHOLD-COUNTRIES", "countries",
                               f"国际性学术交流须有 {t.international_min_countries} 个及以上国家或地区的"
                               f"科技人员参加，现为 {len(distinct)} 个。"))
    if cat == C.PUBLIC_EVENT:
        unmet += _occasion_unmet(event, guideline)
    return unmet


def _province_hint(name: str, ctx: RuleContext) -> str | None:
    """The listed name a user most likely meant: 北京市区 → 北京 (the one region it names),
    内蒙 → 内蒙古 (by likeness)."""
    stripped = name.strip()
    hits = {p.short for p in ctx.guideline.provinces
            if stripped and (p.short in stripped or stripped in p.name)}
    return hits.pop() if len(hits) == 1 else ctx.closest(stripped, ctx.guideline.province_names)


def _check_regions(event: AcademicEvent, found: Regions, path: tuple[str | int, ...],
                   ctx: RuleContext) -> None:
    field = (*path, "speaker_provinces")
    for j, name in found.unknown:
        short = _province_hint(name, ctx)
        hint = f"你是不是想写“{short}”？" if short else "请写如“北京”“广东省”“内蒙古自治区”。"
        ctx.error((*field, j), "E-PROVINCE-UNKNOWN",
                  f"“{name}”不是省、直辖市、自治区的名称。{hint}", "5.2")
    for j, region in found.not_counted:
        ctx.warning((*field, j), "W-PROVINCE-NOT-COUNTED",
                    f"“{event.speaker_provinces[j]}”不计入 6 个外省、直辖市、自治区：{region.why}。", "5.2")
    for j in found.repeated:
        ctx.warning((*field, j), "W-LIST-DUPLICATE",
                    f"“{event.speaker_provinces[j]}”与前面的一项是同一地区，只计一次：请删除这一项。", "5.2")


def _check_countries(event: AcademicEvent, found: Countries, path: tuple[str | int, ...],
                     ctx: RuleContext) -> None:
    field = (*path, "countries")
    for j, name in found.unknown:
        closest = ctx.closest(name, known_country_names(ctx.guideline.country_aliases))
        hint = f"你是不是想写“{closest}”？" if closest else "请写国家或地区的中文名称，如“德国”“新加坡”。"
        ctx.error((*field, j), "E-COUNTRY-UNKNOWN",
                  f"“{name}”不是能识别的国家或地区名称。{hint}", "5.3")
    for j, code in found.repeated:
        ctx.warning((*field, j), "W-LIST-DUPLICATE",
                    f"“{event.countries[j]}”与前面的一项是同一国家或地区（{country_name(code)}），"
                    "只计一次：请删除这一项。", "5.3")


def check(report: YearReport, ctx: RuleContext) -> None:
    for i, event in enumerate(report.academic_events):
        path = ("academic_events", i)
        clause = event.category.clause
        read, codes = regions(event, ctx.guideline), countries(event, ctx.guideline)
        for unmet in unmet_criteria(event, ctx.guideline, read, codes):
            ctx.error((*path, unmet.field), unmet.code,
                      f"“{event.title}”不符合所申报的类别：{unmet.message}", clause)
        _check_regions(event, read, path, ctx)
        _check_countries(event, codes, path, ctx)
        ctx.in_window((*path, "date"), event.date, clause, "活动日期")
