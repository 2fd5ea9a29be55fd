"""The form finds what `check` finds against the other reports, at the same fields in the same
words: form-cross.js, run under Node with the site's across.json of a repository and the files
under across/ that it asks for (its society's, the shared files of its consortia), gives a report
of that repository the same E-CONSORTIUM-MULTIPLE-LEADS, E-CONSORTIUM-DIFFERS,
E-ESTABLISHED-CHANGED, E-ESTABLISHED-TWICE, E-FUNCTION-NEW-TWICE and E-ACHIEVEMENT-COUNTED-TWICE
that `check` gives it there.

The repository is the sample's, varied: the report being edited is merged already (in another
form than the one being edited, or as it is) or not at all, and another society's report may lead
one of its consortia (under its id, or under another id with the same name) or give it another
date. The report leads consortia other societies lead, under their id or their name written with
other spaces or full-width digits, and changes the dates of consortia and of its stations; it
takes part in a consortium another society leads and says otherwise (or the same, spelled
otherwise) of its industry, form or direction; it lists again, new, a station, a consortium it
led, a function or an achievement of its own earlier report, under the same id or another.
Each code is drawn: fixed cases show each of them found, by both."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from benchmarks.form_downloads import SCRIPTS
from site_builder.form_labels import labels_data
from tests.test_form_criteria import _node
from tests.test_form_findings_node import _Dumper, _respell
from tests.trees import ROOT, base_tree
from validators.association.browser_cross import cross_files, shared_file
from validators.check import check_tree
from validators.rules.cross_file_consortia import MEMBER_UNREAD
from validators.year.cycle import today

# As the page loads them (form.js, crossCheck): across.json, then only the files under across/
# that the report's check needs (each of which the site wrote), put together.
HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const site = input.files;
const across = site["across.json"];
const listed = (id) => Object.prototype.hasOwnProperty.call(site, across.folder + "/society/" + id + ".json");
const fetched = {};
for (let more = true; more;) {  // as the page asks again with what it loaded, until nothing more
  more = false;
  RF.crossNeeds(input.report, across, input.labels, listed, fetched).forEach((name) => {
    if (!Object.prototype.hasOwnProperty.call(site, name)) throw new Error("no such file: " + name);
    if (!Object.prototype.hasOwnProperty.call(fetched, name)) more = true;
    fetched[name] = site[name];
  });
}
const published = RF.crossPublished(input.report, across, fetched);
// The page's list of societies names each registered one (form.js, crossCheck).
const names = (id) => (Object.prototype.hasOwnProperty.call(input.names, id) ? input.names[id] : null);
process.stdout.write(JSON.stringify(RF.crossIssues(input.report, published, input.labels, names)
  .concat(RF.crossWarnings(input.report, published, input.labels, names, input.day))
  .map((i) => [i.path, i.code, i.message, i.severity])));
"""
ERRORS = ("E-CONSORTIUM-MULTIPLE-LEADS", "E-CONSORTIUM-DIFFERS", "E-ESTABLISHED-CHANGED", "E-ESTABLISHED-TWICE",
          "E-FUNCTION-NEW-TWICE", "E-ACHIEVEMENT-COUNTED-TWICE")
WARNINGS = ("W-CONSORTIUM-NO-LEAD", "W-CONSORTIUM-MEMBER-UNKNOWN", "W-CONSORTIUM-MEMBER-NO-REPORT", "W-CONSORTIUM-NOT-RECIPROCAL",
            "W-CONSORTIUM-MEMBERS-DIFFER", "W-EVENT-CLAIMED-TWICE", "W-REPORT-CLAIMED-TWICE", "W-FUNCTION-CLAIMED-TWICE",
            "W-STATION-CLAIMED-TWICE", "W-STATION-NAME-REUSED", "W-STATION-RENAMED", "W-CONSORTIUM-RENAMED",
            "W-CONSORTIUM-NAME-REUSED", "W-WORK-CLAIMED-AGAIN", "W-IMPLAUSIBLE-FIGURE")
MIRRORED = ERRORS + WARNINGS
SAMPLE = {(p.parent.name, int(p.stem)): yaml.safe_load(p.read_text(encoding="utf-8"))
          for p in sorted((ROOT / "submissions").glob("*/20[0-9][0-9].yaml"))}
DAYS = [dt.date(2016, 5, 1), dt.date(2017, 5, 20), dt.date(2018, 3, 1)]
ROLES = ["牵头", "lead", "承办", "参与"]
# The edits a case makes (some more often: their codes need an earlier report, or a lead, to arise).
CHANGES = ["lead", "date", "station", "role", "member", "member", "again", "again", "again", "claim", "claim",
           "claim", "stranger", "figure", "renamed", "renamed", "led-renamed", "led-reused", "work-again", "work-again"]
