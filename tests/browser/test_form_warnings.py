"""Warnings of `check` that the form now says at the field, in headless Chromium: a service in
the pilot district whose 服务成效 says nothing (W-OUTCOME-NOTHING), in a year the staff verify
only, an item with no evidence (W-EVIDENCE-NONE), a service whose enterprise looks like a
government body (W-SERVICE-NOT-ENTERPRISE), an open occasion organized by the society itself
(W-OCCASION-OWN), an expert registration rate below the year's (W-EXPERTS-RATE). The form's sentence at each field is the one
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

# The warnings the form says itself.
CODES = ("W-OUTCOME-NOTHING", "W-EVIDENCE-NONE", "W-ACHIEVEMENT-SAME-TYPE", "W-SERVICE-NOT-ENTERPRISE", "W-OCCASION-OWN",
         "W-PILOT-NOT-CONFIRMED", "W-PILOT-NOT-CLAIMED", "W-EXPERTS-RATE")
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


def _one_service(page, base: str, tree: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                 **fields: str) -> dict[str, tuple[str, str]]:
    """A blank 2018 report with one service (SERVICE, `fields` changed) and its evidence, typed in;
    what `check` says of the form's file, by field."""
    _blank(page, base, 2018)
    add(page, "/innovation/services")
    fill_item(page, "/innovation/services/0", {**{k: v.format(year=2018) for k, v in SERVICE.items()}, **fields})
    add(page, "/innovation/services/0/evidence")
    fill(page, "/innovation/services/0/evidence/0", "https://example.org/a")
    page.keyboard.press("Tab")
    settled(page)
    return _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018)


def test_an_outcome_of_nothing_typed_in_the_pilot_district_is_warned_as_check_warns(
        page, base: str, tree: Path, tmp_path: Path) -> None:
    checked = _one_service(page, base, tree, tmp_path)
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


def test_a_service_to_a_government_body_typed_in_2018_is_warned_as_check_warns(
        page, base: str, tree: Path, tmp_path: Path) -> None:
    """W-SERVICE-NOT-ENTERPRISE at the enterprise, in the check's words; a company's name, or a
    business's ending in a marker (餐厅), takes it away as it does from `check`."""
    checked = _one_service(page, base, tree, tmp_path, enterprise="成都市郫都区人民政府办公室", outcome="形成咨询报告 1 份")
    field = "/innovation/services/0/enterprise"
    assert [code for code, _ in checked.values()] == ["W-SERVICE-NOT-ENTERPRISE"]
    assert _said(page, field) == checked[field][1]
    assert "「为成都市域内企业提供技术、咨询等服务」" in _said(page, field)
    for name in ("成都示例科技有限公司", "成都示例川菜餐厅"):
        fill(page, field, name)
        settled(page)
        assert _said(page, field) == ""
        assert _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018) == {}
    assert not page.problems, page.problems


def test_an_expert_rate_below_the_year_s_is_warned_as_check_warns_and_the_help_says_the_rate(
        page, base: str, tree: Path, tmp_path: Path) -> None:
    """W-EXPERTS-RATE at 其中在专家库注册的人数, in the check's words (the form said nothing of 45 of
    100); the field's help names the year's rate to reach (2018 carries 2017's 50%)."""
    _blank(page, base, 2018)
    field = "/innovation/senior_experts_registered"
    assert "须达 50%" in box(page, field).locator(".rf-help").inner_text()
    fill(page, "/innovation/senior_experts_total", "100")
    fill(page, field, "45")
    page.keyboard.press("Tab")
    settled(page)
    checked = _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018)
    assert [code for code, _ in checked.values()] == ["W-EXPERTS-RATE"]
    assert _said(page, field) == checked[field][1] == "专家库注册率 45%（45/100）未达到 50%，条款 1.2 不计分。"
    assert "rf-warning" in (box(page, field).locator(".rf-msg > p").first.get_attribute("class") or "")
    # A rate that reaches the year's says nothing, as `check` says nothing.
    fill(page, field, "55")
    page.keyboard.press("Tab")
    settled(page)
    assert _said(page, field) == ""
    assert _by_check(tree, tmp_path, page.input_value("#rf-yaml-report"), 2018) == {}
    assert not page.problems, page.problems


