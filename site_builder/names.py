"""Chinese names for what a score line is about: the item's own title, or the field's title."""

from __future__ import annotations

from typing import get_args

from pydantic import BaseModel

from site_builder import items
from site_builder.form_labels import FIELD_TITLES
from validators.evaluation.score_lines import ScoreLine
from validators.models.report import YearReport


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


def line_subject(report: YearReport, line: ScoreLine) -> str:
    """`enterprise_platform_registered` → its field title; `svc-1` → the service's title."""
    if line.item_id is None:
        return "本领域上限"
    return (items.name_of(report, line.area, line.item_id) or field_title(line.area, line.item_id)
            or "本领域")
