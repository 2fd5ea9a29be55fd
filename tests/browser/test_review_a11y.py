"""What a screen reader meets at a verdict in the workbench: the reason a 不予认定 needs is asked
for at the reason field (its message tied to it, the field marked invalid) once the reviewer has
left the field empty, and the hint under it describes it; the field's name begins with its visible
label (WCAG 2.5.3) and names the item; each item's verdict group is named with the item; both by
reference to the item's title, so that the label and the legend hold only their visible words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, SOCIETY = 2018, "cd-eco-env"
LABEL = "理由（不予认定的理由，或需要补充的材料；学会和公众会看到）"
HINT = "写明理由后，这一结论才计入分数和进度。"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_tree(tmp_path_factory.mktemp("review-a11y") / "tree")
    (root / "reviews" / str(YEAR) / f"{SOCIETY}.yaml").unlink()  # nothing recorded yet
    sync_playwright()
    with served(built_site(root)) as url:
        yield url + "review/"


def _open(page, base: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """id: title of each item, in the page's order."""
    page.add_init_script("localStorage.setItem('rv-reviewer', 'cast-staff')")
    page.goto(f"{base}#{YEAR}/{SOCIETY}")
    page.wait_for_selector(".rv-item")
    return dict(page.eval_on_selector_all(".rv-item", "nodes => nodes.map(n => [n.dataset.item,"
                                          " n.querySelector('h4').firstChild.textContent.trim()])"))


def _aria(page, selector: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return dict(page.eval_on_selector(selector, """e => ({
        invalid: e.getAttribute('aria-invalid'),
        ids: (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean),
        said: (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
          .map(id => document.getElementById(id).textContent).join(' | '),
    })"""))


def test_a_refusal_without_a_reason_is_said_at_the_reason_once_the_field_is_left(page, base: str) -> None:
    items = _open(page, base)
    item, title = next(iter(items.items()))
    reason = f"#rv-{item}-reason"
    page.click(f"#rv-{item}-not_recognised")
    page.wait_for_timeout(200)
    # Chosen, not yet left: the list says it; the field is described by its hint only.
    assert page.is_hidden(f"{reason}-msg")
    before = _aria(page, reason)
    assert before["invalid"] is None, before
    assert before["said"] == HINT, before
    # Left empty: said at the field, in the workbench's words, and tied to it.
    page.focus(reason)
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    said = f"“{title}”结论为“不予认定”，须写明理由或需要补充的材料。"
    assert page.is_visible(f"{reason}-msg")
    assert page.inner_text(f"{reason}-msg") == said
    after = _aria(page, reason)
    assert after["invalid"] == "true", after
    assert f"rv-{item}-reason-msg" in after["ids"], after  # type: ignore[operator]
    assert said in str(after["said"]), after
    assert HINT in str(after["said"]), after
    # Written: nothing to say, and the hint, gone, no longer describes it.
    page.fill(reason, "会议通知与报告的日期不符")
    page.wait_for_timeout(200)
    assert page.is_hidden(f"{reason}-msg")
    written = _aria(page, reason)
    assert written["invalid"] is None, written
    assert written["ids"] == [], written
    # Emptied again: said at once (the field has been left before).
    page.fill(reason, "")
    page.wait_for_timeout(200)
    assert page.inner_text(f"{reason}-msg") == said
    assert _aria(page, reason)["invalid"] == "true"
    assert not page.problems, page.problems


def test_the_reason_is_named_by_its_visible_label_and_each_verdict_group_by_its_item(page, base: str) -> None:
    items = _open(page, base)
    item, title = next(iter(items.items()))
    page.click(f"#rv-{item}-not_recognised")
    # The name begins with the visible label and names the item (a space between may come and go).
    reason = page.get_by_role("textbox", name=re.compile(f"^{re.escape(LABEL)}\\s?{re.escape(title)}$"))
    assert reason.count() == 1, page.locator(f"#rv-{item}-reason").aria_snapshot()
    assert reason.get_attribute("id") == f"rv-{item}-reason"
    assert reason.get_attribute("aria-label") is None
    # The visible words are all there is: nothing hidden is copied with the label or the legend.
    assert page.locator(f'label[for="rv-{item}-reason"]').inner_text() == LABEL
    assert page.locator(f'label[for="rv-{item}-reason"]').evaluate("l => l.textContent") == LABEL
    assert page.locator(".rv-item .rv-sr").count() == 0
    for other, other_title in items.items():
        group = page.get_by_role("group", name=re.compile(f"^核查结论\\s?{re.escape(other_title)}$"))
        assert group.count() == 1, other_title
        assert group.locator(f"#rv-{other}-verified").count() == 1
        assert group.locator("legend").evaluate("l => l.textContent") == "核查结论"
    assert page.get_by_role("group", name="核查结论", exact=True).count() == 0
    assert not page.problems, page.problems
