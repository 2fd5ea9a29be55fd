"""Workbooks in the form, in headless Chromium: every sample's workbook (written by `xlsx export`)
dropped on the form gives that sample's report; the form's own workbook download imports with
`xlsx import` to the same data and opens in LibreOffice where it is installed; a spoiled cell is
named by its sheet and cell; a file that is no workbook, or one that would unpack too big, is one
Chinese line; nothing leaves the browser."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import PASSED_JS, passes
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree
from validators.repository import ReportDoc
from validators.xlsx.layout import layout, template_title
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.yaml.loading import load_text
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]
openpyxl = pytest.importorskip("openpyxl")

SAMPLES = sorted(check_tree(ROOT)[1].reports.items())


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _export(doc: ReportDoc, path: Path) -> Path:
    rules = guideline(doc.report.year)
    assert rules is not None
    path.write_bytes(workbook_bytes(layout(rules), doc.report.model_dump(mode="python", exclude_none=True)))
    return path


def _drop(page, base: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", str(path))


def _both_say(page, base: str, path: Path) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """What `xlsx import` and the form (the file dropped on it) say of one workbook, each in its order."""
    python = [f.message for f in read_workbook(path, path.name, layout(guideline(2018))).findings]  # type: ignore[arg-type]
    _drop(page, base, path)
    page.wait_for_selector("#rf-xlsx-issues")
    return python, page.locator("#rf-xlsx-issues li").all_inner_texts()


def _form_report(page, doc: ReportDoc) -> object:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#rf-yaml-report")
    page.wait_for_function("document.querySelector('#rf-yaml-report').value.includes('year:')")
    text = page.input_value("#rf-yaml-report")
    loaded = load_text(text, "form.yaml", 64)
    assert not [f for f in loaded.findings if f.severity == "error"], loaded.findings
    return type(doc.report).model_validate(loaded.data)


@pytest.mark.parametrize(("key", "doc"), SAMPLES, ids=[f"{s}-{y}" for (s, y), _ in SAMPLES])
def test_every_sample_workbook_dropped_on_the_form_gives_its_report(page, base: str, tmp_path: Path,
                                                                    key: tuple[str, int], doc: ReportDoc) -> None:
    _drop(page, base, _export(doc, tmp_path / f"{key[0]}-{key[1]}.xlsx"))
    again = _form_report(page, doc)
    assert again.model_dump(mode="json") == doc.report.model_dump(mode="json")  # type: ignore[attr-defined]
    assert page.locator("#rf-xlsx-issues").count() == 0
    assert not page.problems, page.problems


def test_the_forms_workbook_imports_to_the_same_data(page, base: str, tmp_path: Path) -> None:
    doc = dict(SAMPLES)[("cd-mech-eng", 2017)]
    _drop(page, base, _export(doc, tmp_path / "in.xlsx"))
    _form_report(page, doc)
    with page.expect_download() as info:
        page.click("#rf-download-workbook")
    saved = tmp_path / "from-form.xlsx"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "cd-mech-eng-2017.xlsx"
    rules = guideline(2017)
    assert rules is not None
    imported = read_workbook(saved, saved.name, layout(rules))
    assert imported.findings == []
    assert imported.data is not None
    assert type(doc.report).model_validate(imported.data).model_dump(mode="json") == doc.report.model_dump(mode="json")
    with zipfile.ZipFile(saved) as archive:  # no formula anywhere, whatever the text
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist())
    # The template's title, as `xlsx export` writes it: a 年度 cell emptied later is read as 2017.
    assert openpyxl.load_workbook(saved, read_only=True).properties.title == template_title(2017)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:  # said, not passed over: the README claims the LibreOffice step
        pytest.skip("the form's workbook read back; LibreOffice is not installed to open it "
                    "(optional: apt-get install libreoffice-calc-nogui)")
    # The form's workbook opens in LibreOffice as well.
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(saved)],
                          capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0
    assert (tmp_path / "from-form.pdf").stat().st_size > 1000


def test_a_spoiled_cell_is_named_by_its_sheet_and_cell(page, base: str, tmp_path: Path) -> None:
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    path = _export(doc, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["学术交流活动"]
    col = [str(c.value).rstrip(" *") for c in sheet[1]].index("活动日期") + 1
    sheet.cell(row=2, column=col).value = "2017年13月45日"
    sheet.cell(row=3, column=col).value = "2018年6月1日"
    book.save(path)
    _drop(page, base, path)
    page.wait_for_selector("#rf-xlsx-issues")
    issues = page.inner_text("#rf-xlsx-issues")
    letter = openpyxl.utils.get_column_letter(col)
    assert f"学术交流活动!{letter}2：日期“2017年13月45日”无法识别" in issues
    assert f"学术交流活动!{letter}3：文字“2018年6月1日”按日期 2018-06-01 读入" in issues
    # The unread date is a gap the form then asks for, like any empty required field.
    assert "date: 2018-06-01" in page.input_value("#rf-yaml-report")


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x05\x06" + b"\x00" * 18])
def test_a_file_that_is_no_workbook_is_one_line(page, base: str, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    _drop(page, base, path)
    page.wait_for_selector("#rf-file-errors .rf-error")
    assert "x.xlsx：" in page.inner_text("#rf-file-errors")
    assert page.locator("#rf-yaml-report").count() == 0


def test_a_workbook_that_would_unpack_too_big_is_refused_unread(page, base: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 150_000_000)
    _drop(page, base, path)
    page.wait_for_selector("#rf-file-errors .rf-error")
    assert "解压后超过" in page.inner_text("#rf-file-errors")


def test_a_blank_workbook_is_offered_filled_in_and_brought_back(page, base: str, tmp_path: Path) -> None:
    """A secretary who starts in Excel: the year's blank workbook, one event typed in, dropped."""
    page.goto(base)
    page.wait_for_selector(".rf-blank-workbook")
    with page.expect_download() as info:
        page.locator(".rf-blank-workbook", has_text="2018").click()
    blank = tmp_path / "blank.xlsx"
    info.value.save_as(blank)
    book = openpyxl.load_workbook(blank)
    assert any(v.type == "list" for v in book["学术交流活动"].data_validations.dataValidation)
    cover = book["封面"]
    rows = {str(row[0].value).rstrip(" *"): row[1] for row in cover.iter_rows(min_row=2)}
    assert rows["年度"].value == 2018
    rows["学会 id"].value = "cd-new-society"
    events = book["学术交流活动"]
    header = [str(c.value).rstrip(" *") for c in events[1]]
    for title, value in {"编号": "evt-salon", "活动名称": "青年科技沙龙", "申报类别": "其他", "本学会的角色": "主办",
                         "活动日期": "2018/9/20", "参与人数": "４５"}.items():
        events.cell(row=2, column=header.index(title) + 1).value = value
    book.save(blank)
    _drop(page, base, blank)
    page.wait_for_selector("#rf-xlsx-issues")
    issues = page.inner_text("#rf-xlsx-issues")
    assert "按日期 2018-09-20 读入" in issues
    assert "按整数 45 读入" in issues
    text = page.input_value("#rf-yaml-report")
    assert "society: cd-new-society" in text
    assert "title: 青年科技沙龙" in text
    assert "participants: 45" in text


