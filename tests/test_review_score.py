"""The workbench scores as `evaluate` scores: review-score.js, run under Node on the scoring
plan of every sample report with verdicts and expert marks Hypothesis draws, gives the total,
the tier and every area's subtotal that `score_report` gives once the same verdicts are a review
file read by the check (records with errors dropped, as on merge)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_form_criteria import _node
from tests.trees import ROOT
from validators.association.reviews import Standing, check_review, item_ids
from validators.check import check_tree
from validators.evaluation.scoring import score_report, scoring_plan
from validators.repository import ReportDoc, Repository
from validators.year.guideline import guideline
from validators.year.rubric import rubric

SCRIPT = ROOT / "site_builder" / "review" / "review-score.js"
# Reads [{plan, review, strict}] on stdin, writes each score on stdout.
HARNESS = """
const RV = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => RV.score(c.plan, c.review, c.strict))));
"""
STATUSES = ["verified", "not_recognised", "material_requested"]


class _NoAliases(yaml.SafeDumper):
    """One date object in many records is written out each time: the check refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@pytest.fixture(scope="module")
def repo() -> Repository:
    return check_tree(ROOT)[1]


def _in_js(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=json.dumps(cases), capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def _review_yaml(doc: ReportDoc, verdicts: dict[str, str], rest: bool,
                 marks: list[tuple[str, str, float]]) -> str:
    """The review file the workbench writes for these verdicts and marks."""
    day = dt.date(doc.report.year + 1, 1, 5)
    data: dict[str, Any] = {"society": doc.report.society, "year": doc.report.year, "items": [
        {"item": item, "status": status, "reviewer": "cast-staff", "date": day,
         **({} if status == "verified" else {"reason": "证明材料不足"})} for item, status in verdicts.items()]}
    if rest:
        data["rest"] = {"status": "verified", "reviewer": "cast-staff", "date": day}
    data["marks"] = [{"criterion": c, "expert": e, "mark": m, "date": day} for c, e, m in marks]
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def _in_python(repo: Repository, doc: ReportDoc, text: str, strict: bool, tmp: Path) -> dict[str, Any]:
    society, year = doc.report.society, doc.report.year
    path = tmp / "reviews" / str(year) / f"{society}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _, review = check_review(path, f"reviews/{year}/{society}.yaml", ROOT, {(society, year): doc.report})
    standing = Standing.of(review, strict)  # type: ignore[arg-type]
    rules, points = guideline(year), rubric(year)
    assert rules is not None
    assert points is not None
    result = score_report(doc, repo.reports.get((society, year - 1)), rules, points, standing)
    return {"total": result.total, "tier": result.tier, "subtotals": result.subtotals}


def _js_review(verdicts: dict[str, str], rest: bool, marks: list[tuple[str, str, float]]) -> dict[str, Any]:
    return {"items": verdicts, "rest": rest,
            "marks": [{"criterion": c, "expert": e, "mark": m} for c, e, m in marks]}


def _plan(repo: Repository, doc: ReportDoc) -> dict[str, Any]:
    year = doc.report.year
    rules, points = guideline(year), rubric(year)
    assert rules is not None
    assert points is not None
    return scoring_plan(doc, repo.reports.get((doc.report.society, year - 1)), rules, points)


@st.composite
def _cases(draw: st.DrawFn, repo: Repository) -> tuple[ReportDoc, dict[str, str], bool, list[tuple[str, str, float]], bool]:
    doc = draw(st.sampled_from([repo.reports[k] for k in sorted(repo.reports)]))
    ids = item_ids(doc.report)
    verdicts = {i: draw(st.sampled_from(STATUSES)) for i in ids if draw(st.booleans())}
    points = rubric(doc.report.year)
    assert points is not None
    criteria = [c for c in points.assessed]
    marks = []
    for c in criteria:
        for expert in draw(st.lists(st.sampled_from(["expert-a", "expert-b", "expert-c"]), max_size=4)):
            # in range, out of the criterion's range (the file's own range, 0–100, the page's
            # schema check keeps), and an expert who marks twice
            mark = draw(st.integers(max(0, int(c.min * 2) - 2), int(c.max * 2) + 2)) / 2
            marks.append((c.id, expert, mark))
    return doc, verdicts, draw(st.booleans()), marks, draw(st.booleans())


def test_the_page_and_evaluate_agree_on_every_sample_under_random_verdicts(repo: Repository,
                                                                           tmp_path: Path) -> None:
    _node()
    batch: list[tuple[dict[str, Any], dict[str, Any]]] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
    @given(_cases(repo))
    def collect(case: tuple[ReportDoc, dict[str, str], bool, list[tuple[str, str, float]], bool]) -> None:
        doc, verdicts, rest, marks, strict = case
        python = _in_python(repo, doc, _review_yaml(doc, verdicts, rest, marks), strict, tmp_path)
        batch.append(({"plan": _plan(repo, doc), "review": _js_review(verdicts, rest, marks), "strict": strict},
                      python))

    collect()
    found = _in_js([c for c, _ in batch])
    for (case, python), js in zip(batch, found, strict=True):
        assert {"total": js["total"], "tier": js["tier"], "subtotals": js["subtotals"]} == python, case["review"]
    # The draws reach what matters: refusals that free a place under a rule's max_count, caps,
    # marks that count and marks that do not.
    assert len({p["total"] for _, p in batch}) > 20


def test_a_rules_limit_holds_and_a_refused_item_frees_its_place(repo: Repository, tmp_path: Path) -> None:
    """A report with more items under one rule than its `max_count`, the rest of its area refused
    so the area's cap hides nothing: the page pays `max_count` of them, as evaluate does, and
    refusing a paid one makes the next one pay (a score that only subtracted would be wrong)."""
    for doc in (repo.reports[k] for k in sorted(repo.reports)):
        plan = _plan(repo, doc)
        by_rule: dict[int, list[dict[str, Any]]] = {}
        for u in plan["units"]:
            if u["rule"] is not None:
                by_rule.setdefault(u["rule"], []).append(u)
        over = next((units for units in by_rule.values() if len(units) > units[0]["max"]), None)
        if over is None:
            continue
        area, limited = over[0]["area"], [u["item"] for u in over]
        others = {u["item"]: "not_recognised" for u in plan["units"]
                  if u["area"] == area and u["item"] and u["item"] not in limited}
        for verdicts in (others, {**others, limited[0]: "not_recognised"}):
            python = _in_python(repo, doc, _review_yaml(doc, verdicts, True, []), True, tmp_path)
            js = _in_js([{"plan": plan, "review": _js_review(verdicts, True, []), "strict": True}])[0]
            assert js["subtotals"] == python["subtotals"]
            assert js["total"] == python["total"]
        # The item past the limit earns its place once the first is refused.
        assert js["items"].get(limited[-1], 0) >= over[-1]["points"]
        return
    pytest.fail("no sample report has more items under a rule than its max_count: the samples should")
