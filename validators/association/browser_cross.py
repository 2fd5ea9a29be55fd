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

And the warnings across reports `check` gives the form's report (W-CONSORTIUM-NO-LEAD,
-MEMBER-UNKNOWN, -MEMBER-NO-REPORT, -NOT-RECIPROCAL, -MEMBERS-DIFFER, W-EVENT-, W-REPORT-, W-FUNCTION-, W-STATION-CLAIMED-TWICE,
W-STATION-NAME-REUSED, W-STATION-RENAMED, W-CONSORTIUM-RENAMED, -NAME-REUSED, W-WORK-CLAIMED-AGAIN,
W-IMPLAUSIBLE-FIGURE), from more of the same files and from item files:

- each listing in the shared files carries what it says of LEAD_STATES, and a lead's its members;
  a member consortium's check asks for its name's file too when its id's shows no lead of the year;
- `across/items-<shares>/<n>.json`: each published event, research report, function and station
  in the file of `share_of("event" | "report" | "function" | "station", same_text(its title or
  name))`, and each society with the years it reported (and those of its report files that do not
  read, when there are any) in the file of `share_of("society", id)`, as is each folder of the
  tree whose profile and reports all do not read (`Repository.unread_societies`),
  split like the shared files but by `form.across_item_share_bytes` (a report asks for one per
  item: they are kept small);
