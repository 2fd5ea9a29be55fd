"""A year's event-category criteria as JSON Schema conditions, from the year file's data.

Editors and the submission form check the criteria as the user types, with the numbers of
the year's guideline file. `tests/test_criteria_schema.py` holds these conditions to the same
verdicts as `rules.academic_events.unmet_criteria`.
"""

from __future__ import annotations

from typing import Any

from validators.models.academic_events import EventRole
from validators.year.guideline import Guideline
from validators.year.kinds import EventCategory
from validators.year.quotes import said
from validators.year.text import area_numeral

__all__ = ["criteria_needs", "event_conditions", "major_event_words", "not_major_work", "with_year_criteria"]


def _category(category: EventCategory) -> dict[str, Any]:
    return {"properties": {"category": {"enum": category.names()}}, "required": ["category"]}


def _roles(allowed: list[str]) -> dict[str, Any]:
    roles = [r for r in EventRole if r.value in allowed or r.label in allowed]
    return {"enum": [v for r in roles for v in (r.label, r.value)],
            "description": "须由学会" + "或".join(r.label for r in roles)}


def _criteria(category: EventCategory, rules: Guideline) -> tuple[dict[str, Any], list[str]]:
    """The properties a category's criteria constrain, and which of them must be present."""
    c = category.criteria
    properties: dict[str, Any] = {}
    if c.roles is not None:
        properties["role"] = _roles(c.roles)
    if c.min_participants:
        properties["participants"] = {"type": "integer", "minimum": c.min_participants,
                                      "description": f"参与规模不少于 {c.min_participants} 人"}
    if c.main_forum:
        properties["main_forum"] = {"const": True, "description": "须设有主论坛"}
    if c.min_sub_forums:
        properties["sub_forums"] = {"type": "integer", "minimum": c.min_sub_forums,
                                    "description": "须设有分论坛"}
    if c.materials:
        properties["materials"] = {"const": True, "description": "须制作会议资料"}
    if c.min_provinces:
        # Full and short names of the regions that count; the validator also counts a region
        # named twice once, which JSON Schema cannot.
        home = rules.province(rules.home_province)
        others = [n for p in rules.provinces if p.counts and p != home for n in (p.short, p.name)]
        properties["speaker_provinces"] = {
            "type": "array", "uniqueItems": True, "contains": {"enum": others},
            "minContains": c.min_provinces,
            "description": f"须有 {c.min_provinces} 个及以上外省（区、市）的科技人员作报告"}
    if c.min_countries:
        properties["countries"] = {
            "type": "array", "uniqueItems": True, "minItems": c.min_countries,
            "description": f"须有 {c.min_countries} 个及以上国家或地区的科技人员参加"}
    if c.occasion:
        properties["occasion"] = {
            "enum": [*(n for o in rules.popularisation_occasions for n in (o.name, *o.aliases)),
                     rules.open_occasion],
            "description": "须在全国性、全市性科普活动中举办"}
    return properties, list(properties)


def criteria_needs(category: EventCategory, rules: Guideline) -> dict[str, str]:
    """What each criterion of a category asks, in the words editors show (须设有主论坛, …)."""
    properties, _ = _criteria(category, rules)
    return {prop: schema["description"] for prop, schema in properties.items()}


def _major_event_kind(rules: Guideline) -> tuple[str, str] | None:
    """The year's label and clause of the major-work kind coded `major_event` (7.5); None when
    the year has no such kind (its `major_events` list stands alone): no label is made up."""
    kind = rules.kinds.find("major_work_kinds", "major_event")
    return (kind.label, kind.clause or "") if kind else None


def _area_named(rules: Guideline, key: str) -> str:
    """An area as the guideline heads it (such as 七、参与市科协重大工作), by the year's own title."""
    area = rules.area(key)
    return f"“{area_numeral(area.id)}、{area.title}”"


def not_major_work(rules: Guideline) -> str:
    """The aside of the unknown-occasion message: area 七's major events are no occasion of 5.4."""
    if not rules.major_event_names:
        return ""
    kind = _major_event_kind(rules)
    if kind is None:
        return f"（本年度指南参数 major_events 所列的活动属于{_area_named(rules, 'major_work')}，不在此列）"
    label, clause = kind
    listed = f"条款 {clause} 所列的" if clause else ""
    return f"（{listed}{label}属于{_area_named(rules, 'major_work')}，不在此列）"


def _major_event_said(major: str, rules: Guideline) -> tuple[str, str]:
    """`major` as the year says it (quoted where its clause holds it) with what it is and where
    it belongs; and where to write the society's part in it."""
    kind = _major_event_kind(rules)
    label, clause = kind if kind else ("", "")
    words = rules.clauses.get(clause, "")
    which = (f"条款 {clause} 所列的{said(label, words)}" if clause else label) if kind else "本年度指南参数 major_events 所列的活动"
    where = f"{rules.area('major_work').title}（major_work）中" + (f"，类别选“{label}”" if kind else "")
    return f"{said(major, words)}是{which}，属于{_area_named(rules, 'major_work')}", where


def major_event_words(major: str, rules: Guideline) -> str:
    """Why an occasion (or occasion name) naming `major`, one of area 七's major events
    (`Guideline.major_event_names`), is no occasion of 5.4, and where the event belongs."""
    what, where = _major_event_said(major, rules)
    return (f"{what}，不属于{_area_named(rules, 'academic_events')}，不是这里所说的全国性、全市性科普活动，"
            f"也不能选“{rules.open_occasion}”后写作活动名称：学会参与这项活动的工作请填在{where}")


def major_event_title_words(major: str, rules: Guideline) -> str:
    """What an academic event whose title names one of area 七's major events is told: the same
    reading as for an occasion (the society's part in it is 七's work), but said for the staff
    to judge, since a forum held apart during such a week is still a forum."""
    what, _ = _major_event_said(major, rules)
    kind = _major_event_kind(rules)
    # Said on the report's page too: the area by its name, no field key (readers see no keys).
    where = f"{_area_named(rules, 'major_work')}中" + (f"，类别选“{kind[0]}”" if kind else "")
    return (f"活动名称中的{what}，不属于{_area_named(rules, 'academic_events')}：学会参与这项活动的工作请填在{where}。"
            "若这是在其间另行举办、符合所报类别的学术交流活动，请在证明材料中附上它自己的通知或议程，由市科协核查。")


def event_conditions(rules: Guideline) -> list[dict[str, Any]]:
    """`if` the event claims a category `then` it meets that category's criteria."""
    conditions = []
    for category in rules.kinds.event_categories:
        properties, required = _criteria(category, rules)
        if properties:
            clause = f"（条款 {category.clause}）" if category.clause else ""
            conditions.append({"if": _category(category),
                               "then": {"properties": properties, "required": required},
                               "description": f"{category.label}{clause}的标准"})
    return conditions


def with_year_criteria(schema: dict[str, Any], rules: Guideline) -> dict[str, Any]:
    """The submission schema with the year's event criteria and the year itself pinned."""
    defs = schema.get("$defs", {})
    event = next((d for name, d in defs.items() if name.startswith("AcademicEvent")), None)
    if event is None:
        raise ValueError("the submission schema has no AcademicEvent definition")
    event["allOf"] = event_conditions(rules)
    schema["properties"]["year"] = {**schema["properties"]["year"], "const": rules.year}
    schema["title"] = f"{schema.get('title', '')}（{rules.year} 年度）"
    return schema
