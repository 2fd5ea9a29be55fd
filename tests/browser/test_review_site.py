"""The verification workbench in headless Chromium: a reviewer refuses an item, the file it
downloads passes `check`, `evaluate` then pays the item nothing and gives the page's total, and
the board of the rebuilt site shows the society partly verified; a final year is read-only; no
serious accessibility fault at desktop and phone widths; nothing leaves the site."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT, base_tree
from validators.evaluation.results import results_path
from validators.models.review import ItemReview, Objection

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SOCIETY, YEAR = "cd-mech-eng", 2018
REFUSED = "svc-motor-rd"
# What the page and `check` call a verdict's date and an objection's: the models' titles.
VERDICT_DATE = ItemReview.model_fields["date"].title
FILED = Objection.model_fields["filed"].title
ANSWERED = Objection.model_fields["answered"].title
# An objection's other fields are labelled by their titles too, then the page's hint.
_TITLE = {key: Objection.model_fields[key].title for key in ("id", "issue", "subject", "answer")}
ID_LABEL = f"{_TITLE['id']}（小写英文、数字和连字符）"
ISSUE_LABEL = f"{_TITLE['issue']}（GitHub 议题，可不填）"
SUBJECT_LABEL = f"{_TITLE['subject']}（摘要，不写个人信息）"
ANSWER_LABEL = f"{_TITLE['answer']}（市科协的答复）"


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "review/"


def _open(page, base: str, year: int, society: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}#{year}/{society}")
    page.wait_for_selector(".rv-item")


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_refused_item_gives_a_file_check_accepts_and_evaluate_agrees(page, base: str, tmp_path: Path) -> None:
    assert not results_path(ROOT, YEAR).is_file(), "the sample year under review must not be final"
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    before = float(page.inner_text("#rv-total"))
    page.uncheck("#rv-rest")  # verification starts afresh: the rest is not yet verified
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    # Without a reason the file cannot be saved, and the page says why.
    assert page.locator("#rv-review-file-download").is_disabled()
    assert "须写明理由" in page.inner_text("#rv-review-file .rv-problems")
    item.locator("textarea").fill("证明材料中没有企业出具的服务确认。")
    total = float(page.inner_text("#rv-total"))
    assert total < before
    assert "0 分" in item.locator(".rv-points").inner_text().split("·")[1]
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"item: {REFUSED}" in text
    assert "status: 不予认定" in text  # the words staff use, as the sample files write them
    assert "rest:" not in text
    assert "sample: true" in text  # the sample's mark is kept

    tree = base_tree(tmp_path / "tree")
    (tree / "reviews" / str(YEAR) / f"{SOCIETY}.yaml").write_text(text, encoding="utf-8")
    checked = _cli(tree, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    done = _cli(tree, "evaluate", "--year", str(YEAR), "--society", SOCIETY, "--format", "json")
    assert done.returncode == 0, done.stderr
    [evaluation] = [e for e in json.loads(done.stdout)["evaluations"] if e["society"] == SOCIETY]
    assert evaluation["total"] == total
    refused = [line for line in evaluation["lines"] if line["item_id"] == REFUSED]
    assert refused
    assert all(line["points"] == 0 for line in refused)
    assert any("不予认定" in line["note"] for line in refused)
    assert not page.problems, page.problems

    # The board of the site built over that tree: the society is partly verified.
    with served(built_site(tree)) as url:
        page.goto(url + "review/")
        row = page.locator("table tr", has_text="机械工程学会")
        assert "部分核查" in row.first.inner_text()
        page.goto(url + "status/2018/")
        assert "部分核查" in page.inner_text("article")


def test_expert_marks_count_as_the_rubric_combines_them(page, base: str) -> None:
    _open(page, base, YEAR, SOCIETY)
    criteria = page.locator(".rv-criterion")
    if criteria.count() == 0:
        pytest.skip("this year's rubric has no assessed criterion")
    first = criteria.first
    before = float(page.inner_text("#rv-total"))
    for expert, mark in (("expert-a", "3"), ("expert-b", "4")):
        first.get_by_role("button", name="添加一位专家的评分").click()
        row = first.locator(".rv-mark").last
        row.get_by_label("专家编号").fill(expert)
        row.get_by_label("分数").fill(mark)
    combined = first.locator(".rv-combined").inner_text()
    assert "2 位专家评分" in combined or "至少需要" in combined
    assert float(page.inner_text("#rv-total")) >= before
    assert "marks:" in page.input_value("#rv-review-file textarea")
    # Out of range and not a multiple of 0.5: both said at once, not the second after the first.
    first.locator(".rv-mark").last.get_by_label("分数").fill("1000.3")
    problems = page.inner_text("#rv-review-file .rv-problems")
    assert "的分数须在" in problems
    assert "须为 0.5 的整数倍" in problems


def test_a_final_year_is_read_only(page, base: str) -> None:
    final = next(y for y in (2017,) if results_path(ROOT, y).is_file())
    _open(page, base, final, "cd-agri")
    assert "只读" in page.inner_text("#rv-phase")
    assert page.locator(".rv-item input:not([disabled])").count() == 0
    assert page.locator("#rv-reviewer").is_disabled()
    assert page.locator("#rv-date").is_disabled()
    assert page.locator("#rv-review-file").count() == 0
    assert page.locator("#rv-add-objection").count() == 0


def test_a_link_to_a_year_or_society_with_nothing_to_verify_says_so(page, base: str) -> None:
    """#2019/cd-computer opened 2018 with no society and no word of why (a reviewer's case)."""
    page.goto(f"{base}#1999/cd-computer")
    page.wait_for_selector("#rv-phase:not(:empty)")
    shown = page.locator("#rv-year").input_value()
    assert page.inner_text("#rv-link-note") == f"链接中的 1999 年度没有可核查的报告，已打开 {shown} 年度。"
    page.goto(f"{base}#2018/cd-nowhere")
    page.wait_for_function("document.getElementById('rv-link-note').textContent.includes('cd-nowhere')")
    assert page.inner_text("#rv-link-note") == "链接中的学会“cd-nowhere”在 2018 年度没有可核查的报告，请在上面选择学会。"
    _open(page, base, 2018, "cd-computer")  # a link to what is there: no note
    assert page.locator("#rv-link-note").is_hidden()


