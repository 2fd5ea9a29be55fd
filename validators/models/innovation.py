"""Area 一: 创新驱动助力工程 (clauses 1, 1.1–1.5)."""

from __future__ import annotations

from validators.models.common import Count, Date, Evidence, Item, StrictModel, Text, items
from validators.models.labelled import LabelledEnum


class ServiceKind(LabelledEnum):
    RD_GUIDANCE = ("rd_guidance", "研发指导")
    PATENT_TRADEMARK = ("patent_trademark", "专利商标申报")
    INNOVATION_METHOD_TRAINING = ("innovation_method_training", "创新方法培训")
    SCI_TECH_FINANCE = ("sci_tech_finance", "科技金融")
    TALENT_INTRODUCTION = ("talent_introduction", "引才引智")
    SCI_TECH_CONSULTING = ("sci_tech_consulting", "科技咨询")
    SCI_TECH_TRAINING = ("sci_tech_training", "科技培训")
    FINANCING = ("financing", "融资服务")
    SUPPORTING = ("supporting", "其他配套")


# Clause 1's own words.
ServiceKind.accept_aliases({"专利（商标）申报": ServiceKind.PATENT_TRADEMARK,
                            "专利（商标）申报服务": ServiceKind.PATENT_TRADEMARK,
                            "创新方法培训服务": ServiceKind.INNOVATION_METHOD_TRAINING,
                            "科技金融服务": ServiceKind.SCI_TECH_FINANCE,
                            "引才引智服务": ServiceKind.TALENT_INTRODUCTION})


class Service(Item):
    kind: ServiceKind
    title: Text
    enterprise: Text
    district: Text
    date: Date
    outcome: Text
    evidence: Evidence = []


class Innovation(StrictModel):
    enterprise_platform_registered: bool = False
    senior_experts_total: Count = 0
    senior_experts_registered: Count = 0
    services: items(Service) = []  # type: ignore[valid-type]
