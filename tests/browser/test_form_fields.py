"""Fields of the online form a secretary reported as unclear: the occasion off the list, numbers
written in Chinese, the keyboard's way to a problem, the issue list on a phone, and the example
ids each list shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_builder.form_labels import guide_data
from tests.browser.test_form import settled, taking_reports
from tests.site_support import built_site, served, sync_playwright
from validators.xlsx.layout import layout
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _box(page, pointer: str):
    return page.locator(f'[data-pointer="{pointer}"]').first


def _msg(page, pointer: str) -> str:
    return _box(page, pointer).locator(":scope > .rf-msg").inner_text()


def _start(page, base: str) -> None:
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    # A registered society with no published report of the year, and that no other report names
    # (the form would say so): for one that has, 新建 offers that report instead of a blank
    # (tests/browser/test_form_start.py).
    page.select_option("#rf-new-choice", "cd-civil-arch")
    page.select_option("#rf-new-year", str(YEAR))
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")


def _add(page, pointer: str) -> None:
    _box(page, pointer).locator(":scope > .rf-add").click()


def _open_list(page) -> None:
    page.locator(".rf-summary .rf-summary-list > summary").click()
    page.wait_for_timeout(300)


def test_an_occasion_off_the_list_names_the_choice_and_the_empty_fields(page, base: str) -> None:
    off_list = guide_data(guideline(YEAR))["open_occasion"]
    _start(page, base)
    _add(page, "/academic_events")
    _box(page, "/academic_events/0/category").locator("select").select_option(label="大型社会活动")
    occasion = _box(page, "/academic_events/0/occasion")
    help_text = occasion.locator(".rf-help").inner_text()
    assert f"选“{off_list}”" in help_text
    assert "名单以外”那一项" not in help_text
    occasion.locator("input").fill(off_list)
    page.wait_for_timeout(400)
    for field in ("occasion_name", "occasion_organizer"):
        said = _box(page, f"/academic_events/0/{field}").locator(".rf-help").inner_text()
        assert "occasion" not in said, said  # no English key in the help
        assert off_list in said
    _open_list(page)
    assert _msg(page, "/academic_events/0/occasion") == ""  # the filled field is not the problem
    for field, title in (("occasion_name", "科普活动名称"), ("occasion_organizer", "科普活动主办单位")):
        assert f"须写明{title}" in _msg(page, f"/academic_events/0/{field}")
    assert not page.problems, page.problems


def test_a_number_in_chinese_numerals_is_said_at_the_field(page, base: str) -> None:
    _start(page, base)
    _add(page, "/government_functions/functions")
    pointer = "/government_functions/functions/0/amount_wan"
    amount = _box(page, pointer).locator("input")
    amount.focus()
    page.keyboard.insert_text("十五万")  # Chromium drops the text: the field stays empty
    amount.blur()
    page.wait_for_timeout(400)
    assert "请用阿拉伯数字填写，如 15" in _msg(page, pointer)
    amount.fill("15")
    amount.blur()
    page.wait_for_timeout(400)
    assert "阿拉伯数字" not in _msg(page, pointer)
    amount.fill("")
    amount.focus()
    page.keyboard.type("--")  # text the browser keeps but cannot read (validity.badInput)
    amount.blur()
    page.wait_for_timeout(400)
    assert "请用阿拉伯数字填写" in _msg(page, pointer)
    assert not page.problems, page.problems


def test_the_keyboard_reaches_a_problem_and_shows_where_it_is(page, base: str) -> None:
    _start(page, base)
    _add(page, "/academic_events")
    _box(page, "/academic_events/0/category").locator("select").select_option(label="全国性学术交流")
    page.wait_for_timeout(300)
    _open_list(page)
    links = page.locator(".rf-summary-list li a", has_text="活动 1 › ")
    assert links.count() >= 2
    for i in range(2):
        links.nth(i).click()
        focused = page.evaluate("() => { const e = document.activeElement;"
                                " return [e.tagName, e.closest('[data-pointer]').dataset.pointer]; }")
        assert focused[0] in ("INPUT", "SELECT", "TEXTAREA"), focused
        assert focused[1].startswith("/academic_events/0/"), focused

    # Every control shows a focus ring when the keyboard is on it, checkboxes included.
    _box(page, "/academic_events/0/participants").locator("input").click()
    rings = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        kind, outline = page.evaluate("() => { const e = document.activeElement; if (!e.closest('#report-form')) return ['', ''];"
                                      " return [e.tagName + ':' + (e.type || ''), getComputedStyle(e).outlineStyle]; }")
        if kind:
            rings.setdefault(kind, outline)
        if "INPUT:checkbox" in rings and "INPUT:text" in rings:
            break
    assert rings.get("INPUT:checkbox") not in (None, "none"), rings
    assert all(style != "none" for style in rings.values()), [*rings.items()]
    assert not page.problems, page.problems


def test_the_issue_list_leaves_room_for_the_form_on_a_phone(page, base: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _start(page, base)
    for _ in range(3):
        _add(page, "/academic_events")
    page.wait_for_timeout(300)
    _open_list(page)
    page.evaluate("() => document.querySelector('#rf-area-innovation').scrollIntoView()")
    page.wait_for_timeout(300)
    tall, window = page.evaluate("() => [document.querySelector('.rf-editor .rf-summary').getBoundingClientRect().height,"
                                 " innerHeight]")
    assert tall <= 0.46 * window, (tall, window)  # 45dvh: the list folds when a field takes the focus
    listed = page.locator(".rf-summary-list ul")
    assert listed.evaluate("u => u.scrollHeight > u.clientHeight")  # the rest scrolls inside it
    assert not page.problems, page.problems


def test_each_list_shows_its_own_example_id(page, base: str) -> None:
    """Each list's id help and its message on a wrong id give the example its sheet in the year's
    workbook gives, as `xlsx import` does (the form said svc-1, and annual-meeting-2017 where it
    knew none)."""
    examples = {"/" + "/".join(s.path): s.id_example for s in layout(guideline(YEAR)).sheets if s.id_example}  # type: ignore[arg-type]
    assert examples["/innovation/services"] == f"svc-{YEAR}-01"
    _start(page, base)
    for pointer in ("/innovation/services", "/government_functions/functions", "/academic_events", "/major_work",
                    "/service_stations"):
        _add(page, pointer)
        said = _box(page, f"{pointer}/0/id").locator(".rf-help").inner_text()
        assert f"如 {examples[pointer]}" in said, said
        assert pointer == "/academic_events" or "evt-" not in said, said
        item = _box(page, f"{pointer}/0/id").locator("input")
        item.fill("编号 1")
        item.blur()
        page.wait_for_timeout(400)
        wrong = _msg(page, f"{pointer}/0/id")
        assert f"只能用小写英文字母、数字和单个连字符，如 {examples[pointer]}。" in wrong, wrong
        assert "annual-meeting" not in wrong
    society = _box(page, "/society").locator("input")
    society.fill("CD X")
    society.blur()
    page.wait_for_timeout(400)
    said = _msg(page, "/society")
    assert "如 cd-mech-eng" in said, said
    assert "annual-meeting" not in said
    assert not page.problems, page.problems


@pytest.mark.parametrize("width", [390, 1366])
def test_the_issue_lists_link_lines_up_with_the_count_above_it(page, base: str, width: int) -> None:
    """“逐项查看（N）” sat 12 px left of the count above it on a phone (the theme's summary reaches
    0.6rem out to either side); on a wide window it is on the count's line, after it, and so it is
    on a phone while the bar is folded to its one line of a few words (test_form_phone_bar.py)."""
    page.set_viewport_size({"width": width, "height": 800})
    _start(page, base)
    _add(page, "/academic_events")
    page.wait_for_timeout(300)
    where = ("() => ['.rf-summary-head', '.rf-summary-brief', '.rf-summary-list > summary'].map("
             "s => document.querySelector('.rf-editor ' + s).getBoundingClientRect())"
             ".map(r => [Math.round(r.left), Math.round(r.top), Math.round(r.right)])")
    head, brief, link = page.evaluate(where)
    first = brief if width == 390 else head
    assert abs(link[1] - first[1]) <= 2, (first, link)  # on its line
    assert link[0] >= first[2], (first, link)
    _open_list(page)
    head, _, link = page.evaluate(where)
    if width == 390:
        assert link[1] > head[1]  # below the whole sentence, now shown
    assert link[0] == head[0], (head, link)
    assert not page.problems, page.problems


def test_a_field_shows_the_clauses_the_year_s_rubric_cites_for_it(page, base: str) -> None:
    """The clauses beside a field come from the year's guide file (`field_clauses`), as the
    year's rubric cites them: 2018's pilot is 2.1, a station's founding date 3.2."""
    clauses = guide_data(guideline(YEAR))["field_clauses"]
    assert (clauses["GovernmentFunctions.pilot"], clauses["ServiceStation.established"]) == (["2.1"], ["3.2"])
    _start(page, base)
    _add(page, "/service_stations")
    details = _box(page, "/service_stations/0/established").locator(".rf-help .rf-clause")
    assert details.locator("summary").inner_text() == "指南条款 3.2"
    details.locator("summary").click()
    assert "根据评估绩" in details.inner_text()
    assert not page.problems, page.problems


