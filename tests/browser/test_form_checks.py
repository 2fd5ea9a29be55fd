"""The form's checks where a user review found them weaker than `check`, in headless Chromium:
personal data typed into a field or brought in a workbook is an error at its field and keeps the
file from GitHub; a workbook cell that could not be read is said once, as what it is, and never
hidden behind the notes on cells that were read; a renamed district is told its new name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from site_builder.form_labels import guide_data
from tests.browser.test_form import add, box, fill, passes, settled, taking_reports
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.association.browser_privacy import browser_privacy_rule
from validators.check import check_tree
from validators.repository import ReportDoc
from validators.xlsx.layout import layout
from validators.xlsx.write import workbook_bytes
from validators.yaml.policy import policy
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]
openpyxl = pytest.importorskip("openpyxl")

PHONE = browser_privacy_rule()["messages"]["E-PRIVACY-PHONE"]
SAMPLE = check_tree(ROOT)[1].reports[("cd-mech-eng", 2018)]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _head(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.inner_text(".rf-summary .rf-summary-head"))


def _msg(page, pointer: str) -> str:  # type: ignore[no-untyped-def]
    return str(box(page, pointer).locator(":scope > .rf-msg").inner_text())


def _listed(page) -> str:  # type: ignore[no-untyped-def]
    """Every problem the summary lists (opening the list shows them all at their fields too)."""
    page.locator(".rf-summary .rf-summary-list > summary").click()
    settled(page)
    return str(page.inner_text(".rf-summary .rf-summary-list"))


def _export(doc: ReportDoc, path: Path) -> Path:
    path.write_bytes(workbook_bytes(layout(guideline(2018)), doc.report.model_dump(mode="python", exclude_none=True)))  # type: ignore[arg-type]
    return path


def _column(sheet, title: str) -> int:  # type: ignore[no-untyped-def]
    return [str(c.value).rstrip(" *") for c in sheet[1]].index(title) + 1


def _drop(page, base: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", str(path))
    page.wait_for_selector("#rf-yaml-report")
    settled(page)


def test_a_phone_number_typed_into_a_field_is_an_error_there_and_stays_off_github(page, base: str) -> None:
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    taking_reports(page, 2018)  # a new report past the deadline is not sent: no link to keep off
    page.select_option("#rf-new-choice", "cd-agri")  # registered, with no 2018 report yet: a new file
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    add(page, "/major_work")
    fill(page, "/major_work/0/title", "学会党支部主题党日")
    fill(page, "/major_work/0/description", "联系人张老师 139 1234 5678")
    page.keyboard.press("Tab")  # the field is left: its problem shows from then on
    settled(page)
    field = "/major_work/0/description"
    assert _msg(page, field) == PHONE
    assert "rf-has-error" in (box(page, field).get_attribute("class") or "")
    assert PHONE in _listed(page)
    assert page.locator("#rf-github-report").count() == 0
    assert page.locator("#rf-upload-report").count() == 0
    assert "个人信息" in page.inner_text("#rf-personal-report")
    assert "13912345678" not in "".join(page.locator("a").evaluate_all("as => as.map(a => decodeURIComponent(a.href))"))
    # Once the number is gone, the file may go to GitHub again.
    fill(page, field, "学会党支部开展主题党日活动")
    settled(page)
    assert _msg(page, field) == ""
    assert page.locator("#rf-personal-report").count() == 0
    assert "cd-agri/2018.yaml" in unquote(page.get_attribute("#rf-github-report", "href") or "")
    assert not page.problems, page.problems


def test_personal_data_in_a_workbook_is_an_error_at_its_field(page, base: str, tmp_path: Path) -> None:
    """The user review's 服务成效 “联系人张老师 13912345678，邮箱 zhang@qq.com”: the check bar said
    three errors, none about it, and the link to GitHub carried the number and the address."""
    book = openpyxl.load_workbook(_export(SAMPLE, tmp_path / "r.xlsx"))
    sheet = book["为企业提供的服务"]
    sheet.cell(row=2, column=_column(sheet, "服务成效")).value = "联系人张老师 13912345678，邮箱 zhang@qq.com"
    book.save(tmp_path / "p.xlsx")
    _drop(page, base, tmp_path / "p.xlsx")
    field = "/innovation/services/0/outcome"
    assert _msg(page, field) == PHONE  # the worst first; the summary lists both
    listed = _listed(page)
    assert PHONE in listed
    assert "文字中含有个人邮箱（qq.com）" in listed
    assert _head(page).startswith("检查结果：2 个错误"), _head(page)
    assert "个人信息" in page.inner_text("#rf-personal-report")
    hrefs = "".join(page.locator("a").evaluate_all("as => as.map(a => decodeURIComponent(a.href))"))
    assert "13912345678" not in hrefs
    assert "zhang@qq.com" not in hrefs
    assert not page.problems, page.problems


def test_a_cell_that_could_not_be_read_is_said_once_as_what_it_is(page, base: str, tmp_path: Path) -> None:
    """“约300人” in the required 参与人数 was said twice: as the cell it is, and as 必填."""
    book = openpyxl.load_workbook(_export(SAMPLE, tmp_path / "r.xlsx"))
    sheet = book["学术交流活动"]
    sheet.cell(row=2, column=_column(sheet, "参与人数")).value = "约300人"
    book.save(tmp_path / "c.xlsx")
    _drop(page, base, tmp_path / "c.xlsx")
    field = "/academic_events/0/participants"
    assert "“约300人”：只写数字 300，不带“约”“人”" in _msg(page, field)
    assert _head(page).startswith("检查结果：1 个错误，0 处待填写"), _head(page)
    assert "必填" not in _listed(page)
    assert not page.problems, page.problems


def test_a_number_with_its_columns_own_unit_is_kept_in_its_field_with_a_note(page, base: str, tmp_path: Path) -> None:
    """“15万” under 金额（万元）, “300人” under 参与人数 were refused and their fields left empty, beside
    the button that submits past the problems: the number is read, and the note says so."""
    book = openpyxl.load_workbook(_export(SAMPLE, tmp_path / "r.xlsx"))
    events = book["学术交流活动"]
    events.cell(row=2, column=_column(events, "参与人数")).value = "300人"
    functions = book["承接的政府转移职能（委托工作）"]
    functions.cell(row=2, column=_column(functions, "金额（万元）")).value = "15万"
    book.save(tmp_path / "u.xlsx")
    _drop(page, base, tmp_path / "u.xlsx")
    items = page.locator("#rf-xlsx-issues li").all_inner_texts()
    assert any(i.endswith("：“300人”已按 300 读入（单位：人，只写数字即可），请核对。") for i in items), items
    assert any(i.endswith("：“15万”已按 15 读入（单位：万元，只写数字即可），请核对。") for i in items), items
    assert box(page, "/academic_events/0/participants").locator("input").input_value() == "300"
    assert box(page, "/government_functions/functions/0/amount_wan").locator("input").input_value() == "15"
    assert passes(_head(page)), _head(page)
    assert not page.problems, page.problems


def test_an_unreadable_date_is_listed_before_the_notes_on_dates_that_were_read(page, base: str,
                                                                               tmp_path: Path) -> None:
    """The user review's 250 services dated “2018.5.6” and one “2018年13月5日”: 200 notes were
    listed, the error left out, and its cell then asked for as a missing 服务日期."""
    most = policy().workbook.max_findings
    path = tmp_path / "blank.xlsx"
    path.write_bytes(workbook_bytes(layout(guideline(2018)), {"society": "cd-agri", "year": 2018}))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    sheet = book["为企业提供的服务"]
    values = {"编号": "svc-{n}", "服务类型": "科技咨询", "服务名称": "咨询服务{n}", "服务的企业（园区）": "示例企业{n}",
              "所在区（市）县": "郫都区", "服务日期": "2018.5.6", "服务成效": "成效", "证明材料": "https://example.org/x"}
    bad = most + 40
    for n in range(1, most + 51):
        for title, value in values.items():
            text = "2018年13月5日" if title == "服务日期" and n == bad else value.format(n=n)
            sheet.cell(row=n + 1, column=_column(sheet, title)).value = text
    book.save(tmp_path / "w.xlsx")
    _drop(page, base, tmp_path / "w.xlsx")
    page.wait_for_selector("#rf-xlsx-issues")
    items = page.locator("#rf-xlsx-issues li").all_inner_texts()
    cell = f"为企业提供的服务!{openpyxl.utils.get_column_letter(_column(sheet, '服务日期'))}{bad + 1}"
    assert items[0] == f"{cell}：日期“2018年13月5日”无法识别：请写成 2018-05-12 这样的日期。"
    assert len(items) == most + 1
    assert items[-1].startswith(f"还有 50 个问题没有列出（只列出前 {most} 个）")
    assert all("请核对" in i for i in items[1:-1])
    field = f"/innovation/services/{bad - 1}/date"
    assert "无法识别" in _msg(page, field)
    assert _head(page).startswith("检查结果：1 个错误，0 处待填写"), _head(page)
    assert not page.problems, page.problems


def test_a_renamed_district_is_told_its_new_name_as_check_tells_it(page, base: str) -> None:
    hint = guide_data(guideline(2018))["renamed"]["districts"]["郫县"]
    assert "请写“郫都区”" in hint
    text = ("society: cd-agri\nyear: 2018\ninnovation:\n  senior_experts_total: 10\n  senior_experts_registered: 8\n"
            "  services:\n    - id: svc-a\n      kind: 科技咨询\n      title: 咨询\n      enterprise: 示例企业\n"
            "      district: 郫县\n      date: 2018-05-06\n      outcome: 成效\n")
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml", "buffer": text.encode()}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    message = _msg(page, "/innovation/services/0/district")
    assert message == "“郫县”不在本年度指南的名单中。" + hint
    assert "可选" not in message
    assert not page.problems, page.problems


def test_a_new_societys_package_is_not_uploaded_with_personal_data_in_its_profile(page, base: str) -> None:
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", "cd-form-privacy")
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-profile")
    field = page.locator('.rf-profile [data-pointer="/discipline"]')
    field.locator("input, textarea").first.fill("农学（联系 zhang.san@163.com）")
    page.keyboard.press("Tab")
    settled(page)
    assert "文字中含有个人邮箱（163.com）" in field.locator(":scope > .rf-msg").inner_text()
    assert "个人信息" in page.inner_text("#rf-personal-package")
    assert page.locator("#rf-upload-link").count() == 0
    field.locator("input, textarea").first.fill("农学")
    settled(page)
    assert page.locator("#rf-personal-package").count() == 0
    assert page.locator("#rf-upload-link").count() == 1
    assert not page.problems, page.problems


def test_a_new_society_is_named_by_its_profiles_name_in_a_warning_that_lists_it(page, base: str) -> None:
    """A new society's event with another's title, date and role: the warning lists both
    societies. The check names the new one by its society.yaml; the form said its id, since the
    published list has no such society yet."""
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", "cd-form-named")
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-profile")
    page.locator('.rf-profile [data-pointer="/name"] input').fill("成都市测试示例学会")
    add(page, "/academic_events")
    for key, value in {"title": "2018年成都计算机学术年会", "category": "综合性学术年会", "role": "主办",
                       "date": "2018-11-24"}.items():
        fill(page, f"/academic_events/0/{key}", value)
    page.keyboard.press("Tab")
    settled(page)
    said = _msg(page, "/academic_events/0/role")
    assert "成都市计算机学会（示例）" in said, said
    assert "成都市测试示例学会" in said, said
    assert "cd-form-named" not in said, said
    assert not page.problems, page.problems
