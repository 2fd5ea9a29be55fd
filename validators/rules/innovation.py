"""Area 一 rules: the expert registration rate (1.2), districts, service dates."""

from __future__ import annotations

from validators.models.report import YearReport
from validators.rules.context import RuleContext
from validators.rules.suggest import did_you_mean


def expert_rate(total: int, registered: int) -> float | None:
    return registered / total if total else None


def check(report: YearReport, ctx: RuleContext) -> None:
    area = report.innovation
    if area is None:
        return
    base = ("innovation",)
    total, registered = area.senior_experts_total, area.senior_experts_registered
    if registered > total:
        ctx.error((*base, "senior_experts_registered"), "E-EXPERTS-EXCEED-TOTAL",
                  f"已注册专家 {registered} 人多于副高及以上专家会员总数 {total} 人：请核对两个数字。",
                  "1.2")
    else:
        rate = expert_rate(total, registered)
        needed = ctx.guideline.thresholds.expert_registration_rate
        if rate is not None and rate < needed:
            ctx.warning((*base, "senior_experts_registered"), "W-EXPERTS-RATE",
                        f"专家库注册率 {rate:.0%}（{registered}/{total}）未达到 {needed:.0%}，"
                        "条款 1.2 不计分。", "1.2")
    districts = ctx.guideline.districts
    for i, service in enumerate(area.services):
        path = (*base, "services", i)
        if service.district not in districts:
            ctx.error((*path, "district"), "E-DISTRICT-UNKNOWN",
                      f"“{service.district}”不是成都市的区（市）县。"
                      f"{did_you_mean(service.district, districts)}可选：{'、'.join(districts)}。",
                      "1.3")
        ctx.in_window((*path, "date"), service.date, "1", "服务日期")