def test_merged_cells_are_said_in_the_form_too(page, base: str, tmp_path: Path) -> None:
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["为企业提供的服务"].merge_cells("E2:E4")
    book.save(tmp_path / "m.xlsx")
    _drop(page, base, tmp_path / "m.xlsx")
    page.wait_for_selector("#rf-xlsx-issues")
    assert "为企业提供的服务!E2：E2:E4 是合并的单元格" in page.inner_text("#rf-xlsx-issues")


def _summary(page) -> str:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".rf-summary .rf-summary-head")
    text: str = page.inner_text(".rf-summary .rf-summary-head")
    return text


def test_content_the_workbook_lost_counts_as_errors_until_dealt_with(page, base: str, tmp_path: Path) -> None:
    """A sheet whose header row was deleted is not read: the note says a sheet was lost (not
    "8 cells"), the check bar counts it as an error, and the report the form writes says it is
    incomplete, until the notice is dismissed (then it says that it was)."""
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["为企业提供的服务"].delete_rows(1)
    book.save(tmp_path / "h.xlsx")
    _drop(page, base, tmp_path / "h.xlsx")
    page.wait_for_selector("#rf-xlsx-issues")
    note = page.inner_text(".rf-note")
    assert "1 张工作表整张没有读入（为企业提供的服务）" in note, note
    assert "个单元格无法读入" not in note, note
    assert not passes(_summary(page))
    assert "rf-summary-issues" in (page.get_attribute(".rf-summary", "class") or "")
    assert "这份报告不完整" in page.input_value("#rf-yaml-report")
    page.click("#rf-xlsx-dismiss")
    page.wait_for_selector("#rf-xlsx-dismissed")
    page.wait_for_function("!document.querySelector('#rf-yaml-report').value.includes('这份报告不完整')")
    assert "填写人已核对并确认忽略" in page.input_value("#rf-yaml-report")


