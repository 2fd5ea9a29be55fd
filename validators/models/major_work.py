"""Area 七: 参与市科协重大工作 (clauses 7.1–7.5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum

__all__ = ["MajorWork", "MajorWorkKind"]


class MajorWorkKind(LabelledEnum):
    REFORM = ("reform", "深化改革", "7.1")
    POVERTY_ALLEVIATION = ("poverty_alleviation", "科技扶贫", "7.2")
    PARTY_BUILDING = ("party_building", "党建", "7.3")
    TALENT_BASE = ("talent_base", "人才基地", "7.4")
    MAJOR_EVENT = ("major_event", "重大活动", "7.5")


# Clause 7.2's own words.
MajorWorkKind.accept_aliases({"脱贫攻坚": MajorWorkKind.POVERTY_ALLEVIATION})


class MajorWork(Item):
    kind: Annotated[MajorWorkKind, Field(title="工作类别", description="深化改革、科技扶贫、党建、人才基地或重大活动（条款 7.1–7.5）")]
    title: Annotated[Text, Field(title="工作名称", description="参与的重大工作的名称")]
    date: Annotated[Date, Field(title="日期", description="工作的日期，须在本年度评估期内")]
    description: Annotated[Text, Field(title="工作内容", description="本学会做了什么、取得什么结果")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []
