"""Chinese names for what a score line is about: the item's own title, the rubric's name of
what the line pays for, or the field's title."""

from __future__ import annotations

from typing import get_args

from pydantic import BaseModel

from site_builder import items
from site_builder.form_labels import FIELD_TITLES
from validators.evaluation.score_lines import ScoreLine
from validators.models.report import YearReport
from validators.year.rubric import Rubric, Rule


def _block(area: str) -> str | None:
    """The model of an area's block (`innovation` → `Innovation`), when it is one model."""
    field = YearReport.model_fields.get(area)
    if field is None:
        return None
    for kind in (field.annotation, *get_args(field.annotation)):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind.__name__
    return None


def field_title(area: str, key: str) -> str | None:
    block = _block(area)
    return FIELD_TITLES.get(f"{block}.{key}") if block else None


def line_subject(report: YearReport, line: ScoreLine, rubric: Rubric | None = None) -> str:
    """`svc-1` → the service's title; a line about the report's own figures (1.1, 1.2, the pilot,
    the growth, an expert mark) → the rubric's name of what it pays for, since the field's title
    is a form's question (“其中在专家库注册的人数”), not a piece of work; else the field's title."""
    if line.item_id is None:
        return "本领域上限"
    named = items.name_of(report, line.area, line.item_id)
    if named:
        return named
    if rubric is not None:
        rule = getattr(rubric.area(line.area), line.rule, None)
        criterion = rubric.criterion(line.item_id)
        if isinstance(rule, Rule):
            return rule.label
        if criterion is not None:
            return criterion.label
    return field_title(line.area, line.item_id) or "本领域"
