"""The year files held to each other and to the guideline text, in Chinese.

A year's files can each be valid and still disagree: a rubric rule citing a clause the year's
text lacks, a criterion enforcing 150 where the clause says 100, a window that leaves a day in
no year. `check` reports these as errors of the year file (E-YEAR-FILE), so that a year cannot
be published saying one thing and enforcing another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from validators.yaml.loading import SourceMap
from validators.year.cited import area_clause
from validators.year.files import (
    YearFileError,
    YearProblem,
    available_years,
    entry_names,
    read_year_file,
    relative,
    written_entry,
    year_file,
)
from validators.year.guideline import AREA_VOCABULARY, Guideline, guideline
from validators.year.kinds import VOCABULARY_TITLES, Kind
from validators.year.leftovers import Leftover, note_leftovers, title_leftovers
from validators.year.rubric import KIND_TABLES, Rubric, Rule, rubric, rubric_alone, written_rubric
from validators.year.text import GuidelineText, area_numeral, guideline_text, text_year

__all__ = ["LABEL_CODE", "year_problems", "year_warnings"]

# A rule's carried label that leaves out a service kind its clause newly lists (`_stale_labels`).
LABEL_CODE = "W-YEAR-RULE-LABEL"

# The year of a guideline a title or statement names (“沿用2017年学会重点工作指南”, “《2017年…指南》”);
# not a year named otherwise (“沿用2018年度的参数”).
_YEAR_NAMED = re.compile(r"([0-9]{4})年[^，。；（）《》]{0,20}指南")
# A number a clause states, with its unit and the words that make it a minimum (“不少于180人”,
# “6个及以上”): what the text says where a category's criterion says another number.
_NUMBER_SAID = re.compile(r"(?:不少于|不低于|至少)?([0-9]+)(人|个)(?:及以上|以上)?")


@dataclass(frozen=True, slots=True)
class _Named:
    """An entry said by any of its names (a kind's code, label or aliases; an area's key, id or
    title): a year file may key it by any of them, or list it under `add` or `edit`."""

    names: tuple[str, ...]


def _step(node: Any, key: str | int | _Named) -> tuple[Any, tuple[str | int, ...]] | None:
    """One key down the file's own data, and the keys that got there; None where it stops."""
    if not isinstance(key, _Named):
        if isinstance(node, dict) and key in node:
            return node[key], (key,)
        if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            return node[key], (key,)  # a list written whole: the file's index is the year's
        return None
    names = set(key.names)
    if isinstance(node, list):
        return next(((e, (i,)) for i, e in enumerate(node) if names & entry_names(e)), None)
    if not isinstance(node, dict):
        return None
    if (written := next((k for k in node if str(k) in names), None)) is not None:
        return node[written], (written,)
    found = written_entry(node, names)
    return (found[1], found[0]) if found is not None else None


# Said of a problem of a value the year file inherits: where to fix it, and where never to.
_INHERITED = ("这个值沿用自 {year} 年度：请在本年度的文件 {file} 中写出改正后的值（列表中的一项用 edit 按名称改写），"
              "不要改动 {year} 年度的文件（以往年度的文件已冻结，改动会改变那一年的评估）。")


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

    def at(self, keys: tuple[str | int | _Named, ...], message: str) -> YearProblem:
        """At the deepest of `keys` the file itself writes (an entry added with `add` or changed
        with `edit` at its own line, not at the list's)."""
        node: Any = self.data
        found: tuple[str | int, ...] = ()
        for key in keys:
            if (step := _step(node, key)) is None:
                break
            node, found = step[0], (*found, *step[1])
        if not found and isinstance(self.data, dict) and "carried_forward_from" in self.data:
            found = ("carried_forward_from",)
            message += _INHERITED.format(year=self.data["carried_forward_from"], file=self.file)
        line, column = self.source.key(found) if found else (1, 1)
        return YearProblem(self.file, line, column, message)


