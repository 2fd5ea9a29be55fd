"""What a screen reader or keyboard user meets in the online form: each field's help and message
tied to its input (aria-describedby) and the input marked invalid while it shows an error; the
problem list opened from the keyboard keeping the focus; and, at 200% zoom, the field the Tab key
reaches scrolled clear of the sticky header and the check bar (WCAG 2.4.11)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.browser.test_form import _society_with_national_event, add, box, settled
from tests.browser.test_form_mirrors import SOCIETY as REGISTERED
from tests.browser.test_form_mirrors import _blank
from tests.site_support import built_site, served, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018  # the year _blank starts
SOCIETY = REGISTERED
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
    _blank(page, base)
    add(page, "/academic_events")
    settled(page)
    title = box(page, "/academic_events/0/title").locator("input")
    before = _aria(title)
    assert before["invalid"] is None  # not left yet: nothing said, nothing marked
    # The id's help (each list has its own example) describes the id's input, and only its words
    # do: not the 指南条款 disclosure of a field's help.
    ident = box(page, "/academic_events/0/id")
    help_text = ident.locator(":scope > .rf-help > p").first.inner_text().strip()
    assert help_text
    assert help_text in str(_aria(ident.locator("input"))["said"])
    assert page.locator(".rf-field > .rf-help:has(> p):has(> details)").count() > 0
    assert page.locator("[id$='-help'] details, details[id$='-help']").count() == 0
    assert "指南条款" not in page.evaluate("""() => [...document.querySelectorAll('.rf-field [aria-describedby]')]
        .flatMap(e => e.getAttribute('aria-describedby').split(' ')).map(id => document.getElementById(id))
        .filter(Boolean).map(n => n.textContent).join(' ')""")
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


@pytest.mark.parametrize("key", ["Enter", " "])
def test_opening_the_problem_list_from_the_keyboard_keeps_the_focus_on_it(page, base: str, key: str) -> None:
    _blank(page, base)  # a fresh page for each key: the first opening rebuilds the bar
    opener = page.locator(".rf-summary .rf-summary-list > summary")
    opener.focus()
    page.keyboard.press(key)
    settled(page)
    focused = page.evaluate("""() => { const e = document.activeElement;
        return [e.tagName, e.matches('.rf-summary .rf-summary-list > summary'), !!(e.closest('details') || {}).open,
                document.querySelectorAll('.rf-msg > p').length > 0]; }""")
    assert focused == ["SUMMARY", True, True, True], (key, focused)  # every problem shown: rebuilt
    page.keyboard.press(key)  # and closed again, the focus stays where it is
    settled(page)
    assert page.evaluate("document.activeElement.matches('.rf-summary .rf-summary-list > summary')")
    assert not page.problems, page.problems


@contextmanager
def _zoomed(browser, base: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A blank report with one event, at 200 % zoom (640 by 450 CSS pixels)."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.problems = []
        _blank(page, base)
        add(page, "/academic_events")
        settled(page)
        yield page
    finally:
        context.close()


def test_at_200_percent_zoom_the_tab_key_never_leaves_a_field_under_the_header_or_the_bar(browser, base: str) -> None:
    with _zoomed(browser, base) as page:
        page.locator("#rf_academic_events_0_id").focus()
        page.evaluate("window.scrollTo(0, 0)")
        page.locator("#rf_academic_events_0_id").focus()
        reached = []
        for _ in range(25):
            page.keyboard.press("Tab")
            settled(page)  # the field just left may grow its message meanwhile
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


def _edit_unseen(page, pointer: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """An edit at a field without moving the focus there (as a paste elsewhere would come)."""
    box(page, pointer).locator("input, textarea").first.evaluate(
        "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }", value)


def test_the_focus_in_the_check_bar_stays_where_it_is_when_the_checks_rebuild_the_bar(page, base: str) -> None:
    _blank(page, base)
    add(page, "/academic_events")
    settled(page)
    opener = ".rf-summary .rf-summary-list > summary"
    # Left for the bar: leaving the field queues a check, which rebuilds the bar around the focus.
    title = box(page, "/academic_events/0/title").locator("input")
    title.fill("学术年会")
    page.locator(opener).focus()
    settled(page)
    assert page.evaluate(f"document.activeElement.matches({opener!r})")
    # An edit elsewhere, and a later check: still there.
    _edit_unseen(page, "/academic_events/0/title", "学术年会二")
    settled(page)
    assert page.evaluate(f"document.activeElement.matches({opener!r})")
    # The list open, the keyboard on its second link: the same link after the next check.
    page.keyboard.press("Enter")
    settled(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    second = page.evaluate("""() => { const links = [...document.querySelectorAll('.rf-summary-list a')];
        return [links.indexOf(document.activeElement), document.activeElement.textContent]; }""")
    assert second[0] == 1, second
    _edit_unseen(page, "/academic_events/0/title", "学术年会三")
    settled(page)
    again = page.evaluate("""() => { const links = [...document.querySelectorAll('.rf-summary-list a')];
        return [links.indexOf(document.activeElement), document.activeElement.textContent]; }""")
    assert again == second, (second, again)
    assert not page.problems, page.problems


def test_a_fields_message_is_no_live_region_and_stays_the_same_node_while_its_words_stay(page, base: str) -> None:
    _blank(page, base)
    add(page, "/academic_events")
    settled(page)
    assert page.locator(".rf-msg").count() > 0
    assert page.locator(".rf-editor .rf-msg[aria-live]").count() == 0  # said where it describes its field, once
    assert page.locator(".rf-summary[aria-live=polite]").count() == 1  # the bar still says the count
    title = box(page, "/academic_events/0/title").locator("input")
    title.focus()
    title.blur()
    settled(page)
    line = box(page, "/academic_events/0/title").locator(":scope > .rf-msg > p")
    assert line.count() == 1
    line.evaluate("p => { p.dataset.seen = '1'; }")
    said = line.inner_text()
    # An edit at another field: the message's words stay, and so does its node.
    _edit_unseen(page, "/academic_events/0/id", "evt-a11y")
    settled(page)
    assert line.count() == 1
    assert line.inner_text() == said
    assert line.evaluate("p => p.dataset.seen") == "1"
    # Its own field filled: gone.
    title.fill("学术年会")
    settled(page)
    assert box(page, "/academic_events/0/title").locator(":scope > .rf-msg > p").count() == 0
    assert not page.problems, page.problems


def test_a_field_reached_by_tab_stays_clear_of_the_bar_when_the_field_left_grows_its_message(
        browser, base: str) -> None:
    with _zoomed(browser, base) as page:
        left = box(page, "/academic_events/0/title").locator("input")
        left.focus()
        # The next field reached, just clear of the bar, as a Tab leaves it when the page was
        # scrolled so (done in one step here, well within the 150 ms before the check runs: a
        # Tab's own scrolling may centre the field, where a grown message above moves it too little).
        page.evaluate("""() => {
            const inputs = [...document.querySelectorAll('.rf-editor .rf-field input, .rf-editor .rf-field select, .rf-editor .rf-field textarea')];
            const next = inputs[inputs.indexOf(document.activeElement) + 1];
            next.focus({preventScroll: true});
            const bar = document.querySelector('.rf-summary').getBoundingClientRect();
            window.scrollBy(0, next.getBoundingClientRect().bottom - bar.top + 2);
        }""")
        settled(page)
        where = page.evaluate("""() => {
            const e = document.activeElement;
            const r = e.getBoundingClientRect();
            return {tag: e.tagName, grown: !!document.querySelector('[data-pointer="/academic_events/0/title"] > .rf-msg > p'),
                    bottom: r.bottom, bar: document.querySelector('.rf-summary').getBoundingClientRect().top};
        }""")
        assert where["tag"] in ("INPUT", "SELECT", "TEXTAREA"), where
        assert where["grown"], where  # the field left said what it lacks, above the focused one
        assert where["bottom"] <= where["bar"] + 0.5, where


def test_a_page_swiped_after_typing_is_not_pulled_back_to_the_field(browser, base: str) -> None:
    """On a phone a secretary typed, then swiped on within the check's pause: the check scrolled
    the field back into view, and the checkbox about to be tapped jumped 500 px away."""
    with _zoomed(browser, base) as page:
        title = box(page, "/academic_events/0/title").locator("input")
        title.focus()
        before = page.evaluate("""() => {
            const e = document.activeElement;
            e.value = '学术年会'; e.dispatchEvent(new Event('input', {bubbles: true}));
            window.scrollBy(0, 700);  // within the 150 ms before the check
            return window.scrollY;
        }""")
        settled(page)
        after = page.evaluate("() => [window.scrollY, document.activeElement.value]")
        assert after == [before, "学术年会"], (before, after)
        assert not page.problems, page.problems


def test_a_copied_date_once_changed_no_longer_points_at_its_removed_note(page, base: str) -> None:
    society, _, _ = _society_with_national_event()
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-copy-society", society)
    page.click("#rf-start-copy")
    page.wait_for_selector(".rf-summary")
    settled(page)
    date = page.locator(".rf-flagged input[type=date]").first
    flag = date.evaluate("e => e.closest('.rf-field').querySelector('.rf-flag-note').id")
    assert flag in str(date.get_attribute("aria-describedby"))
    # Changed: the note goes at once, and with it the reference (not only at the next check).
    left = date.evaluate("""(e, flag) => { e.value = '2019-03-04'; e.dispatchEvent(new Event('input', {bubbles: true}));
        return [document.getElementById(flag) === null, e.getAttribute('aria-describedby') || '']; }""", flag)
    assert left[0] is True, left
    assert flag not in left[1], left
    settled(page)
    assert not page.problems, page.problems


def test_a_check_run_writes_no_field_attribute_and_no_page_style_that_did_not_change(page, base: str) -> None:
    _blank(page, base)
    add(page, "/academic_events")
    settled(page)
    title = box(page, "/academic_events/0/title").locator("input")
    title.fill("学术年会")
    title.blur()
    settled(page)
    page.evaluate("""() => {
        window.rfWrites = [];
        new MutationObserver(ms => ms.forEach(m => window.rfWrites.push(
            (m.target.id || m.target.tagName) + ' ' + m.attributeName + ': ' + m.oldValue + ' -> ' + m.target.getAttribute(m.attributeName))))
          .observe(document.documentElement, {subtree: true, attributes: true, attributeOldValue: true,
                   attributeFilter: ['aria-describedby', 'aria-invalid', 'style']});
    }""")
    # An edit that changes no message of the event's fields, twice checked.
    _edit_unseen(page, "/academic_events/0/title", "学术年会二")
    settled(page)
    _edit_unseen(page, "/academic_events/0/title", "学术年会三")
    settled(page)
    writes = page.evaluate("window.rfWrites.filter(w => /^rf_.* aria-|^HTML style/.test(w))")
    assert page.evaluate("document.querySelectorAll('[id^=rf_academic_events_0_][aria-describedby]').length") > 0
    assert writes == [], writes
    # And the page's scroll padding is set, clear of the bar.
    assert page.evaluate("document.documentElement.style.scrollPaddingBottom").startswith("calc(")
    assert not page.problems, page.problems
