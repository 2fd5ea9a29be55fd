"""Reports as workbooks and back: every sample round-trips YAML → xlsx → YAML to the same data;
the template carries dropdowns; what spreadsheets do to values is read and said at its cell;
a spoiled or hostile workbook is one Chinese finding at its sheet and cell, never a crash; text
that looks like a formula stays text; `import --society` writes the report and says the check's
findings at their cells."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.trees import ROOT, base_tree
from validators.check import check_tree
from validators.repository import ReportDoc
from validators.xlsx.layout import COVER, GUIDE, OPTIONS, layout
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.year.guideline import guideline

openpyxl = pytest.importorskip("openpyxl")

SAMPLES = sorted(check_tree(ROOT)[1].reports.items())


def _export(doc: ReportDoc, path: Path) -> Path:
    rules = guideline(doc.report.year)
    assert rules is not None
    path.write_bytes(workbook_bytes(layout(rules), doc.report.model_dump(mode="python", exclude_none=True)))
    return path


def _import(path: Path, year: int) -> Any:
    rules = guideline(year)
    assert rules is not None
    return read_workbook(path, path.name, layout(rules))


def _same(doc: ReportDoc, data: dict[str, Any]) -> None:
    model = type(doc.report)
    again = model.model_validate(data)
    assert again.model_dump(mode="json") == doc.report.model_dump(mode="json")


@pytest.mark.parametrize(("key", "doc"), SAMPLES, ids=[f"{s}-{y}" for (s, y), _ in SAMPLES])
def test_every_sample_round_trips_to_the_same_data(key: tuple[str, int], doc: ReportDoc, tmp_path: Path) -> None:
    imported = _import(_export(doc, tmp_path / "r.xlsx"), key[1])
    assert imported.findings == []  # a workbook we wrote needs no conversion
    assert imported.data is not None
    _same(doc, imported.data)


def _sample(society: str = "cd-mech-eng", year: int = 2018) -> ReportDoc:
    return dict(SAMPLES)[(society, year)]


def test_the_blank_template_carries_dropdowns_dates_and_a_guide(tmp_path: Path) -> None:
    rules = guideline(2018)
    assert rules is not None
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-new", "year": 2018}))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == [GUIDE, COVER]  # what to do first, then the cover
    assert {"说明", OPTIONS} <= set(book.sheetnames)
    events = book["学术交流活动"]
    headers = [str(c.value).rstrip(" *") for c in events[1]]
    assert "申报类别" in headers
    lists = [v for v in events.data_validations.dataValidation if v.type == "list"]
    assert any(OPTIONS in (v.formula1 or "") for v in lists)
    category = headers.index("申报类别")
    covered = " ".join(str(v.sqref) for v in lists)
    assert openpyxl.utils.get_column_letter(category + 1) in covered
    options = book[OPTIONS]
    labels = [c.value for col in options.iter_cols() if col[0].value == "申报类别" for c in col[1:] if c.value]
    assert labels == [c.label for c in rules.kinds.event_categories]
    cover = {str(row[0].value).rstrip(" *"): row[1].value for row in book[COVER].iter_rows(min_row=2)}
    assert cover["学会 id"] == "cd-new"
    assert cover["年度"] == 2018
    assert events[1][0].comment is not None  # the header's note: the field's description
    # Printed as the README says: A4 landscape, one page wide, the header row on every page.
    assert events.page_setup.orientation == "landscape"
    assert str(events.page_setup.paperSize) == events.PAPERSIZE_A4
    assert events.page_setup.fitToHeight == 0  # width 1 page (the default), height unlimited
    assert events.sheet_properties.pageSetUpPr.fitToPage
    assert events.print_title_rows == "$1:$1"
    # Required columns are marked * in the sheet itself.
    assert "编号 *" in [c.value for c in events[1]]


def _spoil(src: Path, dst: Path, sheet: str, header: str, value: object, row: int = 2) -> str:
    book = openpyxl.load_workbook(src)
    page = book[sheet]
    col = [str(c.value).rstrip(" *") for c in page[1]].index(header) + 1
    target = page.cell(row=row, column=col)
    target.value = value
    if isinstance(value, (int, float)):
        target.number_format = "General"  # a number typed into a cell without the date format
    book.save(dst)
    return f"{sheet}!{openpyxl.utils.get_column_letter(col)}{row}"


@pytest.mark.parametrize(("header", "value", "code", "said"), [
    ("活动日期", "2017年13月45日", "E-XLSX-VALUE", "日期“2017年13月45日”无法识别"),
    ("活动日期", "2018年5月12日", "W-XLSX-CONVERTED", "按日期 2018-05-12 读入"),
    # Known to the month only: never read as a day of it (which day counts is the association's).
    ("活动日期", "2016年5月", "E-XLSX-VALUE", "“2016年5月”只写到月份：日期要写到日，请按证明材料上的日期填写，如 2016-05-12。"),
    ("活动日期", "2018/6", "E-XLSX-VALUE", "“2018/6”只写到月份"),
    ("活动日期", "2018-06", "E-XLSX-VALUE", "“2018-06”只写到月份"),
    ("活动日期", "2018/5/12", "W-XLSX-CONVERTED", "按日期 2018-05-12 读入"),
    ("活动日期", 43232, "W-XLSX-CONVERTED", "序列号 43232 按日期 2018-05-12 读入"),
    ("活动日期", 43232.75, "W-XLSX-CONVERTED", "序列号 43232.75 按日期 2018-05-12 读入，舍去了其中的时刻 18:00:00，请核对。"),
    ("参与人数", "１２０", "W-XLSX-CONVERTED", "按整数 120 读入"),
    ("参与人数", "120 ", "W-XLSX-CONVERTED", "按整数 120 读入"),
    ("参与人数", "一百二十", "E-XLSX-VALUE", "“一百二十”不是整数"),
    ("参与人数", 120.5, "E-XLSX-VALUE", "应填整数"),
    ("设有主论坛", "也许", "E-XLSX-VALUE", "应填“是”或“否”"),
    ("设有主论坛", "TRUE", "W-XLSX-CONVERTED", "按“是”读入"),
    ("活动名称", "年会 ", "W-XLSX-CONVERTED", "去掉了首尾的空格"),
])
def test_a_spoiled_or_converted_cell_is_said_at_its_sheet_and_cell(tmp_path: Path, header: str, value: object,
                                                                   code: str, said: str) -> None:
    doc = _sample()
    exported = _export(doc, tmp_path / "r.xlsx")
    where = _spoil(exported, tmp_path / "s.xlsx", "学术交流活动", header, value)
    imported = _import(tmp_path / "s.xlsx", 2018)
    found = [f for f in imported.findings if f.code == code]
    assert found, imported.findings
    assert found[0].message.startswith(f"{where}：")
    assert said in found[0].message
    assert (found[0].line, found[0].column) == (2, openpyxl.utils.column_index_from_string(where.split("!")[1][:-1]))
    if code.startswith("W"):  # converted, and the value is the one the cell meant
        assert imported.data is not None
        event = imported.data["academic_events"][0]
        assert event[{"活动日期": "date", "参与人数": "participants", "设有主论坛": "main_forum",
                      "活动名称": "title"}[header]] in (dt.date(2018, 5, 12), 120, True, "年会")


def test_a_renamed_header_and_an_unknown_parent_are_said(tmp_path: Path) -> None:
    doc = _sample("cd-mech-eng", 2017)
    exported = _export(doc, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(exported)
    book["学术交流活动"]["B1"].value = "活动名"
    achievements = book["成果认定"]
    achievements["A2"].value = "rpt-no-such"
    book.save(tmp_path / "s.xlsx")
    imported = _import(tmp_path / "s.xlsx", 2017)
    header = next(f for f in imported.findings if f.code == "E-XLSX-HEADER")
    assert header.message.startswith("学术交流活动!B1：")
    assert "是不是“活动名称”" in header.message
    parent = next(f for f in imported.findings if f.code == "E-XLSX-PARENT")
    assert parent.message.startswith("成果认定!A2：")


@pytest.mark.parametrize("content", [
    b"", b"not a workbook at all", b"PK\x03\x04broken zip",
    "学会,年度\ncd-x,2018\n".encode("gbk"),
])
def test_a_file_that_is_no_workbook_is_one_finding(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    imported = _import(path, 2018)
    assert imported.data is None
    [finding] = imported.findings
    assert finding.code == "E-XLSX-UNREADABLE"
    assert finding.severity == "error"


def test_a_workbook_that_unpacks_too_big_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 200_000_000)
    imported = _import(path, 2018)
    [finding] = imported.findings
    assert finding.code == "E-XLSX-UNREADABLE"
    assert "解压后" in finding.message


def test_a_workbook_without_its_cover_says_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "plain.xlsx")
    [finding] = _import(tmp_path / "plain.xlsx", 2018).findings
    assert "封面" in finding.message


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    doc = _sample()
    data = doc.report.model_dump(mode="python", exclude_none=True)
    hostile = ["=HYPERLINK(\"http://x\",\"x\")", "+1+1", "-2+3", "@SUM(1)"]
    first = data["academic_events"][0]
    data["academic_events"] = [{**first, "id": f"evt-f{n}", "title": t} for n, t in enumerate(hostile)]
    rules = guideline(2018)
    assert rules is not None
    path = tmp_path / "f.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), data))
    page = openpyxl.load_workbook(path)["学术交流活动"]
    cells = [page.cell(row=r, column=2) for r in range(2, 2 + len(hostile))]
    assert [c.value for c in cells] == hostile
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "xlsx", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_staff_import_a_mailed_workbook_for_a_society(tmp_path: Path) -> None:
    """The template → filled → import path staff take for a society that never opens GitHub."""
    tree = base_tree(tmp_path / "tree")
    report = tree / "submissions" / "cd-mech-eng" / "2018.yaml"
    done = _cli(tree, "export", str(report), "-o", str(tmp_path / "mailed.xlsx"))
    assert done.returncode == 0, done.stderr
    where = _spoil(tmp_path / "mailed.xlsx", tmp_path / "mailed.xlsx", "学术交流活动", "参与人数", 20)
    # The report is there already: nothing is written over without --replace.
    before = report.read_bytes()
    refused = _cli(tree, "import", str(tmp_path / "mailed.xlsx"), "--society", "cd-mech-eng")
    assert refused.returncode == 1
    assert report.read_bytes() == before
    done = _cli(tree, "import", str(tmp_path / "mailed.xlsx"), "--society", "cd-mech-eng", "--replace")
    assert done.returncode == 1, done.stdout + done.stderr  # 20 participants: the check's error
    assert "Traceback" not in done.stderr
    line = next(x for x in done.stdout.splitlines() if "E-THRESHOLD-PARTICIPANTS" in x)
    assert f" {where}: 错误 " in line
    written = report.read_text("utf-8")
    assert "participants: 20" in written
    assert "# 五、学术交流活动" in written
    assert "由工作簿“mailed.xlsx”导入" in written
    # The other society's id on the cover is refused before anything is written.
    other = _cli(tree, "import", str(tmp_path / "mailed.xlsx"), "--society", "cd-tcm", "--replace")
    assert other.returncode == 1
    assert "E-XLSX-COVER" in other.stdout
    assert not (tree / "submissions" / "cd-tcm" / "2018.yaml").read_text("utf-8").count("mailed.xlsx")


def test_template_and_usage_errors(tmp_path: Path) -> None:
    done = _cli(ROOT, "template", "cd-new", "2018", "-o", str(tmp_path / "t.xlsx"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t.xlsx").stat().st_size > 0
    assert _cli(ROOT, "template", "Bad Id", "2018", "-o", str(tmp_path / "u.xlsx")).returncode == 2
    assert _cli(ROOT, "template", "cd-new", "1999", "-o", str(tmp_path / "u.xlsx")).returncode == 2
    again = _cli(ROOT, "template", "cd-new", "2018", "-o", str(tmp_path / "t.xlsx"))
    assert again.returncode == 1
    assert "已经存在" in again.stderr
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"\x00" * 100)
    done = _cli(ROOT, "import", str(broken), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    assert "E-XLSX-UNREADABLE" in done.stdout
    assert not (tmp_path / "out.yaml").exists()


def test_a_workbook_saved_by_libreoffice_imports_to_the_same_data(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (optional: apt-get install libreoffice-calc-nogui)")
    doc = _sample()
    (tmp_path / "in").mkdir()
    exported = _export(doc, tmp_path / "in" / "r.xlsx")
    out = tmp_path / "out"
    subprocess.run([office, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(out), str(exported)],
                   check=True, capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    imported = _import(out / "r.xlsx", 2018)
    assert not [f for f in imported.findings if f.severity == "error"], imported.findings
    assert imported.data is not None
    _same(doc, imported.data)


def test_reading_a_workbook_never_needs_the_network_or_a_formula(tmp_path: Path) -> None:
    """A formula cell's cached value is what is read; a formula never computed reads as empty."""
    doc = _sample()
    exported = _export(doc, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(exported)
    book["学术交流活动"]["F2"].value = "=100+20"
    book.save(tmp_path / "f.xlsx")
    imported = _import(tmp_path / "f.xlsx", 2018)
    assert imported.data is not None
    assert "participants" not in imported.data["academic_events"][0]


def test_an_unknown_sheet_is_said_and_too_many_rows_stop(tmp_path: Path) -> None:
    from validators.yaml.policy import policy

    doc = _sample()
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book.create_sheet("我的草稿")
    services = book["为企业提供的服务"]
    limit = policy().yaml.max_list_items
    for r in range(2, limit + 4):
        services.cell(row=r, column=1).value = f"svc-{r}"
    book.save(tmp_path / "s.xlsx")
    imported = _import(tmp_path / "s.xlsx", 2018)
    sheet = next(f for f in imported.findings if f.code == "W-XLSX-SHEET")
    assert sheet.message.startswith("我的草稿!A1：")
    assert sheet.severity == "warning"
    [many] = [f for f in imported.findings if f.code == "E-XLSX-TOO-MANY"]
    assert many.message.startswith(f"为企业提供的服务!A{limit + 2}：")
    assert imported.data is not None
    assert len(imported.data["innovation"]["services"]) == limit


def test_choices_are_written_as_the_words_of_the_dropdowns(tmp_path: Path) -> None:
    doc = _sample()
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    categories = {events.cell(row=r, column=header.index("申报类别") + 1).value for r in range(2, events.max_row + 1)}
    roles = {events.cell(row=r, column=header.index("本学会的角色") + 1).value for r in range(2, events.max_row + 1)}
    rules = guideline(2018)
    assert rules is not None
    assert categories <= {c.label for c in rules.kinds.event_categories}
    assert roles <= {"主办", "承办", "协办"}


def test_a_workbook_changed_in_shape_says_what_it_lost(tmp_path: Path) -> None:
    doc = _sample("cd-mech-eng", 2017)
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["学会联合体建设"].title = "联合体"
    del book["学术交流活动"]
    services = book["为企业提供的服务"]
    header = [str(c.value).rstrip(" *") for c in services[1]]
    services.cell(row=1, column=header.index("服务成效") + 1).value = None  # a column's header cleared
    services.cell(row=1, column=services.max_column + 1).value = "服务日期"  # a header twice
    stations = book["学会服务站建设"]
    stations.insert_rows(1)  # a title row above the header
    stations["A1"].value = "2017 年学会服务站"
    book.save(tmp_path / "s.xlsx")
    found = {(f.code, f.message.split("：")[0]) for f in _import(tmp_path / "s.xlsx", 2017).findings}
    assert ("E-XLSX-SHEET", "联合体!A1") in found  # renamed: an error, with the name it should have
    assert any(code == "W-XLSX-SHEET" and "学术交流活动" in where for code, where in found)  # deleted
    # 服务成效 is required: its column gone is an error, said once on the header row.
    assert ("E-XLSX-HEADER", "为企业提供的服务!A1") in found
    assert any(code == "E-XLSX-HEADER" and where.startswith("为企业提供的服务!") for code, where in found)
    assert ("E-XLSX-HEADER", "学会服务站建设!A1") in found


def test_lists_typed_with_other_separators_are_split_and_said(tmp_path: Path) -> None:
    doc = _sample()
    where = _spoil(_export(doc, tmp_path / "r.xlsx"), tmp_path / "s.xlsx", "学术交流活动",
                   "作学术报告的科技人员来自的省（区、市）", "北京、上海，江苏")
    imported = _import(tmp_path / "s.xlsx", 2018)
    said = next(f for f in imported.findings if f.message.startswith(f"{where}："))
    assert said.code == "W-XLSX-CONVERTED"
    assert "分成 3 项" in said.message
    assert imported.data is not None
    assert imported.data["academic_events"][0]["speaker_provinces"] == ["北京", "上海", "江苏"]


def test_import_says_every_problem_at_once_in_the_sheets_words(tmp_path: Path) -> None:
    tree = base_tree(tmp_path / "tree")
    report = tree / "submissions" / "cd-mech-eng" / "2018.yaml"
    assert _cli(tree, "export", str(report), "-o", str(tmp_path / "r.xlsx")).returncode == 0
    # A good report round-trips clean with -o: its evidence is looked up in its society's folder.
    clean = _cli(tree, "import", str(tmp_path / "r.xlsx"), "-o", str(tmp_path / "r.yaml"))
    assert clean.returncode == 0, clean.stdout
    assert "E-EVIDENCE" not in clean.stdout
    # A date that cannot be read and a missing required value: both said, in one round, at cells.
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    events.cell(row=2, column=header.index("活动日期") + 1).value = "2018年13月1日"
    events.cell(row=3, column=header.index("活动名称") + 1).value = None
    book.save(tmp_path / "s.xlsx")
    book["封面"]["B3"].value = None
    book.properties.title = None  # no template title to take the year from either
    book.save(tmp_path / "no-year.xlsx")
    done = _cli(tree, "import", str(tmp_path / "s.xlsx"), "-o", str(tmp_path / "s.yaml"))
    assert done.returncode == 1
    assert not (tmp_path / "s.yaml").exists()
    title = openpyxl.utils.get_column_letter(header.index("活动名称") + 1)
    missing = next(x for x in done.stdout.splitlines() if f"学术交流活动!{title}3: " in x)
    assert "“活动名称”" in missing
    assert "title" not in missing
    no_year = _cli(tree, "import", str(tmp_path / "no-year.xlsx"), "-o", str(tmp_path / "n.yaml"))
    assert no_year.returncode == 1
    assert "封面!B3: 错误 E-XLSX-COVER “封面”中没有填写年度" in no_year.stdout  # the year left empty, said at its cell


def test_merged_cells_are_said_at_their_first_cell(tmp_path: Path) -> None:
    doc = _sample()
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["为企业提供的服务"].merge_cells("E2:E4")
    book.save(tmp_path / "m.xlsx")
    [merged] = [f for f in _import(tmp_path / "m.xlsx", 2018).findings if f.code == "W-XLSX-MERGED"]
    assert merged.message.startswith("为企业提供的服务!E2：E2:E4 是合并的单元格")
    assert (merged.line, merged.column) == (2, 5)


def test_import_output_formats_stay_parseable_and_ids_never_become_paths(tmp_path: Path) -> None:
    import json

    tree = base_tree(tmp_path / "tree")
    report = tree / "submissions" / "cd-mech-eng" / "2018.yaml"
    # A mailed file's name holding a line break: it must not forge lines in the report file.
    mailed = tmp_path / "来件\n-: 伪造的一行.xlsx"
    assert _cli(tree, "export", str(report), "-o", str(mailed)).returncode == 0
    done = _cli(tree, "import", str(mailed), "-o", str(tmp_path / "r.yaml"), "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert {f["severity"] for f in json.loads(done.stdout)["findings"]} <= {"warning"}  # the JSON alone on stdout
    assert "已写入" in done.stderr
    written = (tmp_path / "r.yaml").read_text("utf-8")
    assert "\n-: 伪造的一行" not in written
    assert next(line for line in written.splitlines() if "由工作簿" in line).startswith("# ")
    # --society and the cover's id name a folder: anything else is refused before a path is built.
    bad = _cli(tree, "import", str(mailed), "--society", "../../escape")
    assert bad.returncode == 2
    assert "无效" in bad.stderr
    book = openpyxl.load_workbook(mailed)
    cover = book[COVER]
    row = next(r for r in cover.iter_rows(min_row=2) if r[1].value == "cd-mech-eng")
    row[1].value = "../../escape"
    book.save(tmp_path / "escape.xlsx")
    escaped = _cli(tree, "import", str(tmp_path / "escape.xlsx"), "-o", str(tmp_path / "e.yaml"))
    assert escaped.returncode == 1
    assert not (tmp_path / "e.yaml").exists()
    assert "无效" in escaped.stdout + escaped.stderr
    # The cover's id never names the target: an import says where to write (-o or --society).
    placed = _cli(tree, "import", str(tmp_path / "escape.xlsx"))
    assert placed.returncode == 2
    assert "-o/--output --society" in placed.stderr
    assert not (tmp_path / "escape").exists()


MEMORY = """
import json, resource, sys
from pathlib import Path
from validators.xlsx.layout import layout
from validators.xlsx.read import read_workbook
from validators.year.guideline import guideline
found = read_workbook(Path(sys.argv[1]), "w.xlsx", layout(guideline(2018))).findings
# This process's own peak (VmHWM): ru_maxrss keeps the forking parent's across exec.
peak = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")),
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(json.dumps({"rss_kb": peak,
                  "findings": [[f.code, f.severity, f.message] for f in found]}, ensure_ascii=False))
"""


def test_a_cell_in_the_last_column_keeps_the_memory_bounded_and_is_said_once_a_sheet(tmp_path: Path) -> None:
    """One cell in column XFD on 5,000 rows of every sheet (a few hundred KB): each row was read
    16,384 values wide (1.4 GB, 20 s). Only the table's columns and a margin are read; the
    cells past them are said once a sheet, at the first."""
    import json

    from validators.yaml.policy import policy

    rows = policy().workbook.max_rows
    path = tmp_path / "blank.xlsx"
    path.write_bytes(workbook_bytes(layout(guideline(2018)), {"society": "cd-mech-eng", "year": 2018}))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    sheets = [n for n in book.sheetnames if n not in ("说明", OPTIONS)]
    for name in sheets:
        for r in range(2, rows + 1):
            book[name].cell(row=r, column=16384).value = "x"
    book.save(tmp_path / "wide.xlsx")
    done = subprocess.run([sys.executable, "-c", MEMORY, str(tmp_path / "wide.xlsx")], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=600)
    result = json.loads(done.stdout)
    assert result["rss_kb"] < 400_000, result["rss_kb"]  # was 1.4 GB
    said = [f for f in result["findings"] if f[0] == "W-XLSX-OUTSIDE"]
    assert [m.split("：")[0] for _, _, m in said] == [f"{n}!XFD2" for n in sheets]
    assert all(s == "warning" and "没有读入" in m for _, s, m in said)
    assert [f for f in result["findings"] if f[0] != "W-XLSX-OUTSIDE"] == []


def test_a_note_beside_the_table_is_said_at_its_cell_and_its_row_is_no_item(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / "r.xlsx"))
    events = book["学术交流活动"]
    events["Q10"].value = "备注：另有两次沙龙未列入"
    book.save(tmp_path / "n.xlsx")
    imported = _import(tmp_path / "n.xlsx", 2018)
    assert [f.message.split("：")[0] for f in imported.findings] == ["学术交流活动!Q10"]
    assert imported.findings[0].code == "W-XLSX-OUTSIDE"


def test_the_problems_listed_from_one_workbook_are_capped(tmp_path: Path) -> None:
    from validators.yaml.policy import policy

    most = policy().workbook.max_findings
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / "r.xlsx"))
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    for r in range(2, most + 52):
        events.cell(row=r, column=header.index("参与人数") + 1).value = "很多"
    book.save(tmp_path / "c.xlsx")
    imported = _import(tmp_path / "c.xlsx", 2018)
    assert len(imported.findings) == most + 1
    last = imported.findings[-1]
    assert last.severity == "error"
    assert f"还有 50 个问题没有列出（只列出前 {most} 个）" in last.message


