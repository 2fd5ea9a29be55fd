"""`python -m validators evaluate`: ranking, breakdown, stable JSON, Excel-friendly CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT, profile, write_tree

REPORT_A = """
society: cd-a
year: 2017
innovation:
  enterprise_platform_registered: true
  senior_experts_total: 10
  senior_experts_registered: 6
major_work:
  - {id: mw-1, kind: 党建, title: "=HYPERLINK(\\"http://evil\\")", date: 2017-07-01, description: 党建工作}
"""
REPORT_B = """
society: cd-b
year: 2017
major_work:
  - {id: mw-1, kind: 科技扶贫, title: 科技扶贫, date: 2017-07-01, description: 下乡服务}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {
        "submissions/cd-a/society.yaml": profile("cd-a"),
        "submissions/cd-b/society.yaml": profile("cd-b"),
        "submissions/cd-a/2017.yaml": REPORT_A,
        "submissions/cd-b/2017.yaml": REPORT_B,
    })


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "evaluate", *args],
                          capture_output=True, cwd=ROOT, timeout=60, check=False)
    # Decoded without newline translation, so the CSV's CRLF stays visible.
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def test_json_is_stable_and_ranked(tree: Path) -> None:
    first, second = run(tree, "--format", "json"), run(tree, "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    societies = [(e["society"], e["total"], e["tier"]) for e in data["evaluations"]]
    # cd-a: 1.1 (3) + 1.2 at 60 % (4) + 党建 (2) = 9; cd-b: 科技扶贫 (3)
    assert societies == [("cd-a", 9.0, "未入档"), ("cd-b", 3.0, "未入档")]
    lines = data["evaluations"][0]["lines"]
    assert sum(x["points"] for x in lines) == 9.0
    assert {x["clause"] for x in lines} == {"1.1", "1.2", "7.3"}
    assert all(x["file"] == "submissions/cd-a/2017.yaml" and x["line"] >= 1 for x in lines)
    assert data["evaluations"][0]["rubric"] == "default-2017"
    assert data["evaluations"][0]["guideline_year"] == 2017


def test_csv_opens_in_excel_and_neutralises_formulas(tree: Path) -> None:
    out = run(tree, "--format", "csv", "--society", "cd-a")
    assert out.returncode == 0
    raw = out.stdout
    assert raw.startswith("\ufeff")
    assert "\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert rows[0][:3] == ["年度", "领域", "条款"]
    notes = [row[6] for row in rows[1:]]
    assert any(note.startswith("学会党建工作：") for note in notes)
    ranking = list(csv.reader(io.StringIO(run(tree, "--format", "csv").stdout.lstrip("\ufeff"))))
    assert [row[2] for row in ranking[1:]] == ["cd-a", "cd-b"]


def test_formula_text_is_prefixed() -> None:
    from validators.csv_export import excel_cell

    assert excel_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert excel_cell("-3") == "-3"
    assert excel_cell("@SUM(A1)") == "'@SUM(A1)"
    assert excel_cell("成都") == "成都"


def test_breakdown_and_usage_errors(tree: Path) -> None:
    text = run(tree, "--society", "cd-b")
    assert text.returncode == 0
    assert "条款 7.2" in text.stdout
    assert run(tree, "--society", "cd-ghost").returncode == 2
    missing_year = run(tree, "--year", "2031")
    assert missing_year.returncode == 2
    assert "2031" in missing_year.stderr
    assert "已有年度：2017、2018" in missing_year.stderr  # 2018: a guideline, no report yet
    assert "Traceback" not in missing_year.stderr


@pytest.mark.parametrize(("fmt", "empty"), [("json", {"evaluations": []}), ("csv", 1), ("text", "")])
def test_a_year_written_but_not_yet_reported_is_an_empty_evaluation(tree: Path, fmt: str, empty: object) -> None:
    """The tree reports 2017 only; 2018 has its guideline: asking for it right after writing the
    year is no mistyped command (exit 2) but a year with nothing yet to score."""
    done = run(tree, "--year", "2018", "--format", fmt)
    assert done.returncode == 0
    assert done.stderr == "2018 年度还没有学会提交报告，没有可以评估的内容。\n"
    if fmt == "json":
        assert json.loads(done.stdout) == empty
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"))))) == empty  # the header alone
    else:
        assert done.stdout.strip() == empty


def test_evaluation_records_hold_every_field_as_asdict_does() -> None:
    from dataclasses import asdict

    from validators.check import check_tree
    from validators.evaluation.evaluate import evaluate_repository
    from validators.evaluation.scoring import Evaluation

    _, repo = check_tree(ROOT)
    evaluations = evaluate_repository(repo)
    assert evaluations
    assert any(e.item_tiers and e.advice for e in evaluations)
    # All but `pending` and `waiting_tiers` (what verification would add and the tiers it would
    # give, said on the pages) and `association_warnings` (the warnings the public 备注 does not
    # count), and an advice's `parts` (the clauses that share its gain): a record written keeps
    # the fields it always had, as the results files do.
    said_only = ("pending", "waiting_tiers", "association_warnings")

    def written(e: Evaluation) -> dict[str, object]:
        record = {k: v for k, v in asdict(e).items() if k not in said_only}
        record["advice"] = [{k: v for k, v in a.items() if k != "parts"} for a in record["advice"]]
        return record

    assert any(a.parts for e in evaluations for a in e.advice)  # the sample has such advice
    assert all(e.to_dict() == written(e) for e in evaluations)


def test_json_has_one_evaluation_per_line(tree: Path) -> None:
    proc = run(tree, "--format", "json")
    lines = proc.stdout.splitlines()
    count = len(json.loads(proc.stdout)["evaluations"])
    assert count > 1
    assert len(lines) == count + 2
    assert all(json.loads(line.rstrip(","))["society"] for line in lines[1:-1])


def test_the_text_output_says_each_reports_errors_and_warnings() -> None:
    from tests.guarded import run_in_process

    fidelity = ROOT / "tests" / "data" / "fidelity"
    done = run_in_process("--root", fidelity / "window-edges", "evaluate")
    assert done.returncode == 0, done.stderr
    heading, header, row = done.stdout.decode("utf-8").splitlines()
    assert heading.startswith("2017 年度：按 "), heading  # the phase its numbers count by
    assert header == "年度\t名次\t总分\t档次\t学会（id）\t备注"
    assert row.endswith("\t2 个错误（有错误的项目不计分），0 个警告"), row
    done = run_in_process("--root", fidelity / "report-fails-schema", "evaluate", "--society", "cd-case")
    first = done.stdout.decode("utf-8").splitlines()[1]
    assert "0 分" in first
    assert first.endswith("1 个错误，0 个警告：报告无法读取或格式不符，未计分"), first


def test_a_later_years_new_area_title_does_not_relabel_the_earlier_years_columns(tmp_path: Path) -> None:
    """With a 2019 that renames area 1, the downloads' one ranking table (every year) headed
    2017's and 2018's scores with the 2019 name; the column now names both, each from its year."""
    from tests.test_new_year import CHANGES, _tree
    from validators.check import check_tree
    from validators.evaluation.reports import ranking_header
    from validators.evaluation.results import as_published

    root = _tree(tmp_path, CHANGES["a reworded area"])
    _, repo = check_tree(root)
    evaluations, _, _ = as_published(repo)
    assert {e.year for e in evaluations} >= {2017, 2018, 2019}
    every = ranking_header(evaluations, root)
    assert "创新驱动助力工程／创新驱动发展工程（2019 年起）" in every
    earlier = ranking_header([e for e in evaluations if e.year < 2019], root)
    assert "创新驱动助力工程" in earlier
    assert not any("发展工程" in h for h in earlier)
    assert "创新驱动发展工程" in ranking_header([e for e in evaluations if e.year == 2019], root)
