"""Area 七: 参与市科协重大工作 (clauses 7.1–7.5), and the items of any area a year adds, which
are written the same way: a kind, a title, a date and what the society did."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Evidence, Item, Text
from validators.models.labelled import OpenKind, Quoting, Vocabulary

__all__ = ["AreaItem", "MajorWork"]


class AreaItem(Item):
    """One piece of work of an area a year adds; its `kind` is the area's own vocabulary."""

    kind: Annotated[OpenKind, Field(title="工作类别", description="本年度这一领域的类别之一")]
    title: Annotated[Text, Field(title="工作名称", description="这项工作的名称")]
    date: Annotated[Date, Field(title="日期", description="工作的日期，须在本年度评估期内")]
    description: Annotated[Text, Field(title="工作内容", description="本学会做了什么、取得什么结果")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []


class MajorWork(AreaItem):
    kind: Annotated[OpenKind, Vocabulary("major_work_kinds"), Quoting("重大工作", "本年度“{major_work}”的类别之一（条款 7.1–7.5）"),
                    Field(title="工作类别", description="本年度的重大工作类别之一（条款 7.1–7.5）")]
    title: Annotated[Text, Quoting("重大工作", "这项工作的名称"), Field(title="工作名称", description="参与的重大工作的名称")]
