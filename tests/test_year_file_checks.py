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


def test_one_run_names_every_year_file_s_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelled `edit` name in the guideline data kept the rubric (a point written 四), the
    title and the source from being checked until it was fixed: each file read as far as it
    reads alone, one run names them all, and the site's build says how many there are."""
    from site_builder.cli import main as site_main

    root = _new_year(tmp_path)
    text = root / TEXT
    lines = text.read_text("utf-8").split("\n")
    lines[1] = f"{NEW_YEAR}年学会重点工作指南"  # the text retitled: the scaffold's title and source are stale
    text.write_text("\n".join(lines), encoding="utf-8")
    edit = _append(root, GUIDELINE, "kinds:\n  event_categories:\n    edit:\n"
                                    "      综合性学术年回: {criteria: {min_participants: 100}}\n") + 3
    points = _append(root, RUBRIC, "innovation:\n  platform_registered: {points: 四}\n") + 1
    code, findings = _findings(capsys, "--root", str(root), "check", GUIDELINE, RUBRIC, TEXT)
    assert code == 1
    errors = sorted((f["file"], f["line"]) for f in findings if f["severity"] == "error")
    rubric_text = (root / RUBRIC).read_text("utf-8").split("\n")
    guideline_text = (root / GUIDELINE).read_text("utf-8").split("\n")
    source, title = (guideline_text.index(next(t for t in guideline_text if t.startswith(k))) + 1
                     for k in ("carried_forward_from:", "title:"))
    carried = rubric_text.index(next(t for t in rubric_text if t.startswith("carried_forward_from:"))) + 1
    assert errors == sorted([(GUIDELINE, edit), (GUIDELINE, title), (GUIDELINE, source),
                             (RUBRIC, carried), (RUBRIC, points)]), findings
    said = {f["line"]: f["message"] for f in findings if f["file"] == GUIDELINE}
    assert "综合性学术年回" in str(said[edit])
    assert "title" in str(said[title])
    assert "source" in str(said[source])
    # The site is not built, and says there are more than the first.
    capsys.readouterr()
    assert site_main(["--root", str(root), "generate", "--out", str(tmp_path / "docs")]) == 1
    assert "（另有 4 处）" in capsys.readouterr().err


def test_schema_write_refuses_a_year_in_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With a point of 2.3 in the rubric, `schema --write` said “已更新 …（年度文件有变化）” and
    wrote a schema whose field descriptions had lost their clauses: it writes nothing, says
    the year file's error and exits 1; the clean year is written as before."""
    root = _new_year(tmp_path)
    line = _append(root, RUBRIC, "innovation:\n  platform_registered: {points: 2.3}\n") + 1
    capsys.readouterr()
    assert main(["--root", str(root), "schema", "--write"]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert f"{RUBRIC}:{line}:" in said.err
    assert "没有改写 schema/ 中的文件" in said.err
    assert not (root / "schema").exists()
    (root / RUBRIC).write_text((root / RUBRIC).read_text("utf-8").replace("2.3", "2.5"), "utf-8")
    reread_rubrics()
    assert main(["--root", str(root), "schema", "--write"]) == 0
    assert "已更新 schema/submission.schema.json" in capsys.readouterr().out


@pytest.mark.parametrize(("written", "said"), [
    ("2.3", "的 points 写的是 2.3：须是 0.5 的整数倍，如 2 或 2.5。"),
    ("-1", "的 points 写的是 -1：不能小于 0。"),
    ("四", "的 points 写的是“四”：应为数字，如 35.5（不加引号、正号和单位）。"),
])
def test_a_rubric_point_is_said_with_its_rule_and_value(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        written: str, said: str) -> None:
    """“‘points’须是 0.5 的整数倍。” named neither the rule nor the value, and “不能小于 0.0”
    wrote a zero no one writes: the rule is named by its key, its name and its clause, with the
    value read; the code is the one it always had."""
    root = _new_year(tmp_path)
    line = _append(root, RUBRIC, f"innovation:\n  platform_registered: {{points: {written}}}\n") + 1
    code, findings = _findings(capsys, "--root", str(root), "check", RUBRIC)
    assert code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert (finding["file"], finding["line"], finding["code"]) == (RUBRIC, line, "E-YEAR-FILE")
    assert finding["message"] == ("细则规则 innovation.platform_registered（在中国科协“企业科协网”成功注册，条款 1.1）"
                                  + said), finding


def test_a_whole_check_points_to_the_year_files_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The year files' findings sort after the sample reports' warnings: a line on standard
    error says where they are, the output itself (a format other tools read) as ever."""
    root = _new_year(tmp_path)
    line = _append(root, RUBRIC, "innovation:\n  platform_registered: {points: 2.3}\n") + 1
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 1
    said = capsys.readouterr()
    lines = said.out.strip().split("\n")
    assert lines[-1].startswith("检查了 ")
    assert any(t.startswith(f"{RUBRIC}:{line}:") for t in lines)
    assert all(t.count(":") >= 3 for t in lines[:-1])  # every other line a finding
    [note] = [t for t in said.err.split("\n") if t.startswith("注意：年度文件（")]
    assert RUBRIC in note
    assert "）有 1 个错误" in note
    assert "改正之前，该年度不评分，网站也不生成。" in said.err
