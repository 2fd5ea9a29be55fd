"""A year whose files disagree with each other or with its text (E-YEAR-FILE) publishes no
score: `evaluate` leaves it out and exits 1 saying where, the site is not generated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from tests.year_trees import renamed_year_tree

# The 2019 text raises the annual conference's minimum to 150; staff forget the year file.
RAISED = "      annual_conference: {criteria: {min_participants: 150}}\n"


def _cli(root: Path, *command: str, module: str = "validators") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, "--root", str(root), *command],
                          capture_output=True, text=True, check=False, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def forgot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = renamed_year_tree(tmp_path_factory.mktemp("forgot"))
    year_file = root / "validators" / "guidelines" / "2019.yaml"
    text = year_file.read_text("utf-8")
    assert RAISED in text
    year_file.write_text(text.replace(RAISED, ""), encoding="utf-8")
    return root


def _years(csv: str) -> set[str]:
    return {line.split(",")[0].lstrip("\ufeff") for line in csv.splitlines()[1:]}


def test_the_year_asked_for_is_not_scored(forgot: Path) -> None:
    assert "E-YEAR-FILE" in _cli(forgot, "check").stdout
    done = _cli(forgot, "evaluate", "--year", "2019", "--format", "csv")
    assert done.returncode == 1
    assert "2019" not in _years(done.stdout)
    assert "2019 年度的指南或细则文件有误，该年度未评估" in done.stderr
    assert "validators/guidelines/2019.yaml:" in done.stderr
    assert "min_participants 是 100" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_other_years_are_scored_and_the_run_fails(forgot: Path) -> None:
    done = _cli(forgot, "evaluate", "--format", "csv")
    assert done.returncode == 1
    assert _years(done.stdout) == {"2017", "2018"}
    assert "2019 年度的指南或细则文件有误" in done.stderr
    other = _cli(forgot, "evaluate", "--year", "2018", "--format", "csv")
    assert other.returncode == 0, other.stderr
    assert "2019" not in other.stderr


def test_the_site_is_not_generated(forgot: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "kept.md").write_text("旧网站", encoding="utf-8")
    done = _cli(forgot, "generate", "--out", str(out), module="site_builder")
    assert done.returncode == 1
    assert "网站没有生成，原有网站保持不变" in done.stderr
    assert "validators/guidelines/2019.yaml:" in done.stderr
    assert [p.name for p in out.iterdir()] == ["kept.md"]


def test_a_consistent_year_is_scored(tmp_path: Path) -> None:
    done = _cli(renamed_year_tree(tmp_path), "evaluate", "--year", "2019", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert _years(done.stdout) == {"2019"}
