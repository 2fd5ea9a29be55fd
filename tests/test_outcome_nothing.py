"""A service in the pilot district is paid under 1.3 only 「具有成效性」: one whose 服务成效 says
nothing (无, 暂无, -, N/A: `policy.yaml` `text.nothing_words`) earned 1.3's points with no word
said. It is now a warning at its outcome, and a zero line under 1.3 quoting the clause; the
service is still paid as any service of its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trees import base_tree, profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.yaml.policy import policy

REPORT = """
    society: cd-case
    year: 2017
    innovation:
      services:
        - id: svc-pidu
          kind: {kind}
          title: 郫都区企业服务
          enterprise: 成都示例科技有限公司
          district: 郫都区
          date: 2017-05-01
          outcome: "{outcome}"
          evidence: [https://example.org/cast-sample/cd-case/2017/pidu]
    """


def _score(tmp_path: Path, outcome: str, kind: str = "科技咨询") -> tuple[list[tuple[str, str, float, str]], list[str]]:
    root = base_tree(tmp_path, folders=())
    write_tree(root, {"submissions/cd-case/society.yaml": profile("cd-case"),
                      "submissions/cd-case/2017.yaml": REPORT.format(kind=kind, outcome=outcome)})
    result, repo = check_tree(root)
    [evaluation] = [e for e in evaluate_repository(repo, 2017) if e.society == "cd-case"]
    lines = [(line.clause or "", line.rule, line.points, line.note) for line in evaluation.lines]
    return lines, [f.code for f in result.findings]


@pytest.mark.parametrize("outcome", ["无", "暂无。", " N/A ", "－", "待补充"])
def test_an_outcome_that_says_nothing_is_not_paid_under_13(tmp_path: Path, outcome: str) -> None:
    lines, codes = _score(tmp_path, outcome)
    assert "W-OUTCOME-NOTHING" in codes
    [pilot] = [line for line in lines if line[1] == "pilot_district_service"]
    assert pilot[0] == "1.3"
    assert pilot[2] == 0
    assert "条款 1.3" in pilot[3]
    assert "「具有成效性」" in pilot[3]
    # 1.4 still pays the consulting service: only the 1.3 part is refused.
    assert [line[2] for line in lines if line[1] == "consulting_training_service"] == [1.0]


def test_a_service_of_another_kind_is_paid_as_elsewhere(tmp_path: Path) -> None:
    lines, _ = _score(tmp_path, "无", kind="专利商标申报")
    assert [line[1] for line in lines if line[2] > 0] == ["other_service"]


def test_an_outcome_that_says_something_is_paid_under_13(tmp_path: Path) -> None:
    lines, codes = _score(tmp_path, "无故障运行 30 天，节约成本 5 万元")
    assert "W-OUTCOME-NOTHING" not in codes
    assert [line[2] for line in lines if line[1] == "pilot_district_service"] == [2.0]


def test_the_nothing_words_are_data_and_read_as_typed() -> None:
    says = policy().text.says_nothing
    assert all(says(w) for w in ("无", "ＮＯＮＥ", "无。", "  —  ", "/"))
    assert not any(says(w) for w in ("无明显问题后验收", "完成 0 项改进后达产", "有成效"))
