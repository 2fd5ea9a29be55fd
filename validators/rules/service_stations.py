"""Area 三 rules: a station reported this year exists by its deadline (2017's 3.2, the clause
of the rubric's `new_station`).

Clause 3.1 (2017) names the station's level only; it sets no industry, so `industry` is free text.
"""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext


def check(report: YearReport, ctx: RuleContext) -> None:
    for i, station in enumerate(report.service_stations):
        ctx.not_after_deadline(("service_stations", i, "established"), station.established,
                               ctx.cited("service_stations", "new_station"),
                               "建站日期")
