"""A finalized year verified again in the workbench, and the workbench's words while verifying.

After finalize, `check` told admins to verify again and run `finalize --replace`, but the workbench
was read-only once the results existed: the only way was a hand-written review file, dated within
the year's days (which end on the final day, before any re-verification could happen). The year
stays read-only by default; an explicit button opens it again, under a banner saying the frozen
result stands until an admin runs finalize --replace, and the file it writes passes `check` and is
what `finalize --replace` then freezes.

And while verifying, the society list said 核查完毕 above "待补充材料 1 项" (it was built from the
repository's record); 已答复 without a date asked for an answer too; a new objection was numbered
obj-2 beside obj-2018-01."""

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
from validators.models.review import ExpertMark, Objection

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FINAL_YEAR, FINAL_SOCIETY, REFUSED = 2017, "cd-computer", "evt-intl-ai"
YEAR, SOCIETY, WAITING = 2018, "cd-mech-eng", "svc-motor-rd"
ANSWER_LABEL = f"{Objection.model_fields['answer'].title}（市科协的答复）"
ANSWERED = Objection.model_fields["answered"].title or "answered"
MARK_DATE = ExpertMark.model_fields["date"].title or "date"


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
    # Nor is an expert's mark given today: its date is not said to be outside the year's days.
    criterion = page.locator(".rv-criterion").first
    criterion.get_by_role("button", name="添加一位专家的评分").click()
    mark = criterion.locator(".rv-mark").last
    mark.locator("input[type=text]").fill("expert-z")
    mark.locator("input[type=number]").fill("3")
    assert mark.locator(".rv-mark-date").inner_text() == f"{MARK_DATE} {page.evaluate('window.ReportForm.today()')}"
    assert mark.locator(".rv-bad-date").count() == 0
    page.uncheck("#rv-rest")
    page.check("#rv-rest")  # the rest records what it saw now
    total = float(page.inner_text("#rv-total"))
    assert total < then["total"]
    assert not page.locator("#rv-review-file .rv-problems").is_visible()
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    text = Path(info.value.path()).read_text("utf-8")
    assert "status: 不予认定" in text
    assert "expert: expert-z" in text
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


def test_a_reload_while_verifying_again_opens_read_only_and_says_where_the_draft_is(page, base: str) -> None:
    """Verifying a finalized year again is not kept across a reload (the banner says so): the page
    opens read-only on the repository's record, as it opens for anyone. The draft is kept, but the
    page said nothing of it: a member of staff saw the old verdicts and no sign of their work.
    Now it says a draft waits and that the button brings it back."""
    _open(page, base, FINAL_YEAR, FINAL_SOCIETY)
    page.click("#rv-reopen-start")
    page.wait_for_selector("#rv-review-file")
    assert "刷新页面后回到只读，草稿留在本浏览器中" in page.inner_text("#rv-reopen")
    page.fill("#rv-reviewer", "cast-staff")
    refused = page.locator(f'.rv-item[data-item="{REFUSED}"] input[value="not_recognised"]')
    refused.check()
    page.locator(f'.rv-item[data-item="{REFUSED}"] textarea').fill("定稿后复核：外方参会证明不足。")

    page.reload()
    page.wait_for_selector(".rv-item")
    # Read-only again, on the repository's record (its rest verifies the item), with the frozen result.
    assert page.locator(".rv-item input:not([disabled])").count() == 0
    assert page.locator("#rv-review-file").count() == 0
    assert page.locator("#rv-reopen-start").is_visible()
    assert not refused.is_checked()
    assert "定稿结果" in page.inner_text("#rv-score")
    waiting = page.locator("#rv-draft-waiting")
    assert "本浏览器中有这份报告未提交的核查草稿" in waiting.inner_text()
    assert "重新核查本年度（管理员）" in waiting.inner_text()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        box = waiting.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 900})

    # The button brings the draft back, and the note goes.
    page.click("#rv-reopen-start")
    page.wait_for_selector("#rv-review-file")
    assert refused.is_checked()
    assert "已恢复本浏览器中未提交的核查草稿" in page.inner_text("#rv-case")
    assert page.locator("#rv-draft-waiting").count() == 0
    # The draft dropped, a reload has nothing to say.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#rv-case").get_by_role("button", name="丢弃草稿，重新载入仓库中的记录").click()
    assert not refused.is_checked()
    page.reload()
    page.wait_for_selector(".rv-item")
    assert page.locator("#rv-reopen-start").is_visible()
    assert page.locator("#rv-draft-waiting").count() == 0
    assert not page.problems, page.problems


def test_the_society_list_says_what_the_verdicts_on_the_page_say(page, base: str) -> None:
    _open(page, base, YEAR, SOCIETY)
    option = page.locator(f"#rv-society option[value='{SOCIETY}']")
    assert option.inner_text().endswith("：核查完毕")
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(f'.rv-item[data-item="{WAITING}"]')
    item.locator('input[value="material_requested"]').check()
    item.locator("textarea").fill("请补充服务企业的确认函。")
    assert "待补充材料 1 项" in page.inner_text("#rv-progress")
    # The verdicts given here are this browser's draft, and the list says so.
    assert option.inner_text().endswith("：部分核查，待补充材料 1 项（有草稿）")
    item.locator('input[value="verified"]').check()
    assert option.inner_text().endswith("：核查完毕（有草稿）")
    assert not page.problems, page.problems


def test_a_new_objection_is_numbered_as_the_file_numbers_them_and_an_answer_says_what_it_lacks(
        page, base: str) -> None:
    _open(page, base, YEAR, SOCIETY)
    today = page.evaluate("window.ReportForm.today()")
    ids = page.locator(".rv-objection").first.get_by_label("编号（小写英文、数字和连字符）")
    assert ids.input_value() == f"obj-{YEAR}-01"
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    assert box.get_by_label("编号（小写英文、数字和连字符）").input_value() == f"obj-{YEAR}-02"
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label("异议内容（摘要，不写个人信息）").fill("对参会人数有异议。")
    box.locator("select").nth(1).select_option("answered")
    assert box.get_by_label(ANSWERED).input_value() == today  # dated today, as 提出日期 is
    problems = page.locator("#rv-objections-file .rv-problems")
    n = page.locator(".rv-objection").count()
    assert f"第 {n} 条异议已答复，须写答复。" in problems.inner_text()
    box.get_by_label(ANSWER_LABEL).fill("已核实参会人数，维持原结果。")
    box.get_by_label(ANSWERED).fill("")
    said = problems.inner_text()
    assert f"第 {n} 条异议已答复，须写{ANSWERED}。" in said
    assert "须写答复和" not in said
    page.click("#rv-add-objection")
    assert page.locator(".rv-objection").last.get_by_label("编号（小写英文、数字和连字符）").input_value() == f"obj-{YEAR}-03"
    assert not page.problems, page.problems


@pytest.mark.parametrize("width", [1366, 390])
def test_the_reopen_banner_fits_the_page_with_no_serious_accessibility_fault(page, base: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    _open(page, base, FINAL_YEAR, FINAL_SOCIETY)
    for button in ("#rv-reopen-start", "#rv-reopen-end"):
        found = Axe().run(page, context="#review-bench").response["violations"]
        serious = [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical")
                   for n in v["nodes"]]
        assert not serious, serious
        box = page.locator("#rv-reopen").bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.click(button)
        page.wait_for_selector(".rv-item")
    assert not page.problems, page.problems
