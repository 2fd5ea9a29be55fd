"""How a few of the guideline's facts are read and said: a commissioner is a company when its
name ends in one of the year's company markers (二); a rate is never shown on the wrong side of
its threshold (1.2); a shortfall of regions (5.2) names exactly what the list had that did not
count, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trees import ROOT, profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.findings import Finding
from validators.year.guideline import guideline
from validators.year.measures import percent
from validators.year.scaffold import guideline_file
from validators.year.text import guideline_text

FUNCTION = """
    society: cd-gov
    year: 2017
    government_functions:
      functions:
        - id: fn-a
          title: 技术评估
          commissioner: "{commissioner}"
          method: 委托
          start: 2017-03-01
          end: 2017-10-31
    """

# (name, is it a company?). Government bodies that merely contain a marker are not companies;
# non-government bodies that are no companies (universities, associations, centres) are left to
# the staff's verification, so no error either.
COMMISSIONERS = [
    ("四川省经济和信息化委员会（四川省中小企业局）", False),
    ("成都市企业信用信息公示系统管理办公室", False),
    ("成都市国有资产监督管理委员会", False),
    ("成都市中小企业服务中心", False),
    ("成都市企业家协会", False),
    ("四川大学", False),
    ("成都市经济和信息化委员会", False),
    ("四川省经济和信息化委员会(四川省中小企业局)", False),
    ("中国移动通信集团四川有限公司", True),
    ("中国移动通信集团四川有限公司成都分公司", True),
    ("示例集团", True),
    ("示例科技有限公司（成都）", True),
    ("成都示例科技股份有限公司", True),
    ("成都示例电子有限责任公司", True),
    ("示例企业", True),
]


def _check(tmp_path: Path, society: str, report: str) -> tuple[list[Finding], dict[str, float]]:
    root = write_tree(tmp_path, {f"submissions/{society}/society.yaml": profile(society),
                                 f"submissions/{society}/2017.yaml": report})
    result, repo = check_tree(root)
    [evaluation] = evaluate_repository(repo)
    points: dict[str, float] = {}
    for line in evaluation.lines:
        points[line.item_id] = points.get(line.item_id, 0.0) + line.points
    return list(result.findings), points


@pytest.mark.parametrize(("commissioner", "company"), COMMISSIONERS)
def test_a_commissioner_is_a_company_when_its_name_ends_in_a_marker(
        tmp_path: Path, commissioner: str, company: bool) -> None:
    findings, points = _check(tmp_path, "cd-gov", FUNCTION.format(commissioner=commissioner))
    refused = [f for f in findings if f.code == "E-FUNCTION-NOT-GOVERNMENT"]
    assert bool(refused) == company, refused
    assert (points.get("fn-a", 0) > 0) == (not company), points


@pytest.mark.parametrize(("commissioner", "said"), [
    ("示例集团", "委托（购买）单位“示例集团”是企业（名称以“集团”结尾），不是政府部门："),
    ("成都示例科技股份有限公司", "委托（购买）单位“成都示例科技股份有限公司”是企业（名称以“有限公司”结尾），不是政府部门："),
    ("示例科技有限公司（成都）",
     "委托（购买）单位“示例科技有限公司（成都）”是企业（名称中的“示例科技有限公司”以“有限公司”结尾），不是政府部门："),
])
def test_a_company_is_named_by_the_marker_its_name_ends_in(tmp_path: Path, commissioner: str, said: str) -> None:
    findings, _ = _check(tmp_path, "cd-gov", FUNCTION.format(commissioner=commissioner))
    [refused] = [f for f in findings if f.code == "E-FUNCTION-NOT-GOVERNMENT"]
    assert refused.message.startswith(said), refused.message


@pytest.mark.parametrize(("rate", "shown"), [
    (0.499, "49.9%"), (0.4999, "49.99%"), (0.49999, "49.999%"), (0.4995, "49.95%"),
    (0.5, "50%"), (0.5001, "50.0%"), (0.2, "20%"), (2 / 3, "66.7%"), (1.0, "100%"), (0.0, "0%"),
])
def test_a_rate_is_shown_on_its_own_side_of_the_threshold(rate: float, shown: str) -> None:
    assert percent(rate, 0.5) == shown


def test_a_rate_just_short_of_a_threshold_in_tenths_is_not_rounded_onto_it() -> None:
    assert percent(0.59999, 0.6) == "59.999%"
    assert percent(0.6, 0.6) == "60%"
    assert percent(0.6000001, 0.6) == "60.0%"


EXPERTS = """
    society: cd-rate
    year: 2017
    innovation:
      enterprise_platform_registered: false
      senior_experts_total: {total}
      senior_experts_registered: {registered}
    """


@pytest.mark.parametrize(("total", "registered", "shown"), [(1000, 499, "49.9%"), (10000, 4999, "49.99%")])
def test_the_rate_warning_and_the_evaluation_say_the_same_rate(
        tmp_path: Path, total: int, registered: int, shown: str) -> None:
    root = write_tree(tmp_path, {"submissions/cd-rate/society.yaml": profile("cd-rate"),
                                 "submissions/cd-rate/2017.yaml": EXPERTS.format(total=total, registered=registered)})
    result, repo = check_tree(root)
    [warning] = [f for f in result.findings if f.code == "W-EXPERTS-RATE"]
    assert warning.message == (f"专家库注册率 {shown}（{registered}/{total}）未达到 50%，条款 1.2 不计分。")
    [evaluation] = evaluate_repository(repo)
    [line] = [x for x in evaluation.lines if x.rule == "expert_rate"]
    assert line.points == 0
    assert line.note == f"注册率 {shown}（{registered}/{total}），未达到 50%"


EVENT = """
    society: cd-evt
    year: 2017
    academic_events:
      - id: evt-a
        title: 学术年会
        category: 全国性学术交流
        role: 主办
        main_forum: true
        sub_forums: 2
        materials: true
        date: 2017-06-01
        participants: 200
        speaker_provinces: [{provinces}]
    """
SHORT = "“学术年会”不符合所申报的类别：全国性学术交流须有 6 个及以上外省、直辖市、自治区的科技人员作学术报告，现为 5 个"
HONG_KONG = next(p.why for p in guideline(2017).provinces if p.short == "香港")


@pytest.mark.parametrize(("provinces", "said"), [
    ("北京, 北京市, 上海, 重庆, 广东, 湖北", f"{SHORT}（“北京市”与前面的“北京”是同一地区，只计一次）。"),
    ("北京, 香港, 上海, 重庆, 广东, 湖北", f"{SHORT}（“香港”不计入：{HONG_KONG}）。"),
    ("北京, 四川, 上海, 重庆, 广东, 湖北", f"{SHORT}（四川是本省，不计入）。"),
    ("北京, 上海, 四川省, 重庆, 广东, 湖北", f"{SHORT}（“四川省”即四川，是本省，不计入）。"),
    ("北京, 上海, 重庆, 广东, 湖北", f"{SHORT}。"),
    ("四川, 北京, 香港, 北京, 上海, 重庆, 广东, 湖北",
     f"{SHORT}（四川是本省，不计入；“香港”不计入：{HONG_KONG}；“北京”重复列出，只计一次）。"),
])
def test_a_regions_shortfall_names_what_did_not_count_and_why(tmp_path: Path, provinces: str, said: str) -> None:
    findings, _ = _check(tmp_path, "cd-evt", EVENT.format(provinces=provinces))
    [short] = [f for f in findings if f.code == "E-THRESHOLD-PROVINCES"]
    assert short.message == said


def test_the_submission_guide_quotes_this_error_as_check_says_it() -> None:
    """docs/submit.md gave an example error no check ever printed (“作报告”, “外省（区、市）”)."""
    assert f"例如这样一条：{SHORT}。" in (ROOT / "docs" / "submit.md").read_text(encoding="utf-8")


def test_a_new_year_file_says_the_markers_are_endings() -> None:
    last, first = guideline(2018), guideline(2017)
    assert last is not None
    assert first is not None
    written = guideline_file(2019, last, 2017, guideline_text(2018).title, first)
    assert "# 委托（购买）单位（二）：名称以 company_markers 中的字样结尾的是企业（括号内外的部分分别看），只是含有这些字样的不是" in written
