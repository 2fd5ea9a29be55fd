"""The year files held to each other and to their guideline text: each disagreement is an error
of the year file, said in Chinese at its line (E-YEAR-FILE), in the whole check."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.models.review import ExpertMark
from validators.year.consistency import year_problems, year_warnings
from validators.year.files import GUIDELINES_DIR
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics, rubric
from validators.year.text import guideline_text

WINDOW = "evaluation_window:\n  start: {start}\n  deadline: 2019-11-30\n  note: 测试\n"


def _2019(root: Path, guideline: str = "", rubric: str = "", start: str = "2018-11-30",
          text: str | None = None, title: str = "2019年度") -> None:
    own = root / "validators"
    (own / "guidelines").mkdir(parents=True, exist_ok=True)
    (own / "rubrics").mkdir(parents=True, exist_ok=True)
    (own / "guidelines" / "2019.yaml").write_text(
        f"year: 2019\ncarried_forward_from: 2018\ntitle: {title}\n" + WINDOW.format(start=start)
        + ("" if text is None else "source: 成都市科协《2019年学会重点工作指南》（测试）\n")
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
    assert problem.line == 12  # the edit that sets it, not `event_categories:`


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


def test_a_criterion_the_text_states_otherwise_is_said_with_what_the_text_says_and_where(tmp_path: Path) -> None:
    """2019.txt's 5.1 says 180人, the year file 150: the message quotes the text's number at its
    file and line, so the staff see which of the two to change; two numbers of the unit in the
    clause are not guessed between."""
    lines = (GUIDELINES_DIR / "2017.txt").read_text("utf-8").splitlines()
    [line] = [n for n, words in enumerate(lines, start=1) if "参与规模不少于100人，并制作会议资料" in words]
    text = "\n".join(lines).replace("参与规模不少于100人，并制作会议资料", "参与规模不少于180人，并制作会议资料")
    edit = """
        kinds:
          event_categories:
            edit:
              annual_conference: {criteria: {min_participants: 150}}
        """
    _2019(tmp_path, edit, text=text)
    [problem] = year_problems(tmp_path)
    assert problem.message == (
        "活动类别“综合性学术年会”的 min_participants 是 150，而条款 5.1 的原文没有写“150人”，"
        f"原文现写“不少于180人”（2019.txt 第 {line} 行）：请让标准与原文一致（按原文改标准：把这一行的 "
        "min_participants 改为 180），或用 not_in_text 写明为什么不同。")
    reread_guidelines()
    _2019(tmp_path, edit, text=text.replace("不少于180人，", "不少于180人（线上不少于300人），"))
    [problem] = year_problems(tmp_path)
    assert "原文现写" not in problem.message
    assert "没有写“150人”：" in problem.message



@pytest.mark.parametrize(("written", "paste"), [
    # Nothing of kinds written: the whole line, as the README's table writes the change.
    pytest.param("", "在本年度的文件中写上 kinds: {event_categories: {edit: {综合性学术年会: "
                     "{criteria: {min_participants: 150}}}}}", id="no-kinds"),
    # kinds written for another list: the rest of it under kinds.
    pytest.param("kinds:\n  major_work_kinds:\n    edit:\n      党建: {label: 学会党建}\n",
                 "在本年度的文件中 kinds: 下写上 event_categories: {edit: {综合性学术年会: "
                 "{criteria: {min_participants: 150}}}}", id="other-kinds"),
    # An edit of event_categories already there: the category under that edit.
    pytest.param("kinds:\n  event_categories:\n    edit:\n      国际性学术交流: {label: 国际学术交流}\n",
                 "在本年度的文件中 kinds: event_categories: edit: 下写上 综合性学术年会: "
                 "{criteria: {min_participants: 150}}", id="other-category-edited"),
])
def test_a_text_number_the_data_does_not_follow_says_the_yaml_to_paste(tmp_path: Path, written: str,
                                                                         paste: str) -> None:
    """2019.txt's 5.1 says 150人, the year still enforces the carried 100: the message writes the
    YAML that makes the data say 150, under what the year's file already writes, and that YAML,
    pasted, settles it."""
    text = (GUIDELINES_DIR / "2017.txt").read_text("utf-8").replace("参与规模不少于100人，并制作会议资料",
                                                                    "参与规模不少于150人，并制作会议资料")
    _2019(tmp_path, written, text=text)
    [problem] = [p for p in year_problems(tmp_path) if "min_participants" in p.message]
    assert "min_participants 是 100，而条款 5.1 的原文没有写“100人”，原文现写“不少于150人”" in problem.message
    assert f"（按原文改标准：{paste}）" in problem.message
    own = tmp_path / "validators" / "guidelines" / "2019.yaml"
    lines = own.read_text("utf-8").splitlines()
    under, _, line = paste.removeprefix("在本年度的文件中").partition("写上 ")
    keys = [k for k in under.strip().removesuffix("下").split(": ") if k.strip(": ")]
    if not keys:
        lines.append(line)
    else:  # the line indented under the last key the file writes
        at = 0
        for depth, key in enumerate(keys):
            at = next(n for n in range(at, len(lines)) if lines[n] == "  " * depth + key + ":")
        lines.insert(at + 1, "  " * len(keys) + line)
    own.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reread_guidelines()
    assert [p for p in year_problems(tmp_path) if "min_participants" in p.message] == []


NEW_SERVICE_KIND = """
    kinds:
      service_kinds:
        add:
          - {code: tech_transfer, label: 技术成果转化}
    clause_service_kinds:
      "1.4": {add: [技术成果转化]}
    """


def test_a_rule_label_carried_beside_a_newly_listed_service_kind_is_a_warning(tmp_path: Path) -> None:
    """1.4 lists 技术成果转化 from 2019: its rule, still named “科技咨询、培训、研发指导等服务”,
    would name the new kind's score lines by words that leave it out. A warning (the scores are
    right), gone once the label names it; the shipped years, whose lists never moved, hear none."""
    assert year_warnings() == []
    text = (GUIDELINES_DIR / "2017.txt").read_text("utf-8").replace("科技类咨询、培训等服务", "科技类咨询、培训、技术成果转化等服务")
    _2019(tmp_path, NEW_SERVICE_KIND, "innovation:\n  platform_registered: {points: 4}\n", text=text)
    assert year_problems(tmp_path) == []
    [warned] = year_warnings(tmp_path)
    assert (warned.file, warned.line) == ("validators/rubrics/2019.yaml", 5)  # `innovation:`, which it is to be written under
    assert warned.message == (
        "细则规则 innovation.consulting_training_service 的名称“科技咨询、培训、研发指导等服务（每项）”沿用自 2018 年度，"
        "而 2019 年度条款 1.4 新列出了服务类型“技术成果转化”（clause_service_kinds），名称中没有它：评估明细和细则页用"
        "这一名称说明这类服务的得分。请在本年度的细则中改写它的 label，写上新的类型。")
    result, _ = check_tree(tmp_path)
    [finding] = [f for f in result.findings if f.code == "W-YEAR-RULE-LABEL"]
    assert finding.severity == "warning"
    # The rubric scaffold's commented example of it, uncommented, settles it.
    from validators.year.scaffold import rubric_file

    lines = rubric_file(2019, "default-2018", 2018).splitlines()
    at = lines.index("#   consulting_training_service: {label: 科技咨询、培训、技术成果转化等服务（每项）}")
    reread_guidelines()
    reread_rubrics()
    _2019(tmp_path, NEW_SERVICE_KIND, "\n".join(line.removeprefix("# ") for line in lines[at - 1:at + 1]) + "\n",
          text=text)
    assert year_warnings(tmp_path) == []


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


def _text(change: Callable[[str], str] = lambda t: t) -> str:
    return change((GUIDELINES_DIR / "2017.txt").read_text("utf-8"))


def test_an_own_text_under_the_old_source_is_said(tmp_path: Path) -> None:
    own = tmp_path / "validators" / "guidelines"
    _2019(tmp_path, text=_text(lambda t: t.replace("100人", "150人")))
    yaml_file = own / "2019.yaml"
    yaml_file.write_text("\n".join(line for line in yaml_file.read_text("utf-8").splitlines()
                                   if not line.startswith("source:")) + "\n", encoding="utf-8")
    problems = [p for p in year_problems(tmp_path) if "source" in p.message]
    assert len(problems) == 1
    assert problems[0].file == "validators/guidelines/2019.yaml"
    assert "请写明 2019 年原文的出处" in problems[0].message


def test_an_unedited_copy_of_the_text_keeps_its_source(tmp_path: Path) -> None:
    _2019(tmp_path, text=_text())
    yaml_file = tmp_path / "validators" / "guidelines" / "2019.yaml"
    yaml_file.write_text("\n".join(line for line in yaml_file.read_text("utf-8").splitlines()
                                   if not line.startswith("source:")) + "\n", encoding="utf-8")
    assert year_problems(tmp_path) == []


def test_an_area_renamed_in_one_place_only_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, """
        areas:
          edit:
            "5": {title: 学术交流与科普活动}
        """, text=_text())
    [problem] = year_problems(tmp_path)
    assert "“五、学术交流活动”不一致" in problem.message
    reread_guidelines()
    _2019(tmp_path, """
        areas:
          edit:
            "5": {title: 学术交流与科普活动}
        """, text=_text(lambda t: t.replace("五、学术交流活动", "五、学术交流与科普活动")))
    assert year_problems(tmp_path) == []


def test_an_area_the_text_does_not_head_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, text=_text(lambda t: t.replace("七、参与市科协重大工作", "参与市科协重大工作")))
    problems = year_problems(tmp_path)
    assert any("（id 7）" in p.message and "没有对应的标题" in p.message for p in problems), problems


def _broken_2019(root: Path) -> None:
    base_tree(root)
    _2019(root, "industries:\n  remove: [火星]\n")
    (root / "submissions" / "cd-mech-eng" / "2019.yaml").write_text("society: cd-mech-eng\nyear: 2019\n",
                                                                   encoding="utf-8")


def _cli(root: Path, *command: str, module: str = "validators") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, "--root", str(root), *command],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_a_broken_year_is_a_finding_and_the_other_years_are_still_checked(tmp_path: Path) -> None:
    _broken_2019(tmp_path)
    done = _cli(tmp_path, "check", "--format", "json")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    year_file = [f for f in findings if f["file"] == "validators/guidelines/2019.yaml"]
    assert year_file[0]["code"] == "E-YEAR-FILE"
    assert "没有要删除的“火星”" in year_file[0]["message"]
    report = [f for f in findings if f["file"] == "submissions/cd-mech-eng/2019.yaml"]
    assert [f["code"] for f in report] == ["E-YEAR-FILE"]
    # 2017 and 2018 are checked as ever: their own findings are there.
    assert {f["file"] for f in findings} > {"validators/guidelines/2019.yaml", "submissions/cd-mech-eng/2019.yaml"}


def test_a_broken_year_is_not_scored_and_the_others_are(tmp_path: Path) -> None:
    _broken_2019(tmp_path)
    done = _cli(tmp_path, "evaluate", "--format", "csv")
    assert done.returncode == 1, done.stderr  # the others' scores, and an error for the one left out
    assert "2019 年度的指南或细则文件有误，该年度未评估" in done.stderr
    years = {line.split(",")[0] for line in done.stdout.splitlines()[1:]}
    assert "2018" in years
    assert "2019" not in years
    asked = _cli(tmp_path, "evaluate", "--year", "2019")
    assert asked.returncode == 1
    assert "没有要删除的“火星”" in asked.stderr
    assert "Traceback" not in asked.stderr
    # Another year asked for is scored as ever: the broken one is not this run's failure.
    other = _cli(tmp_path, "evaluate", "--year", "2018", "--format", "csv")
    assert other.returncode == 0, other.stderr
    assert "2019" not in other.stderr
    assert {line.split(",")[0] for line in other.stdout.splitlines()[1:]} == {"2018"}


def test_a_broken_year_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    _broken_2019(tmp_path)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "kept.md").write_text("旧网站", encoding="utf-8")
    done = _cli(tmp_path, "generate", "--out", str(out), module="site_builder")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "网站没有生成，原有网站保持不变" in done.stderr
    assert "2019.yaml:9:3" in done.stderr
    assert [p.name for p in out.iterdir()] == ["kept.md"]


# The scaffold's leftovers, and a staff member's slips, each said at its line.
SCAFFOLD_TITLE = "2019年度评估（沿用2017年学会重点工作指南）"
RETITLED = "2019年学会重点工作指南"


def _retitled(change: Callable[[str], str] = lambda t: t) -> str:
    return _text(lambda t: change(t.replace("2017年学会重点工作指南", RETITLED, 1)))


def test_the_scaffold_s_title_left_under_a_retitled_text_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, title=SCAFFOLD_TITLE, text=_retitled(), rubric=f"statement: 《{RETITLED}》。\n")
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/guidelines/2019.yaml", 3)
    assert "提到 2017 年" in problem.message
    assert f"“{RETITLED}”" in problem.message


def test_the_scaffold_s_title_over_an_unedited_copy_is_true(tmp_path: Path) -> None:
    # The copy `new-year` makes is still the 2017 guideline: “沿用2017年…” says so.
    _2019(tmp_path, title=SCAFFOLD_TITLE, text=_text())
    assert year_problems(tmp_path) == []


def test_a_title_naming_the_year_it_carries_is_not_a_guideline_s_name(tmp_path: Path) -> None:
    _2019(tmp_path, title="2019年度（沿用2018年度的参数）", text=_retitled(),
          rubric=f"statement: 《{RETITLED}》。\n")
    assert year_problems(tmp_path) == []


def test_a_statement_naming_another_year_s_guideline_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, title=RETITLED, text=_retitled(),
          rubric="statement: 《2017年学会重点工作指南》未公布分值。\n")
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 5)
    assert "statement 提到 2017 年" in problem.message


def test_a_statement_carried_from_the_year_before_is_said_where_it_came_from(tmp_path: Path) -> None:
    _2019(tmp_path, title=RETITLED, text=_retitled())  # the rubric writes no statement of its own
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 2)
    assert "请在本年度的细则中写出 statement:" in problem.message
    reread_rubrics()
    _2019(tmp_path, title=RETITLED, text=_retitled(), rubric=f"statement: 《{RETITLED}》未公布分值。\n")
    assert year_problems(tmp_path) == []


def test_a_rule_citing_another_clause_than_its_kind_is_said_at_the_rule(tmp_path: Path) -> None:
    _2019(tmp_path, rubric="""
        academic_events:
          category:
            其他: {points: 1}
            国际性学术交流: {clause: "5.2"}
        """)
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 9)
    assert "写的条款 5.2，而指南参数中学术交流活动类别“国际性学术交流”的条款是 5.3" in problem.message


def test_a_rule_citing_a_clause_the_text_lacks_is_said_at_the_rule(tmp_path: Path) -> None:
    _2019(tmp_path, rubric="""
        academic_events:
          category:
            其他: {points: 1}
            国际性学术交流: {clause: "5.7"}
        """)
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 9)
    assert "条款 5.7 不在 2019 年度的指南原文中" in problem.message


def test_a_cap_below_one_of_its_rules_is_said_at_the_cap(tmp_path: Path) -> None:
    _2019(tmp_path, rubric="""
        academic_events:
          cap: 5
        """)
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 7)
    assert "上限 cap 是 5 分，低于其中细则规则 academic_events.category.综合性学术年会 一项的 6 分" in problem.message


def test_a_cap_below_a_tier_or_an_expert_mark_is_said_at_the_cap(tmp_path: Path) -> None:
    """A station's or consortium's yearly tier, and an expert mark, are paid under their area's
    cap like a rule's item: a cap below one is said as a rule's is."""
    _2019(tmp_path, rubric="""
        service_stations:
          tiers:
            - {tier: 一档, min_activities: 12, min_enterprises_served: 20, points: 25}
            - {tier: 二档, min_activities: 6, min_enterprises_served: 10, points: 2.5}
        consortia:
          cap: 2.5
          lead: {clause: "4.2", points: 2, label: 牵头建设学会联合体}
          leading_industry: {clause: "4.1", points: 2, label: 服务成都市主导产业和优势产业（另加）}
          new_lead:
            专业相近: {clause: "4.3", points: 2, label: 新建专业相近学会联合体的牵头学会（一次性）}
            服务属性相近: {clause: "4.3", points: 2, label: 新建服务属性相近学会联合体的牵头学会（一次性）}
            单一学会面向社会: {clause: "4.3", points: 1.5, label: 新建单一学会面向社会功能联合体的牵头学会（一次性）}
        academic_events:
          cap: 4
          category:
            综合性学术年会: {clause: "5.1", points: 4, max_count: 1, label: 大型综合性学术年会}
            全国性学术交流: {clause: "5.2", points: 4, max_count: 3, label: 大型全国性学术交流活动（每项）}
            国际性学术交流: {clause: "5.3", points: 4, max_count: 3, label: 国际性学术交流活动（每项）}
            大型社会活动: {clause: "5.4", points: 3, max_count: 4, label: 大型社会活动（每项）}
            其他: {clause: "5.5", points: 1, max_count: 5, label: 其他学术交流活动（每项）}
        """)
    said = sorted((p.line, p.message) for p in year_problems(tmp_path))
    assert [(line, m.split("：")[0]) for line, m in said] == [
        (6, "“学会服务站建设”（service_stations）的上限 cap 是 20 分，低于其中分档 service_stations.tiers.一档 一项的 25 分"),
        (11, "“学会联合体建设”（consortia）的上限 cap 是 2.5 分，低于其中分档 consortia.tiers.一档 一项的 3 分"),
        (19, "“学术交流活动”（academic_events）的上限 cap 是 4 分，低于其中专家评分项 event-quality 一项（max）的 5 分"),
    ]


def test_a_kind_added_with_a_clause_typo_is_said_at_its_line(tmp_path: Path) -> None:
    _2019(tmp_path, """
        kinds:
          major_work_kinds:
            add:
              - {code: other_work, label: 其他工作}
              - {code: digital_reform, label: 数字化改革, clause: "7,6"}
        """)
    problems = [p for p in year_problems(tmp_path) if p.file.startswith("validators/guidelines")]
    assert [(p.line, "条款 7,6 不在" in p.message) for p in problems] == [(13, True)]


def _numbered(line: str) -> str:
    """The 2017 text with `line` added after clause 5.5 (the last of 五)."""
    text = _retitled()
    at = text.index("六、调查研究与建言献策")
    return text[:at] + line + "\n" + text[at:]


@pytest.mark.parametrize(("line", "said"), [
    ("5.线上学术交流活动，在线参与规模不少于300人。", "条款号“5.”在“五、学术交流活动”一节第 34 行已经用过（条款 5.5）"),
    ("６．线上学术交流活动，在线参与规模不少于300人。", "条款号“６．”用了全角数字：请改成半角的“6.”"),
    ("6，线上学术交流活动，在线参与规模不少于300人。", "序号后面是“，”"),
])
def test_a_numbering_typo_in_the_text_is_said_at_its_line(tmp_path: Path, line: str, said: str) -> None:
    _2019(tmp_path, title=RETITLED, text=_numbered(line), rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(tmp_path) if p.file.endswith(".txt")]
    assert [(p.file, p.line) for p in problems] == [("validators/guidelines/2019.txt", 35)]
    assert said in problems[0].message
    # The first clause of a number keeps its words.
    assert guideline_text(2019, tmp_path).clauses()["5.5"].startswith("其他学术交流活动")


def test_a_number_that_jumps_ahead_is_said_where_it_jumped(tmp_path: Path) -> None:
    """「1. 2. 5. 4. 5.」 said the correct 4. and 5. after the slip (排在条款 7.5 之后, 已经用过),
    not the 5. where the numbering jumped."""
    text = _retitled(lambda t: t.replace("3.支持学会开展党建工作", "5.支持学会开展党建工作"))
    _2019(tmp_path, title=RETITLED, text=text, rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(tmp_path) if p.file.endswith(".txt")]
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("5.支持学会开展党建"))) + 1
    assert [p.line for p in problems] == [line]
    assert "条款号“5.”跳号了（上一条是条款 7.2，下一条是条款 7.4）：此处应为“3.”" in problems[0].message
    clauses = guideline_text(2019, tmp_path).clauses()
    assert "7.3" not in clauses  # the slip stands for no clause
    assert clauses["7.4"].startswith("支持学会参与中国科协")
    assert clauses["7.5"].startswith("支持学会参与成都全球")


def test_a_numbered_line_between_two_consecutive_clauses_is_said_as_one_too_many(tmp_path: Path) -> None:
    """1. 2. 9. 3.: no number fits between 2. and 3., so the 9. is a paragraph numbered by
    mistake (or a clause the rest were not renumbered for), never 「应在 7.2 与 7.3 之间」."""
    text = _retitled(lambda t: t.replace("3.支持学会开展党建工作", "9.另起一段。\n3.支持学会开展党建工作"))
    _2019(tmp_path, title=RETITLED, text=text, rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(tmp_path) if p.file.endswith(".txt")]
    line = text.splitlines().index("9.另起一段。") + 1
    assert [p.line for p in problems] == [line]
    assert ("条款号“9.”跳号了（上一条是条款 7.2，下一条是条款 7.3）：条款 7.3 紧接条款 7.2，这一段不该有条款号："
            "若是上一条的续文，请删去“9.”") in problems[0].message
    assert "之间" not in problems[0].message


def test_a_number_out_of_order_is_said(tmp_path: Path) -> None:
    text = _retitled(lambda t: t.replace("5.其他学术交流活动", "7.其他学术交流活动"))
    at = text.index("六、调查研究与建言献策")
    _2019(tmp_path, title=RETITLED, text=text[:at] + "6.线上学术交流活动。\n" + text[at:],
          rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(tmp_path) if p.file.endswith(".txt")]
    assert [p.line for p in problems] == [34]  # where 4. jumped to 7., not the 6. after it
    assert "条款号“7.”跳号了（上一条是条款 5.4，下一条是条款 5.6）：此处应为“5.”" in problems[0].message
    text = _retitled()
    at = text.index("六、调查研究与建言献策")
    later = tmp_path / "later"  # a lower number after two in order: said where it goes back
    _2019(later, title=RETITLED, text=text[:at] + "7.线上。\n8.线下。\n6.其他。\n" + text[at:],
          rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(later) if p.file.endswith(".txt")]
    assert [p.line for p in problems] == [37]
    assert "条款号“6.”排在条款 5.8 之后" in problems[0].message


def test_a_full_width_number_names_the_clause_it_means(tmp_path: Path) -> None:
    _2019(tmp_path, title=RETITLED, text=_numbered("６．线上学术交流活动，在线参与规模不少于300人。"))
    assert "5.6" in guideline_text(2019, tmp_path).clauses()


def test_an_area_headed_twice_is_said(tmp_path: Path) -> None:
    _2019(tmp_path, title=RETITLED, text=_numbered("五、线上活动"), rubric=f"statement: 《{RETITLED}》。\n")
    problems = [p for p in year_problems(tmp_path) if p.file.endswith(".txt")]
    assert [p.line for p in problems] == [35]
    assert "领域标题“五、”在第 28 行已经出现过" in problems[0].message


def test_points_have_no_ceiling_but_the_years_caps(tmp_path: Path) -> None:
    """No 100 is written in the code: an area's cap (the year's number) bounds its rules, and the
    policy's bound only refuses a mistyped number of many digits."""
    _2019(tmp_path, rubric="""
        academic_events:
          cap: 120
          category:
            综合性学术年会: {clause: "5.1", points: 110, max_count: 1, label: 大型综合性学术年会}
            全国性学术交流: {clause: "5.2", points: 5, label: 大型全国性学术交流活动}
            国际性学术交流: {clause: "5.3", points: 5, label: 国际性学术交流活动}
            大型社会活动: {clause: "5.4", points: 3, label: 大型社会活动}
            其他: {clause: "5.5", points: 1, label: 其他学术交流活动}
        """)
    assert year_problems(tmp_path) == []
    points = rubric(2019, tmp_path)
    assert points is not None
    assert (points.academic_events.cap, points.academic_events.category["annual_conference"].points) == (120, 110)
    reread_rubrics()
    _2019(tmp_path, rubric="academic_events:\n  cap: 2000000\n")
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/rubrics/2019.yaml", 6)
    assert "100000" in problem.message
    # An expert's mark is held to its criterion's range (which the cap bounds), not to 100.
    mark = ExpertMark.model_validate_json('{"criterion": "c", "expert": "expert-a", "mark": 110, "date": "2019-12-01"}')
    assert mark.mark == 110


