"""Area 一 rules: the expert registration rate (2017's 1.2), districts (1), service dates.

Each finding names the clause as the year numbers it (`year.cited`): the area's own, or the
one its rubric rule cites."""

from __future__ import annotations

from typing import Any

from validators.models.report import YearReport
from validators.rules.rule_context import RuleContext
from validators.rules.suggest import did_you_mean
from validators.year.cited import area_clause, innovation_clause
from validators.year.measures import (
    district_rename_hint,
    expert_rate,
    government_ending,
    no_outcome,
    percent,
)
from validators.year.quotes import said
from validators.year.text import area_numeral

# What the guideline says area 一's services are for (quoted when the year's clause still says it).
FOR_ENTERPRISES = "为成都市域内企业提供技术、咨询等服务"
# How W-SERVICE-NOT-ENTERPRISE names the ending (str.format): of the whole name, or of a part of it in
# or outside brackets. The online form says the same (validators/association/browser_warnings.py).
ENDING_WHOLE = "名称以“{marker}”结尾"
ENDING_PART = "名称中的“{part}”以“{marker}”结尾"


def _district_hint(name: str, ctx: RuleContext) -> str:
    renamed = district_rename_hint(name, ctx.guideline)
    return did_you_mean(name, ctx.guideline.districts) if renamed is None else renamed


def _district(name: str, path: tuple[str | int, ...], ctx: RuleContext) -> None:
    districts = ctx.guideline.districts
    if name not in districts:
        hint = _district_hint(name, ctx)
        listing = "" if "请写" in hint else f"可选：{'、'.join(districts)}。"
        ctx.error((*path, "district"), "E-DISTRICT-UNKNOWN",
                  f"“{name}”不是 {ctx.guideline.year} 年成都市的区（市）县。{hint}{listing}",
                  area_clause(ctx.guideline, "innovation"))


def not_enterprise(name: str, ctx: RuleContext) -> str | None:
    """W-SERVICE-NOT-ENTERPRISE's sentence for a service whose enterprise ends in one of the year's
    `government_markers` (`measures.government_ending`); None when it does not (or the year has
    none). A warning: the name only looks like a government body's, the staff decide by the
    evidence, and the service scores as before."""
    found = government_ending(name, ctx.guideline)
    if found is None:
        return None
    part, marker = found
    ending = (ENDING_WHOLE.format(marker=marker) if part == name.strip()
              else ENDING_PART.format(part=part, marker=marker))
    own = ctx.guideline.area("innovation")
    functions = ctx.guideline.area("government_functions")
    words = said(FOR_ENTERPRISES, ctx.guideline.clauses.get(own.id, ""))
    return (f"服务的企业“{name.strip()}”像是政府部门而不是企业（{ending}）：{area_numeral(own.id)}、{own.title}"
            f"是{words}。这项服务仍照常计分，由市科协按证明材料核实服务对象是否企业；"
            f"受政府部门委托承担的工作请写在“{area_numeral(functions.id)}、{functions.title}”中。")


def check_raw(data: Any, ctx: RuleContext) -> None:
    """The districts of a report its model refused (for other mistakes): said with the rest, not
    in a later round. Nothing of a refused report scores; this only says more at once."""
    area = data.get("innovation") if isinstance(data, dict) else None
    services = area.get("services") if isinstance(area, dict) else None
    for i, service in enumerate(services if isinstance(services, list) else []):
        name = service.get("district") if isinstance(service, dict) else None
        if isinstance(name, str) and name.strip():
            _district(name, ("innovation", "services", i), ctx)


def check(report: YearReport, ctx: RuleContext) -> None:
    area = report.innovation
    if area is None:
        return
    base = ("innovation",)
    total, registered = area.senior_experts_total, area.senior_experts_registered
    if registered > total:
        ctx.error((*base, "senior_experts_registered"), "E-EXPERTS-EXCEED-TOTAL",
                  f"已注册专家 {registered} 人多于副高及以上专家会员总数 {total} 人：请核对两个数字。",
                  innovation_clause("expert_rate", ctx.guideline, ctx.root))
    else:
        rate = expert_rate(total, registered)
        needed = ctx.guideline.thresholds.expert_registration_rate
        if rate is not None and rate < needed:
            clause = innovation_clause("expert_rate", ctx.guideline, ctx.root)
            ctx.warning((*base, "senior_experts_registered"), "W-EXPERTS-RATE",
                        f"专家库注册率 {percent(rate, needed)}（{registered}/{total}）未达到 {percent(needed, needed)}，"
                        f"条款 {clause} 不计分。", clause)
    for i, service in enumerate(area.services):
        path = (*base, "services", i)
        _district(service.district, path, ctx)
        said_not_enterprise = not_enterprise(service.enterprise, ctx)
        if said_not_enterprise is not None:
            ctx.warning((*path, "enterprise"), "W-SERVICE-NOT-ENTERPRISE", said_not_enterprise,
                        area_clause(ctx.guideline, "innovation"))
        ctx.in_window((*path, "date"), service.date, area_clause(ctx.guideline, "innovation"), "服务日期")
        if service.district in ctx.guideline.pilot_districts:
            clause = innovation_clause("pilot_district_service", ctx.guideline, ctx.root)
            lacking = no_outcome(service.outcome, ctx.guideline, clause)
            if lacking is not None:
                ctx.warning((*path, "outcome"), "W-OUTCOME-NOTHING",
                            f"{lacking}：这项服务不计条款 {clause} 的分，仍按服务类型计分。"
                            "请写明这项服务取得的成效（具体的数字或结果）。", clause)