def _with_comment(source: Path, target: Path, size: int) -> None:
    """`source` with an XML comment of `size` bytes in its first list sheet (sheet3.xml, after 说明 and 封面)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                data = data.replace(b"<sheetData", b"<!--" + b" " * size + b"--><sheetData", 1)
            new.writestr(info.filename, data)


def test_a_big_xml_comment_is_fed_to_the_parser_in_big_pieces_and_the_limit_holds_real_workbooks(tmp_path: Path) -> None:
    """Expat scans a token it has not finished again with every piece: the work is (token)² /
    piece. openpyxl fed 16 KB pieces (a 90 MB comment: 282 s); the sheet is now fed in pieces of
    policy.yaml's read_chunk_bytes, counted here, and the unpacked limit that bounds the token
    still takes the template filled to its row limit with every text different."""
    import io

    from validators.xlsx import read as reader
    from validators.yaml.policy import policy

    limits = policy().workbook
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    rows = policy().yaml.max_list_items
    full: dict[str, Any] = {"society": "cd-mech-eng", "year": 2018}
    for sheet in shape.sheets:
        if sheet.parent:
            continue
        node = full
        for key in sheet.path[:-1]:
            node = node.setdefault(key, {})
        node[sheet.path[-1]] = [{c.key: {"date": dt.date(2018, 5, 12), "int": 120, "number": 15.5, "bool": True,
                                         "choice": (c.choices or ("x",))[0], "list": [f"https://example.org/{c.key}/{n}.pdf"]}
                                 .get(c.kind, f"{c.key} 一段比较长的中文说明文字，第 {n} 行") for c in sheet.columns}
                                for n in range(rows)]
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(shape, full))) as archive:
        assert sum(i.file_size for i in archive.infolist()) < limits.max_unpacked_bytes / 3
    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(workbook_bytes(shape, {"society": "cd-mech-eng", "year": 2018}))
    size = limits.max_unpacked_bytes - 2_000_000
    _with_comment(blank, tmp_path / "comment.xlsx", size)
    pieces = []
    real = reader._Pieces.read

    def counted(self: Any, n: int = -1) -> bytes:
        data = real(self, n)
        pieces.append(len(data))
        return data

    reader._Pieces.read = counted  # type: ignore[method-assign]
    try:
        imported = _import(tmp_path / "comment.xlsx", 2018)
    finally:
        reader._Pieces.read = real  # type: ignore[method-assign]
    assert [f for f in imported.findings if f.severity == "error"] == []
    assert max(pieces) == limits.read_chunk_bytes
    assert len(pieces) < size / limits.read_chunk_bytes + 40  # 16 KB pieces: 2,300
    _with_comment(blank, tmp_path / "bigger.xlsx", limits.max_unpacked_bytes)
    [refused] = _import(tmp_path / "bigger.xlsx", 2018).findings
    assert refused.code == "E-XLSX-UNREADABLE"
    assert "解压后超过" in refused.message


def test_import_says_everything_in_one_run_even_with_a_bad_cover_id(tmp_path: Path) -> None:
    """An invalid id on the cover stopped the check (3 findings; the form listed 24), and a row
    with a schema error hid its district's (郫县 came only in the next round). One run says all;
    nothing is written."""
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / "r.xlsx"))
    cover = book[COVER]
    row = next(r for r in cover.iter_rows(min_row=2) if str(r[0].value).startswith("学会 id"))
    row[1].value = "成都市机械学会"  # no registered society's name (a registered one is read as its id)
    services = book["为企业提供的服务"]
    header = [str(c.value).rstrip(" *") for c in services[1]]
    services.cell(row=2, column=header.index("编号") + 1).value = None
    services.cell(row=2, column=header.index("服务名称") + 1).value = None
    services.cell(row=2, column=header.index("所在区（市）县") + 1).value = "郫县"
    book.save(tmp_path / "b.xlsx")
    done = _cli(ROOT, "import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    said = {line.split(" ")[3]: line for line in done.stdout.splitlines() if " 错误 " in line}
    assert said["E-XLSX-COVER"].count("封面!B2") == 1
    # The blank 编号 is filled, as the form fills it; the row the model refuses still has its
    # district checked.
    assert "为企业提供的服务!C2: 错误 E-SCHEMA-MISSING 缺少必填字段“服务名称”" in said["E-SCHEMA-MISSING"]
    assert "缺少必填字段“编号”" not in done.stdout
    district = next(line for line in done.stdout.splitlines() if "E-DISTRICT-UNKNOWN" in line)
    assert "为企业提供的服务!E2: 错误 E-DISTRICT-UNKNOWN（条款 1） “郫县”" in district
    assert done.stdout.count("封面!B2") == 1  # the id is said once, by the cover
    assert not (tmp_path / "out.yaml").exists()


def _spoiled(tmp_path: Path, name: str, change: Any) -> Path:
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / f"{name}-r.xlsx"))
    change(book)
    book.save(tmp_path / f"{name}.xlsx")
    return tmp_path / f"{name}.xlsx"


def _set(sheet_name: str, title: str, row: int, value: object) -> Any:
    def change(book: Any) -> None:
        sheet = book[sheet_name]
        header = [str(c.value).rstrip(" *") for c in sheet[1]]
        sheet.cell(row=row, column=header.index(title) + 1).value = value
    return change


def _lines(tmp_path: Path, path: Path) -> list[str]:
    """The import's lines on the workbook, each as “sheet!cell：message” (the reader's own words)."""
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"), "--replace")
    assert "Traceback" not in done.stderr
    said = []
    for line in done.stdout.splitlines():
        if line.startswith(f"{path} "):
            cell, _, rest = line.removeprefix(f"{path} ").partition(": ")
            said.append(f"{cell}：{rest.split(' ', 2)[2]}")
    return said


def test_a_date_that_cannot_be_read_is_one_finding(tmp_path: Path) -> None:
    lines = _lines(tmp_path, _spoiled(tmp_path, "d", _set("学术交流活动", "活动日期", 4, "2018年5月")))
    at = [line for line in lines if line.startswith("学术交流活动!E4")]
    assert at == ["学术交流活动!E4：“2018年5月”只写到月份：日期要写到日，请按证明材料上的日期填写，如 2018-05-12。"]


def test_a_renamed_required_header_is_said_on_the_header_row(tmp_path: Path) -> None:
    def rename(book: Any) -> None:
        sheet = book["为企业提供的服务"]
        cell = next(c for c in sheet[1] if str(c.value).startswith("服务日期"))
        cell.value = "日期"
    lines = _lines(tmp_path, _spoiled(tmp_path, "h", rename))
    services = [line for line in lines if line.startswith("为企业提供的服务!")]
    assert services == ["为企业提供的服务!F1：不认识的标题“日期”：是不是“服务日期”？请改回原来的标题。"
                        "“服务日期”是必填的一列，改回之前每一行的“服务日期”都按没有填写处理。"]


def test_a_deleted_header_row_is_one_finding_that_says_how_to_restore_it(tmp_path: Path) -> None:
    imported = _import(_spoiled(tmp_path, "n", lambda book: book["为企业提供的服务"].delete_rows(1)), 2018)
    [said] = [f for f in imported.findings if "为企业提供的服务" in f.message]
    assert said.message.startswith("为企业提供的服务!A1：第 1 行不是这张表的标题行，而像是一行内容（“svc-")
    assert "标题行可能被删除了" in said.message
    assert "重新下载空白工作簿" in said.message
    assert "00:00:00" not in said.message  # a date cell shown as the sheet shows it


def test_a_totals_row_under_the_table_is_one_finding_at_its_row(tmp_path: Path) -> None:
    def total(book: Any) -> None:
        sheet = book["学术交流活动"]
        row = sheet.max_row + 1
        header = [str(c.value).rstrip(" *") for c in sheet[1]]
        sheet.cell(row=row, column=2).value = "合计"
        sheet.cell(row=row, column=header.index("参与人数") + 1).value = 1200
    path = _spoiled(tmp_path, "t", total)
    imported = _import(path, 2018)
    [said] = imported.findings
    assert said.code == "W-XLSX-TOTAL"
    assert "像是合计行（“合计”），没有读入" in said.message
    assert [line for line in _lines(tmp_path, path) if line.startswith("学术交流活动!")] == [said.message]


AMOUNT_SHEET = "承接的政府转移职能（委托工作）"
# Numbers written with words that leave the number in doubt: another unit, 约/余/左右, a range,
# words. Still unread, with how to write them (policy.yaml's workbook.numbers).
WORDED = [
    ("学术交流活动", "参与人数", "160人次", "“160人次”：这一列的单位是“人”，不是“人次”；请换算后只写数字。"),
    ("学术交流活动", "参与人数", "约400", "“约400”：只写数字 400，不带“约”。"),
    ("学术交流活动", "参与人数", "约160人", "“约160人”：只写数字 160，不带“约”“人”。"),
    ("学术交流活动", "参与人数", "200余人", "“200余人”：只写数字 200，不带“余”“人”。"),
    ("学术交流活动", "参与人数", "300人左右", "“300人左右”：只写数字 300，不带“人”“左右”。"),
    ("学术交流活动", "参与人数", "100-200人", "“100-200人”不是整数：只写阿拉伯数字，如 15。"),
    ("学术交流活动", "参与人数", "160.5人", "这里应填整数，现在是“160.5人”。"),
    ("学术交流活动", "参与人数", "1.5万", "“1.5万”：请写出完整的数字（如 1.5万 写 15000），不带“万”。"),
    ("学术交流活动", "参与人数", "一百", "“一百”不是整数：只写阿拉伯数字，如 15。"),
    (AMOUNT_SHEET, "金额（万元）", "150000元", "“150000元”：这一列的单位是“万元”，不是“元”；请换算后只写数字。"),
    (AMOUNT_SHEET, "金额（万元）", "15千元", "“15千元”不是数字：只写阿拉伯数字，如 15。"),
    (AMOUNT_SHEET, "金额（万元）", "约15万", "“约15万”：只写数字 15，不带“约”“万”。"),
]
# A number and its column's own unit, nothing else: one number only, read and said (W-XLSX-UNIT).
WITH_UNIT = [
    (AMOUNT_SHEET, "金额（万元）", "15万", 15, "“15万”已按 15 读入（单位：万元，只写数字即可），请核对。"),
    (AMOUNT_SHEET, "金额（万元）", "15.5万元", 15.5, "“15.5万元”已按 15.5 读入（单位：万元，只写数字即可），请核对。"),
    ("学术交流活动", "参与人数", "160人", 160, "“160人”已按 160 读入（单位：人，只写数字即可），请核对。"),
    ("学术交流活动", "参与人数", "１,２００名", 1200, "“１,２００名”已按 1200 读入（单位：人，只写数字即可），请核对。"),
]


@pytest.mark.parametrize(("sheet", "title", "value", "message"), WORDED)
def test_a_number_with_words_says_how_to_write_it(tmp_path: Path, sheet: str, title: str, value: str, message: str) -> None:
    imported = _import(_spoiled(tmp_path, "w", _set(sheet, title, 2, value)), 2018)
    [said] = imported.findings
    assert said.code == "E-XLSX-VALUE"
    assert said.message.endswith("：" + message)


@pytest.mark.parametrize(("sheet", "title", "value", "number", "message"), WITH_UNIT)
def test_a_number_with_its_columns_own_unit_is_read_and_said(tmp_path: Path, sheet: str, title: str, value: str,
                                                             number: float, message: str) -> None:
    """15万 under 金额（万元）, 160人 under 参与人数 can mean one number only: read as it, with a
    warning at the cell (it was refused, and the field left empty, next to the form's button
    that submits past the problems)."""
    path = _spoiled(tmp_path, "u", _set(sheet, title, 2, value))
    imported = _import(path, 2018)
    [said] = imported.findings
    assert (said.code, said.severity) == ("W-XLSX-UNIT", "warning")
    assert said.message.endswith("2：" + message)
    layout_ = layout(guideline(2018))  # type: ignore[arg-type]
    shape = next(s for s in layout_.sheets if s.name == sheet)
    key = next(c.key for c in shape.columns if c.title == title)
    assert imported.data is not None
    item = imported.data
    for part in shape.path:
        item = item[part]
    assert item[0][key] == number
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"), "--replace")
    assert f"{path} {said.message.split('：', 1)[0]}: 警告 W-XLSX-UNIT {message}" in done.stdout.splitlines()
    # Written as the form writes it: 15, not 15.0.
    assert f"{key}: {number}\n" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_every_columns_own_unit_names_a_number_of_the_layout() -> None:
    """policy.yaml's workbook.numbers.columns names fields by key: a key no year has (renamed, mistyped)
    would silently read nothing."""
    from validators.yaml.policy import policy

    keys = {c.key for year in (2017, 2018) for shape in [layout(guideline(year))]  # type: ignore[arg-type]
            for c in [*(c for _, c in shape.cover), *(c for s in shape.sheets for c in s.columns)]
            if c.kind in ("int", "number")}
    assert set(policy().workbook.numbers.columns) <= keys


def _linked_and_formulas(tmp_path: Path) -> Path:
    """Ctrl+K on an evidence cell and on a title; a formula's error value; a formula never
    calculated (openpyxl writes no result, as other programs may)."""
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / "r.xlsx"))
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    evidence = events.cell(row=2, column=header.index("证明材料") + 1)
    evidence.value = "年会通知"
    evidence.hyperlink = "https://www.example.org/news/2018-annual"
    events.cell(row=2, column=header.index("活动名称") + 1).hyperlink = "https://www.example.org/event"
    events.cell(row=3, column=header.index("参与人数") + 1).value = "#N/A"
    events.cell(row=4, column=header.index("参与人数") + 1).value = "=SUM(100,20)"
    book.save(tmp_path / "f.xlsx")
    return tmp_path / "f.xlsx"


def test_hyperlinks_and_formulas_are_read_for_what_they_are(tmp_path: Path) -> None:
    imported = _import(_linked_and_formulas(tmp_path), 2018)
    said = {f.message.split("：", 1)[0]: (f.code, f.severity, f.message.split("：", 1)[1]) for f in imported.findings}
    assert said["学术交流活动!O2"] == ("W-XLSX-CONVERTED", "warning",
                                   "超链接“年会通知”按链接地址 https://www.example.org/news/2018-annual 读入，请核对。")
    assert said["学术交流活动!B2"][:2] == ("W-XLSX-LINK", "warning")
    assert "只读入了显示的文字" in said["学术交流活动!B2"][2]
    assert said["学术交流活动!F3"] == ("E-XLSX-VALUE", "error",
                                   "公式的结果是错误值 #N/A：请在 Excel 或 WPS 中改正公式，或直接填写数值。")
    assert said["学术交流活动!F4"] == ("E-XLSX-VALUE", "error",
                                   "公式没有计算结果：请在 Excel 或 WPS 中打开并保存一次，或直接填写数值。")
    assert imported.data is not None
    assert imported.data["academic_events"][0]["evidence"] == ["https://www.example.org/news/2018-annual"]


def _ods(path: Path) -> Path:
    """The parts an OpenDocument spreadsheet (.ods) opens with: a zip, like a workbook, but no xl/."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return path


