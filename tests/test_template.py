"""`new`: a commented template that passes check, explains every field and clause, never overwrites."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.trees import ROOT
from validators.check import check_tree
from validators.cli import main
from validators.schema import json_schema, json_schema_text
from validators.year.guideline import available_years, guideline

# `key: []` followed by commented examples: a list the secretary fills in.
_EMPTY_LIST = re.compile(r"^\s*[a-z_]+: \[\]")
_EXAMPLE = re.compile(r"^( {2,})# ((?:- |  ).*)$")


def new(root: Path, *args: str) -> int:
    return main(["--root", str(root), "new", *args])


def uncomment_examples(text: str) -> str:
    """What the template tells a secretary to do: drop the `[]`, remove `# ` from example lines."""
    out = []
    for line in text.splitlines():
        example = _EXAMPLE.match(line)
        if example:
            out.append(example.group(1) + example.group(2))
            continue
        if _EMPTY_LIST.match(line):
            line = line.replace(": []", ":", 1)
        out.append(line)
    return "\n".join(out) + "\n"


def comments(text: str) -> str:
    """The comment text with wrapped lines joined again."""
    return "".join(line.split("#", 1)[1][1:].lstrip() if line.lstrip().startswith("#") else "\n"
                   for line in text.splitlines())


@pytest.mark.parametrize("year", available_years())
def test_template_passes_check_as_written(tmp_path: Path, year: int) -> None:
    assert new(tmp_path, "cd-new-society", str(year), "--maintainer", "alice") == 0
    folder = tmp_path / "submissions" / "cd-new-society"
    report = (folder / f"{year}.yaml").read_text(encoding="utf-8")
    assert report.splitlines()[0] == "# yaml-language-server: $schema=../../schema/submission.schema.json"
    profile = (folder / "society.yaml").read_text(encoding="utf-8")
    assert profile.splitlines()[0] == "# yaml-language-server: $schema=../../schema/society.schema.json"
    assert "  - alice" in profile
    result, _ = check_tree(tmp_path)
    assert result.files == 2
    assert result.findings == []


@pytest.mark.parametrize("year", available_years())
def test_uncommented_examples_form_a_valid_report(tmp_path: Path, year: int) -> None:
    assert new(tmp_path, "cd-new-society", str(year)) == 0
    path = tmp_path / "submissions" / "cd-new-society" / f"{year}.yaml"
    path.write_text(uncomment_examples(path.read_text(encoding="utf-8")), encoding="utf-8")
    result, repo = check_tree(tmp_path)
    assert [f for f in result.findings if f.severity == "error"] == []
    report = repo.reports[("cd-new-society", year)].report
    assert report.innovation is not None
    assert report.government_functions is not None
    assert len(report.innovation.services) == 1
    assert len(report.government_functions.functions) == 1
    rules = guideline(year)
    assert rules is not None
    lists = [a.key for a in rules.areas if a.key not in ("innovation", "government_functions")]
    assert len(lists) >= 5
    for area in lists:
        assert len(getattr(report, area)) == 1, area


def test_every_clause_is_quoted_from_the_guideline(tmp_path: Path) -> None:
    assert new(tmp_path, "cd-new-society", "2017") == 0
    text = comments((tmp_path / "submissions/cd-new-society/2017.yaml").read_text(encoding="utf-8"))
    rules = guideline(2017)
    assert rules is not None
    for clause, wording in rules.clauses.items():
        assert f"条款 {clause}：{wording}" in text, clause
    for name in (*rules.districts, *rules.industries, *rules.occasion_names):
        assert name in text


def _properties(kind: str, year: int | None = None) -> set[str]:
    """Every field name of a file kind, from its JSON Schema (nested models included)."""
    schema = json_schema(kind, year)  # type: ignore[arg-type]
    names = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        names |= set(definition.get("properties", {}))
    return names


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def test_every_field_of_the_models_is_in_the_template(tmp_path: Path) -> None:
    assert new(tmp_path, "cd-new-society", "2017") == 0
    folder = tmp_path / "submissions" / "cd-new-society"
    report = yaml.safe_load(uncomment_examples((folder / "2017.yaml").read_text(encoding="utf-8")))
    profile_text = (folder / "society.yaml").read_text(encoding="utf-8").replace("# website:", "website:")
    profile = yaml.safe_load(profile_text)
    assert _properties("submission", 2017) - _keys(report) == {"occasion", "focus"}
    assert "occasion" in (folder / "2017.yaml").read_text(encoding="utf-8")
    assert "focus" in (folder / "2017.yaml").read_text(encoding="utf-8")
    assert _properties("society") - set(profile) == {"sample"}


def test_existing_report_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "cd-new-society", "2017") == 0
    path = tmp_path / "submissions/cd-new-society/2017.yaml"
    path.write_text("society: cd-new-society\nyear: 2017\n", encoding="utf-8")
    capsys.readouterr()
    assert new(tmp_path, "cd-new-society", "2017") == 1
    assert "已经存在" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "society: cd-new-society\nyear: 2017\n"


def test_existing_profile_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "submissions/cd-new-society"
    folder.mkdir(parents=True)
    (folder / "society.yaml").write_text("id: cd-new-society\n", encoding="utf-8")
    assert new(tmp_path, "cd-new-society", "2018") == 0
    assert (folder / "society.yaml").read_text(encoding="utf-8") == "id: cd-new-society\n"
    assert (folder / "2018.yaml").is_file()


@pytest.mark.parametrize("args", [("Bad_Id", "2017"), ("cd-x", "1999"), ("cd-x", "2017", "--maintainer", "a b")])
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert new(tmp_path, *args) == 2
    assert not (tmp_path / "submissions").exists()


@pytest.mark.parametrize(("name", "said"), [("\u202eevil", "学会名称的第 1 个字符是不可见的控制字符 U+202E"),
                                           ("成都\x07学会", "学会名称的第 3 个字符是不可见的控制字符 U+0007"),
                                           ("成都市示例学会\u2028X", "学会名称要写在一行里：第 8 个字符是换行符（U+2028）"),
                                           ("成都\r学会", "学会名称要写在一行里：第 3 个字符是换行符（U+000D）")])
def test_a_name_its_check_would_refuse_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str) -> None:
    """`new --name` wrote a profile holding U+202E, which its own check then refused."""
    assert new(tmp_path, "cd-x", "2017", "--name", name) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "submissions").exists()


@pytest.mark.parametrize("kind", ["submission", "society"])
def test_schema_files_are_up_to_date(kind: str) -> None:
    path = ROOT / "schema" / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == json_schema_text(kind), (
        f"regenerate: python -m validators schema --kind {kind} > schema/{kind}.schema.json")


def test_pre_commit_hook_runs_check_on_submissions() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "society-check"
    assert hook["entry"] == "python -m validators check"
    files = re.compile(hook["files"])
    assert files.search("submissions/cd-mech-eng/2017.yaml")
    assert files.search("submissions/cd-mech-eng/society.yml")
    assert not files.search("docs/submit.md")
    assert not files.search("mkdocs.yml")


def test_pull_request_template_has_a_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4
    assert "python -m validators check" in text


def test_schema_write_keeps_schema_in_step_with_the_year_files(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    (root / "schema").mkdir(parents=True)
    (root / "submissions").mkdir()
    for kind in ("submission", "society"):
        shutil.copy(ROOT / "schema" / f"{kind}.schema.json", root / "schema")
    run = [sys.executable, "-m", "validators", "--root", str(root)]
    assert subprocess.run([*run, "schema", "--write"], capture_output=True, text=True, check=True).stdout == ""
    subprocess.run([*run, "new-year", str(available_years()[-1] + 1)], capture_output=True, check=True)
    own = root / "validators" / "guidelines" / f"{available_years()[-1] + 1}.yaml"
    own.write_text(own.read_text("utf-8") + "areas:\n  edit:\n    innovation: {title: 写入测试工程}\n",
                   encoding="utf-8")
    # Renamed in the text too: a year whose files disagree is refused, not exported.
    text = own.with_suffix(".txt")
    text.write_text(text.read_text("utf-8").replace("一、创新驱动助力工程", "一、写入测试工程"), encoding="utf-8")
    done = subprocess.run([*run, "schema", "--write"], capture_output=True, text=True, check=True)
    assert "已更新 schema/submission.schema.json" in done.stdout
    assert "写入测试工程" in (root / "schema" / "submission.schema.json").read_text("utf-8")


def test_a_folder_with_nothing_to_check_is_said_to_be_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check submissions/empty-soc/` said 检查了 0 个文件 and exit 0: a mistyped or empty folder
    looked like a clean check. It still exits 0 (nothing is wrong), and says nothing was read."""
    (tmp_path / "submissions" / "empty-soc").mkdir(parents=True)
    assert main(["--root", str(tmp_path), "check", "submissions/empty-soc/"]) == 0
    said = capsys.readouterr()
    assert "检查了 0 个文件" in said.out
    assert "所给的路径中没有找到要检查的文件" in said.err
    assert new(tmp_path, "cd-x", "2017") == 0
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "check", "submissions/cd-x/"]) == 0
    assert "没有找到" not in capsys.readouterr().err