class _Causes:
    """A numbering typo of a guideline text (“5.” written twice) makes the year files' mentions
    of its area's clauses miss: those follow from the typo, so they are not said one by one but
    named in the typo's own message, which staff read first."""

    def __init__(self) -> None:
        self.owed: dict[tuple[str, int], list[YearProblem]] = {}

    def add(self, problems: list[YearProblem], text: GuidelineText, area: str, problem: YearProblem) -> None:
        """`problem`, about a clause or the heading of `area`: said, or owed to the typo in that
        area of the text."""
        line = text.miscounted.get(area)
        if line is None:
            problems.append(problem)
        else:
            self.owed.setdefault((text.file, line), []).append(problem)

    def said(self, problems: list[YearProblem]) -> list[YearProblem]:
        """`problems` with each typo naming the places that follow from it; a consequence whose
        typo is not among them (its year did not read) is said on its own."""
        out: list[YearProblem] = []
        for problem in problems:
            owed = self.owed.pop((problem.file, problem.line), None)
            if owed is not None:
                places: dict[str, list[int]] = {}
                for p in owed:
                    if p.line not in places.setdefault(p.file, []):
                        places[p.file].append(p.line)
                where = "、".join(f"{file} 第 {'、'.join(map(str, lines))} 行" for file, lines in places.items())
                problem = dataclasses.replace(problem, message=(
                    f"{problem.message}这一处也使年度文件中引用这一节的 {len(owed)} 处对不上原文（{where}），"
                    "它们不再单独列出：改正这里后再运行 check，仍对不上的会再指出。"))
            out.append(problem)
        return out + [p for owed in self.owed.values() for p in owed]


def _clause_area(clause: str) -> str:
    return clause.partition(".")[0]


def _squash(text: str) -> str:
    return "".join(text.split())


def _rules(model: BaseModel, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Rule]]:
    """Every rule of a rubric with where it is (an area the year adds under its own key, as the
    file writes it)."""
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
                elif isinstance(rule, BaseModel) and name == "added_areas":
                    yield from _rules(rule, (*path, key))


def _guideline_problems(rules: Guideline, points: Rubric | None, place: _Place, root: Path | None,
                        causes: _Causes) -> list[YearProblem]:
    problems: list[YearProblem] = []
    clauses = rules.clauses
    text = guideline_text(rules.year, root)
    if text.year == rules.year:  # a text's typos are said once, by the year that owns it
        problems += [YearProblem(text.file, line, 1, message) for line, message in text.problems]
    problems += _title_problems(rules.title, rules.year, place, text.title, text.file)
    headed = {a.number: a.heading.strip() for a in text.areas}
    for area in rules.areas:
        numeral = area_numeral(area.id)
        named = _Named((area.key, area.id, area.title))
        if area.id not in headed:
            problems.append(place.at(("areas", named, "id"),
                                     f"领域“{area.title}”（id {area.id}）在 {rules.year} 年度的指南原文 {text.file} 中没有"
                                     f"对应的标题（如“{numeral}、…”）：请在原文中加上这一领域，或改正 id。"))
        elif headed[area.id] != f"{numeral}、{area.title}":
            # The site quotes the title as the guideline's words, so the two must be one.
            causes.add(problems, text, area.id, place.at(("areas", named, "title"),
                       f"领域 {area.id} 的标题“{area.title}”与 {rules.year} 年度指南原文 {text.file} 的标题"
                       f"“{headed[area.id]}”不一致：改名时请把两处一起改。"))
    vocabularies = [*VOCABULARY_TITLES, *(f"{AREA_VOCABULARY}{a.key}" for a in rules.added_areas)]
    for vocabulary in vocabularies:
        for kind in rules.vocabulary(vocabulary):
            if kind.clause is not None and kind.clause not in clauses:
                at: tuple[str | int | _Named, ...] = ("kinds", vocabulary, _Named(tuple(kind.names())), "clause")
                if vocabulary.startswith(AREA_VOCABULARY):
                    area = rules.area(vocabulary.removeprefix(AREA_VOCABULARY))
                    at = ("areas", _Named((area.key, area.id, area.title)), "kinds", _Named(tuple(kind.names())),
                          "clause")
                causes.add(problems, text, _clause_area(kind.clause),
                           place.at(at, f"{rules.vocabulary_title(vocabulary)}“{kind.label}”写的条款 {kind.clause} "
                                        f"不在 {rules.year} 年度的指南原文中：请在原文中加上这一条款，或改正条款号。"))
    problems += _source_problems(rules.year, rules.carried_forward_from, rules.source, place, root)
    for category in rules.kinds.event_categories:
        if category.clause is not None and category.clause not in clauses:
            continue  # said above: the clause is missing, not its numbers
        words = _squash(clauses.get(category.clause or "", ""))
        c = category.criteria
        for field, number, unit in (("min_participants", c.min_participants, "人"),
                                    ("min_provinces", c.min_provinces, "个"),
                                    ("min_countries", c.min_countries, "个")):
            if number and f"{number}{unit}" not in words and not c.not_in_text:
                said = _text_says(words, unit, text, category.clause or "")
                fix = f"（按原文改标准：{_criterion_fix(place.data, category, field, said[1])}）" if said else ""
                problems.append(place.at(
                    ("kinds", "event_categories", _Named(tuple(category.names())), "criteria", field),
                    f"活动类别“{category.label}”的 {field} 是 {number}，而条款 {category.clause} 的原文没有写"
                    f"“{number}{unit}”{said[0] if said else ''}"
                    f"：请让标准与原文一致{fix}，或用 not_in_text 写明为什么不同。"))
    problems += _rate_problems(rules, points, place)
    problems += _unlisted_kind_problems(rules, place, text.file)
    return problems