@pytest.mark.parametrize(("line", "said"), [
    ("5.线上学术交流活动，在线参与规模不少于300人。", "条款号“5.”在“五、学术交流活动”一节第 34 行已经用过"),
    ("6，线上学术交流活动，在线参与规模不少于300人。", "序号后面是“，”"),
])
def test_a_numbering_typo_is_said_once_not_with_its_consequences(tmp_path: Path, line: str, said: str) -> None:
    """The year files cite 5.6, which the typo leaves the text without: the typo is the one
    problem said, naming the places that follow from it, and the check still fails."""
    _2019(tmp_path, title=RETITLED, text=_numbered(line), guideline="""
        kinds:
          event_categories:
            add:
              - {code: online_exchange, label: 线上学术交流, clause: "5.6", criteria: {min_participants: 300}}
        """, rubric=f"""
        statement: 《{RETITLED}》。
        academic_events:
          category:
            线上学术交流: {{clause: "5.6", points: 2, label: 线上学术交流活动}}
        """)
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/guidelines/2019.txt", 35)
    assert said in problem.message
    assert ("引用这一节的 2 处对不上原文（validators/guidelines/2019.yaml 第 13 行、validators/rubrics/2019.yaml 第 9 行）"
            in problem.message)
    assert [f.code for f in check_tree(tmp_path)[0].findings if f.file.startswith("validators/")] == ["E-YEAR-FILE"]


