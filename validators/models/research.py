"""Area 六: 调查研究与建言献策 (clauses 6, 6.1–6.3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Evidence, Item, StrictModel, Text
from validators.models.labelled import OpenKind, Quoting, Vocabulary

__all__ = ["Achievement", "ResearchReport"]


class Achievement(StrictModel):
    type: Annotated[OpenKind, Vocabulary("achievement_types"), Field(title="认定方式", description="本年度的成果认定方式之一（条款 6）")]
    date: Annotated[Date, Quoting("以当年评估截止日期为准", "成果形成的日期：评估期外的成果本年度不计分"),
                    Field(title="成果日期", description="成果形成的日期：以当年评估截止日期为准，评估期外的成果本年度不计分")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []


class ResearchReport(Item):
    title: Annotated[Text, Field(title="题目", description="调研报告、建议、提案等的题目")]
    form: Annotated[OpenKind, Vocabulary("research_forms"), Field(title="成果形式", description="本年度的成果形式之一")]
    topic: Annotated[OpenKind, Vocabulary("research_topics"), Field(title="选题方向", description="本年度的选题方向之一（条款 6.1–6.3）")]
    focus: Annotated[OpenKind | None, Vocabulary("research_focuses"), Field(title="国家中心城市建设的方面", description="选题方向要求写明方面时（如“国家中心城市”）必填：本年度所列的方面之一（条款 6.1）")] = None
    achievements: Annotated[list[Achievement], Field(max_length=100, title="成果认定", description="公开发表、领导签批、被采纳等可认定的成果，每项一项（条款 6）")] = []
