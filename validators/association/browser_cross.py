"""Errors of the check across reports that the online form gives at the field, in the check's
words, from the reports the site publishes:

- E-CONSORTIUM-MULTIPLE-LEADS (validators/rules/cross_file_consortia.py): a consortium the form's
  report leads that another report of the year leads too, under its id or under its name;
- E-ESTABLISHED-CHANGED (validators/rules/cross_file.py): a station (of the society) or a
  consortium (of any society) whose `established` differs from what another report says.

What the form cannot know: a report not yet merged (another society's open pull request), and
the rules across files that it does not mirror (README, “在线填报”). The form's own society and
year are left out of the published reports it reads: the report being edited takes their place.

The sentences are the rules' own (their module-level templates, filled by both), with the
spellings of 牵头 the model accepts and the place a report's file has in the tree.
"""

from __future__ import annotations

from typing import Any

from validators.models.consortia import ConsortiumRole
from validators.models.report import SHARED_ID_LISTS
from validators.repository import Repository
from validators.rules import cross_file, cross_file_consortia
from validators.submission_paths import SUBMISSIONS

__all__ = ["browser_cross"]


def browser_cross(repo: Repository) -> dict[str, Any]:
    """For the form (across.json): the check's sentences, and each published report's consortia
    ([id, name, leads it, established]) and stations ([id, established]), in the order the rules
    read them. A report filed under another society or year than its own takes no part in the
    rules (`check_repository`), nor here."""
    reports = []
    for (society, year), doc in sorted(repo.reports.items()):
        report = doc.report
        if (society, year) != (report.society, report.year):
            continue
        entry: dict[str, Any] = {"society": society, "year": year, "file": doc.file}
        if report.consortia:
            entry["consortia"] = [[c.id, c.name, c.role is ConsortiumRole.LEAD, c.established.isoformat()]
                                  for c in report.consortia]
        if report.service_stations:
            entry["service_stations"] = [[s.id, s.established.isoformat()] for s in report.service_stations]
        if len(entry) > 3:
            reports.append(entry)
    return {
        "file": f"{SUBMISSIONS}/{{society}}/{{year}}.yaml",
        "lead": sorted(k for k, m in ConsortiumRole.lookup().items() if m is ConsortiumRole.LEAD),
        "established": {"areas": [list(a) for a in cross_file.ESTABLISHED_AREAS], "shared": sorted(SHARED_ID_LISTS),
                        "later": cross_file.ESTABLISHED_LATER, "same_year": cross_file.ESTABLISHED_SAME_YEAR},
        "leads": {"by_id": cross_file_consortia.LEADS_BY_ID, "by_name": cross_file_consortia.LEADS_BY_NAME,
                  "listed": cross_file_consortia.LISTED, "joined": cross_file_consortia.JOINED},
        "reports": reports,
    }
