"""A new society's profile through its workbook, in headless Chromium: the blank workbook's
学会资料 sheet, filled in WPS and dropped on the form, fills the form's profile; the form's
“下载为工作簿” carries it on the same sheet, so that `xlsx import` and the form read it back
(before, the workbook had no such sheet and the profile was lost on the way)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright
from validators.xlsx.layout import PROFILE, layout
from validators.xlsx.read import read_workbook
from validators.xlsx.write import workbook_bytes
from validators.yaml.loading import load_text
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]
openpyxl = pytest.importorskip("openpyxl")

SOCIETY = "cd-new-materials"
PROFILE_DATA: dict[str, Any] = {"name": "成都市新材料学会", "kind": "协会", "discipline": "新材料",
                                "maintainers": ["alice", "bob-2"], "website": "https://example.org"}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _drop(page, base: str | None, path: Path) -> None:  # type: ignore[no-untyped-def]
    if base is not None:
        page.goto(base)
        page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", str(path))


def _profile_shown(page) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#rf-yaml-profile")
    page.wait_for_function("document.querySelector('#rf-yaml-profile').value.includes('name:')")
    settled(page)
    loaded = load_text(page.input_value("#rf-yaml-profile"), "society.yaml", 64)
    assert isinstance(loaded.data, dict)
    return loaded.data


def test_a_new_societys_profile_goes_through_its_workbook_and_back(page, base: str, tmp_path: Path) -> None:
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(workbook_bytes(shape, {"society": SOCIETY, "year": 2018}, profile=PROFILE_DATA))
    _drop(page, base, filled)
    shown = _profile_shown(page)
    assert {k: shown.get(k) for k in ("id", "name", "discipline", "maintainers", "website")} == {
        "id": SOCIETY, **{k: v for k, v in PROFILE_DATA.items() if k != "kind"}}
    assert shown["kind"] in ("association", "协会")
    assert "请填写“学会全称”" not in page.inner_text("body")
    with page.expect_download() as info:
        page.click("#rf-download-workbook")
    saved = tmp_path / "from-form.xlsx"
    info.value.save_as(saved)
    assert PROFILE in openpyxl.load_workbook(saved, read_only=True).sheetnames
    imported = read_workbook(saved, saved.name, shape)
    assert imported.findings == []
    assert imported.profile == PROFILE_DATA
    # Edited in WPS and brought back to a fresh form: the profile is the workbook's.
    book = openpyxl.load_workbook(saved)
    book[PROFILE]["B4"] = "先进材料"
    book.save(saved)
    _drop(page, base, saved)
    again = _profile_shown(page)
    assert again["name"] == PROFILE_DATA["name"]
    assert again["discipline"] == "先进材料"
    assert again["maintainers"] == PROFILE_DATA["maintainers"]


def test_a_registered_societys_workbook_has_no_profile_and_a_filled_sheet_is_not_used(page, base: str,
                                                                                       tmp_path: Path) -> None:
    shape = layout(guideline(2018))  # type: ignore[arg-type]
    filled = tmp_path / "registered.xlsx"
    filled.write_bytes(workbook_bytes(shape, {"society": "cd-mech-eng", "year": 2018}, profile=PROFILE_DATA))
    _drop(page, base, filled)
    page.wait_for_selector(".rf-ok")
    assert "已在本站登记，表单只为新学会填写学会资料：没有使用 registered.xlsx（“学会资料”工作表）" in page.inner_text(".rf-ok")
    assert page.locator("#rf-yaml-profile").count() == 0
    settled(page)
    with page.expect_download() as info:
        page.click("#rf-download-workbook")
    saved = tmp_path / "from-form.xlsx"
    info.value.save_as(saved)
    assert PROFILE not in openpyxl.load_workbook(saved, read_only=True).sheetnames