def test_objections_are_recorded_into_the_years_file(page, base: str) -> None:
    _open(page, base, YEAR, SOCIETY)
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对学术交流活动的参会人数有异议。")
    text = page.input_value("#rv-objections-file textarea")
    assert f"society: {SOCIETY}" in text
    assert "status: 受理中" in text
    assert not page.locator("#rv-objections-file-download").is_disabled()
    box.locator("select").nth(1).select_option("answered")
    assert "须写答复" in page.inner_text("#rv-objections-file .rv-problems")
    # An id given twice is refused as the check refuses it; a mistaken entry can be removed.
    first_id = page.locator(".rv-objection").first.get_by_label(ID_LABEL).input_value()
    box.get_by_label(ID_LABEL).fill(first_id)
    assert "重复" in page.inner_text("#rv-objections-file .rv-problems")
    count = page.locator(".rv-objection").count()
    page.on("dialog", lambda dialog: dialog.accept())  # removing and discarding ask first
    box.get_by_role("button", name="删除这条异议").click()
    assert page.locator(".rv-objection").count() == count - 1
    assert not page.locator("#rv-objections-file-download").is_disabled()
    # The draft is kept over a reload, and can be given up for the published file.
    page.click("#rv-add-objection")
    page.reload()
    page.wait_for_selector(".rv-objection")
    assert page.locator(".rv-objection").count() == count
    page.get_by_role("button", name="丢弃草稿，重新载入仓库中的记录").last.click()
    assert page.locator(".rv-objection").count() == count - 1


def test_an_objection_says_all_its_problems_at_once(page, base: str) -> None:
    """A wrong issue number was said only once the other problems were mended: the schema was
    asked only when the page's own checks found nothing. Each value is said once, in the page's
    words where it has them."""
    _open(page, base, YEAR, SOCIETY)
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.get_by_label(ISSUE_LABEL).fill("0")
    problems = page.inner_text("#rv-objections-file .rv-problems")
    assert "请选择学会" in problems
    assert f"请写{_TITLE['subject']}" in problems
    assert "“议题编号”小于允许的最小值" in problems
    # The schema's messages name a field by its title; the field's label starts with the same words.
    labels = box.locator("label").all_inner_texts()
    for key in ("id", "issue", "subject", "status", "correction_allowed", "answer"):
        title = Objection.model_fields[key].title
        assert title, key
        assert any(label.strip().startswith(title) for label in labels), (title, labels)
    assert "学会 id" not in problems
    assert "“异议内容”" not in problems
    assert page.locator("#rv-objections-file-download").is_disabled()
    box.get_by_label(ISSUE_LABEL).fill("1.5")
    assert "“议题编号”须为整数" in page.inner_text("#rv-objections-file .rv-problems")
    # A number given twice and not a number at all: both said, each once.
    first_id = page.locator(".rv-objection").first.get_by_label(ID_LABEL)
    first_id.fill("Obj 9")
    box.get_by_label(ID_LABEL).fill("Obj 9")
    problems = page.inner_text("#rv-objections-file .rv-problems")
    assert "重复" in problems
    last = page.locator(".rv-objection").count()
    assert problems.count("“编号”格式不对") == 1, problems
    assert f"第 1、{last} 条异议的“编号”格式不对。" in problems
    first_id.fill("obj-1")
    box.get_by_label(ID_LABEL).fill("obj-9")
    box.get_by_label(ISSUE_LABEL).fill("12")
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对服务站的活动次数有异议。")
    assert not page.locator("#rv-objections-file-download").is_disabled()


def test_a_reason_is_what_makes_a_refusal_count_and_a_year_survives_a_reload(page, base: str) -> None:
    _open(page, base, YEAR, SOCIETY)
    before = page.inner_text("#rv-total")
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    assert item.locator(".rv-hint").is_visible()
    assert page.inner_text("#rv-total") == before
    item.locator("textarea").fill("理由")
    assert not item.locator(".rv-hint").is_visible()
    assert page.inner_text("#rv-total") != before
    page.goto(f"{base}#2017")
    page.reload()
    page.wait_for_selector("#rv-society option", state="attached")
    assert page.input_value("#rv-year") == "2017"


