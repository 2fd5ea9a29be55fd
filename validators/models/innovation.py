"""Area 一: 创新驱动助力工程 (clauses 1, 1.1–1.5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, StrictModel, Text, items
from validators.models.labelled import OpenKind, Vocabulary


class Service(Item):
    kind: Annotated[OpenKind, Vocabulary("service_kinds"), Field(title="服务类型", description="本年度的服务类型之一")]
    title: Annotated[Text, Field(title="服务名称", description="这项服务的名称")]
    enterprise: Annotated[Text, Field(title="服务的企业（园区）", description="接受服务的企业或园区的全称")]
    district: Annotated[Text, Field(title="所在区（市）县", description="企业所在的成都市区（市）县或功能区，按当年的名称填写")]
    date: Annotated[Date, Field(title="服务日期", description="服务的日期，须在本年度评估期内")]
    outcome: Annotated[Text, Field(title="服务成效", description="这项服务取得的成效，写具体的数字或结果")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []


class Innovation(StrictModel):
    enterprise_platform_registered: Annotated[bool, Field(title="已在中国科协“企业科协网”注册", description="已成功注册写 true，否则写 false（条款 1.1）")] = False
    senior_experts_total: Annotated[Count, Field(title="副高职及以上专家会员总数", description="本学会副高职及以上的专家会员人数（条款 1.2）")] = 0
    senior_experts_registered: Annotated[Count, Field(title="其中在专家库注册的人数", description="在成都市科协企会合作平台（专家库）注册的人数，不多于总数；注册率达标计入条款 1.2")] = 0
    services: Annotated[items(Service), Field(title="为企业提供的服务", description="为企业（园区）提供的技术、咨询等服务，每项一项（条款 1、1.3–1.5）")] = []  # type: ignore[valid-type]
