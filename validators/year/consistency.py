"""The year files held to each other and to the guideline text, in Chinese.

A year's files can each be valid and still disagree: a rubric rule citing a clause the year's
text lacks, a criterion enforcing 150 where the clause says 100, a window that leaves a day in
no year. `check` reports these as errors of the year file (E-YEAR-FILE), so that a year cannot
be published saying one thing and enforcing another.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from validators.yaml.loading import SourceMap
from validators.year.files import (
    YearFileError,
    YearProblem,
    available_years,
    read_year_file,
    relative,
    year_file,
)
from validators.year.guideline import AREA_VOCABULARY, Guideline, guideline
from validators.year.kinds import VOCABULARY_TITLES
from validators.year.rubric import KIND_TABLES, Rubric, Rule, rubric, written_rubric
from validators.year.text import area_numeral, guideline_text, text_year

__all__ = ["year_problems"]


class _Place:
    """Where a key of a year's own file is, for a message; an inherited key is said at the
    `carried_forward_from` line that brought it."""

    def __init__(self, kind: str, year: int, root: Path | None) -> None:
        path = year_file(kind, year, root)
        assert path is not None
        self.file = relative(path, root)
        loaded = read_year_file(path, self.file)
        self.source: SourceMap = loaded.source
        self.data: Any = loaded.data

    def at(self, keys: tuple[str | int, ...], message: str) -> YearProblem:
        node: Any = self.data
        found: tuple[str | int, ...] = ()
        for key in keys:
            if isinstance(node, dict) and key in node:
                node, found = node[key], (*found, key)
            else:
                break
        if not found and isinstance(self.data, dict) and "carried_forward_from" in self.data:
            found = ("carried_forward_from",)
        line, column = self.source.key(found) if found else (1, 1)
        return YearProblem(self.file, line, column, message)


def _squash(text: str) -> str:
    return "".join(text.split())


def _rules(model: BaseModel, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Rule]]:
    """Every rule of a rubric with where it is."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Rule):
            yield (*path, name), value
        elif isinstance(value, BaseModel):
            yield from _rules(value, (*path, name))
        elif isinstance(value, dict):
            for key, rule in value.items():
                if isinstance(rule, Rule):
                    yield (*path, name, key), rule


def _guideline_problems(rules: Guideline, place: _Place, root: Path | None) -> list[YearProblem]:
    problems: list[YearProblem] = []
    clauses = rules.clauses
    text = guideline_text(rules.year, root)
    headed = {a.number: a.heading.strip() for a in text.areas}
    for i, area in enumerate(rules.areas):
        numeral = area_numeral(area.id)
        if area.id not in headed:
            problems.append(place.at(("areas", i, "id"),
                                     f"领域“{area.title}”（id {area.id}）在 {rules.year} 年度的指南原文 {text.file} 中没有"
                                     f"对应的标题（如“{numeral}、…”）：请在原文中加上这一领域，或改正 id。"))
        elif headed[area.id] != f"{numeral}、{area.title}":
            # The site quotes the title as the guideline's words, so the two must be one.
            problems.append(place.at(("areas", i, "title"),
                                     f"领域 {area.id} 的标题“{area.title}”与 {rules.year} 年度指南原文 {text.file} 的标题"
                                     f"“{headed[area.id]}”不一致：改名时请把两处一起改。"))
    vocabularies = [*VOCABULARY_TITLES, *(f"{AREA_VOCABULARY}{a.key}" for a in rules.added_areas)]
    for vocabulary in vocabularies:
        for i, kind in enumerate(rules.vocabulary(vocabulary)):
            if kind.clause is not None and kind.clause not in clauses:
                at: tuple[str | int, ...] = ("kinds", vocabulary, i, "clause")
                if vocabulary.startswith(AREA_VOCABULARY):
                    index = next(n for n, a in enumerate(rules.areas) if f"{AREA_VOCABULARY}{a.key}" == vocabulary)
                    at = ("areas", index, "kinds", i, "clause")
                problems.append(place.at(at, f"{rules.vocabulary_title(vocabulary)}“{kind.label}”写的条款 {kind.clause} "
                                             f"不在 {rules.year} 年度的指南原文中：请在原文中加上这一条款，或改正条款号。"))
    problems += _source_problems(rules, place, root)
    for i, category in enumerate(rules.kinds.event_categories):
        words = _squash(clauses.get(category.clause or "", ""))
        c = category.criteria
        for field, number, unit in (("min_participants", c.min_participants, "人"),
                                    ("min_provinces", c.min_provinces, "个"),
                                    ("min_countries", c.min_countries, "个")):
            if number and f"{number}{unit}" not in words and not c.not_in_text:
                problems.append(place.at(
                    ("kinds", "event_categories", i, "criteria", field),
                    f"活动类别“{category.label}”的 {field} 是 {number}，而条款 {category.clause} 的原文没有写"
                    f"“{number}{unit}”：请让标准与原文一致，或用 not_in_text 写明为什么不同。"))
    rate = rules.thresholds.expert_registration_rate
    if f"{rate:.0%}" not in _squash(clauses.get("1.2", "")) and "1.2" in clauses:
        problems.append(place.at(("thresholds", "expert_registration_rate"),
                                 f"expert_registration_rate 是 {rate:.0%}，而条款 1.2 的原文没有写“{rate:.0%}”。"))
    return problems