def test_a_heading_written_twice_is_said_once_not_with_its_consequences(tmp_path: Path) -> None:
    _2019(tmp_path, title=RETITLED, text=_numbered("五、线上活动"), rubric=f"statement: 《{RETITLED}》。\n")
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/guidelines/2019.txt", 35)
    assert "领域标题“五、”在第 28 行已经出现过" in problem.message
    # The title of 五 the year carries no longer matches the second heading: said with the typo.
    assert "1 处对不上原文（validators/guidelines/2019.yaml 第 2 行）" in problem.message


def test_a_rubric_typo_withholds_the_years_scores_not_its_checks(tmp_path: Path) -> None:
    """README: a mistyped rubric key is said at the rubric; the year's reports are still checked
    (the check reads the guideline alone), and `evaluate` gives that year no score (exit 1)."""
    root = base_tree(tmp_path / "tree")
    _2019(root, rubric="innovation:\n  platfrom_registered: {points: 4}\n")
    report = root / "submissions" / "cd-mech-eng" / "2019.yaml"
    report.write_text("society: cd-mech-eng\nyear: 2019\nmajor_work:\n  - id: mw-a\n    kind: 党建\n    title: 主题党日\n"
                      "    date: 2019-05-01\n    description: 开展主题党日活动\n    evidence: ['javascript:alert(1)']\n",
                      encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *args], capture_output=True,
                              text=True, timeout=300, cwd=ROOT)

    checked = run("check", "--format", "json")
    found = {(f["file"], f["code"]) for f in json.loads(checked.stdout)["findings"]}
    assert ("validators/rubrics/2019.yaml", "E-YEAR-FILE") in found
    assert ("submissions/cd-mech-eng/2019.yaml", "E-EVIDENCE-URL-SCHEME") in found  # checked all the same
    assert ("submissions/cd-mech-eng/2019.yaml", "E-YEAR-FILE") not in found  # no 「暂时无法校验和评分」
    scored = run("evaluate", "--year", "2019")
    assert scored.returncode == 1, scored.stdout + scored.stderr
    assert "2019 年度的指南或细则文件有误，该年度未评估" in scored.stderr