def test_a_workbook_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    """A valid workbook without .xlsx (mailed as “报告”) imports; an .ods says to save as .xlsx."""
    named = _export(_sample(), tmp_path / "r.xlsx")
    bare = tmp_path / "报告"
    bare.write_bytes(named.read_bytes())
    done = _cli(ROOT, "import", str(bare), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "out.yaml").exists()
    [ods] = _import(_ods(tmp_path / "r.ods"), 2018).findings
    assert ods.code == "E-XLSX-UNREADABLE"
    assert "这是 .ods 表格" in ods.message
    assert "另存为” Excel 工作簿（.xlsx）" in ods.message


def test_the_workbook_helps_in_its_own_year_and_words_and_prints_whole(tmp_path: Path) -> None:
    """The id's example is the sheet's and the year's (not evt-annual-2017 everywhere); a district
    and a consortium's industry have dropdowns of the year's lists that warn; printed, text wraps
    in columns narrow enough for a page, rows are as tall as their text, 说明 wraps its lines."""
    rules = guideline(2018)
    assert rules is not None
    path = tmp_path / "t.xlsx"
    doc = _sample()
    path.write_bytes(workbook_bytes(layout(rules), doc.report.model_dump(mode="python", exclude_none=True)))
    book = openpyxl.load_workbook(path)
    for name, prefix in (("为企业提供的服务", "svc"), ("学术交流活动", "evt"), ("参与市科协重大工作", "mw")):
        note = book[name]["A1"].comment.text
        assert f"{prefix}-2018-01" in note, note
        assert "2017" not in note
    for name, title, words in (("为企业提供的服务", "所在区（市）县", rules.districts),
                               ("学会联合体建设", "服务产业", rules.industries)):
        sheet = book[name]
        letter = openpyxl.utils.get_column_letter([str(c.value).rstrip(" *") for c in sheet[1]].index(title) + 1)
        [rule] = [v for v in sheet.data_validations.dataValidation if f"{letter}2" in str(v.sqref)]
        assert rule.type == "list"
        assert rule.errorStyle == "warning"
        column = next(col for col in book[OPTIONS].iter_cols() if col[0].value == title)
        assert [c.value for c in column[1:] if c.value][:len(words)] == list(words)
    services = book["为企业提供的服务"]
    assert services.page_margins.left == pytest.approx(0.3)
    assert services.row_dimensions[1].height >= 30  # the header's lines
    wrapped = [c for c in services[2] if isinstance(c.value, str) and len(c.value) > 20]
    assert wrapped
    assert all(c.alignment.wrap_text for c in wrapped)
    assert services.row_dimensions[2].height >= 30  # as tall as its longest text
    widths = [services.column_dimensions[openpyxl.utils.get_column_letter(n)].width for n in range(1, services.max_column + 1)]
    assert sum(widths) < 160  # eight columns on one landscape page at a readable scale
    guide = book["说明"]
    assert guide.column_dimensions["A"].width <= 81
    long_line = next(r for r in range(1, guide.max_row + 1) if len(str(guide.cell(r, 1).value or "")) > 60)
    assert guide.cell(long_line, 1).alignment.wrap_text
    assert guide.row_dimensions[long_line].height >= 30


