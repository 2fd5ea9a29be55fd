"""A guideline year's parameters (guidelines/<year>.yaml), validated by their own model."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from validators.loading import load_trusted
from validators.models.common import Slug
from validators.models.innovation import ServiceKind

GUIDELINES_DIR = Path(__file__).with_name("guidelines")
_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EvaluationWindow(_Strict):
    start: dt.date  # exclusive
    deadline: dt.date  # inclusive
    note: str

    def contains(self, day: dt.date) -> bool:
        return self.start < day <= self.deadline

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()}（不含）至 {self.deadline.isoformat()}（含）"


class Area(_Strict):
    id: str
    key: str
    title: str


class Thresholds(_Strict):
    expert_registration_rate: Annotated[float, Field(gt=0, le=1)]
    event_min_participants: PositiveInt
    annual_conference_min_sub_forums: PositiveInt
    national_min_provinces: PositiveInt
    international_min_countries: PositiveInt


class Plausibility(_Strict):
    """Figures a reviewer should look at twice: warnings, never errors."""

    event_max_participants: PositiveInt
    growth_factor: PositiveInt
    growth_floor: PositiveInt
    station_max_enterprises: PositiveInt


class Guideline(_Strict):
    year: int
    title: str
    source: str
    carried_forward_from: int | None = None
    evaluation_window: EvaluationWindow
    areas: list[Area]
    clauses: dict[str, str]
    thresholds: Thresholds
    pilot_districts: list[str]
    clause_service_kinds: dict[str, list[ServiceKind]]
    pilot_societies: list[Slug]
    districts: list[str]
    industries: list[str]
    provinces: list[str]
    home_province: str
    popularisation_occasions: list[str]
    plausibility: Plausibility

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.home_province not in self.provinces:
            raise ValueError("home_province must be one of provinces")
        if not set(self.pilot_districts) <= set(self.districts):
            raise ValueError("pilot_districts must be districts")
        unknown = set(self.clause_service_kinds) - set(self.clauses)
        if unknown:
            raise ValueError(f"clause_service_kinds names unknown clauses {sorted(unknown)}")
        if self.evaluation_window.start >= self.evaluation_window.deadline:
            raise ValueError("evaluation_window.start must precede deadline")
        return self

    def area(self, key: str) -> Area:
        return next(a for a in self.areas if a.key == key)


def available_years() -> list[int]:
    return sorted(int(m.group(1)) for p in GUIDELINES_DIR.iterdir()
                  if (m := _YEAR_FILE.match(p.name)))


@cache
def guideline(year: int) -> Guideline | None:
    path = GUIDELINES_DIR / f"{year}.yaml"
    if not path.is_file():
        return None
    model = Guideline.model_validate(load_trusted(path))
    if model.year != year:
        raise ValueError(f"{path} says year {model.year}")
    return model