EVENTS = """society: cd-agri
year: {year}
academic_events:
  - {{id: evt-a, title: 学会开放日科普展, category: 大型社会活动, role: 主办, date: {year}-06-01, participants: 300,
     occasion: 其他全国性或全市性科普活动, occasion_name: 本学会开放日, occasion_organizer: 本学会,
     evidence: ["https://example.org/a"]}}
  - {{id: evt-b, title: 科普日讲座, category: 大型社会活动, role: 主办, date: {year}-09-16, participants: 200,
     occasion: 全国科普日, occasion_organizer: 本学会, evidence: ["https://example.org/b"]}}
"""


@pytest.mark.parametrize("year", [2017, 2018])
def test_an_open_occasion_organized_by_the_society_itself_is_warned_as_check_warns(
        page, base: str, tree: Path, tmp_path: Path, year: int) -> None:
    """W-OCCASION-OWN at the organizer, in the check's words; an occasion of the year's list
    organized by the society says nothing, as `check` says nothing; another organizer takes it away."""
    text = EVENTS.format(year=year)
    checked = _by_check(tree, tmp_path, text, year, across=True)
    field = "/academic_events/0/occasion_organizer"
    assert [code for code, _ in checked.values() if code == "W-OCCASION-OWN"] == ["W-OCCASION-OWN"]
    assert field in checked
    _open(page, base, text, year)
    assert _warned(page) == {pointer: message for pointer, (_, message) in checked.items()}
    assert "「科普月、科技周、科普日等全国性、全市性科普活动中举办的活动」" in _said(page, field)
    fill(page, field, "成都市科学技术协会")
    settled(page)
    assert _said(page, field) == ""
    assert not page.problems, page.problems


def test_an_occasion_organized_under_the_society_s_registered_name_is_warned_too(page, base: str) -> None:
    """The form knows a published society's registered name (its list of societies) and says
    W-OCCASION-OWN of it as the rules across files do (tests/test_occasion_organizer.py holds the
    form's reading to the check's)."""
    from validators.models.academic_events import AcademicEvent
    from validators.rules.academic_events import own_occasion
    from validators.year.guideline import guideline

    name = "成都市机械工程学会（示例）"  # submissions/cd-mech-eng/society.yaml
    text = EVENTS.format(year=2018).replace("cd-agri", "cd-mech-eng").replace("occasion_organizer: 本学会,",
                                                                           f"occasion_organizer: {name},")
    _open(page, base, text, 2018)
    rules = guideline(2018)
    assert rules is not None
    event = AcademicEvent.model_construct(title="学会开放日科普展", category="大型社会活动", occasion=rules.open_occasion,
                                          occasion_name="本学会开放日", occasion_organizer=name)
    assert _said(page, "/academic_events/0/occasion_organizer") == own_occasion(event, rules)
    assert not page.problems, page.problems


def test_a_pilot_the_unpublished_list_cannot_confirm_is_warned_at_the_pilot_field(
        page, base: str, tree: Path, tmp_path: Path) -> None:
    """2018's pilot list is not published: a report that says pilot hears W-PILOT-NOT-CONFIRMED at
    首批承能试点学会, in the check's words (the form said “0 条提示”)."""
    text = "society: cd-agri\nyear: 2018\ngovernment_functions:\n  pilot: true\n"
    checked = _by_check(tree, tmp_path, text, 2018, across=True)
    field = "/government_functions/pilot"
    assert checked[field][0] == "W-PILOT-NOT-CONFIRMED"
    _open(page, base, text, 2018)
    assert _warned(page) == {pointer: message for pointer, (_, message) in checked.items()}
    assert "尚未公布 2018 年首批承能试点学会名单" in _said(page, field)
    assert not page.problems, page.problems
