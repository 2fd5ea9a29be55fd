"""A guideline year's parameters (guidelines/<year>.yaml), validated by their own model."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from validators.findings import PlacedError
from validators.models.academic_events import EventRole
from validators.models.common import Slug
from validators.models.report import AREA_KEYS
from validators.schema_findings import findings_from
from validators.year.countries import country_key
from validators.year.cycle import Calendar
from validators.year.files import (
    GUIDELINES_DIR,
    YearFileError,
    YearProblem,
    available_years,
    emptied,
    read_year_file,
    relative,
    tree_root,
    written_at,
    year_data,
    year_file,
)
from validators.year.kinds import VOCABULARY_TITLES, EventCategory, Kind, Kinds
from validators.year.text import guideline_text, reread_texts

__all__ = [
    "AREA_VOCABULARY",
    "GUIDELINES_DIR",
    "DistrictRename",
    "EvaluationWindow",
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

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.start >= self.deadline:
            raise ValueError("evaluation_window 的 start 须早于 deadline")
        return self

    def contains(self, day: dt.date) -> bool:
        return self.start < day <= self.deadline

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()}（不含）至 {self.deadline.isoformat()}（含）"


class Area(_Strict):
    id: str
    key: Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,39}$")]
    title: str
    # An area the year adds (beyond the guideline's seven): its items' kinds, each with its
    # clause. Its items are written like 七's (kind, title, date, description, evidence).
    kinds: list[Kind] | None = None


class Thresholds(_Strict):
    """Numbers of the clauses that are no kind's criteria (the event criteria are each
    category's own, under `kinds.event_categories`)."""

    expert_registration_rate: Annotated[float, Field(gt=0, le=1)]


class Plausibility(_Strict):
    """Figures a reviewer should look at twice: warnings, never errors."""

    event_max_participants: PositiveInt
    growth_factor: PositiveInt
    growth_floor: PositiveInt
    station_max_enterprises: PositiveInt
    # At most this many days between a service, event or major work and one of its title in the
    # year before's reports: perhaps one work dated across the year's end and paid in both
    # (W-WORK-CLAIMED-AGAIN). A year without it does not compare.
    same_work_days: PositiveInt | None = None


class Province(_Strict):
    """A provincial-level region: its full and short names, and whether it counts toward 5.2."""

    name: str
    short: str
    counts: bool = True
    why: str | None = None  # said to the user when it does not count

    @model_validator(mode="after")
    def _reason(self) -> Self:
        if not self.counts and not self.why:
            raise ValueError(f"{self.name}不计入时，须用 why 写明原因")
        return self


class DistrictRename(_Strict):
    old: str
    new: str
    year: int


class Occasion(_Strict):
    """A popularisation event the guideline names (5.4), with the ways people write it."""

    name: str
    aliases: list[str] = []


