"""A new year's files as the staff write them (`new-year`, then edits): `check` naming them,
one run naming every problem, `schema --write` refusing a broken year, and the words of a
rubric's points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.trees import NEW_YEAR, base_tree
from validators.cli import main
from validators.year.guideline import reread_guidelines
from validators.year.rubric import reread_rubrics

GUIDELINE = f"validators/guidelines/{NEW_YEAR}.yaml"
TEXT = f"validators/guidelines/{NEW_YEAR}.txt"
RUBRIC = f"validators/rubrics/{NEW_YEAR}.yaml"


def _new_year(tmp_path: Path) -> Path:
    root = base_tree(tmp_path / "tree")
    assert main(["--root", str(root), "new-year", str(NEW_YEAR)]) == 0
    return root


def _append(root: Path, file: str, text: str) -> int:
    """`text` added at the end of `file`; the line its first line lands on."""
    path = root / file
    before = path.read_text("utf-8")
    path.write_text(before + text, encoding="utf-8")
    reread_guidelines()
    reread_rubrics()
    return before.count("\n") + 1


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    capsys.readouterr()
    code = main([*args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_year_files_named_to_check_are_checked_as_year_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check validators/guidelines/2019.yaml validators/rubrics/2019.yaml` (the README's
    `check [路径 ...]`) read them as society reports: a dozen wrong errors, and the rubric's
    own mistake never said. Named, each is checked as a whole check checks it, and a pull
    request changing it is told the same."""
    root = _new_year(tmp_path)
    line = _append(root, RUBRIC, "innovation:\n  platform_registered: {points: 2.3}\n") + 1
    code, findings = _findings(capsys, "--root", str(root), "check", GUIDELINE, RUBRIC, TEXT)
    assert code == 1
    # Errors only: a warning on the scaffold's own words may come with them.
    said = {(f["file"], f["line"], f["code"]) for f in findings if f["severity"] == "error"}
    assert said == {(RUBRIC, line, "E-YEAR-FILE")}, findings
    assert all(str(f["file"]).startswith("validators/") for f in findings), findings
    # A folder of year files names them all, the text too.
    code, in_folders = _findings(capsys, "--root", str(root), "check", "validators/guidelines", "validators/rubrics")
    assert (code, in_folders) == (1, findings)
    # The pull request's check: a change under validators/ is a whole check, the same finding.
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps([{"filename": RUBRIC, "status": "added", "mode": "100644"}]), "utf-8")
    code, on_pr = _findings(capsys, "--root", str(root), "check-changed", str(changed))
    assert [f for f in on_pr if str(f["file"]).startswith("validators/")] == findings
    # A clean year named: nothing said, and the three files counted.
    (root / RUBRIC).write_text((root / RUBRIC).read_text("utf-8").replace("2.3", "2.5"), "utf-8")
    reread_rubrics()
    capsys.readouterr()
    assert main(["--root", str(root), "check", GUIDELINE, RUBRIC, TEXT]) == 0
    assert "检查了 3 个文件：0 个错误" in capsys.readouterr().out