def test_a_cell_that_could_not_be_read_is_an_error_until_filled_in(page, base: str, tmp_path: Path) -> None:
    """"约15万" in an optional amount (15万 alone is read as 15, in the column's own unit): the field
    is left empty, so nothing else in the form would flag it; the workbook's error stands at the
    field until the field is filled."""
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    sheet = book["承接的政府转移职能（委托工作）"]
    col = [str(c.value).rstrip(" *") for c in sheet[1]].index("金额（万元）") + 1
    sheet.cell(row=2, column=col).value = "约15万"
    book.save(tmp_path / "w.xlsx")
    _drop(page, base, tmp_path / "w.xlsx")
    page.wait_for_selector("#rf-xlsx-issues")
    assert "1 个单元格无法读入" in page.inner_text(".rf-note")
    assert _summary(page).startswith("检查结果：1 个错误"), _summary(page)
    field = page.locator(".rf-has-error input[type=number]").first
    field.fill("15")
    page.wait_for_function(f"({PASSED_JS})(document.querySelector('.rf-summary-head').textContent)")
    assert "这份报告不完整" not in page.input_value("#rf-yaml-report")


def test_a_cell_in_the_last_column_of_every_row_leaves_the_form_responsive(page, base: str, tmp_path: Path) -> None:
    """One cell in column XFD on 5,000 rows of every sheet crashed the tab (each row 16,384
    values, 29,893 problems listed): the form reads the table's columns and a margin, and says
    the cells past them once a sheet."""
    from validators.yaml.policy import policy

    path = tmp_path / "blank.xlsx"
    path.write_bytes(workbook_bytes(layout(guideline(2018)), {"society": "cd-mech-eng", "year": 2018}))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    sheets = [n for n in book.sheetnames if n not in ("说明", "选项")]
    for name in sheets:
        for r in range(2, policy().workbook.max_rows + 1):
            book[name].cell(row=r, column=16384).value = "x"
    book.save(tmp_path / "wide.xlsx")
    _drop(page, base, tmp_path / "wide.xlsx")
    page.wait_for_selector("#rf-xlsx-issues", timeout=60_000)
    items = page.locator("#rf-xlsx-issues li").all_inner_texts()
    assert [i.split("：")[0] for i in items] == [f"{n}!XFD2" for n in sheets]
    assert all("在表格之外" in i for i in items)
    assert page.evaluate("1 + 1") == 2  # the tab still answers


def test_the_form_reads_hyperlinks_and_formulas_as_import_does(page, base: str, tmp_path: Path) -> None:
    from tests.test_xlsx import _linked_and_formulas

    path = _linked_and_formulas(tmp_path)
    python, form = _both_say(page, base, path)
    assert sorted(form) == sorted(python)
    assert "https://www.example.org/news/2018-annual" in page.input_value("#rf-yaml-report")