_EVENT_ROLES = {n for r in EventRole for n in (r.value, r.label)}
# How the vocabulary of an area a year adds is named (`area:digital_services`).
AREA_VOCABULARY = "area:"


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
    clause_service_kinds: dict[str, list[str]]
    kinds: Kinds
    # Endings that make a commissioner a company, not a government body (二): see measures.company_ending.
    company_markers: list[str] = []
    # Endings that make a service's enterprise (一) look like a government body, and the endings
    # among them that are a business's all the same (餐厅): see measures.government_ending. A year
    # without them does not compare.
    government_markers: list[str] = []
    government_marker_exceptions: list[str] = []
    pilot_societies: list[Slug]
    districts: list[str]
    district_renames: list[DistrictRename] = []
    industries: list[str]
    provinces: list[Province]
    home_province: str
    country_aliases: dict[str, Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = {}
    popularisation_occasions: list[Occasion]
    open_occasion: str
    # The major events of area 七 (the major-work kind coded `major_event`, 7.5), which are no
    # occasion of 5.4. Unset: read from that kind's clause (see `major_event_names`).
    major_events: list[str] | None = None
    plausibility: Plausibility
    # The tree the year was read from (None: this repository), set by `guideline()`: where the
    # year's other files (its rubric, the first year's files) are read for it.
    _root: Path | None = PrivateAttr(default=None)

    @property
    def root(self) -> Path | None:
        return self._root

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        keys = [a.key for a in self.areas]
        missing = [k for k in AREA_KEYS if k not in keys]
        if missing:
            raise ValueError(f"areas 缺少指南的领域 {'、'.join(missing)}：七个领域都要列出（可以改名）")
        if len(set(keys)) != len(keys):
            raise ValueError("areas 中有重复的 key")
        for area in self.areas:
            if area.key in AREA_KEYS and area.kinds is not None:
                raise ValueError(f"领域 {area.key} 的类别写在 kinds 中，不写在 areas 里")
            if area.key not in AREA_KEYS and not area.kinds:
                raise ValueError(f"新领域 {area.key}（{area.title}）须用 kinds 列出它的类别")
        if self.province(self.home_province) is None:
            raise ValueError(f"home_province“{self.home_province}”不在 provinces 中")
        if not set(self.pilot_districts) <= set(self.districts):
            raise ValueError("pilot_districts 中的区（市）县须在 districts 中："
                             + "、".join(sorted(set(self.pilot_districts) - set(self.districts))))
        unknown = set(self.clause_service_kinds) - set(self.clauses)
        if unknown:
            raise ValueError(f"clause_service_kinds 写的条款 {'、'.join(sorted(unknown))} 不在本年度的指南原文中")
        for clause, names in self.clause_service_kinds.items():
            misnamed = [(i, n) for i, n in enumerate(names) if self.kinds.find("service_kinds", n) is None]
            if misnamed:
                # Said at the first wrong name's own line, with the names it may be.
                labels = "、".join(k.label for k in self.kinds.service_kinds)
                raise PlacedError(f"clause_service_kinds 中条款 {clause} 写的“{'、'.join(n for _, n in misnamed)}”"
                                  f"不是本年度的服务类型（kinds.service_kinds）：现有 {labels}。"
                                  "是不是写错了名称？新的服务类型要先写在 kinds.service_kinds 中",
                                  ("clause_service_kinds", clause, misnamed[0][0]))
        for category in self.kinds.event_categories:
            roles = category.criteria.roles or []
            strangers = [r for r in roles if r not in _EVENT_ROLES]
            if strangers:
                raise ValueError(f"活动类别“{category.label}”的 roles 只能写主办、承办、协办（现有"
                                 f"“{'、'.join(strangers)}”）")
        if self.calendar and self.calendar.submission_closes < self.evaluation_window.deadline:
            raise PlacedError(f"填报截止（submission_closes）{self.calendar.submission_closes.isoformat()} 早于"
                              f"评估截止（evaluation_window.deadline）{self.evaluation_window.deadline.isoformat()}："
                              "calendar 的 submission_closes 不能早于评估截止日", ("calendar", "submission_closes"))
        return self

    @property
    def area_keys(self) -> list[str]:
        """The year's areas in the guideline's order: its seven, then any it adds."""
        return [a.key for a in self.areas]

    @property
    def added_areas(self) -> list[Area]:
        """The areas the year adds beyond the guideline's seven (their items are kinds-only)."""
        return [a for a in self.areas if a.kinds is not None]

    def vocabulary(self, name: str) -> list[Kind]:
        """A vocabulary of `kinds:`, or `area:<key>`: the kinds of an area the year adds."""
        if name.startswith(AREA_VOCABULARY):
            key = name.removeprefix(AREA_VOCABULARY)
            return next((a.kinds or [] for a in self.areas if a.key == key), [])
        return self.kinds.vocabulary(name)

    def vocabulary_title(self, name: str) -> str:
        if name.startswith(AREA_VOCABULARY):
            return f"“{self.area(name.removeprefix(AREA_VOCABULARY)).title}”的类别"
        title = VOCABULARY_TITLES[name]
        if name == "major_work_kinds":  # named after 七, which a year may rename (中心工作)
            area = self.area("major_work").title
            if title.removesuffix("类别") not in area:
                return f"“{area}”的类别"
        return title

    def kind(self, vocabulary: str, written: str) -> Kind | None:
        """The kind of a vocabulary (`event_categories`, `area:<key>`, …) that `written` stands for."""
        written = written.strip()
        return next((k for k in self.vocabulary(vocabulary) if written in k.names()), None)

    def event_category(self, term: object) -> EventCategory | None:
        """The year's category an event's `category` (a term of the year) stands for."""
        found = self.kinds.find("event_categories", str(getattr(term, "value", term)))
        return found if isinstance(found, EventCategory) else None

    def service_kinds_for(self, clause: str) -> list[Kind]:
        """The service kinds that meet clause 1.4 or 1.5, as the year file lists them."""
        return [k for n in self.clause_service_kinds.get(clause, [])
                if (k := self.kinds.find("service_kinds", n)) is not None]

    def area(self, key: str) -> Area:
        return next(a for a in self.areas if a.key == key)

    def province(self, name: str) -> Province | None:
        """The region a full or short name stands for."""
        return self._province_names.get(name.strip())

    @cached_property
    def lowered_markers(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """`company_markers`, `government_markers` and `government_marker_exceptions` in lower
        case, empty ones left out: a name is compared with each on every service and function."""
        def lowered(markers: list[str]) -> tuple[str, ...]:
            return tuple(m.lower() for m in markers if m)
        return (lowered(self.company_markers), lowered(self.government_markers),
                lowered(self.government_marker_exceptions))

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

    @cached_property
    def major_event_names(self) -> list[str]:
        """The major events the year lists in area 七 (the one place that yields them): the year
        file's `major_events`, or else the names the clause of the major-work kind coded
        `major_event` lists, separated by 、 before 等 (2017's 7.5: 「成都全球创新创业交易会、成都
        海外人才创新创业项目大赛、全国科技工作者日、全国双创活动周、等重大活动」). The clause's lead-in
        is the opening it shares with the other clauses of its area (「支持学会参与」), as those
        clauses begin alike; a year whose wording defeats this writes `major_events`."""
        if self.major_events is not None:
            return list(self.major_events)
        kind = self.kinds.find("major_work_kinds", "major_event")
        clause = (kind.clause or "") if kind else ""
        listed, until, _ = "".join(self.clauses.get(clause, "").split()).partition("等")
        if not clause or not until:
            return []
        section = clause.split(".")[0] + "."
        siblings = ["".join(w.split()) for c, w in self.clauses.items() if c.startswith(section) and c != clause]
        lead = max((_shared_opening(listed, w) for w in siblings), key=len, default="")
        return [name for name in (n.strip() for n in listed.removeprefix(lead).split("、")) if name]

    def major_event(self, written: str | None) -> str | None:
        """The major event of area 七 that `written` names (holds, compared as country names are:
        width, case and spacing aside), or None."""
        key = country_key(written or "")
        if not key:
            return None
        return next((n for n, k in self._major_event_keys if k in key), None)

    @cached_property
    def _major_event_keys(self) -> list[tuple[str, str]]:
        """Each major event's name and its compared form, made once: every event's title and
        occasion is held to them all."""
        return [(n, k) for n in self.major_event_names if (k := country_key(n))]


def _shared_opening(a: str, b: str) -> str:
    """The words two texts open with alike."""
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[:n]


# What is said of a required key a carried-forward year file writes empty (str.format): the
# carried value is dropped, and then missing; "{more}": what the file's kind adds (a rubric's
# table by kind: how to rename one kind in it).
EMPTIED = ("{where}{key}: 是空的（空值表示删去沿用的上一年度的这一项），而这一项必须有：不改动就删去这一行，"
           "沿用上一年度的；要改动，在它下面只写出有变化的部分。{more}")


def year_model(kind: str, year: int, model: type[YearModel], root: Path | None = None,
               derived: Callable[[], dict[str, Any]] | None = None,
               emptied_more: Callable[[tuple[str | int, ...]], str] | None = None,
               reworded: Callable[[ErrorDetails, Any], str | None] | None = None) -> YearModel | None:
    """A year file validated by its model, which must name the same year; every problem said in
    Chinese at its place in the year's own file. `derived`: what the model also holds that is
    read from elsewhere (the clause texts, from the year's guideline text); `emptied_more`: what
    EMPTIED adds of a required key at a path the file writes empty; `reworded`: the words of a
    validation error (given the year's data) in the year's own terms, None to keep the model's."""
    data = year_data(kind, year, root)
    if data is None:
        return None
    where = year_file(kind, year, root)
    assert where is not None
    file = relative(where, root)
    if derived is not None:
        taken = set(data) & set(derived_keys := derived())
        if taken:
            source = read_year_file(where, file).source
            raise YearFileError([YearProblem(file, *source.key((key,)),
                                             f"“{key}”不写在这里：条款原文写在指南原文 {year}.txt 中"
                                             "（没有时沿用上一年度的原文）。") for key in sorted(taken)])
        data = {**data, **derived_keys}
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        loaded = read_year_file(where, file)
        found = findings_from(exc, model, file, loaded.source, lambda loc: written_at(data, loaded.data, loc))
        if reworded is not None:
            errors = {tuple(e["loc"]): e for e in exc.errors(include_url=False)}
            found = [dataclasses.replace(f, message=said) if f.path in errors
                     and (said := reworded(errors[f.path], data)) is not None else f for f in found]
        raise YearFileError([
            YearProblem(f.file, *loaded.source.key(f.path), EMPTIED.format(
                where="".join(f"{k}: 下的 " for k in f.path[:-1]), key=f.path[-1], more=emptied_more(f.path) if emptied_more else ""))
            if f.code == "E-SCHEMA-MISSING" and f.path and emptied(loaded.data, f.path)
            else YearProblem(f.file, f.line, f.column, f.message) for f in found]) from exc
    if parsed.year != year:  # type: ignore[attr-defined]
        raise YearFileError([YearProblem(file, 1, 1, f"文件名是 {year} 年，文件中写的是 "
                                         f"{parsed.year} 年：请改为一致。")])  # type: ignore[attr-defined]
    return parsed


def guideline(year: int, root: Path | None = None) -> Guideline | None:
    return _guideline(year, tree_root(root))


@cache
def _guideline(year: int, root: Path | None) -> Guideline | None:
    rules = year_model("guidelines", year, Guideline, root,
                       lambda: {"clauses": guideline_text(year, root).clauses()})
    if rules is not None:
        rules._root = root
    return rules


def newest_readable(root: Path | None = None) -> Guideline:
    """The newest year whose guideline reads: a profile is checked against it, so a new year
    the staff are still writing (and have broken) never stops the older years' checks."""
    newest: YearFileError | None = None
    for year in reversed(available_years(root)):
        try:
            rules = guideline(year, root)
        except YearFileError as exc:
            newest = newest or exc
            continue
        if rules is not None:
            return rules
    if newest is not None:  # said where the newest year is broken, not at the folder
        raise newest
    raise YearFileError([YearProblem("validators/guidelines", 1, 1, "没有一个年度的指南文件可以读取。")])


def reread_guidelines() -> None:
    """Forget the guideline year files and texts read so far: a long-running preview calls this
    when one of them is edited."""
    _guideline.cache_clear()
    reread_texts()
