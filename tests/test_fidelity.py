"""Acceptance cases written from the guideline's words, one per clause and threshold edge.

Each folder of `tests/data/fidelity/` is a small repository root (its own year files where it
needs them) with `expected.yaml`: the finding codes `check` must give each file, and the
points `evaluate` must give each item (the sum of the item's score lines) and each report.
Adding a case is adding a folder.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.trees import ROOT
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Evaluation
from validators.findings import Finding
from validators.models.report import ITEM_AREAS, YearReport
from validators.repository import Repository

FIDELITY = ROOT / "tests" / "data" / "fidelity"
CASES = sorted(p for p in FIDELITY.iterdir() if (p / "expected.yaml").is_file())
HOSTILE = ROOT / "tests" / "data" / "hostile"


def _expected(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "expected.yaml").read_text("utf-8"))


def _points_by_item(e: Evaluation) -> dict[str, float]:
    points: dict[str, float] = defaultdict(float)
    for line in e.lines:
        if line.item_id:
            points[line.item_id] += line.points
    return points


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_gets_its_verdicts_and_points(case: Path) -> None:
    expected = _expected(case)
    for key in ("guideline", "why", "clause"):
        assert expected[key], key
    result, repo = check_tree(case)
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    for f in result.findings:
        codes[f.file][f.code] += 1
    for file, wanted in expected["findings"].items():
        assert codes.get(file, Counter()) == Counter(wanted), file
    assert set(codes) <= set(expected["findings"]), "findings in files the case does not expect"
    evaluations = {f"{e.society}/{e.year}": e for e in evaluate_repository(repo)}
    for report, wanted in expected["points"].items():
        e = evaluations[report]
        assert e.total == wanted["total"], report
        got = _points_by_item(e)
        for item, points in wanted.items():
            if item != "total":
                assert item in got, f"{report}: no score line for {item}"
                assert got[item] == points, f"{report}: {item}"
        assert sum(line.points for line in e.lines) == e.total


def test_every_threshold_edge_has_a_case() -> None:
    """The clauses whose words set a number or a list each have a case."""
    clauses = {_expected(case)["clause"] for case in CASES}
    assert {"1.2", "1.3", "2.1", "2.3", "3.2", "4", "4.3", "5.1", "5.2", "5.3", "5.4", "6", "6.1",
            "7.3"} <= clauses


def test_a_report_that_fails_its_schema_is_still_evaluated() -> None:
    _, repo = check_tree(FIDELITY / "report-fails-schema")
    [e] = evaluate_repository(repo)
    assert (e.society, e.year, e.total, e.errors, e.has_errors) == ("cd-case", 2017, 0, 1, True)


# --- no item with an error earns a point ------------------------------------------------------

def _item_id(report: YearReport, path: tuple[str | int, ...]) -> str | None:
    """The id of the item an error's path lies in, read off the report's structure."""
    area = path[0]
    if area in ITEM_AREAS and len(path) > 1 and isinstance(path[1], int):
        return getattr(report, area)[path[1]].id
    nested = {"innovation": "services", "government_functions": "functions"}
    if area in nested and len(path) > 2 and path[1] == nested[area] and isinstance(path[2], int):
        return getattr(getattr(report, area), nested[area])[path[2]].id
    if area == "innovation" and len(path) > 1 and str(path[1]).startswith("senior_experts"):
        return "senior_experts_registered"
    return str(path[1]) if len(path) > 1 and area in nested else None


def _achievement(path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """(report, achievement) of a place inside one research achievement: an error there condemns
    that achievement alone, as each achievement of a report stands or falls on its own."""
    if len(path) > 3 and path[0] == "research" and path[2] == "achievements":
        report, achievement = path[1], path[3]
        if isinstance(report, int) and isinstance(achievement, int):
            return report, achievement
    return None


def _paid_items_with_errors(repo: Repository, evaluations: list[Evaluation]) -> list[str]:
    wrong: list[str] = []
    for e in evaluations:
        doc = repo.reports.get((e.society, e.year))
        errors: list[Finding] = [f for f in doc.findings if f.severity == "error"] if doc else []
        whole = [f for f in errors if not f.path or f.path[0] not in ("innovation", "government_functions",
                                                                     *ITEM_AREAS)]
        condemned = {_item_id(doc.report, f.path) for f in errors
                     if doc and f.path and _achievement(f.path) is None} - {None}
        # An achievement's score line is on the achievement's own line.
        achievements = {(doc.report.research[i].id, doc.source.value(("research", i, "achievements", j))[0])
                        for f in errors if doc and f.path and (at := _achievement(f.path)) for i, j in [at]}
        for line in e.lines:
            if line.points > 0 and (whole or line.item_id in condemned
                                    or (line.item_id, line.line) in achievements):
                wrong.append(f"{e.society}/{e.year} {line.item_id} {line.rule} +{line.points}")
    return wrong


def _trees(tmp_path: Path) -> list[Path]:
    """Every acceptance case, and every hostile file placed as a society's 2017 report."""
    trees = list(CASES)
    for n, path in enumerate(sorted(HOSTILE.glob("*.yaml"))):
        root = tmp_path / f"h{n}"
        folder = root / "submissions" / "cd-hostile"
        folder.mkdir(parents=True)
        (folder / "2017.yaml").write_bytes(path.read_bytes())
        trees.append(root)
    return trees