@pytest.mark.parametrize(("name", "content", "said"), [
    ("活动.csv", "编号,活动名称\nevt-1,年会\n".encode(), "这不是 .xlsx 工作簿"),
    ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "这不是 .xlsx 工作簿"),
    ("旧表", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "这不是 .xlsx 工作簿"),
    ("报告.ods", None, "这是 .ods 表格"),
])
def test_a_spreadsheet_of_another_format_is_told_to_be_saved_as_xlsx(page, base: str, tmp_path: Path, name: str,
                                                                       content: bytes | None, said: str) -> None:
    """A .csv read as YAML said “文件的最外层应为‘键: 值’的映射”; an .ods, “文件包中没有年度报告”:
    the form says what `xlsx import` says (save as .xlsx)."""
    from tests.test_xlsx import _ods

    path = tmp_path / name
    if content is None:
        _ods(path)
    else:
        path.write_bytes(content)
    _drop(page, base, path)
    page.wait_for_selector("#rf-file-errors .rf-error")
    text = page.inner_text("#rf-file-errors")
    assert said in text, text
    assert "另存为" in text
    assert "映射" not in text
    assert "文件包" not in text


def test_the_form_says_a_formula_that_reads_another_workbook_as_import_does(page, base: str, tmp_path: Path) -> None:
    from tests.test_xlsx import _external_workbook

    path = _external_workbook(tmp_path)
    python, form = _both_say(page, base, path)
    assert len(python) == 3
    assert sorted(form) == sorted(python)


def test_unknown_sheets_are_named_in_the_workbooks_order_as_import_does(page, base: str, tmp_path: Path) -> None:
    """The form listed a sheet named “2018” before “Sheet1” (a JavaScript object's order), at
    another cell than `xlsx import`: it keeps the workbook's order."""
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    for name in ("Sheet1", "2018"):
        book.create_sheet(name)["A1"].value = "草稿"
    book.save(tmp_path / "o.xlsx")
    python, form = _both_say(page, base, tmp_path / "o.xlsx")
    assert len(python) == 1
    assert python[0].startswith("Sheet1!A1：工作簿中有 2 张不认识的工作表（“Sheet1”“2018”）")
    assert form == python


@pytest.mark.parametrize(("number", "said", "unread"), [
    (1e20, "这一格设为日期格式", True), (2958466, "这一格设为日期格式", True), (-693594, "这一格设为日期格式", True),
    (-5, "这一格的日期 1899-12-25 早于 1900 年", True), (43232.75, "这一格按日期 2018-05-12 读入，舍去了其中的时刻 18:00:00", False)])
def test_a_date_cell_out_of_the_dates_or_with_a_time_is_said_at_its_cell_as_import_does(
        page, base: str, tmp_path: Path, number: float, said: str, unread: bool) -> None:
    """1e+20 in a date cell made the whole workbook unreadable in the form; 2958466 was read as a
    date “+010000-01” while `xlsx import` refused it; -5 was read as 1899-12-25 and 43232.75 as
    2018-05-12 without a word: now both say the same at the cell (a time dropped is a warning)."""
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["为企业提供的服务"]["F3"].value = number
    book.save(tmp_path / "d.xlsx")
    python, form = _both_say(page, base, tmp_path / "d.xlsx")
    assert len(python) == 1
    assert python[0].startswith(f"为企业提供的服务!F3：{said}")
    assert form == python
    assert ("1 个单元格无法读入" in page.inner_text(".rf-note")) is unread
    assert not page.problems, page.problems


@pytest.mark.parametrize(("number", "date_cell"), [(0, True), (0.5, True), (0.25 + 0.5 / 86_400, True), (3 / 2048, True),
                                                   (1, True), (59, True), (59.5, True), (60, True), (61, True),
                                                   (59, False), (61, False)])