@pytest.mark.parametrize("width", [1366, 390])
def test_the_workbench_has_no_serious_accessibility_fault(page, base: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    _open(page, base, YEAR, SOCIETY)
    found = Axe().run(page, context="#review-bench").response["violations"]
    serious = [f"{v['id']}: {n['target']}" for v in found if v["impact"] in ("serious", "critical")
               for n in v["nodes"]]
    assert not serious, serious
    assert not page.problems, page.problems


def test_the_board_opens_a_report_in_the_workbench(page, base: str) -> None:
    """The sample's society with an item waiting for material is on the board as partly
    verified, and its link opens that report above, the waiting item loaded with its reason."""
    page.goto(base)
    row = page.locator("table tr", has_text="计算机学会")
    assert "部分核查" in row.first.inner_text()
    row.first.locator("a[data-open]").click()
    page.wait_for_selector('.rv-item[data-item="svc-cloud-consult"]')
    item = page.locator('.rv-item[data-item="svc-cloud-consult"]')
    assert item.locator('input[value="material_requested"]').is_checked()
    assert "服务确认函" in item.locator("textarea").input_value()
    assert page.evaluate("window.location.hash") == "#2018/cd-computer"
    # A heading's own anchor (its ¶ link) on the board leaves the open report where it is.
    assert page.locator("#board-2018").count() == 1
    for anchor in ("#board-2018", "#_1"):
        page.evaluate(f"window.location.hash = '{anchor}'")
        page.wait_for_timeout(300)
        assert page.locator("#rv-society").input_value() == "cd-computer"
        assert page.locator('.rv-item[data-item="svc-cloud-consult"]').count() == 1


def _rebuilt_with_reason(page, reason: str) -> None:  # type: ignore[no-untyped-def]
    """From now on the page reads a case file whose record an admin changed at merge: the
    waiting item's reason is `reason`, and the record's digest is that of the changed file (as a
    rebuild after that merge would publish them)."""
    def edit(route) -> None:  # type: ignore[no-untyped-def]
        data = route.fetch().json()
        for rec in data["review"]["items"]:
            if rec["item"] == "svc-cloud-consult":
                rec["reason"] = reason
        data["review_sha256"] = _digest_of(reason)
        route.fulfill(json=data)
    page.route("**/cases/2018/cd-computer.json", edit)


def _digest_of(reason: str) -> str:
    """A stand-in for the sha256 of the review file a merge with `reason` would leave."""
    return hashlib.sha256(reason.encode("utf-8")).hexdigest()


def test_a_draft_begun_on_an_older_record_is_not_restored_over_the_new_one(page, base: str) -> None:
    """A draft in the browser silently won over a record an admin had since changed: the download
    reverted the admin's edit. Now the page says the record changed and lets the reviewer choose."""
    waiting = '.rv-item[data-item="svc-cloud-consult"] textarea'
    key = "rv-draft-2018-cd-computer"
    _open(page, base, 2018, "cd-computer")
    page.fill(waiting, "草稿里的理由")  # a draft, begun on the record as published
    assert page.evaluate(f"localStorage.getItem('{key}')")
    # The same record as when the draft began: restored, as before.
    page.reload()
    page.wait_for_selector(".rv-item")
    assert page.input_value(waiting) == "草稿里的理由"
    assert "已恢复" in page.inner_text("#rv-case .rv-draft")
    # The admin changed the reason at merge and the site was rebuilt: not restored silently.
    _rebuilt_with_reason(page, "管理员合并时改写的理由")
    page.reload()
    page.wait_for_selector(".rv-conflict")
    assert "仓库中的核查记录在本草稿开始之后已经改动" in page.inner_text(".rv-conflict")
    assert page.locator(".rv-item").count() == 0  # nothing to edit (and save over the draft) yet
    # What replacing the record deletes is named: the admin's reason, with the draft's beside it.
    [deleted] = page.locator("#rv-apart-deleted li").all_inner_texts()
    assert "理由“管理员合并时改写的理由”" in deleted
    assert "草稿中是“待补充材料”，理由“草稿里的理由”" in deleted
    assert page.locator("#rv-conflict-merge").count() == 0  # the draft adds nothing the record lacks
    page.once("dialog", lambda d: d.accept())  # replacing asks first
    page.get_by_role("button", name="用草稿替换仓库中的记录（将删除上面列出的 1 条）").click()
    assert page.input_value(waiting) == "草稿里的理由"
    assert "替换仓库中的记录" in page.inner_text("#rv-case .rv-draft")
    # The reviewer was warned that the draft replaces the record: the file starts from the
    # record now on main, so the pull request's check (E-REVIEW-STALE) lets it through.
    page.fill("#rv-reviewer", "cast-staff")
    with page.expect_download() as info:
        page.click("#rv-review-file-download")
    written = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert f"based_on: {_digest_of('管理员合并时改写的理由')}" in written
    page.reload()  # the choice is remembered: the draft now goes on from the new record
    page.wait_for_selector(".rv-item")
    assert page.locator(".rv-conflict").count() == 0
    assert page.input_value(waiting) == "草稿里的理由"
    # Another change at merge: this time the repository's record is taken and the draft dropped.
    page.unroute("**/cases/2018/cd-computer.json")
    _rebuilt_with_reason(page, "第二次改写的理由")
    page.reload()
    page.get_by_role("button", name="使用仓库中的新记录（丢弃草稿）").click()
    assert page.input_value(waiting) == "第二次改写的理由"
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    assert page.locator("#rv-case .rv-draft").count() == 0
    # A draft that the repository's record now equals (it was merged) is dropped without a word.
    page.fill(waiting, "合并后的理由")
    page.unroute("**/cases/2018/cd-computer.json")
    _rebuilt_with_reason(page, "合并后的理由")
    page.reload()
    page.wait_for_selector(".rv-item")
    assert page.locator("#rv-case .rv-draft").count() == 0
    assert page.input_value(waiting) == "合并后的理由"
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    assert not page.problems, page.problems


def test_a_final_year_shows_its_frozen_result_whatever_the_rubric_says_now(page, base: str) -> None:
    """The read-only view scored the plan under today's rubric: a changed point moved 2017's
    total away from results/2017.json. The rubric is changed here as a rebuild would publish it
    (the plan pays 2 more points for the platform); the page still shows the frozen figures."""
    frozen = json.loads((ROOT / "results" / "2017.json").read_text("utf-8"))
    [evaluation] = [e for e in frozen["evaluations"] if e["society"] == "cd-computer"]

    def changed_rubric(route) -> None:  # type: ignore[no-untyped-def]
        data = route.fetch().json()
        for unit in data["plan"]["units"]:
            if unit["id"] == "enterprise_platform_registered":
                unit["points"] += 2
        route.fulfill(json=data)

    page.route("**/cases/2017/cd-computer.json", changed_rubric)
    _open(page, base, 2017, "cd-computer")
    assert float(page.inner_text("#rv-total")) == evaluation["total"]
    assert "定稿结果" in page.inner_text("#rv-score")
    assert evaluation["tier"] in page.inner_text("#rv-score")
    area = page.locator('#rv-score td[data-area="innovation"]').inner_text()
    assert float(area) == evaluation["subtotals"]["innovation"]
    points = page.locator('.rv-item[data-item="enterprise_platform_registered"] .rv-points').inner_text()
    assert points == "定稿结果 3 分"
    assert f"定稿结果 {evaluation['total']:g} 分" in page.inner_text("#rv-bar")
    assert not page.problems, page.problems


@pytest.mark.parametrize(("text", "code"), [("联系人 13800138000", "E-PRIVACY-PHONE"), ("zhang@qq.com", "E-PRIVACY-EMAIL"),
                                        ("11010519491231002X", "E-PRIVACY-ID-NUMBER")])
def test_personal_data_is_refused_as_check_refuses_it(page, base: str, text: str, code: str) -> None:
    """A phone number, a personal address or an identity number in a reason, an expert number or
    an objection passed the page (download enabled) while `check` refused the file. The page now
    says the check's own words (tests/test_review_privacy.py holds the rule to the check's)."""
    from validators.association.browser_privacy import browser_privacy_rule

    said = browser_privacy_rule()["messages"][code].split("（")[0]
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    item.locator("textarea").fill("证明材料不足，" + text)
    problems = page.inner_text("#rv-review-file .rv-problems")
    assert said in problems
    assert page.locator("#rv-review-file-download").is_disabled()
    item.locator("textarea").fill("证明材料不足。")
    assert not page.locator("#rv-review-file-download").is_disabled()
    criteria = page.locator(".rv-criterion")
    if criteria.count():
        criteria.first.get_by_role("button", name="添加一位专家的评分").click()
        row = criteria.first.locator(".rv-mark").last
        row.get_by_label("专家编号").fill(text.split()[-1].lower())
        row.get_by_label("分数").fill("3")
        assert said in page.inner_text("#rv-review-file .rv-problems")
        assert page.locator("#rv-review-file-download").is_disabled()
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对参会人数有异议，" + text)
    assert said in page.inner_text("#rv-objections-file .rv-problems")
    assert page.locator("#rv-objections-file-download").is_disabled()
    box.get_by_label(SUBJECT_LABEL).fill("对参会人数有异议。")
    assert not page.locator("#rv-objections-file-download").is_disabled()
    box.get_by_label(ANSWER_LABEL).fill("已核实，" + text)
    assert said in page.inner_text("#rv-objections-file .rv-problems")
    assert not page.problems, page.problems


LIVE_CHANGES = """() => {
  window.liveChanges = 0;
  const observer = new MutationObserver((records) => { window.liveChanges += records.length; });
  document.querySelectorAll("[aria-live]").forEach((node) =>
    observer.observe(node, { childList: true, subtree: true, characterData: true }));
}"""


def test_screen_readers_hear_the_total_when_it_changes_and_focus_stays_in_the_lists(page, base: str) -> None:
    """Typing a reason rebuilt the live score box on every key (7 keys, 42 changes); removing a
    mark or an objection left focus on <body>; a new row was not focused."""
    _open(page, base, YEAR, SOCIETY)
    page.on("dialog", lambda dialog: dialog.accept())  # removing a filled row asks first
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    reason = item.locator("textarea")
    reason.press_sequentially("无")  # the refusal counts from its first character: the total changes
    total = page.inner_text("#rv-total")
    assert page.inner_text("#rv-live") == f"按当前结论 {total} 分（{page.inner_text('#rv-score .rv-total').split('分（')[1].split('）')[0]}）。"
    page.evaluate(LIVE_CHANGES)
    reason.press_sequentially("证明材料原件")  # six more keys: the total stays, nothing is announced
    assert page.evaluate("window.liveChanges") == 0
    item.locator('input[value="verified"]').check()  # the total changes: said once
    assert page.evaluate("window.liveChanges") >= 1
    assert page.inner_text("#rv-total") in page.inner_text("#rv-live")

    criteria = page.locator(".rv-criterion")
    if criteria.count():
        first = criteria.first
        add = first.get_by_role("button", name="添加一位专家的评分")
        for expert in ("expert-a", "expert-b"):
            add.click()
            assert page.evaluate("document.activeElement === document.querySelector('.rv-criterion .rv-mark:last-child input')")
            page.keyboard.type(expert)
        first.locator(".rv-mark").first.get_by_role("button", name="删除").click()
        focused = page.evaluate("document.activeElement.value")
        assert focused == "expert-b"  # the next row's first field
        first.locator(".rv-mark").first.get_by_role("button", name="删除").click()
        assert page.evaluate("document.activeElement.textContent") == "添加一位专家的评分"

    page.click("#rv-add-objection")
    assert page.evaluate("document.activeElement.closest('.rv-objection') === document.querySelector('.rv-objection:last-of-type')")
    count = page.locator(".rv-objection").count()
    page.locator(".rv-objection").last.get_by_role("button", name="删除这条异议").click()
    assert page.locator(".rv-objection").count() == count - 1
    assert page.evaluate("document.activeElement.tagName") != "BODY"
    assert not page.problems, page.problems


def _answering_dialogs(page) -> tuple[list[str], dict[str, bool]]:  # type: ignore[no-untyped-def]
    """Every confirm() the page asks is recorded, and answered as `answer["yes"]` says then."""
    asked: list[str] = []
    answer = {"yes": False}

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.accept() if answer["yes"] else dialog.dismiss()

    page.on("dialog", on_dialog)
    return asked, answer


def test_what_loses_work_asks_first_and_names_what_is_lost(page, base: str) -> None:
    """Discarding a draft, removing an objection or a filled mark happened on one click."""
    asked, answer = _answering_dialogs(page)
    _open(page, base, YEAR, SOCIETY)
    page.locator(f'.rv-item[data-item="{REFUSED}"] input[value="verified"]').check()  # a draft
    page.reload()
    page.wait_for_selector(".rv-item")
    page.locator("#rv-case").get_by_role("button", name="丢弃草稿，重新载入仓库中的记录").click()
    assert "丢弃" in asked[-1]
    assert "核查草稿" in asked[-1]
    assert page.locator("#rv-case .rv-draft").count() == 1  # declined: the draft stays
    criteria = page.locator(".rv-criterion")
    if criteria.count():
        first = criteria.first
        first.get_by_role("button", name="添加一位专家的评分").click()
        row = first.locator(".rv-mark").last
        before = len(asked)
        row.get_by_role("button", name="删除").click()  # an empty row goes without a question
        assert len(asked) == before
        assert first.locator(".rv-mark").count() == 0
        first.get_by_role("button", name="添加一位专家的评分").click()
        row = first.locator(".rv-mark").last
        row.get_by_label("专家编号").fill("expert-z")
        remove = row.get_by_role("button", name="删除")
        assert "expert-z" in remove.get_attribute("aria-label")  # the button names its row
        remove.click()
        assert "expert-z" in asked[-1]
        assert first.locator(".rv-mark").count() == 1
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.get_by_role("button", name="删除这条异议").click()
    assert "异议" in asked[-1]
    assert "丢失" in asked[-1]
    count = page.locator(".rv-objection").count()
    answer["yes"] = True
    box.get_by_role("button", name="删除这条异议").click()
    assert page.locator(".rv-objection").count() == count - 1
    assert not page.problems, page.problems


def test_a_marks_and_the_reviewers_problems_are_said_at_their_fields(page, base: str) -> None:
    """Expert-mark errors appeared only in the list far below the marks, without the row or the
    expert, an empty mark was told its range, 张三 as an expert number got "格式不对", and the
    mark's accessible name said 评分 beside the label 分数; a reviewer named 张三 was said to be a
    fault of "第 1 条逐项核查", not of the field at the top. Now each field says its own problem in
    the check's words (the list keeps them all)."""
    from validators.association.browser_review import browser_review_words

    words = browser_review_words()
    _open(page, base, YEAR, SOCIETY)

    def said(field: str) -> str:  # the message under a field, which the field points at
        assert page.get_attribute(field, "aria-invalid") == "true"
        described = page.get_attribute(field, "aria-describedby")
        assert described == field.lstrip("#") + "-msg"
        return page.inner_text(f"#{described}")

    page.fill("#rv-reviewer", "张三")
    page.locator(f'.rv-item[data-item="{REFUSED}"] input[value="verified"]').check()
    assert said("#rv-reviewer") == "核查人" + words["reviewer_pattern"]
    problems = page.inner_text("#rv-review-file .rv-problems")
    assert "上方的核查人“张三”" + words["reviewer_pattern"] in problems
    assert "逐项核查" not in problems
    page.fill("#rv-reviewer", "cast-staff")
    assert page.get_attribute("#rv-reviewer", "aria-invalid") is None
    assert not page.locator("#rv-reviewer-msg").is_visible()

    criteria = page.locator(".rv-criterion")
    if criteria.count() == 0:
        pytest.skip("this year's rubric has no assessed criterion")
    first = criteria.first
    label = first.locator("h4").inner_text()
    add = first.get_by_role("button", name="添加一位专家的评分")
    add.click()
    first.locator(".rv-mark").last.get_by_label("专家编号").fill("expert-a")
    first.locator(".rv-mark").last.get_by_role("spinbutton", name="分数").fill("3")
    add.click()
    row = first.locator(".rv-mark").last
    expert, mark = row.get_by_label("专家编号"), row.get_by_role("spinbutton", name="分数")
    expert_id, mark_id = "#" + expert.get_attribute("id"), "#" + mark.get_attribute("id")
    for typed in ("张三", "Zhang San", "Expert-C"):
        expert.fill(typed)
        assert said(expert_id) == f"第 2 行（{typed}）的专家编号" + words["expert_pattern"]
        assert words["expert_pattern"].endswith("如 expert-a。")
        assert f"“{label}”第 2 行（{typed}）的专家编号" in page.inner_text("#rv-review-file .rv-problems")
    expert.fill("expert-b")
    assert page.get_attribute(expert_id, "aria-invalid") is None
    assert said(mark_id) == "第 2 行（expert-b）：请填写分数。"
    assert "之间" not in page.inner_text("#rv-review-file .rv-problems")
    mark.fill("1000.3")
    at_mark = said(mark_id)
    assert "第 2 行（expert-b）的分数须在" in at_mark
    assert "第 2 行（expert-b）的分数须为 0.5 的整数倍。" in at_mark
    assert f"“{label}”第 2 行（expert-b）的分数须在" in page.inner_text("#rv-review-file .rv-problems")
    expert.fill("expert-a")  # given twice: said at the second row's expert number
    assert "已在第 1 行打过分" in said(expert_id)
    expert.fill("expert-b")
    mark.fill("4")
    assert page.get_attribute(mark_id, "aria-invalid") is None
    assert not page.locator("#rv-review-file-download").is_disabled()
    assert not page.problems, page.problems


def test_objections_warn_as_check_does_clear_a_withdrawn_answer_and_let_a_new_one_be_filled_first(
        page, base: str) -> None:
    """A received date outside the notice period passed without a word (check warns); switching an
    objection back to 受理中 kept its answer and date in the file; a new empty objection showed its
    problems at once, before the user had typed anything."""
    from validators.association.browser_review import browser_review_words

    words = browser_review_words()
    asked, answer = _answering_dialogs(page)
    _open(page, base, YEAR, SOCIETY)
    config = page.request.get(base + "config.json").json()
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    starts, ends = year["notice"]
    download = page.locator("#rv-objections-file-download")

    # (c) A new objection: nothing said yet, but the file is not saved, and the button says why.
    page.click("#rv-add-objection")
    n = page.locator(".rv-objection").count()
    assert not page.locator("#rv-objections-file .rv-problems").is_visible()
    assert download.is_disabled()
    assert download.get_attribute("aria-describedby") == "rv-objections-file-why"
    assert f"还不能下载：第 {n} 条异议还没有填完" in page.inner_text("#rv-objections-file-why")
    download.click(force=True)  # trying to download shows what is missing
    assert f"第 {n} 条异议：请选择学会。" in page.inner_text("#rv-objections-file .rv-problems")
    assert download.is_disabled()
    # Another new one starts quiet too, until a field of it is touched.
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    assert f"第 {n + 1} 条异议" not in page.inner_text("#rv-objections-file .rv-problems")
    assert f"第 {n + 1} 条异议还没有填完" in page.inner_text("#rv-objections-file-why")
    box.get_by_label(ID_LABEL).fill("obj-late")
    assert f"第 {n + 1} 条异议：请选择学会。" in page.inner_text("#rv-objections-file .rv-problems")
    answer["yes"] = True  # the first new one goes
    page.locator(".rv-objection").nth(n - 1).get_by_role("button", name="删除这条异议").click()
    answer["yes"] = False
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对参会人数有异议。")
    assert not download.is_disabled()
    assert page.inner_text("#rv-objections-file-why") == ""

    # (a) Received outside the notice period (on a day the year allows: in 核查): the check's
    # warning, at the date and above the file.
    filed = box.get_by_label(FILED)
    early = year["record_days"]["first"]
    assert early < starts
    filed.fill(early)
    warning = words["W-OBJECTION-OUTSIDE-NOTICE"].format(filed=early, year=YEAR, starts=starts, ends=ends)
    described = filed.get_attribute("aria-describedby")
    assert described
    assert page.inner_text(f"#{described}") == warning
    assert warning in page.inner_text("#rv-objections-file .rv-warnings")
    assert not download.is_disabled()  # a warning does not stop the file
    filed.fill(starts)
    assert filed.get_attribute("aria-describedby") is None
    assert not page.locator("#rv-objections-file .rv-warnings").is_visible()

    # (b) Back to 受理中: the answer and its date are cleared, after asking.
    status = box.locator("select").nth(1)
    status.select_option("answered")
    box.get_by_label(ANSWER_LABEL).fill("已核实参会人数，维持原结果。")
    box.get_by_label("答复日期").fill(ends)
    assert "维持原结果" in page.input_value("#rv-objections-file textarea")
    status.select_option("open")
    assert "答复" in asked[-1]
    assert "清除" in asked[-1]
    assert status.input_value() == "answered"  # declined: nothing changed
    assert box.get_by_label(ANSWER_LABEL).input_value() == "已核实参会人数，维持原结果。"
    answer["yes"] = True
    status.select_option("open")
    assert box.get_by_label(ANSWER_LABEL).input_value() == ""
    assert box.get_by_label("答复日期").input_value() == ""
    text = page.input_value("#rv-objections-file textarea")
    assert "维持原结果" not in text
    assert f"answered: {ends}" not in text
    # An open objection that carries an answer: the check's warning (W-OBJECTION-OPEN-ANSWERED).
    box.get_by_label(ANSWER_LABEL).fill("拟答复：维持原结果。")
    assert words["W-OBJECTION-OPEN-ANSWERED"] in page.inner_text("#rv-objections-file .rv-warnings")
    assert not page.problems, page.problems


def test_each_verdict_shows_its_own_date_and_the_date_field_says_it_is_for_new_ones(page, base: str) -> None:
    """Changing the date on top (核查日期) after giving verdicts silently did not apply to them: the file kept the
    dates they were given on, and the page showed neither that nor those dates."""
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    note = page.get_attribute("#rv-date", "aria-describedby")
    assert note == "rv-date-note"
    assert "此后给出的结论" in page.inner_text("#rv-date-note")
    first_day = page.input_value("#rv-date")
    page.uncheck("#rv-rest")
    refused = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    refused.locator('input[value="verified"]').check()
    assert refused.locator(".rv-verdict").inner_text().endswith(f"{VERDICT_DATE} {first_day}")
    page.fill("#rv-date", "2026-11-02")
    assert (f"{VERDICT_DATE} {first_day}（给出结论时的日期，不随上方的{VERDICT_DATE}改变）"
            in refused.locator(".rv-verdict").inner_text())
    other = page.locator(f'.rv-item:not([data-item="{REFUSED}"])').first
    other.locator('input[value="verified"]').check()
    assert other.locator(".rv-verdict").inner_text().endswith(f"{VERDICT_DATE} 2026-11-02")
    text = page.input_value("#rv-review-file textarea")
    assert f"date: {first_day}" in text
    assert "date: 2026-11-02" in text
    page.check("#rv-rest")
    assert page.inner_text("#rv-rest-when") == f"{VERDICT_DATE} 2026-11-02"
    page.fill("#rv-date", first_day)
    assert "不随上方" in page.inner_text("#rv-rest-when")
    assert not page.problems, page.problems


def test_only_the_items_left_show_when_asked_and_a_verdict_does_not_pull_its_item_away(page, base: str) -> None:
    """18 items took 13 screens on a desktop and 20 on a phone, with no way to see only what
    was left. 只看未核查的项目 hides the items with a verdict (其余全部核实 counts) and the areas
    with none left; an item decided while it is on stays until the filter is turned on again."""
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    label = page.locator("#rv-only-open-label")
    items = page.locator(".rv-item")
    total = items.count()
    assert label.inner_text() == "只看未核查的项目（0 项）"  # the sample's record verifies the rest
    page.uncheck("#rv-rest")
    assert label.inner_text() == f"只看未核查的项目（{total} 项）"
    page.focus("#rv-only-open")  # by the keyboard
    page.keyboard.press("Space")
    assert page.is_checked("#rv-only-open")
    assert page.locator(".rv-item:visible").count() == total

    first_area = page.locator(".rv-area").first
    own = first_area.locator(".rv-item")
    decided = [own.nth(i).get_attribute("data-item") for i in range(own.count())]
    for i in range(own.count()):
        own.nth(i).locator('input[value="verified"]').check()
        # Still there, under the pointer; the count goes down at once.
        assert own.nth(i).is_visible()
        assert label.inner_text() == f"只看未核查的项目（{total - i - 1} 项）"
    assert "仍留在原处" in page.inner_text("#rv-only-open-note")
    # A refusal without its reason is not yet a verdict: it stays among those left.
    pending = page.locator(".rv-area").last.locator(".rv-item").last
    assert pending.get_attribute("data-item") not in decided
    pending.locator('input[value="not_recognised"]').check()
    left = total - len(decided)
    assert label.inner_text() == f"只看未核查的项目（{left} 项）"

    page.focus("#rv-only-open")
    page.keyboard.press("Space")  # off and on again: the decided items go, and their area's heading
    page.keyboard.press("Space")
    assert page.is_checked("#rv-only-open")
    shown = page.locator(".rv-item:visible")
    assert shown.count() == left
    assert not set(decided) & {shown.nth(i).get_attribute("data-item") for i in range(shown.count())}
    assert pending.is_visible()
    assert first_area.is_hidden()
    assert page.locator(".rv-area:visible").count() >= 1

    page.check("#rv-rest")  # the rest verified: nothing left but the refusal waiting for its reason
    assert label.inner_text() == "只看未核查的项目（1 项）"
    pending.locator("textarea").fill("证明材料中没有企业出具的服务确认。")
    assert label.inner_text() == "只看未核查的项目（0 项）"

    page.uncheck("#rv-only-open")
    assert page.locator(".rv-item:visible").count() == total
    assert page.locator(".rv-area:visible").count() == page.locator(".rv-area").count()
    assert not page.problems, page.problems

    # A final year has nothing left to verify: no filter.
    _open(page, base, 2017, "cd-agri")
    assert "只读" in page.inner_text("#rv-phase")
    assert page.locator("#rv-only-open").count() == 0
    assert page.get_by_text("只看未核查的项目").count() == 0


def _said_at(page, field: str) -> str:  # type: ignore[no-untyped-def]
    """The error under a field: the field is marked invalid, its border red, and it is described
    by the message (first among what describes it)."""
    assert page.get_attribute(field, "aria-invalid") == "true"
    assert page.evaluate(f"getComputedStyle(document.querySelector('{field}')).borderTopColor") == "rgb(183, 28, 28)"
    described = (page.get_attribute(field, "aria-describedby") or "").split()
    assert described
    assert described[0] == field.lstrip("#") + "-msg"
    assert page.locator(f"#{described[0]}").is_visible()
    return page.inner_text(f"#{described[0]}")


def _leads_to(page, box: str, text: str, field: str) -> None:  # type: ignore[no-untyped-def]
    """The item of `box`'s list that says `text` is a link to `field`; followed, the field has the
    focus and the address still names the open report."""
    link = page.locator(f"{box} .rv-problems a", has_text=text)
    assert link.count() == 1, page.inner_html(f"{box} .rv-problems")
    assert link.get_attribute("href") == field
    hash_before = page.evaluate("window.location.hash")
    link.click()
    assert page.evaluate("document.activeElement.id") == field.lstrip("#")
    assert page.evaluate("window.location.hash") == hash_before


def test_a_date_the_years_calendar_does_not_allow_is_refused_at_the_field_in_checks_words(
        page, base: str, tmp_path: Path) -> None:
    """A verdict dated 2030-01-01 or 2016-03-01 for a 2018 review passed the page and `check`. The
    days come from the year's calendar (the settings, exported from Python): the page says the
    check's sentence under the date, lists it, and the file `check` reads refuses the same date in
    the same words, the date named as the page names it (the model's title: 核查日期, 提出日期;
    the page said 结论日期 and 收到日期)."""
    import datetime as dt

    from validators.association.record_dates import future_words, outside_words, record_days
    from validators.year.guideline import guideline

    rules = guideline(YEAR, ROOT)
    assert rules is not None
    first, last = record_days(rules)
    assert last is not None
    words = outside_words(rules)
    config = page.request.get(base + "config.json").json()
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    assert year["record_days"] == {"first": first.isoformat(), "last": last.isoformat(), "words": words,
                                   "future_words": future_words()}
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    download = page.locator("#rv-review-file-download")
    page.uncheck("#rv-rest")
    late = (last + dt.timedelta(days=1)).isoformat()
    early = (first - dt.timedelta(days=1)).isoformat()

    # A date after the final day: said at the field at once; in the list once a verdict has it.
    assert page.inner_text("label[for=rv-date]") == VERDICT_DATE
    page.fill("#rv-date", late)
    said = _said_at(page, "#rv-date")
    assert said == f"{VERDICT_DATE} " + words.replace("{date}", late)
    assert page.get_attribute("#rv-date", "aria-describedby") == "rv-date-msg rv-date-note"  # the note stays
    assert not download.is_disabled()  # nothing in the file has it yet
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="verified"]').check()
    assert download.is_disabled()
    _leads_to(page, "#rv-review-file", "上方的" + said, "#rv-date")

    # The day before 核查 begins: the earlier verdict keeps its date, is named, and leads to itself.
    page.fill("#rv-date", early)
    assert _said_at(page, "#rv-date") == f"{VERDICT_DATE} " + words.replace("{date}", early)
    assert "rv-bad-date" in (item.locator(".rv-when").get_attribute("class") or "")
    text = page.input_value("#rv-review-file textarea")
    assert f"date: {late}" in text
    _leads_to(page, "#rv-review-file", f"的{VERDICT_DATE} {late}", f"#rv-{REFUSED}-verified")

    # The file as `check` reads it: the same date refused, in the same words, under the same name.
    refused = f"{VERDICT_DATE} " + words.replace("{date}", late)
    assert refused in page.inner_text("#rv-review-file .rv-problems")
    tree = base_tree(tmp_path / "tree")
    (tree / "reviews" / str(YEAR) / f"{SOCIETY}.yaml").write_text(text, encoding="utf-8")
    checked = _cli(tree, "check", f"reviews/{YEAR}/{SOCIETY}.yaml")
    assert checked.returncode != 0
    assert "E-DATE-OUTSIDE-CYCLE" in checked.stdout
    assert refused in checked.stdout

    # The first and the last day are allowed; choosing the verdict it has again (Space on it, or a
    # click) gives it the date on top.
    verified = item.locator('input[value="verified"]')
    for allowed, choose in ((first.isoformat(), lambda: (verified.focus(), page.keyboard.press("Space"))),
                            (last.isoformat(), verified.click)):
        page.fill("#rv-date", allowed)
        assert page.get_attribute("#rv-date", "aria-invalid") is None
        assert not page.locator("#rv-date-msg").is_visible()
        assert page.get_attribute("#rv-date", "aria-describedby") == "rv-date-note"
        choose()
        assert f"date: {allowed}" in page.input_value("#rv-review-file textarea")
    assert "rv-bad-date" not in (item.locator(".rv-when").get_attribute("class") or "")
    assert not download.is_disabled()

    # An objection's dates: the same days, the same words, at the field (not a mere warning).
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对参会人数有异议。")
    filed = box.get_by_label(FILED)
    filed.fill(early)
    field = "#" + (filed.get_attribute("id") or "")
    refused = f"{FILED} " + words.replace("{date}", early)
    assert _said_at(page, field) == refused
    assert page.locator("#rv-objections-file-download").is_disabled()
    assert not page.locator("#rv-objections-file .rv-warnings").is_visible()  # the error alone, as check says it
    _leads_to(page, "#rv-objections-file", refused, field)
    (tree / "reviews" / str(YEAR) / "objections.yaml").write_text(page.input_value("#rv-objections-file textarea"),
                                                                  encoding="utf-8")
    checked = _cli(tree, "check", f"reviews/{YEAR}/objections.yaml")
    assert checked.returncode != 0
    assert refused in checked.stdout
    filed.fill(year["notice"][0])
    assert page.get_attribute(field, "aria-invalid") is None
    assert not page.locator("#rv-objections-file-download").is_disabled()
    assert not page.problems, page.problems


