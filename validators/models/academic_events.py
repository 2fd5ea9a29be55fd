"""Area 五: 学术交流活动 (clauses 5.1–5.5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Count, Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum


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
    evidence: Evidence = []
