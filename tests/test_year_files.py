"""The year's guideline and rubric files: faithful to the text, complete, and carried forward."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from validators.models.academic_events import EventCategory
from validators.models.major_work import MajorWorkKind
from validators.models.research import ResearchTopic
from validators.year.guideline import (
    GUIDELINES_DIR,
    Guideline,
    available_years,
    guideline,
    year_data,
)
from validators.year.rubric import Rubric, rubric


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_clause_text_is_quoted_from_the_guideline() -> None:
    source = _squash((GUIDELINES_DIR / "2017.txt").read_text("utf-8"))
    for clause, text in guideline(2017).clauses.items():
        assert _squash(text) in source, clause


def test_clause_ids_are_the_designs() -> None:
    # Each area's opening paragraph is a clause of its own (the design's 1, 4 and 6 among them).
    expected = {"1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2",
                "4", "4.1", "4.2", "4.3", "5", "5.1", "5.2", "5.3", "5.4", "5.5", "6", "6.1", "6.2",
                "6.3", "7", "7.1", "7.2", "7.3", "7.4", "7.5"}
    assert set(guideline(2017).clauses) == expected


def test_thresholds_match_the_text() -> None:
    t = guideline(2017).thresholds
    text = (GUIDELINES_DIR / "2017.txt").read_text("utf-8")
    assert f"不少于{t.event_min_participants}人" in text
    assert f"{t.national_min_provinces}个及以上外省" in text
    assert f"{t.international_min_countries}个及以上国家" in text
    assert f"{t.expert_registration_rate:.0%}以上" in text


@pytest.mark.parametrize("year", available_years())
def test_every_rubric_rule_names_a_clause_of_its_year(year: int) -> None:
    clauses = set(guideline(year).clauses)
    points = rubric(year)
    assert points is not None
    for area in ("innovation", "government_functions", "service_stations", "consortia",
                 "academic_events", "research", "major_work"):
        for value in getattr(points, area).model_dump().values():
            for rule in (value.values() if isinstance(value, dict) else [value]):
                if isinstance(rule, dict) and "clause" in rule:
                    assert rule["clause"] in clauses, (year, area, rule)


def test_enumerations_point_at_existing_clauses() -> None:
    clauses = set(guideline(2017).clauses)
    for enum in (EventCategory, MajorWorkKind, ResearchTopic):
        for member in enum:
            assert member.clause in clauses, member


def test_2018_carries_2017_forward_with_its_own_window() -> None:
    old, new = guideline(2017), guideline(2018)
    assert new.carried_forward_from == 2017
    assert new.clauses == old.clauses
    assert new.thresholds == old.thresholds
    assert (new.evaluation_window.start, new.evaluation_window.deadline) == (
        old.evaluation_window.deadline, old.evaluation_window.deadline.replace(year=2018))
    assert "沿用" in new.title
    assert rubric(2018).carried_forward_from == 2017
    assert rubric(2018).academic_events == rubric(2017).academic_events
    assert "沿用" in rubric(2018).title


def test_rubric_says_the_association_sets_it() -> None:
    assert "市科协确定" in rubric(2017).statement


def test_rubric_model_refuses_broken_rubrics() -> None:
    data = year_data("rubrics", 2017)
    with pytest.raises(ValidationError):
        Rubric.model_validate({**data, "tiers": list(reversed(data["tiers"]))})
    broken = {**data, "academic_events": {**data["academic_events"], "category": {
        k: v for k, v in data["academic_events"]["category"].items() if k != "其他"}}}
    with pytest.raises(ValidationError, match="其他"):
        Rubric.model_validate(broken)
    third = {**data, "major_work": {**data["major_work"], "cap": 10.3}}
    with pytest.raises(ValidationError):
        Rubric.model_validate(third)


def test_guideline_model_refuses_inconsistent_lists() -> None:
    data = guideline(2017).model_dump()  # whole, the clauses read from the text included
    Guideline.model_validate(data)
    with pytest.raises(ValidationError):
        Guideline.model_validate({**data, "home_province": "火星"})
    with pytest.raises(ValidationError):
        Guideline.model_validate({**data, "pilot_districts": ["不存在区"]})