def _source_problems(rules: Guideline, place: _Place, root: Path | None) -> list[YearProblem]:
    """A year whose own text says other words than the text it carried must say where its words
    come from: `source` carried with the old text would name the old guideline."""
    if rules.carried_forward_from is None or text_year(rules.year, root) != rules.year:
        return []
    before = guideline(rules.carried_forward_from, root)
    if before is None or before.source != rules.source:
        return []
    own, carried = guideline_text(rules.year, root), guideline_text(rules.carried_forward_from, root)
    if own.clauses() == carried.clauses() and own.title == carried.title:
        return []  # a copy not yet edited: its source is still the one it was copied from
    return [place.at(("source",), f"{rules.year} 年度有了自己的指南原文（{own.file}），source 却仍沿用 "
                                   f"{rules.carried_forward_from} 年度的“{rules.source}”：请写明 {rules.year} 年原文的出处"
                                   "（如发文名称），网站的指南页会显示它。")]


def _rubric_problems(points: Rubric, rules: Guideline, place: _Place) -> list[YearProblem]:
    problems: list[YearProblem] = []
    for path, rule in _rules(points):
        if rule.clause not in rules.clauses:
            problems.append(place.at(path, f"细则规则 {_rule_name(path, rules)} 写的条款 {rule.clause} "
                                           f"不在 {rules.year} 年度的指南原文中：条款号写错了就改正它；"
                                           "是新条款，请先在原文中加上它；该条款已经终止，请把这条规则写成 null（不再计分）。"))
    for i, criterion in enumerate(points.assessed):
        if criterion.clause not in rules.clauses:
            problems.append(place.at(("assessed", i, "clause"),
                                     f"专家评分项 {criterion.id} 写的条款 {criterion.clause} 不在 "
                                     f"{rules.year} 年度的指南原文中。"))
    return problems


def _rule_name(path: tuple[str | int, ...], rules: Guideline) -> str:
    """`academic_events.category.线上学术交流`: a rule by kind named with the kind's label."""
    if len(path) == 3 and isinstance(path[2], str):
        for (area, table), vocabulary in {**KIND_TABLES, **{(a.key, "kind"): f"{AREA_VOCABULARY}{a.key}"
                                                             for a in rules.added_areas}}.items():
            if (area, table) == path[:2] and (kind := rules.kind(vocabulary, path[2])) is not None:
                return f"{area}.{table}.{kind.label}"
    return ".".join(map(str, path))


def _window_problems(years: list[Guideline], root: Path | None) -> list[YearProblem]:
    problems: list[YearProblem] = []
    for before, after in itertools.pairwise(years):
        if after.year != before.year + 1:
            continue
        start, deadline = after.evaluation_window.start, before.evaluation_window.deadline
        if start == deadline:
            continue
        place = _Place("guidelines", after.year, root)
        if start > deadline:
            gap = f"{(deadline + dt.timedelta(days=1)).isoformat()} 至 {start.isoformat()}"
            said = f"{gap} 不属于任何年度"
        else:
            said = f"{(start + dt.timedelta(days=1)).isoformat()} 至 {deadline.isoformat()} 同时属于两个年度"
        problems.append(place.at(("evaluation_window", "start"),
                                 f"{after.year} 年度的评估期从 {start.isoformat()}（不含）开始，而 {before.year} 年度"
                                 f"截止于 {deadline.isoformat()}（含）：{said}。start 应写上一年度的截止日 "
                                 f"{deadline.isoformat()}（start 当天不含在内）。"))
    return problems


def year_problems(root: Path | None = None) -> list[YearProblem]:
    """Every disagreement among the year files of a tree (and the shipped ones), in Chinese."""
    problems: list[YearProblem] = []
    loaded: list[Guideline] = []
    for year in available_years(root):
        try:
            rules = guideline(year, root)
        except YearFileError as exc:
            problems += exc.problems
            continue
        # Every mistake of a year in one run: a rubric whose tables miss a kind still has its
        # guideline held to the text, and its rules' clauses checked as the file writes them.
        try:
            points = rubric(year, root)
        except YearFileError as exc:
            problems += exc.problems
            points = written_rubric(year, root) if rules is not None else None
        if rules is None:
            continue
        loaded.append(rules)
        problems += _guideline_problems(rules, _Place("guidelines", year, root), root)
        if points is not None:
            problems += _rubric_problems(points, rules, _Place("rubrics", year, root))
    return problems + _window_problems(loaded, root)