def test_a_problems_link_shows_the_item_the_filter_hides_and_keeps_the_route(page, base: str) -> None:
    """With 只看未核查的项目 on, an item with a verdict is hidden: a link of the list about its
    verdict's date or its reason aimed at a hidden field, so it focused nothing; a link without its
    field replaced the #year/society route, and a reload lost the open report. The link now shows
    the item, focuses the field with the keyboard's ring (a radio too), and leaves the address."""
    import datetime as dt

    from validators.association.browser_privacy import browser_privacy_rule
    from validators.association.record_dates import record_days
    from validators.year.guideline import guideline

    rules = guideline(YEAR, ROOT)
    assert rules is not None
    first, last = record_days(rules)
    assert last is not None
    late = (last + dt.timedelta(days=1)).isoformat()
    phone = browser_privacy_rule()["messages"]["E-PRIVACY-PHONE"]
    _open(page, base, YEAR, SOCIETY)
    route = page.evaluate("window.location.hash")
    assert route == f"#{YEAR}/{SOCIETY}"
    page.fill("#rv-reviewer", "cast-staff")
    page.uncheck("#rv-rest")
    dated = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    other = page.locator(f'.rv-item:not([data-item="{REFUSED}"])').last
    page.fill("#rv-date", late)
    dated.locator('input[value="verified"]').check()
    page.fill("#rv-date", first.isoformat())  # the verdict keeps its day the calendar does not allow
    other.locator('input[value="not_recognised"]').check()
    reason = "#" + (other.locator("textarea").get_attribute("id") or "")
    page.fill(reason, "证明材料打不开，已电话联系 13912345678 未果")  # a verdict: it has its reason
    page.check("#rv-only-open")
    assert dated.is_hidden()
    assert other.is_hidden()

    for link_text, field, item in ((f"的{VERDICT_DATE} {late}", f"#rv-{REFUSED}-verified", dated),
                                   ("的理由：" + phone, reason, other)):
        link = page.locator("#rv-review-file .rv-problems a", has_text=link_text)
        assert link.count() == 1, page.inner_html("#rv-review-file .rv-problems")
        link.click()
        assert item.is_visible()
        assert page.evaluate("document.activeElement.id") == field.lstrip("#")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
        assert page.evaluate("window.location.hash") == route
    assert "从文件的问题列表打开的 2 项" in page.inner_text("#rv-only-open-note")
    page.focus("#rv-only-open")  # off and on again: the items with a verdict go
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert dated.is_hidden()
    assert other.is_hidden()

    # A problem whose field is not on the page is said, not linked: a link would lead nowhere.
    page.evaluate("""() => {
        const box = window.ReviewBench.outputBox({ config: {}, id: "rv-test-file", label: "测试文件", path: "a/b.yaml" });
        document.getElementById("rv-case").appendChild(box);
        box.update("", [{ text: "无处可去的问题。", at: "rv-no-such-field" }]);
      }""")
    assert page.inner_text("#rv-test-file .rv-problems") == "无处可去的问题。"
    assert page.locator("#rv-test-file .rv-problems a").count() == 0
    page.reload()
    page.wait_for_selector(".rv-item")
    assert page.input_value("#rv-society") == SOCIETY  # the route survived: the report opens again
    assert not page.problems, page.problems


