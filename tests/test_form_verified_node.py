"""The form's note at a verified item reads an item's content as `check` does: form-verified.js,
run under Node on the sample's reports with one item or claim written again as Hypothesis draws it,
says nothing exactly when the item's content digest (`current_contents`, what a verdict is held
to) is unchanged. Plain lists (evidence, members, provinces) in another order, a field written with
its default or left out, a choice by its code or its label are the same content; an entry added,
dropped or repeated, a value changed, a list of objects reordered is a change."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import typing
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.association.reviews import CLAIM_FIELDS, current_contents, review_entries
from validators.models.for_year import nested_model, report_model
from validators.models.labelled import LabelledEnum
from validators.models.report import YearReport
from validators.schema import json_schema
from validators.year.guideline import guideline

FORM = ROOT / "site_builder" / "form"
SCRIPTS = [FORM / name for name in ("form-util.js", "form-check.js", "form-start.js", "form-verified.js")]
# Each case: the published report as the site publishes it and the draft as the form holds it,
# both opened as the form opens them (RF.normalise); the item at `path` verified, on notice.
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
    society: () => ({ verified: { [c.year]: [c.id] } }),
    config: { claims: input.claims },
    phaseNow: () => ({ phase: "notice" }),
    publishedDraft: () => published,
    schemas: input.schemas,
    guides: { [c.year]: { verified_changed: { notice: "changed" } } },
  };
  return RF.appMethods.verifiedNote.call(app, c.path) === null;
})));
"""
SAMPLE = {(p.parent.name, int(p.stem)): yaml.safe_load(p.read_text(encoding="utf-8"))
          for p in sorted((ROOT / "submissions").glob("*/20[0-9][0-9].yaml"))}
YEARS = sorted({year for _, year in SAMPLE})
MODELS: dict[int, type[YearReport]] = {}
for _year in YEARS:
    _rules = guideline(_year)
    assert _rules is not None
    MODELS[_year] = report_model(_rules)
# Of each sample report, what a review may name: (id, path, the claim's fields or None).
ENTRIES = {key: [(e.id, e.path, e.fields) for e in review_entries(MODELS[key[1]].model_validate(report))]
           for key, report in SAMPLE.items()}
EXTRA = ["https://example.org/cast-sample/extra-a", "https://example.org/cast-sample/𝔸-extra", "成都示例单位",
         "https://example.org/cast-sample/extra-b", "四川", "ｆｕｌｌ"]


def _report(key: tuple[str, int], data: dict[str, Any]) -> YearReport:
    return MODELS[key[1]].model_validate(data)


def _json(value: Any) -> Any:
    """As the form holds what YAML read: dates as ISO text."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _published(key: tuple[str, int], data: dict[str, Any]) -> Any:
    """As the site publishes a report for the form (form_page._reports)."""
    return _report(key, data).model_dump(mode="json", exclude_none=True, exclude_unset=True)


def _enum(model: type[BaseModel], field: str) -> type[LabelledEnum] | None:
    annotation = model.model_fields[field].annotation
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, LabelledEnum):
            return arg
    return None


def _plain(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _fields(model: type[BaseModel], only: tuple[str, ...] | None) -> list[str]:
    return [f for f in model.model_fields if f != "id" and (only is None or f in only)]


def _grow(draw: st.DrawFn, node: dict[str, Any], model: type[BaseModel]) -> None:
    """More entries in the item's lists, so that their order may differ: plain values, and an
    object (an achievement) again a day later."""
    for field in _fields(model, None):
        held = node.get(field)
        if isinstance(held, list) and held and isinstance(held[-1], dict) and draw(st.booleans()):
            again = copy.deepcopy(held[-1])
            again.update({k: v + dt.timedelta(days=1) for k, v in again.items() if isinstance(v, dt.date)})
            node[field] = [*held, again]
        if _plain(held) and nested_model(model.model_fields[field].annotation) is None:  # not of objects
            node[field] = held + draw(st.lists(st.sampled_from([e for e in EXTRA if e not in held]), max_size=3,
                                               unique=True))


def _respell(draw: st.DrawFn, node: dict[str, Any], model: type[BaseModel], only: tuple[str, ...] | None) -> None:
    """The same content written otherwise: plain lists reordered, a default written or left out,
    a choice by its code or its label; the same in the items of a list of objects."""
    for field in _fields(model, only):
        info = model.model_fields[field]
        if field in node and _plain(node[field]):
            node[field] = draw(st.permutations(node[field]))
        inner = nested_model(info.annotation)
        if inner is not None and isinstance(node.get(field), list):
            for item in node[field]:
                if isinstance(item, dict):
                    _respell(draw, item, inner, None)
        kinds = _enum(model, field)
        if kinds is not None and isinstance(node.get(field), str) and node[field] in kinds.lookup():
            member = kinds.lookup()[node[field]]
            node[field] = draw(st.sampled_from([member.value, member.label]))
        if not info.is_required() and draw(st.booleans()):
            default = info.get_default(call_default_factory=True)
            if field not in node:
                node[field] = copy.deepcopy(default)
            elif node[field] == default and type(node[field]) is type(default):
                del node[field]


def _change(draw: st.DrawFn, node: dict[str, Any], model: type[BaseModel], only: tuple[str, ...] | None) -> str:
    """One field written with other content (which may, by chance, be the same)."""
    # Lists more often: their entries are what a reordering could be mistaken for.
    lists = [f for f in _fields(model, only) if isinstance(node.get(f), list) and node[f]]
    field = draw(st.sampled_from(lists if lists and draw(st.booleans()) else _fields(model, only)))
    info = model.model_fields[field]
    value = node.get(field, info.get_default(call_default_factory=True))
    inner = nested_model(info.annotation)
    kinds = _enum(model, field)
    if inner is not None and isinstance(value, list):
        if not value:
            return "no objects to change"
        if len(value) > 1 and draw(st.booleans()):
            node[field] = value[::-1]
            return "objects reordered"
        return _change(draw, draw(st.sampled_from(value)), inner, None)
    if isinstance(value, list):
        how = draw(st.sampled_from(["add", "drop", "repeat"] if value else ["add"]))
        if how == "add":
            node[field] = [*value, draw(st.sampled_from([e for e in EXTRA if e not in value] or EXTRA))]
        elif how == "drop":
            node[field] = value[:-1]
        else:
            node[field] = [*value, value[0]]
        return "list " + how
    if isinstance(value, bool):
        node[field] = not value
        return "flipped"
    if isinstance(value, (int, float)):
        node[field] = value + draw(st.sampled_from([1, 0] if isinstance(value, int) else [1, 0.5, 0]))
        return "number"
    if isinstance(value, dt.date):
        node[field] = value + dt.timedelta(days=1)
        return "date"
    if kinds is not None and isinstance(value, str):
        node[field] = draw(st.sampled_from([m.label for m in kinds]))
        return "choice"
    if isinstance(value, str):
        node[field] = value + "（修订）"
        return "text"
    node[field] = info.get_default(call_default_factory=True)  # a field left unset, written unset
    return "unset"


@st.composite
def _case(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A case for the form and whether the item's digest stayed the same."""
    key = draw(st.sampled_from(sorted(SAMPLE)))
    item_id, path, fields = draw(st.sampled_from(ENTRIES[key]))
    report = copy.deepcopy(SAMPLE[key])
    model: type[BaseModel] = MODELS[key[1]]
    for step in path[:-1] if fields else path:  # the class of the item, or the claim's area
        found = nested_model(model.model_fields[step].annotation) if isinstance(step, str) else model
        assert found is not None
        model = found
    where = path[:-1] if fields else path

    def node(data: dict[str, Any]) -> dict[str, Any]:
        at: Any = data
        for step in where:
            at = at[step]
        assert isinstance(at, dict)
        return at

    if fields is None:
        _grow(draw, node(report), model)
    before, after = copy.deepcopy(report), copy.deepcopy(report)
    _respell(draw, node(before), model, fields)
    _respell(draw, node(after), model, fields)
    if draw(st.booleans()):
        event(_change(draw, node(after), model, fields))
    same = current_contents(_report(key, before))[item_id] == current_contents(_report(key, after))[item_id]
    event("same" if same else "changed")
    return {"year": key[1], "id": item_id, "path": list(path), "published": _published(key, before),
            "draft": _json(after)}, same


