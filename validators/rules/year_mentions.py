"""A title or description that names another year than the report's: often a line copied
from last year's report and not updated (“2017年…学术年会” in a 2018 report). A warning: an
event may rightly name another year (a series, a plan to 2020)."""

from __future__ import annotations

import re

from validators.rules.rule_context import RuleContext
from validators.yaml.scalars import YamlPath

# A year written as Chinese text names it: 2017年, 2017 年度, 二〇一七年 is rare enough to leave.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_FIELDS = ("title", "description", "name")


def other_years(value: str, year: int) -> list[int]:
    """The years `value` names, when none of them is `year`."""
    named = sorted({int(y) for y in _YEAR.findall(value)})
    return [] if year in named else named


def check(strings: list[tuple[YamlPath, str]], year: int, ctx: RuleContext) -> None:
    for path, value in strings:
        if not path or path[-1] not in _FIELDS:
            continue
        named = other_years(value, year)
        if named:
            shown = "、".join(f"{y} 年" for y in named)
            ctx.warning(path, "W-TEXT-OTHER-YEAR",
                        f"“{value}”写的是 {shown}，而本报告是 {year} 年度的：如果是从往年报告复制来的，"
                        f"请改成本年度的名称；确实如此的可以不改。", None)
