"""The start page's 新建空白报告 for a society whose report of the year is already published (a
reviewer's case: the form said “已新建 … 空白报告” and “检查通过”, and only step 3 said the file was
published, so a secretary could replace the published report with an empty one). The form says
so as soon as the society and year are chosen, opens no blank on 新建, and offers the published
report as the draft (the start page's 以已发布的报告为底稿); a blank stays one deliberate click away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import settled
from tests.browser.test_form_phase import _open as open_on
from tests.browser.test_form_phase import _rules
from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PUBLISHED = "cd-mech-eng"  # its 2017 and 2018 reports are published
UNPUBLISHED = "cd-agri"  # 2017 only


UNREADABLE = "cd-civil-arch"  # its 2018 file on main does not read


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = base_tree(tmp_path_factory.mktemp("form-start") / "tree")
    (root / "submissions" / UNREADABLE / "2018.yaml").write_text("society: [\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "form/"


def _name(tree: Path, society: str) -> str:
    _, repo = check_tree(tree)
    return repo.profiles[society].profile.name


def _choose(page, base: str, society: str, year: int) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", society)
    page.select_option("#rf-new-year", str(year))


def _opened(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.locator(".rf-editor .rf-summary").count())


def test_a_blank_for_a_published_year_is_said_at_once_and_the_published_report_offered(
        page, base: str, tree: Path) -> None:
    _choose(page, base, PUBLISHED, 2018)
    said = page.locator("#rf-new-published")
    assert said.is_visible()  # said as soon as the two are chosen, before 新建
    assert f"{_name(tree, PUBLISHED)} 的 2018 年度报告已经发布" in said.inner_text()
    assert "替换已发布的报告" in said.inner_text()
    page.click("#rf-start-empty")
    page.wait_for_timeout(300)
    assert not _opened(page)  # no blank opens in its place
    assert page.locator("#rf-new-published").get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "rf-new-from-published"
    assert page.inner_text("#rf-new-from-published") == "以已发布的报告为底稿"
    page.click("#rf-new-from-published")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    assert f"已载入 {_name(tree, PUBLISHED)} 已发布的 2018 年度报告" in page.inner_text(".rf-note")
    published = (tree / "submissions" / PUBLISHED / "2018.yaml").read_text(encoding="utf-8")
    written = page.input_value("#rf-yaml-report")
    assert "year: 2018\n" in written
    titles = [line.split("title:", 1)[1].strip() for line in published.splitlines() if "title:" in line]
    assert titles
    assert all(title.strip("'\"") in written for title in titles[:3])
    assert not page.problems, page.problems


def test_a_blank_for_a_published_year_is_still_one_deliberate_click_away(page, base: str, tree: Path) -> None:
    _choose(page, base, PUBLISHED, 2018)
    page.click("#rf-start-empty")
    page.click("#rf-new-anyway")
    page.wait_for_selector(".rf-editor .rf-summary")
    note = page.inner_text(".rf-note")
    assert f"已新建 {_name(tree, PUBLISHED)} 的 2018 年度空白报告" in note
    assert "提交时将替换已发布的文件" in note
    assert not page.problems, page.problems


def test_a_year_or_society_with_nothing_published_opens_the_blank_at_once(page, base: str) -> None:
    _choose(page, base, PUBLISHED, 2018)
    assert page.locator("#rf-new-published").count() == 1
    page.select_option("#rf-new-choice", UNPUBLISHED)  # another choice takes the notice away
    assert page.locator("#rf-new-published").count() == 0
    page.select_option("#rf-new-choice", "__new__")
    assert page.locator("#rf-new-published").count() == 0
    page.fill("#rf-new-society", PUBLISHED)  # a registered society's id typed as a new one's
    page.click("#rf-start-empty")
    assert page.locator("#rf-new-published").count() == 1
    assert not _opened(page)
    page.select_option("#rf-new-choice", PUBLISHED)
    page.select_option("#rf-new-year", "2017")
    assert page.locator("#rf-new-published").count() == 1  # 2017 is published too
    page.select_option("#rf-new-choice", UNPUBLISHED)
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    assert "已新建" in page.inner_text(".rf-note")
    assert "已经发布" not in page.inner_text(".rf-note")
    assert not page.problems, page.problems


def test_a_blank_for_a_year_whose_file_does_not_read_is_warned_too(page, base: str, tree: Path) -> None:
    """A report on main that cannot be read (the config's `filed`, not its `years`): a blank would
    replace it as well, and there is nothing to load as the draft."""
    _, repo = check_tree(tree)
    assert (UNREADABLE, 2018) in repo.broken
    _choose(page, base, UNREADABLE, 2018)
    said = page.locator("#rf-new-published")
    assert said.is_visible()
    assert f"{_name(tree, UNREADABLE)} 的 2018 年度报告已经在仓库中，但无法读取" in said.inner_text()
    assert page.locator("#rf-new-from-published").count() == 0
    page.click("#rf-start-empty")
    page.wait_for_timeout(300)
    assert not _opened(page)
    page.click("#rf-new-anyway")
    page.wait_for_selector(".rf-editor .rf-summary")
    assert _opened(page)
    assert not page.problems, page.problems


def test_step_three_edits_a_report_on_main_that_does_not_read(page, base: str) -> None:
    """Step 3 offered “在 GitHub 上新建这个文件” for a path main has (its report does not read):
    the gate counts it as published, and so does the top of the form."""
    calendar = _rules().calendar
    open_on(page, base, calendar.submission_closes - dt.timedelta(days=10), UNREADABLE)
    assert page.locator("#rf-github-report").count() == 0
    assert "这个文件已经发布过。要修改它" in page.inner_text("#rf-output")
    assert not page.problems, page.problems
