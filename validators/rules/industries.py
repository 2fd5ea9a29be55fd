"""The leading and advantage industries of clause 4.1, for consortia."""

from __future__ import annotations

from validators.rules.rule_context import RuleContext
from validators.rules.suggest import did_you_mean
from validators.yaml.scalars import YamlPath
from validators.year.measures import OTHER_INDUSTRY

__all__ = ["OTHER_INDUSTRY", "check_industry"]


def check_industry(ctx: RuleContext, path: YamlPath, industry: str, clause: str) -> None:
    allowed = ctx.guideline.industries
    if industry not in allowed and industry != OTHER_INDUSTRY:
        ctx.error(path, "E-INDUSTRY-UNKNOWN",
                  f"“{industry}”不在成都市主导产业和优势产业名单中。{did_you_mean(industry, allowed)}"
                  f"可选：{'、'.join(allowed)}；"
                  f"都不是时写“{OTHER_INDUSTRY}”。", clause)
