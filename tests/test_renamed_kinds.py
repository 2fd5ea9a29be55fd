"""A kind an earlier year had (大型社会活动, renamed 大型科普活动 in 2019; 科技扶贫, dropped) is
said to be that year's name, with the kind the year files link it to: the same code renamed,
or nothing to offer. No table of renames is kept in Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.trees import ROOT
from tests.year_trees import renamed_year_tree


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
