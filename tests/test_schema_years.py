"""The schema of no particular year (schema/submission.schema.json, which every report's first
line names) accepts every year's valid reports after a year renames its kinds; `check` still
holds each report to its own year's names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.year_trees import renamed_year_tree, renumbered_year_tree

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = renamed_year_tree(tmp_path_factory.mktemp("renamed"))
    subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "schema", "--write"],
                   capture_output=True, text=True, timeout=120, check=True)
    return root


def test_every_year_s_reports_validate_against_the_written_schema(tree: Path) -> None:
    reports = sorted(p for p in (tree / "submissions").glob("*/*.yaml") if p.name != "society.yaml")
    assert {p.stem for p in reports} >= {"2017", "2018", "2019"}
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(tree / "schema" / "submission.schema.json"),
                           *map(str, reports)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _category(tree: Path) -> list[dict[str, str]]:
    schema = json.loads((tree / "schema" / "submission.schema.json").read_text("utf-8"))
    entries: list[dict[str, str]] = schema["$defs"]["AcademicEvent"]["properties"]["category"]["oneOf"]
    return entries


def test_a_former_name_says_its_years_and_today_s_name(tree: Path) -> None:
    former = next(e for e in _category(tree) if e["const"] == "大型社会活动")
    assert former["title"] == "大型科普活动"
    assert "2017、2018 年度的名称" in former["description"]
    added = next(e for e in _category(tree) if e["const"] == "线上学术交流")
    assert added["description"] == "条款 5.6（2019 年度）"
    kept = next(e for e in _category(tree) if e["const"] == "综合性学术年会")
    assert "年度" not in kept["description"]


def test_check_still_refuses_a_former_name_in_the_new_year(tree: Path) -> None:
    report = tree / "submissions" / "cd-computer" / "2019.yaml"
    text = report.read_text("utf-8")
    assert "category: 大型科普活动" in text
    report.write_text(text.replace("category: 大型科普活动", "category: 大型社会活动"), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "validators", "--root", str(tree), "check", str(report)],
                              capture_output=True, text=True, timeout=120)
    finally:
        report.write_text(text, encoding="utf-8")
    assert done.returncode == 1, done.stdout
    assert "E-KIND-UNKNOWN" in done.stdout


def test_the_schema_of_every_year_says_only_what_every_year_holds(tmp_path: Path) -> None:
    """2019 renames area 六, ends 7.2, renumbers 党建 (7.3) as 7.2 and adds 5.6: the schema every
    year's reports are edited against gives 党建 no clause number and 六 each year's name, and
    cites no range a year numbers otherwise; 2019's own schema says 2019's facts."""
    from validators.schema import json_schema

    root = renumbered_year_tree(tmp_path / "tree")
    every = json_schema("submission", None, root)
    kinds = {e["const"]: e.get("description", "") for e in every["$defs"]["MajorWork"]["properties"]["kind"]["oneOf"]}
    assert kinds["党建"] == ""
    assert kinds["科技扶贫"] == "条款 7.2（2017、2018 年度）"
    assert every["properties"]["research"]["title"] == \
        "六、调查研究与建言献策（2017、2018 年度）／调查研究与决策咨询（2019 年度）"
    text = json.dumps(every, ensure_ascii=False)
    assert "7.1–7.5" not in text
    assert "5.1–5.5" not in text
    assert "（条款 6.1–6.3）" in text  # every year numbers 六 alike
    own = json_schema("submission", 2019, root)
    mine = {e["const"]: e.get("description", "") for e in own["$defs"]["MajorWork"]["properties"]["kind"]["oneOf"]}
    assert mine["党建"] == "条款 7.2"
    assert own["properties"]["research"]["title"] == "六、调查研究与决策咨询"
    assert "（条款 7.1–7.4）" in own["$defs"]["MajorWork"]["properties"]["kind"]["description"]
    assert "（条款 5.1–5.6）" in json.dumps(own, ensure_ascii=False)