def test_personal_data_is_said_at_the_field_it_was_typed_in(page, base: str) -> None:
    """A phone number in a 理由 was said only in an unlinked line of the list at the bottom of an
    18-item page: no red border, no aria-invalid, nothing under the field. Now it is said as a
    reviewer's or a mark's problem is, at the field, and the list's line leads there."""
    from validators.association.browser_privacy import browser_privacy_rule

    messages = browser_privacy_rule()["messages"]
    phone = messages["E-PRIVACY-PHONE"]
    _open(page, base, YEAR, SOCIETY)
    page.fill("#rv-reviewer", "cast-staff")
    item = page.locator(f'.rv-item[data-item="{REFUSED}"]')
    item.locator('input[value="not_recognised"]').check()
    reason = f"#rv-{REFUSED}-reason"
    page.fill(reason, "证明材料打不开，已电话联系王老师 13912345678 未果")
    assert _said_at(page, reason) == phone
    _leads_to(page, "#rv-review-file", "的理由：" + phone, reason)
    page.fill(reason, "证明材料打不开。")
    assert page.get_attribute(reason, "aria-invalid") is None
    assert not page.locator(f"{reason}-msg").is_visible()

    # A reviewer's "name" that is a phone number (it passes as a user name): said at the field on
    # top at once, and once in the list when verdicts are given with it.
    page.fill("#rv-reviewer", "13912345678")
    assert _said_at(page, "#rv-reviewer") == "核查人：" + phone
    for other in page.locator(f'.rv-item:not([data-item="{REFUSED}"])').all()[:2]:
        other.locator('input[value="verified"]').check()
    assert page.inner_text("#rv-review-file .rv-problems").count(phone) == 1
    _leads_to(page, "#rv-review-file", "上方的核查人：" + phone, "#rv-reviewer")
    page.fill("#rv-reviewer", "cast-staff")
    assert page.get_attribute("#rv-reviewer", "aria-invalid") is None

    # An objection's summary and answer.
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    summary = box.get_by_label(SUBJECT_LABEL)
    summary.fill("对参会人数有异议，联系人 13800138000")
    field = "#" + (summary.get_attribute("id") or "")
    assert _said_at(page, field) == phone
    _leads_to(page, "#rv-objections-file", "“异议内容”：" + phone, field)
    summary.fill("对参会人数有异议。")
    assert page.get_attribute(field, "aria-invalid") is None
    answer = box.get_by_label(ANSWER_LABEL)
    answer.fill("已核实，请联系 zhang@qq.com")
    field = "#" + (answer.get_attribute("id") or "")
    assert _said_at(page, field) == messages["E-PRIVACY-EMAIL"].replace("{domain}", "qq.com")
    assert not page.problems, page.problems


