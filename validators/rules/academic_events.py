"""Area 五 rules: each claimed category must meet its criteria (5.1–5.5); names of regions,
countries and occasions must be ones the year's file knows."""

from __future__ import annotations

from dataclasses import dataclass

from validators.models.academic_events import AcademicEvent, EventRole
from validators.models.report import YearReport
from validators.rules.cross_file_common import same_text
from validators.rules.rule_context import RuleContext
from validators.yaml.policy import policy
from validators.year.cited import criterion_clause
from validators.year.countries import country_name, known_country_names
from validators.year.criteria import major_event_title_words, major_event_words, not_major_work
from validators.year.guideline import Guideline
from validators.year.measures import Countries, Regions, countries, regions
from validators.year.quotes import quoted
from validators.year.quotes import said as _said

_HOSTS = "由学会主办或承办"
# What 5.4 asks of a large public event (quoted when the year's clause still says it).
_OCCASIONS = "科普月、科技周、科普日等全国性、全市性科普活动中举办的活动"
# An event held in an occasion outside the year's list whose organizer is the society itself: by
# a word of policy.yaml's `text.self_words` (here), or by its registered name (rules across files,
# `cross_file.occasions_not_own`).
OWN_OCCASION_CODE = "W-OCCASION-OWN"


@dataclass(frozen=True, slots=True)
class Unmet:
    code: str
    field: str
    message: str


def _occasion_unmet(event: AcademicEvent, guideline: Guideline, label: str) -> list[Unmet]:
    for field, written in (("occasion", event.occasion), ("occasion_name", event.occasion_name)):
        major = guideline.major_event(written)
        if major is not None:
            return [Unmet("E-CRITERIA-OCCASION", field,
                          f"{label}的{_titled(field)}写的“{(written or '').strip()}”：{major_event_words(major, guideline)}。")]
    occasion = guideline.occasion(event.occasion)
    if occasion is None:
        named = "、".join(o.name for o in guideline.popularisation_occasions)
        return [Unmet("E-CRITERIA-OCCASION", "occasion",
                      f"{label}须在{named}等全国性、全市性科普活动中举办："
                      f"{_titled('occasion')}写 {'、'.join(guideline.occasion_names)} 之一"
                      f"{f'（现为“{event.occasion}”）' if event.occasion else '（现在没有填写）'}；"
                      f"名单以外的全国性、全市性科普活动写“{guideline.open_occasion}”，"
                      f"并写明{_titled('occasion_name')}和{_titled('occasion_organizer')}"
                      f"{not_major_work(guideline)}。")]
    if occasion == guideline.open_occasion:
        missing = [name for name, value in (("occasion_name", event.occasion_name),
                                            ("occasion_organizer", event.occasion_organizer))
                   if not value]
        if missing:
            return [Unmet("E-CRITERIA-OCCASION", "occasion",
                          f"{_titled('occasion')}为“{guideline.open_occasion}”时，须写明{_titled('occasion_name')}"
                          f"和{_titled('occasion_organizer')}，以便核实它是全国性、"
                          f"全市性科普活动：缺{'、'.join(_titled(m) for m in missing)}。")]
    return []


def in_open_occasion(event: AcademicEvent, guideline: Guideline) -> bool:
    """Whether `event` claims a category held in occasions (5.4) and names one outside the year's
    list (open_occasion) with its organizer: the organizer is then what says the occasion is a
    national or citywide one."""
    category = guideline.event_category(event.category)
    return (category is not None and category.criteria.occasion
            and guideline.major_event(event.occasion) is None and guideline.major_event(event.occasion_name) is None
            and guideline.occasion(event.occasion) == guideline.open_occasion
            and bool(event.occasion_name) and bool(event.occasion_organizer))


def own_occasion(event: AcademicEvent, guideline: Guideline) -> str:
    """W-OCCASION-OWN's sentence for an event in an occasion its own society organized. A warning:
    the society may have held its event in a national or citywide occasion and written itself as
    the organizer of its own part; the staff decide by the evidence, and the event scores as before."""
    category = guideline.event_category(event.category)
    label = category.label if category else str(event.category)
    clause = (category.clause if category else None) or ""
    other = guideline.kind("event_categories", "other")
    instead = f"；若不是，请改报为“{other.label}”" if other and other.label != label else ""
    return (f"“{event.title}”所在的“{(event.occasion_name or '').strip()}”的主办单位写的是"
            f"“{(event.occasion_organizer or '').strip()}”，即本学会自己：{label}是"
            f"{_said(_OCCASIONS, guideline.clauses.get(clause, ''))}，本学会自己举办的活动（如开放日、周年活动）"
            f"不是全国性、全市性科普活动。这一项仍按条款 {clause} 计分，由市科协按证明材料核实它是否在全国性、"
            f"全市性科普活动中举办{instead}。")


