"""The workbench in headless Chromium writes into the review file the record it started from (the
sha256 of the repository's file the site was built with, `none` when there was none), which the
pull-request check holds to the base branch's file (E-REVIEW-STALE); so does the year's
objections file; and its GitHub route says who can take it (the admin list's admins and
reviewers). Both keep the repository file's leading comments (a sample's 示例数据 line), which
replacing the file used to delete, and write the workbench's own lines once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree
from validators.association.admin_list import ADMINS_FILE
from validators.check import check_tree
from validators.github.changed_files import ChangedFile
from validators.github.review_base import stale_reviews

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018
SOCIETY = "cd-mech-eng"  # has a review file on the site
NEW = "cd-tcm"  # its review file is taken out of the tree: the workbench starts a new one
OBJECTIONS = f"reviews/{YEAR}/objections.yaml"
# The year's only objection is renumbered: a new one follows it (obj-2018-08), not obj-2018-01's.
ONLY_OBJECTION = f"obj-{YEAR}-07"
REFUSED = "svc-motor-rd"
STAFF = "cast-staff"
# The workbench's own line in each file, written by it before: the next file has it once.
REVIEW_OWN = "# 由网站“核查工作台”生成。只有管理员和核查人员（.github/admins.yaml）能修改 reviews/。"
OBJECTIONS_OWN = "# 由网站“核查工作台”生成。"


def review(society: str) -> str:
    return f"reviews/{YEAR}/{society}.yaml"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data with a member of staff among the reviewers and one review file fewer."""
    tree = base_tree(tmp_path_factory.mktemp("based-on") / "tree")
    (tree / review(NEW)).unlink()
    (tree / ".github").mkdir()
    (tree / ADMINS_FILE).write_text(f"admins: [cast-admin]\nreviewers: [{STAFF}]\n", encoding="utf-8")
    objections = (tree / OBJECTIONS).read_text("utf-8")
    assert objections.count(f"id: obj-{YEAR}-") == 1
    (tree / OBJECTIONS).write_text(OBJECTIONS_OWN + "\n" + objections.replace(f"id: obj-{YEAR}-01", f"id: {ONLY_OBJECTION}"),
                                   "utf-8")
    (tree / review(SOCIETY)).write_text(REVIEW_OWN + "\n" + (tree / review(SOCIETY)).read_text("utf-8"), "utf-8")
    return tree


def _leading(text: str) -> list[str]:
    """The comment lines before the first key."""
    lines = text.splitlines()
    return lines[:next(i for i, line in enumerate(lines) if not line.startswith("#"))]


def _keeps_the_repositorys_comments(written: str, published: bytes, own: str) -> None:
    kept = [line for line in _leading(published.decode("utf-8")) if line != own]
    assert kept[0].startswith("# 示例数据（虚构）"), kept
    header = _leading(written)
    assert header[:len(kept)] == kept, header
    assert header.count(own) == 1, header


@pytest.fixture(scope="module")
def base(tree: Path) -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site(tree)) as url:
        yield url + "review/"


def _open(page, base: str, society: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}#{YEAR}/{society}")
    page.wait_for_selector(".rv-item")


def _download(page) -> str:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_the_file_names_the_record_it_started_from(page, base: str, tree: Path, tmp_path: Path) -> None:
    published = (tree / review(SOCIETY)).read_bytes()
    _open(page, base, SOCIETY)
    page.fill("#rv-reviewer", STAFF)
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    item.locator("textarea").fill("证明材料中没有企业出具的服务确认。")
    text = _download(page)
    digest = hashlib.sha256(published).hexdigest()
    lines = text.splitlines()
    at = lines.index(f"based_on: {digest}")
    assert lines[at - 1].startswith("# 核查工作台载入的仓库记录（sha256")
    assert "手工修改本文件时请删去这一行" in lines[at - 1]
    _keeps_the_repositorys_comments(text, published, REVIEW_OWN)
    assert not page.problems, page.problems

    # The pull-request check: main still holds the record the site showed, the file passes ...
    change = [ChangedFile(filename=review(SOCIETY), status="modified")]
    head = text.encode("utf-8")
    assert stale_reviews(change, lambda path: head, lambda path: published) == []
    # ... someone else's record merged meanwhile: refused.
    other = published.replace(b"date: 2026-11-12", b"date: 2026-11-13", 1)
    assert [f.code for f in stale_reviews(change, lambda path: head, lambda path: other)] == ["E-REVIEW-STALE"]
    # Merged, `check` on main has nothing to say about the line.
    (tree / review(SOCIETY)).write_bytes(head)
    try:
        result, _ = check_tree(tree)
        assert not result.has_errors, [f for f in result.findings if f.severity == "error"]
    finally:
        (tree / review(SOCIETY)).write_bytes(published)


def test_a_new_file_is_based_on_none(page, base: str, tree: Path) -> None:
    assert not (tree / review(NEW)).exists()
    _open(page, base, NEW)
    page.fill("#rv-reviewer", STAFF)
    page.check("#rv-rest")
    text = _download(page)
    assert "based_on: none" in text.splitlines()
    assert "sample: true" in text.splitlines()  # a sample society's new record is a sample too
    change = [ChangedFile(filename=review(NEW), status="added")]
    head = text.encode("utf-8")
    assert stale_reviews(change, lambda path: head, lambda path: None) == []
    assert [f.code for f in stale_reviews(change, lambda path: head, lambda path: b"society: cd-tcm\n")] == [
        "E-REVIEW-STALE"]


def test_the_objections_file_names_the_one_it_started_from_and_numbers_on_from_it(
        page, base: str, tree: Path) -> None:
    published = (tree / OBJECTIONS).read_bytes()
    _open(page, base, SOCIETY)
    page.fill("#rv-reviewer", STAFF)
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    # The file holds only obj-2018-07: the next is obj-2018-08.
    assert box.get_by_label("编号（小写英文、数字和连字符）").input_value() == f"obj-{YEAR}-08"
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label("异议内容（摘要，不写个人信息）").fill("对参会人数有异议。")
    box.get_by_label("提出日期").fill("2026-11-22")
    with page.expect_download() as info:
        page.click("#rv-objections-file-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    digest = hashlib.sha256(published).hexdigest()
    lines = text.splitlines()
    at = lines.index(f"based_on: {digest}")
    assert lines[at - 1].startswith("# 核查工作台载入的仓库中的异议记录（sha256")
    assert "手工修改本文件时请删去这一行" in lines[at - 1]
    assert f"- id: {ONLY_OBJECTION}" in lines
    assert f"- id: obj-{YEAR}-08" in lines
    _keeps_the_repositorys_comments(text, published, OBJECTIONS_OWN)
    assert not page.problems, page.problems

    # The pull-request check: main still holds the file the site showed, the file passes ...
    change = [ChangedFile(filename=OBJECTIONS, status="modified")]
    head = text.encode("utf-8")
    assert stale_reviews(change, lambda path: head, lambda path: published) == []
    # ... someone else's answer merged meanwhile: refused, naming it.
    answered = published.replace("    status: 受理中\n".encode(), (
        "    status: 已答复\n    answer: 已核实。\n    answered: 2026-11-25\n").encode(), 1)
    assert answered != published
    [found] = stale_reviews(change, lambda path: head, lambda path: answered)
    assert found.code == "E-REVIEW-STALE"
    assert f"异议 {ONLY_OBJECTION} 的答复（已答复，2026-11-25）" in found.message
    # Merged, `check` on main has no error about the file.
    (tree / OBJECTIONS).write_bytes(head)
    try:
        result, _ = check_tree(tree)
        assert not result.has_errors, [f for f in result.findings if f.severity == "error"]
    finally:
        (tree / OBJECTIONS).write_bytes(published)


def test_a_new_review_file_goes_into_the_years_folder(page, base: str) -> None:
    """The repository has no file of that name yet: nothing to replace."""
    _open(page, base, NEW)
    assert page.inner_text("#rv-review-file-where") == (
        f"下载的 {NEW}.yaml 放在仓库的 reviews/{YEAR}/ 文件夹中：在 GitHub 上先打开这个文件夹，"
        "再用“Add file → Upload files”上传；或把文件交给管理员（cast-admin）提交。")
    assert not page.problems, page.problems


def test_the_github_route_says_who_can_take_it(page, base: str) -> None:
    _open(page, base, SOCIETY)
    page.fill("#rv-reviewer", STAFF)
    page.locator(f'.rv-item[data-item="{REFUSED}"] input[value="verified"]').check()
    who = page.locator("#rv-review-file .rv-github")
    said = who.inner_text()
    assert ADMINS_FILE in said
    assert "管理员（admins）和核查人员（reviewers）" in said
    assert f"核查人 {STAFF} 在名单中" in said
    assert page.locator("#rv-review-file .rv-who-not").count() == 0
    assert page.locator("#rv-review-file .rv-github a").count() == 1
    page.fill("#rv-reviewer", "someone-else")
    # A pull request the ownership check refuses is offered no more, and the file's taker is named.
    assert page.locator("#rv-review-file .rv-who-not").inner_text() == (
        "上方的核查人 someone-else 不在名单中，用这个账号发起的拉取请求会被“文件夹权限”检查拒绝，"
        "所以这里不给出 GitHub 上的链接：请下载文件交给管理员（cast-admin）提交。")
    assert page.locator("#rv-review-file .rv-github a").count() == 0
    # Nor is an upload on GitHub, refused alike: the line under the download sends the file to them.
    assert page.inner_text("#rv-review-file-where") == (
        f"下载的 {SOCIETY}.yaml 请交给管理员（cast-admin）提交，由管理员放进仓库的 reviews/{YEAR}/ 文件夹（替换其中的同名文件）。")
    page.fill("#rv-reviewer", STAFF)
    # The objections file goes the same way.
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label("异议内容（摘要，不写个人信息）").fill("对参会人数有异议。")
    box.get_by_label("编号（小写英文、数字和连字符）").fill("obj-1")
    assert ADMINS_FILE in page.locator("#rv-objections-file .rv-github").inner_text()
    # Where each downloaded file goes, with the admin list's administrators named.
    assert page.inner_text("#rv-review-file-where") == (
        f"下载的 {SOCIETY}.yaml 放在仓库的 reviews/{YEAR}/ 文件夹中：在 GitHub 上先打开这个文件夹，"
        "再用“Add file → Upload files”上传（替换其中的同名文件）；或把文件交给管理员（cast-admin）提交。")
    assert page.inner_text("#rv-objections-file-where").startswith(f"下载的 objections.yaml 放在仓库的 reviews/{YEAR}/ 文件夹中")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (width, overflow)
    assert not page.problems, page.problems


# --- a draft begun on an older record, against the record merged since --------------------------

ASKED = "svc-finance-match"
EXPERT = "expert-c"


def _merged_meanwhile(page, keep_rest: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The site rebuilt after the staff's file was merged: one item waits for material (by the
    member of staff), expert-a marked the annual meeting, and an admin took back the
    其余全部核实 the draft began with (`keep_rest`: it stands as before). The record's new
    digest (a stand-in: the case data carry it, the page copies it)."""
    digest = hashlib.sha256(b"merged meanwhile").hexdigest()

    def edit(route) -> None:  # type: ignore[no-untyped-def]
        data = route.fetch().json()
        content = next(i["content"] for a in data["areas"] for i in a["items"] if i["id"] == ASKED)
        data["review"]["items"] = [{"item": ASKED, "status": "material_requested", "reason": "请补充对接协议。",
                                    "reviewer": STAFF, "date": "2026-11-20", "content": content}]
        data["review"]["marks"] = [{"criterion": "event-quality", "expert": "expert-a", "mark": 4.5, "date": "2026-11-20"}]
        if not keep_rest:
            del data["review"]["rest"]
        data["review_sha256"] = digest
        route.fulfill(json=data)
    page.route(f"**/cases/{YEAR}/{SOCIETY}.json", edit)
    return digest


def _title(page, item: str) -> str:  # type: ignore[no-untyped-def]
    return page.inner_text(f"#rv-{item}-title")


def test_a_draft_on_an_older_record_says_what_it_would_delete_and_merges(page, base: str, tmp_path: Path) -> None:
    """An expert's draft (a refusal, a verdict on the item the staff since asked material for, a
    mark) meets the staff's record merged meanwhile, from which an admin took back the
    其余全部核实 the draft began with. The page names what replacing the record would delete, by
    item and by whom (within the page at 1366 and 390 px, no serious accessibility fault), and
    the 其余全部核实 the merge does not bring back; replacing asks first; merging keeps the
    record's and adds the draft's own (not the 其余全部核实 it began with), and lists the draft's
    verdict the record's stood against."""
    _open(page, base, SOCIETY)
    page.fill("#rv-reviewer", EXPERT)
    refused = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    refused.locator('input[value="not_recognised"]').check()
    refused.locator("textarea").fill("没有服务确认。")
    page.locator(f'.rv-item[data-item="{ASKED}"] input[value="verified"]').check()
    criterion = page.locator(".rv-criterion").first
    criterion.get_by_role("button", name="添加一位专家的评分").click()
    criterion.get_by_label("专家编号").last.fill(EXPERT)
    criterion.get_by_label("分数").last.fill("4")
    titles = {item: _title(page, item) for item in (REFUSED, ASKED)}
    from axe_playwright_python.sync_playwright import Axe

    digest = _merged_meanwhile(page)
    page.reload()
    page.wait_for_selector(".rv-conflict")
    box = page.locator(".rv-conflict")
    deleted = page.locator("#rv-apart-deleted li").all_inner_texts()
    assert deleted == [
        "专家 expert-a 对评分项“综合性学术年会的质量”的评分 4.5 分（2026-11-20）",
        f"项目“{titles[ASKED]}”的结论“待补充材料”，理由“请补充对接协议。”（{STAFF} 记录，2026-11-20）；"
        f"草稿中是“已核实”（{EXPERT} 记录，{page.evaluate('ReportForm.today()')}）"]
    added = page.locator("#rv-apart-added li").all_inner_texts()
    assert len(added) == 2
    assert added[0].startswith(f"项目“{titles[REFUSED]}”的结论“不予认定”，理由“没有服务确认。”（{EXPERT} 记录")
    assert added[1].startswith("专家 expert-c 对评分项“综合性学术年会的质量”的评分 4 分")
    # The admin's withdrawal stands: the draft's 其余全部核实 is its start's, not its own work.
    assert page.locator("#rv-apart-revived li").all_inner_texts() == ["“其余全部核实”（cast-reviewer 记录，2026-11-12）"]
    assert page.locator("#rv-apart-not-merged li").all_inner_texts() == [
        f"项目“{titles[ASKED]}”的结论“已核实”（{EXPERT} 记录，{page.evaluate('ReportForm.today()')}）；"
        f"仓库中是“待补充材料”，理由“请补充对接协议。”（{STAFF} 记录，2026-11-20）"]
    assert box.get_by_role("button", name="继续使用草稿").count() == 0
    replace = box.get_by_role("button", name="用草稿替换仓库中的记录（将删除上面列出的 2 条）")
    merge = box.get_by_role("button", name="合并：保留仓库中的记录，加上草稿中的 2 条")
    assert "rf-primary" in (merge.get_attribute("class") or "")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 1400})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box.screenshot(path=str(tmp_path / f"conflict-{width}.png"))
        found = Axe().run(page, context="#review-bench").response["violations"]
        serious = [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical")
                   for n in v["nodes"]]
        assert not serious, serious
    page.set_viewport_size({"width": 1280, "height": 900})

    # Replacing asks first, naming what goes; declined, nothing changes.
    said: list[str] = []
    page.once("dialog", lambda d: said.append(d.message) or d.dismiss())
    replace.click()
    assert "将删除仓库中的这 2 条记录" in said[0]
    assert "expert-a" in said[0]
    assert "并加回仓库中已删除的 1 条" in said[0]
    assert page.locator(".rv-conflict").count() == 1
    assert page.locator(".rv-item").count() == 0

    merge.click()
    page.wait_for_selector(".rv-item")
    assert page.is_checked(f'.rv-item[data-item="{ASKED}"] input[value="material_requested"]')
    assert page.is_checked(f'.rv-item[data-item="{REFUSED}"] input[value="not_recognised"]')
    assert not page.is_checked("#rv-rest")
    assert page.locator("#rv-apart-not-applied li").all_inner_texts() == [
        f"项目“{titles[ASKED]}”的结论“已核实”（{EXPERT} 记录，{page.evaluate('ReportForm.today()')}）；"
        f"仓库中是“待补充材料”，理由“请补充对接协议。”（{STAFF} 记录，2026-11-20）"]
    text = _download(page)
    assert f"based_on: {digest}" in text.splitlines()
    for kept in (f"item: {ASKED}", "status: 待补充材料", "reason: 请补充对接协议。", f"item: {REFUSED}",
                 "status: 不予认定", "expert: expert-a", f"expert: {EXPERT}"):
        assert kept in text, kept
    assert "rest:" not in text
    # The merge goes on from the record now: no question after a reload.
    page.reload()
    page.wait_for_selector(".rv-item")
    assert page.locator(".rv-conflict").count() == 0
    assert page.is_checked(f'.rv-item[data-item="{REFUSED}"] input[value="not_recognised"]')
    assert not page.problems, page.problems


def test_a_merge_does_not_override_the_records_rest_with_a_drafts_refusal(page, base: str) -> None:
    """The record's 其余全部核实 counts an item as verified; the draft refused it. Merging would
    change the item's verdict: it is listed among the draft's not merged (the record's stands),
    not among what the merge adds, and the merged record has no verdict of its own on it."""
    _open(page, base, SOCIETY)
    page.fill("#rv-reviewer", EXPERT)
    refused = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    refused.locator('input[value="not_recognised"]').check()
    refused.locator("textarea").fill("没有服务确认。")
    criterion = page.locator(".rv-criterion").first
    criterion.get_by_role("button", name="添加一位专家的评分").click()
    criterion.get_by_label("专家编号").last.fill(EXPERT)
    criterion.get_by_label("分数").last.fill("4")
    title = _title(page, REFUSED)
    _merged_meanwhile(page, keep_rest=True)
    page.reload()
    page.wait_for_selector(".rv-conflict")
    [added] = page.locator("#rv-apart-added li").all_inner_texts()
    assert added.startswith("专家 expert-c")
    [refusal] = page.locator("#rv-apart-not-merged li").all_inner_texts()
    assert refusal.startswith(f"项目“{title}”的结论“不予认定”，理由“没有服务确认。”（{EXPERT} 记录")
    assert refusal.endswith("；仓库中是“已核实”（按“其余全部核实”，cast-reviewer 记录，2026-11-12）")
    # Replacing would change it too: said among what replacing deletes.
    assert any(t.startswith(f"项目“{title}”的结论“已核实”（按“其余全部核实”") for t in
               page.locator("#rv-apart-deleted li").all_inner_texts())
    page.click("#rv-conflict-merge")
    page.wait_for_selector(".rv-item")
    assert page.is_checked("#rv-rest")
    assert not page.is_checked(f'.rv-item[data-item="{REFUSED}"] input[value="not_recognised"]')
    assert page.locator("#rv-apart-not-applied li").all_inner_texts() == [refusal]
    assert page.inner_text("#rv-merged").startswith("已合并：仓库中的记录全部保留，加上了草稿中的 1 条")
    assert not page.problems, page.problems