@pytest.mark.parametrize("width", [1366, 390])
def test_expert_mark_rows_stay_aligned_whatever_their_messages(page, base: str, width: int) -> None:
    """A row that showed an error pushed its 分数 box about 200 px right (the message under the
    expert number widened its column); on a phone the rows broke into lines differently. Every
    row's expert number, mark, date and 删除 now start where the first row's do."""
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, base, YEAR, SOCIETY)
    criteria = page.locator(".rv-criterion")
    if criteria.count() == 0:
        pytest.skip("this year's rubric has no assessed criterion")
    first = criteria.first
    for expert, mark in (("expert-a", "4.5"), ("李四", "8"), ("expert-a", "3.3"), ("expert-c", "-1"), ("Expert-D", ""),
                         ("expert-e", "4")):
        first.get_by_role("button", name="添加一位专家的评分").click()
        row = first.locator(".rv-mark").last
        row.get_by_label("专家编号").fill(expert)
        row.get_by_role("spinbutton", name="分数").fill(mark)
    assert first.locator(".rv-mark .rv-field-error:visible").count() >= 5
    places = first.locator(".rv-mark").evaluate_all("""rows => rows.map(row => {
        const top = row.getBoundingClientRect().top;
        return ['input[type=text]', 'input[type=number]', '.rv-mark-date', 'button'].map(sel => {
          const box = row.querySelector(sel).getBoundingClientRect();
          return [Math.round(box.left), Math.round(box.top - top)];
        });
      })""")
    lefts = [[left for left, _ in row] for row in places]
    assert all(row == lefts[0] for row in lefts), lefts
    # The first line (the expert number) is at the top of every row; a row is never wider than the page.
    # (within 2 px: Chinese in an input moves its baseline by a pixel).
    assert all(abs(row[0][1] - places[0][0][1]) <= 2 for row in places), places
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.problems, page.problems