def test_on_a_touch_screen_buttons_are_a_fingers_size_and_the_upload_is_sent_to_a_computer(browser, base: str) -> None:
    """On a phone 复制此服务 and 删除此服务 were 26 px tall side by side, and the steps asked to
    unzip a package and drag a folder, which a phone cannot do."""
    heights = "() => [...document.querySelectorAll('.rf-editor :is(.rf-small, .rf-add, .rf-button)')]" \
              ".filter(b => b.offsetParent).map(b => [b.textContent, b.getBoundingClientRect().height])"
    said: dict[bool, tuple[list[list[object]], int]] = {}
    for touch in (False, True):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=touch, has_touch=touch)
        page = context.new_page()
        page.goto(base)
        page.wait_for_selector(".rf-modes")
        taking_reports(page, YEAR)  # past the deadline there are no steps to do on a computer
        page.select_option("#rf-new-choice", "__new__")
        page.fill("#rf-new-society", "cd-phone-test")
        page.select_option("#rf-new-year", str(YEAR))
        page.click("#rf-start-empty")
        page.wait_for_selector(".rf-editor .rf-summary")
        _add(page, "/innovation/services")
        said[touch] = (page.evaluate(heights), page.locator("#rf-phone-note").count())
        context.close()
    buttons, note = said[True]
    assert {text for text, _ in buttons} >= {"复制此服务", "删除此服务"}
    assert [b for b in buttons if b[1] < 44] == []
    assert note == 1
    assert min(h for _, h in said[False][0]) < 44  # a mouse keeps the compact buttons
    assert said[False][1] == 0


