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

The models' field descriptions and the `new` template's notes are written once, in the first
year's numbering; `renumbering` says which clause of a later year each of those numbers stands
for, so that the schema, the form's help and the template name the year's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from validators.year.files import YearFileError
from validators.year.guideline import Guideline, available_years, guideline
from validators.year.rubric import Rubric, Rule, rubric, written_rubric
from validators.year.text import text_year

__all__ = [
    "area_clause",
    "cited_clause",
    "cited_in_year",
    "criterion_clause",
    "innovation_clause",
    "renumbering",
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


def _cited_by_key(rules: Guideline) -> dict[tuple[str, ...], str]:
    """Every clause the year's files cite, by what cites it: each area's own clause (its `id`),
    each rule of its rubric (`innovation.expert_rate`; a table's by kind code,
    `consortia.new_lead.专业相近`), each assessed criterion and each kind of its vocabularies.
    A rule written null, or a kind without a clause, cites none."""
    cited: dict[tuple[str, ...], str] = {("area", a.key): a.id for a in rules.areas}
    points = rules_cited(rules, rules.root)
    if points is not None:
        for key in rules.area_keys:
            try:
                section = points.area(key)
            except KeyError:
                continue
            for name in type(section).model_fields:
                value = getattr(section, name)
                if isinstance(value, Rule):
                    cited["rule", key, name] = value.clause
                elif isinstance(value, Mapping):
                    cited.update({("rule", key, name, str(kind)): rule.clause
                                  for kind, rule in value.items() if isinstance(rule, Rule)})
        cited.update({("assessed", c.id): c.clause for c in points.assessed})
    for vocabulary in type(rules.kinds).model_fields:
        cited.update({("kind", vocabulary, k.code): k.clause for k in rules.kinds.vocabulary(vocabulary) if k.clause})
    return cited


def renumbering(rules: Guideline) -> dict[str, str]:
    """Each clause as the first year's text numbers it (the numbering the models' descriptions
    and the template's notes are written in) mapped to the clause of `rules`' year that stands
    for the same thing, read only from the two years' files.

    A year read from the first year's own text numbers every clause as it does. Otherwise each
    thing both years cite (an area by its key, a rubric rule, a rule of a table by kind, an
    assessed criterion, a kind of a vocabulary) pairs the first year's clause for it with the
    year's. A first-year clause maps to the year's clause when every thing it was cited for is
    cited by the year, and all at that one clause (2017's 4.3, the new consortium's one-off, is
    4.4 in a 2019 that adds a 4.1). A clause with no such counterpart is absent from the mapping:
    one the year ended (its kind removed, its rule written null), one whose things the year
    splits over several clauses, one no file cites for anything, or any when the first year's
    files do not read. A text that cites it leaves the mention out (`text.renumbered`), as
    `cited_clauses_only` leaves out a clause the year ended: a reader is never sent to a clause
    guessed at."""
    years = available_years(rules.root)
    if not years or rules.year == years[0]:
        return {clause: clause for clause in rules.clauses}
    try:
        first = guideline(years[0], rules.root)
        if first is None:
            return {}
        if text_year(first.year, rules.root) == text_year(rules.year, rules.root):
            return {clause: clause for clause in rules.clauses}
    except (YearFileError, ValueError):  # the first year's files are said broken where they are checked
        return {}
    now = _cited_by_key(rules)
    counterparts: dict[str, set[str | None]] = {}
    for key, clause in _cited_by_key(first).items():
        counterparts.setdefault(clause, set()).add(now.get(key))
    return {clause: found for clause, said in counterparts.items()
            if len(said) == 1 and (found := next(iter(said))) is not None}
