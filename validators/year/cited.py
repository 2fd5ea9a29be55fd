"""Which clause of a year's guideline a finding, a score line or a piece of advice names.

A year may number its clauses anew (a clause added at the head of 一 moves 1.1–1.5 to 1.2–1.6;
六 and 七 trade places), so no clause number is written in the code. Each is read from the
year's own files:

- an area's own clause (its opening paragraph, such as 1 or 6) is the area's `id` in the
  guideline file (`areas`);
- a clause that pays points is the one its rule in the year's rubric cites (area 一's
  `innovation.pilot_district_service.clause`, …): the check's message about an item and the
  score line of the same item name the one clause, and the staff who renumber write it once;
- a table by kind (`service_stations.level`, `consortia.new_lead`, …) cites a clause per kind:
  a message about one kind names its rule's clause, one about the table as a whole the clause
  of its first kind (the 2017 and 2018 rubrics cite one clause for all the kinds of a table);
- a yearly tier (`tiers` of stations and consortia) cites no clause of its own: the guideline
  says the tier in the clause that pays the one-off 「以后每年根据评估绩效予以分档补助」 (2017's
  3.2 and 4.3), so the tier, the founding date and what decides it name the one-off's clause.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from validators.year.files import YearFileError
from validators.year.guideline import Guideline, guideline
from validators.year.rubric import Rubric, Rule, rubric, written_rubric

__all__ = [
    "area_clause",
    "cited_clause",
    "cited_in_year",
    "criterion_clause",
    "innovation_clause",
    "rule_clause",
    "rules_cited",
    "table_clause",
]


def area_clause(rules: Guideline, area: str) -> str:
    """An area's own clause (its opening paragraph): its number in the year's guideline."""
    return rules.area(area).id


def rule_clause(rule: Rule | None, rules: Guideline, area: str) -> str:
    """The clause a rubric rule cites; the area's own clause when the year's rubric pays nothing
    for it (the rule written null)."""
    return rule.clause if rule is not None else area_clause(rules, area)


def rules_cited(rules: Guideline, root: Path | None) -> Rubric | None:
    """The year's rubric, for the clauses its rules cite: as scoring reads it, or as its file
    writes it while its tables by kind are wrong (`check` says where); None when the year has
    none or its file does not read."""
    try:
        return rubric(rules.year, root)
    except YearFileError:
        return written_rubric(rules.year, root)


def innovation_clause(name: str, rules: Guideline, root: Path | None) -> str:
    """The clause of area 一 whose rubric rule is `name` (`pilot_district_service`, …), as
    the year's rubric cites it: what a check's message about that item names."""
    return cited_clause("innovation", name, rules, root)


def table_clause(table: Mapping[str, Rule | None] | None, rules: Guideline, area: str,
                 kind: str | None = None) -> str:
    """The clause a rubric table by kind cites for `kind` (a key as the table is written), or
    for the table as a whole its first kind's; the area's own clause when it pays nothing."""
    if not table:
        return area_clause(rules, area)
    rule = table.get(kind) if kind is not None else next(iter(table.values()))
    return rule_clause(rule, rules, area)


def cited_clause(area: str, name: str, rules: Guideline, root: Path | None) -> str:
    """The clause the year's rubric cites for its rule `area`.`name` (`government_functions.pilot`,
    `consortia.new_lead`, …): what a check's message about that item names; the area's own
    clause when the rule is null, the table empty or the year has no rubric that reads."""
    points = rules_cited(rules, root)
    cited = getattr(getattr(points, area, None), name, None) if points is not None else None
    if isinstance(cited, Mapping):
        return table_clause(cited, rules, area)
    return rule_clause(cited if isinstance(cited, Rule) else None, rules, area)


def cited_in_year(year: int, root: Path | None, area: str, name: str | None = None) -> str | None:
    """`cited_clause` (or, without `name`, the area's own clause) of the year `year`, for rules
    across files; None when the year has no guideline that reads."""
    rules = guideline(year, root)
    if rules is None:
        return None
    return area_clause(rules, area) if name is None else cited_clause(area, name, rules, root)


def criterion_clause(rules: Guideline, criterion: str) -> str:
    """The clause of the year's first event category whose criteria ask `criterion`
    (`min_provinces`, `min_countries`, `occasion`): what a message about the provinces,
    countries or occasion of an event names (2017's 5.2, 5.3, 5.4); area 五's own clause when no
    category asks it."""
    return next((c.clause for c in rules.kinds.event_categories
                 if c.clause and getattr(c.criteria, criterion)),
                area_clause(rules, "academic_events"))
