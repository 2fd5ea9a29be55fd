"""Material's search in Chromium, driven without fixed waits.

The search worker loads the index and builds it before it answers; with several test processes
building sites on two cores that takes seconds. Every wait here is Playwright's auto-waiting
`expect` with a generous timeout, so a slow machine only makes the tests slower.
"""

from __future__ import annotations

from typing import Any

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
