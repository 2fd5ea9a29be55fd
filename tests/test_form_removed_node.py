"""Before submitting a closed year's report, the online form says which items of the published
report it no longer has: form-verified.js (`RF.removedItems`, `removedNote`), run under Node on
the sample's reports with items dropped, names the items the pull-request gate names
(W-CYCLE-ITEMS-REMOVED, `items_dropped`), and on notice those outside the items the objections
allowing a correction name."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import yaml

from site_builder.form_labels import guide_data
from tests.test_form_criteria import _node
from tests.test_form_page import _corrections as config_corrections
from tests.test_form_verified_node import SAMPLE, SCRIPTS, _json, _published
from tests.trees import ROOT
from validators.check import check_tree
from validators.github.removed_items import items_dropped, removed_items
from validators.models.review import Objection
from validators.schema import json_schema
from validators.yaml.loading import load_bytes
from validators.yaml.policy import policy
from validators.year.guideline import guideline

# Each case: the published report as the site publishes it, the draft as the form holds it (both
# opened as the form opens them), and the phase (phaseNow()) the note is said in.
HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.cases.map((c) => {
  const schema = input.schemas[c.year];
  const published = RF.clone(c.published);
  RF.normalise(published, schema);
  const draft = RF.clone(c.draft);
  RF.normalise(draft, schema);
  const app = {
    state: { data: draft, year: c.year },
    phaseNow: () => c.phase,
    publishedDraft: () => published,
    guides: input.guides,
  };
  return { ids: RF.removedItems(published, draft).map((i) => i.id),
           note: RF.appMethods.removedNote.call(app) };
})));
"""
NOTICE = {"phase": "notice", "closed": True, "fresh": False, "refused": False, "objections": []}
SALON = "经方临床应用青年医师沙龙"


