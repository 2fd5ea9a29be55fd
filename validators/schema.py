"""The JSON Schema of submissions, exported from the models so editors and forms never drift."""

from __future__ import annotations

import json
from typing import Any, Literal

from validators.models.report import YearReport
from validators.models.society import SocietyProfile

Kind = Literal["submission", "society"]
_MODELS = {"submission": YearReport, "society": SocietyProfile}
_TITLES = {"submission": "学会年度工作报告", "society": "学会资料"}


def json_schema(kind: Kind = "submission") -> dict[str, Any]:
    schema = _MODELS[kind].model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{kind}.schema.json", **schema, "title": _TITLES[kind]}


def json_schema_text(kind: Kind = "submission") -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