def test_on_a_phone_tapping_a_yes_no_rows_word_toggles_its_box(phone, base: str) -> None:
    """A yes/no field showed “☐ 否”: a finger lands on the word, which did nothing; only the
    13 px box did. The whole row toggles, and is at least a finger's height."""
    page = phone
    _start(page, base)
    row = _box(page, "/innovation/enterprise_platform_registered").locator(".rf-check")
    box = row.locator("input[type=checkbox]")
    assert not box.is_checked()
    row.locator(".rf-check-word").tap()
    assert box.is_checked()
    assert row.locator(".rf-check-word").inner_text() == "是"
    row.locator(".rf-check-word").tap()
    assert not box.is_checked()
    box.tap()  # the box itself still toggles once, not twice
    assert box.is_checked()
    assert row.bounding_box()["height"] >= 44
    # Nor does the theme's back-to-top button float over the fields while scrolling up.
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -800)
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-top')).display") == "none"


def test_adding_a_maintainer_puts_the_caret_in_the_new_field(page, base: str) -> None:
    """添加一项服务 focused the new item's first field; 添加维护人 (the new society's profile) left
    the focus on the page, so a phone opened no keyboard and the empty field had to be found."""
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-new-choice", "__new__")
    page.fill("#rf-new-society", "cd-caret-test")
    page.select_option("#rf-new-year", str(YEAR))
    page.click("#rf-start-empty")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)
    # Nothing typed yet: the empty 维护人 list is to fill, as the empty fields are, not an error.
    said = page.locator(".rf-summary").inner_text()
    assert "检查结果：0 个错误" in said, said
    page.locator(".rf-summary-list > summary").click()
    assert page.locator(".rf-summary li.rf-todo").filter(has_text="维护人").count() == 1
    assert page.locator(".rf-summary li.rf-error").count() == 0
    page.get_by_role("button", name="添加维护人").click()
    settled(page)
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.getAttribute('aria-label'),"
                            " document.activeElement.closest('[data-pointer]')?.dataset.pointer]")
    assert focused[0] == "INPUT", focused
    assert focused[2] == "/maintainers/0", focused
    # The new field, not yet typed in, is to fill too: not an error the moment it appears.
    said = page.locator(".rf-summary .rf-summary-head").inner_text()
    assert said.startswith("检查结果：0 个错误"), said
    assert not page.problems, page.problems