def test_an_objection_dated_after_today_is_warned_of_in_checks_words(page, base: str) -> None:
    """An answer dated ahead of today (Beijing time) passed without a word; `check` now warns
    (W-DATE-FUTURE), and the workbench says the same words at the date, from its settings."""
    import datetime as dt

    from validators.association.record_dates import future_words
    from validators.year.cycle import today

    _open(page, base, YEAR, SOCIETY)
    config = page.request.get(base + "config.json").json()
    [year] = [y for y in config["years"] if y["year"] == YEAR]
    now = today()
    ahead = (now + dt.timedelta(days=1)).isoformat()
    if year["record_days"]["last"] is None or ahead > year["record_days"]["last"]:
        pytest.skip("the sample year's calendar allows no day after today any more")
    page.click("#rv-add-objection")
    box = page.locator(".rv-objection").last
    box.locator("select").first.select_option(SOCIETY)
    box.get_by_label(SUBJECT_LABEL).fill("对参会人数有异议。")
    box.get_by_label(FILED).fill(year["notice"][0])
    box.locator("select").nth(1).select_option("answered")
    box.get_by_label(ANSWER_LABEL).fill("已核实参会人数，维持原结果。")
    answered = box.get_by_label(ANSWERED)
    answered.fill(ahead)
    said = f"{ANSWERED} " + future_words().replace("{date}", ahead).replace("{today}", now.isoformat())
    described = answered.get_attribute("aria-describedby")
    assert described
    assert page.inner_text(f"#{described}") == said
    assert said in page.inner_text("#rv-objections-file .rv-warnings")
    assert not page.locator("#rv-objections-file-download").is_disabled()  # a warning only
    answered.fill(now.isoformat())
    assert answered.get_attribute("aria-describedby") is None
    assert not page.problems, page.problems


