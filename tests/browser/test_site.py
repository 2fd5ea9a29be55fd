"""The sample site in headless Chromium: clean pages, Chinese search, numeric sorting, clause
links that land on their clause, and the print layout."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.search_support import expect_results, sample_report_terms, sample_societies, search
from tests.site_support import built_site, served, sorts_a_column_by_value, sync_playwright
from tests.trees import ROOT
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ("", "guideline/", "guideline/2017/", "guideline/2018/", "rubric/", "societies/", "areas/", "rankings/",
         "downloads/", "submit/", "form/")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_console_errors_or_outside_requests(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").count() >= 1
    assert page.problems == []


def test_home_shows_the_year_counts_and_tier_chart(page, base: str) -> None:
    page.goto(base)
    assert page.locator(".sb-counts").inner_text().startswith("已登记学会")
    assert page.locator("figure.sb-chart svg rect").count() >= 4
    assert page.problems == []


@pytest.mark.parametrize(("society", "name", "word"), sample_societies())
def test_chinese_search_finds_a_society_by_name_and_by_a_word_inside_it(
        page, base: str, society: str, name: str, word: str) -> None:
    for query in (name, word):
        search(page, base, query)
        expect_results(page, f"a[href*='/societies/{society}/']")
    assert page.problems == []


@pytest.mark.parametrize(("query", "where"), sample_report_terms())
def test_search_finds_what_reports_say(page, base: str, query: str, where: str) -> None:
    search(page, base, query)
    expect_results(page, f"a[href*='{where}']")
    assert page.problems == []


def test_a_table_sorts_by_score_as_numbers(page, base: str) -> None:
    """On a ranking's numeric column whose values sort differently as text (an area's scores,
    7 < 14.5 < 20), so that text sorting would show."""
    _, repo = check_tree(ROOT)
    sorted_one = False
    for year in repo.years():
        page.goto(f"{base}rankings/{year}/")
        if sorted_one := sorts_a_column_by_value(page):
            break
    assert sorted_one, "no ranking has a numeric column whose values sort differently as text"
    assert page.problems == []


def _open_a_year_report(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """From the societies list to a society's page, then to its latest year's report."""
    page.goto(f"{base}societies/")
    page.locator("a.sb-society").first.click()
    page.wait_for_load_state()
    page.locator("a", has_text=re.compile("年度报告$")).first.click()
    page.wait_for_load_state()


def test_clause_links_land_on_their_clause(page, base: str) -> None:
    _open_a_year_report(page, base)
    link = page.locator("a[href*='/guideline/'][href*='#clause-']").first
    # the report's own year's guideline page
    year = re.search(r"/societies/[^/]+/(\d{4})/", page.url).group(1)  # type: ignore[union-attr]
    clause = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(f"guideline/{year}/#{clause}$"))
    target = page.evaluate("id => { const e = document.getElementById(id); return e && e.className }", clause)
    assert target == "sb-clause"
    assert page.problems == []


def test_a_link_from_before_the_year_pages_still_lands_on_its_clause(page, base: str) -> None:
    """guideline/#clause-5-1 (how clause links were written before each year had a page) goes
    on to the newest year's page, anchor kept."""
    page.goto(f"{base}guideline/#clause-5-1")
    page.wait_for_url(re.compile(r"guideline/\d{4}/#clause-5-1$"))
    target = page.evaluate("() => { const e = document.getElementById('clause-5-1'); return e && e.className }")
    assert target == "sb-clause"
    page.goto(f"{base}guideline/")  # without an anchor the landing page stays
    assert page.url.endswith("/guideline/")
    assert page.problems == []


def test_a_society_page_prints_without_the_site_chrome(page, base: str) -> None:
    _open_a_year_report(page, base)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--secondary', '.md-footer__inner', '.sb-trail']
        .map(s => document.querySelector(s)).filter(Boolean)
        .every(e => getComputedStyle(e).display === 'none')""")
    assert hidden
    assert page.locator(".sb-issuer").first.is_visible()