def _text_says(words: str, unit: str, text: GuidelineText, clause: str) -> tuple[str, int] | None:
    """What the clause says instead, with its file and line, when it states one number of `unit`
    (“，原文现写“不少于180人”（2019.txt 第 30 行）”), and that number; else None: which of two
    it meant is not guessed."""
    said = {m.group(0): int(m.group(1)) for m in _NUMBER_SAID.finditer(words) if m.group(2) == unit}
    line = text.clause_lines().get(clause)
    if len(said) != 1 or not line:
        return None
    [(phrase, number)] = said.items()
    return f"，原文现写“{phrase}”（{Path(text.file).name} 第 {line} 行）", number


def _criterion_fix(own: Any, category: Kind, field: str, number: int) -> str:
    """The YAML that sets a category's criterion to the text's `number`, to paste where the
    year's own file (`own`) stops writing the way there: the whole line
    `kinds: {event_categories: {edit: {综合性学术年会: {criteria: {min_participants: 150}}}}}` in a
    file that writes no `kinds`, the rest of it under the deepest key the file does write."""
    setting = f"{field}: {number}"
    node: Any = own
    written: list[str] = []
    for key in ("kinds", "event_categories"):
        if not isinstance(node, dict) or not isinstance(node.get(key), dict | list):
            rest = ["kinds", "event_categories"][len(written):]
            return _paste(written, [*rest, "edit", category.label, "criteria"], setting)
        node = node[key]
        written.append(key)
    step = _step(node, _Named(tuple(category.names())))
    if step is None:
        if isinstance(node, dict) and isinstance(node.get("edit"), dict):
            return _paste([*written, "edit"], [category.label, "criteria"], setting)
        return _paste(written, ["edit", category.label, "criteria"], setting)
    entry = step[0]
    criteria = entry.get("criteria") if isinstance(entry, dict) else None
    if isinstance(criteria, dict) and field in criteria:
        return f"把这一行的 {field} 改为 {number}"
    if isinstance(criteria, dict):
        return f"在“{category.label}”的 criteria 中写上 {setting}"
    return f"在“{category.label}”下写上 criteria: {{{setting}}}"


def _paste(written: list[str], rest: list[str], setting: str) -> str:
    """`setting` nested under the keys `rest` as one line of YAML, said under the keys the file
    already `written` (“在本年度的文件中 kinds: 下写上 event_categories: {…}”)."""
    nested = f"{{{setting}}}"
    for key in reversed(rest[1:]):
        nested = f"{{{key}: {nested}}}"
    under = f" {': '.join(written)}: 下" if written else ""
    return f"在本年度的文件中{under}写上 {rest[0]}: {nested}"


def _kinds_named(words: str, rules: Guideline) -> list[str]:
    """The labels of the service kinds `words` name verbatim. A name inside a longer name of
    the vocabulary (成果转化 inside 技术成果转化) is that longer one's, not a name of its own."""
    labels = {k.label for k in rules.kinds.service_kinds}
    names = sorted({n for k in rules.kinds.service_kinds for n in (k.label, *k.aliases)}, key=len, reverse=True)
    found: list[str] = []
    for name in names:
        if name in words:
            if name in labels:
                found.append(name)
            words = words.replace(name, "\x00")
    return found


