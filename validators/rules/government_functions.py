"""Area 二 rules: the pilot list (2.1), function periods (2.2)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.context import RuleContext


def check(report: YearReport, ctx: RuleContext) -> None:
    area = report.government_functions
    if area is None:
        return
    pilots = ctx.guideline.pilot_societies
    if area.pilot and pilots and report.society not in pilots:
        ctx.error(("government_functions", "pilot"), "E-PILOT-NOT-LISTED",
                  f"本学会不在 {ctx.guideline.year} 年首批承能试点学会名单中：请把 pilot 改为 false。",
                  "2.1")
    window = ctx.guideline.evaluation_window
    for i, fn in enumerate(area.functions):
        path = ("government_functions", "functions", i)
        if fn.end < fn.start:
            ctx.error((*path, "end"), "E-DATE-ORDER",
                      f"结束日期 {fn.end} 早于开始日期 {fn.start}：请核对。", "2.2")
        elif fn.end <= window.start or fn.start > window.deadline:
            ctx.error((*path, "start"), "E-DATE-OUTSIDE-WINDOW",
                      f"承接期 {fn.start} 至 {fn.end} 与 {ctx.guideline.year} 年度评估期"
                      f"（{window.label}）没有重叠：请放到对应年度的报告中。", "2.2")
