"""Area 二: 有序承接政府转移职能 (clauses 2.1–2.3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Evidence, Item, Money, StrictModel, Text, items
from validators.models.labelled import OpenKind, Vocabulary


class Function(Item):
    title: Annotated[Text, Field(title="事项名称", description="承接的职能或委托工作的名称")]
    commissioner: Annotated[Text, Field(title="委托（购买）单位", description="委托或购买服务的政府部门")]
    method: Annotated[OpenKind, Vocabulary("function_methods"), Field(title="承接方式", description="本年度的承接方式之一")]
    new: Annotated[bool, Field(title="本年度新增", description="本年度新承接的写 true；同一事项只能在承接当年算新增（条款 2.1）")] = False
    amount_wan: Annotated[Money, Field(title="金额（万元）", description="合同或委托金额，单位万元")] = 0
    start: Annotated[Date, Field(title="开始日期", description="承接的开始日期")]
    end: Annotated[Date, Field(title="结束日期", description="承接的结束日期，不早于开始日期；承接期须与评估期有重叠")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []


class GovernmentFunctions(StrictModel):
    pilot: Annotated[bool, Field(title="首批承能试点学会", description="本学会是首批承能试点学会写 true；以市科协公布的名单为准（条款 2.1）")] = False
    functions: Annotated[items(Function), Field(title="承接的政府转移职能（委托工作）", description="通过招标、委托、购买服务承接的政府职能或服务，每项一项（条款 2.2）")] = []  # type: ignore[valid-type]
