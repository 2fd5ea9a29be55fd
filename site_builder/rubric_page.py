"""The scoring rubric of each year, rendered from its file, every rule linked to its clause."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from site_builder.context import SiteData
from site_builder.markup import Cell, Column, cell, front_matter, num, num_cell, text
from site_builder.tables import table
from validators.models.labelled import LabelledEnum
from validators.rubric import GrowthRule, ItemTier, Rule

PAGE = "rubric.md"
_RULE_COLUMNS = [Column("规则"), Column("依据条款"), Column("分值", numeric=True),
                 Column("最多计入（项）", numeric=True)]


def _rule_row(site: SiteData, label_prefix: str, rule: Rule) -> list[Cell]:
    label = f"{text(label_prefix)}：{text(rule.label)}" if label_prefix else text(rule.label)
    return [cell(label), cell(site.clause_link(PAGE, rule.clause)), num_cell(rule.points),
            num_cell(rule.max_count, "不限")]


def _tiers(tiers: list[ItemTier], what: str) -> str:
    enterprises = any(t.min_enterprises_served for t in tiers)
    members = any(t.min_members for t in tiers)
    columns = [Column("档次"), Column("年度绩效分", numeric=True), Column("活动次数不少于", numeric=True)]
    columns += [Column("服务企业不少于", numeric=True)] if enterprises else []
    columns += [Column("成员不少于", numeric=True)] if members else []
    rows = []
    for t in tiers:
        row = [cell(text(t.tier)), num_cell(t.points), num_cell(t.min_activities)]
        row += [num_cell(t.min_enterprises_served)] if enterprises else []
        row += [num_cell(t.min_members)] if members else []
        rows.append(row)
    return (f"{what}按年度绩效分档（依次取第一个满足的档）：\n\n"
            + table(columns, rows, label=f"{what}的年度绩效分档", key=(0, 1), sortable=False))


def _area(site: SiteData, year: int, key: str, title: str) -> str:
    model: BaseModel = getattr(site.rubric(year), key)
    rows: list[list[Cell]] = []
    notes: list[str] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Rule):
            rows.append(_rule_row(site, "", value))
        elif isinstance(value, dict):
            for member, rule in value.items():
                prefix = member.label if isinstance(member, LabelledEnum) else str(member)
                rows.append(_rule_row(site, prefix, rule))
        elif isinstance(value, list) and value and isinstance(value[0], ItemTier):
            what = "每个服务站" if key == "service_stations" else "每个联合体（补助牵头学会）"
            notes.append(_tiers(value, what))
        elif isinstance(value, GrowthRule):
            notes.append(f"“有较大提升”：与上一年度相比，承接职能至少增加 {value.min_count_increase} 项，"
                         f"或金额增长达到 {value.min_amount_growth:.0%}。")
        elif name == "max_achievements_per_report":
            notes.append(f"同一份调研报告的多项成果，只计分值最高的 {value} 项。")
    anchor = f"rubric-{year}-{key}"
    parts = [f"### {text(title)}（上限 {num(model.cap)} 分） {{#{anchor}}}\n",  # type: ignore[attr-defined]
             table(_RULE_COLUMNS, rows, label=f"{year} 年度{title}的评分规则", key=(0, 2), sortable=False) + "\n"]
    parts += [n + "\n" for n in notes]
    return "\n".join(parts)


def _year(site: SiteData, year: int) -> str:
    points = site.rubric(year)
    window = site.guideline(year).evaluation_window
    parts = [f"## {year} 年度：{text(points.title)} {{#rubric-{year}}}\n",
             f'!!! info "评估细则由市科协确定"\n    {text(points.statement)}\n',
             f"评估期：{text(window.label)}。{text(window.note)}\n"]
    if points.carried_forward_from:
        parts.append(f"本年度细则沿用 {points.carried_forward_from} 年度的分值、上限和分档线"
                     "（细则文件中列出的项目除外）。\n")
    titles = site.area_titles(year)
    parts += [_area(site, year, key, title) for key, title in titles.items()]
    overall = table([Column("档次"), Column("总分不低于", numeric=True)],
                    [[cell(text(t.tier)), num_cell(t.min_total)] for t in points.tiers]
                    + [[cell(text(points.unranked)), cell("—", "-1")]], label=f"{year} 年度总分分档",
                    key=(0, 1), sortable=False)
    parts.append(f"### 总分分档 {{#rubric-{year}-tiers}}\n\n各领域得分之和为总分，依次取第一个满足的档，"
                 f"都不满足为“{text(points.unranked)}”。\n\n{overall}\n")
    return "\n".join(parts)


def pages(site: SiteData) -> Iterator[tuple[str, str]]:
    head = (front_matter("评估细则") + "# 评估细则\n\n"
            "《2017年学会重点工作指南》规定对服务站、联合体和调研成果“根据评估绩效予以分档补助”，"
            "但没有公布分值。下面的分值、上限和分档线来自本仓库的评估细则文件，"
            "由市科协确定和调整；网站上的每一分都注明所依据的细则规则和指南条款。\n")
    yield PAGE, head + "\n" + "\n".join(_year(site, y) for y in reversed(site.years))