def test_no_item_with_an_error_earns_a_point(tmp_path: Path) -> None:
    paid: list[str] = []
    lines = 0
    for root in _trees(tmp_path):
        _, repo = check_tree(root)
        evaluations = evaluate_repository(repo)
        lines += sum(len(e.lines) for e in evaluations)
        paid += _paid_items_with_errors(repo, evaluations)
    assert lines > 100  # the property was tested on real evaluations
    assert paid == []


def test_the_property_would_catch_a_paid_error(tmp_path: Path) -> None:
    """Scoring that ignored the verdicts would be caught: rescore with the findings removed
    (of items, and of one research achievement)."""
    for case in ("window-edges", "repeat-achievement-in-one-report"):
        _, repo = check_tree(FIDELITY / case)
        honest = evaluate_repository(repo)
        for doc in repo.reports.values():
            errors = list(doc.findings)
            doc.findings.clear()
            ignoring = evaluate_repository(repo)
            doc.findings.extend(errors)
        assert _paid_items_with_errors(repo, honest) == [], case
        assert _paid_items_with_errors(repo, ignoring), case


def test_the_site_shows_a_report_that_fails_its_schema(tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    generate(FIDELITY / "report-fails-schema", tmp_path / "docs",
             settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    page = (tmp_path / "docs" / "societies" / "cd-case" / "index.md").read_text("utf-8")
    assert "本报告无法读取或格式不符，未计分" in page
    assert "未知字段" in page  # the finding, said in Chinese
    assert "还没有提交年度报告" not in page


def test_check_resolves_paths_against_root_from_any_folder(tmp_path: Path) -> None:
    """`--root DIR check FILE` checks DIR/FILE, with DIR's other files as context: no false
    cross-file findings whatever the working directory."""
    import subprocess
    import sys

    case = FIDELITY / "consortium-membership-reciprocal"
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(case), "check",
                           "submissions/cd-c/2017.yaml", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    found = yaml.safe_load(done.stdout)
    assert found["files"] == 1
    assert [(f["file"], f["code"]) for f in found["findings"]] == [
        ("submissions/cd-c/2017.yaml", "W-CONSORTIUM-NOT-RECIPROCAL")]


def test_a_broken_year_file_is_one_chinese_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    shipped = (ROOT / "validators" / "guidelines" / "2017.yaml").read_text("utf-8")
    own = tmp_path / "validators" / "guidelines"
    own.mkdir(parents=True)
    (own / "2017.yaml").write_text(shipped.replace("min_provinces: 6", "min_provinces: six"),
                                   "utf-8")
    folder = tmp_path / "submissions" / "cd-case"
    folder.mkdir(parents=True)
    (folder / "2017.yaml").write_text("society: cd-case\nyear: 2017\n", "utf-8")
    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "validators", "--root", str(tmp_path), *command],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)

    checked = run("check")  # a finding at the year file, and one at the report it stops
    assert checked.returncode == 1, checked.stderr
    assert "Traceback" not in checked.stderr
    assert "validators/guidelines/2017.yaml:" in checked.stdout
    assert "E-YEAR-FILE “min_provinces”应为整数" in checked.stdout
    assert "submissions/cd-case/2017.yaml:1:1: 错误 E-YEAR-FILE" in checked.stdout
    for command in (("evaluate",), ("evaluate", "--year", "2017")):
        done = run(*command)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        said = done.stderr.strip()
        assert "年度文件有误" in said
        assert "min_provinces" in said


def test_a_report_named_with_capitals_is_still_found(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "cd-case"
    folder.mkdir(parents=True)
    (folder / "2017.YAML").write_text("society: cd-case\nyear: 2017\n", "utf-8")
    result, repo = check_tree(tmp_path)
    assert "E-PATH-NAME" in {f.code for f in result.findings}
    [e] = evaluate_repository(repo)
    assert (e.society, e.year, e.unreadable) == ("cd-case", 2017, True)


def test_the_year_page_shows_why_a_condemned_item_earned_nothing(tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    generate(FIDELITY / "window-edges", tmp_path / "docs",
             settings=SiteSettings(repo_url="https://github.com/example/r"), date="2001-02-03")
    page = (tmp_path / "docs" / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8")
    assert page.count("本项有错误，不计分") == 2  # the two events dated outside the window
    assert "有错误的项目不计分" in page  # the report's banner says what errors do
    assert "DATE&#45;OUTSIDE" not in page  # readers get the message, not the code
    assert "DATE-OUTSIDE" not in page
