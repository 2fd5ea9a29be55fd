"""Area 五: 学术交流活动 (clauses 5.1–5.5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum, OpenKind, Vocabulary

__all__ = ["AcademicEvent", "EventRole"]


class EventRole(LabelledEnum):
    HOST = ("host", "主办")
    ORGANIZER = ("organizer", "承办")
    CO_ORGANIZER = ("co_organizer", "协办")


Names = Annotated[list[Text], Field(max_length=300)]


class AcademicEvent(Item):
    title: Annotated[Text, Field(title="活动名称", description="学术交流活动的名称")]
    category: Annotated[OpenKind, Vocabulary("event_categories"), Field(title="申报类别", description="本年度的学术交流活动类别之一；须符合该类别的全部标准")]
    role: Annotated[EventRole, Field(title="本学会的角色", description="主办、承办或协办；所申报类别要求时须由学会主办或承办")]
    date: Annotated[Date, Field(title="活动日期", description="活动的日期，须在本年度评估期内")]
    participants: Annotated[Count, Field(title="参与人数", description="参与活动的人数")]
    main_forum: Annotated[bool, Field(title="设有主论坛", description="设有主论坛写 true（所申报类别要求时须为 true）")] = False
    sub_forums: Annotated[Count, Field(title="分论坛个数", description="设立的分论坛个数")] = 0
    materials: Annotated[bool, Field(title="制作了会议资料", description="制作了会议资料写 true（所申报类别要求时须为 true）")] = False
    speaker_provinces: Annotated[Names, Field(title="作学术报告的科技人员来自的省（区、市）", description="作学术报告的科技人员来自的省、直辖市、自治区：全称或简称，每个写一次；本省和不计入的地区见本年度的说明")] = []
    countries: Annotated[Names, Field(title="参加的科技人员来自的国家或地区", description="中文名、英文名或代码均可，同一国家或地区只计一次")] = []
    occasion: Annotated[Text | None, Field(title="所在的全国性、全市性科普活动", description="本年度所列的科普活动之一；名单以外的，选名单中表示“其他”的一项，并写明活动名称和主办单位")] = None
    # For 大型社会活动 held in a popularisation event the guideline does not name (its list ends
    # in 等): which event, and who organised it, so a reviewer can confirm it.
    occasion_name: Annotated[Text | None, Field(
        title="科普活动名称", description="所在的全国性、全市性科普活动的名称（所在的科普活动选“其他”一项时必填）")] = None
    occasion_organizer: Annotated[Text | None, Field(
        title="科普活动主办单位", description="该科普活动的主办单位（所在的科普活动选“其他”一项时必填）")] = None
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []
