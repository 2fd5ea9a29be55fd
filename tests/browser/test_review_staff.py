"""What a staff reviewer found missing on the workbench (second round).

- A research report's evidence (`achievements[].evidence`) was not shown at all, while the report
  page linked it: every reference an item carries is listed, with the part it proves.
- Expert marks were invited for a clause the report does not claim (no 综合性学术年会): the
  sentence 「不计分：本报告没有计分的……」 showed only after a row was entered. It shows before.
- 「在 GitHub 上新建 reviews/2018/<id>.yaml」 was offered while the page said 「名单中目前还没有人：请下载
  文件交给管理员提交」: a route the ownership check refuses is not offered, and the page says whom
  to hand the file to.
- Coming back to /review/ without the report's link, nothing said a draft was waiting here (the
  list said 未开始): the society list marks it 「（有草稿）」 and a line on top links every draft.
- After the download nothing changed on the page: a note says the file was made (when), what comes
  next, and that the draft clears itself once the file is merged; it stays with the draft.
- A draft on an older record whose merge would add nothing was told 「合并时不采用」 of a merge the
  box did not offer: it now says there is nothing to merge, and speaks of the choices it offers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import settled
from tests.browser.test_review_bench import _open
from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, SOCIETY = 2018, "cd-mech-eng"
# Where to keep screenshots to look at, as staff see the page (none unless asked for).
SHOTS = os.environ.get("WORKBENCH_SHOTS")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_tree(tmp_path_factory.mktemp("staff") / "tree")
    sync_playwright()
    with served(built_site(root)) as url:
        yield url




def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe's serious or critical faults of the workbench, as test_review_site.py asks."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context="#review-bench").response["violations"]
    return [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical") for n in v["nodes"]]


def _shots(page, name: str, selector: str) -> None:  # type: ignore[no-untyped-def]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        page.locator(selector).first.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"staff-{name}-{width}.png"))


def test_a_research_reports_evidence_is_linked_with_the_achievement_it_proves(page, base: str) -> None:
    _open(page, base)
    item = page.locator(".rv-item[data-item='rpt-equipment-hub']")
    assert "证明材料（在新标签页打开）：" in item.inner_text()
    link = item.locator(".rv-evidence a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/cast-sample/cd-mech-eng/2018/rpt-hub-policy"
    assert (link.get_attribute("target"), link.get_attribute("rel")) == ("_blank", "noopener noreferrer")
    said = item.locator(".rv-evidence li").inner_text()
    assert said.startswith("成果认定（认定方式：采纳或形成政策，成果日期：2018-03-20）：https://")
    _shots(page, "evidence", ".rv-item[data-item='rpt-equipment-hub'] .rv-evidence")
    assert not page.problems, page.problems


def test_a_criterion_no_item_earns_under_says_so_before_any_mark(page, base: str) -> None:
    from validators.year.rubric import rubric

    _open(page, base, "cd-electronics")  # its 2018 report has no annual conference
    [criterion] = rubric(YEAR).assessed
    line = page.locator(f"#rv-combined-{criterion.id}")
    assert page.locator(".rv-mark").count() == 0
    assert line.inner_text() == f"不计分：本报告没有计分的综合性学术年会（条款 {criterion.clause}），此时给出的专家评分记 0 分。"
    # A report whose conference earns asks for the marks as before.
    _open(page, base)
    assert page.locator(f"#rv-combined-{criterion.id}").inner_text() == "尚无评分。"
    _open(page, base, "cd-electronics")
    _shots(page, "unjudged", f"#rv-combined-{criterion.id}")
    assert not page.problems, page.problems


def test_no_github_route_is_offered_while_nobody_is_on_the_admin_list(page, base: str) -> None:
    """The sample has no admin list: nobody passes the ownership check."""
    _open(page, base, "cd-electronics")
    page.locator(".rv-item[data-item='rpt-5g-siting'] input[value='verified']").check()
    github = page.locator("#rv-review-file .rv-github")
    assert github.locator("a").count() == 0
    assert "在 GitHub 上新建" not in github.inner_text()
    assert github.locator(".rv-who-not").inner_text() == (
        "名单中目前还没有人，从 GitHub 发起的拉取请求都会被“文件夹权限”检查拒绝，"
        "所以这里不给出 GitHub 上的链接：请下载文件交给市科协管理员提交。")
    _shots(page, "no-route", "#rv-review-file .rv-github")
    assert not page.problems, page.problems


def test_a_draft_left_in_this_browser_is_found_again_without_its_link(page, base: str) -> None:
    _open(page, base, "cd-electronics")
    assert page.locator("#rv-drafts").is_hidden()
    page.locator(".rv-item[data-item='rpt-5g-siting'] input[value='material_requested']").check()
    page.locator(".rv-item[data-item='rpt-5g-siting'] textarea").fill("请补充<b>采纳</b>证明。")
    settled(page)
    assert page.locator("#rv-society option[value='cd-electronics']").inner_text().endswith("（有草稿）")
    page.goto(f"{base}review/")
    page.wait_for_selector("#rv-society option[value='cd-electronics']", state="attached")
    settled(page)
    option = page.locator("#rv-society option[value='cd-electronics']").inner_text()
    assert option.endswith("（有草稿）"), option
    assert not page.locator("#rv-society option[value='cd-tcm']").inner_text().endswith("（有草稿）")
    line = page.locator("#rv-drafts")
    assert line.inner_text().startswith("本浏览器中有未提交的核查草稿：2018 年度成都市电子学会")
    [link] = line.locator("a").all()
    assert link.get_attribute("href") == f"#{YEAR}/cd-electronics"
    _shots(page, "drafts", "#rv-drafts")
    assert not _serious(page)
    link.click()
    page.wait_for_selector(".rv-item")
    settled(page)
    assert page.locator(".rv-item[data-item='rpt-5g-siting'] textarea").input_value() == "请补充<b>采纳</b>证明。"
    # Discarded, the draft is listed nowhere.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="丢弃草稿，重新载入仓库中的记录").click()
    settled(page)
    assert page.locator("#rv-drafts").is_hidden()
    assert not page.locator("#rv-society option[value='cd-electronics']").inner_text().endswith("（有草稿）")
    assert not page.problems, page.problems


def test_after_the_download_the_page_says_what_comes_next_and_keeps_saying_it(page, base: str) -> None:
    _open(page, base, "cd-electronics")
    item = page.locator(".rv-item[data-item='rpt-5g-siting']")
    item.locator("input[value='not_recognised']").check()
    item.locator("textarea").fill("采纳证明与题目不符。")
    settled(page)
    note = page.locator("#rv-review-file-generated")
    assert note.is_hidden()
    with page.expect_download() as got:
        page.click("#rv-review-file-download")
    assert "采纳证明与题目不符。" in Path(got.value.path()).read_text("utf-8")
    settled(page)
    said = note.inner_text()
    assert said.startswith("已生成文件（")
    # Nobody is on the sample's admin list: no upload on GitHub would pass, so only the administrator.
    assert "北京时间）：下一步把 cd-electronics.yaml 交给市科协管理员提交；" in said
    assert said.endswith("文件原样合并、网站更新后再打开本页，本草稿自动清除。")
    _shots(page, "generated", "#rv-review-file-generated")
    assert not _serious(page)
    # Kept with the draft: a reload says it again.
    page.reload()
    page.wait_for_selector(".rv-item")
    settled(page)
    assert page.locator("#rv-review-file-generated").inner_text() == said
    # Changed after the download: the file made lacks it.
    page.locator(".rv-item[data-item='rpt-5g-siting'] textarea").fill("采纳证明与题目不符，请补充。")
    settled(page)
    assert page.locator("#rv-review-file-generated").inner_text().endswith(
        "生成文件，此后本草稿又有改动：那份文件不含这些改动，请重新下载。")
    assert not page.problems, page.problems


def test_a_conflict_with_nothing_to_merge_says_so_and_speaks_of_no_merge(page, base: str) -> None:
    """The draft refuses an item 其余全部核实 (in the repository) verifies, and began on a record
    it does not name: nothing of it would be added by a merge."""
    _open(page, base, "cd-electronics")
    case = page.evaluate("fetch('cases/2018/cd-electronics.json').then(r => r.json())")
    [content] = [i["content"] for a in case["areas"] for i in a["items"] if i["id"] == "rpt-5g-siting"]
    rest = case["review"]["rest"]
    state = {"items": {"rpt-5g-siting": {"status": "not_recognised", "reason": "采纳证明与题目不符。",
                                         "reviewer": "cast-staff", "date": "2026-11-20", "content": content}},
             "rest": {"reviewer": rest["reviewer"], "date": rest["date"], "contents": rest["contents"]},
             "marks": [], "sample": True}
    page.evaluate("d => localStorage.setItem('rv-draft-2018-cd-electronics', JSON.stringify(d))",
                  {"base": "an-older-record", "state": state})
    page.reload()
    page.wait_for_selector(".rv-conflict")
    settled(page)
    box = page.locator(".rv-conflict")
    assert page.locator("#rv-conflict-merge").count() == 0
    said = box.inner_text()
    for merge in ("合并时不采用", "合并保留", "合并后", "合并时不加回"):
        assert merge not in said, merge
    assert page.inner_text("#rv-conflict-no-merge") == (
        "草稿开始后没有新给出仓库中的记录没有的结论或评分，合并不会加上任何内容，所以这里没有“合并”一项。")
    assert "草稿中以下 1 条与仓库中的记录不同" in said
    _shots(page, "no-merge", "#rv-conflict-no-merge")
    assert not page.problems, page.problems
