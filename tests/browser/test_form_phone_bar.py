"""The check bar on a phone (390 x 844): one line while folded, its whole sentence still there for
a screen reader and shown when opened, and never over the field being typed into or the field a
problem's link leads to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import add, box, settled
from tests.browser.test_form_mirrors import SOCIETY as REGISTERED
from tests.browser.test_form_mirrors import _blank
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW = "cd-phone-bar-test"
# Folded, the bar is one line: its sentence ran to two to five lines (81 to some 120 px).
ONE_LINE = 0.06 * 844

_BAR = """() => { const bar = document.querySelector('.rf-editor .rf-summary');
    const r = bar.getBoundingClientRect(); const head = bar.querySelector('.rf-summary-head');
    const brief = bar.querySelector('.rf-summary-brief');
    return {top: r.top, bottom: r.bottom, height: r.height, window: innerHeight,
            said: head.textContent, head_width: head.getBoundingClientRect().width,
            brief: brief ? brief.textContent : null, brief_hidden: brief ? brief.getAttribute('aria-hidden') : null,
            head_hidden: head.closest('[aria-hidden]') !== null}; }"""

_FOCUSED = """() => { const e = document.activeElement.getBoundingClientRect();
    const bar = document.querySelector('.rf-editor .rf-summary').getBoundingClientRect();
    return {id: document.activeElement.id, top: e.top, bottom: e.bottom, bar: bar.top}; }"""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def test_on_a_phone_the_folded_bar_is_one_line_and_keeps_its_sentence(phone, base: str) -> None:
    _blank(phone, base, NEW)
    add(phone, "/academic_events")
    settled(phone)
    folded = phone.evaluate(_BAR)
    assert folded["height"] <= ONE_LINE, folded
    assert abs(folded["bottom"] - folded["window"]) <= 2, folded  # still at the window's bottom
    # The count in a few words; the sentence, with its note on what 待填写 means, read to a screen
    # reader (and not the few words as well).
    assert "处待填写" in (folded["brief"] or ""), folded
    assert folded["brief_hidden"] == "true", folded
    assert folded["said"].startswith("检查结果："), folded
    assert "（必填，提交后算错误）" in folded["said"], folded
    assert not folded["head_hidden"], folded
    # Opened, the sentence shows whole above the list.
    phone.locator(".rf-summary .rf-summary-list > summary").tap()
    settled(phone)
    opened = phone.evaluate(_BAR)
    assert opened["head_width"] > 200, opened
    assert phone.locator(".rf-summary-head").inner_text().startswith("检查结果：")
    assert not phone.problems, phone.problems


def test_on_a_phone_a_report_that_cannot_be_submitted_says_so_in_its_one_line(phone, base: str) -> None:
    _blank(phone, base, REGISTERED)  # its 2018 report: no problem to fix, but submission has closed
    folded = phone.evaluate(_BAR)
    assert folded["height"] <= ONE_LINE, folded
    assert folded["brief"] == "现在不能提交", folded
    assert "这份报告不能再提交" in folded["said"], folded
    assert not phone.problems, phone.problems


def test_on_a_phone_a_field_focused_near_the_bottom_or_reached_from_the_list_is_above_the_bar(
        phone, base: str) -> None:
    _blank(phone, base, NEW)
    add(phone, "/academic_events")
    settled(phone)
    title = box(phone, "/academic_events/0/title").locator("input")
    # Just above the window's bottom edge, where the bar is: focused and typed into.
    phone.evaluate("""() => { const e = document.querySelector('[data-pointer="/academic_events/0/title"] input');
        window.scrollBy(0, e.getBoundingClientRect().bottom - innerHeight + 30); }""")
    title.focus()
    phone.keyboard.type("学术年会")
    settled(phone)
    typed = phone.evaluate(_FOCUSED)
    assert typed["top"] >= 0, typed
    assert typed["bottom"] <= typed["bar"] + 0.5, typed
    assert phone.evaluate(_BAR)["height"] <= ONE_LINE
    # A problem's link: its field in view above the folded bar.
    phone.locator(".rf-summary .rf-summary-list > summary").tap()
    settled(phone)
    phone.locator(".rf-summary-list li a", has_text="申报类别").first.tap()
    settled(phone)
    reached = phone.evaluate(_FOCUSED)
    assert reached["id"] == "rf_academic_events_0_category", reached
    assert reached["top"] >= 0, reached
    assert reached["bottom"] <= reached["bar"] + 0.5, reached
    assert phone.evaluate(_BAR)["height"] <= ONE_LINE
    assert not phone.problems, phone.problems
