"""Every file under tests/data/valid/ is a correct submission: no finding at all, in process
and through the command line. Adding a case is adding a society folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.check import check_file, check_tree
from validators.models.report import ITEM_AREAS, YearReport

VALID = Path(__file__).parent / "data" / "valid"
CASES = sorted(p for p in VALID.glob("*/*.yaml"))


def test_there_are_valid_examples() -> None:
    assert {p.name for p in CASES} >= {"society.yaml", "2017.yaml"}


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(VALID)))
def test_valid_file_has_no_finding(path: Path) -> None:
    assert check_file(path, VALID).findings == []


def test_valid_tree_has_no_finding_across_files() -> None:
    result, repo = check_tree(VALID, [VALID])
    assert result.findings == []
    assert result.files == len(CASES)
    assert len(repo.reports) == len([p for p in CASES if p.name != "society.yaml"])


def test_valid_examples_touch_every_area() -> None:
    areas = {"innovation", "government_functions", *ITEM_AREAS}
    touched: set[str] = set()
    for path in CASES:
        outcome = check_file(path, VALID)
        if outcome.report:
            report: YearReport = outcome.report.report
            touched |= {a for a in areas if getattr(report, a)}
    assert touched == areas


def test_command_line_exits_zero_on_valid_tree() -> None:
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(VALID), "check",
                           "--format", "json", str(VALID)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == {"files": len(CASES), "findings": []}
    assert done.stderr == ""
