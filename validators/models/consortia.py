"""Area 四: 学会联合体建设 (clauses 4, 4.1–4.3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum


class ConsortiumRole(LabelledEnum):
    LEAD = ("lead", "牵头")
    MEMBER = ("member", "参与")


# 4.3: 「牵头（承办）学会」.
ConsortiumRole.accept_aliases({"承办": ConsortiumRole.LEAD})


class ConsortiumForm(LabelledEnum):
    SIMILAR_DISCIPLINE = ("similar_discipline", "专业相近")
    SIMILAR_SERVICE = ("similar_service", "服务属性相近")
    SINGLE_SOCIETY = ("single_society", "单一学会面向社会")


class Direction(LabelledEnum):
    HORIZONTAL = ("horizontal", "横向")
    VERTICAL = ("vertical", "纵向")


class Consortium(Item):
    """`id` is shared by every member society's file: one consortium, one id."""

    name: Text
    role: ConsortiumRole
    form: ConsortiumForm
    direction: Direction
    industry: Text
    members: Annotated[list[Text], Field(
        max_length=500,
        description="成员：本仓库学会的 id（如 cd-mech-eng），或外部单位的中文名称")] = []
    established: Date
    activities: Count = 0
    evidence: Evidence = []
