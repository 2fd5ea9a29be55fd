"""The form finds what `check` finds against the other reports, at the same fields in the same
words: form-cross.js, run under Node with the site's across.json of a repository, gives a report
of that repository the same E-CONSORTIUM-MULTIPLE-LEADS and E-ESTABLISHED-CHANGED that `check`
gives it there.

The repository is the sample's, varied: the report being edited is merged already (in another
form than the one being edited, or as it is) or not at all, and another society's report may lead
one of its consortia (under its id, or under another id with the same name) or give it another
date. The report leads consortia other societies lead, under their id or their name written with
other spaces or full-width digits, and changes the dates of consortia and of its stations."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from site_builder.form_labels import labels_data
from tests.test_form_criteria import _node
from tests.test_form_findings_node import _Dumper, _respell
from tests.trees import ROOT, base_tree
from validators.association.browser_cross import browser_cross
from validators.check import check_tree

FORM = ROOT / "site_builder" / "form"
SCRIPTS = [FORM / name for name in ("form-util.js", "form-urls.js", "form-warnings.js", "form-findings.js",
                                    "form-cross.js")]
HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.crossIssues(input.report, input.across, input.labels)
  .map((i) => [i.path, i.code, i.message])));
"""
MIRRORED = ("E-CONSORTIUM-MULTIPLE-LEADS", "E-ESTABLISHED-CHANGED")
SAMPLE = {(p.parent.name, int(p.stem)): yaml.safe_load(p.read_text(encoding="utf-8"))
          for p in sorted((ROOT / "submissions").glob("*/20[0-9][0-9].yaml"))}
DAYS = [dt.date(2016, 5, 1), dt.date(2017, 5, 20), dt.date(2018, 3, 1)]
ROLES = ["牵头", "lead", "承办", "参与"]
Found = set[tuple[str, str, str]]


def _file(society: str, year: int) -> str:
    return f"submissions/{society}/{year}.yaml"


def _write(root: Path, society: str, year: int, report: dict[str, Any]) -> None:
    (root / _file(society, year)).write_text(yaml.dump(report, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")


def _others(society: str, year: int, area: str) -> list[dict[str, Any]]:
    return [item for (s, y), report in SAMPLE.items() if s != society and y == year for item in report.get(area, [])]


@st.composite
def _cases(draw: st.DrawFn) -> dict[str, Any]:
    society, year = draw(st.sampled_from(sorted(SAMPLE)))
    report = copy.deepcopy(SAMPLE[(society, year)])
    mine = report.setdefault("consortia", [])
    stations = report.setdefault("service_stations", [])
    for n in range(draw(st.integers(0, 4))):
        change = draw(st.sampled_from(["lead", "date", "station", "role"]))
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
    # The repository: the report merged as it is, in another form (the sample's), or not at all;
    # another report that leads one of this report's consortia or dates it otherwise.
    merged = draw(st.sampled_from(["same", "sample", "none"]))
    other = None
    if mine and draw(st.booleans()):
        where = draw(st.sampled_from(sorted(k for k in SAMPLE if k[0] != society)))
        item = copy.deepcopy(draw(st.sampled_from(mine)))
        item.update(role="牵头", members=[])
        if draw(st.booleans()):
            item["id"] = f"consortium-{where[0]}-rival"
        if draw(st.booleans()):
            item["established"] = draw(st.sampled_from(DAYS))
        other = (where, item)
    return {"society": society, "year": year, "report": report, "merged": merged, "other": other}


def _both(case: dict[str, Any]) -> tuple[Found, Found]:
    """What `check` finds of the report in the repository, and what the form finds of it with the
    repository's across.json."""
    society, year, report = case["society"], case["year"], case["report"]
    with tempfile.TemporaryDirectory() as tmp:
        root = base_tree(Path(tmp), ("submissions",))
        if case["other"]:
            (where, item) = case["other"]
            rival = copy.deepcopy(SAMPLE[where])
            rival.setdefault("consortia", []).append(item)
            _write(root, *where, rival)
        if case["merged"] == "none":
            (root / _file(society, year)).unlink(missing_ok=True)
        elif case["merged"] == "same":
            _write(root, society, year, report)
        _, published = check_tree(root)
        across = browser_cross(published)
        _write(root, society, year, report)
        result, _ = check_tree(root, [root / _file(society, year)])
    found = [f for f in result.findings if f.file == _file(society, year)]
    assert not [f for f in found if f.code.startswith(("E-SCHEMA", "E-YAML"))], found
    by_check = {(json.dumps(list(f.path or ()), ensure_ascii=False), f.code, f.message)
                for f in found if f.code in MIRRORED}
    payload = json.dumps({"report": report, "across": across, "labels": labels_data()}, ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    by_form = {(json.dumps(p, ensure_ascii=False), c, m) for p, c, m in json.loads(done.stdout)}
    return by_check, by_form


def test_leading_a_consortium_another_society_leads_is_said_as_check_says_it() -> None:
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
    by_check, by_form = _both({"society": "cd-agri", "year": 2018, "report": report, "merged": "none", "other": None})
    assert by_form == by_check
    assert {(json.loads(p)[1], c) for p, c, _ in by_form} == {(0, "E-CONSORTIUM-MULTIPLE-LEADS"),
                                                              (1, "E-CONSORTIUM-MULTIPLE-LEADS")}
    assert f"2018 年联合体“{smart['id']}”有多个牵头学会（cd-agri、cd-mech-eng）：只能有一个，其余改为 参与。" in {
        m for _, _, m in by_form}


def test_an_unchanged_merged_report_is_not_found_against_itself() -> None:
    for (society, year), report in sorted(SAMPLE.items()):
        by_check, by_form = _both({"society": society, "year": year, "report": copy.deepcopy(report),
                                   "merged": "same", "other": None})
        assert by_form == by_check == set(), (society, year)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_on_drawn_repositories_the_form_and_the_check_find_the_same(case: dict[str, Any]) -> None:
    by_check, by_form = _both(case)
    for path, code, message in sorted(by_check):
        event(f"{code} at {json.loads(path)[0]}{' (same year)' if '统一日期' in message else ''}")
    assert by_form == by_check
