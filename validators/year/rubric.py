"""A year's scoring rubric (rubrics/<year>.yaml): points, caps and tiers, validated by a model.

The guideline publishes no numbers; the association sets them in the rubric file.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from validators.findings import PlacedError
from validators.models.report import AREA_KEYS
from validators.schema_findings import findings_from
from validators.yaml.loading import SourceMap
from validators.yaml.policy import policy
from validators.year.files import (
    YearFileError,
    YearProblem,
    available_years,
    read_year_file,
    relative,
    tree_root,
    year_file,
)
from validators.year.former import former_kind
from validators.year.guideline import AREA_VOCABULARY, Guideline, guideline, year_model

__all__ = [
    "COMBINE_WORDS",
    "KIND_TABLES",
    "GrowthRule",
    "ItemTier",
    "Rubric",
    "Rule",
    "reread_rubrics",
    "rubric",
    "rubric_alone",
    "tier_rank",
    "written_rubric",
]

# Halves add up exactly in binary floating point, so score lines sum to the total exactly. No
# ceiling is the guideline's: each area's cap bounds its rules, tiers and marks (the years' check,
# year/consistency.py), the caps added up bound the tiers (`_tiers_reachable`); policy.yaml only
# keeps a mistyped number of many digits out.
Points = Annotated[float, Field(ge=0, le=policy().rubric.max_points, multiple_of=0.5, allow_inf_nan=False)]
# A tier's total has no fixed ceiling: the year's caps add up to it (`_tiers_reachable`).
Total = Annotated[float, Field(ge=0, multiple_of=0.5)]


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


class Area(_Strict):
    cap: Points


def _descending(tiers: Sequence[ItemTier | OverallTier], field: str, unit: str, what: str) -> None:
    """Tiers from the highest down, each threshold no higher than the one before: every pair out
    of order named with its values, at the first one's entry."""
    values = [getattr(t, field) for t in tiers]
    wrong = [n for n in range(len(values) - 1) if values[n] < values[n + 1]]
    if wrong:
        pairs = "；".join(f"{tiers[n].tier} {values[n]:g} {unit}低于{tiers[n + 1].tier} {values[n + 1]:g} {unit}"
                         for n in wrong)
        raise PlacedError(f"{pairs}：{what}的档次须从高到低排列（{field} 依次递减）", (wrong[0], field))


# A rule written `null` (or dropped) pays nothing: how a year ends a clause's points.
class InnovationRubric(Area):
    platform_registered: Rule | None = None
    expert_rate: Rule | None = None
    pilot_district_service: Rule | None = None
    consulting_training_service: Rule | None = None
    talent_finance_service: Rule | None = None
    other_service: Rule | None = None


class GrowthRule(_Strict):
    min_count_increase: PositiveInt
    min_amount_growth: Annotated[float, Field(gt=0)]


class GovernmentRubric(Area):
    pilot: Rule | None = None
    pilot_new_function: Rule | None = None
    function: Rule | None = None
    new_function: Rule | None = None
    growth: Rule | None = None
    growth_rule: GrowthRule


# Tables by kind (`level`, `new_lead`, `category`, `achievement`, `kind`) are keyed by the
# year's kinds, written as their labels or codes; `rubric()` holds them to the year's kinds.
class StationRubric(Area):
    level: dict[str, Rule]
    new_station: Rule | None = None
    tiers: list[ItemTier]

    @field_validator("tiers")
    @classmethod
    def _tiers_descend(cls, tiers: list[ItemTier]) -> list[ItemTier]:
        _descending(tiers, "min_activities", "次活动", "服务站（service_stations.tiers）")
        return tiers


class ConsortiumRubric(Area):
    lead: Rule | None = None
    member: Rule | None = None
    leading_industry: Rule | None = None
    # 4.3: 「一次性分类补助」: the one-off differs by the consortium's form.
    new_lead: dict[str, Rule]
    tiers: list[ItemTier]

    @field_validator("tiers")
    @classmethod
    def _tiers_descend(cls, tiers: list[ItemTier]) -> list[ItemTier]:
        _descending(tiers, "min_activities", "次活动", "联合体（consortia.tiers）")
        return tiers


class EventRubric(Area):
    category: dict[str, Rule]


class ResearchRubric(Area):
    achievement: dict[str, Rule]
    max_achievements_per_report: PositiveInt


class MajorWorkRubric(Area):
    kind: dict[str, Rule]


