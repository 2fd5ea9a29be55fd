"""Broken or hostile year files (a tree's own guideline, text or rubric) are said in Chinese at
the file and line, as a report would be, and never crash, hang or contradict themselves: read
within a report's limits, their characters held to the same rules, never opened unless they
are regular files. Every year file here is a copy in the test's own tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT, base_tree
from validators.yaml.loading import load_text
from validators.yaml.policy import policy
from validators.year.consistency import year_problems

DEPTH = policy().yaml.max_depth
YEAR_FILES = ("guidelines/2018.yaml", "rubrics/2018.yaml")


def _cli(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *command],
                          capture_output=True, text=True, check=False, cwd=ROOT, timeout=300)


def _nested(levels: int) -> str:
    return "x: " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("name", YEAR_FILES)
def test_a_year_file_nested_too_deep_is_said_at_its_line(tmp_path: Path, name: str) -> None:
    root = base_tree(tmp_path)
    (root / "validators" / name).write_text(_nested(1000), encoding="utf-8")
    problems = [p for p in year_problems(root) if p.file == f"validators/{name}"]
    # The finding a report gets, at the bracket that goes one level too deep.
    said = load_text(_nested(1000), "r.yaml", DEPTH).findings[0]
    assert said.code == "E-YAML-TOO-DEEP"
    assert [(p.line, p.column, p.message) for p in problems] == [(said.line, said.column, said.message)]
    assert (said.line, said.column) == (1, 3 + DEPTH)


@pytest.mark.parametrize(("name", "command"), [(YEAR_FILES[0], "evaluate"), (YEAR_FILES[1], "check")])
def test_a_year_file_nested_a_hundred_thousand_deep_is_a_finding_not_a_crash(
        tmp_path: Path, name: str, command: str) -> None:
    root = base_tree(tmp_path)
    (root / "validators" / name).write_text(_nested(100_000), encoding="utf-8")
    done = _cli(root, command)
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert "内部错误" not in done.stderr
    assert f"validators/{name}:1:{3 + DEPTH}" in done.stdout + done.stderr
    assert f"嵌套超过 {DEPTH} 层" in done.stdout + done.stderr


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\u202e"])
def test_a_control_character_in_a_guideline_text_is_said_where_it_is(tmp_path: Path, character: str) -> None:
    root = base_tree(tmp_path)
    text = root / "validators" / "guidelines" / "2017.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3][:2] + character + lines[3][2:]
    text.write_text("\n".join(lines), encoding="utf-8")
    problems = [p for p in year_problems(root) if p.file == "validators/guidelines/2017.txt"]
    # In the words the YAML check says the same character in.
    said = load_text("a: 1\n\n\n" + lines[3][:2] + character + "\n", "r.yaml", DEPTH).findings[0]
    assert said.code == "E-YAML-CONTROL-CHAR"
    assert [(p.line, p.column, p.message) for p in problems] == [(4, 3, said.message)]


def _dir(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


KINDS = {"文件夹": _dir, "命名管道（FIFO）": _fifo, "字符设备": _dev_zero}


@pytest.mark.parametrize("name", [*YEAR_FILES, "guidelines/2017.txt"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_year_file_that_is_no_regular_file_is_said_unopened(tmp_path: Path, name: str, kind: str) -> None:
    root = base_tree(tmp_path)
    path = root / "validators" / name
    path.unlink()
    KINDS[kind](path)
    problems = [p for p in year_problems(root) if p.file == f"validators/{name}"]
    assert [(p.line, p.column) for p in problems] == [(1, 1)], problems
    assert problems[0].message.startswith(f"“{path.name}”是{kind}，不是普通文件，检查时不会打开它")


def _check(root: Path) -> list[dict[str, object]]:
    done = _cli(root, "check", "--format", "json")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    findings: list[dict[str, object]] = json.loads(done.stdout)["findings"]
    assert not [f for f in findings if f["code"] == "E-YEAR-UNKNOWN"]  # never 「2018 年没有…可提交的年度为 2017、2018」
    return findings


def test_a_guideline_that_is_a_pipe_is_said_and_its_years_reports_wait_for_it(tmp_path: Path) -> None:
    root = base_tree(tmp_path)
    path = root / "validators" / "guidelines" / "2018.yaml"
    path.unlink()
    os.mkfifo(path)
    findings = _check(root)
    assert [f["message"] for f in findings if f["file"] == "validators/guidelines/2018.yaml"] == [
        "“2018.yaml”是命名管道（FIFO），不是普通文件，检查时不会打开它：请删除它，改为提交普通的 YAML 文本文件。"]
    reports = {f["file"]: f for f in findings if str(f["file"]).startswith("submissions/")
               and str(f["file"]).endswith("/2018.yaml")}
    assert reports
    assert all(f["code"] == "E-YEAR-FILE" and "validators/guidelines/2018.yaml 第 1 行" in str(f["message"])
               for f in reports.values())


def test_a_rubric_that_is_a_folder_is_said_and_the_check_goes_on(tmp_path: Path) -> None:
    """A rubric that does not read withholds its year's scores, not its reports' checks (README);
    the staff's reviews of that year, read against its points, wait for it."""
    root = base_tree(tmp_path)
    path = root / "validators" / "rubrics" / "2018.yaml"
    path.unlink()
    path.mkdir()
    findings = _check(root)
    assert [f["code"] for f in findings if f["file"] == "validators/rubrics/2018.yaml"] == ["E-YEAR-FILE"]
    reviews = [f for f in findings if str(f["file"]).startswith("reviews/2018/")]
    assert reviews
    assert all(f["code"] == "E-YEAR-FILE" and "validators/rubrics/2018.yaml 第 1 行" in str(f["message"])
               for f in reviews)
    assert any(str(f["file"]).startswith("submissions/") for f in findings)  # the reports were checked


def test_a_profile_read_while_no_year_reads_is_told_where_the_newest_is_broken(tmp_path: Path) -> None:
    """2018 carries 2017's text forward: a NUL in it leaves no year to check a profile against."""
    root = base_tree(tmp_path)
    text = root / "validators" / "guidelines" / "2017.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3][:2] + "\x00" + lines[3][2:]
    text.write_text("\n".join(lines), encoding="utf-8")
    findings = _check(root)
    profiles = [f for f in findings if str(f["file"]).endswith("/society.yaml")]
    assert profiles
    assert all(f["code"] == "E-YEAR-FILE" and "validators/guidelines/2017.txt 第 4 行" in str(f["message"])
               and "学会资料" in str(f["message"]) for f in profiles)
