"""An expert mark judges the items of its clause: it pays only when the report has an item that
earns points under that clause, in the criterion's area. Without one (none reported, every one
failing the guideline or not recognised, or left unverified once only verified items count) the
mark's line says why it earns nothing, and the workbench scores it the same way.

The cases are `tests/data/fidelity/expert-marks-need-a-scored-item/`: 2017 reports with no
annual conference, with one of 99 people, with one not recognised, and a 2018 report whose
conference has no verdict."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_form_criteria import _node
from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.expert_marks import judged_items, judges
from validators.evaluation.score_lines import ScoreLine
from validators.evaluation.scoring import scoring_plan
from validators.year.guideline import guideline
from validators.year.rubric import AssessedCriterion, rubric

FIDELITY = ROOT / "tests" / "data" / "fidelity"
CASE = FIDELITY / "expert-marks-need-a-scored-item"
SCRIPT = ROOT / "site_builder" / "review" / "review-score.js"
LACKING = "不计分：本报告没有计分的综合性学术年会（条款 5.1）"
# The report has such a conference, not earning now: an expert read “没有” as “the report has none”.
HELD = "不计分：本报告申报的综合性学术年会目前没有一项计分（见各项的说明）（条款 5.1）"


def _calendar(year: int) -> tuple[dt.date, dt.date]:
    """The last day of verification (unverified items count provisionally) and the notice's first."""
    rules = guideline(year)
    assert rules is not None
    assert rules.calendar is not None
    return rules.calendar.verification_ends, rules.calendar.notice_starts


def _lines(root: Path, day: dt.date) -> dict[tuple[str, int], list[ScoreLine]]:
    _, repo = check_tree(root)
    return {(e.society, e.year): e.lines for e in evaluate_repository(repo, as_of=day)}


def _mark(lines: list[ScoreLine], criterion: str = "event-quality") -> ScoreLine:
    [line] = [x for x in lines if x.rule == "expert_mark" and x.item_id == criterion]
    return line


@pytest.mark.parametrize("society", ["cd-case", "cd-small", "cd-refused"])
def test_a_2017_mark_pays_nothing_without_an_annual_conference_that_earns(society: str) -> None:
    """No conference (4 and 4.5), one of 99 people (5 and 5), one not recognised (5 and 5)."""
    lines = _lines(CASE, _calendar(2017)[1])[(society, 2017)]
    mark = _mark(lines)
    assert mark.points == 0
    assert (LACKING if society == "cd-case" else HELD) in mark.note
    assert mark.clause == "5.1"
    assert sum(x.points for x in lines if x.clause == "5.1") == 0
    # The marks themselves are still shown, as the experts gave them, said not to count: no
    # average of them (「平均数 4.25」 read as a score of a conference the report does not have).
    marks = "4、4.5" if society == "cd-case" else "5、5"
    assert mark.note.endswith(f"；2 位专家的评分（{marks}）不计入"), mark.note
    assert "平均数" not in mark.note


def test_a_2018_mark_follows_its_unverified_conference_through_the_cycle() -> None:
    verifying, notice = _calendar(2018)
    # Before the notice the unverified conference counts provisionally (待核实), and so does its mark.
    before = _lines(CASE, verifying)[("cd-case", 2018)]
    [conference] = [x for x in before if x.item_id == "evt-annual-2018"]
    assert (conference.points, conference.review) == (6, "待核实")
    assert _mark(before).points == 5
    # From the notice on only verified items count: the conference earns 0, and the mark with it.
    on_notice = _lines(CASE, notice)[("cd-case", 2018)]
    assert [x.points for x in on_notice if x.item_id == "evt-annual-2018"] == [0]
    mark = _mark(on_notice)
    assert mark.points == 0
    assert HELD in mark.note


def test_a_mark_beside_a_conference_that_earns_still_pays() -> None:
    """The sample reports with marks all have an annual conference that earns: unchanged."""
    _, repo = check_tree(FIDELITY / "expert-marks")
    found = {e.society: _mark(e.lines) for e in evaluate_repository(repo, as_of=_calendar(2017)[1])}
    assert found["cd-case"].points == 4.5
    assert "不计分" not in found["cd-case"].note


def test_a_marks_line_names_its_criterion_in_brackets_not_after_a_second_colon() -> None:
    """It read “专家评分：综合性学术年会的质量：2 位专家评分…”, two colons in a row."""
    _, repo = check_tree(FIDELITY / "expert-marks")
    [found] = [_mark(e.lines) for e in evaluate_repository(repo, as_of=_calendar(2017)[1]) if e.society == "cd-case"]
    assert found.note.startswith("专家评分（综合性学术年会的质量）：3 位专家评分 4、5、4，"), found.note
    assert found.note.count("：") == 1, found.note


def _criterion(area: str, clause: str) -> AssessedCriterion:
    return AssessedCriterion(id="x", area=area, clause=clause, label="质量", min=0, max=5)


def test_a_criterion_judges_its_clause_and_the_clauses_under_it() -> None:
    assert judges(_criterion("academic_events", "5.1"), "5.1")
    assert judges(_criterion("academic_events", "5"), "5.1")
    assert not judges(_criterion("academic_events", "5.1"), "5.10")
    assert not judges(_criterion("academic_events", "5.1"), "5.2")
    assert not judges(_criterion("academic_events", "5.1"), "5")
    assert not judges(_criterion("innovation", "1"), "10")
    assert not judges(_criterion("innovation", "1"), None)


