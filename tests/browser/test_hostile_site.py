"""The hostile society's site in Chromium: on every page, no payload runs (a trap on
`window.__xss` and on dialogs records any) and none is in the DOM as an element or attribute."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.search_support import expect_results, search
from tests.site_support import (
    HOSTILE_CONTACT,
    XSS_SOCIETY,
    chromium,
    hostile_site,
    html_pages,
    served,
    sync_playwright,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs before any page script: every write to window.__xss and every dialog is recorded.
TRAP = """
window.__hits = [];
Object.defineProperty(window, '__xss', {set(v) { window.__hits.push(String(v)); }, get() { return undefined; }});
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (...args) => { window.__hits.push(name + ':' + args.join(' ')); };
}
"""
DANGEROUS = """() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) found.push(e.tagName + '[' + a.name + ']');
      if (['href', 'src', 'action', 'formaction'].includes(a.name) && /^\\s*javascript:/i.test(a.value))
        found.push(e.tagName + '[' + a.name + '=' + a.value + ']');
    }
    if (e.tagName === 'IMG' && e.getAttribute('src') === 'x') found.push('img[src=x]');
    if (e.tagName === 'SCRIPT' && e.textContent.includes('__xss')) found.push('script');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site_url() -> Iterator[tuple[str, list[str]]]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    site = hostile_site()
    paths = [p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site)]
    with served(site) as url:
        yield url, paths


@pytest.fixture(scope="module")
def context(site_url):  # type: ignore[no-untyped-def]
    with chromium() as browser:
        opened = browser.new_context()
        opened.add_init_script(TRAP)
        yield opened
        opened.close()


def _check(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__hits") == []
    assert page.evaluate(DANGEROUS) == []


def test_no_payload_runs_or_becomes_markup_on_any_page(context, site_url) -> None:  # type: ignore[no-untyped-def]
    base, paths = site_url
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message) or d.dismiss())
    assert any(p.startswith(f"societies/{XSS_SOCIETY}/") for p in paths)
    for path in paths:
        page.goto(base + path)
        _check(page)
        # Hovering and clicking every cell of the payload tables fires any handler that slipped in.
        if path.startswith(f"societies/{XSS_SOCIETY}/"):
            for cell in page.locator("article td").all()[:80]:
                cell.hover()
            assert page.evaluate("window.__hits") == []
    assert dialogs == []
    page.close()


def test_searching_the_hostile_society_runs_nothing(context, site_url) -> None:  # type: ignore[no-untyped-def]
    base, _ = site_url
    page = context.new_page()
    search(page, base, "跨站测试学会")
    # The payload is found, and shown as text.
    expect_results(page, f"a[href*='/societies/{XSS_SOCIETY}/']")
    _check(page)
    texts = page.locator(".md-search-result__item").all_inner_texts()
    assert any("<script>" in t for t in texts), texts
    page.close()


def test_the_workbench_shows_the_hostile_report_as_text(context, site_url) -> None:  # type: ignore[no-untyped-def]
    """Every payload reaches the workbench's items as text; no evidence becomes a non-web link,
    and the review file it writes quotes nothing as markup either."""
    base, _ = site_url
    page = context.new_page()
    page.goto(f"{base}review/#2017/{XSS_SOCIETY}")
    page.wait_for_selector(".rv-item")
    _check(page)
    assert "<script>" in page.inner_text("#rv-case")
    hrefs = page.eval_on_selector_all("#rv-case a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    for node in page.locator(".rv-item").all():
        node.hover()
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(".rv-item").nth(2)
    item.locator('input[value="not_recognised"]').check()
    item.locator("textarea").fill('<img src=x onerror="window.__xss=\'reason\'">')
    assert "onerror" in page.input_value("#rv-review-file textarea")
    _check(page)
    page.close()


def test_the_workbench_shows_the_association_s_contact_as_text(context, site_url) -> None:  # type: ignore[no-untyped-def]
    """No admin is listed, so the files go to 市科协管理员: the workbench says how to reach the
    association, as its admin list publishes it (an office with a payload), as text."""
    base, _ = site_url
    page = context.new_page()
    page.goto(f"{base}review/#2017/{XSS_SOCIETY}")
    page.wait_for_selector(".rv-item")
    contact = page.locator("#rv-review-file-contact")
    url = HOSTILE_CONTACT["url"]
    assert contact.inner_text() == (f"联系市科协：部门：{HOSTILE_CONTACT['office']}；电话：028-0000 0000；"
                                    f"邮箱：office@example.org；网址：{url}。")
    assert contact.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [url]
    assert contact.locator("script").count() == 0
    _check(page)
    page.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_word_with_no_break_does_not_widen_a_table(context, site_url, width: int) -> None:  # type: ignore[no-untyped-def]
    """A 360-letter word in a service's outcome and an event's title: the table breaks it
    instead of growing to thousands of pixels (the other columns squeezed to a character)."""
    base, _ = site_url
    page = context.new_page()
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + f"societies/{XSS_SOCIETY}/2017/")
        page.wait_for_load_state("networkidle")
        boxes = page.evaluate("""() => [...document.querySelectorAll('article .sb-table')]
            .map(b => [b.scrollWidth, b.clientWidth, b.textContent.includes('Pneumono')])""")
        page_wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    finally:
        page.close()
    assert any(has for _, _, has in boxes)
    assert page_wide <= 0
    # A wide table may scroll (the events table has twelve columns), but not by the word's length.
    assert all(scroll <= 1.6 * client for scroll, client, _ in boxes), boxes
