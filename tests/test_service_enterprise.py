"""A service of 一 whose enterprise is a government body (an auditor's case: 「为成都市域内企业提供
技术、咨询等服务」, yet a service to 某某政府办公室 earned 1.4 and 1.3 with no word to the staff):
W-SERVICE-NOT-ENTERPRISE when the name ends in one of the year's `government_markers` and is no
company's (`company_markers`) nor a business's (`government_marker_exceptions`). 2018's year file
has the markers; 2017's, frozen, does not, and compares nothing. A warning: the service scores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.year.guideline import guideline
from validators.year.measures import government_ending

CODE = "W-SERVICE-NOT-ENTERPRISE"
GOVERNMENT = ["成都市科学技术局", "成都市郫都区人民政府办公室", "成都市人民政府", "成都市经济和信息化委员会",
              "成都市经信委", "成都高新区管委会", "四川省科学技术厅", "成都市人民政府办公厅", "郫都区政府办",
              "成都市发改委", "成都高新区管委会（经济运行局）", "成都市科技局 "]
# Real kinds of company names: company markers (2017's and 2018's, 厂 and English ones among them),
# a company named after a body, a business named 餐厅 or 书局, names that hold a marker inside.
ENTERPRISES = ["成都示例科技有限公司", "成都示例管委会服务有限公司", "成都示例委员会咨询有限公司",
               "成都示例科技有限公司（原成都市示例局下属）", "成都示例制药厂", "成都示例集团",
               "Chengdu Sample Tech Co., Ltd.", "成都示例川菜餐厅", "成都示例咖啡厅", "成都示例书局",
               "成都示例局部麻醉器械股份公司", "成都市中小企业服务中心", "成都示例农业专业合作社",
               "成都天府软件园", "成都示例办公家具有限公司", "成都示例企业", "示例区科技局孵化器"]


@pytest.mark.parametrize("name", GOVERNMENT)
def test_a_government_body_s_name_is_read_as_one_in_2018_only(name: str) -> None:
    later, frozen = guideline(2018), guideline(2017)
    assert later is not None
    assert frozen is not None
    assert government_ending(name, later) is not None
    assert frozen.government_markers == []
    assert government_ending(name, frozen) is None


@pytest.mark.parametrize("name", ENTERPRISES)
def test_a_company_s_name_is_no_government_body(name: str) -> None:
    later = guideline(2018)
    assert later is not None
    assert government_ending(name, later) is None


def _tree(tmp_path: Path, year: int, enterprise: str) -> Path:
    body = (f"society: cd-zz\nyear: {year}\ninnovation:\n  services:\n"
            f"    - {{id: svc-a, kind: 科技咨询, title: 科技政策咨询, enterprise: '{enterprise}', district: 郫都区,\n"
            f"       date: {year}-05-12, outcome: 形成咨询报告 1 份, evidence: ['https://example.org/a']}}\n")
    return write_tree(tmp_path, {"submissions/cd-zz/society.yaml": profile("cd-zz"),
                                 f"submissions/cd-zz/{year}.yaml": body})


def _checked(root: Path, year: int) -> tuple[list[tuple[str, str]], list[tuple[str | None, float]]]:
    result, repo = check_tree(root)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    [evaluation] = evaluate_repository(repo, year)
    return ([(f.severity, f.message) for f in result.findings if f.code == CODE],
            [(x.clause, x.points) for x in evaluation.lines if x.item_id == "svc-a"])


def test_a_service_to_a_government_body_is_said_for_the_staff_and_still_scores(tmp_path: Path) -> None:
    said, points = _checked(_tree(tmp_path / "office", 2018, "成都市郫都区人民政府办公室"), 2018)
    [(severity, message)] = said
    assert severity == "warning"
    assert message.startswith("服务的企业“成都市郫都区人民政府办公室”像是政府部门而不是企业（名称以“办公室”结尾）")
    assert "「为成都市域内企业提供技术、咨询等服务」" in message
    assert "这项服务仍照常计分" in message
    assert "“二、有序承接政府转移职能”" in message
    company_said, company_points = _checked(_tree(tmp_path / "company", 2018, "成都示例科技有限公司"), 2018)
    assert company_said == []
    assert points == company_points  # 1.3 (the pilot district) and 1.4, as a company's service
    assert {c for c, p in points if p > 0} >= {"1.3", "1.4"}


def test_a_part_in_brackets_is_named(tmp_path: Path) -> None:
    [(_, message)], _ = _checked(_tree(tmp_path, 2018, "示例单位（成都市示例局）"), 2018)
    assert "（名称中的“成都市示例局”以“局”结尾）" in message


def test_2017_compares_nothing(tmp_path: Path) -> None:
    said, _ = _checked(_tree(tmp_path, 2017, "成都市郫都区人民政府办公室"), 2017)
    assert said == []


# --- the online form says it at the field, in the check's words ---------------------------------

HARNESS = """
globalThis.window = globalThis;
process.argv.slice(1).forEach((script) => require(script));
const RF = window.ReportForm;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(RF.warningIssues(input.report, {}, input.guide, input.labels)
  .filter((i) => i.code === "W-SERVICE-NOT-ENTERPRISE").map((i) => [i.path.join("/"), i.message])));
