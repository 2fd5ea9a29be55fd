"""The sample site built with the pinned Zensical, in headless Chromium: every kind of page renders
without a script error or a request to another host, the form loads its scripts and takes input,
search finds Chinese terms, tables sort, and clause links land on their clause.

The MkDocs build, which is published, has the full set of browser tests (test_site.py,
test_form.py, test_reading.py); these are the smoke checks that the same pages work in Zensical.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.search_support import (
    expect_zensical_results,
    sample_report_terms,
    sample_societies,
    zensical_search,
)
from tests.site_support import built_site, served, sorts_a_column_by_value, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def _pages() -> tuple[str, ...]:
    """One page of each kind: the menu's, and a year's guideline, a society's overview, report,
    area, ranking and status."""
    _, repo = check_tree(ROOT)
    society, year = min(repo.reports)
    return ("", "guideline/", f"guideline/{year}/", "rubric/", "societies/", "areas/", "rankings/", "status/",
            "downloads/", "submit/", "new-year/", "form/", f"societies/{society}/", f"societies/{society}/{year}/",
            f"areas/{year}/academic_events/", f"rankings/{year}/", f"status/{year}/")


PAGES = _pages()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(builder="zensical")) as url:
        yield url


def _a_report(page, base: str) -> str:  # type: ignore[no-untyped-def]
    """From the societies table to a society's page, then to its latest report: the address."""
    page.goto(f"{base}societies/")
    page.locator("a.sb-society").first.click()
    page.wait_for_load_state()
    page.locator("article a", has_text=re.compile("年度报告$")).first.click()
    page.wait_for_load_state("networkidle")
    return str(page.url)


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_console_errors_or_outside_requests(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").count() == 1
    # The theme overrides of site_builder/theme apply: the footer names the issuer and the date.
    assert "成都市科学技术协会发布" in page.locator(".md-copyright").inner_text()
    assert page.problems == []


def test_a_report_page_shows_its_tables_and_leads_back_by_its_trail(page, base: str) -> None:
    address = _a_report(page, base)
    assert re.search(r"/societies/[^/]+/\d{4}/$", address)
    assert page.locator("table.sb-grid").count() >= 3
    assert page.locator(".sb-trail a").all_inner_texts()[:2] == ["首页", "学会"]
    page.locator(".sb-trail a", has_text=re.compile("^学会$")).click()
    page.wait_for_load_state()
    assert page.url == f"{base}societies/"
    assert page.problems == []


def test_the_form_loads_its_scripts_and_takes_a_field(page, base: str) -> None:
    page.goto(f"{base}form/")
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", "cd-zensical-test")
    page.select_option("#rf-new-year", "2017")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-summary")
    field = page.locator('[data-pointer="/innovation/senior_experts_total"] input').first
    field.fill("12")
    page.wait_for_timeout(400)  # the form checks 150 ms after the last keystroke
    assert "senior_experts_total: 12\n" in page.input_value("#rf-yaml-report")
    assert page.problems == []


@pytest.mark.parametrize(("society", "name", "word"), sample_societies())
def test_chinese_search_finds_a_society_by_name_and_by_a_word_inside_it(
        page, base: str, society: str, name: str, word: str) -> None:
    for query in (name, word):
        field = zensical_search(page, base, query)
        expect_zensical_results(page, f"[href*='/societies/{society}/']")
    # Zensical 0.0.73's search dialog is not translated: its own labels stay English (README).
    assert field.get_attribute("placeholder") == "Search"
    assert page.problems == []


@pytest.mark.parametrize(("query", "where"), sample_report_terms())
def test_search_finds_what_reports_say(page, base: str, query: str, where: str) -> None:
    zensical_search(page, base, query)
    expect_zensical_results(page, f"[href*='{where}']")
    assert page.problems == []


def test_a_table_sorts_by_score_as_numbers(page, base: str) -> None:
    """tablesort, loaded through extra_javascript, sorts a ranking's numeric column as numbers:
    one whose values sort differently as text (an area's scores, 7 < 14.5 < 20), so text sorting
    would show."""
    page.goto(f"{base}rankings/")
    page.locator("article table a", has_text=re.compile(r"^\d{4} 年度$")).first.click()
    page.wait_for_load_state("networkidle")
    assert sorts_a_column_by_value(page), "no numeric column whose values sort differently as text"
    assert page.problems == []


def test_clause_links_land_on_their_clause(page, base: str) -> None:
    _a_report(page, base)
    link = page.locator("a[href*='/guideline/'][href*='#clause-']").first
    # the report's own year's guideline page
    year = re.search(r"/societies/[^/]+/(\d{4})/", page.url).group(1)  # type: ignore[union-attr]
    clause = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(f"guideline/{year}/#{clause}$"))
    target = page.evaluate("id => { const e = document.getElementById(id); return e && e.className }", clause)
    assert target == "sb-clause"
    assert page.problems == []
