"""The year files held to each other and to their guideline text: each disagreement is an error
of the year file, said in Chinese at its line (E-YEAR-FILE), in the whole check."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from validators.check import check_tree
from validators.year.consistency import year_problems
from validators.year.files import GUIDELINES_DIR
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

WINDOW = "evaluation_window:\n  start: {start}\n  deadline: 2019-11-30\n  note: 测试\n"


def _2019(root: Path, guideline: str = "", rubric: str = "", start: str = "2018-11-30",
          text: str | None = None) -> None:
    own = root / "validators"
    (own / "guidelines").mkdir(parents=True, exist_ok=True)
    (own / "rubrics").mkdir(parents=True, exist_ok=True)
    (own / "guidelines" / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\ntitle: 2019年度\n" + WINDOW.format(start=start)
        + textwrap.dedent(guideline), encoding="utf-8")
    (own / "rubrics" / "2019.yaml").write_text(
        "year: 2019\ncarried_forward_from: 2018\nid: default-2019\ntitle: 2019年度细则\n"
        + textwrap.dedent(rubric), encoding="utf-8")
    if text is not None:
        (own / "guidelines" / "2019.txt").write_text(text, encoding="utf-8")


def test_the_shipped_years_agree() -> None:
    assert year_problems() == []


def test_a_window_that_leaves_a_day_out_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, start="2018-12-01")
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/guidelines/2019.yaml", 5)
    assert "2018-12-01 至 2018-12-01 不属于任何年度" in problem.message


def test_a_window_that_overlaps_the_year_before_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, start="2018-11-01")
    [problem] = year_problems(tmp_path)
    assert "同时属于两个年度" in problem.message


def test_a_criterion_that_is_not_its_clause_s_number_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, """
        kinds:
          event_categories:
            edit:
              annual_conference: {criteria: {min_participants: 150}}
        """)
    [problem] = year_problems(tmp_path)
    assert "min_participants 是 150" in problem.message
    assert "“150人”" in problem.message
    assert problem.line == 10


def test_a_number_the_text_does_not_state_passes_with_its_reason(tmp_path: Path) -> None:
    _2019(tmp_path, """
        kinds:
          event_categories:
            edit:
              annual_conference:
                criteria: {min_participants: 150, not_in_text: 市科协2019年通知提高到150人}
        """)
    assert year_problems(tmp_path) == []


def test_a_new_text_that_states_the_new_number_passes(tmp_path: Path) -> None:
    text = (GUIDELINES_DIR / "2017.txt").read_text("utf-8").replace("参与规模不少于100人，并制作会议资料",
                                                                    "参与规模不少于150人，并制作会议资料")
    _2019(tmp_path, """
        kinds:
          event_categories:
            edit:
              annual_conference: {criteria: {min_participants: 150}}
        """, text=text)
    assert year_problems(tmp_path) == []


def test_a_rule_citing_a_clause_the_text_lost_is_said(tmp_path: Path) -> None:
    text = "\n".join(line for line in (GUIDELINES_DIR / "2017.txt").read_text("utf-8").splitlines()
                     if not line.startswith("1.支持首批承能试点学会"))
    _2019(tmp_path, text=text)
    problems = year_problems(tmp_path)
    assert {p.file for p in problems} == {"validators/rubrics/2019.yaml"}
    assert any("条款 2.1 不在 2019 年度的指南原文中" in p.message for p in problems)
    # Ending the clause's points in the rubric settles it.
    reread_guidelines()
    reread_rubrics()
    _2019(tmp_path, rubric="""
        government_functions:
          pilot: null
          pilot_new_function: null
        """, text=text)
    assert year_problems(tmp_path) == []


def test_the_whole_check_reports_them_as_errors(tmp_path: Path) -> None:
    _2019(tmp_path, start="2018-12-01")
    result, _ = check_tree(tmp_path)
    [finding] = [f for f in result.findings if f.code == "E-YEAR-FILE"]
    assert finding.severity == "error"
    assert finding.file == "validators/guidelines/2019.yaml"


@pytest.mark.parametrize("year", [2017, 2018])
def test_every_shipped_rule_cites_its_year_s_text(year: int) -> None:
    assert not [p for p in year_problems() if str(year) in p.file]
