"""Area 三: 学会服务站建设 (clauses 3.1–3.2)."""

from __future__ import annotations

from validators.models.common import Count, Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum


class StationLevel(LabelledEnum):
    NATIONAL = ("national", "国家级")
    PROVINCIAL = ("provincial", "省级")
    MUNICIPAL = ("municipal", "市级")
    OTHER = ("other", "其他")


class ServiceStation(Item):
    name: Text
    level: StationLevel
    established: Date
    industry: Text
    partner: Text
    enterprises_served: Count = 0
    experts_engaged: Count = 0
    activities: Count = 0
    evidence: Evidence = []
