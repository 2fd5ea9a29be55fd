"""A kind an earlier year had (大型社会活动, renamed 大型科普活动 in 2019; 科技扶贫, dropped) is
said to be that year's name, with the kind the year files link it to: the same code renamed,
or nothing to offer. No table of renames is kept in Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.trees import ROOT
from tests.year_trees import renamed_year_tree, renumbered_year_tree


def test_a_former_name_says_its_year_and_today_s_name(tmp_path: Path) -> None:
    root = renamed_year_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-computer" / "2019.yaml"
    text = report.read_text("utf-8")
    assert "category: 大型科普活动" in text
    assert "kind: 党建" in text
    report.write_text(text.replace("category: 大型科普活动", "category: 大型社会活动")
                      .replace("kind: 党建", "kind: 科技扶贫"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check", str(report)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if "E-KIND-UNKNOWN" in line]
    renamed = next(line for line in lines if "“大型社会活动”不是" in line)
    assert "“大型社会活动”是 2018 年度的名称，2019 年度改称“大型科普活动”" in renamed
    dropped = next(line for line in lines if "“科技扶贫”不是" in line)
    assert "“科技扶贫”是 2018 年度的重大工作类别，2019 年度已没有这一类。" in dropped


def test_a_former_name_cites_the_clause_of_the_kind_it_was_renamed_to(tmp_path: Path) -> None:
    """大型社会活动, renamed 大型科普活动 (5.4): its E-KIND-UNKNOWN and the item's zero score line
    cite 5.4, not nothing; 科技扶贫, which 2019 ends, has no clause to cite."""
    from validators.check import check_tree
    from validators.evaluation.evaluate import evaluate_repository
    from validators.year.guideline import reread_guidelines
    from validators.year.rubric import reread_rubrics

    root = renamed_year_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-computer" / "2019.yaml"
    report.write_text(report.read_text("utf-8").replace("category: 大型科普活动", "category: 大型社会活动")
                      .replace("kind: 党建", "kind: 科技扶贫"), encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    try:
        result, repo = check_tree(root)
        [evaluation] = [e for e in evaluate_repository(repo, 2019) if e.society == "cd-computer"]
    finally:
        reread_guidelines()
        reread_rubrics()
    unknown = {f.message[1:f.message.index("”")]: f.clause for f in result.findings if f.code == "E-KIND-UNKNOWN"}
    assert unknown == {"大型社会活动": "5.4", "科技扶贫": None}, unknown
    lines = {line.item_id: line.clause for line in evaluation.lines if line.finding == "E-KIND-UNKNOWN"}
    assert lines == {"evt-science-day-2019": "5.4", "mw-party-2019": None}, lines


def test_a_name_no_year_had_gets_no_such_words(tmp_path: Path) -> None:
    root = renamed_year_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-computer" / "2019.yaml"
    report.write_text(report.read_text("utf-8").replace("category: 大型科普活动", "category: 火星活动"),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check", str(report)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    [line] = [line for line in done.stdout.splitlines() if "E-KIND-UNKNOWN" in line]
    assert "年度的名称" not in line
    assert "已没有这一类" not in line


ENDED_REPORT = """society: cd-mech-eng
year: 2019
major_work:
  - id: mw-poverty
    kind: 科技扶贫
    title: 对口帮扶
    date: 2019-07-01
    description: 组织专家赴对口帮扶县开展技术指导。
    evidence:
      - https://example.org/cast-sample/cd-mech-eng/2019/mw-poverty
"""


def test_an_ended_kind_is_never_matched_to_the_kind_now_at_its_clause_number(tmp_path: Path) -> None:
    """2019 ends 7.2 科技扶贫 and renumbers 党建 (7.3) as 7.2: poverty work is not told to be 党建,
    only that the year has no such category any more; the form's data says the same."""
    from site_builder.form_labels import guide_data
    from validators.year.guideline import guideline

    root = renumbered_year_tree(tmp_path / "tree")
    report = root / "submissions" / "cd-mech-eng" / "2019.yaml"
    report.write_text(ENDED_REPORT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check", str(report)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    [line] = [line for line in done.stdout.splitlines() if "E-KIND-UNKNOWN" in line]
    said = "“科技扶贫”是 2018 年度的重大工作类别，2019 年度已没有这一类。"
    assert said in line
    assert "党建”。" not in line.split(said)[1]
    assert "同一条款" not in line
    rules = guideline(2019, root)
    assert rules is not None
    assert guide_data(rules, root=root)["renamed"]["kinds"]["MajorWork.kind"]["科技扶贫"] == said


def test_a_rubric_rule_of_an_ended_kind_says_to_write_it_null(tmp_path: Path) -> None:
    """2019 ends 科技扶贫; a rubric that still scores it (inherited from 2018) is told the fix."""
    from validators.year.consistency import year_problems
    from validators.year.guideline import reread_guidelines
    from validators.year.rubric import reread_rubrics

    root = renumbered_year_tree(tmp_path / "tree")
    rubric = root / "validators" / "rubrics" / "2019.yaml"
    text = rubric.read_text("utf-8")
    assert "    科技扶贫: null\n" in text
    rubric.write_text(text.replace("    科技扶贫: null\n", ""), encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    try:
        said = [p.message for p in year_problems(root) if "科技扶贫" in p.message]
    finally:
        reread_guidelines()
        reread_rubrics()
    assert said, said
    assert "请在本年度细则的 major_work: kind: 下写一行 科技扶贫: null（不再计分）" in said[0], said


def test_a_rubric_table_by_kind_written_empty_says_it_is_empty_and_how_to_rename(tmp_path: Path) -> None:
    """`category:` with nothing under it drops the carried table: not “缺少必填字段” at a line that
    is there, but that it is empty, and the one line a kind the year renames needs."""
    from validators.year.consistency import year_problems
    from validators.year.guideline import reread_guidelines
    from validators.year.rubric import reread_rubrics

    root = renamed_year_tree(tmp_path / "tree")
    rubric = root / "validators" / "rubrics" / "2019.yaml"
    text = rubric.read_text("utf-8")
    table = text[text.index("\nacademic_events:\n"):text.index("\nmajor_work:\n")]
    rubric.write_text(text.replace(table, "\nacademic_events:\n  category:"), encoding="utf-8")
    line = rubric.read_text("utf-8").splitlines().index("  category:") + 1
    reread_guidelines()
    reread_rubrics()
    try:
        [problem] = [p for p in year_problems(root) if p.file.endswith("rubrics/2019.yaml")]
    finally:
        reread_guidelines()
        reread_rubrics()
    assert (problem.line, problem.column) == (line, 3), problem
    assert "缺少必填字段" not in problem.message
    assert problem.message.startswith("academic_events: 下的 category: 是空的（空值表示删去沿用的上一年度的这一项）"), problem
    assert ("“大型社会活动”在 2019 年度改称“大型科普活动”：请在本年度细则的 academic_events: category: 下写 "
            "大型社会活动: null，并为“大型科普活动”写一条规则。") in problem.message, problem