def _self_words() -> frozenset[str]:
    return frozenset(same_text(w) for w in policy().text.self_words)


def _role_allowed(role: EventRole, allowed: list[str]) -> bool:
    return role.value in allowed or role.label in allowed


def _dropped_regions(event: AcademicEvent, found: Regions, guideline: Guideline) -> list[str]:
    """What the list had that did not count toward 5.2, each with why, in the list's order:
    the home province, a region named again, a region the year's file does not count, a name
    that is no region."""
    listed = event.speaker_provinces
    home = guideline.home_province
    why: dict[int, str] = {}
    for j in found.home:
        name = listed[j].strip()
        why[j] = f"{home}是本省，不计入" if name == home else f"“{name}”即{home}，是本省，不计入"
    for j, region in found.not_counted:
        why[j] = f"“{listed[j].strip()}”不计入：{region.why}"
    for j in found.repeated:
        same = guideline.province(listed[j])
        first = next((listed[k].strip() for k in range(j)
                      if same is not None and guideline.province(listed[k]) == same), None)
        name = listed[j].strip()
        why[j] = (f"“{name}”与前面的“{first}”是同一地区，只计一次" if first and first != name
                  else f"“{name}”重复列出，只计一次")
    for j, name in found.unknown:
        why[j] = f"“{name.strip()}”不是省、直辖市、自治区的名称"
    return [why[j] for j in sorted(why)]


def _titled(field: str) -> str:
    """A field as a message names it: its title, and its key in brackets for whoever edits the
    file (the online form shows the bracket only when asked to show field names)."""
    return f"“{AcademicEvent.model_fields[field].title}”（{field}）"


def _must_be_true(field: str) -> str:
    """A yes-or-no field a category asks for: 是 in the workbook and the form, and, in the bracket
    the form shows only with the field names, what the YAML file writes."""
    return f"“{AcademicEvent.model_fields[field].title}”应选“是”（{field}: true）。"