# Each table by kind, and the vocabulary of the year file its keys come from.
KIND_TABLES = {("service_stations", "level"): "station_levels",
               ("consortia", "new_lead"): "consortium_forms",
               ("academic_events", "category"): "event_categories",
               ("research", "achievement"): "achievement_types",
               ("major_work", "kind"): "major_work_kinds"}


class VerificationRubric(_Strict):
    """Whether an item the association has not yet verified counts during 填报 and 核查, before
    the notice (provisionally, marked 待核实 on the site). From the notice on, only verified
    items count."""

    provisional: bool


# How each way of combining experts' marks is named: the rubric page's table, its changes and
# the evaluation's note on a mark's line all say it so.
COMBINE_WORDS: dict[str, str] = {"mean": "平均数", "median": "中位数"}


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
            raise ValueError(f"专家评分项 {self.id} 的 min 须小于 max")
        return self


class OverallTier(_Strict):
    tier: str
    min_total: Total


def tier_rank(tiers: Sequence[ItemTier | OverallTier], tier: str) -> int:
    """Where a tier stands, for sorting by it: the highest tier counts most, any tier the list
    does not name (the rubric's 未入档) least."""
    names = [t.tier for t in tiers]
    return len(names) - names.index(tier) if tier in names else 0


class Rubric(_Strict):
    """A year's points. An area the year adds has a section of its own under its key, written
    like `major_work` (a cap, and a rule per kind)."""

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
    # Filled by `rubric()` from `unplaced` once the year's guideline says which keys are areas.
    added_areas: dict[str, MajorWorkRubric] = {}
    unplaced: dict[str, Any] = Field(default={}, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _gather_unplaced(cls, data: Any) -> Any:
        """Sections under keys the model does not name: the year's added areas, or a misspelt
        key. Only the year's guideline can tell which, so `rubric()` reads them."""
        if not isinstance(data, dict):
            return data
        unplaced = {k: v for k, v in data.items() if k not in cls.model_fields or k == "unplaced"}
        return {**{k: v for k, v in data.items() if k not in unplaced},
                **({"unplaced": unplaced} if unplaced else {})}

    def area(self, key: str) -> Area:
        """The section of an area: one of the seven, or an area the year adds."""
        section = self.added_areas.get(key) or getattr(self, key, None)
        if not isinstance(section, Area):
            raise KeyError(key)
        return section

    def kind_tables(self) -> dict[tuple[str, str], str]:
        """Each table by kind, and the vocabulary its keys come from (added areas' too)."""
        return {**KIND_TABLES, **{(key, "kind"): f"{AREA_VOCABULARY}{key}" for key in self.added_areas}}

    @field_validator("tiers")
    @classmethod
    def _tiers_descend(cls, tiers: list[OverallTier]) -> list[OverallTier]:
        _descending(tiers, "min_total", "分", "总分（tiers）")
        return tiers

    @model_validator(mode="after")
    def _distinct_assessed(self) -> Self:
        ids = [c.id for c in self.assessed]
        if len(ids) != len(set(ids)):
            raise ValueError("assessed 中各专家评分项的 id 不能重复")
        return self

    def points_for(self, area: str, table: str, term: object) -> Rule | None:
        """The rule of a table by kind for a report's term (its code); None for a kind the year
        does not list."""
        rules: dict[str, Rule] = getattr(self.area(area), table)
        return rules.get(str(getattr(term, "value", term)))

    def criterion(self, criterion_id: str) -> AssessedCriterion | None:
        return next((c for c in self.assessed if c.id == criterion_id), None)

    def tier_of(self, total: float) -> str:
        return next((t.tier for t in self.tiers if total >= t.min_total), self.unranked)


def rubric(year: int, root: Path | None = None) -> Rubric | None:
    return _rubric(year, tree_root(root))


@cache
def _rubric(year: int, root: Path | None) -> Rubric | None:
    points = rubric_alone(year, root)
    rules = guideline(year, root)
    if points is None or rules is None:
        return points
    return _by_code(points, rules, year, root)


def written_rubric(year: int, root: Path | None = None) -> Rubric | None:
    """The rubric as its file writes it, its tables by kind not yet held to the year's kinds: what
    the years' consistency check reads when those tables are wrong, so that the rules' clauses
    are checked in the same run. None when the file itself does not read."""
    try:
        return rubric_alone(year, tree_root(root))
    except YearFileError:
        return None


def rubric_alone(year: int, root: Path | None = None) -> Rubric | None:
    """The rubric file validated by its own model, before its tables by kind are held to the
    year's kinds: its own mistakes (a point of 2.3), whether or not the guideline data reads."""
    return year_model("rubrics", year, Rubric, tree_root(root),
                      emptied_more=lambda loc: _emptied_table(loc, year, tree_root(root)), reworded=_points_words)


# The rubric's numbers of points (a rule's, a tier's, a cap, a mark's range, a total's threshold).
_POINT_FIELDS = frozenset({"points", "cap", "min", "max", "min_total"})


def _points_words(err: ErrorDetails, data: Any) -> str | None:
    """A number of points the model refuses, said of its rule (its key, name and clause) with
    the value read: “细则规则 innovation.platform_registered（<its label>，条款 1.1）的 points 写的是
    2.3：须是 0.5 的整数倍，如 2 或 2.5。” None for any other error."""
    loc, value, ctx = tuple(err["loc"]), err.get("input"), err.get("ctx") or {}
    if not loc or loc[-1] not in _POINT_FIELDS:
        return None
    entry: Any = data
    for key in loc[:-1]:
        listed = isinstance(entry, list) and isinstance(key, int) and 0 <= key < len(entry)
        entry = entry.get(key) if isinstance(entry, dict) else entry[key] if listed else None
        if entry is None:
            return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
    kind = err["type"]
    if kind == "multiple_of" and number and isinstance(step := ctx.get("multiple_of"), int | float):
        low = (value // step) * step
        rest = f"须是 {step:g} 的整数倍，如 {low:g} 或 {low + step:g}。"
    elif kind in ("greater_than_equal", "greater_than") and isinstance(bound, int | float):
        rest = f"不能小于 {bound:g}。"
    elif kind in ("less_than_equal", "less_than") and isinstance(bound, int | float):
        rest = f"不能大于 {bound:g}：请核对数字。"
    elif kind in ("float_type", "float_parsing"):
        rest = "应为数字，如 35.5（不加引号、正号和单位）。"
    elif kind == "finite_number":
        rest = "应为有限的数字，不能是 .inf 或 .nan。"
    else:
        return None
    said = f" {value:g}" if number else (" true" if value is True else " false" if value is False else f"“{value}”")
    named = entry if isinstance(entry, dict) else {}
    # Its name (a rule's label, a tier's or a mark's name) and the clause it scores.
    about = "，".join([*(str(named[k]) for k in ("label", "tier", "id") if isinstance(named.get(k), str))][:1]
                     + ([f"条款 {named['clause']}"] if isinstance(named.get("clause"), str) else []))
    name = ".".join(map(str, loc[:-1])) or "细则"
    what = f"细则规则 {name}（{about}）" if about else f"细则中 {name}"
    return f"{what}的 {loc[-1]} 写的是{said}：{rest}"


def _former_fix(written: str, vocabulary: str, rules: Guideline, area: str, table: str,
                root: Path | None) -> str:
    """What to write in this year's rubric for a kind an earlier year had: ended, its rule
    `<label>: null`; renamed, that and a rule under the new name."""
    found = former_kind(written, vocabulary, rules, root)
    if found is None:
        return ""
    year, earlier, _, now = found
    if now is None:
        return (f"“{written}”是 {year} 年度的{earlier.vocabulary_title(vocabulary)}，{rules.year} 年度已没有这一类："
                f"请在本年度细则的 {area}: {table}: 下写一行 {written}: null（不再计分）。")
    return (f"“{written}”在 {rules.year} 年度改称“{now.label}”：请在本年度细则的 {area}: {table}: 下写 {written}: null，"
            f"并为“{now.label}”写一条规则。")


def _emptied_table(loc: tuple[str | int, ...], year: int, root: Path | None) -> str:
    """What is said besides of a table by kind written empty: a kind the year renames or ends
    is one line in it (`_former_fix`), not the whole table written anew."""
    vocabulary = KIND_TABLES.get((str(loc[0]), str(loc[-1]))) if len(loc) == 2 else None
    if vocabulary is None:
        return ""
    area, table = map(str, loc)
    try:
        rules = guideline(year, root)
        earlier = max((y for y in available_years(root) if y < year), default=None)
        before = guideline(earlier, root) if earlier is not None else None
    except YearFileError:  # said at those files
        return ""
    if rules is None or before is None:
        return ""
    fixes = [_former_fix(k.label, vocabulary, rules, area, table, root)
             for k in before.vocabulary(vocabulary) if rules.kind(vocabulary, k.label) is None]
    return "".join(fixes) or (f"要给一类改名，请在 {area}: {table}: 下写 旧名: null，并为新名称写一条规则，"
                              "其余各类不必重写。")


def _by_code(points: Rubric, rules: Guideline, year: int, root: Path | None) -> Rubric:
    """The rubric with every table by kind keyed by the kinds' codes; a key that is no kind of
    the year, a kind with no rule, or an added area with no section (or a section that is no
    area of the year) is said in Chinese at its place in the rubric file."""
    where = year_file("rubrics", year, root)
    assert where is not None
    file = relative(where, root)
    source = read_year_file(where, file).source
    problems: list[YearProblem] = []
    added = {a.key for a in rules.added_areas}
    sections: dict[str, MajorWorkRubric] = {}
    for key, raw in points.unplaced.items():
        if key not in added:
            known = [k for k in Rubric.model_fields if k not in ("added_areas", "unplaced")] + sorted(added)
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            problems.append(YearProblem(file, *source.key((key,)),
                                        f"评估细则中不认识“{key}”。" + (f"你是不是想写“{close[0]}”？" if close else "")
                                        + f"各部分以领域的 key 命名：{'、'.join(known)}"
                                          "（新领域须先写进指南参数的 areas）。"))
            continue
        # Validated under its own key, so that a finding's place in the file includes it.
        fields: dict[str, Any] = {key: (MajorWorkRubric, ...)}
        section = create_model(f"Added_{key}", __config__=_Strict.model_config, **fields)
        try:
            sections[key] = getattr(section.model_validate({key: raw}), key)
        except ValidationError as exc:
            problems += [YearProblem(f.file, f.line, f.column, f.message)
                         for f in findings_from(exc, section, file, source)]
    for key in sorted(added - set(points.unplaced)):
        problems.append(YearProblem(file, 1, 1, f"{year} 年度新增的领域“{rules.area(key).title}”（{key}）"
                                                "在评估细则中没有一节：请写出它的 cap 和每个类别的分值（kind）。"))
    # On to the tables by kind whatever the sections said: every missing or unknown entry of the
    # rubric is said in one run, not one kind of mistake per run.
    points = points.model_copy(update={"added_areas": sections})
    if added <= set(sections):  # every area's cap known: the most a report can total
        problems += _tiers_reachable(points, file, source)
    tables: dict[str, dict[str, dict[str, Rule]]] = {}
    for (area, table), vocabulary in points.kind_tables().items():
        if area not in added and area in points.added_areas:
            continue
        keyed: dict[str, Rule] = {}
        for written, rule in getattr(points.area(area), table).items():
            kind = rules.kind(vocabulary, written)
            if kind is None:
                problems.append(YearProblem(file, *source.key((area, table, written)),
                                            f"{area}.{table} 中的“{written}”不是 {year} 年度指南参数中的"
                                            f"{rules.vocabulary_title(vocabulary)}。"
                                            + _former_fix(written, vocabulary, rules, area, table, root)))
            else:
                keyed[kind.code] = rule
        missing = [k.label for k in rules.vocabulary(vocabulary) if k.code not in keyed]
        if missing:
            problems.append(YearProblem(file, *source.key((area, table)),
                                        f"{area}.{table} 缺少{rules.vocabulary_title(vocabulary)}"
                                        f"“{'、'.join(missing)}”的分值：每一类都要写一条规则（不计分写 points: 0）。"))
        tables.setdefault(area, {})[table] = keyed
    if problems:
        raise YearFileError(problems)
    update: dict[str, Any] = {area: getattr(points, area).model_copy(update=t)
                              for area, t in tables.items() if area not in points.added_areas}
    update["added_areas"] = {area: section.model_copy(update=tables.get(area, {}))
                             for area, section in points.added_areas.items()}
    return points.model_copy(update=update)


def _tiers_reachable(points: Rubric, file: str, source: SourceMap) -> list[YearProblem]:
    """A tier no report can reach: its minimum above the sum of the year's area caps."""
    most = sum(points.area(key).cap for key in (*AREA_KEYS, *points.added_areas))
    return [YearProblem(file, *source.value(("tiers", n, "min_total")),
                        f"总分（tiers）{tier.tier}的 min_total {tier.min_total:g} 分高于各领域上限（cap）之和 "
                        f"{most:g} 分，没有学会能达到：请核对数字。")
            for n, tier in enumerate(points.tiers) if tier.min_total > most]


def reread_rubrics() -> None:
    """Forget the rubric year files read so far: a long-running preview calls this when one of
    them is edited."""
    _rubric.cache_clear()
