"""Errors of the check across reports that the online form gives at the field, in the check's
words, from the reports the site publishes:

- E-CONSORTIUM-MULTIPLE-LEADS (validators/rules/cross_file_consortia.py): a consortium the form's
  report leads that another report of the year leads too, under its id or under its name;
- E-CONSORTIUM-DIFFERS (the same file): a consortium the form's report takes part in whose
  industry, form or direction differs from what its one lead of the year says;
- E-ESTABLISHED-CHANGED (validators/rules/cross_file.py): a station (of the society) or a
  consortium (of any society) whose `established` differs from what another report says;
- E-ESTABLISHED-TWICE (the same file): a station, or a consortium the society leads, new this
  year under another id than the society's earlier report gave it under the same name;
- E-FUNCTION-NEW-TWICE (the same file): a function new this year that the society's report of
  the year before lists;
- E-ACHIEVEMENT-COUNTED-TWICE (validators/rules/cross_file_claims.py): an achievement the
  society's report of an earlier year counted already.

What the form cannot know: a report not yet merged (another society's open pull request), and
the rules across files that it does not mirror (README, “在线填报”). The form's own society and
year are left out of the published reports it reads: the report being edited takes their place.

The sentences are the rules' own (their module-level templates, filled by both), with the
spellings of 牵头, 参与 and of the year's kinds the model accepts, each year's evaluation window,
and the place a report's file has in the tree.
"""

from __future__ import annotations

from typing import Any

from validators.models.consortia import Consortium, ConsortiumRole, Direction
from validators.models.report import SHARED_ID_LISTS
from validators.repository import Repository
from validators.rules import cross_file, cross_file_claims, cross_file_consortia
from validators.rules.cross_file_common import same_text
from validators.submission_paths import SUBMISSIONS
from validators.year.files import available_years
from validators.year.guideline import Guideline, guideline
from validators.year.measures import counted_achievements

__all__ = ["browser_cross"]


def _consortium(c: Consortium) -> list[Any]:
    """[id, name, leads it, established], and for a lead what its members must say of it: each of
    LEAD_STATES as [what compares, what is shown]."""
    lead = c.role is ConsortiumRole.LEAD
    entry: list[Any] = [c.id, c.name, lead, c.established.isoformat()]
    if lead:
        entry.append([list(cross_file_consortia.as_written(getattr(c, f))) for f, _, _ in cross_file_consortia.LEAD_STATES])
    return entry


def _research(doc_year_rules: Guideline | None, report: Any) -> list[list[Any]]:
    """Each research report with an achievement its year counts: [id, title as `same_text` reads
    it, [[type's code, date] of each counted achievement]]."""
    if doc_year_rules is None:
        return []
    out = []
    for item in report.research:
        counted = counted_achievements(item, doc_year_rules)
        if counted:
            out.append([item.id, same_text(item.title), [[a.type.value, a.date.isoformat()] for _, a in counted]])
    return out


def _year(rules: Guideline) -> dict[str, Any]:
    """Of a guideline year: its evaluation window (start, not counted; deadline, counted), and every
    spelling of the kinds the rules mirrored compare, [code, label, *aliases] each."""
    window = rules.evaluation_window
    return {"window": [window.start.isoformat(), window.deadline.isoformat()],
            **{name: [[k.code, k.label, *k.aliases] for k in rules.kinds.vocabulary(name)]
               for name in ("consortium_forms", "achievement_types")}}


def browser_cross(repo: Repository) -> dict[str, Any]:
    """For the form (across.json): the check's sentences, and each published report's consortia
    (`_consortium`), stations ([id, established, name]), functions (ids) and counted research
    (`_research`), in the order the rules read them. A report filed under another society or year
    than its own takes no part in the rules (`check_repository`), nor here."""
    reports = []
    for (society, year), doc in sorted(repo.reports.items()):
        report = doc.report
        if (society, year) != (report.society, report.year):
            continue
        entry: dict[str, Any] = {"society": society, "year": year, "file": doc.file}
        if report.consortia:
            entry["consortia"] = [_consortium(c) for c in report.consortia]
        if report.service_stations:
            entry["service_stations"] = [[s.id, s.established.isoformat(), s.name] for s in report.service_stations]
        if report.government_functions and report.government_functions.functions:
            entry["functions"] = [f.id for f in report.government_functions.functions]
        if research := _research(guideline(year, repo.root), report):
            entry["research"] = research
        if len(entry) > 3:
            reports.append(entry)
    years = {str(y): _year(rules) for y in available_years(repo.root) if (rules := guideline(y, repo.root))}
    return {
        "file": f"{SUBMISSIONS}/{{society}}/{{year}}.yaml",
        "lead": sorted(k for k, m in ConsortiumRole.lookup().items() if m is ConsortiumRole.LEAD),
        "member": sorted(k for k, m in ConsortiumRole.lookup().items() if m is ConsortiumRole.MEMBER),
        "direction": [[m.value, m.label] for m in Direction],
        "years": years,
        "established": {"areas": [list(a) for a in cross_file.ESTABLISHED_AREAS], "shared": sorted(SHARED_ID_LISTS),
                        "later": cross_file.ESTABLISHED_LATER, "same_year": cross_file.ESTABLISHED_SAME_YEAR},
        "twice": {"areas": [list(a[:3]) for a in cross_file.TWICE_AREAS], "sentence": cross_file.ESTABLISHED_TWICE},
        "function_new": cross_file.FUNCTION_NEW_TWICE,
        "leads": {"by_id": cross_file_consortia.LEADS_BY_ID, "by_name": cross_file_consortia.LEADS_BY_NAME,
                  "listed": cross_file_consortia.LISTED, "joined": cross_file_consortia.JOINED},
        "differs": {"fields": [list(a[:2]) for a in cross_file_consortia.LEAD_STATES],
                    "sentence": cross_file_consortia.DIFFERS},
        "counted": {"sentence": cross_file_claims.COUNTED_TWICE, "when": cross_file_claims.COUNTED_WHEN},
        "reports": reports,
    }
