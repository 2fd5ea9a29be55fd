"""A year's event-category criteria (5.1–5.4) as JSON Schema conditions.

Editors and the submission form check the criteria as the user types, with the numbers of
the year's guideline file. `tests/test_criteria_schema.py` holds these conditions to the same
verdicts as `rules.academic_events.unmet_criteria`.
"""

from __future__ import annotations

from typing import Any

from validators.models.academic_events import EventCategory, EventRole
from validators.year.guideline import Guideline

C = EventCategory


def _category(member: EventCategory) -> dict[str, Any]:
    return {"properties": {"category": {"enum": [member.label, member.value]}},
            "required": ["category"]}


def _hosted() -> dict[str, Any]:
    hosts = [r for r in EventRole if r != EventRole.CO_ORGANIZER]
    return {"enum": [v for r in hosts for v in (r.label, r.value)],
            "description": "须由学会主办或承办"}


def _criteria(rules: Guideline) -> list[tuple[EventCategory, dict[str, Any], list[str]]]:
    t = rules.thresholds
    at_least = {"type": "integer", "minimum": t.event_min_participants,
                "description": f"参与规模不少于 {t.event_min_participants} 人"}
    # Full and short names of the regions that count; the validator also counts a region named
    # twice once, which JSON Schema cannot.
    home = rules.province(rules.home_province)
    others = [n for p in rules.provinces if p.counts and p != home for n in (p.short, p.name)]
    return [
        (C.ANNUAL_CONFERENCE, {
            "role": _hosted(), "participants": at_least,
            "main_forum": {"const": True, "description": "须设有主论坛"},
            "sub_forums": {"type": "integer", "minimum": t.annual_conference_min_sub_forums,
                           "description": "须设有分论坛"},
            "materials": {"const": True, "description": "须制作会议资料"},
        }, ["role", "participants", "main_forum", "sub_forums", "materials"]),
        (C.NATIONAL_EXCHANGE, {
            "role": _hosted(), "participants": at_least,
            "speaker_provinces": {
                "type": "array", "uniqueItems": True,
                "contains": {"enum": others}, "minContains": t.national_min_provinces,
                "description": f"须有 {t.national_min_provinces} 个及以上外省（区、市）的科技人员作报告"},
        }, ["role", "participants", "speaker_provinces"]),
        (C.INTERNATIONAL_EXCHANGE, {
            "role": _hosted(),
            "countries": {"type": "array", "uniqueItems": True, "minItems": t.international_min_countries,
                          "description": f"须有 {t.international_min_countries} 个及以上国家或地区的科技人员参加"},
        }, ["role", "countries"]),
        (C.PUBLIC_EVENT, {
            "participants": at_least,
            "occasion": {"enum": [*(n for o in rules.popularisation_occasions
                                    for n in (o.name, *o.aliases)), rules.open_occasion],
                         "description": "须在全国性、全市性科普活动中举办"},
        }, ["participants", "occasion"]),
    ]


def event_conditions(rules: Guideline) -> list[dict[str, Any]]:
    """`if` the event claims a category `then` it meets that category's criteria."""
    return [{"if": _category(member),
             "then": {"properties": properties, "required": required},
             "description": f"{member.label}（条款 {member.clause}）的标准"}
            for member, properties, required in _criteria(rules)]


def with_year_criteria(schema: dict[str, Any], rules: Guideline) -> dict[str, Any]:
    """The submission schema with the year's event criteria and the year itself pinned."""
    defs = schema.get("$defs", {})
    event = defs.get("AcademicEvent")
    if event is None:
        raise ValueError("the submission schema has no AcademicEvent definition")
    event["allOf"] = event_conditions(rules)
    schema["properties"]["year"] = {**schema["properties"]["year"], "const": rules.year}
    schema["title"] = f"{schema.get('title', '')}（{rules.year} 年度）"
    return schema
