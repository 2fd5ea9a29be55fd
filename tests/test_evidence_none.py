"""An item with no evidence at all scored with no word said. The design does not require
evidence, but the staff verify an item by its material and, from the public notice on, only
verified items count: in a year the staff verify (its reviews/<year>/ folder exists) such an
item is a warning, W-EVIDENCE-NONE, and still scores as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.trees import base_tree, profile, write_tree
from validators.check import check_tree

REPORT = """
    society: cd-case
    year: 2017
    innovation:
      services:
        - id: svc-bare
          kind: 科技咨询
          title: 企业技术咨询
          enterprise: 成都示例科技有限公司
          district: 成都高新区
          date: 2017-05-01
          outcome: 解决工艺难题 2 项
          evidence: []
        - id: svc-shown
          kind: 科技咨询
          title: 企业研发指导
          enterprise: 成都示例电子有限公司
          district: 成都高新区
          date: 2017-06-01
          outcome: 指导完成新产品 1 项
          evidence: [https://example.org/cast-sample/cd-case/2017/guide]
    """


def _tree(tmp_path: Path, verified: bool) -> Path:
    root = base_tree(tmp_path, folders=())
    write_tree(root, {"submissions/cd-case/society.yaml": profile("cd-case"),
                      "submissions/cd-case/2017.yaml": REPORT})
    if verified:
        (root / "reviews" / "2017").mkdir(parents=True)
    return root


def test_an_item_without_evidence_is_a_warning_in_a_verified_year(tmp_path: Path) -> None:
    from validators.evaluation.evaluate import evaluate_repository

    result, repo = check_tree(_tree(tmp_path, verified=True))
    # Only a warning: the item still scores as before (until verification decides).
    [evaluation] = evaluate_repository(repo, 2017, as_of=dt.date(2017, 6, 1))
    assert sum(line.points for line in evaluation.lines if line.item_id == "svc-bare") > 0
    [finding] = [f for f in result.findings if f.code == "W-EVIDENCE-NONE"]
    assert finding.severity == "warning"
    assert finding.path == ("innovation", "services", 0, "evidence")
    assert "市科协核查需要材料" in finding.message
    assert "公示开始后只计已核实的项目" in finding.message
    assert not result.has_errors


def test_a_year_scored_as_reported_says_nothing_of_it(tmp_path: Path) -> None:
    result, _ = check_tree(_tree(tmp_path, verified=False))
    assert [f.code for f in result.findings] == []


def test_the_samples_give_every_item_its_evidence() -> None:
    from tests.trees import ROOT

    result, _ = check_tree(ROOT)
    assert [f for f in result.findings if f.code == "W-EVIDENCE-NONE"] == []

