"""The year's guideline and rubric files: faithful to the text, complete, and carried forward."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from validators.year.files import RUBRICS_DIR, YearFileError
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
    rules = guideline(2017)
    said = {c.code: (c.criteria, _squash(rules.clauses[c.clause or ""])) for c in rules.kinds.event_categories}
    assert "不少于100人" in said["annual_conference"][1]
    assert said["annual_conference"][0].min_participants == 100
    assert f"{said['national_exchange'][0].min_provinces}个及以上外省" in said["national_exchange"][1]
    assert f"{said['international_exchange'][0].min_countries}个及以上国家" in said["international_exchange"][1]
    assert f"{rules.thresholds.expert_registration_rate:.0%}以上" in rules.clauses["1.2"]


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


@pytest.mark.parametrize("year", available_years())
def test_kinds_point_at_existing_clauses(year: int) -> None:
    rules = guideline(year)
    for vocabulary in type(rules.kinds).model_fields:
        for kind in rules.kinds.vocabulary(vocabulary):
            assert kind.clause is None or kind.clause in rules.clauses, (vocabulary, kind)


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
    third = {**data, "major_work": {**data["major_work"], "cap": 10.3}}
    with pytest.raises(ValidationError):
        Rubric.model_validate(third)


def test_a_rubric_lacking_a_kind_of_its_year_is_said_in_chinese(tmp_path: Path) -> None:
    """Every kind of the year earns by a rule of its own; one left out is the rubric's error."""
    own = tmp_path / "validators" / "rubrics"
    own.mkdir(parents=True)
    text = (RUBRICS_DIR / "2017.yaml").read_text("utf-8")
    (own / "2017.yaml").write_text(text.replace("    其他: {clause: \"5.5\"", "    # 其他: {clause: \"5.5\""),
                                   "utf-8")
    with pytest.raises(YearFileError, match="缺少学术交流活动类别“其他”的分值"):
        rubric(2017, tmp_path)
    (own / "2017.yaml").write_text(text.replace("    其他: {clause: \"5.5\"", "    线上: {clause: \"5.5\""),
                                   "utf-8")
    with pytest.raises(YearFileError, match="“线上”不是 2017 年度指南参数中的学术交流活动类别"):
        rubric(2017, tmp_path)


def test_guideline_model_refuses_inconsistent_lists() -> None:
    data = guideline(2017).model_dump()  # whole, the clauses read from the text included
    Guideline.model_validate(data)
    with pytest.raises(ValidationError):
        Guideline.model_validate({**data, "home_province": "火星"})
    with pytest.raises(ValidationError):
        Guideline.model_validate({**data, "pilot_districts": ["不存在区"]})
