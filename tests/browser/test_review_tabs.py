"""The workbench open on one report in two tabs of one browser.

Each tab kept the whole draft in localStorage and wrote it at every click: the tab clicked last
wrote its older draft over the other's, and a refusal typed in the first tab was gone on reopening,
without a word. A tab now takes in the draft another tab wrote (the `storage` event) and says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, SOCIETY = 2018, "cd-eco-env"
# Where to keep screenshots to look at, as staff see the page (none unless asked for).
SHOTS = os.environ.get("WORKBENCH_SHOTS")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_tree(tmp_path_factory.mktemp("tabs") / "tree")
    (root / "reviews" / str(YEAR) / f"{SOCIETY}.yaml").unlink()  # nothing recorded yet
    sync_playwright()
    with served(built_site(root)) as url:
        yield url + "review/"


def _open(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base}#{YEAR}/{SOCIETY}")
    page.wait_for_selector(".rv-item")
    return page.eval_on_selector_all(".rv-item", "nodes => nodes.map(n => n.dataset.item)")


def test_a_second_tab_takes_in_the_first_tabs_refusal_instead_of_writing_over_it(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        first, second = context.new_page(), context.new_page()
        problems: list[str] = []
        for p in (first, second):
            p.on("pageerror", lambda exc: problems.append(str(exc)))
        first.add_init_script("localStorage.setItem('rv-reviewer', 'cast-staff')")
        ids = _open(first, base)
        assert _open(second, base) == ids
        refused, verified = ids[0], ids[1]
        # The first tab refuses an item with a reason.
        first.click(f"#rv-{refused}-not_recognised")
        first.fill(f"#rv-{refused}-reason", "会议通知与报告的日期不符")
        # The second tab, opened before, takes it in and says so.
        second.wait_for_selector("#rv-other-tab")
        assert "另一个标签页" in second.inner_text("#rv-other-tab")
        assert second.is_checked(f"#rv-{refused}-not_recognised")
        assert second.input_value(f"#rv-{refused}-reason") == "会议通知与报告的日期不符"
        # Its own verdict then goes on from that draft, not from the older one.
        second.click(f"#rv-{verified}-verified")
        first.wait_for_selector("#rv-other-tab")
        assert first.is_checked(f"#rv-{verified}-verified")
        if SHOTS:
            second.screenshot(path=str(Path(SHOTS) / "tabs-1366.png"))
        second.set_viewport_size({"width": 390, "height": 844})
        second.locator("#rv-other-tab").scroll_into_view_if_needed()
        if SHOTS:
            second.screenshot(path=str(Path(SHOTS) / "tabs-390.png"))
        # Reopened: both verdicts, and the reason typed in the first tab.
        third = context.new_page()
        _open(third, base)
        assert third.is_checked(f"#rv-{refused}-not_recognised")
        assert third.input_value(f"#rv-{refused}-reason") == "会议通知与报告的日期不符"
        assert third.is_checked(f"#rv-{verified}-verified")
        assert third.locator("#rv-other-tab").count() == 0  # nothing happened in another tab since
        # Typing in one tab while the other changes: the field typed in keeps the focus and its text.
        second.click(f"#rv-{refused}-reason")
        second.keyboard.press("End")
        second.keyboard.type("，已电话核实")
        first.wait_for_function(f"document.getElementById('rv-{refused}-reason').value.endsWith('已电话核实')")
        first.click(f"#rv-{ids[2]}-verified")
        second.wait_for_function(f"document.getElementById('rv-{ids[2]}-verified').checked")
        second.keyboard.type("。")
        assert second.input_value(f"#rv-{refused}-reason") == "会议通知与报告的日期不符，已电话核实。"
        assert not problems, problems
    finally:
        context.close()


def test_the_years_objections_are_taken_in_from_another_tab(browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        first, second = context.new_page(), context.new_page()
        for p in (first, second):
            p.goto(f"{base}#{YEAR}")
            p.wait_for_selector("#rv-add-objection")
        before = second.locator(".rv-objection").count()
        first.click("#rv-add-objection")
        first.fill(f"#rv-obj-{before}-subject", "对学术年会参会人数有异议")
        second.wait_for_selector("#rv-objections-other-tab")
        assert second.input_value(f"#rv-obj-{before}-subject") == "对学术年会参会人数有异议"
        second.click("#rv-add-objection")  # goes on from the first tab's list
        first.wait_for_function(f"document.querySelectorAll('.rv-objection').length === {before + 2}")
        third = context.new_page()
        third.goto(f"{base}#{YEAR}")
        third.wait_for_selector("#rv-add-objection")
        assert third.locator(".rv-objection").count() == before + 2
        assert third.input_value(f"#rv-obj-{before}-subject") == "对学术年会参会人数有异议"
        # Typing an objection in one tab while the other changes the list: the field typed in
        # keeps the focus, its cursor and its text.
        second.click(f"#rv-obj-{before}-subject")
        second.keyboard.press("End")
        second.keyboard.type("（第二次）")
        first.wait_for_function(f"document.getElementById('rv-obj-{before}-subject').value.endsWith('（第二次）')")
        first.fill(f"#rv-obj-{before + 1}-subject", "对服务站服务企业数有异议")
        second.wait_for_function(f"document.getElementById('rv-obj-{before + 1}-subject').value.length > 0")
        second.keyboard.type("。")
        assert second.input_value(f"#rv-obj-{before}-subject") == "对学术年会参会人数有异议（第二次）。"
    finally:
        context.close()
