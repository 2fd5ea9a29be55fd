"""Files brought into the form, in headless Chromium: a new society's package (the zip the form
downloads) opens with its report and its society.yaml; society.yaml alone joins the open report, or
starts one; a report and its profile chosen or dropped together load together; a zip that is no
package, or a binary file, is refused in one Chinese line."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.test_form import add, box, fill, fill_item, settled
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-form-import"
YEAR = 2018
PROFILE = {"name": "成都市导入测试学会", "kind": "研究会", "discipline": "信息科学"}


@dataclass(frozen=True)
class Package:
    """What the form gave a new society: the zip, and the two files it shows."""

    zip: Path
    report: str
    profile: str


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _open(page, base: str):  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    return page


def _fill_new_society(page) -> None:  # type: ignore[no-untyped-def]
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", SOCIETY)
    page.select_option("#rf-new-year", str(YEAR))
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-summary")
    fill_item(page, "", {**PROFILE, "maintainers": ["import-test-office"]})
    add(page, "/major_work")
    fill_item(page, "/major_work/0", {"kind": "党建", "title": "导入测试的党建工作", "date": f"{YEAR}-07-01",
                                      "description": "召开党员大会。"})
    settled(page)


@pytest.fixture(scope="module")
def package(browser, base: str, tmp_path_factory: pytest.TempPathFactory) -> Package:  # type: ignore[no-untyped-def]
    """The package downloaded through the form, as a new society's secretary gets it."""
    context = browser.new_context(accept_downloads=True)
    try:
        page = _open(context.new_page(), base)
        _fill_new_society(page)
        with page.expect_download() as info:
            page.click("#rf-download-package")
        assert info.value.suggested_filename == f"{SOCIETY}-{YEAR}.zip"
        path = tmp_path_factory.mktemp("package") / info.value.suggested_filename
        info.value.save_as(path)
        return Package(path, page.input_value("#rf-yaml-report"), page.input_value("#rf-yaml-profile"))
    finally:
        context.close()


def _files(package: Package, *names: str) -> list[dict[str, object]]:
    texts = {f"{YEAR}.yaml": package.report, "society.yaml": package.profile}
    return [{"name": name, "mimeType": "text/yaml", "buffer": texts[name].encode()} for name in names]


