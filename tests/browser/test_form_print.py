"""A secretary who printed the form (Ctrl+P, the draft shown to her chair before it is sent) got
the check bar, kept at the foot of the window, printed over the fields, the buttons and the
steps around the report on paper, and a long 服务成效 cut to its three visible lines. Printed,
the bar is its count of problems in its place after the areas, the controls and the other steps
are gone, every value shows whole and a field's label stays on the page of its field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import add, fill, fill_item, settled
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY = "cd-agri"  # registered, with no 2018 report
OUTCOME = "为 12 家企业完成生产线数字化改造，" * 20  # far more than the box's three lines


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _draft(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """A new 2018 report with a service (its long outcome) and an event filled in."""
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", SOCIETY)
    page.select_option("#rf-new-year", "2018")
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    add(page, "/innovation/services")
    fill_item(page, "/innovation/services/0", {"title": "农业技术咨询服务", "outcome": OUTCOME})
    add(page, "/academic_events")
    fill_item(page, "/academic_events/0", {"title": "2018 年成都农业科技论坛", "role": "主办",
                                           "date": "2018-06-01", "participants": 500})
    fill(page, "/academic_events/0/category", "全国性学术交流")
    page.keyboard.press("Tab")
    settled(page)


# What the check bar's box covers, in the window as printed: the labels, headings and controls of
# the report (not the bar's own parts), by their texts.
COVERED = """bar => {
  const b = bar.getBoundingClientRect();
  return [...document.querySelectorAll('.rf-editor :is(h2, h3, p, .rf-label, .rf-input, .rf-card-head)')]
    .filter(e => !bar.contains(e) && e.checkVisibility({ visibilityProperty: true }))
    .filter(e => { const r = e.getBoundingClientRect();
      return Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 1 && Math.min(r.right, b.right) - Math.max(r.left, b.left) > 1; })
    .map(e => (e.textContent || e.value || e.tagName).trim().slice(0, 20));
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_printed_draft_shows_the_report_and_its_count_without_the_screen_s_controls(
        page, base: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    _draft(page, base)
    page.emulate_media(media="print")
    # Scrolled to the first area: a bar kept at the window's foot lies over its fields.
    page.locator("#rf-area-innovation").evaluate("e => e.scrollIntoView()")
    settled(page)
    bar = page.locator("#report-form .rf-summary")
    assert bar.evaluate("e => getComputedStyle(e).position") == "static"
    assert bar.evaluate(COVERED) == []
    # Printed once, as its count; the toggles that open its list are screen-only.
    head = page.locator("#report-form .rf-summary-head")
    assert head.is_visible()
    assert head.inner_text().startswith("检查结果："), head.inner_text()
    assert not page.locator("#report-form .rf-summary summary").filter(visible=True).count()
    # Nothing to press on paper, and neither the start nor the file and its submission.
    for screen_only in (".rf-button", ".rf-add", ".rf-small", ".rf-start", ".rf-output", ".rf-options"):
        shown = page.locator(f"#report-form {screen_only}").filter(visible=True)
        assert not shown.count(), (screen_only, shown.all_inner_texts())
    # The values as entered: the long outcome whole, not cut at the box's foot.
    outcome = page.locator('[data-pointer="/innovation/services/0/outcome"] textarea')
    assert outcome.input_value() == OUTCOME
    assert outcome.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), \
        outcome.evaluate("t => [t.scrollHeight, t.clientHeight]")
    # A field's label and an area's heading stay on the page of what they name.
    assert page.locator("#report-form .rf-label").first.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert page.locator("#report-form .rf-area h3").first.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert not page.problems, page.problems


def test_a_printed_draft_shows_a_long_outcome_whole_without_field_sizing(page, base: str) -> None:
    """Firefox has no `field-sizing: content` (form.css): before printing, the form sets each
    box's height to its text's, and puts it back afterwards."""
    _draft(page, base)
    page.add_style_tag(content="#report-form textarea { field-sizing: fixed !important; }")
    outcome = page.locator('[data-pointer="/innovation/services/0/outcome"] textarea')
    assert outcome.evaluate("t => t.scrollHeight > t.clientHeight + 1")  # cut, as Firefox printed it
    before = outcome.evaluate("t => t.style.height")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    settled(page)
    assert outcome.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), \
        outcome.evaluate("t => [t.scrollHeight, t.clientHeight]")
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert outcome.evaluate("t => t.style.height") == before
    assert not page.problems, page.problems
