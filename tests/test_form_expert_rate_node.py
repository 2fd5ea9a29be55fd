"""The form says W-EXPERTS-RATE (clause 1.2: 专家库注册率 below the year's
`thresholds.expert_registration_rate`) as `check` says it: form-warnings.js, run under Node with
the year's guide, gives the check's sentence at the same field for the same numbers, in 2017 and
2018 (50%), in a next year that asks 60%, and in one that renumbers 1.2 as 1.3; and writes a rate
as `measures.percent` writes it (a tie such as 12.25% rounded to the even digit as Python does,
a rate just under the threshold never rounded up onto it). The rate to reach is the year's, shown
in the field's help: the script holds no threshold of its own."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.form_labels import guide_data, labels_data
from tests.test_form_criteria import _node
from tests.test_form_findings_node import SCRIPTS
from tests.trees import base_tree, profile, write_tree
from tests.year_trees import renamed_year_tree, reordered_year_tree
from validators.check import check_tree
from validators.year.guideline import guideline
from validators.year.measures import percent

CODE = "W-EXPERTS-RATE"
HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  percents: input.rates.map(([rate, threshold]) => RF.percent(rate, threshold)),
  said: input.reports.map((report) => RF.warningIssues(report, {}, input.guide, input.labels)
    .filter((i) => i.code === "W-EXPERTS-RATE").map((i) => [i.path.join("/"), i.message])),
}));
"""
# (total, registered): met and missed at 50% and 60%, a tie at the shown decimal (49/400 is
# 12.25%), rates just under a threshold (49.99%, 59.9995%), none registered, none counted,
# more registered than counted (the check's error, no warning).
# The society folder a finding is of; a threshold written in the script (0.5, .6, 50%), comments aside.
SOCIETY_NUMBER = re.compile(r"cd-rate(\d+)")
THRESHOLD_LITERAL = re.compile(r"\b0?\.[56]\b|\b[56]0 ?%")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
PAIRS = [(100, 55), (100, 45), (100, 50), (100, 60), (100, 59), (400, 49), (10000, 4999), (1000, 499), (3, 1),
         (7, 3), (8, 1), (200000, 119999), (100, 0), (1, 0), (0, 0), (10, 12), (1, 1)]


def _in_js(guide: dict[str, Any], reports: list[dict[str, Any]],
           rates: list[tuple[float, float]]) -> dict[str, Any]:
    payload = json.dumps({"guide": guide, "labels": labels_data(), "reports": reports, "rates": rates},
                         ensure_ascii=False)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _report(year: int, i: int, total: int, registered: int) -> dict[str, Any]:
    return {"society": f"cd-rate{i}", "year": year,
            "innovation": {"senior_experts_total": total, "senior_experts_registered": registered}}


TREES: dict[str, tuple[int, Callable[[Path], Path]]] = {
    "2017": (2017, base_tree), "2018": (2018, base_tree),
    "2019-at-60%": (2019, renamed_year_tree), "2019-renumbered": (2019, reordered_year_tree)}


@pytest.mark.parametrize("case", list(TREES))
def test_the_form_warns_of_the_rate_as_check_does(tmp_path: Path, case: str) -> None:
    year, make = TREES[case]
    root = make(tmp_path / "tree")
    reports = [_report(year, i, total, registered) for i, (total, registered) in enumerate(PAIRS)]
    files = {}
    for report in reports:
        society = report["society"]
        files[f"submissions/{society}/society.yaml"] = profile(society)
        files[f"submissions/{society}/{year}.yaml"] = json.dumps(report, ensure_ascii=False)
    write_tree(root, files)
    result, _ = check_tree(root, [root / path for path in files if path.endswith(f"{year}.yaml")])
    by_check: list[list[list[str]]] = [[] for _ in reports]
    for f in result.findings:
        if f.code == CODE:
            by_check[int(SOCIETY_NUMBER.findall(f.file)[0])].append(["/".join(map(str, f.path or ())), f.message])
    rules = guideline(year, root)
    assert rules is not None
    guide = guide_data(rules, root=root)
    assert _in_js(guide, reports, [])["said"] == by_check
    needed = rules.thresholds.expert_registration_rate
    missed = [pair for pair, said in zip(PAIRS, by_check, strict=True) if said]
    assert missed == [(t, r) for t, r in PAIRS if t and r <= t and r / t < needed]
    shown = {"2019-at-60%": "60%"}.get(case, "50%")
    clause = "1.3" if case == "2019-renumbered" else "1.2"
    assert by_check[PAIRS.index((400, 49))] == [["innovation/senior_experts_registered",
                                                 f"专家库注册率 12.2%（49/400）未达到 {shown}，条款 {clause} 不计分。"]]
    assert (by_check[PAIRS.index((100, 55))] != []) is (case == "2019-at-60%")
    # The field's help says the rate to reach.
    assert guide["labels"]["help"]["Innovation.senior_experts_registered"].endswith(f"须达 {shown}）")


def test_the_script_holds_no_threshold_of_its_own() -> None:
    script = COMMENT.sub("", (SCRIPTS[0].parent / "form-warnings.js").read_text(encoding="utf-8"))
    assert "RF.percent" in script
    assert not THRESHOLD_LITERAL.search(script)


@pytest.mark.parametrize(("rate", "threshold"), [
    (49 / 400, 0.5), (0.125, 0.5), (0.4999, 0.5), (0.4999, 0.6), (0.599995, 0.6), (0.6, 0.6), (0.5, 0.5),
    (1 / 3, 0.5), (2 / 3, 0.5), (0.0, 0.5), (1.0, 0.5), (0.55, 0.555), (0.5555, 0.555), (1e-9, 1e-7)])
def test_a_rate_is_written_as_python_writes_it(rate: float, threshold: float) -> None:
    assert _in_js(guide_data(_2018()), [], [(rate, threshold)])["percents"] == [percent(rate, threshold)]


def _2018() -> Any:
    rules = guideline(2018)
    assert rules is not None
    return rules


_RATES = st.tuples(st.integers(1, 200000).flatmap(lambda total: st.tuples(st.integers(0, total), st.just(total))),
                   st.integers(1, 10000)).map(lambda drawn: (drawn[0][0] / drawn[0][1], drawn[1] / 10000))


@settings(max_examples=20, deadline=None)
@given(st.lists(_RATES, min_size=30, max_size=60))
def test_on_drawn_rates_the_form_and_python_write_the_same(rates: list[tuple[float, float]]) -> None:
    written = _in_js(guide_data(_2018()), [], rates)["percents"]
    assert written == [percent(rate, threshold) for rate, threshold in rates]