def test_an_items_findings_say_the_field_each_is_at(page, base: str) -> None:
    """Two fields of an item with the same warning read as two, each after its field's title
    (the case file's `field`, tests/test_workbench.py); the title is text, never markup."""
    said = "文字中含有 HTML 或 Markdown 标记。"

    def with_findings(route) -> None:  # type: ignore[no-untyped-def]
        data = route.fetch().json()
        for area in data["areas"]:
            for item in area["items"]:
                if item["id"] == REFUSED:
                    item["findings"] = [
                        {"severity": "warning", "code": "W-X", "message": said, "line": 12, "clause": None,
                         "field": "服务名称"},
                        {"severity": "warning", "code": "W-X", "message": said, "line": 16, "clause": None,
                         "field": "<b>服务成效</b>"},
                        {"severity": "error", "code": "E-X", "message": "本项有错误。", "line": 10, "clause": None,
                         "field": None}]
        route.fulfill(json=data)
    page.route(f"**/cases/{YEAR}/{SOCIETY}.json", with_findings)
    _open(page, base, YEAR, SOCIETY)
    rows = page.locator(f'.rv-item[data-item="{REFUSED}"] .rv-findings li').all_inner_texts()
    assert rows == [f"警告：“服务名称”：{said}", f"警告：“<b>服务成效</b>”：{said}", "错误：本项有错误。"]
