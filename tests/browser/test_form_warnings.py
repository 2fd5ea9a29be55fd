"""Two warnings of `check` that the form now says at the field, in headless Chromium: a service in
the pilot district whose 服务成效 says nothing (W-OUTCOME-NOTHING), and, in a year the staff verify
only, an item with no evidence (W-EVIDENCE-NONE). The form's sentence at each field is the one
`check` gives for the same report at the same place; the site is built from a tree that verifies
2017 (reviews/2017/) and not 2018."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import add, box, fill, fill_item, settled
from tests.site_support import built_site, served, sync_playwright
from tests.test_form_cross_node import WARNINGS as ACROSS
from tests.trees import base_tree
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CODES = ("W-OUTCOME-NOTHING", "W-EVIDENCE-NONE", "W-ACHIEVEMENT-SAME-TYPE")  # the warnings the form says itself
SOCIETY = "cd-agri"  # registered, with no report for either year in the tree
SERVICE = {"kind": "科技咨询", "title": "技术咨询", "enterprise": "成都示例企业", "district": "郫都区",
           "date": "{year}-05-12", "outcome": "无"}
# Items with no evidence in each kind of place: a service, a research report's achievement (the
# report itself has no evidence field), and an item of 七.
REPORT = """society: cd-agri
year: {year}
innovation:
  services:
    - {{id: svc-a, kind: 科技咨询, title: 技术咨询, enterprise: 成都示例企业, district: 郫都区,
       date: {year}-05-12, outcome: 无}}
    - {{id: svc-b, kind: 科技咨询, title: 技术培训, enterprise: 成都示例企业, district: 锦江区,
       date: {year}-06-12, outcome: 培训技术人员 30 人, evidence: ["https://example.org/b"]}}
research:
  - id: rpt-a
    title: 关于农业科技的建议
    form: 建议
    topic: 其他
    achievements:
      - {{type: 领导签批, date: {year}-08-08}}
      - {{type: 领导签批, date: {year}-08-09, evidence: ["https://example.org/c"]}}
major_work:
  - {{id: mw-a, kind: 党建, title: 成立党支部, date: {year}-07-01, description: 召开党员大会，成立学会党支部。}}
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = base_tree(tmp_path_factory.mktemp("form-warnings") / "tree")
    shutil.rmtree(root / "reviews" / "2018")  # 2018: scored as reported, nothing verified
    return root


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "form/"


def _by_check(tree: Path, tmp: Path, text: str, year: int, across: bool = False) -> dict[str, tuple[str, str]]:
    """pointer: (code, sentence) of the warnings `check` gives the report in `tree` that the form says itself; `across`:
    and of the warnings across reports the form also says (another society's report may list
    cd-agri as a member of its consortium: tests/test_form_cross_node.py holds those to `check`)."""
    path = tree / "submissions" / SOCIETY / f"{year}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        result, _ = check_tree(tree, [path])
    finally:
        path.unlink()
    found: dict[str, tuple[str, str]] = {}
    for f in result.sorted_findings():  # a field shows its first, in check's order
        if f.code in CODES + (ACROSS if across else ()):
            found.setdefault("/" + "/".join(map(str, f.path or ())), (f.code, f.message))
    return found


def _said(page, pointer: str) -> str:  # type: ignore[no-untyped-def]
    return str(box(page, pointer).locator(":scope > .rf-msg").inner_text())


def _warned(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """pointer: sentence of every field the form shows a warning at."""
    found = page.locator(".rf-msg > p.rf-warning").evaluate_all(
        "ps => ps.map(p => [p.parentElement.parentElement.dataset.pointer, p.textContent])")
    return {pointer: text for pointer, text in found}


def _open(page, base: str, text: str, year: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": f"{year}.yaml", "mimeType": "text/yaml",
                                             "buffer": text.encode("utf-8")}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


def _blank(page, base: str, year: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", SOCIETY)
    page.select_option("#rf-new-year", str(year))
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")


def test_an_outcome_of_nothing_typed_in_the_pilot_district_is_warned_as_check_warns(
        page, base: str, tree: Path, tmp_path: Path) -> None:
    _blank(page, base, 2018)
    add(page, "/innovation/services")
    fill_item(page, "/innovation/services/0", {k: v.format(year=2018) for k, v in SERVICE.items()})
    add(page, "/innovation/services/0/evidence")
    fill(page, "/innovation/services/0/evidence/0", "https://example.org/a")
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018)
    field = "/innovation/services/0/outcome"
    assert [code for code, _ in checked.values()] == ["W-OUTCOME-NOTHING"]
    assert _said(page, field) == checked[field][1]
    assert "服务成效写的是“无”" in _said(page, field)
    assert "「具有成效性」" in _said(page, field)
    assert "rf-warning" in (box(page, field).locator(".rf-msg > p").first.get_attribute("class") or "")
    page.locator(".rf-summary .rf-summary-list > summary").click()
    assert checked[field][1] in page.inner_text(".rf-summary .rf-summary-list")
    # A real outcome: no warning here, and none from `check`.
    fill(page, field, "帮助企业解决技术难题 3 项，节约成本 5 万元")
    settled(page)
    assert _said(page, field) == ""
    assert _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018) == {}
    # Outside the pilot district nothing is said of an outcome of nothing, as `check` says nothing.
    fill(page, field, "暂无。")
    fill(page, "/innovation/services/0/district", "锦江区")
    settled(page)
    assert _said(page, field) == ""
    assert _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018) == {}
    assert not page.problems, page.problems


@pytest.mark.parametrize("year", [2017, 2018])
def test_an_item_with_no_evidence_is_warned_only_in_a_year_the_staff_verify(
        page, base: str, tree: Path, tmp_path: Path, year: int) -> None:
    text = REPORT.format(year=year)
    checked = _by_check(tree, tmp_path, text, year, across=True)
    _open(page, base, text, year)
    none = {pointer for pointer, (code, _) in checked.items() if code == "W-EVIDENCE-NONE"}
    if year == 2017:  # verified: reviews/2017/ exists
        assert none == {"/innovation/services/0/evidence", "/research/0/achievements/0/evidence",
                        "/major_work/0/evidence"}
    else:
        assert none == set()
    assert _warned(page) == {pointer: message for pointer, (_, message) in checked.items()}
    if year == 2017:
        # Listing a piece of evidence takes the warning away, as it would from `check`.
        add(page, "/major_work/0/evidence")
        fill(page, "/major_work/0/evidence/0", "https://example.org/d")
        settled(page)
        assert "/major_work/0/evidence" not in _warned(page)
    assert not page.problems, page.problems
