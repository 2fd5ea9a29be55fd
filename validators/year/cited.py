"""Which clause of a year's guideline a finding, a score line or a piece of advice names.

A year may number its clauses anew (a clause added at the head of 一 moves 1.1–1.5 to 1.2–1.6;
六 and 七 trade places), so no clause number is written in the code. Each is read from the
year's own files:

- an area's own clause (its opening paragraph, such as 1 or 6) is the area's `id` in the
  guideline file (`areas`);
- a clause that pays points is the one its rule in the year's rubric cites (area 一's
  `innovation.pilot_district_service.clause`, …): the check's message about an item and the
  score line of the same item name the one clause, and the staff who renumber write it once.
"""

from __future__ import annotations

from pathlib import Path

from validators.year.files import YearFileError
from validators.year.guideline import Guideline
from validators.year.rubric import Rubric, Rule, rubric, written_rubric

__all__ = ["area_clause", "innovation_clause", "rule_clause", "rules_cited"]


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
    points = rules_cited(rules, root)
    rule: Rule | None = getattr(points.innovation, name) if points is not None else None
    return rule_clause(rule, rules, "innovation")
