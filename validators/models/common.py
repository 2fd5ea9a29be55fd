"""Field types shared by every area: ids, text, counts, money, dates and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from validators.yaml.policy import policy

__all__ = [
    "SLUG_MAX_LENGTH",
    "SLUG_PATTERN",
    "Count",
    "Date",
    "Evidence",
    "Item",
    "Money",
    "Slug",
    "StrictModel",
    "Text",
    "items",
]

_LIMITS = policy().yaml

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# The longest id (E-SCHEMA-RANGE beyond it); the form's new ids keep within it (labels.json).
SLUG_MAX_LENGTH = 64

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=SLUG_MAX_LENGTH,
                            description="小写英文字母、数字和连字符，如 annual-meeting-2017")]
Text = Annotated[str, Field(min_length=1, max_length=_LIMITS.max_text_chars)]
Count = Annotated[int, Field(ge=0, le=_LIMITS.max_count, description="非负整数")]
Money = Annotated[float, Field(ge=0, le=_LIMITS.max_amount_wan, allow_inf_nan=False, description="金额（万元）")]
Date = Annotated[dt.date, Field(description="ISO 日期，如 2017-05-12")]
EvidenceRef = Annotated[str, Field(min_length=1, max_length=_LIMITS.max_text_chars,
                                   description="http/https 链接，或本学会文件夹内的文件路径")]
Evidence = Annotated[list[EvidenceRef], Field(max_length=_LIMITS.max_list_items,
                                              description="证明材料")]


def items(model: type) -> object:
    """A list of items of one area, bounded like every list."""
    return Annotated[list[model], Field(max_length=_LIMITS.max_list_items)]  # type: ignore[valid-type]


class StrictModel(BaseModel):
    """Unknown keys are errors; `yes` is not a bool and "12" is not a number.

    Validators are built when first used: each year's report model is built anew from these
    (models/for_year.py), and a command that reads no reviews need not build their models."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True,
                              json_schema_extra={"additionalProperties": False})


class Item(StrictModel):
    """A list item that pages, findings and score lines refer to by its id."""

    id: Annotated[Slug, Field(title="编号", description="本项的编号：小写英文字母、数字和连字符，本文件内唯一，如 evt-annual-2017")]
