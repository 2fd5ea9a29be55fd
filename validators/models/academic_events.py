"""Area 五: 学术交流活动 (clauses 5.1–5.5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum

__all__ = ["AcademicEvent", "EventCategory", "EventRole"]


class EventCategory(LabelledEnum):
    ANNUAL_CONFERENCE = ("annual_conference", "综合性学术年会", "5.1")
    NATIONAL_EXCHANGE = ("national_exchange", "全国性学术交流", "5.2")
    INTERNATIONAL_EXCHANGE = ("international_exchange", "国际性学术交流", "5.3")
    PUBLIC_EVENT = ("public_event", "大型社会活动", "5.4")
    OTHER = ("other", "其他", "5.5")


class EventRole(LabelledEnum):
    HOST = ("host", "主办")
    ORGANIZER = ("organizer", "承办")
    CO_ORGANIZER = ("co_organizer", "协办")


Names = Annotated[list[Text], Field(max_length=300)]


class AcademicEvent(Item):
    title: Annotated[Text, Field(title="活动名称", description="学术交流活动的名称")]
    category: Annotated[EventCategory, Field(title="申报类别", description="综合性学术年会、全国性学术交流、国际性学术交流、大型社会活动或其他；须符合该类别的全部标准")]
    role: Annotated[EventRole, Field(title="本学会的角色", description="主办、承办或协办；年会、全国性和国际性交流须主办或承办")]
    date: Annotated[Date, Field(title="活动日期", description="活动的日期，须在本年度评估期内")]
    participants: Annotated[Count, Field(title="参与人数", description="参与活动的人数")]
    main_forum: Annotated[bool, Field(title="设有主论坛", description="综合性学术年会须设有主论坛（条款 5.1）")] = False
    sub_forums: Annotated[Count, Field(title="分论坛个数", description="综合性学术年会须设有分论坛（条款 5.1）")] = 0
    materials: Annotated[bool, Field(title="制作了会议资料", description="综合性学术年会须制作会议资料（条款 5.1）")] = False
    speaker_provinces: Annotated[Names, Field(title="作学术报告的科技人员来自的省（区、市）", description="全国性学术交流须有 6 个及以上外省、直辖市、自治区；全称或简称，本省及香港、澳门、台湾不计入（条款 5.2）")] = []
    countries: Annotated[Names, Field(title="参加的科技人员来自的国家或地区", description="国际性学术交流须有 3 个及以上国家或地区；中文名、英文名或代码均可，同一国家只计一次（条款 5.3）")] = []
    occasion: Annotated[Text | None, Field(title="所在的全国性、全市性科普活动", description="大型社会活动须在科普月、科技周、科普日等科普活动中举办；名单以外的选“其他全国性或全市性科普活动”（条款 5.4）")] = None
    # For 大型社会活动 held in a popularisation event the guideline does not name (its list ends
    # in 等): which event, and who organised it, so a reviewer can confirm it.
    occasion_name: Annotated[Text | None, Field(
        title="科普活动名称", description="所在的全国性、全市性科普活动的名称（occasion 选“其他全国性或全市性科普活动”时必填）")] = None
    occasion_organizer: Annotated[Text | None, Field(
        title="科普活动主办单位", description="该科普活动的主办单位（occasion 选“其他全国性或全市性科普活动”时必填）")] = None
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []
