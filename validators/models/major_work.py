"""Area 七: 参与市科协重大工作 (clauses 7.1–7.5)."""

from __future__ import annotations

from validators.models.common import Date, Evidence, Item, Text
from validators.models.labelled import LabelledEnum

__all__ = ["MajorWork", "MajorWorkKind"]


class MajorWorkKind(LabelledEnum):
    REFORM = ("reform", "深化改革", "7.1")
    POVERTY_ALLEVIATION = ("poverty_alleviation", "科技扶贫", "7.2")
    PARTY_BUILDING = ("party_building", "党建", "7.3")
    TALENT_BASE = ("talent_base", "人才基地", "7.4")
    MAJOR_EVENT = ("major_event", "重大活动", "7.5")


# Clause 7.2's own words.
MajorWorkKind.accept_aliases({"脱贫攻坚": MajorWorkKind.POVERTY_ALLEVIATION})


class MajorWork(Item):
    kind: MajorWorkKind
    title: Text
    date: Date
    description: Text
    evidence: Evidence = []