def test_what_a_criterion_judges_is_named_from_the_year_files() -> None:
    rules, points = guideline(2017), rubric(2017)
    assert rules is not None
    assert points is not None
    assert judged_items(_criterion("academic_events", "5.1"), rules, points) == "综合性学术年会"
    assert judged_items(_criterion("major_work", "7.2"), rules, points) == "科技扶贫"
    assert judged_items(_criterion("government_functions", "2.3"), rules, points) == "承能有较大提升"
    # A whole area's clause: its items, by the area's title in the year's guideline.
    area = rules.area("research").title
    assert judged_items(_criterion("research", "6"), rules, points) == f"“{area}”的项目"


MARKS_7_2 = """
  - id: poverty-quality
    area: major_work
    clause: "7.2"
    label: 科技扶贫工作的成效
    min: 0
    max: 3
    combine: median
    min_experts: 1
"""


def test_a_later_years_criterion_of_another_clause_needs_an_item_of_that_clause(tmp_path: Path) -> None:
    """A year may mark other clauses: here 7.2 (科技扶贫), staged on a copy of the verification
    case, whose poverty items are two verified and one not recognised."""
    root = base_tree(tmp_path, ())
    for folder in ("submissions", "reviews"):
        shutil.copytree(FIDELITY / "verification-final" / folder, root / folder)
    rubric_file = root / "validators" / "rubrics" / "2017.yaml"
    rubric_file.write_text(rubric_file.read_text("utf-8") + MARKS_7_2, "utf-8")
    review = root / "reviews" / "2017" / "cd-case.yaml"
    marks = "marks:\n  - {criterion: poverty-quality, expert: expert-a, mark: 2, date: 2018-01-05}\n"
    review.write_text(review.read_text("utf-8") + marks, "utf-8")
    day = _calendar(2017)[1]
    paid = _mark(_lines(root, day)[("cd-case", 2017)], "poverty-quality")
    assert paid.points == 2
    # Every poverty item not recognised: the mark earns nothing, and says what is missing.
    text = review.read_text("utf-8")
    for item in ("mw-poverty-b", "mw-poverty-c"):
        verified = f"{{item: {item}, status: 已核实, reviewer: cast-staff, date: 2018-01-03}}"
        assert verified in text
        text = text.replace(verified, f"{{item: {item}, status: 不予认定, reason: 证明材料不足。, "
                                      "reviewer: cast-staff, date: 2018-01-03}")
    review.write_text(text, "utf-8")
    refused = _mark(_lines(root, day)[("cd-case", 2017)], "poverty-quality")
    assert refused.points == 0
    assert "不计分：本报告申报的科技扶贫目前没有一项计分（见各项的说明）（条款 7.2）" in refused.note


HARNESS = """
const RV = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => RV.score(c.plan, c.review, c.strict))));
"""


def test_the_workbench_pays_no_mark_without_an_item_of_its_clause() -> None:
    """review-score.js on the case's plans, with the review files' verdicts and marks, strict
    (the notice): each mark 0 and said to lack its item, the totals those of evaluate."""
    _, repo = check_tree(CASE)
    evaluations = {(e.society, e.year): e for e in evaluate_repository(repo, as_of=_calendar(2018)[1])}
    cases, keys = [], []
    for key, doc in sorted(repo.reports.items()):
        rules, points = guideline(key[1]), rubric(key[1])
        assert rules is not None
        assert points is not None
        review = repo.reviews[key].review
        cases.append({"plan": scoring_plan(doc, repo.reports.get((key[0], key[1] - 1)), rules, points),
                      "review": {"items": {r.item: r.status.value for r in review.items},
                                 "rest": review.rest is not None,
                                 "marks": [{"criterion": m.criterion, "expert": m.expert, "mark": m.mark}
                                           for m in review.marks]},
                      "strict": True})
        keys.append(key)
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=json.dumps(cases), capture_output=True,
                          text=True, check=True, timeout=60)
    for key, case, js in zip(keys, cases, json.loads(done.stdout), strict=True):
        assert js["assessed"] == {"event-quality": 0}, key
        assert js["unjudged"] == {"event-quality": True}, key
        assert js["judged"] == {"event-quality": False}, key  # said before any mark, too
        assert js["total"] == evaluations[key].total, key
        assert case["plan"]["assessed"][0]["judges"] == "综合性学术年会"
        # The workbench says why as evaluate does: no conference, or one that does not earn now.
        said = case["plan"]["assessed"][0]["unjudged"]
        assert said == (LACKING if key == ("cd-case", 2017) else HELD), key
        assert said in _mark(evaluations[key].lines).note, key
    # The same plan with the conference verified pays the mark (its first case has none).
    plan = next(c for k, c in zip(keys, cases, strict=True) if k == ("cd-refused", 2017))
    verified = {**plan, "review": {**plan["review"], "items": {"evt-annual": "verified"}}}
    done = subprocess.run([_node(), "-e", HARNESS, str(SCRIPT)], input=json.dumps([verified]), capture_output=True,
                          text=True, check=True, timeout=60)
    [js] = json.loads(done.stdout)
    assert js["assessed"] == {"event-quality": 5}
    assert js["unjudged"] == {}
    assert js["judged"] == {"event-quality": True}