def unmet_criteria(event: AcademicEvent, guideline: Guideline, read: Regions | None = None,
                   codes: Countries | None = None) -> list[Unmet]:
    """What the claimed category still lacks, by the year's criteria for it; empty when the event
    meets them (or claims a category the year does not have: that is its own finding). `read`
    and `codes`: the event's regions and countries when the caller has them already."""
    category = guideline.event_category(event.category)
    if category is None:
        return []
    c, label = category.criteria, category.label
    words = guideline.clauses.get(category.clause or "", "")
    unmet: list[Unmet] = []
    if c.roles is not None and not _role_allowed(event.role, c.roles):
        allowed = "或".join(r.label for r in EventRole if _role_allowed(r, c.roles))
        phrase = _said(_HOSTS, words) if allowed == "主办或承办" else f"由学会{allowed}"
        # The category for events held in popularisation occasions, by the year's name for it.
        public = next((k.label for k in guideline.kinds.event_categories
                       if k.criteria.occasion and k.label != label), None)
        aside = f"（在科普活动中举办的，可归入“{public}”）" if public else ""
        other = guideline.kind("event_categories", "other")
        instead = f"{event.role.label}的活动请归入“{other.label}”{aside}" if other else ""
        unmet.append(Unmet("E-CRITERIA-ROLE", "role", f"{label}须{phrase}" + (f"；{instead}" if instead else "") + "。"))
    if c.main_forum and not event.main_forum:
        unmet.append(Unmet("E-CRITERIA-MAIN-FORUM", "main_forum",
                           f"{label}须{_said('设有主论坛、分论坛等形式', words)}：{_must_be_true('main_forum')}"))
    if c.min_sub_forums and event.sub_forums < c.min_sub_forums:
        # The number is the year's data reading the clause's words (主论坛、分论坛等形式): said as a reading, so that
        # a secretary who reads the clause does not take the data for a misquote.
        clause_words = quoted("设有主论坛、分论坛等形式", words)
        reading = f"条款写的是{clause_words}，本年度的指南数据按" if clause_words else "按本年度的指南数据，"
        unmet.append(Unmet("E-CRITERIA-SUB-FORUM", "sub_forums",
                           f"{label}须设有分论坛（{reading}至少 {c.min_sub_forums} 个分论坛计），"
                           f"现为 {event.sub_forums} 个。"))
    if c.materials and not event.materials:
        unmet.append(Unmet("E-CRITERIA-MATERIALS", "materials",
                           f"{label}须{_said('制作会议资料', words)}：{_must_be_true('materials')}"))
    if c.min_participants and event.participants < c.min_participants:
        unmet.append(Unmet("E-THRESHOLD-PARTICIPANTS", "participants",
                           f"{label}的参与规模须不少于 {c.min_participants} 人，"
                           f"现为 {event.participants} 人。"))
    if c.min_provinces:
        found = read or regions(event, guideline)
        if len(found.counted) < c.min_provinces:
            dropped = _dropped_regions(event, found, guideline)
            unmet.append(Unmet("E-THRESHOLD-PROVINCES", "speaker_provinces",
                               f"{label}须有 {c.min_provinces} 个及以上外省、直辖市、"
                               f"自治区的科技人员作学术报告，现为 {len(found.counted)} 个"
                               + (f"（{'；'.join(dropped)}）" if dropped else "") + "。"))
    if c.min_countries:
        distinct = (codes or countries(event, guideline)).codes
        if len(distinct) < c.min_countries:
            unmet.append(Unmet("E-THRESHOLD-COUNTRIES", "countries",
                               f"{label}须有 {c.min_countries} 个及以上国家或地区的"
                               f"科技人员参加，现为 {len(distinct)} 个。"))
    if c.occasion:
        unmet += _occasion_unmet(event, guideline, label)
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
    if not (found.unknown or found.not_counted or found.repeated):  # the common case: nothing to say
        return
    field, clause = (*path, "speaker_provinces"), criterion_clause(ctx.guideline, "min_provinces")
    for j, name in found.unknown:
        short = _province_hint(name, ctx)
        hint = f"你是不是想写“{short}”？" if short else "请写如“北京”“广东省”“内蒙古自治区”。"
        ctx.error((*field, j), "E-PROVINCE-UNKNOWN",
                  f"“{name}”不是省、直辖市、自治区的名称。{hint}", clause)
    for j, region in found.not_counted:
        ctx.warning((*field, j), "W-PROVINCE-NOT-COUNTED",
                    f"“{event.speaker_provinces[j]}”不计入外省、直辖市、自治区：{region.why}。", clause)
    for j in found.repeated:
        ctx.warning((*field, j), "W-LIST-DUPLICATE",
                    f"“{event.speaker_provinces[j]}”与前面的一项是同一地区，只计一次：请删除这一项。", clause)


def _check_countries(event: AcademicEvent, found: Countries, path: tuple[str | int, ...],
                     ctx: RuleContext) -> None:
    if not (found.unknown or found.repeated):
        return
    field, clause = (*path, "countries"), criterion_clause(ctx.guideline, "min_countries")
    for j, name in found.unknown:
        closest = ctx.closest(name, known_country_names(ctx.guideline.country_aliases))
        hint = f"你是不是想写“{closest}”？" if closest else "请写国家或地区的中文名称，如“德国”“新加坡”。"
        ctx.error((*field, j), "E-COUNTRY-UNKNOWN",
                  f"“{name}”不是能识别的国家或地区名称。{hint}", clause)
    for j, code in found.repeated:
        ctx.warning((*field, j), "W-LIST-DUPLICATE",
                    f"“{event.countries[j]}”与前面的一项是同一国家或地区（{country_name(code)}），"
                    "只计一次：请删除这一项。", clause)


def check(report: YearReport, ctx: RuleContext) -> None:
    for i, event in enumerate(report.academic_events):
        path = ("academic_events", i)
        clause = event.category.clause
        read, codes = regions(event, ctx.guideline), countries(event, ctx.guideline)
        for unmet in unmet_criteria(event, ctx.guideline, read, codes):
            ctx.error((*path, unmet.field), unmet.code,
                      f"“{event.title}”不符合所申报的类别：{unmet.message}", clause)
        if in_open_occasion(event, ctx.guideline) and same_text(event.occasion_organizer or "") in _self_words():
            ctx.warning((*path, "occasion_organizer"), OWN_OCCASION_CODE, own_occasion(event, ctx.guideline), clause)
        _check_regions(event, read, path, ctx)
        _check_countries(event, codes, path, ctx)
        ctx.in_window((*path, "date"), event.date, clause, "活动日期")
        major = ctx.guideline.major_event(event.title)
        if major is not None:  # 七's major event claimed as 五's exchange (5.4 refuses it as an occasion)
            ctx.warning((*path, "title"), "W-EVENT-MAJOR-EVENT", major_event_title_words(major, ctx.guideline), clause)