def test_on_a_phone_a_new_items_focused_field_shows_below_the_header(phone, base: str) -> None:
    """添加一项服务 focused the new item's 编号, but centred the whole item, taller than the screen:
    the field being typed into sat under the header."""
    page = phone
    _start(page, base)
    for _ in range(2):
        _add(page, "/innovation/services")
    settled(page)
    where = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return [e.tagName, r.top, r.bottom, header.bottom, innerHeight]; }""")
    tag, top, bottom, header, height = where
    assert tag == "INPUT", where
    assert top >= header, where
    assert bottom <= height, where


def test_on_a_phone_the_problem_list_keeps_to_a_strip_and_folds_when_a_field_takes_the_focus(
        phone, base: str) -> None:
    """On a phone the open list of problems took a quarter of the screen (228 of 844 px) and hid
    the field being typed into. Folded it is a line or two; open, a strip that scrolls inside;
    a field that takes the focus (from the list's own link too) folds it and shows clear of it."""
    page = phone
    bar = """() => { const b = document.querySelector('.rf-editor .rf-summary').getBoundingClientRect();
        const list = document.querySelector('.rf-summary-list'); const ul = list.querySelector('ul');
        return {top: b.top, height: b.height, open: list.open, window: innerHeight,
                scrolls: ul.scrollHeight > ul.clientHeight}; }"""
    _start(page, base)
    _add(page, "/academic_events")
    settled(page)
    folded = page.evaluate(bar)
    assert not folded["open"], folded
    assert folded["height"] <= 0.15 * folded["window"], folded
    page.locator(".rf-summary .rf-summary-list > summary").tap()
    settled(page)
    opened = page.evaluate(bar)
    assert opened["open"], opened
    assert opened["height"] <= 0.46 * opened["window"], opened
    assert opened["scrolls"], opened  # the rest of the list is a scroll away, inside the bar
    page.locator(".rf-summary-list li a", has_text="活动日期").first.tap()
    settled(page)
    where = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
        return {tag: e.tagName, pointer: e.closest('[data-pointer]').dataset.pointer, top: r.top, bottom: r.bottom,
                header: document.querySelector('.md-header').getBoundingClientRect().bottom}; }""")
    after = page.evaluate(bar)
    assert where["pointer"] == "/academic_events/0/date", where
    assert not after["open"], after
    assert after["height"] <= 0.15 * after["window"], after
    assert where["top"] >= where["header"] - 0.5, (where, after)
    assert where["bottom"] <= after["top"] + 0.5, (where, after)  # not covered by the bar
    assert not page.problems, page.problems


def test_on_a_desktop_the_problem_list_stays_open_while_fields_are_edited(page, base: str) -> None:
    _start(page, base)
    _add(page, "/academic_events")
    settled(page)
    _open_list(page)
    page.locator(".rf-summary-list li a", has_text="活动日期").first.click()
    settled(page)
    assert page.evaluate("() => document.querySelector('.rf-summary-list').open")
    page.locator(".rf-summary-list li a", has_text="活动 1 › 证明材料").first.click()  # a DIV takes the focus
    settled(page)
    assert page.evaluate("() => document.activeElement.closest('[data-pointer]').dataset.pointer") == \
        "/academic_events/0/evidence"
    assert page.evaluate("() => document.querySelector('.rf-summary-list').open")
    assert not page.problems, page.problems


def test_a_date_field_says_a_day_is_needed_and_where_it_comes_from(page, base: str) -> None:
    """Notes often give a month only (2018年5月); the date box takes a day, and which day is the
    evidence's, as `check` says of a month-only date (schema_findings.month_only)."""
    _start(page, base)
    _add(page, "/academic_events")
    settled(page)
    said = _box(page, "/academic_events/0/date").locator(":scope > .rf-help").inner_text()
    assert "须选到具体某一天" in said, said
    assert "按证明材料上的日期" in said, said
    assert "具体某一天" not in _box(page, "/academic_events/0/title").locator(":scope > .rf-help").inner_text()
    assert not page.problems, page.problems