def _unlisted_kind_problems(rules: Guideline, place: _Place, text_file: str) -> list[YearProblem]:
    """A service kind whose label a clause of `clause_service_kinds` (2017's 1.4, 1.5) names in
    the year's text, but which no clause there lists: its services would silently score under
    the area's general rule, not under the clause that names them. A kind listed under another
    clause is that clause's, as the staff chose."""
    listed = {k.code for c in rules.clause_service_kinds for k in rules.service_kinds_for(c)}
    naming: dict[str, list[str]] = {}
    for clause in rules.clause_service_kinds:
        for label in _kinds_named(_squash(rules.clauses.get(clause, "")), rules):
            naming.setdefault(label, []).append(clause)
    problems: list[YearProblem] = []
    for kind in rules.kinds.service_kinds:
        clauses = naming.get(kind.label)
        if not clauses or kind.code in listed:
            continue
        clause, others = clauses[0], "、".join(clauses[1:])
        kept = "、".join(rules.clause_service_kinds[clause]) or "（无）"
        problems.append(_at_kind_or_clause(place, kind, clause, (
            f"{rules.year} 年度指南原文 {text_file} 的条款 {clause}"
            + (f"（及 {others}）" if others else " ") + f"写了服务类型“{kind.label}”，而 clause_service_kinds 中"
            f"条款 {clause} 没有列出它（现有 {kept}）：这一类服务不会按条款 {clause} 计分，只按第"
            f"{area_numeral(_clause_area(clause))}部分的一般规则计分。{_listing(rules, place, clause, kind.label)}"
            "；不按这一条款计分的，请从条款原文中删去这一名称。")))
    return problems


def _listing(rules: Guideline, place: _Place, clause: str, label: str) -> str:
    """How the year file lists `label` under `clause`: in the list it writes, or with `add`."""
    own = place.data.get("clause_service_kinds") if isinstance(place.data, dict) else None
    written = own.get(clause) if isinstance(own, dict) else None
    if isinstance(written, list) or rules.carried_forward_from is None:
        return f"请在本年度的文件中 clause_service_kinds 的条款 \"{clause}\" 的列表里加上 {label}"
    if isinstance(written, dict) and isinstance(written.get("add"), list):
        return f"请在本年度的文件中 clause_service_kinds 的条款 \"{clause}\" 的 add 里加上 {label}"
    return (f"请在本年度的文件中写上 clause_service_kinds: {{\"{clause}\": {{add: [{label}]}}}}"
            f"（add 在条款下照样可用，{clause} 原有的各项照旧沿用）")


def _at_kind_or_clause(place: _Place, kind: Kind, clause: str, message: str) -> YearProblem:
    """At the kind's own line when the year file adds or changes it; else at the clause's
    entry of `clause_service_kinds` it writes; else where `place` says an inherited value."""
    at_kind: tuple[str | int | _Named, ...] = ("kinds", "service_kinds", _Named(tuple(kind.names())))
    node: Any = place.data
    for key in at_kind:
        step = _step(node, key)
        if step is None:
            return place.at(("clause_service_kinds", clause), message)
        node = step[0]
    return place.at(at_kind, message)


def _rate_problems(rules: Guideline, points: Rubric | None, place: _Place) -> list[YearProblem]:
    """The registration rate is the number of the clause the rubric's `innovation.expert_rate`
    cites (2017's 1.2): that clause must say it. A year with no such rule (no rubric yet, or the
    rule written null) has it said in one of area 一's clauses."""
    rate = f"{rules.thresholds.expert_registration_rate:.0%}"
    rule = points.innovation.expert_rate if points is not None else None
    area = area_clause(rules, "innovation")
    if rule is not None:
        cited = [rule.clause] if rule.clause in rules.clauses else []  # a missing clause is said above
    else:
        cited = [c for c in rules.clauses if _clause_area(c) == area]
    if not cited or any(rate in _squash(rules.clauses[c]) for c in cited):
        return []
    where = f"条款 {cited[0]} 的原文没有写" if rule is not None else f"第{area_numeral(area)}部分各条款的原文都没有写"
    return [place.at(("thresholds", "expert_registration_rate"),
                     f"expert_registration_rate 是 {rate}，而{where}“{rate}”。")]


def _stale_years(words: str, year: int, text_title: str) -> list[str]:
    """The years of a guideline `words` name that are neither `year` nor the one the text it is
    judged by names: a scaffold's “沿用2017年…指南” kept after the year's own text was retitled."""
    own = {str(year), *_YEAR_NAMED.findall(text_title)}
    return sorted(set(_YEAR_NAMED.findall(words)) - own)


