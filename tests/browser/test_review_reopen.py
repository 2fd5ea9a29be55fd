"""A finalized year verified again in the workbench, and the workbench's words while verifying.

After finalize, `check` told admins to verify again and run `finalize --replace`, but the workbench
was read-only once the results existed: the only way was a hand-written review file, dated within
the year's days (which end on the final day, before any re-verification could happen). The year
stays read-only by default; an explicit button opens it again, under a banner saying the frozen
result stands until an admin runs finalize --replace, and the file it writes passes `check` and is
what `finalize --replace` then freezes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT, base_tree
from validators.evaluation.results import results_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FINAL_YEAR, FINAL_SOCIETY, REFUSED = 2017, "cd-computer", "evt-intl-ai"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_tree(tmp_path_factory.mktemp("reopen") / "tree")


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "review/"


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def _open(page, base: str, year: int, society: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}#{year}/{society}")
    page.wait_for_selector(".rv-item")


def test_a_finalized_year_is_verified_again_only_when_asked_and_finalize_replace_takes_the_file(
        page, base: str, tree: Path) -> None:
    assert results_path(tree, FINAL_YEAR).is_file()
    frozen = json.loads(results_path(tree, FINAL_YEAR).read_text("utf-8"))
    [then] = [e for e in frozen["evaluations"] if e["society"] == FINAL_SOCIETY]
    _open(page, base, FINAL_YEAR, FINAL_SOCIETY)
    # Read-only by default, with the way to open it again labelled as what it is.
    assert page.locator(".rv-item input:not([disabled])").count() == 0
    assert page.locator("#rv-review-file").count() == 0
    start = page.locator("#rv-reopen-start")
    assert start.inner_text() == "重新核查本年度（管理员）"
    assert f"finalize {FINAL_YEAR} --replace" in page.inner_text("#rv-reopen")
    start.click()
    page.wait_for_selector("#rv-review-file")
    banner = page.inner_text("#rv-reopen")
    assert f"正在重新核查已定稿的 {FINAL_YEAR} 年度" in banner
    assert "公布的仍是定稿时冻结的结果" in banner
    assert f"python -m validators finalize {FINAL_YEAR} --replace" in banner
    assert page.evaluate("document.activeElement.id") == "rv-reopen-end"
    assert f"定稿结果 {then['total']:g} 分" in page.inner_text("#rv-final-stands")
    assert page.locator("#rv-add-objection").count() == 0  # the year's objections stay as they were
    # A verdict given today (after the year's final day) is not refused at the date field.
    page.fill("#rv-reviewer", "cast-staff")
    assert page.inner_text("#rv-date-msg") == ""
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    item.locator("textarea").fill("定稿后复核：国际会议的外方参会证明不足。")
    page.uncheck("#rv-rest")
    page.check("#rv-rest")  # the rest records what it saw now
    total = float(page.inner_text("#rv-total"))
    assert total < then["total"]
    assert not page.locator("#rv-review-file .rv-problems").is_visible()
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    text = Path(info.value.path()).read_text("utf-8")
    assert "status: 不予认定" in text
    # Back to read-only: the frozen result again, nothing to edit.
    page.click("#rv-reopen-end")
    page.wait_for_selector("#rv-reopen-start")
    assert page.locator(".rv-item input:not([disabled])").count() == 0
    assert page.inner_text("#rv-total") == f"{then['total']:g}"
    assert not page.problems, page.problems

    (tree / "reviews" / str(FINAL_YEAR) / f"{FINAL_SOCIETY}.yaml").write_text(text, "utf-8")
    checked = _cli(tree, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "E-DATE-OUTSIDE-CYCLE" not in checked.stdout
    refused = _cli(tree, "finalize", str(FINAL_YEAR))
    assert refused.returncode == 2
    assert "--replace" in refused.stderr
    # The sample's other 2017 reviews record no contents: finalize lists them (--accept-pending).
    done = _cli(tree, "finalize", str(FINAL_YEAR), "--replace", "--accept-pending")
    assert done.returncode == 0, done.stderr
    frozen = json.loads(results_path(tree, FINAL_YEAR).read_text("utf-8"))
    [now] = [e for e in frozen["evaluations"] if e["society"] == FINAL_SOCIETY]
    assert now["total"] == total
