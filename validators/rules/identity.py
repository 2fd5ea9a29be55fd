"""A report names its own society and year, and its item ids are unique within the file."""

from __future__ import annotations

from validators.models.report import YearReport, list_items
from validators.rules.rule_context import RuleContext


def check(report: YearReport, ctx: RuleContext, folder_name: str, file_year: int) -> None:
    if report.society != folder_name:
        ctx.error(("society",), "E-SOCIETY-MISMATCH",
                  f"society 应与文件夹名一致，写作“{folder_name}”。", None)
    if report.year != file_year:
        ctx.error(("year",), "E-YEAR-MISMATCH", f"year 应与文件名一致，写作 {file_year}。", None)
    seen: dict[str, tuple[str | int, ...]] = {}
    for _, path, item in list_items(report):
        item_id = item.id
        if item_id in seen:
            ctx.error((*path, "id"), "E-ID-DUPLICATE",
                      f"id“{item_id}”在本文件中重复（第 {ctx.source.value(seen[item_id])[0]} 行已使用）："
                      "每一项的 id 须唯一。",
                      None)
        else:
            seen[item_id] = (*path, "id")  # its line only if a duplicate needs it
