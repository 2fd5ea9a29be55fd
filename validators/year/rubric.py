"""A year's scoring rubric (rubrics/<year>.yaml): points, caps and tiers, validated by a model.

The guideline publishes no numbers; the association sets them in the rubric file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, model_validator

from validators.models.academic_events import EventCategory
from validators.models.consortia import ConsortiumForm
from validators.models.labelled import LabelledEnum
from validators.models.major_work import MajorWorkKind
from validators.models.report import AREA_KEYS
from validators.models.research import AchievementType
from validators.models.service_stations import StationLevel
from validators.year.files import tree_root
from validators.year.guideline import year_model

__all__ = ["GrowthRule", "ItemTier", "Rubric", "Rule", "reread_rubrics", "rubric"]

# Halves add up exactly in binary floating point, so score lines sum to the total exactly.
Points = Annotated[float, Field(ge=0, le=100, multiple_of=0.5)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Rule(_Strict):
    clause: str
    points: Points
    label: str
    max_count: PositiveInt | None = None


class ItemTier(_Strict):
    tier: str
    points: Points
    min_activities: NonNegativeInt
    min_enterprises_served: NonNegativeInt = 0
    min_members: NonNegativeInt = 0


def _complete(table: Mapping[Any, Rule], enum: type[LabelledEnum]) -> None:
    missing = [m.label for m in enum if m not in table]
    if missing:
        raise ValueError(f"rubric lacks rules for {missing}")


class Area(_Strict):
    cap: Points


class InnovationRubric(Area):
    platform_registered: Rule
    expert_rate: Rule
    pilot_district_service: Rule
    consulting_training_service: Rule
    talent_finance_service: Rule
    other_service: Rule


class GrowthRule(_Strict):
    min_count_increase: PositiveInt
    min_amount_growth: Annotated[float, Field(gt=0)]


class GovernmentRubric(Area):
    pilot: Rule
    pilot_new_function: Rule
    function: Rule
    new_function: Rule
    growth: Rule
    growth_rule: GrowthRule


class StationRubric(Area):
    level: dict[StationLevel, Rule]
    new_station: Rule
    tiers: list[ItemTier]

    @model_validator(mode="after")
    def _all_levels(self) -> Self:
        _complete(self.level, StationLevel)
        return self


class ConsortiumRubric(Area):
    lead: Rule
    member: Rule
    leading_industry: Rule
    # 4.3: 「一次性分类补助」: the one-off differs by the consortium's form.
    new_lead: dict[ConsortiumForm, Rule]
    tiers: list[ItemTier]

    @model_validator(mode="after")
    def _all_forms(self) -> Self:
        _complete(self.new_lead, ConsortiumForm)
        return self


class EventRubric(Area):
    category: dict[EventCategory, Rule]

    @model_validator(mode="after")
    def _all_categories(self) -> Self:
        _complete(self.category, EventCategory)
        return self


class ResearchRubric(Area):
    achievement: dict[AchievementType, Rule]
    max_achievements_per_report: PositiveInt

    @model_validator(mode="after")
    def _all_types(self) -> Self:
        _complete(self.achievement, AchievementType)
        return self


class MajorWorkRubric(Area):
    kind: dict[MajorWorkKind, Rule]

    @model_validator(mode="after")
    def _all_kinds(self) -> Self:
        _complete(self.kind, MajorWorkKind)
        return self


class VerificationRubric(_Strict):
    """Whether an item the association has not yet verified counts during 填报 and 核查, before
    the notice (provisionally, marked 待核查 on the site). From the notice on, only verified
    items count."""

    provisional: bool


class AssessedCriterion(_Strict):
    """A criterion experts mark within a range (e.g. 0–5 for the quality of an annual
    conference); the combined mark is the points of its own line, in its area."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
    area: Literal[AREA_KEYS]  # type: ignore[valid-type]
    clause: str
    label: str
    min: Points
    max: Points
    combine: Literal["mean", "median"] = "mean"
    min_experts: PositiveInt = 1

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.min >= self.max:
            raise ValueError(f"{self.id}: min must be below max")
        return self


class OverallTier(_Strict):
    tier: str
    min_total: Points


class Rubric(_Strict):
    id: str
    year: int
    title: str
    statement: str
    carried_forward_from: int | None = None
    innovation: InnovationRubric
    government_functions: GovernmentRubric
    service_stations: StationRubric
    consortia: ConsortiumRubric
    academic_events: EventRubric
    research: ResearchRubric
    major_work: MajorWorkRubric
    tiers: list[OverallTier]
    unranked: str
    verification: VerificationRubric = VerificationRubric(provisional=True)
    assessed: list[AssessedCriterion] = []

    @model_validator(mode="after")
    def _descending_tiers(self) -> Self:
        totals = [t.min_total for t in self.tiers]
        station = [t.min_activities for t in self.service_stations.tiers]
        consortium = [t.min_activities for t in self.consortia.tiers]
        for values in (totals, station, consortium):
            if values != sorted(values, reverse=True):
                raise ValueError("tiers must be listed from the highest to the lowest")
        ids = [c.id for c in self.assessed]
        if len(ids) != len(set(ids)):
            raise ValueError("assessed criteria ids must be unique")
        return self

    def criterion(self, criterion_id: str) -> AssessedCriterion | None:
        return next((c for c in self.assessed if c.id == criterion_id), None)

    def tier_of(self, total: float) -> str:
        return next((t.tier for t in self.tiers if total >= t.min_total), self.unranked)


def rubric(year: int, root: Path | None = None) -> Rubric | None:
    return _rubric(year, tree_root(root))


@cache
def _rubric(year: int, root: Path | None) -> Rubric | None:
    return year_model("rubrics", year, Rubric, root)


def reread_rubrics() -> None:
    """Forget the rubric year files read so far: a long-running preview calls this when one of
    them is edited."""
    _rubric.cache_clear()