# The open list's window: its height, and the problems (link text, top and bottom from the
# window's top) it shows whole.
_WINDOW = """() => { const d = document.querySelector('.rf-editor .rf-summary-list'); const ul = d.querySelector('ul');
    const top = ul.getBoundingClientRect().top + ul.clientTop;
    const items = [...ul.children].map(li => { const r = li.getBoundingClientRect();
        return {text: li.querySelector('a').textContent, top: r.top - top, bottom: r.bottom - top}; });
    return {open: d.open, height: ul.clientHeight, scrolled: ul.scrollTop,
            whole: items.filter(i => i.top >= -0.5 && i.bottom <= ul.clientHeight + 0.5), all: items.length}; }"""


def _add_18_problems(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """An empty 2018 report holding two academic events and a service station: 18 problems, as
    the reviewer had them on a phone."""
    _start(page, base)
    for pointer in ("/academic_events", "/academic_events", "/service_stations"):
        _add(page, pointer)
    settled(page)


def _tap_list_open(page) -> None:
    page.locator(".rf-summary .rf-summary-list > summary").tap()
    settled(page)


def test_on_a_phone_the_open_list_shows_four_problems_and_reopens_at_the_one_after_the_followed(
        phone, base: str) -> None:
    """The open strip was a 100 px window: under two problems, the top one cut mid-line. And after
    a problem's link was followed (which folds the list), the list opened again at its top: the
    secretary scrolled through it again to reach the next problem."""
    page = phone
    _add_18_problems(page, base)
    _tap_list_open(page)
    opened = page.evaluate(_WINDOW)
    assert opened["open"], opened
    assert opened["all"] == 18, opened
    assert len(opened["whole"]) >= 4, opened
    tallest = max(i["bottom"] - i["top"] for i in opened["whole"][:4])
    assert opened["height"] >= 4 * tallest, opened
    texts = [a.text_content() for a in page.locator(".rf-summary-list li a").all()]
    page.locator(".rf-summary-list li a").nth(9).tap()
    settled(page)
    assert not page.evaluate(_WINDOW)["open"]
    _tap_list_open(page)
    again = page.evaluate(_WINDOW)
    assert again["open"], again
    assert again["whole"], again
    assert again["whole"][0]["text"] == texts[10], (texts[10], again)
    assert abs(again["whole"][0]["top"]) <= 4, again  # at the top of the window, not cut
    assert not page.problems, page.problems


def test_on_a_phone_following_a_problem_at_a_field_without_input_folds_the_list(phone, base: str) -> None:
    """An empty list of evidence has no input: its box takes the focus, and the list stayed open
    over the form, unlike after any other problem's link."""
    page = phone
    _add_18_problems(page, base)
    _tap_list_open(page)
    page.locator(".rf-summary-list li a", has_text="活动 1 › 证明材料").first.tap()
    settled(page)
    focused = page.evaluate("""() => [document.activeElement.tagName,
        document.activeElement.closest('[data-pointer]').dataset.pointer]""")
    assert focused == ["DIV", "/academic_events/0/evidence"], focused
    assert not page.evaluate(_WINDOW)["open"]
    tall, window = page.evaluate("""() => [document.querySelector('.rf-editor .rf-summary')
        .getBoundingClientRect().height, innerHeight]""")
    assert tall <= 0.15 * window, (tall, window)
    assert not page.problems, page.problems
