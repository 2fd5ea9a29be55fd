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
    type: Annotated[AchievementType, Field(title="认定方式", description="公开发表、领导签批、采纳或形成政策、促成问题解决、市科协专报或人大议案政协提案")]
    date: Annotated[Date, Field(title="成果日期", description="成果形成的日期：以当年评估截止日期为准，评估期外的成果本年度不计分")]
    evidence: Annotated[Evidence, Field(title="证明材料", description="优先填写 https:// 开头的网址；填写文件路径时，文件须放在本学会文件夹内并一同提交")] = []


class ResearchReport(Item):
    title: Annotated[Text, Field(title="题目", description="调研报告、建议、提案等的题目")]
    form: Annotated[ResearchForm, Field(title="成果形式", description="调研报告、建议、提案、议案或专题报告")]
    topic: Annotated[ResearchTopic, Field(title="选题方向", description="国家中心城市、党政关注与社会热点、四个服务或其他（条款 6.1–6.3）")]
    focus: Annotated[ResearchFocus | None, Field(title="国家中心城市建设的方面", description="选题方向为“国家中心城市”时必填：西部经济中心等六个方面之一（条款 6.1）")] = None
    achievements: Annotated[list[Achievement], Field(max_length=100, title="成果认定", description="公开发表、领导签批、被采纳等可认定的成果，每项一项（条款 6）")] = []
