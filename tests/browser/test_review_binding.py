"""The workbench never writes a verdict bound to no content, and a finalized year never asks for
verification again.

A draft an earlier workbench kept in this browser (before verdicts recorded the content they were
given on) restored silently and the file it wrote had `rest:` without `contents`: items added later
scored during the notice with no warning. Its verdicts now wait to be given again. And after
finalize, a report edited made the read-only page say 待核查…请单独给出结论 beside the frozen
result: it now says the report changed after finalize and the frozen result stands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree
from validators.association.reviews import current_contents
from validators.check import check_tree
from validators.evaluation.results import file_sha256

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY, YEAR = "cd-eco-env", 2018
FINAL_SOCIETY, FINAL_YEAR = "cd-computer", 2017
EDITED = "evt-intl-ai"


def _fingerprint(review: object) -> str:
    """The workbench's fingerprint of the repository's record (FNV-1a over its JSON)."""
    text = json.dumps(review, separators=(",", ":"))  # ASCII: one UTF-16 unit per character
    value = 0x811C9DC5
    for char in text:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return f"{len(text)}-{value:x}"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, with no review of cd-eco-env 2018 yet (the reviewer's 2019 case: a society
    the staff began in an earlier workbench), and cd-computer 2017 (finalized) verified on the
    content of its annual meeting, which an admin edited after finalize."""
    root = base_tree(tmp_path_factory.mktemp("binding") / "tree")
    (root / "reviews" / str(YEAR) / f"{SOCIETY}.yaml").unlink()
    _, repo = check_tree(root)
    saw = current_contents(repo.reports[(FINAL_SOCIETY, FINAL_YEAR)].report)
    assert EDITED in saw
    review = root / "reviews" / str(FINAL_YEAR) / f"{FINAL_SOCIETY}.yaml"
    review.write_text(review.read_text("utf-8").replace(
        "\nrest: ", f"\nitems:\n  - {{item: {EDITED}, status: 已核实, reviewer: cast-reviewer, date: 2018-01-04, "
        f"content: {saw[EDITED]}}}\nrest: "), "utf-8")
    report = root / "submissions" / FINAL_SOCIETY / f"{FINAL_YEAR}.yaml"
    # The results file records the report finalize froze (as finalize writes it now): the edit
    # below is one after finalize, and the page can say so.
    results = root / "results" / f"{FINAL_YEAR}.json"
    frozen = json.loads(results.read_text("utf-8"))
    frozen["report_sha256"] = {f"submissions/{FINAL_SOCIETY}/{FINAL_YEAR}.yaml": file_sha256(root, f"submissions/{FINAL_SOCIETY}/{FINAL_YEAR}.yaml")}
    results.write_text(json.dumps(frozen, ensure_ascii=False, indent=2) + "\n", "utf-8")
    text = report.read_text("utf-8")
    assert "participants: 350" in text
    report.write_text(text.replace("participants: 350", "participants: 800", 1), "utf-8")
    return root


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "review/"


def test_a_draft_kept_before_digests_is_not_written_without_them(page, base: str, tree: Path) -> None:
    _, repo = check_tree(tree)
    ids = list(current_contents(repo.reports[(SOCIETY, YEAR)].report))
    first = ids[0]
    draft = {"base": _fingerprint(None), "state": {
        "items": {first: {"status": "verified", "reason": "", "reviewer": "cast-staff", "date": "2026-12-01"}},
        "rest": {"reviewer": "cast-staff", "date": "2026-12-01"}, "marks": []}}
    page.goto(base)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"rv-draft-{YEAR}-{SOCIETY}", json.dumps(draft)])
    page.goto(f"{base}#{YEAR}/{SOCIETY}")
    page.reload()
    page.wait_for_selector(".rv-item")
    page.fill("#rv-reviewer", "cast-staff")
    # Restored (the record has not changed), but neither verdict stands: both are said, none is written.
    assert "已恢复本浏览器中未提交的核查草稿" in page.inner_text("#rv-case")
    assert not page.is_checked("#rv-rest")
    assert "较早的草稿" in page.inner_text("#rv-rest-unseen") or "之前勾选的" in page.inner_text("#rv-rest-unseen")
    assert "2026-12-01" in page.inner_text("#rv-rest-unseen")
    item = page.locator(f'.rv-item[data-item="{first}"]')
    notice = item.locator(".rv-changed")
    assert notice.is_visible()
    assert "待重新确认" in notice.inner_text()
    assert item.locator('input[value=""]').is_checked()
    assert page.inner_text("#rv-only-open-label") == f"只看未核查的项目（{len(ids)} 项）"
    text = page.input_value("#rv-review-file textarea")
    assert "rest:" not in text
    assert first not in text
    # Given again, each records the content it is given on.
    item.locator('input[value="verified"]').check()
    assert notice.is_hidden()
    page.check("#rv-rest")
    assert page.inner_text("#rv-rest-unseen") == ""
    text = page.input_value("#rv-review-file textarea")
    contents = current_contents(repo.reports[(SOCIETY, YEAR)].report)
    assert f"content: {contents[first]}" in text
    assert "contents:" in text
    assert all(digest in text for digest in contents.values())
    assert not page.problems, page.problems


def test_a_finalized_year_says_the_frozen_result_stands(page, base: str) -> None:
    page.goto(f"{base}#{FINAL_YEAR}/{FINAL_SOCIETY}")
    page.wait_for_selector(".rv-item")
    item = page.locator(f'.rv-item[data-item="{EDITED}"]')
    said = item.locator(".rv-changed").inner_text()
    assert "报告在定稿之后改动过" in said
    assert "定稿时冻结的结果" in said
    assert "不再核查" in said
    assert item.locator('input[value="verified"]').is_checked()  # the verdict as recorded, as frozen
    whole = page.inner_text("#rv-case")
    assert "待核实" not in whole
    assert "待核查" not in whole
    assert "请单独给出结论" not in whole
    assert "重新给出结论" not in whole
    progress = page.inner_text("#rv-progress")
    total = page.locator(".rv-item").count()
    assert progress.startswith(f"已有结论 {total} / {total} 项"), progress
    assert "定稿结果" in page.inner_text("#rv-bar")
    assert not page.problems, page.problems


@pytest.mark.parametrize("width", [1366, 390])
def test_the_final_note_fits_the_page(page, base: str, width: int, tmp_path: Path) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}#{FINAL_YEAR}/{FINAL_SOCIETY}")
    page.wait_for_selector(".rv-item")
    notice = page.locator(f'.rv-item[data-item="{EDITED}"] .rv-changed')
    notice.scroll_into_view_if_needed()
    box = notice.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.problems, page.problems
