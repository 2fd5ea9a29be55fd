"""Area 四: 学会联合体建设 (clauses 4, 4.1–4.3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Slug, Text
from validators.models.labelled import LabelledEnum, OpenKind, Vocabulary

__all__ = ["Consortium", "ConsortiumRole", "Direction"]


class ConsortiumRole(LabelledEnum):
    LEAD = ("lead", "牵头")
    MEMBER = ("member", "参与")


# 4.3: 「牵头（承办）学会」.
ConsortiumRole.accept_aliases({"承办": ConsortiumRole.LEAD})


class Direction(LabelledEnum):
    HORIZONTAL = ("horizontal", "横向")
    VERTICAL = ("vertical", "纵向")


class Consortium(Item):
    """`id` is shared by every member society's file: one consortium, one id."""

    id: Annotated[Slug, Field(title="编号", description="同一联合体在所有成员学会、所有年度的报告中使用同一个编号")]
    name: Annotated[Text, Field(title="联合体名称", description="学会联合体的名称")]
    role: Annotated[ConsortiumRole, Field(title="本学会的角色", description="牵头或参与；同一联合体在同一年度只能有一个牵头学会")]
    form: Annotated[OpenKind, Vocabulary("consortium_forms"), Field(title="联合形式", description="本年度的联合体形式之一（条款 4）")]
    direction: Annotated[Direction, Field(title="联合方向", description="横向或纵向")]
    industry: Annotated[Text, Field(title="服务产业", description="成都市主导产业和优势产业之一计入条款 4.1；都不是时写“其他”")]
    members: Annotated[list[Text], Field(title="成员",
        max_length=500,
        description="本仓库中的学会写其 id（如 cd-mech-eng），外部单位写中文全称；不必写本学会自己")] = []
    established: Annotated[Date, Field(title="成立日期", description="同一联合体在各年度、各成员的报告中写同一个日期：成立当年计为新建（条款 4.3）")]
    activities: Annotated[Count, Field(title="开展活动次数", description="本年度联合开展的活动次数")] = 0
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []
