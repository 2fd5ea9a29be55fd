"""What a reader on a phone (390 × 844) could not do on the sample site: tell what a ranking's
area columns 一…七 stand for (their titles on hover only, five of the seven off screen, the
sentence naming them far above), and tap the small “原文” links of a report (22 × 24 px in its
cards, 24 × 14 px in its header). A desktop (1366 × 900) and paper keep what they had."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
RANKING, REPORT = "rankings/2018/", "societies/cd-tcm/2018/"
# WCAG 2.5.8 (target size, minimum), and the comfortable row of a card.
TARGET, ROW = 24, 44


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()
    with served(built_site()) as url:
        yield url


def _open(page, url: str, size: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(size)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    settled(page)


# The area columns' headers, the key above the table, and where each stands.
_AREA_KEY = """() => {
    const box = document.querySelector('article .sb-table');
    const heads = [...box.querySelectorAll('thead th abbr')].map(a => [a.textContent.trim(), a.title]);
    const key = box.previousElementSibling;
    const items = key && key.classList.contains('sb-area-key')
        ? [...key.querySelectorAll('.sb-area-key__item')] : [];
    const vw = document.documentElement.clientWidth;
    return {
        heads,
        said: items.map(i => [i.querySelector('strong').textContent.trim(),
                              i.textContent.replace(i.querySelector('strong').textContent, '').trim()]),
        shown: items.every(i => { const r = i.getBoundingClientRect(), s = getComputedStyle(i);
            return r.width > 0 && r.left >= -0.5 && r.right <= vw + 0.5 && parseFloat(s.fontSize) >= 12
                && s.visibility === 'visible'; }),
        // From the key's last line to the table's box: nothing between them.
        gap: items.length ? box.getBoundingClientRect().top - key.getBoundingClientRect().bottom : null,
        sideways: document.documentElement.scrollWidth > vw,
    };
}"""


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_rankings_area_columns_are_named_right_above_the_table(page, base: str, size: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    """Each numeral heading an area column is named, from the same data, in a key set right
    above the table, every entry on screen without a swipe or a hover."""
    _open(page, base + RANKING, size)
    found = page.evaluate(_AREA_KEY)
    assert len(found["heads"]) == 7, found
    assert found["said"] == found["heads"], found
    assert found["shown"], found
    assert 0 <= found["gap"] <= 24, found
    assert not found["sideways"], found
    assert not page.problems, page.problems


def test_a_printed_ranking_keeps_the_key_above_its_table(page, base: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, base + RANKING, DESKTOP)
    page.emulate_media(media="print")
    found = page.evaluate(_AREA_KEY)
    assert found["said"] == found["heads"], found
    assert found["shown"], found
    assert 0 <= found["gap"] <= 24, found


# Every “原文” link of the article as it is drawn: where it stands (a card's line or running text)
# and its box.
_SOURCES = """() => [...document.querySelectorAll('article a.sb-src')]
    .filter(a => a.getClientRects().length)
    .map(a => { const r = a.getBoundingClientRect();
        return {where: a.closest('.sb-table') ? 'table' : 'text', width: r.width, height: r.height,
                label: a.getAttribute('aria-label')}; })"""


def test_a_reports_source_links_are_big_enough_to_tap_on_a_phone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """In a card each has its own line: a 44 px row; in the header's line of text, 24 × 24 px."""
    _open(page, base + REPORT, PHONE)
    links = page.evaluate(_SOURCES)
    assert {x["where"] for x in links} == {"table", "text"}, links
    small = [x for x in links if x["width"] < TARGET or x["height"] < TARGET]
    assert small == [], small
    low = [x for x in links if x["where"] == "table" and (x["height"] < ROW or x["width"] < ROW)]
    assert low == [], low
    # The page header's link (among those `small` measured), in its line of text.
    [header] = [x for x in links if x["label"] == "原文：本报告文件"]
    assert header["where"] == "text", header
    assert not page.problems, page.problems


def test_a_reports_source_links_on_a_desktop_are_targets_in_rows_as_before(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """24 × 24 px too, in table rows no taller than their text makes them (no 44 px rows there)."""
    _open(page, base + REPORT, DESKTOP)
    links = page.evaluate(_SOURCES)
    small = [x for x in links if x["width"] < TARGET or x["height"] < TARGET]
    assert small == [], small
    assert all(x["height"] < ROW for x in links), links