def test_excels_first_days_and_times_of_day_are_read_in_the_form_as_import_reads_them(
        page, base: str, tmp_path: Path, number: float, date_cell: bool) -> None:
    """Excel counts a 29 February 1900 that never was, and a date cell under one day holds a time
    of day: `xlsx import` (openpyxl) reads 59 as 1900-02-28 and 0.5 as the time 12:00:00, which no
    date column takes; the form read them as 1900-02-27 and 1899-12-30. A plain number in the date
    column (no date format) is read as the date cell would be."""
    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    book["为企业提供的服务"]["F3"].value = number
    if not date_cell:
        book["为企业提供的服务"]["F3"].number_format = "General"
    book.save(tmp_path / "d.xlsx")
    imported = read_workbook(tmp_path / "d.xlsx", "d.xlsx", layout(guideline(2018)))  # type: ignore[arg-type]
    if imported.findings:
        python, form = _both_say(page, base, tmp_path / "d.xlsx")
        assert form == python
    else:
        _drop(page, base, tmp_path / "d.xlsx")
    if date_cell and number < 1:
        from openpyxl.utils.datetime import from_excel

        time = str(from_excel(number))  # a time of day, as Python writes one (3/2048: 00:02:06.562000)
        assert python == [f"为企业提供的服务!F3：日期“{time}”无法识别：请写成 2018-05-12 这样的日期。"]
        return
    page.wait_for_selector("#rf-yaml-report")
    page.wait_for_function("document.querySelector('#rf-yaml-report').value.includes('year:')")
    shown = load_text(page.input_value("#rf-yaml-report"), "form.yaml", 64).data
    assert imported.data is not None
    assert shown == imported.data
    day = dt.date(1900, 2, 28) if 59 <= number <= 60 else dt.date(1900, 3, 1) if number == 61 else dt.date(1900, 1, 1)
    assert imported.data["innovation"]["services"][1]["date"] == day


def test_hidden_sheets_rows_and_columns_are_said_in_the_form_as_import_does(page, base: str, tmp_path: Path) -> None:
    from tests.test_xlsx import HIDDEN, _hide

    doc = dict(SAMPLES)[("cd-mech-eng", 2018)]
    book = openpyxl.load_workbook(_export(doc, tmp_path / "r.xlsx"))
    _hide(book)
    book.save(tmp_path / "h.xlsx")
    python, form = _both_say(page, base, tmp_path / "h.xlsx")
    assert python == [f"{at}：{words}" for at, words in HIDDEN]
    assert form == python
    again = _form_report(page, doc)  # read as ever: the hidden items are in the report
    assert again.model_dump(mode="json") == doc.report.model_dump(mode="json")  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", ["merged", "sum", "sum-saved", "month"])
def test_a_merged_header_a_sum_row_and_a_month_are_said_in_the_form_as_import_does(page, base: str, tmp_path: Path,
                                                                                   make: str) -> None:
    """The form reads the file itself (its merges, its formulas, calculated or not) and says what
    `xlsx import` says, word for word; content under a merged-away header counts as lost."""
    from tests.test_xlsx import _blank_book, _merged_header, _sum_row

    if make == "merged":
        path = _merged_header(tmp_path)
    elif make == "month":
        book = _blank_book(tmp_path)
        book["学术交流活动"].append(["evt-a", "2018年学术年会", "综合性学术年会", "主办", "2016年5月", 300])
        path = tmp_path / "month.xlsx"
        book.save(path)
    else:
        path = _sum_row(tmp_path, "420" if make == "sum-saved" else None)
    python, form = _both_say(page, base, path)
    assert sorted(form) == sorted(python)
    if make == "merged":
        assert "1 列没有读入" in page.inner_text(".rf-note")
    if make.startswith("sum"):
        assert any("像是合计行（“=SUM(F2:F3)”）" in m for m in python)
    if make == "month":
        assert any("“2016年5月”只写到月份" in m for m in python)


