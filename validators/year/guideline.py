"""A guideline year's parameters (guidelines/<year>.yaml), validated by their own model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, model_validator

from validators.models.common import Slug
from validators.models.innovation import ServiceKind
from validators.schema_findings import findings_from
from validators.yaml.loading import load_path
from validators.year.cycle import Calendar
from validators.year.files import (
    GUIDELINES_DIR,
    YearFileError,
    YearProblem,
    available_years,
    relative,
    tree_root,
    year_data,
    year_file,
)
from validators.year.text import guideline_text, reread_texts

__all__ = [
    "GUIDELINES_DIR",
    "DistrictRename",
    "Guideline",
    "Province",
    "YearFileError",
    "available_years",
    "guideline",
    "reread_guidelines",
    "tree_root",
    "year_data",
    "year_file",
    "year_model",
]

YearModel = TypeVar("YearModel", bound=BaseModel)


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


class Province(_Strict):
    """A provincial-level region: its full and short names, and whether it counts toward 5.2."""

    name: str
    short: str
    counts: bool = True
    why: str | None = None  # said to the user when it does not count

    @model_validator(mode="after")
    def _reason(self) -> Self:
        if not self.counts and not self.why:
            raise ValueError(f"{self.name}: a region that does not count needs `why`")
        return self


class DistrictRename(_Strict):
    old: str
    new: str
    year: int


class Occasion(_Strict):
    """A popularisation event the guideline names (5.4), with the ways people write it."""

    name: str
    aliases: list[str] = []


class Guideline(_Strict):
    year: int
    title: str
    source: str
    carried_forward_from: int | None = None
    evaluation_window: EvaluationWindow
    # The year's cycle (填报、核查、公示、最终结果); a year without one has no phase.
    calendar: Calendar | None = None
    areas: list[Area]
    clauses: dict[str, str]
    thresholds: Thresholds
    pilot_districts: list[str]
    clause_service_kinds: dict[str, list[ServiceKind]]
    pilot_societies: list[Slug]
    districts: list[str]
    district_renames: list[DistrictRename] = []
    industries: list[str]
    provinces: list[Province]
    home_province: str
    country_aliases: dict[str, Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = {}
    popularisation_occasions: list[Occasion]
    open_occasion: str
    plausibility: Plausibility

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.province(self.home_province) is None:
            raise ValueError("home_province must be one of provinces")
        if not set(self.pilot_districts) <= set(self.districts):
            raise ValueError("pilot_districts must be districts")
        unknown = set(self.clause_service_kinds) - set(self.clauses)
        if unknown:
            raise ValueError(f"clause_service_kinds names unknown clauses {sorted(unknown)}")
        if self.evaluation_window.start >= self.evaluation_window.deadline:
            raise ValueError("evaluation_window.start must precede deadline")
        if self.calendar and self.calendar.submission_closes < self.evaluation_window.deadline:
            raise ValueError("calendar.submission_closes must not precede the evaluation deadline")
        return self

    def area(self, key: str) -> Area:
        return next(a for a in self.areas if a.key == key)

    def province(self, name: str) -> Province | None:
        """The region a full or short name stands for."""
        return self._province_names.get(name.strip())

    @cached_property
    def _province_names(self) -> dict[str, Province]:
        return {n: p for p in self.provinces for n in (p.name, p.short)}

    @property
    def province_names(self) -> list[str]:
        """Every name a report may write: short names first, as the template suggests."""
        return [p.short for p in self.provinces] + [p.name for p in self.provinces]

    def occasion(self, name: str | None) -> str | None:
        """The guideline's word (or the open choice) that `name` stands for."""
        name = (name or "").strip()
        if name == self.open_occasion:
            return name
        return next((o.name for o in self.popularisation_occasions
                     if name == o.name or name in o.aliases), None)

    @property
    def occasion_names(self) -> list[str]:
        return [*(o.name for o in self.popularisation_occasions), self.open_occasion]


def year_model(kind: str, year: int, model: type[YearModel], root: Path | None = None,
               derived: Callable[[], dict[str, Any]] | None = None) -> YearModel | None:
    """A year file validated by its model, which must name the same year; every problem said in
    Chinese at its place in the year's own file. `derived`: what the model also holds that is
    read from elsewhere (the clause texts, from the year's guideline text)."""
    data = year_data(kind, year, root)
    if data is None:
        return None
    where = year_file(kind, year, root)
    assert where is not None
    file = relative(where, root)
    if derived is not None:
        taken = set(data) & set(derived_keys := derived())
        if taken:
            source = load_path(where, file, None).source
            raise YearFileError([YearProblem(file, *source.key((key,)),
                                             f"“{key}”不写在这里：条款原文写在指南原文 {year}.txt 中"
                                             "（没有时沿用上一年度的原文）。") for key in sorted(taken)])
        data = {**data, **derived_keys}
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        source = load_path(where, file, None).source
        raise YearFileError([YearProblem(f.file, f.line, f.column, f.message)
                             for f in findings_from(exc, model, file, source)]) from exc
    if parsed.year != year:  # type: ignore[attr-defined]
        raise YearFileError([YearProblem(file, 1, 1, f"文件名是 {year} 年，文件中写的是 "
                                         f"{parsed.year} 年：请改为一致。")])  # type: ignore[attr-defined]
    return parsed


def guideline(year: int, root: Path | None = None) -> Guideline | None:
    return _guideline(year, tree_root(root))


@cache
def _guideline(year: int, root: Path | None) -> Guideline | None:
    return year_model("guidelines", year, Guideline, root,
                      lambda: {"clauses": guideline_text(year, root).clauses()})


def reread_guidelines() -> None:
    """Forget the guideline year files and texts read so far: a long-running preview calls this
    when one of them is edited."""
    _guideline.cache_clear()
    reread_texts()
