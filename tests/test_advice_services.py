"""Advice on enterprise services says the clause its gain comes from: once 1.3 (services in the
pilot district) was full, "在郫都区再开展一项…" was still advised under 1.3, with a gain that was
1.4's alone; and a year with several pilot districts named only its first."""

from __future__ import annotations

from pathlib import Path

from tests.trees import ROOT, base_tree, verify_again
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.guideline import guideline
from validators.year.rubric import rubric

SERVICE = """    - id: svc-pidu-{n}
      kind: 专利商标申报
      title: 企业专利申报辅导{n}
      enterprise: 成都示例企业{n}有限公司
      district: 郫都区
      date: 2018-06-1{n}
      outcome: 为企业完成专利申报 {n} 件
      evidence:
        - https://example.org/cast-sample/cd-computer/2018/pidu-{n}
"""


def _advice(root: Path) -> list[tuple[str, float, str]]:
    _, repo = check_tree(root)
    [e] = [e for e in evaluate_repository(repo, 2018) if e.society == "cd-computer"]
    return [(a.clause, a.gain, a.message) for a in e.advice if a.clause in ("1.3", "1.4")]


def _with_pidu_services(root: Path, count: int) -> None:
    report = root / "submissions" / "cd-computer" / "2018.yaml"
    text = report.read_text("utf-8")
    anchor = "    - id: svc-ai-talent\n"
    report.write_text(text.replace(anchor, "".join(SERVICE.format(n=n) for n in range(1, count + 1)) + anchor),
                      "utf-8")
    verify_again(root, "cd-computer", 2018)  # the year is on notice: only verified services count


def test_while_the_pilot_district_pays_the_advice_is_its_and_the_consulting_points(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    rule = rubric(2018, root).innovation
    assert rule.pilot_district_service is not None
    assert rule.consulting_training_service is not None
    [(clause, gain, message)] = _advice(root)
    assert clause == "1.3"
    assert gain == rule.pilot_district_service.points + rule.consulting_training_service.points
    assert "郫都区" in message


def test_once_the_pilot_district_is_full_the_advice_is_14s_alone(tmp_path: Path) -> None:
    root = base_tree(tmp_path / "tree")
    rule = rubric(2018, root).innovation.pilot_district_service
    assert rule is not None
    assert rule.max_count is not None
    _with_pidu_services(root, rule.max_count)  # with svc-cloud-consult, one more than 1.3 pays
    advice = _advice(root)
    assert [c for c, _, _ in advice] == ["1.4"]
    consulting = rubric(2018, root).innovation.consulting_training_service
    assert consulting is not None
    assert advice[0][1] == consulting.points
    assert "郫都区" not in advice[0][2]


def test_a_service_the_pilot_rule_does_not_pay_takes_no_place_in_it(tmp_path: Path) -> None:
    """Counted by district, a pilot-district service out of the window filled 1.3's last place,
    and the advice fell to 1.4's single point where a pilot-district service would earn three."""
    root = base_tree(tmp_path / "tree")
    rule = rubric(2018, root).innovation.pilot_district_service
    assert rule is not None
    assert rule.max_count is not None
    _with_pidu_services(root, rule.max_count - 1)  # with svc-cloud-consult, 1.3 is full…
    report = root / "submissions" / "cd-computer" / "2018.yaml"
    report.write_text(report.read_text("utf-8").replace("date: 2018-06-11", "date: 2016-06-11"), "utf-8")
    [(clause, gain, _)] = _advice(root)  # …but one of them is out of the window and earns nothing
    assert clause == "1.3"
    assert gain == rule.points + 1


def test_advice_on_a_service_does_not_copy_a_misspelt_district(tmp_path: Path) -> None:
    """The advised service copied the first service's district: misspelt (郫都县), the check
    refused it, the gain was 0 and the advice vanished."""
    root = base_tree(tmp_path / "tree")
    rule = rubric(2018, root).innovation.pilot_district_service
    assert rule is not None
    assert rule.max_count is not None
    _with_pidu_services(root, rule.max_count)
    report = root / "submissions" / "cd-computer" / "2018.yaml"
    report.write_text(report.read_text("utf-8").replace("district: 郫都区\n      date: 2018-05-15",
                                                        "district: 郫都县\n      date: 2018-05-15"), "utf-8")
    assert [c for c, _, _ in _advice(root)] == ["1.4"]


def test_every_pilot_district_of_the_year_is_named(tmp_path: Path) -> None:
    """A year with two pilot districts was advised the first one only."""
    root = base_tree(tmp_path / "tree")
    year_file = root / "validators" / "guidelines" / "2018.yaml"
    year_file.write_text(year_file.read_text("utf-8") + "pilot_districts: [郫都区, 新都区]\n", "utf-8")
    from validators.year.guideline import reread_guidelines

    reread_guidelines()
    try:
        [(clause, _, message)] = _advice(root)
    finally:
        reread_guidelines()
    assert clause == "1.3"
    assert "在郫都区或新都区再开展" in message


def test_one_more_is_said_only_to_a_society_that_has_one() -> None:
    """A reader's case: cd-tcm, with no consulting service in a pilot district, was advised to
    carry out “another” (再开展一项) there."""
    _, repo = check_tree(ROOT)
    rules = guideline(2018)
    assert rules is not None
    said = {}
    for e in evaluate_repository(repo, 2018):
        doc = repo.reports[(e.society, 2018)]
        has = any(rules.kinds.find("service_kinds", str(s.kind)) in rules.service_kinds_for("1.4")
                  and s.district in rules.pilot_districts for s in (doc.report.innovation.services if doc.report.innovation else []))
        for a in e.advice:
            if "开展一项有成效的" in a.message and a.message.startswith("在"):
                said[e.society] = (has, "再开展一项" in a.message)
    assert {has for has, _ in said.values()} == {True, False}  # both cases are in the sample
    assert all(has == more for has, more in said.values()), said
