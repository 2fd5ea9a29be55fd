"""Area 二: 有序承接政府转移职能 (clauses 2.1–2.3)."""

from __future__ import annotations

from validators.models.common import Date, Evidence, Item, Money, StrictModel, Text, items
from validators.models.labelled import LabelledEnum


class Method(LabelledEnum):
    TENDER = ("tender", "招标")
    COMMISSION = ("commission", "委托")
    PURCHASE = ("purchase", "购买服务")


class Function(Item):
    title: Text
    commissioner: Text
    method: Method
    new: bool = False
    amount_wan: Money = 0
    start: Date
    end: Date
    evidence: Evidence = []


class GovernmentFunctions(StrictModel):
    pilot: bool = False
    functions: items(Function) = []  # type: ignore[valid-type]
