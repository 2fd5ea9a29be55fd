"""A new society's profile in its workbook: the blank workbook's 学会资料 sheet (a row per field
of society.yaml, titled and described by the model), read back by `xlsx import` into the same
profile, written as society.yaml beside the report only when the sheet holds something and never
over another society.yaml unasked; its hostile cells said at their cells as the other sheets'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_xlsx import _cli
from tests.trees import ROOT, base_tree
from validators.models.society import SocietyProfile
from validators.xlsx.layout import COVER, PROFILE, layout
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

openpyxl = pytest.importorskip("openpyxl")

PROFILE_DATA: dict[str, Any] = {"name": "成都市新材料学会", "kind": "协会", "discipline": "新材料",
                                "maintainers": ["alice", "bob-2"], "heads": ["carol"], "website": "https://example.org"}


def _shape() -> Any:
    rules = guideline(2018)
    assert rules is not None
    return layout(rules)


def _blank(tmp: Path, society: str = "cd-new-materials") -> Path:
    done = _cli(ROOT, "template", society, "2018", "-o", str(tmp / "blank.xlsx"))
    assert done.returncode == 0, done.stderr
    return tmp / "blank.xlsx"


def _filled(src: Path, dst: Path, cells: dict[str, object]) -> Path:
    book = openpyxl.load_workbook(src)
    page = book[PROFILE]
    titles = {str(page.cell(row=r, column=1).value).rstrip(" *"): r for r in range(2, page.max_row + 1)}
    for title, value in cells.items():
        if "!" in title:  # a cell by its name
            page[title.split("!")[1]] = value
        else:
            page.cell(row=titles[title], column=2, value=value)
    book.save(dst)
    return dst


def test_the_profile_sheet_has_a_row_per_field_titled_and_described_by_the_model(tmp_path: Path) -> None:
    page = openpyxl.load_workbook(_blank(tmp_path))[PROFILE]
    rows = list(page.iter_rows(values_only=True))
    assert rows[0] == ("项目", "内容")
    fields = {n: i for n, i in SocietyProfile.model_fields.items() if n not in ("id", "sample")}
    assert [r[0] for r in rows[1:]] == [f"{i.title} *" if i.is_required() else i.title for i in fields.values()]
    notes = [page.cell(row=r, column=1).comment for r in range(2, len(rows) + 1)]
    assert all(n is not None and n.text.startswith(i.description or "") for n, i in zip(notes, fields.values(), strict=True))
    kinds = [v for v in page.data_validations.dataValidation if str(v.sqref) == "B3"]
    assert kinds
    assert kinds[0].error == "请从列表中选择（见“选项”工作表）。"


def test_a_profile_written_into_a_workbook_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(workbook_bytes(_shape(), {"society": "cd-new-materials", "year": 2018}, profile=PROFILE_DATA))
    imported = read_workbook(path, path.name, _shape())
    assert imported.findings == []
    assert imported.profile == PROFILE_DATA
    again = SocietyProfile.model_validate({"id": "cd-new-materials", **(imported.profile or {})})
    assert again.model_dump() == SocietyProfile.model_validate({"id": "cd-new-materials", **PROFILE_DATA}).model_dump()


def test_a_blank_profile_sheet_is_no_profile(tmp_path: Path) -> None:
    path = _blank(tmp_path)
    assert read_workbook(path, path.name, _shape()).profile is None
    out = tmp_path / "out"
    done = _cli(ROOT, "import", str(path), "-o", str(out / "2018.yaml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (out / "society.yaml").exists()


def test_import_writes_the_new_societys_profile_beside_its_report(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    filled = _filled(_blank(tmp_path), tmp_path / "f.xlsx", {k: "；".join(v) if isinstance(v, list) else v
                                                             for k, v in _titled(PROFILE_DATA).items()})
    done = _cli(tree, "import", str(filled), "--society", "cd-new-materials")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "E-SOCIETY-PROFILE-MISSING" not in done.stdout
    written = tree / "submissions" / "cd-new-materials" / "society.yaml"
    assert "submissions/cd-new-materials/society.yaml（学会资料）" in done.stdout
    profile = yaml.safe_load(written.read_text("utf-8"))
    assert profile == {"id": "cd-new-materials", **PROFILE_DATA}
    # Imported again, with another name: the folder has a society.yaml now, which the sheet never
    # rewrites (a registered society's maintainers and heads would go); the report is replaced.
    before = written.read_bytes()
    renamed = _filled(filled, tmp_path / "g.xlsx", {"学会全称": "成都市新材料学会（新名）"})
    again = _cli(tree, "import", str(renamed), "--society", "cd-new-materials", "--replace")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "“学会资料”工作表中填写的内容没有使用：学会“cd-new-materials”已有学会资料" in again.stdout
    assert written.read_bytes() == before


def test_a_registered_society_s_profile_is_never_rewritten_from_a_sheet(tmp_path: Path) -> None:
    """A review's case: the template of a registered society with only 学会全称 filled, imported
    with --replace for its report, left society.yaml with an id and a name, its heads gone."""
    tree = base_tree(tmp_path / "tree")
    profile = tree / "submissions" / "cd-mech-eng" / "society.yaml"
    before = profile.read_bytes()
    template = tmp_path / "t.xlsx"
    made = _cli(tree, "template", "cd-mech-eng", "2018", "-o", str(template))
    assert made.returncode == 0, made.stdout + made.stderr
    filled = _filled(template, tmp_path / "f.xlsx", {"学会全称": "别的名称"})
    done = _cli(tree, "import", str(filled), "--society", "cd-mech-eng", "--replace")
    assert "Traceback" not in done.stderr
    assert profile.read_bytes() == before
    assert "没有使用：学会“cd-mech-eng”已有学会资料，以仓库中的 society.yaml 为准" in done.stdout


def test_a_draft_written_elsewhere_gets_no_society_yaml_beside_it(tmp_path: Path) -> None:
    filled = _filled(_blank(tmp_path), tmp_path / "f.xlsx", {k: "；".join(v) if isinstance(v, list) else v
                                                             for k, v in _titled(PROFILE_DATA).items()})
    out = tmp_path / "drafts" / "draft-2018.yaml"
    done = _cli(ROOT, "import", str(filled), "-o", str(out))
    assert out.is_file(), done.stdout + done.stderr
    assert not (out.parent / "society.yaml").exists()
    assert "“学会资料”工作表已检查，没有写出：只在用 --society 导入新学会的报告时写出 society.yaml" in done.stdout


def _titled(profile: dict[str, Any]) -> dict[str, Any]:
    titles = {c.key: c.title for c in _shape().profile}
    return {titles[k]: v for k, v in profile.items()}


def test_a_workbook_without_a_profile_tells_a_new_society_where_to_write_it(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    done = _cli(tree, "import", str(_blank(tmp_path)), "--society", "cd-new-materials")
    line = next(x for x in done.stdout.splitlines() if "E-SOCIETY-PROFILE-MISSING" in x)
    assert "工作簿的“学会资料”工作表也没有填写：请在其中填写学会资料" in line
    assert not (tree / "submissions" / "cd-new-materials" / "society.yaml").exists()


def test_hostile_profile_cells_are_said_at_their_cells_and_nothing_is_written(tmp_path: Path) -> None:
    filled = _filled(_blank(tmp_path), tmp_path / "h.xlsx", {
        "学会全称": "=HYPERLINK(\"http://x\")", "类型": 12, "学科领域": None, "维护人（GitHub 用户名）": "张三；alice",
        "学会网站": "https://example.org/" + "x" * 600, "学会资料!C3": "备注"})
    out = tmp_path / "out"
    done = _cli(ROOT, "import", str(filled), "-o", str(out / "2018.yaml"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    said = done.stdout
    assert "h.xlsx 学会资料!B2: 错误 E-XLSX-VALUE 公式没有计算结果" in said
    assert "h.xlsx 学会资料!B3: 错误 E-SCHEMA-ENUM “类型”的值不在可选范围内" in said
    assert "h.xlsx 学会资料!B4: 错误 E-SCHEMA-MISSING 缺少必填字段“学科领域”：请在这个单元格填写" in said
    assert "h.xlsx 学会资料!B5: 错误 E-SCHEMA-PATTERN “维护人（GitHub 用户名）”的第 1 项应为 GitHub 用户名" in said
    assert "h.xlsx 学会资料!B7: 错误 E-SCHEMA-RANGE “学会网站”过长" in said
    assert "h.xlsx 学会资料!C3: 警告 W-XLSX-OUTSIDE" in said
    assert not out.exists()  # a cell not read: neither file is written


def test_a_workbook_without_the_sheet_is_not_told_to_fill_it(tmp_path: Path) -> None:
    """An exported report (or a workbook made before the sheet existed) has no 学会资料 sheet:
    the new society is sent to a workbook that has one, not to a sheet it cannot find."""
    tree = base_tree(tmp_path / "tree")
    book = tmp_path / "e.xlsx"
    made = _cli(tree, "export", str(tree / "submissions" / "cd-agri" / "2017.yaml"), "-o", str(book))
    assert made.returncode == 0, made.stdout + made.stderr
    exported = openpyxl.load_workbook(book)
    assert PROFILE not in exported.sheetnames
    exported[COVER]["B2"] = "cd-new-materials"  # the new society's own copy of it
    exported.save(book)
    done = _cli(tree, "import", str(book), "--society", "cd-new-materials")
    line = next(x for x in done.stdout.splitlines() if "E-SOCIETY-PROFILE-MISSING" in x)
    assert f"这个工作簿没有“{PROFILE}”工作表" in line
    assert "也没有填写" not in line


def test_a_profile_left_with_errors_is_still_said_when_the_sheet_is_not_used(tmp_path: Path) -> None:
    """A review's case: a first import wrote a society.yaml with a maintainer that is no login;
    imported again (the sheet now unused), the command said 0 errors and exited 0."""
    tree = base_tree(tmp_path / "tree")
    bad = {**_titled(PROFILE_DATA), "维护人（GitHub 用户名）": "not a login!"}
    first = _filled(_blank(tmp_path), tmp_path / "f.xlsx", {k: "；".join(v) if isinstance(v, list) else v
                                                            for k, v in bad.items()})
    done = _cli(tree, "import", str(first), "--society", "cd-new-materials")
    assert done.returncode == 1
    assert (tree / "submissions" / "cd-new-materials" / "society.yaml").is_file()
    again = _cli(tree, "import", str(first), "--society", "cd-new-materials", "--replace")
    assert again.returncode == 1, again.stdout
    assert any("submissions/cd-new-materials/society.yaml" in line and "错误" in line
               for line in again.stdout.splitlines()), again.stdout
