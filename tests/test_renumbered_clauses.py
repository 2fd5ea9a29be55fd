"""A 2019 that numbers its clauses anew (tests/data/years/reordered_2019: a new 1.1 moves 2018's
1.1–1.5 to 1.2–1.6, new 2.1, 3.1 and 4.1 move 二–四's clauses one on, 六 and 七 trade places so research is 七, the deadline moves to the year's
end): every finding, score line and piece of advice names the clause as 2019 numbers it, the
rubric page quotes the guideline at 2019's clauses, and advice sends a late achievement into the
next year as that year's file bounds it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from site_builder.form_labels import field_clauses, year_help
from site_builder.form_page import SiteSettings
from site_builder.generate import generate
from tests.trees import profile, write_tree
from tests.year_trees import reordered_year_tree
from validators import template
from validators.check import CheckResult, check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation
from validators.repository import Repository
from validators.schema import json_schema
from validators.template import report_template
from validators.year import text
from validators.year.consistency import year_problems
from validators.year.guideline import guideline, reread_guidelines

MECH = """
    society: cd-mech-eng
    year: 2019
    innovation:
      enterprise_platform_registered: false
      senior_experts_total: 40
      senior_experts_registered: 10
      services:
        - id: svc-pidu
          kind: 科技咨询
          title: 郫都区企业服务
          enterprise: 成都示例科技有限公司
          district: 郫都区
          date: 2019-05-01
          outcome: 无
          evidence: [https://example.org/cast-sample/cd-mech-eng/2019/pidu]
    research:
      - id: rpt-shared
        title: 关于制造业数字化的建议
        form: 调研报告
        topic: 四个服务
        achievements:
          - type: 公开发表
            date: 2020-01-15
            evidence: [https://example.org/cast-sample/cd-mech-eng/2019/rpt-shared]
      - id: rpt-none
        title: 关于园区物流的调研
        form: 调研报告
        topic: 四个服务
    service_stations:
      - id: station-new
        name: 郫都区装备制造学会服务站
        level: 省级
        established: 2019-06-01
        industry: 装备制造
        partner: 成都示例装备产业园
        enterprises_served: 600
        experts_engaged: 5
        activities: 3
        evidence: [https://example.org/cast-sample/cd-mech-eng/2019/station]
      - id: station-late
        name: 新都区装备制造学会服务站
        level: 市级
        established: 2020-01-05
        industry: 装备制造
        partner: 成都示例装备产业园
        enterprises_served: 3
        experts_engaged: 2
        activities: 1
        evidence: [https://example.org/cast-sample/cd-mech-eng/2019/station-late]
    government_functions:
      pilot: true
      functions:
        - id: fn-company
          title: 园区设备检测
          commissioner: 成都示例设备有限公司
          method: 招标
          new: true
          amount_wan: 10
          start: 2019-02-01
          end: 2019-10-01
          evidence: [https://example.org/cast-sample/cd-mech-eng/2019/fn-company]
        - id: fn-standard
          title: 行业标准编制
          commissioner: 成都市经济和信息化局
          method: 招标
          new: false
          amount_wan: 10
          start: 2019-02-01
          end: 2019-10-01
          evidence: [https://example.org/cast-sample/cd-mech-eng/2019/fn-standard]
    consortia:
      - id: consortium-new
        name: 成都装备制造学会联合体
        role: 牵头
        form: 专业相近
        direction: 横向
        industry: 装备制造
        members: [成都示例大学, 成都示例大学]
        established: 2019-05-01
        activities: 2
        evidence: [https://example.org/cast-sample/cd-mech-eng/2019/consortium]
      - id: consortium-orphan
        name: 成都智能装备学会联合体
        role: 参与
        form: 专业相近
        direction: 横向
        industry: 装备制造
        members: [cd-mech-eng]
        established: 2019-03-01
        activities: 1
        evidence: [https://example.org/cast-sample/cd-mech-eng/2019/consortium-orphan]
    """
# The same report title as cd-mech-eng's, and the achievement its 2018 report already counted.
COMPUTER = """
    society: cd-computer
    year: 2019
    research:
      - id: rpt-fintech-hub
        title: 关于以金融科技支撑西部金融中心建设的调研报告
        form: 调研报告
        topic: 国家中心城市
        focus: 西部金融中心
        achievements:
          - type: 市科协专报
            date: 2019-03-01
            evidence: [https://example.org/cast-sample/cd-computer/2019/rpt-fintech]
      - id: rpt-shared
        title: 关于制造业数字化的建议
        form: 调研报告
        topic: 四个服务
        achievements:
          - type: 公开发表
            date: 2019-04-01
            evidence: [https://example.org/cast-sample/cd-computer/2019/rpt-shared]
    """
# A 2018 report whose achievement came after 2018's deadline, inside 2019's window (which ends
# 2019-12-31), a year and more after 2018's deadline (2018-11-30).
LATE = """
    society: cd-late
    year: 2018
    research:
      - id: rpt-late
        title: 关于社区养老的调研
        form: 调研报告
        topic: 四个服务
        achievements:
          - type: 领导签批
            date: 2019-12-15
            evidence: [https://example.org/cast-sample/cd-late/2018/rpt-late]
    """
MECH_FILE = "submissions/cd-mech-eng/2019.yaml"


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult, Repository]:
    root = reordered_year_tree(tmp_path_factory.mktemp("reordered") / "tree")
    write_tree(root, {MECH_FILE: MECH, "submissions/cd-computer/2019.yaml": COMPUTER,
                      "submissions/cd-late/society.yaml": profile("cd-late"),
                      "submissions/cd-late/2018.yaml": LATE})
    result, repo = check_tree(root)
    return root, result, repo


def _findings(checked: tuple[Path, CheckResult, Repository], code: str, file: str = MECH_FILE) -> list[tuple[str, str]]:
    return [(f.clause or "", f.message) for f in checked[1].findings if f.code == code and f.file == file]


def _evaluation(checked: tuple[Path, CheckResult, Repository], society: str, year: int) -> Evaluation:
    [found] = [e for e in evaluate_repository(checked[2], year) if e.society == society]
    return found


def test_the_year_s_files_agree(checked: tuple[Path, CheckResult, Repository]) -> None:
    """The registration rate (50%) is said in 1.3, the clause the rubric's `expert_rate` cites,
    not in 1.2 (the platform's, 2018's rate clause): the year's files agree."""
    assert [f.message for f in checked[1].findings if f.code == "E-YEAR-FILE"] == []


def test_without_a_rate_rule_the_rate_is_looked_for_in_area_one(tmp_path: Path) -> None:
    """A rubric that pays nothing for the rate (`expert_rate: null`) cites no clause for it: the
    rate is then looked for in every clause of 一 (1.3 says 50%), and a rate none of them says
    (60%) is said so."""
    root = reordered_year_tree(tmp_path / "tree")
    rubric = root / "validators" / "rubrics" / "2019.yaml"
    rubric.write_text(rubric.read_text("utf-8").replace('expert_rate: {clause: "1.3"}', "expert_rate: null"), "utf-8")
    assert year_problems(root) == []
    rules = root / "validators" / "guidelines" / "2019.yaml"
    rules.write_text(rules.read_text("utf-8") + "thresholds: {expert_registration_rate: 0.6}\n", "utf-8")
    reread_guidelines()
    [problem] = year_problems(root)
    assert problem.message == "expert_registration_rate 是 60%，而第一部分各条款的原文都没有写“60%”。"


def test_the_check_names_area_one_s_clauses_as_the_rubric_cites_them(checked: tuple[Path, CheckResult, Repository]) -> None:
    """The registration rate is 2019's 1.3 and the pilot district's service 1.4: the warnings
    say so, and quote 1.4's words."""
    [(clause, message)] = _findings(checked, "W-EXPERTS-RATE")
    assert clause == "1.3"
    assert message.endswith("条款 1.3 不计分。")
    [(clause, message)] = _findings(checked, "W-OUTCOME-NOTHING")
    assert clause == "1.4"
    assert "不符合条款 1.4 要求的「具有成效性」" in message
    assert "这项服务不计条款 1.4 的分" in message


def test_the_check_names_research_s_clause_as_the_year_numbers_it(checked: tuple[Path, CheckResult, Repository]) -> None:
    """Research is 七 in 2019: its achievements' findings, within the file and across files,
    name clause 7 and quote 7's words."""
    [(clause, message)] = _findings(checked, "W-ACHIEVEMENT-OUTSIDE-WINDOW")
    assert clause == "7"
    assert message.endswith("本年度不计分：「成果形成日期以当年评估截止日期为准」。")
    assert {c for c, _ in _findings(checked, "W-RESEARCH-NO-ACHIEVEMENT")} == {"7"}
    assert [c for c, _ in _findings(checked, "E-ACHIEVEMENT-COUNTED-TWICE", "submissions/cd-computer/2019.yaml")] == ["7"]
    for file in (MECH_FILE, "submissions/cd-computer/2019.yaml"):
        assert [c for c, _ in _findings(checked, "W-REPORT-CLAIMED-TWICE", file)] == ["7"]


def test_score_lines_name_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    """The zero lines of 一 and 六 name 2019's clauses; the consulting service is paid under the
    rule whose clause (1.5) the year file lists it under, not under the talent rule that 2018's
    1.5 was."""
    lines = {(line.rule, line.item_id): line for line in _evaluation(checked, "cd-mech-eng", 2019).lines}
    rate = lines["expert_rate", "senior_experts_registered"]
    assert (rate.clause, rate.points) == ("1.3", 0.0)
    pilot = lines["pilot_district_service", "svc-pidu"]
    assert (pilot.clause, pilot.points) == ("1.4", 0.0)
    assert "不符合条款 1.4 要求的「具有成效性」" in pilot.note
    paid = [(rule, line.clause, line.points) for (rule, item), line in lines.items() if item == "svc-pidu" and line.points]
    assert paid == [("consulting_training_service", "1.5", 1.0)]
    late = lines["achievement", "rpt-shared"]
    assert (late.clause, late.points) == ("7", 0.0)


def test_advice_names_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    advice = [(a.clause, a.message) for a in _evaluation(checked, "cd-mech-eng", 2019).advice]
    assert ("1.2", "在中国科协「企业科协网」完成注册") in advice
    assert [c for c, m in advice if m.startswith("再有 ")] == ["1.3"]
    assert [c for c, m in advice if m.startswith("推动“关于园区物流的调研”")] == ["7"]
    # No 2020 file: the next year is taken to run a year past 2019's deadline.
    [(clause, note)] = [(c, m) for c, m in advice if "2020-01-15" in m]
    assert clause == "7"
    assert "按「成果形成日期以当年评估截止日期为准」，计入 2020 年度的评估" in note


def test_a_late_achievement_is_sent_into_the_next_year_as_its_file_bounds_it(
        checked: tuple[Path, CheckResult, Repository]) -> None:
    """2019's window runs to 2019-12-31: an achievement of 2019-12-15 in a 2018 report is
    2019's, though more than 365 days after 2018's deadline."""
    [(clause, note)] = [(a.clause, a.message) for a in _evaluation(checked, "cd-late", 2018).advice
                        if "2019-12-15" in a.message]
    assert clause == "6"
    assert note.startswith("“关于社区养老的调研”的成果形成于 2019-12-15，在本年度评估截止日（2018-11-30）之后，")
    assert "计入 2019 年度的评估" in note


@pytest.fixture(scope="module")
def site(checked: tuple[Path, CheckResult, Repository]) -> Path:
    out = checked[0].parent / "docs"
    generate(checked[0], out, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    return out


def _page(site: Path, rel: str) -> str:
    return html.unescape((site / rel).read_text("utf-8"))


def test_the_rubric_page_quotes_the_guideline_at_each_year_s_clause(site: Path) -> None:
    page = _page(site, "rubric/index.md")
    head = page[:page.index("{#interpretations}")]
    assert "对调研成果「根据每年一次的成果评估予以补助」（2017、2018 年度为条款 6；2019 年度为条款 7）" in head
    assert "「给予一次性补助，以后每年根据评估绩效予以分档补助」（2017、2018 年度为条款 3.2；2019 年度为条款 3.3）" in head
    assert "「一次性分类补助，以后每年根据评估绩效予以分档补助」（2017、2018 年度为条款 4.3；2019 年度为条款 4.4）" in head
    readings = page[page.index("{#interpretations}"):page.index("{#interpretations-earlier}")]
    assert "评估期（条款 7：「成果形成日期以当年评估截止日期为准」）" in readings
    assert "同一成果（条款 7）" in readings
    assert "条款 6" not in readings
    # 2017's and 2018's readings stay at their own clauses, below the newest year's.
    earlier = page[page.index("{#interpretations-earlier}"):page.index("{#rubric-2019}")]
    assert re.search(r"<td[^>]*>2017、2018</td>\s*<td[^>]*>同一成果（条款 6）</td>", earlier)
    assert "评估期（条款 6：「成果形成日期以当年评估截止日期为准」）" in earlier


def test_a_renamed_research_area_captions_its_list_by_the_year_s_title(tmp_path: Path) -> None:
    """A 2019 that titles 六 建言献策与调查研究 keeps the guideline's word 建言献策 but not the
    first year's title: its list is captioned by its own title; 2018's keeps its caption."""
    root = reordered_year_tree(tmp_path / "tree")
    for name in ("2019.txt", "2019.yaml"):
        path = root / "validators" / "guidelines" / name
        path.write_text(path.read_text("utf-8").replace("调查研究与决策咨询", "建言献策与调查研究"), "utf-8")
    write_tree(root, {MECH_FILE: MECH})
    out = tmp_path / "docs"
    generate(root, out, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    page = _page(out, "societies/cd-mech-eng/2019/index.md")
    assert 'aria-label="建言献策与调查研究"' in page
    assert "调研报告与建言献策" not in page
    assert 'aria-label="调研报告与建言献策"' in _page(out, "societies/cd-mech-eng/2018/index.md")


def test_areas_two_to_four_s_findings_and_lines_name_the_clauses_the_rubric_cites(
        checked: tuple[Path, CheckResult, Repository]) -> None:
    """2019 adds a 2.1, a 3.1 and a 4.1: the pilot is 2.2, a function 2.3, growth 2.4; a
    station's one-off and tiers 3.3, its level 3.2; a consortium's industry 4.2, its lead 4.3,
    its one-off, members and tiers 4.4. Findings in the file and across files, and the score
    lines, say so."""
    assert [c for c, _ in _findings(checked, "W-PILOT-NOT-CONFIRMED")] == ["2.2"]
    assert [c for c, _ in _findings(checked, "E-FUNCTION-NOT-GOVERNMENT")] == ["2.3"]
    assert [c for c, _ in _findings(checked, "W-LIST-DUPLICATE")] == ["4.4"]
    assert [c for c, _ in _findings(checked, "W-CONSORTIUM-NO-LEAD")] == ["4.4"]
    assert {c for c, m in _findings(checked, "E-DATE-OUTSIDE-WINDOW") if "建站日期" in m} == {"3.3"}
    [(clause, _)] = _findings(checked, "W-IMPLAUSIBLE-FIGURE")
    assert clause == "3.3"
    lines = {(line.rule, line.item_id): line for line in _evaluation(checked, "cd-mech-eng", 2019).lines}
    assert lines["tier", "station-new"].clause == "3.3"
    assert (lines["new_station", "station-new"].clause, lines["level", "station-new"].clause) == ("3.3", "3.2")
    assert lines["pilot", "pilot"].clause == "2.2"
    assert [line.clause for (rule, item), line in lines.items() if item == "fn-company"] == ["2.3"]
    assert lines["function", "fn-standard"].clause == "2.3"
    growth = lines["growth", "functions"]
    assert (growth.clause, growth.points) == ("2.4", 0.0)
    assert "：未达到「有较大提升」（数量增加 2 项" in growth.note
    assert lines["tier", "consortium-new"].clause == "4.4"
    assert lines["new_lead", "consortium-new"].clause == "4.4"
    assert lines["leading_industry", "consortium-new"].clause == "4.2"


def test_the_form_shows_each_field_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    root = checked[0]
    clauses = field_clauses(guideline(2019, root), root)  # type: ignore[arg-type]
    assert clauses["ServiceStation.level"] == ["3.2"]
    assert clauses["ServiceStation.established"] == ["3.3"]
    assert clauses["GovernmentFunctions.pilot"] == ["2.2"]
    assert clauses["GovernmentFunctions.functions"] == ["2.3", "2.4"]
    assert clauses["Consortium.industry"] == ["4.2"]
    assert clauses["Consortium.established"] == ["4.4"]
    assert clauses["Innovation.enterprise_platform_registered"] == ["1.2"]
    assert clauses["Service.kind"] == ["1.5", "1.6"]
    assert clauses["ResearchReport.achievements"] == ["7"]
    assert clauses["ResearchReport.focus"] == ["7.1"]
    assert field_clauses(guideline(2018, root), root)["ServiceStation.established"] == ["3.2"]  # type: ignore[arg-type]


def test_the_rubric_page_reads_areas_two_to_five_at_the_year_s_clauses(site: Path) -> None:
    page = _page(site, "rubric/index.md")
    readings = page[page.index("{#interpretations}"):page.index("{#interpretations-earlier}")]
    assert "新建服务站、联合体（条款 3.3、4.4）" in readings
    assert "联合体的「一次性分类补助」（条款 4.4）" in readings
    assert "联合体的服务产业、联合形式和方向（条款 4、4.2）" in readings
    assert "联合体的成员个数（条款 4.4 的分档）" in readings
    assert "服务站的产业（条款 3.2）" in readings
    assert "条款 3.2 只分级别，不限产业；主导产业和优势产业的名单只用于联合体（条款 4.2）" in readings
    assert "委托（购买）单位（条款 2.3）" in readings
    assert "首批承能试点学会（条款 2.2）" in readings
    assert "「有较大提升」（条款 2.4）" in readings
    assert "第六部分的重大活动不在此列" in readings
    assert "条款 4.3" not in readings
    assert "条款 2.1" not in readings


# Fields of clauses 2019 moves, and what their description says in 2019's numbers.
MOVED_FIELDS = {
    "ServiceStation.established": "建站当年计为新建（条款 3.3）",
    "ServiceStation.level": "本年度的服务站级别之一（条款 3.2）",
    "ServiceStation.industry": "条款 3.2 不限产业",
    "Consortium.industry": "成都市主导产业和优势产业之一计入条款 4.2；",
    "Consortium.established": "成立当年计为新建（条款 4.4）",
    "Innovation.enterprise_platform_registered": "否则写 false（条款 1.2）",
    "Innovation.services": "每项一项（条款 1、1.4–1.6）",
    "GovernmentFunctions.pilot": "以市科协公布的名单为准（条款 2.2）",
    "MajorWork.kind": "本年度的重大工作类别之一（条款 6.1–6.4）",
    "ResearchReport.achievements": "可认定的成果，每项一项（条款 7）",
}


def test_2017_s_clauses_map_to_2019_s_by_what_the_files_cite_them_for(
        checked: tuple[Path, CheckResult, Repository]) -> None:
    """Each of 2017's clauses maps to the one 2019's files cite for the same things; 2017's 7.2
    (科技扶贫, a kind 2019 removes and its rubric writes null) has no counterpart; 2018, read from
    2017's text, numbers every clause as 2017 does."""
    from validators.year.cited import renumbering

    root = checked[0]
    rules, earlier = guideline(2019, root), guideline(2018, root)
    assert rules is not None
    assert earlier is not None
    moved = renumbering(rules)
    assert {c: moved[c] for c in ("1.1", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "6", "6.1", "7", "7.5", "5.5")} == {
        "1.1": "1.2", "2.3": "2.4", "3.1": "3.2", "3.2": "3.3", "4.1": "4.2", "4.2": "4.3", "4.3": "4.4",
        "6": "7", "6.1": "7.1", "7": "6", "7.5": "6.4", "5.5": "5.5"}
    assert "7.2" not in moved
    assert renumbering(earlier) == {c: c for c in earlier.clauses}


def test_a_mention_of_a_clause_with_no_counterpart_is_left_out() -> None:
    """A range keeps the counterparts its clauses have; a mention none of whose clauses has one
    goes, with its brackets, the 计入 before it and the colon or space after it."""
    from validators.year.text import renumbered

    moved = {"1": "1", "1.1": "1.2", "1.5": "1.6", "7.1": "6.1", "7.3": "6.2", "7.4": "6.3", "7.5": "6.4"}
    assert renumbered("服务（条款 1、1.1–1.5）", moved) == "服务（条款 1、1.2、1.6）"
    assert renumbered("类别之一（条款 7.1–7.5）", moved) == "类别之一（条款 6.1–6.4）"
    assert renumbered("扶贫（条款 7.2）。", moved) == "扶贫。"
    assert renumbered("产业之一计入条款 4.1；都不是时写“其他”", moved) == "产业之一；都不是时写“其他”"
    assert renumbered("条款 3.1 不限产业", moved) == "不限产业"
    assert renumbered("条款 2.1：本学会", moved) == "本学会"


def test_the_year_s_schema_names_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    """The models' descriptions are written in 2017's numbers; 2019's schema names 2019's
    clauses for the same things."""
    defs = json_schema("submission", 2019, checked[0])["$defs"]
    for key, said in MOVED_FIELDS.items():
        model, field = key.split(".")
        assert said in defs[model]["properties"][field]["description"], key


def test_the_form_s_help_names_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    rules = guideline(2019, checked[0])
    assert rules is not None
    help_ = year_help(rules)
    for key, said in MOVED_FIELDS.items():
        assert said in help_[key], key


def test_the_template_names_the_year_s_clauses(checked: tuple[Path, CheckResult, Repository]) -> None:
    """`new`'s notes for 2019: growth 2.4, a station's founding 3.3 and level 3.2, a consortium's
    industry 4.2 and founding 4.4, the services' 1.4–1.6, as the year's files cite them."""
    rules = guideline(2019, checked[0])
    assert rules is not None
    template = report_template("cd-mech-eng", 2019, rules)
    for said in ("# 条款 2.4「有较大提升」由程序与本学会上一年度的报告比较得出，不用填写。",
                 "# 建站当年计一次性补助；从下一年度起按活动次数和服务企业数分档（条款 3.3）。",
                 "建站日期：建站当年计为新建（条款 3.3）", "级别：国家级、省级、市级、其他（条款 3.2）",
                 "服务的产业：主导和优势产业计入条款 4.2", "成立日期：成立当年计为新建（条款 4.4）",
                 "分档（条款 4.4）；", "# 条款 1.2：已在中国科协「企业科协网」成功注册写 true",
                 "# 条款 1.3：副高职及以上专家会员总人数", "# 条款 2.2：本学会是首批承能试点学会写 true",
                 "计入条款 1.4；科技咨询、科技培训、研发指导、创新方法培训计入条款 1.5；",
                 "服务站服务的产业或领域；条款 3.2 不限产业"):
        assert said in template, said


def test_the_schema_of_every_year_names_only_the_clauses_every_year_numbers_alike(
        checked: tuple[Path, CheckResult, Repository]) -> None:
    """The schema of no particular year, with 2019 renumbered beside 2017 and 2018: a clause
    2019 numbers otherwise is left out, one every year numbers alike (条款 4) is kept."""
    defs = json_schema("submission", None, checked[0])["$defs"]
    assert defs["ServiceStation"]["properties"]["established"]["description"] == "同一服务站各年度写同一个日期：建站当年计为新建"
    assert defs["Consortium"]["properties"]["form"]["description"] == "本年度的联合体形式之一（条款 4）"


def test_a_template_reads_each_year_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each clause the template names is renumbered for its year, which asks which year's text
    the year reads: the year file is read once for that, not once per clause (it was 19 times)."""
    reread_guidelines()  # nothing read before counts
    reads: list[str] = []
    real = text.read_year_file

    def counted(path: Path, shown: str) -> object:
        reads.append(shown)
        return real(path, shown)

    monkeypatch.setattr(text, "read_year_file", counted)
    rules = guideline(2018)
    assert rules is not None
    report_template("cd-x", 2018, rules)
    assert reads, "the template no longer asks which text the year reads: this test says nothing"
    assert len(reads) == len(set(reads)), reads


def test_a_template_leaves_out_a_service_kind_whose_clause_has_no_counterpart(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year with no counterpart for 2017's 1.4 (its consulting services ended or split) loses
    the whole part about them, not only its clause: the kinds alone would no longer say what they
    count for."""
    rules = guideline(2018)
    assert rules is not None
    every = template.renumbering(rules)
    monkeypatch.setattr(template, "renumbering", lambda r: {k: v for k, v in every.items() if k != "1.4"})
    text = report_template("cd-x", 2018, rules)
    joined = "".join(line.strip().lstrip("#").strip() for line in text.splitlines())
    start = joined.index("开展的服务计入条款")
    sentence = joined[start:joined.index("。", start) + 1]
    assert sentence.startswith("开展的服务计入条款 1.3；"), sentence
    assert sentence.endswith("计入条款 1.5。"), sentence
    assert "1.4" not in sentence
    assert "科技咨询" not in sentence  # 2018's 1.4 kinds, left out with their clause
    assert sentence.count("计入条款") == 2
    assert "；；" not in sentence
