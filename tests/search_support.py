"""Search in Chromium, driven without fixed waits: Material's, and Zensical's own dialog; and the
sample terms the tests search for.

The search worker loads the index and builds it before it answers; with several test processes
building sites on two cores that takes seconds. Every wait here is Playwright's auto-waiting
`expect` with a generous timeout, so a slow machine only makes the tests slower.
"""

from __future__ import annotations

import re
from typing import Any

from site_builder.search_dict import core_name
from tests.trees import ROOT
from validators.check import check_tree
from validators.year.guideline import guideline

# Milliseconds. Generous on purpose: a busy machine must not fail a search test.
SEARCH_TIMEOUT = 90_000
PLACEHOLDER = """() => JSON.parse(document.getElementById('__config').textContent)
    .translations['search.result.placeholder']"""


def search(page: Any, base: str, query: str) -> None:
    """Opens `base`, waits for the search worker to be ready, then types `query`."""
    from playwright.sync_api import expect  # here: sync_playwright() decided skip or fail first

    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material shows "initialising" until the worker is ready, then its placeholder text.
    expect(page.locator(".md-search-result__meta")).to_have_text(page.evaluate(PLACEHOLDER),
                                                                 timeout=SEARCH_TIMEOUT)
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material reads the query on keyup; an IME's text arrives without one


def expect_results(page: Any, selector: str = "") -> Any:
    """Waits until the result list holds an item (matching `selector` inside it, when given)."""
    from playwright.sync_api import expect

    found = page.locator(f".md-search-result__item {selector}".strip())
    try:
        # The answer to the query replaces the placeholder, and its list is rendered with it.
        meta = page.locator(".md-search-result__meta")
        expect(meta).not_to_have_text(page.evaluate(PLACEHOLDER), timeout=SEARCH_TIMEOUT)
        expect(found).not_to_have_count(0, timeout=10_000)
    except AssertionError as exc:
        links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
        query = page.locator("input.md-search__input").input_value()
        meta = page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"{query!r}: no result {selector!r} ({meta}): {links}") from exc
    return found


# Zensical's search is a dialog of its own (in a shadow root, which Playwright's locators enter).
ZENSICAL_RESULT = "ol[role=listbox] a[role=option]"


def zensical_search(page: Any, base: str, query: str) -> Any:
    """Opens `base`, opens Zensical's search dialog and types `query`; returns the field."""
    page.goto(base)
    page.locator(".md-search__button").first.click()
    field = page.get_by_role("combobox")
    field.fill(query)
    return field


def expect_zensical_results(page: Any, selector: str = "") -> Any:
    """Waits until a result (matching `selector`, e.g. `[href*='/societies/']`) is listed; the
    dialog answers again once its index has loaded."""
    from playwright.sync_api import expect

    found = page.locator(f"{ZENSICAL_RESULT}{selector}")
    try:
        expect(found).not_to_have_count(0, timeout=SEARCH_TIMEOUT)
    except AssertionError as exc:
        links = page.locator(ZENSICAL_RESULT).evaluate_all("as => as.map(a => a.href)")
        raise AssertionError(f"no result {selector!r}: {links}") from exc
    return found


def sample_societies() -> list[tuple[str, str, str]]:
    """(id, name as searched, a word inside it) for a few sample societies."""
    _, repo = check_tree(ROOT)
    out = []
    for society, doc in sorted(repo.profiles.items()):
        name = re.sub(r"（.*?）", "", doc.profile.name)
        core = core_name(name)
        if len(core) >= 2 and core != name:
            out.append((society, name, core))
    return out[:3]


def sample_report_terms() -> list[tuple[str, str]]:
    """(query, year page) pairs from the latest year's reports (whose terms are indexed): a
    district of a service and an event's title, as reported."""
    _, repo = check_tree(ROOT)
    latest = max(repo.years())
    found = []
    for (society, year), doc in sorted(repo.reports.items()):
        if year != latest:
            continue
        services = doc.report.innovation.services if doc.report.innovation else []
        if services and not any(q == services[0].district for q, _ in found):
            found.append((services[0].district, f"/societies/{society}/{year}/"))
        if doc.report.academic_events and len(found) < 3:
            found.append((doc.report.academic_events[0].title, f"/societies/{society}/{year}/"))
    # and the guideline's pilot district (郫都区), whose services earn the points of clause 1.3
    pilot = [(d, f"/societies/{s}/{y}/") for (s, y), doc in sorted(repo.reports.items()) if y == latest
             for d in {svc.district for svc in (doc.report.innovation.services if doc.report.innovation else [])}
             if d in (guideline(y) or guideline(2017)).pilot_districts]
    return list(dict.fromkeys(found[:3] + pilot[:1]))
