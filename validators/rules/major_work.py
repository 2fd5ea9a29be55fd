"""Area 七, and every area a year adds (written like 七): dates inside the evaluation window."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext


def check(report: YearReport, ctx: RuleContext) -> None:
    for area in ("major_work", *(a.key for a in ctx.guideline.added_areas)):
        for i, work in enumerate(getattr(report, area, [])):
            ctx.in_window((area, i, "date"), work.date, work.kind.clause, "工作日期")