_TECH_TRANSFER = "      - {code: tech_transfer, label: 技术成果转化, aliases: [成果转化]}\n"


def _tech_text(text: str) -> str:
    """The 2017 text with 技术成果转化 named in clause 1.4, as the staff wrote 2019's."""
    return text.replace("科技类咨询、培训等服务", "科技类咨询、培训、技术成果转化等服务")


def test_a_kind_the_clause_names_but_does_not_list_is_said_at_the_kind(tmp_path: Path) -> None:
    _2019(tmp_path, "kinds:\n  service_kinds:\n    add:\n" + _TECH_TRANSFER, text=_text(_tech_text))
    problems = [p for p in year_problems(tmp_path) if p.file.startswith("validators/guidelines")]
    assert [(p.file, p.line) for p in problems] == [("validators/guidelines/2019.yaml", 12)]
    message = problems[0].message
    assert "条款 1.4" in message
    assert "“技术成果转化”" in message
    assert 'clause_service_kinds: {"1.4": {add: [技术成果转化]}}' in message


def test_a_kind_the_clause_names_and_lists_passes(tmp_path: Path) -> None:
    _2019(tmp_path, "kinds:\n  service_kinds:\n    add:\n" + _TECH_TRANSFER
          + 'clause_service_kinds:\n  "1.4": {add: [技术成果转化]}\n', text=_text(_tech_text))
    assert year_problems(tmp_path) == []


