"""Hostile or odd YAML files imported into the form, in headless Chromium: each is refused, or
read, as `check` reads it, in Chinese. A report without a year is written for the year the form
says (never "undefined"); a UTF-16 file, an alias and 2,000 nested "[" are refused in check's
words (E-YAML-ENCODING, E-YAML-ALIAS, E-YAML-TOO-DEEP) with check's line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright
from validators.yaml.loading import load_bytes
from validators.yaml.policy import policy

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _import(page, base: str, name: str, data: bytes) -> str:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": name, "mimeType": "text/yaml", "buffer": data}])
    page.wait_for_selector("#rf-file-errors .rf-error, #rf-file-errors .rf-ok")
    settled(page)
    return page.inner_text("#rf-file-errors")


def _links(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"))


@pytest.mark.parametrize(("name", "chosen", "year"), [("2017.yaml", "2018", 2017), ("report.yaml", "2017", 2017)],
                         ids=["file-name", "chosen-year"])
def test_a_report_without_a_year_is_written_for_the_year_the_form_says(  # type: ignore[no-untyped-def]
        page, base: str, name: str, chosen: str, year: int) -> None:
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-year", chosen)
    page.set_input_files("#rf-file", files=[{"name": name, "mimeType": "text/yaml", "buffer": b"society: cd-computer\n"}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    said = page.inner_text("#rf-file-errors")
    assert "文件中没有填写年度（year）" in said
    assert f"{year} 年度" in said
    assert ("文件名" if name[:4].isdigit() else "表单中选择的填报年度") in said
    shown = page.inner_text("body")
    for word in ("undefined", "null", "NaN"):
        assert word not in shown
        assert word not in _links(page)
    assert f"submissions/cd-computer/{year}.yaml" in shown
    written = page.input_value("#rf-yaml-report")
    assert f"（cd-computer） {year} 年度工作报告" in written
    assert f"year: {year}\n" in written
    assert "undefined" not in written
    assert "null" not in written
    # The GitHub link (a new file, or the edit of the one sent) names the same file.
    assert f"/submissions/cd-computer/{year}.yaml" in _links(page)


def _checked(data: bytes) -> tuple[int, int, str, str]:
    """What `check` says of the file: its one finding's line, column, code and words."""
    [finding] = load_bytes(data, "2018.yaml", policy().yaml.limits).findings
    return finding.line, finding.column, finding.code, finding.message


@pytest.mark.parametrize(("data", "code"), [
    (b"[" * 2000, "E-YAML-TOO-DEEP"),
    (b"society: cd-computer\nyear: 2018\nmajor_work: &w\n  - title: a\nresearch: *w\n", "E-YAML-ALIAS"),
    (b"society: cd-computer\n" + b"".join(b'lol%d: &l%d [%s]\n' % (i, i, b",".join([b"*l%d" % (i - 1)] * 9) if i
                                                                      else b'"lol"') for i in range(9)),
     "E-YAML-ALIAS"),
    ("society: cd-computer\nyear: 2018\n".encode("utf-16"), "E-YAML-ENCODING"),
    ("society: cd-computer\nyear: 2018\n".encode("utf-16-le"), "E-YAML-ENCODING"),
    ("society: cd-computer\nyear: 2018\n".encode("utf-16-be"), "E-YAML-ENCODING"),
], ids=["deep", "alias", "billion-laughs", "utf-16-bom", "utf-16-le", "utf-16-be"])
def test_what_check_refuses_before_reading_the_form_refuses_in_its_words(  # type: ignore[no-untyped-def]
        page, base: str, data: bytes, code: str) -> None:
    line, column, found, words = _checked(data)
    assert found == code
    said = _import(page, base, "2018.yaml", data)
    assert said.startswith("2018.yaml：")
    assert words in said
    if code != "E-YAML-ENCODING":
        assert f"第 {line} 行，第 {column} 列：{words}" in said
    assert "不是文本文件" not in said
    assert "Maximum call stack" not in said
    assert page.locator(".rf-editor .rf-summary").count() == 0
    assert not [p for p in page.problems if "page error" in p]


def test_an_error_of_the_program_is_said_in_chinese(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Whatever else fails while a file is imported, no English words of a program are shown."""
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.evaluate("() => { window.ReportForm.parseYaml = () => { throw new RangeError('Maximum call stack size exceeded'); }; }")
    page.set_input_files("#rf-file", files=[{"name": "2018.yaml", "mimeType": "text/yaml",
                                              "buffer": b"society: cd-computer\nyear: 2018\n"}])
    page.wait_for_selector("#rf-file-errors .rf-error")
    said = page.inner_text("#rf-file-errors")
    assert said.startswith("无法导入：")
    assert "Maximum" not in said