def _title_problems(title: str, year: int, place: _Place, text_title: str, text_file: str) -> list[YearProblem]:
    """A year's title names the guideline it is judged by: while its text is a copy of the year
    it carries (titled “2017年…”), “沿用2017年…” is true; once the text is retitled, not."""
    stale = _stale_years(title, year, text_title)
    if not stale:
        return []
    return [place.at(("title",), f"title“{title}”提到 {'、'.join(stale)} 年，而 {year} 年度的指南原文 "
                                 f"{text_file} 的标题是“{text_title}”：网站把 title 显示为本年度指南的名称，"
                                 f"请改成本年度的名称（如“{text_title}”）。")]


def _statement_problems(statement: str, year: int, text_title: str, text_file: str,
                        place: _Place) -> list[YearProblem]:
    """The rubric's statement is printed under the year: it names the year's guideline, not the
    one a carried-forward rubric was first written for."""
    stale = _stale_years(statement, year, text_title)
    if not stale:
        return []
    return [place.at(("statement",), f"评估细则的 statement 提到 {'、'.join(stale)} 年（“{statement[:40]}”），"
                                     f"而 {year} 年度的指南原文 {text_file} 的标题是“{text_title}”：网站把它印在 "
                                     f"{year} 年度的细则下，请在本年度的细则中写出 statement:，写明本年度的指南名称。")]


def _source_problems(year: int, carried_forward_from: int | None, source: str, place: _Place,
                     root: Path | None) -> list[YearProblem]:
    """A year whose own text says other words than the text it carried must say where its words
    come from: `source` carried with the old text would name the old guideline."""
    if carried_forward_from is None or text_year(year, root) != year:
        return []
    before = guideline(carried_forward_from, root)
    if before is None or before.source != source:
        return []
    own, carried = guideline_text(year, root), guideline_text(carried_forward_from, root)
    if own.clauses() == carried.clauses() and own.title == carried.title:
        return []  # a copy not yet edited: its source is still the one it was copied from
    return [place.at(("source",), f"{year} 年度有了自己的指南原文（{own.file}），source 却仍沿用 "
                                   f"{carried_forward_from} 年度的“{source}”：请写明 {year} 年原文的出处"
                                   "（如发文名称），网站的指南页会显示它。")]


def _carried_words(place: _Place, key: str, earlier: Any) -> str | None:
    """A text field as a year file that did not read as a whole still gives it: written in the
    file itself, or carried from the year before (`earlier`, that year's model, when it read)."""
    own = place.data if isinstance(place.data, dict) else {}
    value = own.get(key, getattr(earlier, key, None) if "carried_forward_from" in own else None)
    return value if isinstance(value, str) else None


def _earlier(kind: str, place: _Place, root: Path | None) -> Any:
    """The model of the year a year file carries forward from, when it reads."""
    before = place.data.get("carried_forward_from") if isinstance(place.data, dict) else None
    if not isinstance(before, int):
        return None
    try:
        return guideline(before, root) if kind == "guidelines" else rubric(before, root)
    except YearFileError:  # said at that year's files
        return None