def test_a_kind_listed_under_another_clause_that_names_it_too_passes(tmp_path: Path) -> None:
    both = _text(lambda t: _tech_text(t).replace("引智、引才、融资等服务", "引智、引才、融资、技术成果转化等服务"))
    _2019(tmp_path, "kinds:\n  service_kinds:\n    add:\n" + _TECH_TRANSFER
          + 'clause_service_kinds:\n  "1.5": {add: [技术成果转化]}\n', text=both)
    assert year_problems(tmp_path) == []


def test_a_shorter_kind_inside_a_longer_name_is_not_named(tmp_path: Path) -> None:
    """成果转化 (a kind of its own here) is part of the longer 技术成果转化 the clause names."""
    _2019(tmp_path, "kinds:\n  service_kinds:\n    add:\n      - {code: tech_transfer, label: 技术成果转化}\n"
          "      - {code: transfer, label: 成果转化}\n"
          + 'clause_service_kinds:\n  "1.4": {add: [技术成果转化]}\n', text=_text(_tech_text))
    assert year_problems(tmp_path) == []


@pytest.mark.parametrize("entry", ["[科技咨询, 科技培训, 研发指导, 创新方法培训, 技术成果转换]",
                                   "{add: [技术成果转换]}"])
def test_a_misspelt_kind_of_a_clause_is_said_at_its_line(tmp_path: Path, entry: str) -> None:
    _2019(tmp_path, "kinds:\n  service_kinds:\n    add:\n" + _TECH_TRANSFER
          + f'clause_service_kinds:\n  "1.4": {entry}\n', text=_text(_tech_text))
    [problem] = year_problems(tmp_path)
    assert (problem.file, problem.line) == ("validators/guidelines/2019.yaml", 14)
    assert "“技术成果转换”不是本年度的服务类型" in problem.message
    assert "技术成果转化" in problem.message
    assert "研发指导" in problem.message
    assert "不符合要求" not in problem.message
