"""Area 三 rules: station industry and establishment date (3.1–3.2)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.context import RuleContext
from validators.rules.industries import check_industry


def check(report: YearReport, ctx: RuleContext) -> None:
    deadline = ctx.guideline.evaluation_window.deadline
    for i, station in enumerate(report.service_stations):
        path = ("service_stations", i)
        check_industry(ctx, (*path, "industry"), station.industry, "3.1")
        if station.established > deadline:
            ctx.error((*path, "established"), "E-DATE-OUTSIDE-WINDOW",
                      f"建站日期 {station.established} 晚于本年度评估截止日 {deadline}："
                      "请放到对应年度的报告中。", "3.2")
