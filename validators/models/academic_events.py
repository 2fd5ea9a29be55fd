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
    title: Text
    category: EventCategory
    role: EventRole
    date: Date
    participants: Count
    main_forum: bool = False
    sub_forums: Count = 0
    materials: bool = False
    speaker_provinces: Names = []
    countries: Names = []
    occasion: Text | None = None
    # For 大型社会活动 held in a popularisation event the guideline does not name (its list ends
    # in 等): which event, and who organised it, so a reviewer can confirm it.
    occasion_name: Annotated[Text | None, Field(
        title="科普活动名称", description="所在的全国性、全市性科普活动的名称（occasion 选“其他全国性或全市性科普活动”时必填）")] = None
    occasion_organizer: Annotated[Text | None, Field(
        title="科普活动主办单位", description="该科普活动的主办单位（occasion 选“其他全国性或全市性科普活动”时必填）")] = None
    evidence: Evidence = []
