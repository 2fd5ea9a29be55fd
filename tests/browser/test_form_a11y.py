"""What a screen reader or keyboard user meets in the online form: each field's help and message
tied to its input (aria-describedby) and the input marked invalid while it shows an error; the
problem list opened from the keyboard keeping the focus; and, at 200% zoom, the field the Tab key
reaches scrolled clear of the sticky header and the check bar (WCAG 2.4.11)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_form import add, box, settled
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018
SOCIETY = "cd-agri"
# A service in the pilot district whose 服务成效 says nothing: a warning at that field, no error.
REPORT = f"""society: {SOCIETY}
year: {YEAR}
innovation:
  services:
    - {{id: svc-a, kind: 科技咨询, title: 技术咨询, enterprise: 成都示例企业, district: 郫都区,
       date: {YEAR}-05-12, outcome: 无, evidence: ["https://example.org/a"]}}
"""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _start(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", SOCIETY)
    page.select_option("#rf-new-year", str(YEAR))
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


def _aria(control) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The control's aria-invalid and the words of what describes it, by id."""
    return dict(control.evaluate("""e => ({
        invalid: e.getAttribute('aria-invalid'),
        ids: (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean),
        said: (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
          .map(id => { const n = document.getElementById(id); return n ? n.textContent : '<missing ' + id + '>'; }).join(' | '),
    })"""))


def test_a_fields_help_and_message_describe_its_input_which_is_invalid_while_it_shows_an_error(
        page, base: str) -> None:
    _start(page, base)
    add(page, "/academic_events")
    settled(page)
    title = box(page, "/academic_events/0/title").locator("input")
    help_text = box(page, "/academic_events/0/title").locator(":scope > .rf-help").inner_text().strip()
    before = _aria(title)
    assert before["invalid"] is None  # not left yet: nothing said, nothing marked
    if help_text:
        assert help_text in str(before["said"]), before
    # Left empty: the field says what to fill in, and the input is invalid and described by it.
    title.focus()
    title.blur()
    settled(page)
    said = box(page, "/academic_events/0/title").locator(":scope > .rf-msg").inner_text().strip()
    assert said
    after = _aria(title)
    assert after["invalid"] == "true", after
    assert said in str(after["said"]), after
    assert "<missing" not in str(after["said"]), after
    # Filled: valid again, and no longer described by an empty message.
    title.fill("学术年会")
    settled(page)
    filled = _aria(title)
    assert filled["invalid"] is None, filled
    assert not any(i.endswith("-msg") for i in filled["ids"]), filled  # type: ignore[union-attr]

    # A select, and a group of checkboxes: the group is described, each box marked.
    category = box(page, "/academic_events/0/category").locator("select")
    category.select_option(label="全国性学术交流")
    category.blur()
    settled(page)
    page.locator(".rf-summary .rf-summary-list > summary").click()
    settled(page)
    provinces = box(page, "/academic_events/0/speaker_provinces")
    said = provinces.locator(":scope > .rf-msg").inner_text().strip()
    assert said, "the category asks for speakers from other provinces"
    group = provinces.locator(".rf-grid")
    assert group.evaluate("g => g.getAttribute('role') === 'group' && !!g.getAttribute('aria-labelledby')")
    assert said in str(_aria(group)["said"])
    boxes = group.locator("input[type=checkbox]")
    assert boxes.evaluate_all("bs => bs.length > 0 && bs.every(b => b.getAttribute('aria-invalid') === 'true')")
    # Every input, select and textarea of a field points only at elements that are there.
    dangling = page.evaluate("""() => [...document.querySelectorAll('.rf-field [aria-describedby]')]
        .flatMap(e => e.getAttribute('aria-describedby').split(' ').filter(id => !document.getElementById(id)))""")
    assert dangling == []
    assert not page.problems, page.problems


def test_a_warning_describes_its_field_without_marking_it_invalid(page, base: str) -> None:
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": f"{YEAR}.yaml", "mimeType": "text/yaml",
                                             "buffer": REPORT.encode("utf-8")}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    outcome = box(page, "/innovation/services/0/outcome")
    warning = outcome.locator(":scope > .rf-msg > p.rf-warning")
    assert warning.count() == 1
    aria = _aria(outcome.locator("input, textarea").first)
    assert aria["invalid"] is None, aria
    assert warning.inner_text().strip() in str(aria["said"]), aria
    assert not page.problems, page.problems


def test_opening_the_problem_list_from_the_keyboard_keeps_the_focus_on_it(page, base: str) -> None:
    _start(page, base)
    for key in ("Enter", " "):
        opener = page.locator(".rf-summary .rf-summary-list > summary")
        opener.focus()
        page.keyboard.press(key)
        settled(page)
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName, e.matches('.rf-summary .rf-summary-list > summary'), !!(e.closest('details') || {}).open]; }""")
        assert focused == ["SUMMARY", True, True], (key, focused)
        page.keyboard.press(key)  # and closed again, the focus stays where it is
        settled(page)
        assert page.evaluate("document.activeElement.matches('.rf-summary .rf-summary-list > summary')")
    assert not page.problems, page.problems


def test_at_200_percent_zoom_the_tab_key_never_leaves_a_field_under_the_header_or_the_bar(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.problems = []
        _start(page, base)
        add(page, "/academic_events")
        settled(page)
        page.locator("#rf_academic_events_0_id").focus()
        page.evaluate("window.scrollTo(0, 0)")
        page.locator("#rf_academic_events_0_id").focus()
        reached = []
        for _ in range(25):
            page.keyboard.press("Tab")
            page.wait_for_timeout(60)
            where = page.evaluate("""() => {
                const e = document.activeElement;
                if (!e.matches('.rf-editor .rf-field input, .rf-editor .rf-field select, .rf-editor .rf-field textarea')) return null;
                const r = e.getBoundingClientRect();
                const header = document.querySelector('.md-header').getBoundingClientRect();
                const bar = document.querySelector('.rf-summary').getBoundingClientRect();
                return {id: e.id || e.name, top: r.top, bottom: r.bottom, header: header.bottom, bar: bar.top};
            }""")
            if where is None:
                continue
            reached.append(where)
            assert where["top"] >= where["header"] - 0.5, where
            assert where["bottom"] <= where["bar"] + 0.5, where
        assert len(reached) >= 5, reached
    finally:
        context.close()
