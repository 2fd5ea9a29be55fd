"""The year schema's event criteria give the same verdict as the Python rule, event by event."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from validators.models.academic_events import EventRole
from validators.models.for_year import kind_enum, report_model, year_classes
from validators.rules.academic_events import unmet_criteria
from validators.schema import json_schema
from validators.year.guideline import guideline

RULES = guideline(2017)
AcademicEvent = year_classes(report_model(RULES))["AcademicEvent"]
EventCategory = kind_enum(AcademicEvent, "category")
VALIDATOR = Draft202012Validator(json_schema("submission", 2017))

events = st.builds(
    AcademicEvent, id=st.just("evt-a"), title=st.just("学术会议"),
    category=st.sampled_from(list(EventCategory)), role=st.sampled_from(list(EventRole)),
    date=st.just(dt.date(2017, 6, 1)), participants=st.integers(0, 250),
    main_forum=st.booleans(), sub_forums=st.integers(0, 3), materials=st.booleans(),
    speaker_provinces=st.lists(st.sampled_from([p.short for p in RULES.provinces]), unique=True,
                               max_size=9),
    countries=st.lists(st.sampled_from(["中国", "德国", "日本", "法国"]), unique=True, max_size=4),
    occasion=st.one_of(st.none(), st.sampled_from([o.name for o in RULES.popularisation_occasions]
                                                  + ["校庆"])))


def _document(event: AcademicEvent) -> dict:
    data = event.model_dump(mode="json", exclude_none=True)
    data["category"], data["role"] = event.category.label, event.role.label
    return {"society": "cd-a", "year": 2017, "academic_events": [data]}


@settings(max_examples=400, deadline=None)
@given(events)
def test_schema_and_rule_agree(event: AcademicEvent) -> None:
    errors = list(VALIDATOR.iter_errors(_document(event)))
    assert (not errors) == (not unmet_criteria(event, RULES)), (event, [e.message for e in errors])


def test_year_is_pinned() -> None:
    assert not list(VALIDATOR.iter_errors({"society": "cd-a", "year": 2017}))
    assert list(VALIDATOR.iter_errors({"society": "cd-a", "year": 2018}))
