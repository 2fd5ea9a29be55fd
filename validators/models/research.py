"""Area 六: 调查研究与建言献策 (clauses 6, 6.1–6.3)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Evidence, Item, StrictModel, Text
from validators.models.labelled import LabelledEnum

__all__ = [
    "Achievement", "AchievementType", "ResearchFocus", "ResearchForm", "ResearchReport",
    "ResearchTopic",
]


class ResearchForm(LabelledEnum):
    SURVEY_REPORT = ("survey_report", "调研报告")
    SUGGESTION = ("suggestion", "建议")
    PROPOSAL = ("proposal", "提案")
    MOTION = ("motion", "议案")
    SPECIAL_REPORT = ("special_report", "专题报告")


class ResearchTopic(LabelledEnum):
    NATIONAL_CENTRAL_CITY = ("national_central_city", "国家中心城市", "6.1")
    PARTY_GOVERNMENT_FOCUS = ("party_government_focus", "党政关注与社会热点", "6.2")
    FOUR_SERVICES = ("four_services", "四个服务", "6.3")
    # 「主要内容包括」: the three topics are not the only ones clause 6 accepts.
    OTHER = ("other", "其他", "6")


class ResearchFocus(LabelledEnum):
    WESTERN_ECONOMIC_CENTER = ("western_economic_center", "西部经济中心")
    WESTERN_TECH_CENTER = ("western_tech_center", "西部科技中心")
    WESTERN_FINANCIAL_CENTER = ("western_financial_center", "西部金融中心")
    WESTERN_CULTURAL_CENTER = ("western_cultural_center", "西部文创中心")
    WESTERN_EXCHANGE_CENTER = ("western_exchange_center", "西部对外交往中心")
    TRANSPORT_HUB = ("transport_hub", "综合交通通信枢纽")


class AchievementType(LabelledEnum):
    PUBLISHED = ("published", "公开发表")
    LEADER_ENDORSED = ("leader_endorsed", "领导签批")
    ADOPTED = ("adopted", "采纳或形成政策")
    PROBLEM_SOLVED = ("problem_solved", "促成问题解决")
    CAST_BULLETIN = ("cast_bulletin", "市科协专报")
    NPC_CPPCC = ("npc_cppcc", "人大议案政协提案")


# Clause 6's own words for each achievement.
AchievementType.accept_aliases({
    "公开刊物发表": AchievementType.PUBLISHED,
    "被采纳或形成相关政策": AchievementType.ADOPTED,
    "促成具体事件解决或整改": AchievementType.PROBLEM_SOLVED,
    "通过市科协形成专报": AchievementType.CAST_BULLETIN,
    "成为人大议案、政协提案": AchievementType.NPC_CPPCC,
    "人大议案": AchievementType.NPC_CPPCC,
    "政协提案": AchievementType.NPC_CPPCC,
})


class Achievement(StrictModel):
    type: AchievementType
    date: Date
    evidence: Evidence = []


class ResearchReport(Item):
    title: Text
    form: ResearchForm
    topic: ResearchTopic
    focus: ResearchFocus | None = None
    achievements: Annotated[list[Achievement], Field(max_length=100)] = []