def test_a_new_society_is_sent_to_the_form_for_its_profile(tmp_path: Path) -> None:
    """A workbook holds no profile: `import --society` for a society not yet registered said
    “请先提交学会资料”, which the workbook cannot do; the cover said to look the id up on the
    society's own page, which a new society does not have."""
    tree = base_tree(tmp_path / "tree")
    shutil.copy(ROOT / "mkdocs.yml", tree / "mkdocs.yml")  # its site_url: the form's address
    done = _cli(tree, "template", "cd-new-materials", "2018", "-o", str(tmp_path / "new.xlsx"))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "new.xlsx")
    note = next(str(r[2].value) for r in book[COVER].iter_rows(min_row=2) if str(r[0].value).startswith("学会 id"))
    assert "新学会还没有代号" in note
    assert "并在“学会资料”工作表填写学会资料" in note  # the blank workbook has the sheet (tests/test_xlsx_profile.py)
    assert "“在线填报”页面（https://" in note  # the form's address, from mkdocs.yml's site_url
    assert "/form/）" in note
    assert any("新学会" in str(r[0].value) for r in book["说明"].iter_rows())
    done = _cli(tree, "import", str(tmp_path / "new.xlsx"), "--society", "cd-new-materials")
    assert "Traceback" not in done.stderr
    line = next(x for x in done.stdout.splitlines() if "E-SOCIETY-PROFILE-MISSING" in x)
    assert "封面!B2: 错误 E-SOCIETY-PROFILE-MISSING 学会“cd-new-materials”还没有在本站登记" in line
    assert "拖入网站“在线填报”页面（https://" in line
    assert "python -m validators new cd-new-materials" in line
    assert "请先提交学会资料" not in line


def _rewritten(path: Path, out: Path, change: Callable[[str, str], str]) -> Path:
    """The workbook with each XML part passed through `change(name, text)`."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    return out


def _excel_order(name: str, text: str) -> str:
    """Attributes as Excel and LibreOffice write them: the one looked for first, right after the
    element's name (openpyxl writes others first), and a line break before the next."""
    text = re.sub(r'<hyperlink ([^>]*?)\s*ref="([^"]*)"', r'<hyperlink ref="\2"\n \1', text)
    return re.sub(r'<Relationship ([^>]*?)\s*Id="([^"]*)"', r'<Relationship Id="\2"\t\1', text)


def test_a_hyperlink_is_read_whatever_order_the_writer_puts_its_attributes_in(tmp_path: Path) -> None:
    """Saved by Excel or LibreOffice, `ref` and `Id` come first: they were looked for after a
    space only, and the link's address was lost without a word (evidence read as “年会通知”)."""
    path = _rewritten(_linked_and_formulas(tmp_path), tmp_path / "excel.xlsx", _excel_order)
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert any('<hyperlink ref="' in archive.read(n).decode() for n in sheets)
    imported = _import(path, 2018)
    assert imported.data is not None
    assert imported.data["academic_events"][0]["evidence"] == ["https://www.example.org/news/2018-annual"]


def test_links_over_whole_sheets_are_read_in_bounded_work(tmp_path: Path) -> None:
    """Links each over A1:XFD1048576: each wrote every cell of the sheet into the table of links
    (a thousand took hours); the links may cover the sheet's cells once in all."""
    def spread(name: str, text: str) -> str:
        if name.startswith("xl/worksheets/sheet") and "<hyperlink " in text:
            one = re.search(r"<hyperlink [^>]*/>", text)
            assert one is not None
            many = re.sub(r'ref="[^"]*"', 'ref="A1:XFD1048576"', one.group()) * 30
            return text.replace(one.group(), one.group() + many)
        return text

    from openpyxl.utils import cell as cells  # `_links` imports range_boundaries when it runs

    calls = 0

    real = cells.range_boundaries

    def counted(ref: str) -> tuple[int, int, int, int]:
        nonlocal calls
        calls += 1
        return real(ref)

    path = _rewritten(_linked_and_formulas(tmp_path), tmp_path / "spread.xlsx", spread)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cells, "range_boundaries", counted)
        imported = _import(path, 2018)
    assert imported.data is not None
    assert calls < 10  # the first whole-sheet link spends the budget; the rest are not expanded


def test_an_unreadable_parent_cell_is_said_once(tmp_path: Path) -> None:
    """A formula's error in 所属报告编号 was said twice at one cell: unreadable, then not found."""
    doc = _sample("cd-mech-eng", 2017)
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["成果认定"]["A2"].value = "#REF!"
    book.save(tmp_path / "s.xlsx")
    imported = _import(tmp_path / "s.xlsx", 2017)
    at_a2 = [f for f in imported.findings if f.message.startswith("成果认定!A2：")]
    assert [f.code for f in at_a2] == ["E-XLSX-VALUE"]


def _blank_book(tmp_path: Path, year: int = 2018) -> Any:
    rules = guideline(year)
    assert rules is not None
    path = tmp_path / "blank.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": year}))
    return openpyxl.load_workbook(path)


def _services(book: Any, rows: int, date: Callable[[int], object] = lambda n: "2018.5.6") -> None:
    """`rows` services on the 2018 services sheet, each one's date written by `date(n)`."""
    sheet = book["为企业提供的服务"]
    for n in range(rows):
        sheet.append([f"svc-{n + 1}", "科技咨询", f"咨询服务{n + 1}", f"示例企业{n + 1}", "郫都区", date(n), "成效",
                      "https://example.org/x"])


def test_past_the_listed_problems_an_error_is_never_hidden_behind_warnings(tmp_path: Path) -> None:
    """250 dates written 2018.5.6 (a warning each) and one that cannot be read at F241: the 200
    listed were all warnings, the error was among the 50 unlisted, and the check then said its
    cell was empty (“缺少必填字段…请在这个单元格填写”). The error is listed, first, and said once."""
    from validators.yaml.policy import policy

    most = policy().workbook.max_findings
    book = _blank_book(tmp_path)
    _services(book, most + 50, lambda n: "2018年13月5日" if n == most + 39 else "2018.5.6")
    book.save(tmp_path / "w.xlsx")
    imported = _import(tmp_path / "w.xlsx", 2018)
    bad = f"为企业提供的服务!F{most + 41}"
    assert imported.findings[0].message.startswith(f"{bad}：日期“2018年13月5日”无法识别")
    assert len(imported.findings) == most + 1
    assert imported.findings[-1].code == "W-XLSX-TOO-MANY"  # only warnings were left unlisted
    done = _cli(ROOT, "import", str(tmp_path / "w.xlsx"), "-o", str(tmp_path / "w.yaml"))
    lines = done.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'w.xlsx'} {bad}: 错误 E-XLSX-VALUE 日期“2018年13月5日”无法识别：请写成 2018-05-12 这样的日期。"
    assert sum(bad in line for line in lines) == 1
    assert "还有 50 个问题没有列出" in lines[-2]  # the count of the rest after them all