# What a member may say of a consortium's fields: the lead's words spelled otherwise, or others.
SAYS = {"industry": ["装备制造", "医药健康", "其他", " 装备制造 "],
        "form": ["专业相近", "similar_service", "服务属性相近 ", "单一学会面向社会", "校地合作"],
        "direction": ["横向", "vertical", "纵向", "horizontal "]}
Found = set[tuple[str, str, str]]


def _file(society: str, year: int) -> str:
    return f"submissions/{society}/{year}.yaml"


def _write(root: Path, society: str, year: int, report: dict[str, Any]) -> None:
    (root / _file(society, year)).write_text(yaml.dump(report, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")


def _others(society: str, year: int, area: str) -> list[dict[str, Any]]:
    return [item for (s, y), report in SAMPLE.items() if s != society and y == year for item in report.get(area, [])]


def _earlier(society: str, year: int, area: str) -> list[dict[str, Any]]:
    """The items of an area in the society's own reports of the years before."""
    return [item for (s, y), report in sorted(SAMPLE.items()) if s == society and y < year
            for item in (report.get(area) or [])]


def _put(listed: list[dict[str, Any]], item: dict[str, Any]) -> None:
    """Into a list of items, in place of the one of its id if there is one."""
    listed[:] = [i for i in listed if i.get("id") != item["id"]] + [item]


def _member(draw: st.DrawFn, society: str, year: int, mine: list[dict[str, Any]]) -> None:
    """Take part in a consortium another society leads this year, saying what it says of one
    field, spelled otherwise, or something else."""
    pool = [c for c in _others(society, year, "consortia") if c["role"] == "牵头"]
    if pool:
        item = copy.deepcopy(draw(st.sampled_from(pool)))
        item.update(role=draw(st.sampled_from(["参与", "member"])), members=[])
        field = draw(st.sampled_from(sorted(SAYS)))
        item[field] = draw(st.sampled_from(SAYS[field]))
        _put(mine, item)


def _again(draw: st.DrawFn, society: str, year: int, report: dict[str, Any], n: int) -> None:
    """List again, as new this year, a station, a consortium the society led, a function or an
    achievement of the society's earlier reports, under the same id or another."""
    area = draw(st.sampled_from(["service_stations", "consortia", "functions", "research"]))
    if area == "functions":
        pool = [f for (s, y), r in SAMPLE.items() if s == society and y == year - 1
                for f in (r.get("government_functions") or {}).get("functions", [])]
        if pool:
            fn = copy.deepcopy(draw(st.sampled_from(pool)))
            fn["new"] = True
            if draw(st.booleans()):  # another id: the same function by its title and commissioner, respelled or not
                fn["id"] = f"fn-{society}-again-{n}"
                fn["title"] = _respell(str(fn["title"]), draw(st.integers(0, 2)))
                fn["commissioner"] = _respell(str(fn["commissioner"]), draw(st.integers(0, 2)))
            gov = report.setdefault("government_functions", {"pilot": False, "functions": []})
            _put(gov.setdefault("functions", []), fn)
        return
    pool = [i for i in _earlier(society, year, area) if area != "consortia" or i["role"] == "牵头"]
    if not pool:
        return
    item = copy.deepcopy(draw(st.sampled_from(pool)))
    if draw(st.booleans()):
        item["id"] = f"again-{society}-{n}"
    if area == "research":
        if draw(st.booleans()):
            item["title"] = _respell(str(item["title"]), draw(st.integers(0, 2)))
        for ach in item.get("achievements", []):
            ach["date"] = draw(st.sampled_from(DAYS))
    else:
        item["established"] = draw(st.sampled_from(DAYS))
        if area == "consortia":
            item["members"] = item.get("members") or ["成都市示例职业技术学院"]
    _put(report.setdefault(area, []), item)


def _claim(draw: st.DrawFn, society: str, year: int, report: dict[str, Any], n: int) -> None:
    """List an event, research report, function or station of another society's report (of this
    year, or for a station of any year, new this year), its title or name respelled or not."""
    area, key = draw(st.sampled_from([("academic_events", "title"), ("research", "title"),
                                      ("functions", "title"), ("service_stations", "name")]))
    if area == "functions":
        pool = [f for (s, y), r in SAMPLE.items() if s != society and y == year
                for f in (r.get("government_functions") or {}).get("functions", [])]
    else:
        pool = [i for (s, y), r in SAMPLE.items() if s != society and (y == year or area == "service_stations")
                for i in r.get(area, [])]
    if not pool:
        return
    item = copy.deepcopy(draw(st.sampled_from(pool)))
    item["id"] = f"claimed-{society}-{n}"
    if draw(st.booleans()):
        item[key] = _respell(str(item[key]), draw(st.integers(0, 2)))
    if area == "academic_events":
        item["role"] = draw(st.sampled_from(["主办", "承办", "协办", "host"]))
    elif area == "service_stations":
        item["established"] = draw(st.sampled_from(DAYS))
    elif area == "functions":
        item["start"] = draw(st.sampled_from([dt.date(year, 1, 1), dt.date(year, 7, 1)]))
        item["end"] = draw(st.sampled_from([dt.date(year, 6, 30), dt.date(year, 12, 31)]))
        report.setdefault("government_functions", {"pilot": False, "functions": []}).setdefault("functions", []).append(item)
        return
    report.setdefault(area, []).append(item)


def _figure(draw: st.DrawFn, report: dict[str, Any]) -> None:
    """An event's participants or a function's amount far beyond the society's other years."""
    events = report.get("academic_events") or []
    functions = (report.get("government_functions") or {}).get("functions") or []
    if events and draw(st.booleans()):
        draw(st.sampled_from(events))["participants"] = draw(st.sampled_from([900, 5000, 99999]))
    elif functions:
        draw(st.sampled_from(functions))["amount_wan"] = draw(st.sampled_from([150.5, 400.0, 1234.5678]))


def _renamed(draw: st.DrawFn, society: str, year: int, stations: list[dict[str, Any]], n: int) -> None:
    """A station of the society's other year under another id and name, at a drawn date, its level
    written as a code or a label, the old one dropped from this report or kept beside it."""
    earlier = [s for (s2, y), r in SAMPLE.items() if s2 == society and y != year for s in r.get("service_stations", [])]
    if not earlier:
        return
    station = copy.deepcopy(draw(st.sampled_from(earlier)))
    if draw(st.booleans()):
        stations[:] = [s for s in stations if s["id"] != station["id"] and s["name"] != station["name"]]
    codes = {"国家级": "national", "省级": "provincial", "市级": "municipal"}
    station.update(id=f"station-renamed-{n}", name=f"{station['name'][:-1]}{n}", established=draw(st.sampled_from(DAYS)),
                   level=draw(st.sampled_from([station["level"], codes.get(station["level"], station["level"]), "省级"])),
                   partner=draw(st.sampled_from([station["partner"], f" {station['partner']}。", "另一园区"])))
    stations.append(station)


def _led_renamed(draw: st.DrawFn, society: str, year: int, mine: list[dict[str, Any]], n: int) -> None:
    """A consortium the society led the year before under another id and name, at a drawn date,
    its industry written otherwise or not, the old one dropped from this report or kept beside it."""
    earlier = [c for (s2, y), r in SAMPLE.items() if s2 == society and y == year - 1
               for c in (r.get("consortia") or []) if c["role"] == "牵头"]
    if not earlier:
        return
    item = copy.deepcopy(draw(st.sampled_from(earlier)))
    if draw(st.booleans()):
        mine[:] = [c for c in mine if c["id"] != item["id"] and c["name"] != item["name"]]
    item.update(id=f"consortium-renamed-{n}", name=f"{item['name'][:-1]}{n}", established=draw(st.sampled_from(DAYS)),
                industry=draw(st.sampled_from([item["industry"], f" {item['industry']}", "其他"])))
    mine.append(item)


def _led_reused(draw: st.DrawFn, society: str, year: int, mine: list[dict[str, Any]], n: int) -> None:
    """A consortium another society led in an earlier year, led here under its name (respelled or
    not) and another id or its own, at a drawn date."""
    earlier = [c for (s2, y), r in SAMPLE.items() if s2 != society and y < year
               for c in (r.get("consortia") or []) if c["role"] == "牵头"]
    if not earlier:
        return
    item = copy.deepcopy(draw(st.sampled_from(earlier)))
    item.update(role="牵头", established=draw(st.sampled_from(DAYS)), members=item.get("members") or ["成都市示例职业技术学院"],
                name=_respell(str(item["name"]), draw(st.integers(0, 2))))
    if draw(st.booleans()):
        item["id"] = f"consortium-reused-{n}"
    mine.append(item)


WORK_LISTS = (("innovation", "services"), ("academic_events",), ("major_work",))


def _work_again(draw: st.DrawFn, society: str, year: int, report: dict[str, Any], n: int) -> None:
    """A service, event or major work of the society's report of the year before, listed again a
    few days or weeks from its date (a service: to its enterprise or another), its title
    respelled or not."""
    where = draw(st.sampled_from(WORK_LISTS))
    source: Any = SAMPLE.get((society, year - 1)) or {}
    for step in where:
        source = source.get(step) if isinstance(source, dict) else None
    if not source:
        return
    item = copy.deepcopy(draw(st.sampled_from(source)))
    item.update(id=f"again-work-{n}", date=item["date"] + dt.timedelta(days=draw(st.sampled_from([-3, 0, 20, 45, 46, 200]))),
                title=_respell(str(item["title"]), draw(st.integers(0, 2))))
    if "enterprise" in item and draw(st.booleans()):
        item["enterprise"] = "成都示例另一家有限公司"
    target: Any = report
    for step in where[:-1]:
        target = target.setdefault(step, {})
    target.setdefault(where[-1], []).append(item)


@st.composite
def _cases(draw: st.DrawFn) -> dict[str, Any]:
    society, year = draw(st.sampled_from(sorted(SAMPLE)))
    report = copy.deepcopy(SAMPLE[(society, year)])
    mine = report.setdefault("consortia", [])
    stations = report.setdefault("service_stations", [])
    for n in range(draw(st.integers(0, 4))):
        change = draw(st.sampled_from(CHANGES))
        if change == "lead" and (pool := _others(society, year, "consortia")):
            item = copy.deepcopy(draw(st.sampled_from(pool)))
            item["role"] = draw(st.sampled_from(ROLES))
            item["members"] = []
            if draw(st.booleans()):  # the same name under an id of its own
                item["id"] = f"consortium-{society}-copy-{n}"
                item["name"] = _respell(str(item["name"]), draw(st.integers(0, 2)))
            if draw(st.booleans()):
                item["established"] = draw(st.sampled_from(DAYS))
            mine.append(item)
        elif change == "date" and (listed := mine + stations):
            draw(st.sampled_from(listed))["established"] = draw(st.sampled_from(DAYS))
        elif change == "station":
            earlier = [s for (s2, y), r in SAMPLE.items() if s2 == society and y != year for s in r.get("service_stations", [])]
            if earlier:
                station = copy.deepcopy(draw(st.sampled_from(earlier)))
                station["established"] = draw(st.sampled_from(DAYS))
                if all(s["id"] != station["id"] for s in stations):
                    stations.append(station)
        elif change == "role" and mine:
            draw(st.sampled_from(mine))["role"] = draw(st.sampled_from(ROLES))
        elif change == "member":
            _member(draw, society, year, mine)
        elif change == "again":
            _again(draw, society, year, report, n)
        elif change == "claim":
            _claim(draw, society, year, report, n)
        elif change == "stranger" and mine:  # a member like a society id: a society or none
            draw(st.sampled_from(mine)).setdefault("members", []).append(
                draw(st.sampled_from(["cd-nowhere", "cd-agri", "cd-computer", "cd-mech-eng", "cd-fintech", "Cd-x"])))
        elif change == "figure":
            _figure(draw, report)
        elif change == "renamed":
            _renamed(draw, society, year, stations, n)
        elif change == "led-renamed":
            _led_renamed(draw, society, year, mine, n)
        elif change == "led-reused":
            _led_reused(draw, society, year, mine, n)
        elif change == "work-again":
            _work_again(draw, society, year, report, n)
    # The repository: the report merged as it is, in another form (the sample's), or not at all;
    # another report that leads one of this report's consortia or dates it otherwise.
    merged = draw(st.sampled_from(["same", "sample", "none"]))
    other = None
    if mine and draw(st.booleans()):
        where = draw(st.sampled_from(sorted(k for k in SAMPLE if k[0] != society)))
        item = copy.deepcopy(draw(st.sampled_from(mine)))
        item.update(role=draw(st.sampled_from(["牵头", "牵头", "参与"])), members=[])
        if item["role"] == "参与":  # a member that may say otherwise than this report's lead
            field = draw(st.sampled_from(sorted(SAYS)))
            item[field] = draw(st.sampled_from(SAYS[field]))
        if draw(st.booleans()):
            item["id"] = f"consortium-{where[0]}-rival"
        if draw(st.booleans()):
            item["established"] = draw(st.sampled_from(DAYS))
        other = (where, item)
    # The site's shared files: as many as policy.yaml makes of the sample (one), or many.
    shares = draw(st.sampled_from([None, 200, 1000]))
    return {"society": society, "year": year, "report": report, "merged": merged, "other": other, "shares": shares}


def _both(case: dict[str, Any]) -> tuple[Found, Found]:
    """What `check` finds of the report in the repository, and what the form finds of it with the
    repository's across.json."""
    society, year, report = case["society"], case["year"], case["report"]
    # The day the check's warnings are of (W-CONSORTIUM-MEMBER-NO-REPORT): the form is given it too.
    day: dt.date = case.get("day") or today()
    with tempfile.TemporaryDirectory() as tmp:
        root = base_tree(Path(tmp), ("submissions",))
        for member in case.get("unread", ()):  # a society folder whose profile and reports do not read
            for path in (root / "submissions" / member).glob("*.yaml"):
                path.write_text("id: [\n", encoding="utf-8")
        if case["other"]:
            (where, item) = case["other"]
            rival = copy.deepcopy(SAMPLE[where])
            rival.setdefault("consortia", []).append(item)
            _write(root, *where, rival)
        for where, edit in case.get("others", []):
            changed = copy.deepcopy(SAMPLE[where])
            edit(changed)
            _write(root, *where, changed)
        if case["merged"] == "none":
            (root / _file(society, year)).unlink(missing_ok=True)
        elif case["merged"] == "same":
            _write(root, society, year, report)
        _, published = check_tree(root, day=day)
        files = cross_files(published, case.get("shares"))
        names = {s: doc.profile.name for s, doc in published.profiles.items()}
        _write(root, society, year, report)
        result, _ = check_tree(root, [root / _file(society, year)], day=day)
    found = [f for f in result.findings if f.file == _file(society, year)]
    assert bool(case.get("unreadable")) == bool([f for f in found if f.code.startswith(("E-SCHEMA", "E-YAML"))]), found
    by_check = {(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
                for f in found if f.code in MIRRORED}
    payload = json.dumps({"report": report, "files": files, "labels": labels_data(), "names": names,
                          "day": day.isoformat()},
                         ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    by_form = {(json.dumps(p, ensure_ascii=False), c, m) for p, c, m, _ in said}
    # The warnings are warnings, in check's order (the report's, by place, then code, then rule).
    assert all((sev == "warning") == (c in WARNINGS) for _, c, _, sev in said), said
    warned = [(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
              for f in sorted(found, key=lambda f: f.sort_key) if f.code in WARNINGS]
    # `check` says nothing across files of a report it cannot read.
    if not case.get("unreadable"):
        assert [(json.dumps(p, ensure_ascii=False), c, m) for p, c, m, sev in said if sev == "warning"] == warned
    return by_check, by_form


@pytest.mark.parametrize("shares", [None, 200])
def test_leading_a_consortium_another_society_leads_is_said_as_check_says_it(shares: int | None) -> None:
    """cd-agri's new 2018 report leads cd-mech-eng's consortium of 2018, and leads one of the same
    name as cd-tcm's under an id of its own, with another date."""
    report = copy.deepcopy(SAMPLE[("cd-agri", 2017)])
    smart = next(c for c in SAMPLE[("cd-mech-eng", 2018)]["consortia"] if c["role"] == "牵头")
    green = next(c for c in SAMPLE[("cd-tcm", 2018)]["consortia"] if c["role"] == "牵头")
    report["consortia"] = [{**smart, "members": []},
                           {**green, "id": "consortium-cd-agri-green", "name": green["name"] + " ",
                            "established": dt.date(2018, 3, 1), "members": []}]
    report["year"] = 2018
    for area in ("innovation", "government_functions", "service_stations", "academic_events", "research", "major_work"):
        report.pop(area, None)
    by_check, by_form = _both({"society": "cd-agri", "year": 2018, "report": report, "merged": "none", "other": None,
                                "shares": shares})
    assert by_form == by_check
    assert {(json.loads(p)[1], c) for p, c, _ in by_form if c in ERRORS} == {(0, "E-CONSORTIUM-MULTIPLE-LEADS"),
                                                              (1, "E-CONSORTIUM-MULTIPLE-LEADS")}
    assert f"2018 年联合体“{smart['name']}”（{smart['id']}）有多个牵头学会（成都市农学会（示例）、成都市机械工程学会（示例））：只能有一个，其余改为“参与”。" in {
        m for _, _, m in by_form}


def _edited(society: str, year: int, edit: Any) -> dict[str, Any]:
    """A case: the society's merged report of the year, edited."""
    report = copy.deepcopy(SAMPLE[(society, year)])
    edit(report)
    return {"society": society, "year": year, "report": report, "merged": "same", "other": None}


def _say_otherwise(report: dict[str, Any]) -> None:
    """cd-computer takes part in cd-mech-eng's consortium and writes it another direction."""
    report["consortia"][0]["direction"] = "纵向"


def _station_again(report: dict[str, Any]) -> None:
    """cd-tcm lists its 2017 station again, new in 2018, under another id."""
    station = copy.deepcopy(SAMPLE[("cd-tcm", 2017)]["service_stations"][0])
    report["service_stations"] = [{**station, "id": "station-tcm-again", "established": dt.date(2018, 3, 1)}]


def _function_again(report: dict[str, Any]) -> None:
    """cd-tcm's 2017 function is new again in 2018."""
    report["government_functions"]["functions"] = [
        {**copy.deepcopy(SAMPLE[("cd-tcm", 2017)]["government_functions"]["functions"][0]), "new": True,
         "start": dt.date(2018, 1, 1), "end": dt.date(2018, 6, 30)}]


def _achievement_again(report: dict[str, Any]) -> None:
    """cd-tcm's 2017 proposal is counted again in 2018, on another date, under another id."""
    item = copy.deepcopy(SAMPLE[("cd-tcm", 2017)]["research"][0])
    item["id"] = "rpt-tcm-again"
    item["achievements"][0]["date"] = dt.date(2018, 3, 1)
    report["research"] = [item]


def _station_renamed(report: dict[str, Any]) -> None:
    """cd-tcm lists its 2017 station again, new in 2018, under another id and name."""
    station = copy.deepcopy(SAMPLE[("cd-tcm", 2017)]["service_stations"][0])
    report["service_stations"] = [{**station, "id": "station-tcm-renamed", "name": "中医药示例新站",
                                   "established": dt.date(2018, 3, 1)}]


def _consortium_renamed(report: dict[str, Any]) -> None:
    """cd-mech-eng leads its 2017 consortium again, new in 2018, under another id and name."""
    led = next(c for c in SAMPLE[("cd-mech-eng", 2017)]["consortia"] if c["role"] == "牵头")
    report["consortia"] = [c for c in report["consortia"] if c["id"] != led["id"]] + [
        {**copy.deepcopy(led), "id": "consortium-renamed", "name": "成都智能制造产业示例联合体", "established": dt.date(2018, 3, 1)}]


def test_a_station_renamed_is_said_by_both() -> None:
    by_check, by_form = _both(_edited("cd-tcm", 2018, _station_renamed))
    assert by_form == by_check
    assert [c for _, c, _ in by_form if c.startswith(("E-ESTABLISHED", "W-STATION-RENAMED"))] == ["W-STATION-RENAMED"]


FIXED = {"E-CONSORTIUM-DIFFERS": ("cd-computer", 2018, _say_otherwise),
         "E-ESTABLISHED-TWICE": ("cd-tcm", 2018, _station_again),
         "E-FUNCTION-NEW-TWICE": ("cd-tcm", 2018, _function_again),
         "E-ACHIEVEMENT-COUNTED-TWICE": ("cd-tcm", 2018, _achievement_again)}


@pytest.mark.parametrize("shares", [None, 200])
def test_each_mirrored_error_is_found_by_both(shares: int | None) -> None:
    """The drawn cases cannot pass by never making one of them: each is made here, and found, with
    the sample's consortia in one shared file or in many."""
    seen: set[str] = set()
    for code, (society, year, edit) in FIXED.items():
        by_check, by_form = _both({**_edited(society, year, edit), "shares": shares})
        assert by_form == by_check, code
        assert code in {c for _, c, _ in by_form}, code
        seen |= {c for _, c, _ in by_form}
    assert seen >= set(FIXED)


def test_an_unchanged_merged_report_is_not_found_against_itself() -> None:
    for (society, year), report in sorted(SAMPLE.items()):
        by_check, by_form = _both({"society": society, "year": year, "report": copy.deepcopy(report),
                                   "merged": "same", "other": None})
        assert by_form == by_check, (society, year)
        assert not {c for _, c, _ in by_form} & set(ERRORS), (society, year)


def _stranger(report: dict[str, Any]) -> None:
    report["consortia"][0]["members"].append("cd-nowhere")


def _no_lead(report: dict[str, Any]) -> None:
    report["consortia"].append({**copy.deepcopy(report["consortia"][0]), "id": "consortium-nowhere",
                                "name": "无人牵头的联合体"})


def _unlisted(report: dict[str, Any]) -> None:
    """cd-tcm (lead) lists cd-computer, whose 2018 report does not list the consortium."""
    report["consortia"][0]["members"].append("cd-computer")


def _omitted(report: dict[str, Any]) -> None:
    """cd-eco-env, a member cd-tcm lists, no longer lists the consortium."""
    report["consortia"] = []


def _silent_member(report: dict[str, Any]) -> None:
    """cd-mech-eng (lead) lists cd-fintech, which has no 2018 report, twice."""
    report["consortia"][0]["members"] += ["cd-fintech", "cd-fintech"]


def _lead_otherwise(report: dict[str, Any]) -> None:
    """cd-tcm, the lead, changes its direction: its member cd-eco-env now says otherwise."""
    c = report["consortia"][0]
    c["direction"] = "纵向" if c["direction"] in ("横向", "horizontal") else "横向"


def _copied(area: str, where: tuple[str, int], index: int, **changes: Any) -> Any:
    def edit(report: dict[str, Any]) -> None:
        source = SAMPLE[where]
        listed = (source.get("government_functions") or {}).get("functions") if area == "functions" else source[area]
        item = {**copy.deepcopy(listed[index]), "id": "copied-" + area.replace("_", "-"), **changes}
        if area == "functions":
            report.setdefault("government_functions", {"pilot": False, "functions": []})["functions"].append(item)
        else:
            report.setdefault(area, []).append(item)
    return edit


def _figures(report: dict[str, Any]) -> None:
    report["academic_events"][0]["participants"] = 99999
    report["government_functions"]["functions"][0]["amount_wan"] = 3000.5


WARNED = [("W-STATION-RENAMED", "cd-tcm", 2018, _station_renamed),
          ("W-CONSORTIUM-RENAMED", "cd-mech-eng", 2018, _consortium_renamed),
          ("W-CONSORTIUM-NO-LEAD", "cd-computer", 2018, _no_lead),
          ("W-CONSORTIUM-MEMBER-UNKNOWN", "cd-computer", 2018, _stranger),
          ("W-CONSORTIUM-MEMBER-NO-REPORT", "cd-mech-eng", 2018, _silent_member),
          ("W-CONSORTIUM-NOT-RECIPROCAL", "cd-tcm", 2018, _unlisted),
          ("W-CONSORTIUM-NOT-RECIPROCAL", "cd-eco-env", 2018, _omitted),
          ("W-CONSORTIUM-MEMBERS-DIFFER", "cd-tcm", 2018, _lead_otherwise),
          ("W-EVENT-CLAIMED-TWICE", "cd-computer", 2018, _copied("academic_events", ("cd-mech-eng", 2018), 0)),
          ("W-REPORT-CLAIMED-TWICE", "cd-computer", 2018, _copied("research", ("cd-tcm", 2018), 0)),
          ("W-FUNCTION-CLAIMED-TWICE", "cd-computer", 2018, _copied("functions", ("cd-tcm", 2018), 0)),
          ("W-STATION-CLAIMED-TWICE", "cd-computer", 2018, _copied("service_stations", ("cd-mech-eng", 2018), 1)),
          ("W-STATION-NAME-REUSED", "cd-computer", 2018,
           _copied("service_stations", ("cd-mech-eng", 2017), 0, established=dt.date(2018, 3, 1))),
          ("W-CONSORTIUM-NAME-REUSED", "cd-computer", 2018,
           _copied("consortia", ("cd-mech-eng", 2017), 0, established=dt.date(2018, 3, 1))),
          ("W-WORK-CLAIMED-AGAIN", "cd-mech-eng", 2018,
           _copied("academic_events", ("cd-mech-eng", 2017), 0, date=dt.date(2017, 12, 20))),
          ("W-IMPLAUSIBLE-FIGURE", "cd-tcm", 2018, _figures)]


@pytest.mark.parametrize("shares", [None, 200])
def test_each_mirrored_warning_is_said_by_both(shares: int | None) -> None:
    """Each warning the form mirrors, made on purpose and said by both, at the same field in the
    same words and order, as a warning."""
    seen: set[str] = set()
    for code, society, year, edit in WARNED:
        by_check, by_form = _both({**_edited(society, year, edit), "shares": shares})
        assert by_form == by_check, code
        assert code in {c for _, c, _ in by_form}, code
        seen |= {c for _, c, _ in by_form}
    assert seen >= set(WARNINGS)


@pytest.mark.parametrize(("day", "said"), [(dt.date(2018, 12, 15), False), (dt.date(2018, 12, 16), True)])
def test_a_member_without_a_report_is_said_by_both_once_submission_has_closed(day: dt.date, said: bool) -> None:
    """W-CONSORTIUM-MEMBER-NO-REPORT waits for the year's last day of submission (2018: 12 月 15 日)
    in `check` (the day it is of) and in the form (the reader's day): cd-fintech, listed by
    cd-mech-eng, may still send its 2018 report until then. cd-agri, which cd-tcm's 2018 report
    lists, has none either."""
    for society, edit in (("cd-mech-eng", _silent_member), ("cd-tcm", lambda report: None)):
        by_check, by_form = _both({**_edited(society, 2018, edit), "day": day})
        assert by_form == by_check, society
        assert ("W-CONSORTIUM-MEMBER-NO-REPORT" in {c for _, c, _ in by_form}) is said, society


def test_a_member_folder_that_does_not_read_is_no_society_to_either() -> None:
    """A member whose folder holds no profile or report that reads is not one of the societies the
    form knows (the site's profiles and reports), nor `check`'s (`Repository.societies`), which reads
    the member's folder whole when the lead's report is checked alone: neither says
    W-CONSORTIUM-MEMBER-NO-REPORT of it. Both say W-CONSORTIUM-MEMBER-UNKNOWN at each listing, in
    the words of a folder whose files do not read (a lone check said nothing, the form and the
    whole check “本仓库没有这个学会”)."""
    case = {**_edited("cd-mech-eng", 2018, _silent_member), "day": dt.date(2018, 12, 16), "unread": ("cd-fintech",)}
    by_check, by_form = _both(case)
    said = "W-CONSORTIUM-MEMBER-NO-REPORT"
    assert {x for x in by_form if x[1] == said} == {x for x in by_check if x[1] == said} == set()
    unknown = "W-CONSORTIUM-MEMBER-UNKNOWN"
    assert {x for x in by_form if x[1] == unknown} == {x for x in by_check if x[1] == unknown}
    assert {m for _, c, m in by_check if c == unknown} == {MEMBER_UNREAD.format(member="cd-fintech")}
    assert len([x for x in by_check if x[1] == unknown]) == 2  # at both listings


def _smart_led(report: dict[str, Any]) -> None:
    """cd-agri's 2018 report leads cd-mech-eng's consortium of 2018, under its id."""
    smart = next(c for c in SAMPLE[("cd-mech-eng", 2018)]["consortia"] if c["role"] == "牵头")
    report["consortia"] = [{**copy.deepcopy(smart), "members": []}]


def _index(society: str, year: int, area: str, item_id: str) -> int:
    return next(i for i, item in enumerate(SAMPLE[(society, year)][area]) if item["id"] == item_id)


SMART = "consortium-smart-manufacturing"
# Reports whose consortium (or station) lacks its date or its name, as (society, year, area,
# index, field, edit before): a member of a consortium an earlier report dates, the earliest report
# of one another report of its year dates too, a station of the society's earlier report; without
# its name, a member that says otherwise than the lead, a lead a member does not list, a lead its
# member says otherwise of, a second lead under the same id.
UNNAMED = [("cd-electronics", 2018, "consortia", 0, "established", None),
           ("cd-computer", 2017, "consortia", _index("cd-computer", 2017, "consortia", SMART), "established", None),
           ("cd-computer", 2018, "consortia", 0, "name", _say_otherwise),
           ("cd-tcm", 2018, "consortia", 0, "name", _unlisted),
           ("cd-tcm", 2018, "consortia", 0, "name", _lead_otherwise),
           ("cd-agri", 2018, "consortia", 0, "name", _smart_led)]


@pytest.mark.parametrize(("society", "year", "area", "index", "field", "before"), UNNAMED)
def test_an_item_without_its_date_or_name_is_compared_with_no_other(
        society: str, year: int, area: str, index: int, field: str, before: Any) -> None:
    """`check` reads no report that lacks a required field, so it compares none of its items with
    the other reports: the field's own message (缺少必填字段) stands alone. The form says nothing
    across files of such an item either (no "成立日期为 undefined"), and what it says of the
    report's other items is what `check` says of them when the field is there."""
    if (society, year) not in SAMPLE:  # cd-agri's 2018 report: its 2017 report, a year on
        def new(report: dict[str, Any]) -> None:
            report["year"] = year
            for key in ("innovation", "government_functions", "service_stations", "academic_events", "research",
                        "major_work"):
                report.pop(key, None)
            before(report)
        source, merged, edit = (society, 2017), "none", new
    else:
        source, merged, edit = (society, year), "same", before or (lambda report: None)
    report = copy.deepcopy(SAMPLE[source])
    edit(report)
    readable = {"society": society, "year": year, "report": report, "merged": merged, "other": None}
    by_check, by_form = _both(readable)
    assert by_form == by_check
    unread = copy.deepcopy(report)
    del unread[area][index][field]
    by_check_unread, by_form_unread = _both({**readable, "report": unread, "unreadable": True})
    assert not by_check_unread
    assert not [m for _, _, m in by_form_unread if "undefined" in m or "null" in m], by_form_unread
    assert by_form_unread == {f for f in by_check if json.loads(f[0])[:2] != [area, index]}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_on_drawn_repositories_the_form_and_the_check_find_the_same(case: dict[str, Any]) -> None:
    by_check, by_form = _both(case)
    for path, code, message in sorted(by_check):
        event(f"{code} at {json.loads(path)[0]}{' (same year)' if '统一日期' in message else ''}")
    assert by_form == by_check


NEEDS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.societies.map((society) =>
  RF.crossNeeds({ society: society, year: 2018, consortia: input.consortia }, input.across, input.labels, () => true))));
"""
HOSTILE = ["../cd-agri", "cd-agri/../../x", "cd-agri?x=1", "cd-agri#x", "%2e%2e", "CD-AGRI", "cd-agri\n", " cd-agri",
           "cd--agri", "-cd", "a" * 65, "//evil.example", "cd-agri.json", "中医药学会", ""]


def test_only_a_society_id_the_model_accepts_becomes_part_of_an_address() -> None:
    """A society id the model refuses asks for no society file (even when `listed` says yes); a
    consortium's id or name, whatever it is, only picks a numbered shared file."""
    _, published = check_tree(ROOT)
    files = cross_files(published, 200)
    consortia = [{"id": "../../x?y", "name": "<img src=x>", "role": "牵头"}, {"id": "a/b", "role": "参与"}]
    payload = json.dumps({"across": files["across.json"], "labels": labels_data(), "consortia": consortia,
                          "societies": [*HOSTILE, "cd-agri", "a" * 64]}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", NEEDS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    needs = json.loads(done.stdout)
    shares = files["across.json"]["shares"]
    shared = {shared_file(shares, n) for n in range(shares)}
    for society, names in zip(HOSTILE, needs, strict=False):
        assert set(names) <= shared, (society, names)
    assert needs[-2][0] == "across/society/cd-agri.json"
    assert needs[-1][0] == f"across/society/{'a' * 64}.json"
    assert all(set(names) - {names[0]} <= shared for names in needs[-2:])
