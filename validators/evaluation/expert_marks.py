"""Expert marks: the rubric's assessed criteria, marked by the association's experts in the
review file, combined (mean or median, as the rubric says) into one line each, “专家评分”."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from validators.evaluation.score_lines import ScoreLine
from validators.findings import Finding
from validators.year.rubric import AssessedCriterion, Rubric

if TYPE_CHECKING:
    from validators.association.reviews import Standing
    from validators.repository import ReportDoc

_COMBINE: dict[str, tuple[str, Callable[[list[float]], float]]] = {
    "mean": ("平均", statistics.fmean), "median": ("中位数", statistics.median)}


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
    rounding = "" if points == value else f"，按 0.5 分取整为 {points:g}"
    return points, (f"{len(marks)} 位专家评分 {shown}，{name} {_num(value)}{rounding}"
                    f"（范围 {criterion.min:g}–{criterion.max:g}）")


def assessed_lines(report_errors: list[Finding], standing: Standing, points: Rubric,
                   doc: ReportDoc) -> list[ScoreLine]:
    """One line per assessed criterion of the rubric that experts marked in the review file."""
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
        lines.append(ScoreLine(**fields, points=value, note=f"专家评分：{criterion.label}：{said}"))
    return lines