def test_a_row_the_reader_cannot_place_is_said_in_the_form_as_import_does(page, base: str, tmp_path: Path) -> None:
    """A row numbered 99999999999999999999 (its cells still say A2) was dropped without a word by
    the form too; rows out of order, and a row past the rows read, likewise. Both say each."""
    from tests.test_xlsx import _text_cells, _with_rows
    from validators.yaml.policy import policy

    blank = tmp_path / "t.xlsx"
    blank.write_bytes(workbook_bytes(layout(guideline(2018)), {"society": "cd-mech-eng", "year": 2018}))  # type: ignore[arg-type]
    far = policy().workbook.max_rows + 100
    # Past the rows read, a formula whose result is a space is blank to both (its text is no content).
    spaced = f'<row r="{far - 50}"><c r="B{far - 50}" t="str"><f>" "</f><v> </v></c></row>'
    rows = (_text_cells("3", {"A3": "svc-3"}) + _text_cells("2", {"A2": "svc-2"})
            + _text_cells("99999999999999999999", {"A4": "svc-4"}) + spaced + _text_cells(str(far), {f"A{far}": "svc-5"}))
    _with_rows(blank, tmp_path / "rows.xlsx", rows)
    python, form = _both_say(page, base, tmp_path / "rows.xlsx")
    lost = [m for m in python if "没有读入" in m and ("文件中" in m or "最多读入" in m)]
    assert [m.split("：")[0] for m in lost] == ["为企业提供的服务!A2", "为企业提供的服务!A4", f"为企业提供的服务!A{far}"]
    assert all(m in form for m in lost), (python, form)
    assert not page.problems, page.problems


def _links(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"))


@pytest.mark.parametrize(("book_year", "chosen"), [(2017, "2018"), (2018, "2017")])
def test_a_blank_cover_year_is_the_templates_not_the_year_the_form_shows(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path, book_year: int, chosen: str) -> None:
    """B3 emptied in a 2017 workbook: the form took the year of 新建空白报告's 填报年度 (2018 by default,
    never touched by a secretary importing a workbook), and every row failed “不在 2018 年度评估期内”.
    It takes the year of the workbook's template (its title), as `xlsx import` does, said at B3."""
    rules = guideline(book_year)
    assert rules is not None
    path = tmp_path / "y.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": book_year}))
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = None
    book.save(path)
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-year", chosen)
    page.set_input_files("#rf-file", str(path))
    page.wait_for_selector(".rf-editor .rf-summary")
    page.wait_for_selector("#rf-file-errors .rf-ok")
    said = page.inner_text("#rf-file-errors")
    assert f"封面 B3 的年度没有填写，已按这个工作簿模板的年度 {book_year} 读入，请核对，并在工作簿中填写年度。" in said
    assert "表单中选择" not in said
    assert page.input_value("#rf-year") == str(book_year)
    assert f"第二步：填写 {book_year} 年度报告" in page.inner_text("body")
    assert f"submissions/cd-agri/{book_year}.yaml" in page.inner_text("body")
    page.wait_for_function("document.querySelector('#rf-yaml-report').value.includes('year:')")
    assert f"year: {book_year}\n" in page.input_value("#rf-yaml-report")
    cells = page.locator("#rf-xlsx-issues li").all_inner_texts()
    message = f"封面!B3：年度没有填写，已按这个工作簿模板的年度 {book_year} 读入，请核对，并在这一格填写年度。"
    assert [c for c in cells if c.startswith("封面!B3")] == [message], cells
    python = [f.message for f in read_workbook(path, path.name, layout(rules)).findings if f.message.startswith("封面!B3")]
    assert python == [message]


@pytest.mark.parametrize(("written", "said"), [
    (None, "封面!B3：“封面”中没有填写年度：请填写年度，如 2018（可选年度为 2017、2018）。"),
    ("去年", "封面!B3：“去年”不是年度：只写年度的阿拉伯数字，如 2018。"),
], ids=["blank", "no-year"])
def test_a_workbook_without_a_year_it_can_read_is_refused_as_import_refuses_it(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path, written: object, said: str) -> None:
    """B3 blank in a workbook whose title names no template year (or 去年): the form wrote the report
    for the year chosen under 填报年度; it refuses the workbook in `xlsx import`'s words."""
    rules = guideline(2017)
    assert rules is not None
    path = tmp_path / "y.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": 2017}))
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = written
    book.properties.title = None
    book.save(path)
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-year", "2018")
    page.set_input_files("#rf-file", str(path))
    page.wait_for_selector("#rf-file-errors .rf-error")
    shown = page.inner_text("#rf-file-errors")
    assert f"y.xlsx：{said}" in shown
    assert "undefined" not in shown
    assert page.locator(".rf-editor .rf-summary").count() == 0


@pytest.mark.parametrize(("written", "registered"), [("成都市农学会", True), ("成都市农业学会", False)],
                         ids=["name", "neither"])