def _read_alone(year: int, root: Path | None, rules: Guideline | None, causes: _Causes) -> list[YearProblem]:
    """What the year's text and rubric (and its guideline data's title and source) say each
    read alone, when the guideline data (`rules` None) or the rubric do not read as a whole: one
    run names the rubric's mistakes beside the guideline's, not one after the other's fix."""
    try:
        text = guideline_text(year, root)
    except YearFileError as exc:
        return exc.problems
    problems: list[YearProblem] = []
    if rules is None:
        if text.year == year:  # said here once: `_guideline_problems` does not run
            problems += [YearProblem(text.file, line, 1, message) for line, message in text.problems]
        if year_file("guidelines", year, root) is not None:
            place = _Place("guidelines", year, root)
            before = _earlier("guidelines", place, root)
            if (title := _carried_words(place, "title", before)) is not None:
                problems += _title_problems(title, year, place, text.title, text.file)
            carried = place.data.get("carried_forward_from") if isinstance(place.data, dict) else None
            # Only when the year carried forward reads (`before`): else said at its files.
            if before is not None and isinstance(carried, int) \
                    and (source := _carried_words(place, "source", before)) is not None:
                problems += _source_problems(year, carried, source, place, root)
    if year_file("rubrics", year, root) is None:
        return problems
    place = _Place("rubrics", year, root)
    points: Rubric | None = None
    if rules is None:  # the rubric read by its own model: its own mistakes (a point of 2.3)
        try:
            points = rubric_alone(year, root)
        except YearFileError as exc:
            problems += exc.problems
    if points is None:
        statement = _carried_words(place, "statement", _earlier("rubrics", place, root))
        return problems + (_statement_problems(statement, year, text.title, text.file, place) if statement else [])
    problems += _statement_problems(points.statement, year, text.title, text.file, place)
    clauses = text.clauses()
    for path, rule in _rules(points):
        if rule.clause not in clauses:
            causes.add(problems, text, _clause_area(rule.clause),
                       place.at((*path, "clause"), f"细则规则 {'.'.join(map(str, path))} 写的条款 {rule.clause} "
                                                   f"不在 {year} 年度的指南原文中：条款号写错了就改正它；"
                                                   "是新条款，请先在原文中加上它；该条款已经终止，请把这条规则写成 null（不再计分）。"))
    return problems


def _rubric_problems(points: Rubric, rules: Guideline, place: _Place, root: Path | None,
                     causes: _Causes) -> list[YearProblem]:
    problems: list[YearProblem] = []
    text = guideline_text(rules.year, root)
    problems += _statement_problems(points.statement, points.year, text.title, text.file, place)
    tables = points.kind_tables()
    for path, rule in _rules(points):
        kind = rules.kind(tables[(str(path[0]), str(path[1]))], str(path[2])) \
            if len(path) == 3 and (str(path[0]), str(path[1])) in tables else None
        # A rule by kind is keyed in the file by the kind's label, code or an alias.
        at: tuple[str | int | _Named, ...] = (*path[:2], _Named(tuple(kind.names()))) if kind else path
        try:
            section = points.area(str(path[0]))
        except KeyError:
            section = None
        if section is not None and rule.points > section.cap:
            problems.append(_over_cap(str(path[0]), section.cap, f"细则规则 {_rule_name(path, rules)} 一项",
                                      rule.points, "这条规则", rules, place))
        if rule.clause not in rules.clauses:
            causes.add(problems, text, _clause_area(rule.clause),
                       place.at((*at, "clause"), f"细则规则 {_rule_name(path, rules)} 写的条款 {rule.clause} "
                                                 f"不在 {rules.year} 年度的指南原文中：条款号写错了就改正它；"
                                                 "是新条款，请先在原文中加上它；该条款已经终止，请把这条规则写成 null（不再计分）。"))
        elif kind is not None and kind.clause in rules.clauses and rule.clause != kind.clause:
            # Each score line cites the rule's clause: one differing from its kind's cites the
            # wrong words of the guideline.
            problems.append(place.at((*at, "clause"),
                                     f"细则规则 {_rule_name(path, rules)} 写的条款 {rule.clause}，而指南参数中"
                                     f"{rules.vocabulary_title(tables[(str(path[0]), str(path[1]))])}“{kind.label}”的条款是 "
                                     f"{kind.clause}：两处应写同一条款（每项得分注明的条款取自细则）。"))
    # A station's or consortium's yearly tier is paid like a rule's item, under the same cap.
    for area, section in (("service_stations", points.service_stations), ("consortia", points.consortia)):
        problems += [_over_cap(area, section.cap, f"分档 {area}.tiers.{tier.tier} 一项", tier.points, "这一档",
                               rules, place)
                     for tier in section.tiers if tier.points > section.cap]
    problems += [_over_cap(c.area, points.area(c.area).cap, f"专家评分项 {c.id} 一项（max）", c.max, "它的 max",
                           rules, place)
                 for c in points.assessed if c.max > points.area(c.area).cap]
    for i, criterion in enumerate(points.assessed):
        if criterion.clause not in rules.clauses:
            causes.add(problems, text, _clause_area(criterion.clause),
                       place.at(("assessed", i, "clause"), f"专家评分项 {criterion.id} 写的条款 {criterion.clause} 不在 "
                                                           f"{rules.year} 年度的指南原文中。"))
    return problems