- the society's own file adds `named` (the consortia another society is the one lead of that list
  this society as a member: what it hears when its report omits one) and, per report, its most
  participants and amount (W-IMPLAUSIBLE-FIGURE compares with the other years').

The form puts these together into the list of reports the rules read (form-cross.js) and says
it is still comparing, or could not, while one it needs is loading or failed to load.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from validators.models.academic_events import EventRole
from validators.models.common import SLUG_MAX_LENGTH, SLUG_PATTERN
from validators.models.consortia import Consortium, ConsortiumRole, Direction
from validators.models.report import SHARED_ID_LISTS
from validators.repository import ReportDoc, Repository
from validators.rules import cross_file, cross_file_claims, cross_file_consortia
from validators.rules.cross_file_common import REPORT_WORDS, same_text
from validators.submission_paths import SUBMISSIONS
from validators.yaml.policy import policy
from validators.year.cycle import full_date
from validators.year.files import available_years
from validators.year.guideline import Guideline, guideline
from validators.year.measures import counted_achievements

__all__ = ["CROSS_FOLDER", "SPLIT_KINDS", "cross_files", "share_of", "shared_file"]

# Where the per-society and shared files go, beside across.json.
CROSS_FOLDER = "across"
# The kinds of split `shared_file` names: the consortium listings' and the items'.
SPLIT_KINDS = ("shared", "items")

# FNV-1a, 32 bits, over the text's code points: form-cross.js computes the same.
_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193
_MASK = 0xFFFFFFFF


def _consortium(c: Consortium) -> list[Any]:
    """[id, name, leads it, established, states], states what it says of each of LEAD_STATES as
    [what compares, what is shown] (what a member must say as its lead does), and for a lead its
    members besides (W-CONSORTIUM-NOT-RECIPROCAL)."""
    lead = c.role is ConsortiumRole.LEAD
    entry: list[Any] = [c.id, c.name, lead, c.established.isoformat(),
                        [list(cross_file_consortia.as_written(getattr(c, f))) for f, _, _ in cross_file_consortia.LEAD_STATES]]
    if lead:
        entry.append(list(c.members))
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
    limits = rules.plausibility
    closes = cross_file_consortia.submission_closes(rules)
    return {"window": [window.start.isoformat(), window.deadline.isoformat()],
            # W-CONSORTIUM-MEMBER-NO-REPORT is said once the reader's day is past it: [day, as said].
            "closes": [closes.isoformat(), full_date(closes)],
            "plausible": [limits.event_max_participants, limits.growth_factor, limits.growth_floor,
                          limits.station_max_enterprises, len(rules.provinces)],
            "same_work_days": limits.same_work_days,
            **{name: [[k.code, k.label, *k.aliases] for k in rules.kinds.vocabulary(name)]
               for name in ("consortium_forms", "achievement_types", "station_levels")}}


def _placed(repo: Repository) -> list[ReportDoc]:
    """The published reports the rules read, in their order: a report filed under another society
    or year than its own takes no part in the rules (`check_repository`), nor here."""
    return [doc for key, doc in sorted(repo.reports.items()) if key == (doc.report.society, doc.report.year)]


def _entries(repo: Repository) -> list[dict[str, Any]]:
    """Each published report the rules read, with what they read of it (the module's
    docstring), in their order."""
    reports = []
    for doc in _placed(repo):
        report = doc.report
        society, year = report.society, report.year
        entry: dict[str, Any] = {"society": society, "year": year, "file": doc.file}
        if report.consortia:
            entry["consortia"] = [_consortium(c) for c in report.consortia]
        if report.service_stations:
            # What `stations_renamed` compares besides: whom it serves, its level (code), its industry.
            entry["service_stations"] = [[s.id, s.established.isoformat(), s.name, s.partner, s.level.value, s.industry]
                                         for s in report.service_stations]
        # What `works_claimed_again` compares with the next year's: [key, date, title] of each
        # service, event and major work, in the rule's order.
        if works := cross_file_claims.dated_works(report):
            entry["works"] = [[list(key), item.date.isoformat(), item.title] for key, _, item in works]
        if report.government_functions and report.government_functions.functions:
            entry["functions"] = [f.id for f in report.government_functions.functions]
            # What `functions_new_once` also compares: a function under another id is the same one.
            entry["function_keys"] = [[f.id, *cross_file.function_key(f)] for f in report.government_functions.functions]
        if research := _research(guideline(year, repo.root), report):
            entry["research"] = research
        # W-IMPLAUSIBLE-FIGURE compares with the society's other years' most.
        if most := max((e.participants for e in report.academic_events), default=0):
            entry["participants_max"] = most
        if report.government_functions and (most_wan := max(
                (f.amount_wan for f in report.government_functions.functions), default=0.0)):
            entry["amount_max"] = most_wan
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


# A record of a shared file: the list it goes in, the (kind, key) of each share it goes to, the record.
Record = tuple[str, list[tuple[str, str]], list[Any]]


def _records(repo: Repository, entries: list[dict[str, Any]]) -> list[Record]:
    """Every record of the shared files, in the rules' order (the module's docstring)."""
    out: list[Record] = []
    for e in entries:
        for i, c in enumerate(e.get("consortia", [])):
            places = [("id", c[0])] + ([("name", same_text(c[1]))] if c[2] else [])
            out.append(("listings", places, [e["society"], e["year"], e["file"], i, c]))
    years: dict[str, list[int]] = {s: [] for s in sorted(repo.societies())}
    docs = _placed(repo)
    for doc in docs:
        years[doc.report.society].append(doc.report.year)
    # A society's years with a report file that does not read besides (it has a report of the
    # year all the same: W-CONSORTIUM-MEMBER-NO-REPORT), when there are any.
    unread: dict[str, list[int]] = defaultdict(list)
    for s, y in sorted(repo.broken):
        if s in years and y not in years[s]:
            unread[s].append(y)
    out += [("societies", [("society", s)], [s, listed, *([unread[s]] if unread[s] else [])])
            for s, listed in years.items()]
    # The folders whose files do not read: no society, but W-CONSORTIUM-MEMBER-UNKNOWN says so.
    out += [("unread", [("society", s)], [s]) for s in sorted(repo.unread_societies())]
    for doc in docs:
        r = doc.report
        for ev in r.academic_events:
            title = same_text(ev.title)
            out.append(("events", [("event", title)], [r.society, r.year, title, ev.date.isoformat(), ev.role.value]))
        for item in r.research:
            title = same_text(item.title)
            out.append(("research", [("report", title)], [r.society, r.year, title]))
        for fn in r.government_functions.functions if r.government_functions else []:
            title = same_text(fn.title)
            out.append(("functions", [("function", title)], [r.society, r.year, title, same_text(fn.commissioner),
                                                             fn.start.isoformat(), fn.end.isoformat()]))
        for i, st in enumerate(r.service_stations):
            name = same_text(st.name)
            out.append(("stations", [("station", name)], [r.society, r.year, doc.file, i, st.id,
                                                          st.established.isoformat(), name]))
    return out


def _shares(records: list[Record], share_bytes: int) -> int:
    """How many shared files: a power of two, so that the average holds at most `share_bytes` of
    records (one in two files counted twice)."""
    size = sum(len(json.dumps(x, ensure_ascii=False, separators=(",", ":")).encode()) * len(set(places))
               for _, places, x in records)
    shares = 1
    while size > shares * share_bytes:
        shares *= 2
    return shares


# The lists of the shared files (the consortia) and of the item files (the rest).
SHARED_LISTS = ("listings",)
ITEM_LISTS = ("societies", "unread", "events", "research", "functions", "stations")


def _shared(records: list[Record], shares: int, lists: tuple[str, ...]) -> dict[int, dict[str, Any]]:
    """The file of each n below `shares` of a split of `lists`: {list: […]} each, in the rules'
    order."""
    files: dict[int, dict[str, list[list[Any]]]] = {n: {k: [] for k in lists} for n in range(shares)}
    for kind, places, record in records:
        for n in sorted({share_of(k, key, shares) for k, key in places}):
            files[n][kind].append(record)
    return dict(files)


def _societies(repo: Repository, entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """across/society/<society>.json of each society the site lists (a profile or a report):
    {"society", "reports": [its reports the rules read, as `_entries` lists them]}, an empty list
    for a society with none, so that the form never asks for a file that is not there."""
    out: dict[str, dict[str, Any]] = {society: {"society": society, "reports": [], "named": []}
                                      for society in sorted(repo.societies())}
    for entry in entries:
        out[entry["society"]]["reports"].append(entry)
    for society, year, cid, lead, times, name in _named(entries):
        if society in out:
            out[society]["named"].append([year, cid, lead, times, name])
    return out


def _named(entries: list[dict[str, Any]]) -> list[tuple[str, int, str, str, int, str]]:
    """(society, year, id, lead, times, the lead's name of it) of each consortium of a year whose one lead among the
    societies other than `society` (each by its first listing of the id, as `members_reciprocal`
    reads them) lists `society` as a member `times` times: what W-CONSORTIUM-NOT-RECIPROCAL tells
    a member whose report omits the consortium."""
    groups: dict[tuple[int, str], dict[str, list[Any]]] = defaultdict(dict)
    for e in entries:
        for c in e.get("consortia", []):
            groups[(e["year"], c[0])].setdefault(e["society"], c)
    out = []
    for (year, cid), by_society in sorted(groups.items()):
        leads = [(s, c) for s, c in by_society.items() if c[2]]
        if len(leads) > 2 or not leads:
            continue
        for lead, c in leads:
            for member in sorted(set(c[5])):
                others = [s for s, _ in leads if s != member]
                if others == [lead]:
                    out.append((member, year, cid, lead, c[5].count(member), c[1]))
    return out


def shared_file(shares: int, n: int | str = "{n}", kind: str = "shared") -> str:
    """The path of shared file `n` of a split into `shares` (with "{n}" left in: the form's
    template of it, in across.json); `kind` "items" for the item files."""
    return f"{CROSS_FOLDER}/{kind}-{shares}/{n}.json"


def cross_files(repo: Repository, share_bytes: int | None = None) -> dict[str, dict[str, Any]]:
    """Every file of the form's comparison with the published reports, by its path beside the
    form's page: across.json, across/society/<society>.json and across/shared-<shares>/<n>.json (the
    module's docstring). `share_bytes`: the shared files' average size, `policy.yaml`'s unless
    given (the tests split a small repository into many)."""
    entries = _entries(repo)
    records = _records(repo, entries)
    consortia = [r for r in records if r[0] in SHARED_LISTS]
    rest = [r for r in records if r[0] in ITEM_LISTS]
    shares = _shares(consortia, share_bytes or policy().form.across_share_bytes)
    item_shares = _shares(rest, share_bytes or policy().form.across_item_share_bytes)
    return {"across.json": _browser_cross(repo, shares, item_shares),
            **{f"{CROSS_FOLDER}/society/{society}.json": data for society, data in _societies(repo, entries).items()},
            **{shared_file(shares, n): data for n, data in _shared(consortia, shares, SHARED_LISTS).items()},
            **{shared_file(item_shares, n, "items"): data
               for n, data in _shared(rest, item_shares, ITEM_LISTS).items()}}


def _browser_cross(repo: Repository, shares: int, item_shares: int) -> dict[str, Any]:
    """across.json: the check's sentences and spellings, each year's window, and how the published
    reports are split (the module's docstring): `shares` shared files, and the society ids the
    form may ask a file of (the model's pattern and length)."""
    years = {str(y): _year(rules) for y in available_years(repo.root) if (rules := guideline(y, repo.root))}
    return {
        "file": f"{SUBMISSIONS}/{{society}}/{{year}}.yaml",
        "report": REPORT_WORDS,
        "folder": CROSS_FOLDER,
        "shares": shares,
        "shared_file": shared_file(shares),
        "item_shares": item_shares,
        "item_file": shared_file(item_shares, kind="items"),
        "society_id": [SLUG_PATTERN, SLUG_MAX_LENGTH],
        "lead": sorted(k for k, m in ConsortiumRole.lookup().items() if m is ConsortiumRole.LEAD),
        "member": sorted(k for k, m in ConsortiumRole.lookup().items() if m is ConsortiumRole.MEMBER),
        "direction": [[m.value, m.label] for m in Direction],
        "years": years,
        "established": {"areas": [list(a) for a in cross_file.ESTABLISHED_AREAS], "shared": sorted(SHARED_ID_LISTS),
                        "later": cross_file.ESTABLISHED_LATER, "same_year": cross_file.ESTABLISHED_SAME_YEAR,
                        "origin": cross_file.ESTABLISHED_ORIGIN},
        "twice": {"areas": [list(a[:3]) for a in cross_file.TWICE_AREAS], "sentence": cross_file.ESTABLISHED_TWICE},
        "function_new": cross_file.FUNCTION_NEW_TWICE,
        "function_new_again": cross_file.FUNCTION_NEW_AGAIN,
        "leads": {"by_id": cross_file_consortia.LEADS_BY_ID, "by_name": cross_file_consortia.LEADS_BY_NAME,
                  "listed": cross_file_consortia.LISTED, "joined": cross_file_consortia.JOINED},
        "differs": {"fields": [list(a[:2]) for a in cross_file_consortia.LEAD_STATES],
                    "sentence": cross_file_consortia.DIFFERS},
        "counted": {"sentence": cross_file_claims.COUNTED_TWICE, "when": cross_file_claims.COUNTED_WHEN},
        "warnings": _warnings(),
    }


def _warnings() -> dict[str, Any]:
    """The warnings' sentences (their rules' templates) and what they need besides."""
    c, k, f = cross_file_consortia, cross_file_claims, cross_file
    return {
        "no_lead": {"other_id": c.NO_LEAD_OTHER_ID, "other_year": c.NO_LEAD_OTHER_YEAR, "none": c.NO_LEAD_NONE},
        "member_unknown": c.MEMBER_UNKNOWN,
        "member_unread": c.MEMBER_UNREAD,
        "member_no_report": c.MEMBER_NO_REPORT,
        "reciprocal": {"not_listed_by_member": c.NOT_LISTED_BY_MEMBER, "omitted_by_member": c.OMITTED_BY_MEMBER,
                       "not_listed_by_lead": c.NOT_LISTED_BY_LEAD, "unlisted_member": c.UNLISTED_MEMBER},
        "members_differ": c.MEMBERS_DIFFER,
        "event": k.EVENT_CLAIMED, "report": k.REPORT_CLAIMED, "function": k.FUNCTION_CLAIMED,
        "station": k.STATION_CLAIMED, "reused": k.STATION_REUSED, "reused_more": k.REUSED_MORE,
        "station_renamed": f.STATION_RENAMED, "consortium_renamed": c.CONSORTIUM_RENAMED,
        "work_again": {"sentence": k.WORK_AGAIN, "enterprise": k.WORK_AGAIN_ENTERPRISE},
        "consortium_reused": c.CONSORTIUM_REUSED,
        "societies": {"many": k.SOCIETIES_MANY, "more": k.SOCIETIES_MORE, "few": k.SOCIETIES_FEW,
                      "named": k.NAMED},
        "joined": k.JOINED,
        # Each role of an event as [code, every spelling the model takes]; the one shared freely last.
        "event_roles": [[m.value, *sorted(t for t, x in EventRole.lookup().items() if x is m)] for m in EventRole],
        "shared_role": EventRole.CO_ORGANIZER.value,
        "implausible": {"participants": f.IMPLAUSIBLE_PARTICIPANTS, "provinces": f.IMPLAUSIBLE_PROVINCES,
                        "amount": f.IMPLAUSIBLE_AMOUNT, "enterprises": f.IMPLAUSIBLE_ENTERPRISES},
    }