def test_an_unreadable_cell_past_the_listed_ones_is_not_said_to_be_empty(tmp_path: Path) -> None:
    """More errors than are listed: an unreadable date among the unlisted ones is not said, by
    the check, to be a required cell left empty."""
    from validators.yaml.policy import policy

    most = policy().workbook.max_findings
    book = _blank_book(tmp_path)
    _services(book, most + 10, lambda n: "2018年13月5日")
    book.save(tmp_path / "e.xlsx")
    done = _cli(ROOT, "import", str(tmp_path / "e.xlsx"), "-o", str(tmp_path / "e.yaml"))
    assert done.returncode == 1
    assert "E-SCHEMA-MISSING" not in done.stdout
    assert done.stdout.splitlines()[-2].endswith(f"还有 10 个问题没有列出（只列出前 {most} 个）：请先按上面的提示改正，再导入一次。")
    assert " E-XLSX-TOO-MANY " in done.stdout.splitlines()[-2]


def test_rows_past_a_sheets_limit_are_said_before_any_warning(tmp_path: Path) -> None:
    from validators.yaml.policy import policy

    limit = policy().yaml.max_list_items
    book = _blank_book(tmp_path)
    _services(book, limit + 100, lambda n: 43300)  # a serial number: a warning on every row
    book.save(tmp_path / "r.xlsx")
    imported = _import(tmp_path / "r.xlsx", 2018)
    assert imported.findings[0].code == "E-XLSX-TOO-MANY"
    assert imported.findings[0].message.startswith(f"为企业提供的服务!A{limit + 2}：一张表最多 {limit} 行")


TOTALS = [(1, "合计"), (1, "合计：2 项"), (1, "总计 420"), (2, "合计"), (2, "小计:"), (2, "合计（万元）"), (2, "共计：3家"),
          (2, "合计 1,200 人次"), (2, "合计数 15.5（万元）")]
# A row with its 编号 blank whose cell begins with a totals word but goes on: an item (the 编号 is
# said missing), never dropped as a total.
NO_TOTALS = ["共计 10 家企业完成核心业务系统上云", "合计：2 项目", "总数 3 个区县的企业", "合计（不含子项）", "小计算机",
             "共计10家企业完成上云", "合计 2 项、3 家"]


