"""Advice on research: an achievement dated after the year's deadline belongs to the next
year (「成果形成日期以当年评估截止日期为准」), so the closed year is not told to form one before
its deadline; it is told where the achievement counts."""

from __future__ import annotations

from pathlib import Path

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.reports import as_text

RESEARCH = """research:
  - id: rpt-a
    title: 交通拥堵调研
    form: 调研报告
    topic: 四个服务
    achievements:
      - {{type: 公开发表, date: {date}}}
"""


def _evaluate(tmp_path: Path, date: str):
    write_tree(tmp_path, {"submissions/cd-a/society.yaml": profile("cd-a"),
                          "submissions/cd-a/2017.yaml": f"society: cd-a\nyear: 2017\n{RESEARCH.format(date=date)}"})
    _, repo = check_tree(tmp_path)
    [e] = evaluate_repository(repo, 2017)
    return e, repo


def _advice(tmp_path: Path, date: str) -> list[tuple[str, float, str]]:
    e, _ = _evaluate(tmp_path, date)
    return [(a.clause, a.gain, a.message) for a in e.advice if a.clause == "6"]


def test_an_achievement_after_the_deadline_is_advised_into_the_next_year(tmp_path: Path) -> None:
    advice = _advice(tmp_path, "2017-12-01")
    assert not [m for _, _, m in advice if "前形成成果" in m]
    assert advice == [("6", 0.0, "“交通拥堵调研”的成果形成于 2017-12-01，在本年度评估截止日（2017-11-30）之后，"
                                 "按「成果形成日期以当年评估截止日期为准」，计入 2018 年度的评估（评估期自 2017-11-30（不含）起）："
                                 "请在 2018 年度的报告中列出这项调研成果")]


def test_an_achievement_before_the_window_still_gets_the_usual_advice(tmp_path: Path) -> None:
    advice = _advice(tmp_path, "2016-11-01")
    assert [m for _, _, m in advice if m.startswith("推动“交通拥堵调研”在评估截止日（2017-11-30）前形成成果")]


def test_the_note_says_it_adds_nothing_this_year(tmp_path: Path) -> None:
    e, repo = _evaluate(tmp_path, "2017-12-01")
    [said] = [x for x in as_text([e], repo, "cd-a").splitlines() if "交通拥堵调研" in x and "建议" in x]
    assert said.startswith("  建议（条款 6，本年度不加分）：")
