"""The JSON Schema of submissions, exported from the models so editors and forms never drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from validators.models.report import YearReport
from validators.models.society import SocietyProfile
from validators.year.criteria import with_year_criteria
from validators.year.guideline import guideline

__all__ = ["json_schema", "json_schema_text"]

Kind = Literal["submission", "society"]
_MODELS: dict[str, type[BaseModel]] = {"submission": YearReport, "society": SocietyProfile}
_TITLES = {"submission": "学会年度工作报告", "society": "学会资料"}


def json_schema(kind: Kind = "submission", year: int | None = None,
                root: Path | None = None) -> dict[str, Any]:
    """The schema of a file kind; for a submission of a given year, with that year's event
    category criteria (see criteria_schema)."""
    generated = _MODELS[kind].model_json_schema(mode="validation")
    name = f"{kind}-{year}" if year else kind
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": f"{name}.schema.json", **generated, "title": _TITLES[kind]}
    if year is not None and kind == "submission":
        rules = guideline(year, root)
        if rules is None:
            raise ValueError(f"no guideline for {year}")
        schema = with_year_criteria(schema, rules)
    return schema


def json_schema_text(kind: Kind = "submission", year: int | None = None,
                     root: Path | None = None) -> str:
    return json.dumps(json_schema(kind, year, root), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