def _in_js(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    years = {c["year"] for c in cases}
    payload = json.dumps({"cases": cases, "schemas": {str(y): json_schema("submission", y) for y in years},
                          "guides": {str(y): _guide(y) for y in years}}, ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    said: list[dict[str, Any]] = json.loads(done.stdout)
    return said


def _guide(year: int) -> dict[str, Any]:
    """What the form reads of guide-<year>.json here."""
    rules = guideline(year, ROOT)
    assert rules is not None
    return {"items_removed": guide_data(rules, root=ROOT)["items_removed"]}


def _case(key: tuple[str, int], draft: dict[str, Any], phase: dict[str, Any] = NOTICE) -> dict[str, Any]:
    return {"year": key[1], "published": _published(key, SAMPLE[key]), "draft": _json(draft), "phase": phase}


def _drafts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report with each of its lists emptied in turn, and with everything but its header."""
    lists = [k for k, v in report.items() if isinstance(v, list) and v]
    areas = [(a, k) for a, v in report.items() if isinstance(v, dict) for k, w in v.items() if isinstance(w, list) and w]
    out = [{k: v for k, v in report.items() if k != name} for name in lists]
    out += [{**report, area: {**report[area], name: []}} for area, name in areas]
    return [*out, {"society": report["society"], "year": report["year"]}]


def _in_python(key: tuple[str, int], draft: dict[str, Any]) -> list[str]:
    limits = policy().yaml.limits
    before = load_bytes(yaml.safe_dump(SAMPLE[key], allow_unicode=True).encode(), "before.yaml", limits)
    after = load_bytes(yaml.safe_dump(draft, allow_unicode=True).encode(), "after.yaml", limits)
    return [item for item, _ in items_dropped(before, after, key[1], ROOT)]


def test_the_form_names_the_items_the_gate_names() -> None:
    cases = [(key, draft) for key in SAMPLE for draft in _drafts(SAMPLE[key])]
    said = _in_js([_case(key, draft) for key, draft in cases])
    assert [s["ids"] for s in said] == [_in_python(key, draft) for key, draft in cases]
    assert any(len(s["ids"]) > 3 for s in said)


def test_the_note_names_the_dropped_items_and_those_outside_the_objection() -> None:
    key = ("cd-tcm", 2018)
    report = SAMPLE[key]
    without = {**report, "academic_events": report["academic_events"][:1], "major_work": []}
    objection = {"id": "obj-2018-01", "subject": f"“{SALON}”参加人数不符", "items": ["evt-tcm-salon-2018"]}
    blank, dropped, named, unchanged, open_year = _in_js([
        _case(key, {"society": "cd-tcm", "year": 2018}),
        _case(key, without),
        _case(key, without, {**NOTICE, "objections": [objection]}),
        _case(key, report),
        _case(key, without, {**NOTICE, "phase": "submission", "closed": False}),
    ])
    assert blank["note"].startswith("这份报告将替换已发布的 2018 年度报告：已发布报告中有 9 个项目在这份报告中没有了："
                                    "“成都绿色健康学会联合体”（consortium-green-health）、")
    # By id, the first six named, the rest counted.
    assert "（rpt-community-tcm-2018）等 9 个。" in blank["note"]
    assert blank["note"].count("（") == 6 + blank["note"][blank["note"].index("等 9 个"):].count("（")
    assert "上传或导入了空白或不完整的工作簿" in blank["note"]
    assert dropped["note"].startswith("这份报告将替换已发布的 2018 年度报告：已发布报告中有 2 个项目在这份报告中没有了："
                                      f"“{SALON}”（evt-tcm-salon-2018）、“学会党建工作与学术工作融合推进”（mw-tcm-party）。"
                                      "更正可以删除项目")
    assert ("其中 1 个不是异议（obj-2018-01）事由写到的项目：“学会党建工作与学术工作融合推进”（mw-tcm-party）。"
            in named["note"])
    # Nothing dropped, or the year still open (the society reworks its draft freely): no note.
    assert unchanged["note"] is None
    assert open_year["note"] is None


def _gate_says(key: tuple[str, int], draft: dict[str, Any], answering: list[Objection] | None = None) -> str | None:
    """W-CYCLE-ITEMS-REMOVED's message for `draft` replacing the sample's published report."""
    society, year = key
    path = f"submissions/{society}/{year}.yaml"
    heads = {path: yaml.safe_dump(draft, allow_unicode=True).encode()}
    found = removed_items(path, society, year, ROOT, heads.get, 1, answering or [])
    return found.message if found is not None else None


def _turned(case: dict[str, Any]) -> dict[str, Any]:
    """The case with the published report's areas in the other order (as its keys may come)."""
    return {**case, "published": dict(reversed(list(case["published"].items())))}


def test_the_forms_note_is_the_gates_message() -> None:
    """One wording and one order: for every sample report with items dropped, its published
    areas in either order, and on notice with an objection naming one of them, the form's note
    before submitting is the gate's warning word for word (both from cycle.ITEMS_REMOVED)."""
    cases = [(key, draft) for key in SAMPLE for draft in _drafts(SAMPLE[key])]
    said = _in_js([_case(key, draft) for key, draft in cases] + [_turned(_case(key, draft)) for key, draft in cases])
    expected = [_gate_says(key, draft) for key, draft in cases]
    assert [s["note"] for s in said] == expected * 2
    assert any(note and "等 " in note for note in expected)  # more than a few dropped: the rest counted
    # On notice, the sample's own objection as the gate reads it and as the site's config.json
    # hands it to the form (`corrections`): both must read the same items from its 事由.
    key = ("cd-tcm", 2018)
    report = SAMPLE[key]
    without = {**report, "service_stations": [], "major_work": []}
    _, repo = check_tree(ROOT)
    [objection] = repo.objections[2018].allowing_correction("cd-tcm")
    rules = guideline(2018, ROOT)
    assert rules is not None
    assert rules.calendar is not None
    corrections = config_corrections(ROOT, rules.calendar.notice_starts)["cd-tcm"]["2018"]
    on_notice = {**NOTICE, "objections": [{"id": c["id"], "items": c["items"]} for c in corrections]}
    [named] = _in_js([_case(key, without, on_notice)])
    assert named["note"] == _gate_says(key, without, [objection])
    assert "其中 1 个不是异议（obj-2018-01）事由写到的项目：“学会党建工作与学术工作融合推进”（mw-tcm-party）。" in named["note"]
