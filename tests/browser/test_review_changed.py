"""The workbench holds a verdict to the content it was given on: the file it writes records each
item's digest as the site computed it; an item changed after its verdict, or added after
其余全部核实, shows as 待核实 with a sentence saying so, is among 只看未核查的项目, earns nothing
during the notice, and a verdict given again records the new content."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import LATE_MAJOR_WORK as NEW_ITEMS
from tests.trees import ROOT, base_tree
from validators.association.reviews import current_contents
from validators.check import check_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY, YEAR = "cd-computer", 2018
REPORT = f"submissions/{SOCIETY}/{YEAR}.yaml"
REVIEW = f"reviews/{YEAR}/{SOCIETY}.yaml"
CHANGED = "evt-cs-annual-2018"
ADDED = ("mw-reform-late", "mw-party-late")


def staged_tree(base: Path) -> Path:
    """The reviewer's case on the sample: the staff verify the annual meeting and the rest (the
    file records what they saw); then the society raises the meeting's attendance and adds two
    major works (answering an objection that allowed a correction)."""
    root = base_tree(base)
    _, repo = check_tree(root)
    saw = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    review = root / REVIEW
    text = review.read_text("utf-8").replace("\nrest: ", "\n  - {item: " + CHANGED + ", status: 已核实, reviewer: cast-reviewer, "
                                             f"date: 2026-11-12, content: {saw[CHANGED]}}}\nrest: ")
    text = text.replace("date: 2026-11-12}", f"date: 2026-11-12, contents: [{', '.join(saw.values())}]}}")
    review.write_text(text, "utf-8")
    report = root / REPORT
    report.write_text(report.read_text("utf-8").replace("participants: 300", "participants: 500", 1) + NEW_ITEMS, "utf-8")
    return root


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staged_tree(tmp_path_factory.mktemp("changed") / "tree")


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "review/"


def _open(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}#{YEAR}/{SOCIETY}")
    page.wait_for_selector(".rv-item")


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_changed_item_and_items_added_after_the_rest_wait_for_a_verdict_again(page, base: str, tree: Path,
                                                                                tmp_path: Path) -> None:
    # The staged tree's file passes `check` with a warning at each verdict the report outgrew.
    checked = _cli(tree, "check", REVIEW, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    warned = [f for f in json.loads(checked.stdout)["findings"] if f["code"] == "W-REVIEW-ITEM-CHANGED"]
    assert len(warned) == 3, warned  # the meeting at its verdict, the two new works at the rest

    _open(page, base)
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(f'.rv-item[data-item="{CHANGED}"]')
    notice = item.locator(".rv-changed")
    assert notice.is_visible()
    assert "待核实：" in notice.inner_text()  # the word check's W-REVIEW-ITEM-CHANGED and the site use
    assert "2026-11-12" in notice.inner_text()
    assert "改动" in notice.inner_text()
    assert item.locator('input[value=""]').is_checked()  # 未核查, not the verdict it outgrew
    assert item.locator("fieldset").get_attribute("aria-describedby") == notice.get_attribute("id")
    assert "按当前结论 0 分" in item.locator(".rv-points").inner_text()  # the notice has begun
    for added in ADDED:
        new = page.locator(f'.rv-item[data-item="{added}"]')
        assert "“其余全部核实”（2026-11-12）之后新增或改动" in new.locator(".rv-changed").inner_text()
        assert "按“其余全部核实”记为已核实" not in new.inner_text()
        assert "按当前结论 0 分" in new.locator(".rv-points").inner_text()
    assert "3 项不在其中" in page.inner_text("#rv-rest-unseen")
    # An item the rest saw, unchanged, is still verified by it.
    kept = page.locator('.rv-item[data-item="mw-talent-base"]')
    assert kept.locator(".rv-changed").is_hidden()
    assert "按“其余全部核实”记为已核实" in kept.inner_text()
    # 只看未核查的项目 lists exactly those three.
    assert page.inner_text("#rv-only-open-label") == "只看未核查的项目（3 项）"
    page.check("#rv-only-open")
    shown = page.locator(".rv-item:visible")
    assert sorted(shown.nth(i).get_attribute("data-item") or "" for i in range(shown.count())) == sorted((CHANGED, *ADDED))
    # The page's total is the evaluation's on this tree (the items unpaid).
    done = _cli(tree, "evaluate", "--year", str(YEAR), "--society", SOCIETY, "--format", "json")
    [evaluation] = [e for e in json.loads(done.stdout)["evaluations"] if e["society"] == SOCIETY]
    assert float(page.inner_text("#rv-total")) == evaluation["total"]
    before = evaluation["total"]

    # A verdict given again records the content as it is now; the rest ticked again covers the new works.
    item.locator('input[value="verified"]').check()
    assert notice.is_hidden()
    _, repo = check_tree(tree)
    now = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    text = page.input_value("#rv-review-file textarea")
    assert f"content: {now[CHANGED]}" in text
    page.uncheck("#rv-rest")
    page.check("#rv-rest")
    assert page.locator(".rv-changed:visible").count() == 0
    assert page.inner_text("#rv-only-open-label") == "只看未核查的项目（0 项）"
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"content: {now[CHANGED]}" in text
    assert all(digest in text for digest in now.values())  # the rest's contents: every item as it is now
    # The file as downloaded, on a copy of the tree: no warning, and the evaluation pays what the page says.
    after = tmp_path / "after"
    shutil.copytree(tree, after)
    (after / REVIEW).write_text(text, encoding="utf-8")
    checked = _cli(after, "check", REVIEW, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not [f for f in json.loads(checked.stdout)["findings"] if f["code"] == "W-REVIEW-ITEM-CHANGED"]
    done = _cli(after, "evaluate", "--year", str(YEAR), "--society", SOCIETY, "--format", "json")
    [evaluation] = [e for e in json.loads(done.stdout)["evaluations"] if e["society"] == SOCIETY]
    assert evaluation["total"] == float(page.inner_text("#rv-total")) > before
    assert not page.problems, page.problems


@pytest.mark.parametrize("width", [1366, 390])
def test_the_changed_item_notice_fits_the_page_with_no_serious_accessibility_fault(page, base: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, base)
    notice = page.locator(f'.rv-item[data-item="{CHANGED}"] .rv-changed')
    notice.scroll_into_view_if_needed()
    box = notice.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context="#review-bench").response["violations"]
    serious = [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical")
               for n in v["nodes"]]
    assert not serious, serious
    assert not page.problems, page.problems