def _loaded(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


def _profile_name(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator('.rf-profile [data-pointer="/name"] input').input_value()


def _drop(page, files: list[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    """Files dropped on the import box, as a file manager drops them."""
    page.evaluate("""files => {
      const moved = new DataTransfer();
      files.forEach(f => moved.items.add(new File([f.text], f.name, { type: "text/yaml" })));
      document.querySelector(".rf-drop").dispatchEvent(new DragEvent("drop", { dataTransfer: moved, bubbles: true }));
    }""", [{"name": f["name"], "text": f["buffer"].decode()} for f in files])  # type: ignore[attr-defined]


def test_the_forms_own_package_opens_with_its_society(page, base: str, package: Package) -> None:
    _open(page, base).set_input_files("#rf-file", str(package.zip))
    _loaded(page)
    said = page.inner_text("#rf-file-errors")
    assert "YAML" not in said
    assert "PK" not in said
    assert f"已导入 {package.zip.name} 中的 {SOCIETY}/{YEAR}.yaml。" in said
    assert f"已载入学会资料 {package.zip.name} 中的 {SOCIETY}/society.yaml。" in said
    # Both files come back as the form wrote them: nothing lost, nothing added.
    assert page.input_value("#rf-yaml-report") == package.report
    assert page.input_value("#rf-yaml-profile") == package.profile
    assert _profile_name(page) == PROFILE["name"]
    assert box(page, "/major_work/0/title").locator("input").input_value() == "导入测试的党建工作"
    assert not page.problems


def test_society_yaml_joins_the_open_report_and_never_replaces_it(page, base: str, package: Package) -> None:
    _open(page, base).set_input_files("#rf-file", files=_files(package, f"{YEAR}.yaml"))
    _loaded(page)
    assert _profile_name(page) == ""
    page.set_input_files("#rf-file", files=_files(package, "society.yaml"))
    page.wait_for_function(f"document.querySelector('.rf-profile [data-pointer=\"/name\"] input').value === '{PROFILE['name']}'")
    settled(page)
    said = page.inner_text("#rf-file-errors") + page.inner_text(".rf-note")
    assert "undefined" not in said
    assert "未知字段" not in page.inner_text(".rf-summary")
    assert f"正在填写的 {YEAR} 年度报告保持不变" in said
    assert box(page, "/major_work/0/title").locator("input").input_value() == "导入测试的党建工作"
    assert page.input_value("#rf-yaml-report") == package.report
    assert page.input_value("#rf-yaml-profile") == package.profile
    # Kept in the report's draft: a reload restores the profile too.
    page.reload()
    page.wait_for_selector("#rf-draft .rf-restore")
    page.click("#rf-draft .rf-restore")
    _loaded(page)
    assert _profile_name(page) == PROFILE["name"]
    assert not page.problems


def test_society_yaml_alone_starts_a_blank_report_of_its_society(page, base: str, package: Package) -> None:
    _open(page, base).set_input_files("#rf-file", files=_files(package, "society.yaml"))
    _loaded(page)
    latest = page.locator("#rf-new-year option").last.get_attribute("value")
    assert page.input_value("#rf-year") == latest
    assert box(page, "/society").locator("input").input_value() == SOCIETY
    assert _profile_name(page) == PROFILE["name"]
    assert page.input_value("#rf-yaml-profile") == package.profile
    assert "major_work" not in page.input_value("#rf-yaml-report")
    assert not page.problems


def test_a_profile_typed_on_screen_is_replaced_only_when_asked(page, base: str, package: Package) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss())
    _open(page, base).set_input_files("#rf-file", files=_files(package, f"{YEAR}.yaml"))
    _loaded(page)
    fill(page, "/name", "屏幕上填写的名称")
    page.set_input_files("#rf-file", files=_files(package, "society.yaml"))
    page.wait_for_timeout(500)
    assert len(dialogs) == 1
    assert "学会资料" in dialogs[0]
    assert _profile_name(page) == "屏幕上填写的名称"
    assert "已保留原来的内容，没有导入" in page.inner_text("#rf-file-errors")  # said, not silently ignored


def test_a_report_and_its_profile_chosen_or_dropped_together_load_together(page, base: str, package: Package) -> None:
    assert _open(page, base).get_attribute("#rf-file", "multiple") is not None
    both = _files(package, "society.yaml", f"{YEAR}.yaml")
    for bring in (lambda: page.set_input_files("#rf-file", files=both), lambda: _drop(page, both)):
        page.evaluate("localStorage.clear()")
        _open(page, base)
        bring()
        _loaded(page)
        assert page.input_value("#rf-yaml-report") == package.report
        assert page.input_value("#rf-yaml-profile") == package.profile
    assert not page.problems


def test_a_package_replacing_a_draft_asks_first(browser, base: str, package: Package) -> None:  # type: ignore[no-untyped-def]
    """The draft of the same society and year, changed since the download: kept unless agreed."""
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        page = _open(context.new_page(), base)
        page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss())
        _fill_new_society(page)
        fill(page, "/major_work/0/title", "草稿中改过的党建工作")
        settled(page)
        page.set_input_files("#rf-file", str(package.zip))
        page.wait_for_timeout(500)
        assert len(dialogs) == 1
        assert "替换这份草稿" in dialogs[0]
        assert box(page, "/major_work/0/title").locator("input").input_value() == "草稿中改过的党建工作"
        assert "已导入" not in page.inner_text("#rf-file-errors")
        assert "已保留原来的内容，没有导入" in page.inner_text("#rf-file-errors")
    finally:
        context.close()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("x.zip", {"readme.txt": b"hello"}, "文件包中没有年度报告（如 2018.yaml）或学会资料（society.yaml）"),
    ("x.zip", b"PK\x03\x04 broken", "这不是本页下载的文件包（.zip），或文件已损坏"),
    ("bomb.zip", {"2018.yaml": b"#" * 150_000_000}, "文件包解压后超过"),
    ("report.doc", b"\xd0\xcf\x11\xe0\x00\x00binary", "这不是文本文件，不能作为 YAML 读入"),
], ids=["no-report-inside", "broken-zip", "unpacks-too-big", "binary-file"])
def test_a_file_that_is_no_report_is_one_chinese_line(page, base: str, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                                      content: bytes | dict[str, bytes], message: str) -> None:
    path = tmp_path / name
    if isinstance(content, dict):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry, data in content.items():
                archive.writestr(entry, data)
    else:
        path.write_bytes(content)
    _open(page, base).set_input_files("#rf-file", str(path))
    page.wait_for_selector("#rf-file-errors .rf-error")
    said = page.inner_text("#rf-file-errors")
    assert said.startswith(f"{name}：")
    assert message in said
    assert "YAML 语法错误" not in said
    assert page.locator(".rf-editor .rf-summary").count() == 0