"""
# Besides the names above: spaces around, letter case, brackets of either width, a part that is a
# company's, a slot's braces written in the name.
ODD = ["  成都市科学技术局\u3000", "示例单位(成都市示例局)", "成都市示例局（成都示例科技有限公司）",
       "成都示例科技有限公司(成都市经信委)", "CHENGDU SAMPLE CO., LTD.", "示例{ending}局", "示例局（{enterprise}办）",
       "成都示例咖啡厅（成都市示例局）", "成都示例书局（示例区政府）", "局", "（局）",
       # a line break parts a name as brackets do, in check and in the form (a reviewer's case)
       "成都示例科技有限公司\n成都市示例局", "成都市示例局\n示例科技服务中心"]


@pytest.mark.parametrize("year", [2018, 2017])
def test_the_form_says_what_the_check_says_of_each_enterprise(tmp_path: Path, year: int) -> None:
    import json
    import subprocess

    import yaml

    from site_builder.form_labels import guide_data, labels_data
    from tests.test_form_criteria import _node
    from tests.test_form_findings_node import SCRIPTS

    rules = guideline(year)
    assert rules is not None
    names = [*GOVERNMENT, *ENTERPRISES, *ODD]
    services = [{"id": f"svc-{i}", "kind": "科技咨询", "title": f"咨询{i}", "enterprise": name, "district": "锦江区",
                 "date": dt.date(year, 5, 12), "outcome": "形成咨询报告 1 份", "evidence": ["https://example.org/a"]}
                for i, name in enumerate(names)]
    report = {"society": "cd-zz", "year": year, "innovation": {"services": services}}
    root = write_tree(tmp_path, {"submissions/cd-zz/society.yaml": profile("cd-zz"),
                                 f"submissions/cd-zz/{year}.yaml": yaml.safe_dump(report, allow_unicode=True)})
    result, _ = check_tree(root)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    by_check = sorted(("/".join(map(str, f.path or ())), f.message) for f in result.findings if f.code == CODE)
    payload = json.dumps({"report": report, "guide": guide_data(rules), "labels": labels_data()},
                         ensure_ascii=False, default=str)
    done = subprocess.run([_node(), "-e", HARNESS, *map(str, SCRIPTS)], input=payload, capture_output=True,
                          text=True, check=True, timeout=60)
    by_form = sorted(tuple(x) for x in json.loads(done.stdout))
    assert by_form == by_check
    assert len(by_check) == (len(GOVERNMENT) + 9 if year == 2018 else 0)