def test_a_cover_society_name_is_read_or_listed_once_in_the_form(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path, written: str, registered: bool) -> None:
    """B2 = 成都市农学会 (cd-agri's name): the form left the cell out of its cells to check, opened the
    new society's profile with three 必填 errors, and said the id's pattern twice in 逐项查看. A
    registered name is read as the society's id (no new society); any other text is one of the
    cells to check, said once."""
    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes(layout(guideline(2018)), {"society": "cd-agri", "year": 2018}))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    book["封面"]["B2"].value = written
    book.save(path)
    _drop(page, base, path)
    page.wait_for_selector("#rf-xlsx-issues")
    page.wait_for_selector(".rf-editor .rf-summary")
    cells = page.locator("#rf-xlsx-issues li").all_inner_texts()
    said = [c for c in cells if c.startswith("封面!B2")]
    assert len(said) == 1, cells
    assert "学会名录" in said[0]
    summary = page.inner_text(".rf-summary")  # as shown: the phone bar's brief words are hidden
    if registered:
        assert said[0].startswith(f"封面!B2：学会名称“{written}”按它的学会 id cd-agri 读入")
        assert page.locator(".rf-profile").count() == 0
        assert passes(summary), summary
        assert "只能用小写英文字母" not in summary
        page.wait_for_function("document.querySelector('#rf-yaml-report').value.includes('society: cd-agri')")
    else:
        assert f"学会 id“{written}”无效" in said[0]
        page.click(".rf-summary-list > summary")
        summary = page.inner_text(".rf-summary")  # as shown: the phone bar's brief words are hidden
        assert summary.count("只能用小写英文字母") == 1, summary
    assert not page.problems, page.problems


def _with_core(path: Path, core: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = [(i, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in parts:
            out.writestr(info, core if info.filename == "docProps/core.xml" else content)


@pytest.mark.parametrize(("written", "title"), [
    (None, "<dc:title>2017 年度学会重点工作报告<x:b>（副本）</x:b></dc:title>"),
    (2017, "<dc:title>2017 年度学会重点工作报告"),
], ids=["title-with-a-child", "unparsable-core"])
def test_the_form_reads_the_title_as_import_and_never_refuses_for_it(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path, written: object, title: str) -> None:
    """A title holding an element is its text before it (openpyxl's); a core.xml the form cannot
    parse refused the whole workbook, its year written: now it is only no title."""
    rules = guideline(2017)
    assert rules is not None
    path = tmp_path / "y.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": 2017}))
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = written
    book.save(path)
    _with_core(path, ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                      'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:x="urn:x">'
                      + title + "</cp:coreProperties>").encode())
    _drop(page, base, path)
    page.wait_for_selector(".rf-editor .rf-summary")
    page.wait_for_function("document.querySelector('#rf-yaml-report').value.includes('year:')")
    assert "year: 2017\n" in page.input_value("#rf-yaml-report")


def test_a_workbook_refused_for_its_year_lists_its_other_problems_too(  # type: ignore[no-untyped-def]
        page, base: str, tmp_path: Path) -> None:
    """Refused for a blank year without a template title, the form said only that; `xlsx import`
    says every finding with E-XLSX-COVER. The refusal first, then the others."""
    rules = guideline(2017)
    assert rules is not None
    path = tmp_path / "y.xlsx"
    path.write_bytes(workbook_bytes(layout(rules), {"society": "cd-agri", "year": 2017}))
    book = openpyxl.load_workbook(path)
    book["封面"]["B3"].value = None
    book.properties.title = None
    sheet = book["学术交流活动"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=1).value = "evt-1"
    sheet.cell(row=2, column=next(n for n, h in enumerate(header, start=1) if h and "参与人数" in str(h))).value = "很多"
    book.save(path)
    _drop(page, base, path)
    page.wait_for_selector("#rf-file-errors .rf-error")
    shown = page.locator("#rf-file-errors .rf-error").all_inner_texts()
    assert "“封面”中没有填写年度" in shown[0]
    assert any("很多" in s for s in shown[1:]), shown
