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

What the form fetches does not grow with the registry (a page stays small at 1,500 societies):

- `across.json`: the sentences, spellings and windows above, and how the rest is split; it grows
  with the guideline years only;
- `across/society/<society>.json`, fetched once the report's society id is known (an id the model
  accepts, of a society the site lists; another has no published report, and nothing is
  fetched): the society's own published reports with everything of them the rules read. Only the
  society's own rules read its stations, functions and achievements; its consortia are there for
  E-ESTABLISHED-TWICE. It grows with the society's years only;
- `across/shared-<shares>/<n>.json`: every published listing of a consortium, of any society and year, in the
  file `share_of("id", its id)` names, and a lead's listing again in the file of
  `share_of("name", same_text(its name))`. A report's check fetches the files of its consortia's
  ids and of its led consortia's names: every listing of those ids (the earliest for
  E-ESTABLISHED-CHANGED, the year's lead for E-CONSORTIUM-DIFFERS and -MULTIPLE-LEADS) and every
  lead of those names. There are as many files as make the average one at most `policy.yaml`'s
  `form.across_share_bytes` (a power of two), so one stays about that big whatever the number of
  societies; a file that holds no listing is written too (empty). The number of files is part of
  their folder's name: a form that read across.json before a deploy changed the split asks for a
  folder that is gone (a failed load, said as such), never for a file that now holds another
  share of the listings (a comparison missing some, said as passed).

The form puts these together into the list of reports the rules read (form-cross.js) and says
it is still comparing, or could not, while one it needs is loading or failed to load.
"""

from __future__ import annotations

import json
from typing import Any

from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN
from validators.models.consortia import Consortium, ConsortiumRole, Direction
from validators.models.report import SHARED_ID_LISTS
from validators.repository import Repository
from validators.rules import cross_file, cross_file_claims, cross_file_consortia
from validators.rules.cross_file_common import same_text
from validators.submission_paths import SUBMISSIONS
from validators.yaml.policy import policy
from validators.year.files import available_years
from validators.year.guideline import Guideline, guideline
from validators.year.measures import counted_achievements

__all__ = ["CROSS_FOLDER", "cross_files", "share_of", "shared_file"]

# Where the per-society and shared files go, beside across.json.
CROSS_FOLDER = "across"

# FNV-1a, 32 bits, over the text's code points: form-cross.js computes the same.
_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193
_MASK = 0xFFFFFFFF


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


def _entries(repo: Repository) -> list[dict[str, Any]]:
    """Each published report the rules read, with what they read of it (the module's
    docstring), in their order. A report filed under another society or year than its own takes
    no part in the rules (`check_repository`), nor here."""
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
    return reports


def share_of(kind: str, key: str, shares: int) -> int:
    """The shared file (0 … shares - 1) of a consortium's id (kind "id") or of a lead's name as
    `same_text` reads it (kind "name"): FNV-1a of "<kind>:<key>", modulo a power of two."""
    h = _FNV_OFFSET
    for ch in f"{kind}:{key}":
        h = ((h ^ ord(ch)) * _FNV_PRIME) & _MASK
    return h % shares


def _listings(entries: list[dict[str, Any]]) -> list[list[Any]]:
    """[society, year, file, index, consortium] of every published consortium."""
    return [[e["society"], e["year"], e["file"], i, c] for e in entries for i, c in enumerate(e.get("consortia", []))]


def _shares(listings: list[list[Any]], share_bytes: int) -> int:
    """How many shared files: a power of two, so that the average holds at most `share_bytes` of
    listings (a lead's counted twice: it is in two)."""
    size = sum(len(json.dumps(x, ensure_ascii=False, separators=(",", ":")).encode()) * (2 if x[4][2] else 1)
               for x in listings)  # a lead's listing is in two files
    shares = 1
    while size > shares * share_bytes:
        shares *= 2
    return shares


def _shared(listings: list[list[Any]], shares: int) -> dict[int, dict[str, Any]]:
    """The shared file of each n below `shares`: {"listings": […]} each, in the rules' order."""
    files: dict[int, list[list[Any]]] = {n: [] for n in range(shares)}
    for listing in listings:
        item = listing[4]
        places = {share_of("id", item[0], shares)}
        if item[2]:
            places.add(share_of("name", same_text(item[1]), shares))
        for n in places:
            files[n].append(listing)
    return {n: {"listings": listed} for n, listed in files.items()}


def _societies(repo: Repository, entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """across/society/<society>.json of each society the site lists (a profile or a report):
    {"society", "reports": [its reports the rules read, as `_entries` lists them]}, an empty list
    for a society with none, so that the form never asks for a file that is not there."""
    out: dict[str, dict[str, Any]] = {society: {"society": society, "reports": []}
                                      for society in sorted({*repo.profiles, *(s for s, _ in repo.reports)})}
    for entry in entries:
        out[entry["society"]]["reports"].append(entry)
    return out


def shared_file(shares: int, n: int | str = "{n}") -> str:
    """The path of shared file `n` of a split into `shares` (with "{n}" left in: the form's
    template of it, in across.json)."""
    return f"{CROSS_FOLDER}/shared-{shares}/{n}.json"


def cross_files(repo: Repository, share_bytes: int | None = None) -> dict[str, dict[str, Any]]:
    """Every file of the form's comparison with the published reports, by its path beside the
    form's page: across.json, across/society/<society>.json and across/shared-<shares>/<n>.json (the
    module's docstring). `share_bytes`: the shared files' average size, `policy.yaml`'s unless
    given (the tests split a small repository into many)."""
    entries = _entries(repo)
    listings = _listings(entries)
    shares = _shares(listings, share_bytes or policy().form.across_share_bytes)
    return {"across.json": _browser_cross(repo, shares),
            **{f"{CROSS_FOLDER}/society/{society}.json": data for society, data in _societies(repo, entries).items()},
            **{shared_file(shares, n): data for n, data in _shared(listings, shares).items()}}


def _browser_cross(repo: Repository, shares: int) -> dict[str, Any]:
    """across.json: the check's sentences and spellings, each year's window, and how the published
    reports are split (the module's docstring): `shares` shared files, and the society ids the
    form may ask a file of (the model's pattern and length)."""
    years = {str(y): _year(rules) for y in available_years(repo.root) if (rules := guideline(y, repo.root))}
    return {
        "file": f"{SUBMISSIONS}/{{society}}/{{year}}.yaml",
        "folder": CROSS_FOLDER,
        "shares": shares,
        "shared_file": shared_file(shares),
        "society_id": [SLUG_PATTERN, SLUG_MAX_LENGTH],
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
    }