def _over_cap(area: str, cap: float, what: str, value: float, lower: str, rules: Guideline,
              place: _Place) -> YearProblem:
    """An area's cap below what one of its items earns, said at the cap."""
    title = next((a.title for a in rules.areas if a.key == area), area)
    return place.at((area, "cap"), f"“{title}”（{area}）的上限 cap 是 {cap:g} 分，低于其中{what}的 {value:g} 分："
                                   f"一项就超过上限，多出的分永远得不到。请提高上限，或降低{lower}的分值。")


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
    causes = _Causes()
    for year in available_years(root):
        try:
            rules = guideline(year, root)
        except YearFileError as exc:
            # Every mistake of a year in one run: the rubric and text read alone beside it.
            problems += exc.problems + _read_alone(year, root, None, causes)
            continue
        # Every mistake of a year in one run: a rubric whose tables miss a kind still has its
        # guideline held to the text, and its rules' clauses checked as the file writes them.
        try:
            points = rubric(year, root)
        except YearFileError as exc:
            problems += exc.problems
            points = written_rubric(year, root) if rules is not None else None
            if points is None and rules is not None:  # its own model refused it: what it writes alone
                problems += _read_alone(year, root, rules, causes)
        if rules is None:
            continue
        loaded.append(rules)
        problems += _guideline_problems(rules, points, _Place("guidelines", year, root), root, causes)
        if points is not None:
            problems += _rubric_problems(points, rules, _Place("rubrics", year, root), root, causes)
    # A file two years read (a text the next year carries forward) is said once, not by each.
    return list(dict.fromkeys(causes.said(problems) + _window_problems(loaded, root)))


def _stale_labels(points: Rubric, rules: Guideline, place: _Place, root: Path | None) -> list[YearProblem]:
    """A rule of 一 whose clause this year lists service kinds its carried label does not name
    (1.4 adds 技术成果转化; the label still reads “科技咨询、培训、研发指导等服务”): the score lines
    and the rubric page would name the rule by its old words. Only a label carried unchanged
    beside kinds newly listed is said, so no year whose lists did not move hears of it."""
    before = rules.carried_forward_from
    try:
        old_points, old_rules = (rubric(before, root), guideline(before, root)) if before else (None, None)
    except YearFileError:  # said at those files
        return []
    if old_points is None or old_rules is None:
        return []
    problems: list[YearProblem] = []
    for path, rule in _rules(points.innovation, ("innovation",)):
        old = getattr(old_points.innovation, str(path[-1]), None)
        if not isinstance(old, Rule) or old.label != rule.label or len(path) != 2:
            continue
        listed_before = {k.code for k in old_rules.service_kinds_for(old.clause)}
        added = [k for k in rules.service_kinds_for(rule.clause) if k.code not in listed_before]
        label = _squash(rule.label)
        if added and not any(_squash(n) in label for k in added for n in k.names()):
            problems.append(place.at((*path, "label"), (
                f"细则规则 {_rule_name(path, rules)} 的名称“{rule.label}”沿用自 {before} 年度，而 {rules.year} 年度"
                f"条款 {rule.clause} 新列出了服务类型“{'、'.join(k.label for k in added)}”（clause_service_kinds），"
                "名称中没有它：评估明细和细则页用这一名称说明这类服务的得分。请在本年度的细则中改写它的 label，"
                "写上新的类型。")))
    return problems


def year_warnings(root: Path | None = None, day: dt.date | None = None) -> list[YearProblem]:
    """What a reviewer of the year files should look at but that scores nothing wrongly: said as
    warnings, each with its code, never keeping a year from being scored or published. `day`:
    the day the check stands on (a placeholder note matters once the year opens)."""
    problems: list[YearProblem] = []
    years = available_years(root)
    for year in years:
        try:
            rules, points = guideline(year, root), rubric(year, root)
        except YearFileError:  # said by `year_problems`
            continue
        if rules is not None and points is not None:
            place = _Place("rubrics", year, root)
            problems += [dataclasses.replace(p, code=LABEL_CODE) for p in _stale_labels(points, rules, place, root)]
            problems += [_placed(place, left) for left in title_leftovers(points, root)]
        if rules is not None and day is not None:
            place = _Place("guidelines", year, root)
            problems += [_placed(place, left) for left in note_leftovers(rules, root, day, years[0])]
    return problems


def _placed(place: _Place, left: Leftover) -> YearProblem:
    return dataclasses.replace(place.at(left.keys, left.message), code=left.code)
