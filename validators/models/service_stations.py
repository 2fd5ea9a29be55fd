"""Area 三: 学会服务站建设 (clauses 3.1–3.2)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Slug, Text
from validators.models.labelled import OpenKind, Vocabulary


class ServiceStation(Item):
    id: Annotated[Slug, Field(title="编号", description="同一服务站在各年度报告中使用同一个编号，如 station-wenjiang")]
    name: Annotated[Text, Field(title="服务站名称", description="学会服务站的名称")]
    level: Annotated[OpenKind, Vocabulary("station_levels"), Field(title="级别", description="本年度的服务站级别之一（条款 3.1）")]
    established: Annotated[Date, Field(title="建站日期", description="同一服务站各年度写同一个日期：建站当年计为新建（条款 3.2）")]
    industry: Annotated[Text, Field(title="服务的产业", description="服务站服务的产业或领域；条款 3.1 不限产业")]
    partner: Annotated[Text, Field(title="服务的企业或园区", description="服务站所服务的企业或园区")]
    enterprises_served: Annotated[Count, Field(title="服务企业数", description="本年度服务的企业家数")] = 0
    experts_engaged: Annotated[Count, Field(title="参与专家人数", description="参与服务站工作的专家人数")] = 0
    activities: Annotated[Count, Field(title="开展活动次数", description="本年度开展的活动次数")] = 0
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []
