"""A guideline year's parameters (guidelines/<year>.yaml), validated by their own model."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, model_validator

from validators.loading import load_trusted
from validators.models.common import Slug
from validators.models.innovation import ServiceKind

GUIDELINES_DIR = Path(__file__).with_name("guidelines")
_YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
# Benchmarks only: a folder with guidelines/ and rubrics/ for synthetic years beyond the shipped ones.
EXTRA_YEARS_ENV = "SOCIETY_REGISTRY_EXTRA_YEARS"


def year_file(kind: str, year: int) -> Path | None:
    """The data file of `kind` (guidelines or rubrics) for `year`: shipped first, then extra."""
    shipped = Path(__file__).with_name(kind) / f"{year}.yaml"
    if shipped.is_file():
        return shipped
    extra = os.environ.get(EXTRA_YEARS_ENV)
    candidate = Path(extra) / kind / f"{year}.yaml" if extra else None
    return candidate if candidate and candidate.is_file() else None


def year_data(kind: str, year: int) -> dict[str, Any] | None:
    """A year file's data. With `carried_forward_from: Y` it starts from Y's data and overrides
    its top-level keys, so a year that keeps last year's rules repeats none of them."""
    path = year_file(kind, year)
    if path is None:
        return None
    data = load_trusted(path)
    base_year = data.get("carried_forward_from")
    if isinstance(base_year, int) and base_year < year:
        base = year_data(kind, base_year)
        if base is None:
            raise ValueError(f"{path}: no {kind} file for {base_year} to carry forward")
        data = {**base, **data}
    return data


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


YearModel = TypeVar("YearModel", bound=BaseModel)


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
    folders = [GUIDELINES_DIR]
    if os.environ.get(EXTRA_YEARS_ENV):
        folders.append(Path(os.environ[EXTRA_YEARS_ENV]) / "guidelines")
    return sorted({int(m.group(1)) for folder in folders if folder.is_dir()
                   for p in folder.iterdir() if (m := _YEAR_FILE.match(p.name))})


def year_model(kind: str, year: int, model: type[YearModel]) -> YearModel | None:
    """A year file validated by its model, which must name the same year."""
    data = year_data(kind, year)
    if data is None:
        return None
    parsed = model.model_validate(data)
    if parsed.year != year:  # type: ignore[attr-defined]
        raise ValueError(f"{kind}/{year}.yaml says year {parsed.year}")  # type: ignore[attr-defined]
    return parsed


@cache
def guideline(year: int) -> Guideline | None:
    return year_model("guidelines", year, Guideline)
