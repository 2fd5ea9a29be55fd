"""Area 七 rules: dates inside the evaluation window (7.1–7.5)."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext


def check(report: YearReport, ctx: RuleContext) -> None:
    for i, work in enumerate(report.major_work):
        ctx.in_window(("major_work", i, "date"), work.date, work.kind.clause, "工作日期")