@pytest.mark.parametrize(("column", "words"), TOTALS)
def test_a_totals_row_is_no_item_whichever_column_says_it(tmp_path: Path, column: int, words: str) -> None:
    """合计 typed in column A (the 编号) was read as an item with the id 合计 (and written so when
    nothing else was wrong); 合计：2 项 was not known as a total at all."""
    book = _blank_book(tmp_path)
    events = book["学术交流活动"]
    events.append(["evt-a", "2018年成都市农学会学术年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), 300])
    events.append(["evt-b", "小计算机应用论坛", "其他", "主办", dt.date(2018, 9, 20), 120])  # 小计… that goes on: a title
    total = [None] * 6
    total[column - 1], total[5] = words, 420
    events.append(total)
    book.save(tmp_path / "t.xlsx")
    imported = _import(tmp_path / "t.xlsx", 2018)
    [said] = imported.findings
    assert said.code == "W-XLSX-TOTAL"
    assert said.message.startswith(f"学术交流活动!{'AB'[column - 1]}4：第 4 行像是合计行（“{words}”），没有读入")
    assert [e["id"] for e in imported.data["academic_events"]] == ["evt-a", "evt-b"]
    done = _cli(ROOT, "import", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "t.yaml"))
    assert "合计" not in (tmp_path / "t.yaml").read_text("utf-8")
    assert "E-SCHEMA" not in done.stdout


@pytest.mark.parametrize("words", NO_TOTALS)
def test_a_cell_that_goes_on_after_a_totals_word_is_an_item(tmp_path: Path, words: str) -> None:
    """Any cell of a row with a blank 编号 that began with 共计 and a space, a digit or a colon
    dropped the whole row as a totals row: a service whose result said “共计 10 家企业…” was lost
    with a warning, and the report was written without it."""
    book = _blank_book(tmp_path)
    events = book["学术交流活动"]
    events.append(["evt-a", "2018年成都市农学会学术年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), 300])
    events.append([None, words, "其他", "主办", dt.date(2018, 9, 20), 120])
    book.save(tmp_path / "t.xlsx")
    imported = _import(tmp_path / "t.xlsx", 2018)
    assert imported.findings == []
    assert [e["title"] for e in imported.data["academic_events"]] == ["2018年成都市农学会学术年会", words]


def test_a_service_whose_result_begins_with_a_total_is_not_lost(tmp_path: Path) -> None:
    """The maintainer's case: 编号 cleared and 服务成效 “共计 10 家企业完成核心业务系统上云”: the
    import wrote a report with one service fewer and exited 0. The service is written, its 编号
    filled as the form fills it."""
    doc = dict(check_tree(ROOT)[1].reports)[("cd-computer", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "c.xlsx"))
    services = book["为企业提供的服务"]
    services["A2"].value = None
    services["G2"].value = "共计 10 家企业完成核心业务系统上云"
    book.save(tmp_path / "c2.xlsx")
    done = _cli(ROOT, "import", str(tmp_path / "c2.xlsx"), "-o", str(tmp_path / "c2.yaml"))
    assert "W-XLSX-TOTAL" not in done.stdout
    services = yaml.safe_load((tmp_path / "c2.yaml").read_text("utf-8"))["innovation"]["services"]
    assert len(services) == len(doc.report.innovation.services)
    assert services[0]["outcome"] == "共计 10 家企业完成核心业务系统上云"
    assert "工作簿中有 1 项没有填写编号" in done.stdout


def _external(source: Path, target: Path) -> Path:
    """`source` with 学术交流活动!F2 = [1]Sheet1!$A$1 (a file on the secretary's desktop, its last
    result 300 kept), F3:F4 a shared formula reading the same file, H2 = 1+2 and F5 = "[1]"&"x":
    as Excel saves a link to another workbook."""
    def change(name: str, text: str) -> str:
        if name == "xl/worksheets/sheet7.xml":
            for ref, formula in (("F2", "<f>[1]Sheet1!$A$1</f><v>300</v>"),
                                 ("F3", '<f t="shared" ref="F3:F4" si="0">SUM([1]Sheet1!$A$2)</f><v>120</v>'),
                                 ("F4", '<f t="shared" si="0"/><v>130</v>'), ("H2", "<f>1+2</f><v>3</v>"),
                                 ("F5", '<f>LEN("[1]"&amp;"x")</f><v>4</v>')):
                text = re.sub(f'<c r="{ref}"([^>]*?)(/>|>.*?</c>)', f'<c r="{ref}">{formula}</c>', text, count=1, flags=re.S)
        if name == "[Content_Types].xml":
            text = text.replace("</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
                                '"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            text = text.replace("</Relationships>", '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                                'officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>'
                                "</Relationships>")
        if name == "xl/workbook.xml":
            text = text.replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rIdX"/></externalReferences>')
        return text

    _rewritten(source, target, change)
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr("xl/externalLinks/externalLink1.xml", '<externalLink xmlns="http://schemas.openxmlformats.org/'
                         'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         '<externalBook r:id="rId1"/></externalLink>')
        archive.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/Users/mishu/Desktop/'
                         '%E5%8F%82%E4%BC%9A%E4%BA%BA%E6%95%B0.xlsx" TargetMode="External"/></Relationships>')
    return target


def _external_workbook(tmp_path: Path) -> Path:
    book = openpyxl.load_workbook(_export(_sample(), tmp_path / "r.xlsx"))
    assert book.sheetnames.index("学术交流活动") == 6  # sheet7.xml
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    assert (header.index("参与人数"), header.index("分论坛个数")) == (5, 7)  # F and H
    while events.max_row < 5:  # a fifth row to hold F5
        events.append([f"evt-{events.max_row}", *[c.value for c in events[2][1:]]])
    book.save(tmp_path / "s.xlsx")
    return _external(tmp_path / "s.xlsx", tmp_path / "x.xlsx")


def test_a_formula_that_reads_another_workbook_is_said_at_its_cell(tmp_path: Path) -> None:
    """参与人数 = a formula reading C:/Users/mishu/Desktop/参会人数.xlsx was read as 300 without a
    word: the file is not sent with the report, and the number does not follow it."""
    imported = _import(_external_workbook(tmp_path), 2018)
    said = {f.message.split("：", 1)[0]: f for f in imported.findings}
    assert set(said) == {"学术交流活动!F2", "学术交流活动!F3", "学术交流活动!F4"}
    assert {f.code for f in said.values()} == {"W-XLSX-EXTERNAL-LINK"}
    assert said["学术交流活动!F2"].message == (
        "学术交流活动!F2：这一格的公式引用了另一个工作簿“参会人数.xlsx”，读入的是它保存时的结果“300”：那个文件不随报告提交，"
        "改动后这里也不会更新。请核对，并把公式换成数值（复制后“选择性粘贴”为数值）。")
    assert "“130”" in said["学术交流活动!F4"].message  # a shared formula's other cells read the same file
    assert imported.data is not None
    assert imported.data["academic_events"][0]["participants"] == 300


@pytest.mark.parametrize(("formula", "book"), [
    ("[1]Sheet1!$A$1", 1), ("SUM([2]数据!A1:A5)*2", 2), ("'[3]参会 人数'!B2", 3), ('"[1]"&A1', 0),
    ("Table1[2018]", 0), ("[0]Sheet1!A1", 0), ("SUM(A1:A3)", 0), ("Table1[[#This Row],[人数]]", 0), ("[", 0),
    ("[4]Sheet1!A1", 0), ("0+[2]B!B1+[1]A!A1", 2), ("[" + "9" * 5000 + "]Sheet1!A1", 0), ("+[" * 50_000 + "1]", 1),
])
def test_the_other_workbook_a_formula_reads_is_found_as_the_form_finds_it(formula: str, book: int) -> None:
    from tests.test_form_criteria import _node
    from validators.xlsx.read import external_book

    assert external_book(formula, 3) == book  # a workbook linked to three others
    script = "const RF = require(process.argv[1]); process.stdout.write(String(RF.externalBook(process.argv[2], 3)));"
    done = subprocess.run([_node(), "-e", script, str(ROOT / "site_builder" / "form" / "form-xlsx.js"), formula],
                          capture_output=True, text=True, check=True, timeout=60)
    assert int(done.stdout) == book


def test_the_import_lists_its_findings_sheet_by_sheet_at_the_cells_seen_in_excel(tmp_path: Path) -> None:
    """Sorted by row number across sheets, 封面!B5 came between service rows; each line began
    `file:2:6:`, which names no sheet. Errors first, then warnings, each in the workbook's order of
    sheets, then by row and column; each line starts with the sheet and cell."""
    book = _blank_book(tmp_path)
    cover = book[COVER]
    row = next(r for r in cover.iter_rows(min_row=2) if str(r[0].value).startswith("副高职"))
    row[1].value = "约80人"
    _services(book, 12, lambda n: "2018-13-01" if n == 10 else "2018.5.6" if n in (1, 9) else dt.date(2018, 5, 6))
    events = book["学术交流活动"]
    events.append(["evt-a", "年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), "很多"])
    book.save(tmp_path / "o.xlsx")
    done = _cli(ROOT, "import", str(tmp_path / "o.xlsx"), "-o", str(tmp_path / "o.yaml"))
    lines = [line.removeprefix(f"{tmp_path / 'o.xlsx'} ") for line in done.stdout.splitlines()
             if line.startswith(str(tmp_path / "o.xlsx"))]
    assert [line.split(": ")[0] for line in lines] == [
        f"封面!B{row[1].row}", "为企业提供的服务!F12", "学术交流活动!F2", "为企业提供的服务!F3", "为企业提供的服务!F11"]
    assert lines[0].startswith(f"封面!B{row[1].row}: 错误 E-XLSX-VALUE “约80人”：只写数字 80")


def test_a_thousand_unknown_sheets_are_one_finding(tmp_path: Path) -> None:
    from validators.yaml.policy import policy

    named = policy().workbook.named_sheets
    book = _blank_book(tmp_path)
    for n in range(1000):
        book.create_sheet(f"Sheet{n + 1}")["A1"].value = n
    book.save(tmp_path / "k.xlsx")
    [said] = _import(tmp_path / "k.xlsx", 2018).findings
    shown = "”“".join(f"Sheet{n + 1}" for n in range(named))
    assert said.message == (f"Sheet1!A1：工作簿中有 1000 张不认识的工作表（“{shown}”等），都没有读入：各类工作的工作表名称见“说明”，"
                            "多余的工作表可以删去。")
    assert said.code == "W-XLSX-SHEET"


@pytest.mark.parametrize(("year", "sheet", "example"), [
    (2018, "为企业提供的服务", "svc-2018-01"), (2018, "学术交流活动", "evt-2018-01"), (2017, "为企业提供的服务", "svc-2017-01"),
    (2018, "学会服务站建设", "station-wenjiang"),
])
def test_a_wrong_id_is_shown_an_id_of_its_own_sheet_and_year(tmp_path: Path, year: int, sheet: str, example: str) -> None:
    """The 2018 services sheet suggested “如 annual-meeting-2017”, an event's id of another year:
    the example is the one the sheet's 编号 header shows."""
    rules = guideline(year)
    assert rules is not None
    shape = layout(rules)
    [page] = [s for s in shape.sheets if s.name == sheet]
    assert page.id_example == example
    assert f"如 {example}" in next(c.note for c in page.columns if c.key == "id")
    book = _blank_book(tmp_path, year)
    book[sheet]["A2"].value = "服务 1"
    book.save(tmp_path / "i.xlsx")
    done = _cli(ROOT, "import", str(tmp_path / "i.xlsx"), "-o", str(tmp_path / "i.yaml"))
    [line] = [x for x in done.stdout.splitlines() if "E-SCHEMA-PATTERN" in x]
    assert line.endswith(f"{sheet}!A2: 错误 E-SCHEMA-PATTERN “编号”应由小写英文字母、数字和单个连字符组成，如 {example}。")


def test_a_wrong_ids_example_is_put_where_the_message_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`xlsx import` cut the check's message at its last “，如 ” and added the sheet's example: in
    other words (an example in brackets) it kept the check's, an event's id of 2017."""
    from tests.guarded import run_in_process
    from validators import schema_findings

    monkeypatch.setitem(schema_findings._SIMPLE, "string_pattern_mismatch",
                        ("E-SCHEMA-PATTERN", "{subject}只能用小写英文字母、数字和单个连字符（例如 {example}）。"))
    book = _blank_book(tmp_path)
    book["为企业提供的服务"]["A2"].value = "服务 1"
    book.save(tmp_path / "i.xlsx")
    done = run_in_process("--root", ROOT, "xlsx", "import", tmp_path / "i.xlsx", "-o", tmp_path / "i.yaml")
    [line] = [x for x in done.stdout.decode("utf-8").splitlines() if "E-SCHEMA-PATTERN" in x]
    assert line.endswith("为企业提供的服务!A2: 错误 E-SCHEMA-PATTERN “编号”只能用小写英文字母、数字和单个连字符（例如 svc-2018-01）。"), line


def test_blank_ids_are_filled_as_the_form_fills_them(tmp_path: Path) -> None:
    """A blank 编号 was E-SCHEMA-MISSING on the command line while the form filled it: the import
    now gives it the id the form gives (the same workbook as the form's test, the same ids), says
    how many and where, and the report it writes passes `check`. A wholly blank row stays no item."""
    from tests import blank_ids

    tree = base_tree(tmp_path / "tree")
    path = blank_ids.blank_id_workbook(tmp_path / "b.xlsx")
    done = _cli(tree, "import", str(path), "--society", blank_ids.SOCIETY, "--replace")
    assert "E-SCHEMA-MISSING" not in done.stdout, done.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert (f"工作簿中有 {blank_ids.NOTE}：为企业提供的服务!A2 {blank_ids.SERVICES[0]}；为企业提供的服务!A5 {blank_ids.SERVICES[2]}；"
            f"学会服务站建设!A3 {blank_ids.STATION}；学会联合体建设!A2 {blank_ids.CONSORTIUM}。") in done.stdout.splitlines()
    report = tree / "submissions" / blank_ids.SOCIETY / f"{blank_ids.YEAR}.yaml"
    data = yaml.safe_load(report.read_text("utf-8"))
    assert [s["id"] for s in data["innovation"]["services"]] == blank_ids.SERVICES
    assert data["service_stations"][1]["id"] == blank_ids.STATION
    assert data["consortia"][0]["id"] == blank_ids.CONSORTIUM
    assert next(iter(data["consortia"][0])) == "id"  # written where the 编号 column is, first
    checked = subprocess.run([sys.executable, "-m", "validators", "--root", str(tree), "check", str(report)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# Numbers in a date cell that are no date: past 9999-12-31, 1e+20, before the year 1.
NO_DATES = [(1e20, "1e+20"), (2958466, "2958466"), (-693594, "-693594")]


@pytest.mark.parametrize(("number", "written"), NO_DATES)
def test_a_date_cell_past_the_dates_there_are_is_said_at_its_cell_in_chinese(tmp_path: Path, number: float,
                                                                              written: str) -> None:
    """openpyxl read such a cell as #VALUE! with an English warning on stderr: the import said
    “公式的结果是错误值 #VALUE!” of a plain number. Now one E-XLSX-VALUE at the cell says what it is."""
    path = _spoiled(tmp_path, "d", _set("为企业提供的服务", "服务日期", 3, number))
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"), "--replace")
    assert "Warning" not in done.stderr, done.stderr
    assert "openpyxl" not in done.stderr, done.stderr
    assert done.stderr.startswith("工作簿中有没有读入的内容")
    lines = _lines(tmp_path, path)
    assert lines == [f"为企业提供的服务!F3：这一格设为日期格式，但其中的数 {written} 超出了日期的范围（公元 1 年至 9999 年）："
                     "请写成 2018-05-12 这样的日期。"]
    [finding] = _import(path, 2018).findings
    assert (finding.code, finding.severity, finding.line, finding.column) == ("E-XLSX-VALUE", "error", 3, 6)


# Numbers in a date cell that stand for a day no report can mean, or for a day and a time of it:
# each number, the cell's code and what is said of it.
EARLY_OR_TIMED = [
    (-5, "E-XLSX-VALUE", "这一格的日期 1899-12-25 早于 1900 年，不是报告能填写的日期（日期格式的单元格中填了 0 或负数时就会这样，"
     "Excel 和 WPS 显示为 1900-01-00 或 ######）：请写成 2018-05-12 这样的日期。"),
    (-0.5, "E-XLSX-VALUE", "这一格的日期 1899-12-29 早于 1900 年"),
    (43232.75, "W-XLSX-CONVERTED", "这一格按日期 2018-05-12 读入，舍去了其中的时刻 18:00:00，请核对。"),
]


@pytest.mark.parametrize(("number", "code", "said"), EARLY_OR_TIMED)
def test_a_date_cell_before_1900_is_refused_and_one_with_a_time_is_read_as_its_day_and_said(
        tmp_path: Path, number: float, code: str, said: str) -> None:
    """-5 in a date cell was read as 1899-12-25 without a word, 43232.75 as 2018-05-12 with its
    time dropped without a word: the one is refused at its cell, the other read and said there."""
    path = _spoiled(tmp_path, "t", _set("为企业提供的服务", "服务日期", 3, number))
    imported = _import(path, 2018)
    [finding] = imported.findings
    assert (finding.code, finding.line, finding.column) == (code, 3, 6)
    assert finding.message.startswith("为企业提供的服务!F3：" + said)
    if code == "W-XLSX-CONVERTED":
        assert finding.severity == "warning"
        assert imported.data is not None
        assert imported.data["innovation"]["services"][1]["date"] == dt.date(2018, 5, 12)


def _hide(book: Any) -> None:
    """The shapes a secretary may hide: a sheet, two rows of another, a column of a third, a row
    of the cover; and a hidden row that holds nothing and the hidden list of choices (not said)."""
    book["为企业提供的服务"].sheet_state = "hidden"
    events = book["学术交流活动"]
    events.row_dimensions[2].hidden = True
    events.row_dimensions[3].hidden = True
    events.row_dimensions[40].hidden = True  # empty
    book["学会服务站建设"].column_dimensions["C"].hidden = True
    book["封面"].row_dimensions[4].hidden = True
    book[OPTIONS].sheet_state = "hidden"


HIDDEN = [
    ("封面!A4", "第 4 行是隐藏的行，其中的内容照常读入：请取消隐藏，核对后再提交；不要的行请删去，不要隐藏。"),
    ("为企业提供的服务!A1", "“为企业提供的服务”是隐藏的工作表，其中的内容照常读入：请在 Excel 或 WPS 中取消隐藏"
     "（右击工作表标签，选“取消隐藏”），核对后再提交。"),
    ("学会服务站建设!C1", "C 列是隐藏的列，其中的内容照常读入：请取消隐藏，核对后再提交。"),
    ("学术交流活动!A2", "第 2 至 3 行（共 2 行）是隐藏的行，其中的内容照常读入：请取消隐藏，核对后再提交；不要的行请删去，不要隐藏。"),
]


def test_hidden_sheets_rows_and_columns_are_read_and_said(tmp_path: Path) -> None:
    """A hidden sheet, row or column was imported without a word: a secretary could submit items
    they never saw. Each is read and said (W-XLSX-HIDDEN, a warning), at the sheet, the first row
    of a run of hidden rows, the column's header."""
    doc = _sample()
    path = _spoiled(tmp_path, "h", _hide)
    imported = _import(path, 2018)
    hidden = [f for f in imported.findings if f.code == "W-XLSX-HIDDEN"]
    assert [f.message for f in hidden] == [f"{at}：{words}" for at, words in HIDDEN]
    assert all(f.severity == "warning" for f in hidden)
    assert [(f.line, f.column) for f in hidden] == [(4, 1), (1, 1), (1, 3), (2, 1)]
    assert imported.findings == hidden
    _same(doc, imported.data)  # read as ever: nothing lost


def test_a_date_cells_number_past_any_date_without_its_text_is_still_said() -> None:
    """A file whose out-of-range date cell holds no number text says the cell, never 「其中的数  超出」."""
    from validators.xlsx.read import _Serial

    assert _Serial("").message.startswith("这一格设为日期格式，但其中的数超出了日期的范围")
    assert "其中的数 1e+20 超出" in _Serial("1e+20").message


def _merged_header(tmp_path: Path, merge: str = "G1:H1") -> Path:
    """Three services with their evidence in H, the header cells `merge` merged (G1:H1: 服务成效
    with 证明材料, H1's title gone as a merge leaves it)."""
    book = _blank_book(tmp_path)
    _services(book, 3)
    book["为企业提供的服务"].merge_cells(merge)
    book.save(tmp_path / "mh.xlsx")
    return tmp_path / "mh.xlsx"


def test_content_under_a_header_cell_a_merge_took_is_an_error_at_its_cell(tmp_path: Path) -> None:
    """G1:H1 merged: the evidence in H2:H4 was a warning “outside the table”, the column a warning
    “missing”, and the report was written with no evidence. It is data the import did not read: an
    error at H2 naming the header to write back, so nothing is written."""
    path = _merged_header(tmp_path)
    imported = _import(path, 2018)
    errors = [f for f in imported.findings if f.severity == "error"]
    assert [(f.code, f.message) for f in errors] == [
        ("E-XLSX-HEADER", "为企业提供的服务!H2：H 列的内容在合并的标题 G1:H1 之下（H1 没有标题），没有读入："
                          "请取消合并，在 H1 写回标题“证明材料”。")]
    assert (errors[0].line, errors[0].column) == (2, 8)
    codes = {f.code for f in imported.findings}
    assert "W-XLSX-OUTSIDE" not in codes  # inside the table: said once, as the error
    assert "W-XLSX-COLUMN" not in codes  # the column's header is named by the error
    assert "W-XLSX-MERGED" in codes
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode != 0
    assert not (tmp_path / "out.yaml").exists()


def test_a_merged_header_over_an_empty_column_is_no_error(tmp_path: Path) -> None:
    """Nothing under the merged-away cell: nothing lost (the merge and the column are said, as ever)."""
    book = _blank_book(tmp_path)
    _services(book, 2)
    sheet = book["为企业提供的服务"]
    for row in (2, 3):
        sheet.cell(row=row, column=8).value = None
    sheet.merge_cells("G1:H1")
    book.save(tmp_path / "e.xlsx")
    said = _import(tmp_path / "e.xlsx", 2018).findings
    assert not [f for f in said if f.severity == "error"]
    assert {"W-XLSX-MERGED", "W-XLSX-COLUMN"} <= {f.code for f in said}


def test_a_merged_header_past_the_templates_columns_names_no_title(tmp_path: Path) -> None:
    path = _merged_header(tmp_path, "H1:I1")
    book = openpyxl.load_workbook(path)
    book["为企业提供的服务"]["I3"].value = "备注"
    book.save(path)
    [said] = [f for f in _import(path, 2018).findings if f.severity == "error"]
    assert said.message == ("为企业提供的服务!I3：I 列的内容在合并的标题 H1:I1 之下（I1 没有标题），没有读入："
                            "请取消合并，在 I1 写回这一列的标题（各表的标题列在“说明”工作表中）。")


def _sum_row(tmp_path: Path, cached: str | None = None, formula: str = "=SUM(F2:F3)") -> Path:
    """Two events and, under them, a row of nothing but `formula` in 参与人数 (F4): as openpyxl
    writes it, never calculated; `cached`: the result Excel or WPS keeps when it saves."""
    book = _blank_book(tmp_path)
    events = book["学术交流活动"]
    events.append(["evt-a", "2018年成都市农学会学术年会", "综合性学术年会", "主办", dt.date(2018, 10, 20), 300])
    events.append(["evt-b", "青年科技沙龙", "其他", "主办", dt.date(2018, 9, 20), 120])
    events["F4"].value = formula
    path = tmp_path / "sum.xlsx"
    book.save(path)
    if cached is not None:
        _cache(path, cached)
    return path


def _cache(path: Path, result: str) -> None:
    """The formula's result written into the file, as Excel keeps it on saving."""
    import zipfile as zf

    with zf.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = next(n for n, b in parts.items() if n.startswith("xl/worksheets/") and b"SUM(" in b)
    text = parts[name].decode()
    start = text.index("<f>SUM(")
    end = text.index("</c>", start)
    parts[name] = (text[:start] + text[start:end].replace("<v></v>", "").replace("<v />", "") + f"<v>{result}</v>"
                   + text[end:]).encode()
    with zf.ZipFile(path, "w") as archive:
        for n, b in parts.items():
            archive.writestr(n, b)


@pytest.mark.parametrize("cached", [None, "420"])
def test_a_row_of_only_formulas_summing_the_column_above_is_a_totals_row(tmp_path: Path, cached: str | None) -> None:
    """=SUM(F2:F3) under the table with no 合计: “公式没有计算结果” (an error), and once saved in
    Excel a row of missing fields. It is a totals row, as one with the word is."""
    imported = _import(_sum_row(tmp_path, cached), 2018)
    assert [(f.code, f.message) for f in imported.findings] == [
        ("W-XLSX-TOTAL", "学术交流活动!F4：第 4 行像是合计行（“=SUM(F2:F3)”），没有读入：工作簿中不需要合计，系统会自己统计；请删去这一行。")]
    assert [e["id"] for e in imported.data["academic_events"]] == ["evt-a", "evt-b"]


@pytest.mark.parametrize("formula", ["=SUM(F2:G3)", "=SUM(E2:E3)", "=SUM(F5:F9)", "=F2+F3", "=SUM(F2:F3)*2"])
def test_a_formula_that_is_no_sum_of_its_column_above_is_no_totals_row(tmp_path: Path, formula: str) -> None:
    said = _import(_sum_row(tmp_path, formula=formula), 2018).findings
    assert "W-XLSX-TOTAL" not in {f.code for f in said}


@pytest.mark.parametrize(("formula", "row", "column", "sums"), [
    ("SUM(F2:F4)", 5, 6, True), ("=sum( $F$2 : $F$4 )", 5, 6, True), ("SUM(F2:F5)", 5, 6, False),
    ("SUM(F2:F4)", 5, 7, False), ("SUM(F2)", 5, 6, False), ("SUM(F4:F2)", 5, 6, False), ("AVERAGE(F2:F4)", 5, 6, False),
    ("SUM(AA2:AA9)", 10, 27, True), ("SUM(F2:F4,G2)", 5, 6, False), ("SUM(Sheet1!F2:F4)", 5, 6, False), ("", 5, 6, False),
])
def test_a_column_sum_is_told_alike_by_import_and_the_form(formula: str, row: int, column: int, sums: bool) -> None:
    import json

    from tests.test_form_criteria import _node
    from validators.xlsx.read import column_sum
    from validators.yaml.policy import policy

    assert column_sum(formula, row, column) is sums
    script = ROOT / "site_builder" / "form" / "form-xlsx.js"
    done = subprocess.run([_node(), "-e", "const RF = require(process.argv[1]); process.stdout.write(JSON.stringify("
                           "RF.columnSum(process.argv[2], Number(process.argv[3]), Number(process.argv[4]),"
                           " JSON.parse(process.argv[5]))))",
                           str(script), formula, str(row), str(column),
                           # The functions policy.yaml lists, as the layout hands them to the form.
                           json.dumps(policy().workbook.totals.formulas)], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) is sums


def test_a_missing_research_focus_is_said_at_its_cell_by_its_title(tmp_path: Path) -> None:
    """E-RESEARCH-FOCUS was said at the topic's cell (D2) naming the field `focus`: it is said at
    the empty cell of the column to fill, named by the column's title."""
    rules = guideline(2018)
    assert rules is not None
    needing = next(t.label for t in rules.kinds.research_topics if t.requires_focus)
    shape = next(s for s in layout(rules).sheets if s.path == ("research",))
    titles = {c.key: c.title for c in shape.columns}

    def change(book: Any) -> None:
        _set(shape.name, titles["topic"], 2, needing)(book)
        _set(shape.name, titles["focus"], 2, None)(book)

    path = _spoiled(tmp_path, "f", change)
    done = _cli(ROOT, "import", str(path), "-o", str(tmp_path / "out.yaml"), "--replace")
    [line] = [x for x in done.stdout.splitlines() if "E-RESEARCH-FOCUS" in x]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in shape.columns].index("focus")]
    assert line.startswith(f"{path} {shape.name}!{column}2: 错误 E-RESEARCH-FOCUS")
    assert f"须写明“{titles['focus']}”" in line


def _with_rows(source: Path, target: Path, rows: str, part: str | None = None) -> None:
    """`source` (a workbook the project wrote) with `rows` added, as XML, at the end of a sheet's data
    (by default its first list sheet's, 为企业提供的服务: the second sheet, or the third after a
    new society's 学会资料)."""
    if part is None:
        names = openpyxl.load_workbook(source, read_only=True).sheetnames
        part = f"xl/worksheets/sheet{names.index('为企业提供的服务') + 1}.xml"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == part:
                assert b"</sheetData>" in data
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)
            new.writestr(info.filename, data)


def _text_cells(row: str, cells: dict[str, str]) -> str:
    return f'<row r="{row}">' + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
                                         for ref, text in cells.items()) + "</row>"


def test_a_row_the_reader_cannot_place_is_an_error_at_its_sheet_and_row_and_nothing_is_written(tmp_path: Path) -> None:
    """A row numbered 99999999999999999999 (its cells still say A2) ended the sheet's reading:
    the sheet's rows went missing from the report, exit 0. Every row the reader cannot place (a
    number past any sheet, a row out of order or twice, past the rows read) is an error there."""
    from validators.yaml.policy import policy

    done = _cli(ROOT, "template", "cd-mech-eng", "2017", "-o", str(tmp_path / "t.xlsx"))
    assert done.returncode == 0, done.stderr
    item = {"A2": "svc-1", "C2": "技术咨询", "D2": "某公司"}
    _with_rows(tmp_path / "t.xlsx", tmp_path / "huge.xlsx", _text_cells("99999999999999999999", item))
    out = tmp_path / "out.yaml"
    done = _cli(ROOT, "import", str(tmp_path / "huge.xlsx"), "-o", str(out))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "为企业提供的服务!A2: 错误 E-XLSX-VALUE" in done.stdout
    assert "99999999999999999999 超出了工作表的范围" in done.stdout
    assert not out.exists()
    assert "Traceback" not in done.stderr
    assert "内部错误" not in done.stderr
    # Out of order, and given twice: the later row is said, not read over the earlier one.
    _with_rows(tmp_path / "t.xlsx", tmp_path / "order.xlsx",
               _text_cells("3", {"A3": "svc-3"}) + _text_cells("2", {"A2": "svc-2"}) + _text_cells("3", {"A3": "svc-4"}))
    said = [(f.code, f.message.split("：")[0]) for f in _import(tmp_path / "order.xlsx", 2017).findings
            if f.code.startswith("E-XLSX")]
    assert said == [("E-XLSX-VALUE", "为企业提供的服务!A2"), ("E-XLSX-VALUE", "为企业提供的服务!A3")]
    # A cell whose reference names another row than its own.
    _with_rows(tmp_path / "t.xlsx", tmp_path / "moved.xlsx", _text_cells("5", {"A9": "svc-9"}))
    found = _import(tmp_path / "moved.xlsx", 2017).findings
    assert [(f.code, f.message.split("：")[0]) for f in found] == [("E-XLSX-VALUE", "为企业提供的服务!A9")]
    # Past the rows read (after blank rows): said, not dropped.
    far = policy().workbook.max_rows + 100
    _with_rows(tmp_path / "t.xlsx", tmp_path / "far.xlsx", f'<row r="{far - 1}"/>' + _text_cells(str(far), {f"A{far}": "svc-1"}))
    found = _import(tmp_path / "far.xlsx", 2017).findings
    assert [(f.code, f.message.split("：")[0]) for f in found] == [("E-XLSX-TOO-MANY", f"为企业提供的服务!A{far}")]


def test_an_infinite_number_is_said_too_large_in_chinese(tmp_path: Path) -> None:
    """1e999999 in a number cell is infinity to the reader: it was said "现在是 inf"."""
    done = _cli(ROOT, "template", "cd-mech-eng", "2017", "-o", str(tmp_path / "t.xlsx"))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "t.xlsx") as book:
        cover = book.read("xl/worksheets/sheet2.xml").decode()  # after 说明
    year = re.search(r'<c r="B3"[^>]*>.*?</c>', cover)
    assert year is not None
    spoiled = cover.replace(year.group(), '<c r="B3"><v>1e999999</v></c>')
    with zipfile.ZipFile(tmp_path / "t.xlsx") as old, zipfile.ZipFile(tmp_path / "big.xlsx", "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, spoiled if info.filename == "xl/worksheets/sheet2.xml" else old.read(info.filename))
    done = _cli(ROOT, "import", str(tmp_path / "big.xlsx"), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == 1
    line = next(line for line in done.stdout.splitlines() if "封面!B3" in line)
    assert "E-XLSX-VALUE 这里应填整数，现在的数太大" in line
    assert "inf" not in line.partition("封面!B3")[2]
    from validators.xlsx.cells import read_cell
    from validators.xlsx.layout import Column

    for kind in ("int", "number", "text", "date", "bool", "list"):
        for value in (float("inf"), float("-inf"), float("nan")):
            said = read_cell(value, Column("x", "x", kind)).error  # type: ignore[arg-type]
            assert said is not None, kind
            assert "inf" not in said.lower(), (kind, said)
            assert "nan" not in said.lower(), (kind, said)
    assert "不是一个有效的数" in str(read_cell(float("nan"), Column("x", "x", "number")).error)


def test_an_output_or_input_that_is_no_regular_file_is_refused_in_chinese(tmp_path: Path) -> None:
    """A folder given as the workbook, or as the output with --replace, was an internal error
    (IsADirectoryError); --replace turned a FIFO into a file, and would replace a device or a
    symbolic link. Each is said in Chinese, exit 2 for an output, and left as it was."""
    import os
    import stat

    folder = tmp_path / "dir.xlsx"
    folder.mkdir()
    done = _cli(ROOT, "import", str(folder), "-o", str(tmp_path / "o.yaml"))
    assert done.returncode == 1
    assert "E-XLSX-UNREADABLE 这是一个文件夹" in done.stdout
    assert not (tmp_path / "o.yaml").exists()
    fifo = tmp_path / "fifo.xlsx"
    os.mkfifo(fifo)
    target = tmp_path / "elsewhere.xlsx"
    target.write_bytes(b"kept")
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    workbook = tmp_path / "t.xlsx"
    assert _cli(ROOT, "template", "cd-mech-eng", "2017", "-o", str(workbook)).returncode == 0
    for output in (folder, fifo, link):
        for args in (("template", "cd-mech-eng", "2017"), ("import", str(workbook))):
            done = _cli(ROOT, *args, "-o", str(output), "--replace")
            assert done.returncode == 2, (output, args, done.stdout, done.stderr)
            assert f"{output} 是一个" in done.stderr
            assert "不能写入或覆盖" in done.stderr
            assert "Traceback" not in done.stderr
            assert "Error" not in done.stderr
    assert folder.is_dir()
    assert list(folder.iterdir()) == []
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink()
    assert target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.xlsx", "elsewhere.xlsx", "fifo.xlsx", "link.xlsx", "t.xlsx"]


# The cover's 年度 as secretaries write it: read as the year, the conversion said at its cell.
COVER_YEARS = [("2018年", 2018), ("2018 年度", 2018), ("２０１８年度", 2018), (" 2018 ", 2018)]
# And what is no year: said as a year, never with a count's example (“如 15”).
NO_YEARS = [("去年", "“去年”不是年度：只写年度的阿拉伯数字，如 2018。"),
            ("2018-2019", "“2018-2019”不是年度：只写年度的阿拉伯数字，如 2018。"),
            ("年度", "“年度”不是年度：只写年度的阿拉伯数字，如 2018。"),
            (2018.5, "这里应填年度（如 2018），现在是 2018.5。")]


def _cover_year(book: Any) -> Any:
    return next(row[1] for row in book[COVER].iter_rows(min_row=2) if str(row[0].value).rstrip(" *") == "年度")


@pytest.mark.parametrize(("written", "year"), COVER_YEARS)
def test_a_cover_year_written_with_its_word_is_read_as_the_year_and_said(tmp_path: Path, written: str, year: int) -> None:
    """B3 = 2018年 was “不是整数：只写阿拉伯数字，如 15”, and the workbook was not imported: it is the
    year 2018, read as any other converted cell is, with a warning at the cell; the report is written."""
    def change(book: Any) -> None:
        _cover_year(book).value = written

    path = _spoiled(tmp_path, "y", change)
    lines = _lines(tmp_path, path)
    cell = _cover_year(openpyxl.load_workbook(path)).coordinate
    assert f"封面!{cell}：文字“{written}”按年度 {year} 读入，请核对。" in lines
    assert not any("不是整数" in line or "如 15" in line for line in lines)
    assert f"\nyear: {year}\n" in (tmp_path / "out.yaml").read_text("utf-8")


@pytest.mark.parametrize(("written", "message"), NO_YEARS)
def test_a_cover_year_that_is_no_year_is_said_in_a_years_words(tmp_path: Path, written: object, message: str) -> None:
    def change(book: Any) -> None:
        _cover_year(book).value = written

    path = _spoiled(tmp_path, "n", change)
    lines = _lines(tmp_path, path)
    cell = _cover_year(openpyxl.load_workbook(path)).coordinate
    assert [line for line in lines if line.startswith(f"封面!{cell}")] == [f"封面!{cell}：{message}"]
    assert not (tmp_path / "out.yaml").exists()


def test_a_blank_cover_year_is_asked_for_at_its_cell_with_an_example(tmp_path: Path) -> None:
    """B3 left blank in a workbook whose title names no template year: refused, asked for at the cell."""
    def change(book: Any) -> None:
        _cover_year(book).value = None
        book.properties.title = "学会工作报告"

    path = _spoiled(tmp_path, "b", change)
    lines = _lines(tmp_path, path)
    cell = _cover_year(openpyxl.load_workbook(path)).coordinate
    assert f"封面!{cell}：“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。" in lines
    assert not any("（）" in line for line in lines)


def test_a_blank_cover_year_is_read_from_the_workbooks_template_title(tmp_path: Path) -> None:
    """B3 emptied in a 2017 workbook: refused (“没有填写年度”) although the workbook says which year's
    template it is (its title, 2017 年度学会重点工作报告, written by `xlsx template`); it is read as
    2017, said at the cell, and the 2017 report is written."""
    rules = guideline(2017)
    assert rules is not None
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": 2017}))
    book = openpyxl.load_workbook(path)
    _cover_year(book).value = None
    book.save(path)
    lines = _lines(tmp_path, path)
    assert "封面!B3：年度没有填写，已按这个工作簿模板的年度 2017 读入，请核对，并在这一格填写年度。" in lines
    assert not any("E-XLSX-COVER" in line or "没有填写年度" in line for line in lines)
    assert "\nyear: 2017\n" in (tmp_path / "out.yaml").read_text("utf-8")


def test_the_template_title_survives_libreoffice(tmp_path: Path) -> None:
    """The year is in the workbook's title, a document property: LibreOffice keeps it on saving."""
    from validators.cli.xlsx import read_any_year

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (optional: apt-get install libreoffice-calc-nogui)")
    rules = guideline(2017)
    assert rules is not None
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "t.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": 2017}))
    book = openpyxl.load_workbook(path)
    _cover_year(book).value = None
    book.save(path)
    out = tmp_path / "out"
    subprocess.run([office, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    imported = read_any_year(out / "t.xlsx", "t.xlsx", ROOT)
    assert imported.data is not None
    assert imported.data["year"] == 2017
    assert [f.code for f in imported.findings if f.message.startswith("封面!B3")] == ["W-XLSX-CONVERTED"]


def test_a_renamed_sheet_is_not_also_said_to_be_missing(tmp_path: Path) -> None:
    """参与市科协重大工作 renamed 市科协重大工作: “是不是‘参与市科协重大工作’？” at the renamed sheet, and
    not, besides, “工作簿中没有‘参与市科协重大工作’工作表：这类工作按没有填写处理”, which contradicted it. A
    sheet deleted with nothing like it in its place is still said to be missing."""
    book = _blank_book(tmp_path)
    book["参与市科协重大工作"].title = "市科协重大工作"
    del book["学术交流活动"]
    book.save(tmp_path / "r.xlsx")
    said = [(f.code, f.message) for f in _import(tmp_path / "r.xlsx", 2018).findings]
    assert ("E-XLSX-SHEET", "市科协重大工作!A1：不认识的工作表“市科协重大工作”：是不是“参与市科协重大工作”？请改回原名，这张表没有读入。") in said
    assert not any("没有“参与市科协重大工作”工作表" in message for _, message in said)
    assert ("W-XLSX-SHEET", "工作簿中没有“学术交流活动”工作表：这类工作按没有填写处理。") in said


# A registered society's name on the cover's 学会 id cell, as secretaries write it: the registered
# name as it stands, as `same_text` reads it, and a sample society's without its mark （示例）.
COVER_NAMES = ["成都市农学会", "成都市农学会（示例）", "成都市 农学会(示例)"]
# What is neither an id nor a registered name, in any letter case.
NO_SOCIETIES = ["成都市农业学会", "农学会", "CD_AGRI", "\u212aD-AGRI"]  # the Kelvin sign lowers to k
# An id in capitals or mixed case, read as the lower-case id.
CAPITAL_IDS = ["CD-AGRI", "Cd-Agri", "cd-AGRI"]


def _cover_cell(book: Any, key: str) -> Any:
    return next(row[1] for row in book[COVER].iter_rows(min_row=2) if str(row[0].value).rstrip(" *") == key)


@pytest.mark.parametrize("written", COVER_NAMES)
def test_a_registered_societys_name_on_the_cover_is_read_as_its_id(tmp_path: Path, written: str) -> None:
    """B2 = 成都市农学会 (cd-agri's name) was “学会 id…无效” and nothing was imported, without a word on
    the secretary's own id: it is read as cd-agri, with a warning at the cell that says so."""
    book = _blank_book(tmp_path)
    _cover_cell(book, "学会 id").value = written
    book.save(tmp_path / "n.xlsx")
    lines = _lines(tmp_path, tmp_path / "n.xlsx")
    assert [line for line in lines if line.startswith("封面!B2")] == [
        f"封面!B2：学会名称“{written}”按它的学会 id cd-agri 读入，请核对；这一格应填学会 id，"
        "各学会的 id 见网站“学会”页面：下载其中的学会名录（CSV），看“学会 id”一列。"]
    assert "\nsociety: cd-agri\n" in (tmp_path / "out.yaml").read_text("utf-8")
    done = _cli(ROOT, "import", str(tmp_path / "n.xlsx"), "-o", str(tmp_path / "out.yaml"), "--replace")
    assert done.returncode == 0, done.stdout
    assert "W-XLSX-CONVERTED" in done.stdout
    assert "E-XLSX-COVER" not in done.stdout
    assert "E-SOCIETY-PROFILE-MISSING" not in done.stdout  # no new society's


@pytest.mark.parametrize("written", NO_SOCIETIES)
def test_a_cover_society_that_is_neither_an_id_nor_a_name_says_where_ids_are(tmp_path: Path, written: str) -> None:
    book = _blank_book(tmp_path)
    _cover_cell(book, "学会 id").value = written
    book.save(tmp_path / "x.xlsx")
    lines = _lines(tmp_path, tmp_path / "x.xlsx")
    assert [line for line in lines if line.startswith("封面!B2")] == [
        f"封面!B2：“封面”中的学会 id“{written}”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。"
        "学会 id 是学会在本站登记的英文代号，各学会的 id 见网站“学会”页面：下载其中的学会名录（CSV），看“学会 id”一列；新学会自拟一个。"]
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("written", CAPITAL_IDS)
def test_a_cover_id_in_capitals_is_read_in_lower_case(tmp_path: Path, written: str) -> None:
    """B2 = CD-AGRI was “学会 id…无效” and nothing was imported: it is read as cd-agri, with a
    warning at the cell that says so."""
    book = _blank_book(tmp_path)
    _cover_cell(book, "学会 id").value = written
    book.save(tmp_path / "c.xlsx")
    lines = _lines(tmp_path, tmp_path / "c.xlsx")
    assert [line for line in lines if line.startswith("封面!B2")] == [
        f"封面!B2：学会 id“{written}”按小写的 cd-agri 读入，请核对；学会 id 只用小写英文字母、数字和连字符。"]
    assert "\nsociety: cd-agri\n" in (tmp_path / "out.yaml").read_text("utf-8")
    done = _cli(ROOT, "import", str(tmp_path / "c.xlsx"), "-o", str(tmp_path / "out.yaml"), "--replace")
    assert done.returncode == 0, done.stdout
    assert "W-XLSX-CONVERTED" in done.stdout
    assert "E-XLSX-COVER" not in done.stdout


def test_a_name_two_societies_share_is_no_ones_id() -> None:
    from validators.xlsx.cover import society_named

    assert society_named("农学会", [("a", "农学会"), ("b", "农学会（示例）")]) is None
    assert society_named("农学会", [("a", "农学会")]) == "a"
    assert society_named("", [("a", "")]) is None


@pytest.mark.parametrize(("cell", "value", "said"), [
    ("B2", " cd-tcm ", "与 --society cd-mech-eng 不一致"),  # its spaces trimmed, then refused
    ("B3", "2030年", "中的年度 2030 没有工作指南"),  # read as a year, then refused
])
def test_a_cover_cell_only_warned_of_is_still_refused_for_what_it_holds(tmp_path: Path, cell: str, value: str,
                                                                       said: str) -> None:
    """A cover cell with a conversion warning (spaces trimmed, 2030年 read as 2030) was not
    refused again: ' cd-tcm ' passed --society cd-mech-eng and a report naming cd-tcm was written
    into cd-mech-eng's folder; 2030年 was refused with no reason said."""
    tree = base_tree(tmp_path / "tree")
    report = tree / "submissions" / "cd-mech-eng" / "2018.yaml"
    assert _cli(tree, "export", str(report), "-o", str(tmp_path / "mailed.xlsx")).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "mailed.xlsx")
    book["封面"][cell].value = value
    book.save(tmp_path / "mailed.xlsx")
    before = report.read_bytes()
    done = _cli(tree, "import", str(tmp_path / "mailed.xlsx"), "--society", "cd-mech-eng", "--replace")
    assert done.returncode == 1
    refused = [x for x in done.stdout.splitlines() if "E-XLSX-COVER" in x]
    assert len(refused) == 1, done.stdout
    assert f"封面!{cell}" in refused[0], refused
    assert said in refused[0], refused
    assert report.read_bytes() == before
