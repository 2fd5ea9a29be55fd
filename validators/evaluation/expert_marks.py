"""Expert marks: the rubric's assessed criteria, marked by the association's experts in the
review file, combined (mean or median, as the rubric says) into one line each, “专家评分”.

A mark judges the items of its clause (the quality of the annual conference, 5.1): it pays only
when the report has an item that earns points under that clause, in the criterion's area, so that
no mark pays for an item that does not count (none reported, or every one failing the guideline
or not recognised)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from validators.evaluation.score_lines import ScoreLine
from validators.findings import Finding
from validators.year.guideline import Guideline
from validators.year.rubric import COMBINE_WORDS, AssessedCriterion, Rubric, Rule

if TYPE_CHECKING:
    from validators.association.reviews import Standing
    from validators.repository import ReportDoc

# At most this many kinds or rules are named in a line that says what a mark lacks.
_NAMED = 3

_COMBINE: dict[str, tuple[str, Callable[[list[float]], float]]] = {
    "mean": (COMBINE_WORDS["mean"], statistics.fmean), "median": (COMBINE_WORDS["median"], statistics.median)}
# How the combined mark becomes points (`to_half`), in the rubric's words (“按 0.5 分四舍五入”):
# “取整” read as rounding down. The workbench says the same (`words`, carried by the plan).
ROUNDING = "按 0.5 分四舍五入"


def words(criterion: AssessedCriterion) -> dict[str, str]:
    """What a line's note calls the combination and the rounding, for the workbench to say its
    line in the same words: {"combined": 平均数 or 中位数, "rounding": ROUNDING}."""
    return {"combined": _COMBINE[criterion.combine][0], "rounding": ROUNDING}


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_half(value: float) -> float:
    """Rounded half up to a multiple of 0.5, so that score lines still add up exactly."""
    return math.floor(value * 2 + 0.5) / 2


def combined(marks: list[float], criterion: AssessedCriterion) -> tuple[float, str]:
    """The points of a criterion's line and what its note says of them."""
    name, combine = _COMBINE[criterion.combine]
    shown = "、".join(f"{m:g}" for m in marks)
    if len(marks) < criterion.min_experts:
        done = f"已有 {len(marks)} 位（{shown}）" if marks else "尚无有效的评分"
        return 0.0, f"专家评分尚未完成：需要至少 {criterion.min_experts} 位专家，{done}"
    value = combine(marks)
    points = to_half(value)
    rounding = "" if points == value else f"，{ROUNDING}为 {points:g}"
    return points, (f"{len(marks)} 位专家评分 {shown}，{name} {_num(value)}{rounding}"
                    f"（范围 {criterion.min:g}–{criterion.max:g}）")


def judges(criterion: AssessedCriterion, clause: str | None) -> bool:
    """Whether an item scored under `clause` is one the criterion judges: its own clause, or
    one under it (a criterion of clause 5 judges the items of 5.1–5.5)."""
    return clause is not None and (clause == criterion.clause or clause.startswith(f"{criterion.clause}."))


def judged_items(criterion: AssessedCriterion, rules: Guideline, points: Rubric) -> str:
    """What the criterion judges, as the year's files name it: the kinds of its area under its
    clause (综合性学术年会), else the labels of its area's rules under that clause; when that
    is none or a long list (a criterion of a whole area's clause), the area's items."""
    names = [kind.label for (area, _), vocabulary in points.kind_tables().items() if area == criterion.area
             for kind in rules.vocabulary(vocabulary) if judges(criterion, kind.clause)]
    if not names:
        section = points.area(criterion.area)
        fields = [getattr(section, name) for name in type(section).model_fields]
        found = [r for value in fields for r in (value.values() if isinstance(value, dict) else [value])]
        names = [r.label for r in found if isinstance(r, Rule) and judges(criterion, r.clause)]
    names = list(dict.fromkeys(names))
    if 0 < len(names) <= _NAMED:
        return "或".join(names)
    return f"“{rules.area(criterion.area).title}”的项目"


def unjudged_words(judged: str, held: bool) -> str:
    """Why a mark pays nothing: no item it judges earns. `held`: the report has such items, none
    earning now. The workbench says the same (review-score.js `held`, workbench.py)."""
    return f"本报告申报的{judged}目前没有一项计分（见各项的说明）" if held else f"本报告没有计分的{judged}"


def assessed_lines(report_errors: list[Finding], standing: Standing, points: Rubric,
                   doc: ReportDoc, scored: list[ScoreLine], rules: Guideline) -> list[ScoreLine]:
    """One line per assessed criterion of the rubric that experts marked in the review file;
    `scored`: the report's item lines, which say whether any item the criterion judges earns."""
    review = standing.doc
    if review is None:
        return []
    lines: list[ScoreLine] = []
    for criterion in points.assessed:
        marks, dropped = standing.marks_for(criterion.id)
        if not marks and not dropped:
            continue  # no expert has marked this report on this criterion
        at = next((i for i, m in enumerate(review.review.marks) if m.criterion == criterion.id), None)
        line = review.line(("marks", at)) if at is not None else review.line(("society",))
        fields: dict[str, Any] = {"area": criterion.area, "clause": criterion.clause,
                                  "item_id": criterion.id, "rule": "expert_mark",
                                  "file": review.file, "line": line}
        if report_errors:
            first = report_errors[0]
            lines.append(ScoreLine(**fields, points=0.0, finding=first.code,
                                   note=f"专家评分：本报告有错误，不计分：{first.message}"))
            continue
        value, said = combined([m.mark for m in marks], criterion)
        if dropped:
            said += f"；另有 {dropped} 个分数有错误（如超出范围），未计入"
        judged = [line for line in scored if line.area == criterion.area and judges(criterion, line.clause)]
        if not any(line.points > 0 for line in judged):
            # An item held back (not yet verified, refused, short of its category) is there: said
            # so, lest an expert read that the report has no such item.
            # No average of marks that count nothing: it read as a score of an item not there.
            shown = "、".join(f"{m.mark:g}" for m in marks)
            given = f"{len(marks)} 位专家的评分（{shown}）不计入" if marks else "评分不计入"
            if dropped:
                given += f"，另有 {dropped} 个分数有错误（如超出范围）"
            value, said = 0.0, (f"不计分：{unjudged_words(judged_items(criterion, rules, points), bool(judged))}"
                                f"（条款 {criterion.clause}）；{given}")
        lines.append(ScoreLine(**fields, points=value, note=f"专家评分（{criterion.label}）：{said}"))
    return lines
