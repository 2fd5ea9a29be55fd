"""Three readings of the guideline's own words: a company is no government (二), one society is
no consortium (四), and a station is paid by its yearly performance after its founding year (3.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trees import profile, write_tree
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository

STATION = """
    society: cd-st
    year: 2017
    service_stations:
      - id: station-a
        name: 温江产业园学会服务站
        level: 省级
        established: 2016-05-01
        industry: 医药健康
        partner: 温江产业园
        enterprises_served: {served}
        activities: {activities}
    """


def _station_lines(tmp_path: Path, activities: int, served: int) -> list[tuple[str, float, str]]:
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"),
                                 "submissions/cd-st/2017.yaml": STATION.format(activities=activities,
                                                                              served=served)})
    result, repo = check_tree(root)
    assert not result.has_errors, result.findings
    [evaluation] = evaluate_repository(repo)
    return [(x.rule, x.points, x.note) for x in evaluation.lines if x.area == "service_stations"]


def test_a_station_without_activity_after_its_founding_year_earns_nothing(tmp_path: Path) -> None:
    lines = _station_lines(tmp_path, activities=0, served=0)
    assert [(rule, points) for rule, points, _ in lines] == [("level", 0.0)]
    assert "本年度没有开展活动" in lines[0][2]


def test_an_active_station_earns_its_level_and_its_tier(tmp_path: Path) -> None:
    lines = _station_lines(tmp_path, activities=12, served=25)
    assert [(rule, points) for rule, points, _ in lines] == [("level", 4.0), ("tier", 4.0)]


@pytest.mark.parametrize(("role", "established", "activities", "rules"), [
    ("牵头", "2015-03-10", 0, [("lead", 0.0)]),                         # idle after its founding year
    ("参与", "2015-03-10", 0, [("member", 0.0)]),
    ("牵头", "2015-03-10", 1, [("lead", 4.0), ("leading_industry", 2.0), ("tier", 1.0)]),  # 三档
    ("牵头", "2017-03-10", 0, [("lead", 4.0), ("leading_industry", 2.0), ("new_lead", 2.0), ("tier", 0.0)]),
])
def test_a_consortium_without_activity_after_its_founding_year_earns_nothing(
        tmp_path: Path, role: str, established: str, activities: int, rules: list[tuple[str, float]]) -> None:
    """4.3 reads as 3.2 does (「以后每年根据评估绩效予以分档补助」): an idle consortium's lead was
    paid 4 + 2 every year, a member 1.5 + 2 (an auditor's case). Its founding year is paid."""
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"), "submissions/cd-st/2017.yaml": f"""
        society: cd-st
        year: 2017
        consortia:
          - id: cons-idle
            name: 成都电子信息示例联合体
            role: {role}
            form: 专业相近
            direction: 横向
            industry: 电子信息
            members: [成都市甲学会, 成都市乙学会]
            established: {established}
            activities: {activities}
        """})
    result, repo = check_tree(root)
    assert not result.has_errors, result.findings
    [evaluation] = evaluate_repository(repo)
    lines = [(x.rule, x.points) for x in evaluation.lines if x.area == "consortia"]
    assert lines == rules
    if activities == 0 and established < "2016":
        assert "本年度没有开展活动，不计分" in next(x.note for x in evaluation.lines if x.area == "consortia")


def test_a_company_is_no_government_and_one_society_no_consortium(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"),
                                 "submissions/cd-st/2017.yaml": """
        society: cd-st
        year: 2017
        government_functions:
          functions:
            - id: fn-a
              title: 技术评估
              commissioner: 成都市经济和信息化委员会
              method: 委托
              start: 2017-03-01
              end: 2017-10-31
            - id: fn-b
              title: 企业技术评估
              commissioner: 成都示例科技股份有限公司
              method: 委托
              start: 2017-03-01
              end: 2017-10-31
        consortia:
          - id: consortium-alone
            name: 独自联合体
            role: 牵头
            form: 专业相近
            direction: 横向
            industry: 其他
            members: [cd-st]
            established: 2017-05-01
        """})
    result, repo = check_tree(root)
    codes = {(f.code, f.path[:3] if f.path else None) for f in result.findings if f.severity == "error"}
    assert ("E-FUNCTION-NOT-GOVERNMENT", ("government_functions", "functions", 1)) in codes
    assert ("E-CONSORTIUM-NO-PARTNER", ("consortia", 0, "members")) in codes
    [evaluation] = evaluate_repository(repo)
    paid = {x.item_id for x in evaluation.lines if x.points > 0}
    assert "fn-a" in paid
    assert "fn-b" not in paid
    assert "consortium-alone" not in paid


def test_a_company_named_in_english_is_no_government_either(tmp_path: Path) -> None:
    """2018's year file adds the English endings, compared case-blind; an English name that does
    not end in one (an incubator, an office) is read as it was."""
    functions = "".join(f"""
            - id: fn-{i}
              title: 技术评估{i}
              commissioner: {name}
              method: 委托
              start: 2018-03-01
              end: 2018-10-31""" for i, name in enumerate([
        "Chengdu Sample Tech Co., Ltd.", "CHENGDU SAMPLE TECH CO., LTD.", "Sample Holdings Inc",
        "Chengdu Innovation Incubator", "Chengdu Municipal Science and Technology Bureau",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH", "成都某某制药厂"]))
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"),
                                 "submissions/cd-st/2018.yaml": f"""
        society: cd-st
        year: 2018
        government_functions:
          functions:{functions}
        """})
    result, repo = check_tree(root)
    said = {f.path[2]: f.message for f in result.findings if f.code == "E-FUNCTION-NOT-GOVERNMENT" and f.path}
    assert sorted(said) == [0, 1, 2, 5, 6]
    assert "（名称中有企业字样“GmbH”）" in said[5]  # not “GmbH”以“GmbH”结尾
    assert "（名称以“厂”结尾）" in said[6]  # a factory (an auditor's case: it was paid under 2.2)
    assert "（名称以“Ltd.”结尾）" in said[0]
    assert "（名称以“Ltd.”结尾）" in said[1]
    assert "（名称以“Inc”结尾）" in said[2]
    [evaluation] = evaluate_repository(repo)
    assert {x.item_id for x in evaluation.lines if x.points > 0} == {"fn-3", "fn-4"}


def test_one_contract_split_into_parts_is_said_for_the_staff(tmp_path: Path) -> None:
    """Three parts of one standard, one commissioner, one period, titles differing in brackets
    only: each earned 2.2 and the count of 2.3 grew while the money fell (a reviewer's case). A
    split is not certain, so the staff hear of it (a warning) and the points stand; two
    contracts of one fiscal year with titles of their own are not said (a false positive)."""
    functions = "".join(f"""
            - id: fn-{i}
              title: 地方标准起草（{part}）
              commissioner: {who}
              method: 购买服务
              amount_wan: 7
              start: 2017-01-10
              end: 2017-10-31""" for i, (part, who) in enumerate(
        [("术语部分", "成都市质量技术监督局"), ("技术要求部分", "成都市质量技术监督局 "), ("试验方法部分", "成都市经济和信息化委员会")]))
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"),
                                 "submissions/cd-st/2017.yaml": f"""
        society: cd-st
        year: 2017
        government_functions:
          functions:{functions}
        """})
    result, _ = check_tree(root)
    [said] = [f for f in result.findings if f.code == "W-FUNCTION-ONE-CONTRACT"]
    assert (said.severity, said.path) == ("warning", ("government_functions", "functions", 1, "title"))
    assert said.message.startswith("与“fn-0”的委托（购买）单位、承接期（2017-01-10 至 2017-10-31）相同，名称只在括号中不同")
    assert "「承接的某项政府职能或服务」按一项计分" in said.message
    other = write_tree(tmp_path / "other", {"submissions/cd-st/society.yaml": profile("cd-st"),
                                            "submissions/cd-st/2017.yaml": """
        society: cd-st
        year: 2017
        government_functions:
          functions:
            - {id: fn-a, title: 科技成果评价, commissioner: 成都市科学技术局, method: 委托, start: 2017-01-01, end: 2017-11-30}
            - {id: fn-b, title: 科普基地评估, commissioner: 成都市科学技术局, method: 委托, start: 2017-01-01, end: 2017-11-30}
        """})
    assert "W-FUNCTION-ONE-CONTRACT" not in {f.code for f in check_tree(other)[0].findings}


@pytest.mark.parametrize(("first", "second", "said"), [
    ("地方标准起草【术语部分】", "地方标准起草【技术要求部分】", True),   # other brackets, too
    ("地方标准起草[术语部分]", "地方标准起草〔试验方法部分〕", True),
    ("地方标准起草（术语部分）", "地方标准起草（技术要求部分）", True),
    ("科技成果评价", "科普基地评估", False),
])
def test_the_parts_of_one_contract_are_read_in_any_brackets(tmp_path: Path, first: str, second: str,
                                                             said: bool) -> None:
    """Titles differing only in 【】 or [] were not read as parts of one contract (a reviewer's
    case); the method is not compared (the parts may be written with different methods)."""
    root = write_tree(tmp_path, {"submissions/cd-st/society.yaml": profile("cd-st"),
                                 "submissions/cd-st/2017.yaml": f"""
        society: cd-st
        year: 2017
        government_functions:
          functions:
            - {{id: fn-a, title: '{first}', commissioner: 成都市质量技术监督局, method: 委托, start: 2017-01-10, end: 2017-10-31}}
            - {{id: fn-b, title: '{second}', commissioner: 成都市质量技术监督局, method: 购买服务, start: 2017-01-10, end: 2017-10-31}}
        """})
    codes = [f.code for f in check_tree(root)[0].findings]
    assert codes.count("W-FUNCTION-ONE-CONTRACT") == (1 if said else 0)


@pytest.mark.parametrize(("name", "code"), [("香港特别行政区", "HK"), ("澳门特别行政区", "MO"), ("台湾地区", "TW"),
                                            ("印尼", "ID"), ("沙特", "SA"), ("马其顿", "MK"), ("波黑", "BA")])
def test_official_and_short_names_of_countries_and_regions_are_read(name: str, code: str) -> None:
    """An honest 5.3 list (中国, 香港特别行政区, 印尼, 沙特) was refused as unknown names and scored
    nothing (an auditor's case): 2018's year file adds these forms; 2017's, frozen, does not."""
    from validators.year.countries import country_code
    from validators.year.guideline import guideline

    later, frozen = guideline(2018), guideline(2017)
    assert later is not None
    assert frozen is not None
    assert country_code(name, later.country_aliases) == code
    assert country_code(name, frozen.country_aliases) is None