def _in_js(cases: list[dict[str, Any]]) -> list[bool]:
    payload = json.dumps({"cases": cases, "claims": {c: list(f) for c, f in CLAIM_FIELDS.items()},
                          "schemas": {str(y): json_schema("submission", y) for y in {c["year"] for c in cases}}},
                         ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    said: list[bool] = json.loads(done.stdout)
    return said


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_case(), min_size=1, max_size=12))
def test_the_form_says_same_exactly_when_the_digest_is_unchanged(drawn: list[tuple[dict[str, Any], bool]]) -> None:
    cases = [c for c, _ in drawn]
    assert _in_js(cases) == [same for _, same in drawn], cases


def test_reordered_evidence_and_written_defaults_are_the_same_content() -> None:
    """Fixed cases: an event's evidence reordered and its defaults written out, then one more
    entry of evidence; a function's `new: false` left out; an area's claim with its default total;
    a research report's achievements (a list of objects) in another order."""
    key = ("cd-computer", 2018)
    base = copy.deepcopy(SAMPLE[key])
    base["academic_events"][0]["evidence"] = ["https://example.org/a", "https://example.org/b"]
    reordered = copy.deepcopy(base)
    event_item = reordered["academic_events"][0]
    event_item["evidence"] = event_item["evidence"][::-1]
    event_item.update(occasion=None, countries=[])
    more = copy.deepcopy(reordered)
    more["academic_events"][0]["evidence"].append("https://example.org/c")
    unsaid = copy.deepcopy(base)
    del unsaid["government_functions"]["functions"][0]["new"]
    claim = copy.deepcopy(base)
    claim["innovation"]["senior_experts_total"] = 0
    claim["innovation"]["senior_experts_registered"] = 0
    unset = copy.deepcopy(claim)
    del unset["innovation"]["senior_experts_total"]
    achievements = base["research"][0]["achievements"]
    achievements.append({**achievements[0], "date": achievements[0]["date"] + dt.timedelta(days=1)})
    reversed_objects = copy.deepcopy(base)
    reversed_objects["research"][0]["achievements"].reverse()
    event_id = base["academic_events"][0]["id"]
    function_id = base["government_functions"]["functions"][0]["id"]
    claim_path = ["innovation", "senior_experts_registered"]
    pairs = [(base, reordered, event_id, ["academic_events", 0], True),
             (base, more, event_id, ["academic_events", 0], False),
             (base, unsaid, function_id, ["government_functions", "functions", 0], True),
             (claim, unset, "senior_experts_registered", claim_path, True),
             (base, claim, "senior_experts_registered", claim_path, False),
             (base, reversed_objects, base["research"][0]["id"], ["research", 0], False)]
    for before, after, item_id, _, same in pairs:
        digests = [current_contents(_report(key, d))[item_id] for d in (before, after)]
        assert (digests[0] == digests[1]) is same
    cases = [{"year": key[1], "id": item_id, "path": path, "published": _published(key, before), "draft": _json(after)}
             for before, after, item_id, path, _ in pairs]
    assert _in_js(cases) == [same for *_, same in pairs]
