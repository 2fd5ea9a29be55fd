"""What the workbench says of a verdict, a mark and an objection, as the staff and an expert read it.

- 待补充材料 said nothing of how the material reaches the association, while after the deadline the
  society's own pull request is refused: it now says the way in the year's phase (phase.py's words,
  as the report page says them).
- After 其余全部核实, an item without its own verdict still showed 未核查 chosen: that choice now says
  the item is verified by it (the file still records only `rest`).
- With an item's own verdict given, that first choice read 未核查 again while 其余全部核实 was ticked,
  and choosing it (to undo a rejection) verified the item: it now says so before the click.
- After the download nothing said where the file goes (only the GitHub route named its path): a
  line under the button names the folder, and the administrators to hand it to.
- The score table's 按申报 counted no expert marks and 按当前结论 did, under bare headings: an area with
  an item refused stood higher 按当前结论. The headings say what they count and the marks stand apart.
- Expert marks said 「取平均，按 0.5 分取整：4.5 分」 for 4.5 and 4: the average and the rounding are
  now said in evaluate's words (expert_marks.py), which the report page shows.
- An objection answered kept 允许更正 ticked as if it still let the society through: it is now off,
  with the reason, and the file keeps it.
- A mark of 3.3 by “Expert A” had its two problems said at its fields, but the criterion's line
  said 「另有 1 个分数超出范围或重复，未计入」: it now says a row has problems, whatever they are, and
  a row whose expert code the file refuses is not counted either.
- In a finalized year, an objection's 允许更正 said it stopped applying because the objection was
  answered, “改回受理中即恢复”, though nothing is let through after finalize: it now says the year
  is finalized and the permission no longer applies, answered or not.
- A reason or an objection with HTML or Markdown markup (`<b>x</b>`) got W-TEXT-MARKUP from `check`
  but no word from the page: it is now warned of at the field and in the file's warnings, in the
  check's words, and the file can still be downloaded (tests/test_review_markup.py holds the rule
  to the check's).
- 「只看未核查的项目（0 项）」 hid the item waiting for material that the progress line counted:
  a second filter shows just those, to find them when the material comes.
- After the notice ended (and before it began), an open objection's 允许更正 said nothing, as if
  the society could still correct, while the pull-request gate refuses it (E-CYCLE-CLOSED): it now
  says the permission holds only during the notice, with its dates.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_form import settled
from tests.site_support import built_site, served, sync_playwright
from tests.trees import base_tree

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, SOCIETY, WAITING = 2018, "cd-mech-eng", "svc-motor-rd"
FINAL_YEAR = 2017
FINAL_OBJECTIONS = f"""year: {FINAL_YEAR}
sample: true
objections:
  - id: obj-{FINAL_YEAR}-01
    society: cd-tcm
    filed: 2018-01-10
    subject: 活动次数与公开报道不一致，请核实。
    status: 受理中
    correction_allowed: true
  - id: obj-{FINAL_YEAR}-02
    society: cd-agri
    filed: 2018-01-10
    subject: 服务站的证明材料不全。
    status: 已答复
    correction_allowed: true
    answer: 经核实，材料齐全。
    answered: 2018-01-15
"""
# Beijing noon of days around the 2018 notice (2026-11-16 to 2027-12-31, its guideline's calendar).
ON_NOTICE = dt.datetime.fromisoformat("2026-11-30T12:00:00+08:00")
AFTER_NOTICE = dt.datetime.fromisoformat("2028-01-05T12:00:00+08:00")
BEFORE_NOTICE = dt.datetime.fromisoformat("2026-11-02T12:00:00+08:00")
# Where to keep screenshots to look at, as staff see the page (none unless asked for).
SHOTS = os.environ.get("WORKBENCH_SHOTS")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = base_tree(tmp_path_factory.mktemp("bench") / "tree")
    # The finalized year's objections, one open and one answered, both allowing a correction.
    (root / "reviews" / str(FINAL_YEAR) / "objections.yaml").write_text(FINAL_OBJECTIONS, "utf-8")
    sync_playwright()
    with served(built_site(root)) as url:
        yield url


def _open(page, base: str, society: str = SOCIETY) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script("localStorage.setItem('rv-reviewer', 'cast-staff')")
    page.goto(f"{base}review/#{YEAR}/{society}")
    page.wait_for_selector(".rv-item")
    settled(page)


def _shots(page, name: str, selector: str) -> None:  # type: ignore[no-untyped-def]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        page.locator(selector).scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"))


def test_material_requested_says_how_the_material_reaches_the_association(page, base: str) -> None:
    _open(page, base)
    note = page.locator(f"#rv-{WAITING}-material")
    page.click(f"#rv-{WAITING}-verified")
    assert note.is_hidden()
    page.click(f"#rv-{WAITING}-material_requested")
    said = note.inner_text()
    # The sample's 2018 is on notice: the item earns nothing, and the society corrects only when
    # an objection allows it, else the association's administrator submits the material.
    assert said.startswith("学会怎样补充：公示期内")
    assert "不计分" in said
    assert "允许该学会更正的异议" in said
    assert "由市科协管理员提交" in said
    _shots(page, "material", f"#rv-{WAITING}-material")
    assert not page.problems, page.problems


def test_the_report_page_says_the_same_way_for_material_requested(page, base: str) -> None:
    page.goto(f"{base}societies/cd-computer/{YEAR}/")
    box = page.locator(".admonition", has_text="待补充材料：")
    said = box.inner_text()
    assert "由市科协管理员提交" in said
    # The society's own way (it has no objection allowing a correction), not both ways.
    assert "本学会没有允许更正报告的异议（受理中）" in said
    assert "按核查规则计分" not in said
    _shots(page, "material-report", ".admonition.warning")


def test_items_other_than_those_decided_say_they_are_verified_by_the_rest(page, base: str) -> None:
    _open(page, base)
    # The items' headings show the ids the society wrote, never a claim's field key (a reviewer
    # read “在中国科协“企业科协网”成功注册 enterprise_platform_registered”).
    shown = page.locator(".rv-item h4 code").all_inner_texts()
    assert shown
    assert not {"enterprise_platform_registered", "senior_experts_registered", "pilot"} & set(shown), shown
    assert page.locator(".rv-item[data-item='enterprise_platform_registered'] h4").count() == 1
    assert page.is_checked("#rv-rest")  # the sample's record: the rest verified
    choice = page.locator(f".rv-item[data-item='{WAITING}'] .rv-choice").first
    assert page.is_checked(f"#rv-{WAITING}-open")
    assert choice.inner_text().strip() == "已核实（按“其余全部核实”，未单独核查）"
    assert "rv-covered" in (choice.get_attribute("class") or "")
    _shots(page, "covered", f".rv-item[data-item='{WAITING}'] .rv-verdict")
    page.uncheck("#rv-rest")
    assert choice.inner_text().strip() == "未核查"
    assert "rv-covered" not in (choice.get_attribute("class") or "")
    page.check("#rv-rest")
    page.click(f"#rv-{WAITING}-verified")  # its own verdict given
    written = page.input_value("#rv-review-file textarea")
    assert written.count("item: ") == 1  # only the verdict given; the others stay under `rest`
    assert not page.problems, page.problems


LEAVE_TO_REST = "不单独给出结论（按“其余全部核实”记为已核实）"


def test_the_first_choice_beside_a_verdict_of_its_own_says_the_rest_verifies_the_item(page, base: str) -> None:
    """Under 其余全部核实, undoing a rejection by its first choice verifies the item: said before the click."""
    _open(page, base)
    assert page.is_checked("#rv-rest")
    choice = page.locator(f".rv-item[data-item='{WAITING}'] .rv-choice").first
    page.click(f"#rv-{WAITING}-not_recognised")
    page.fill(f"#rv-{WAITING}-reason", "证明材料与申报内容不符。")
    assert choice.inner_text().strip() == LEAVE_TO_REST
    assert "rv-covered" not in (choice.get_attribute("class") or "")
    _shots(page, "leave-to-rest", f".rv-item[data-item='{WAITING}'] .rv-verdict")  # ends at 390 px
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # Said as the rest's own line says it, and as the item says it once chosen.
    assert "没有单独给出结论的项目都记为“已核实”" in page.inner_text("label[for=rv-rest]")
    page.uncheck("#rv-rest")
    assert choice.inner_text().strip() == "未核查"  # nothing verifies it then: it is left unverified
    page.check("#rv-rest")
    assert choice.inner_text().strip() == LEAVE_TO_REST
    page.click(f"#rv-{WAITING}-open")
    assert choice.inner_text().strip() == "已核实（按“其余全部核实”，未单独核查）"
    assert page.inner_text(f".rv-item[data-item='{WAITING}'] .rv-who") == "未单独核查：按“其余全部核实”记为已核实"
    assert f"item: {WAITING}" not in page.input_value("#rv-review-file textarea")
    assert not page.problems, page.problems


def test_the_download_says_where_the_file_goes(page, base: str) -> None:
    """The sample's admin list names nobody: the file goes to the association's administrator
    (an upload on GitHub would fail the ownership check as a link's pull request would)."""
    _open(page, base, "cd-tcm")
    where = page.locator("#rv-review-file-where")
    assert where.inner_text() == (
        "下载的 cd-tcm.yaml 请交给市科协管理员提交，由管理员放进仓库的 reviews/2018/ 文件夹（替换其中的同名文件）。")
    assert where.get_attribute("id") in (page.get_attribute("#rv-review-file-download", "aria-describedby") or "").split()
    _shots(page, "where", "#rv-review-file .rf-actions")  # ends at 390 px
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert not page.problems, page.problems


def _marks(page, marks: list[float]) -> None:  # type: ignore[no-untyped-def]
    for mark in marks:
        page.get_by_role("button", name="添加一位专家的评分").click()
        rows = page.locator(".rv-mark")
        n = rows.count() - 1
        rows.nth(n).locator("input[type=text]").fill(f"expert-{chr(97 + n)}")
        rows.nth(n).locator("input[type=number]").fill(f"{mark:g}")


def test_expert_marks_say_the_average_and_the_rounding_in_evaluates_words(page, base: str) -> None:
    from validators.evaluation.expert_marks import combined
    from validators.year.rubric import rubric

    _open(page, base)
    _marks(page, [4.5, 4])
    [criterion] = rubric(YEAR).assessed
    line = page.inner_text(f"#rv-combined-{criterion.id}")
    assert "平均数 4.25，按 0.5 分四舍五入为 4.5" in line
    # evaluate's own note for these marks (the report page's line): the page says its words.
    assert line.startswith(combined([4.5, 4], criterion)[1].split("（范围")[0])
    assert "取整" not in line
    _shots(page, "marks", f"#rv-combined-{criterion.id}")
    assert not page.problems, page.problems


def test_a_row_not_counted_is_said_for_whatever_its_problem(page, base: str) -> None:
    from validators.year.rubric import rubric

    _open(page, base)
    [criterion] = rubric(YEAR).assessed
    page.get_by_role("button", name="添加一位专家的评分").click()
    row = page.locator(".rv-mark").last
    row.locator("input[type=text]").fill("Expert A")
    row.locator("input[type=number]").fill("3.3")
    assert "须为 0.5 的整数倍" in page.inner_text("#rv-mark-0-mark-msg")
    assert "专家编号" in page.inner_text("#rv-mark-0-expert-msg")
    line = page.inner_text(f"#rv-combined-{criterion.id}")
    assert line.endswith("另有 1 行有问题，未计入：见上面标出的字段。")
    assert "超出范围或重复" not in line
    # A mark in range from a code the file refuses is not counted either: nothing to count yet.
    row.locator("input[type=number]").fill("3.5")
    assert page.inner_text(f"#rv-combined-{criterion.id}") == "尚无评分。另有 1 行有问题，未计入：见上面标出的字段。"
    row.locator("input[type=text]").fill("expert-a")
    assert "1 行有问题" not in page.inner_text(f"#rv-combined-{criterion.id}")
    assert not page.problems, page.problems


def test_the_items_waiting_for_material_can_be_shown_alone(page, base: str) -> None:
    """The sample's record: the rest verified. One item waits for material: the filter of the
    items without a verdict has none, the other shows that one, and the areas with it alone."""
    _open(page, base)
    item = page.locator(f'.rv-item[data-item="{WAITING}"]')
    item.locator('input[value="material_requested"]').check()
    item.locator("textarea").fill("请补充合作协议。")
    assert "待补充材料 1 项" in page.inner_text("#rv-progress")
    assert page.inner_text("#rv-only-open-label") == "只看未核查的项目（0 项）"
    assert page.inner_text("#rv-only-waiting-label") == "只看待补充材料的项目（1 项）"
    page.check("#rv-only-waiting")
    shown = page.locator(".rv-item:visible")
    assert [shown.nth(i).get_attribute("data-item") for i in range(shown.count())] == [WAITING]
    assert page.locator(".rv-area:visible").count() == 1
    # One filter at a time: the other one ticked unticks this one.
    page.check("#rv-only-open")
    assert not page.is_checked("#rv-only-waiting")
    assert page.locator(".rv-item:visible").count() == 0
    assert page.inner_text("#rv-only-open-note") == "本报告的项目都已有结论。"
    page.check("#rv-only-waiting")
    assert not page.is_checked("#rv-only-open")
    # The material came: verified, the item stays where it is until the filter is ticked again.
    item.locator('input[value="verified"]').check()
    assert page.inner_text("#rv-only-waiting-label") == "只看待补充材料的项目（0 项）"
    assert item.is_visible()
    assert "刚改了结论的 1 项仍留在原处" in page.inner_text("#rv-only-open-note")
    page.uncheck("#rv-only-waiting")
    page.check("#rv-only-waiting")
    assert page.locator(".rv-item:visible").count() == 0
    assert page.inner_text("#rv-only-open-note") == "本报告没有待补充材料的项目。"
    _shots(page, "waiting-filter", ".rv-filter")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert not page.problems, page.problems


def test_the_score_table_says_what_each_column_counts(page, base: str) -> None:
    from validators.year.rubric import rubric

    _open(page, base)
    _marks(page, [4.5, 4])
    [criterion] = rubric(YEAR).assessed
    head = page.inner_text("#rv-score thead")
    assert "按申报（项目全部核实，不含专家评分）" in head
    assert "按当前结论（含专家评分）" in head
    assert "其中专家评分" in head
    assert page.inner_text(f'#rv-score td[data-marks="{criterion.area}"]') == "4.5"
    assert "“按当前结论”也可能高于“按申报”" in page.inner_text("#rv-areas-note")
    _shots(page, "score", "#rv-score")
    assert not page.problems, page.problems


def test_an_answered_objection_says_its_correction_no_longer_applies(page, base: str) -> None:
    page.clock.install(time=ON_NOTICE)  # on notice, the answer alone is what stops it
    page.goto(f"{base}review/#{YEAR}")
    page.wait_for_selector("#rv-add-objection")
    page.click("#rv-add-objection")
    n = page.locator(".rv-objection").count() - 1
    box = page.locator(f"#rv-obj-{n}-correction")
    box.check()
    assert box.is_enabled()
    page.locator(".rv-objection").nth(n).locator("select").nth(1).select_option("answered")
    assert box.is_disabled()
    assert box.is_checked()  # the file keeps what it records
    note = page.inner_text(f"#rv-obj-{n}-correction-note")
    assert "只在受理中时有效" in note
    _shots(page, "correction", f"#rv-obj-{n}-correction-note")
    page.locator(".rv-objection").nth(n).locator("select").nth(1).select_option("open")
    assert box.is_enabled()
    assert page.locator(f"#rv-obj-{n}-correction-note").is_hidden()


@pytest.mark.parametrize(("moment", "said"), [(AFTER_NOTICE, "公示期已结束"), (BEFORE_NOTICE, "公示尚未开始")])
def test_outside_the_notice_an_open_objections_correction_is_said_to_hold_only_during_it(
        page, base: str, moment: dt.datetime, said: str) -> None:
    """The gate lets a correction through only on notice (cycle_gate.py, E-CYCLE-CLOSED after it):
    an open objection ticked on a later or an earlier day says so, with the notice's dates."""
    page.clock.install(time=moment)
    page.goto(f"{base}review/#{YEAR}")
    page.wait_for_selector("#rv-add-objection")
    page.click("#rv-add-objection")
    settled(page)
    n = page.locator(".rv-objection").count() - 1
    box = page.locator(f"#rv-obj-{n}-correction")
    assert page.locator(f"#rv-obj-{n}-correction-note").is_hidden()  # not ticked: nothing to say
    box.check()
    settled(page)
    assert box.is_enabled()  # still the staff's to record
    note = page.locator(f"#rv-obj-{n}-correction-note")
    assert note.is_visible()
    text = note.inner_text()
    assert "只在公示期（2026-11-16 至 2027-12-31）内放行该学会对报告的修改" in text, text
    assert said in text, text
    assert "改回受理中即恢复" not in text
    assert box.get_attribute("aria-describedby") == f"rv-obj-{n}-correction-note"
    _shots(page, "correction-after-notice", f"#rv-obj-{n}-correction-note")
    box.uncheck()
    settled(page)
    assert note.is_hidden()
    assert not page.problems, page.problems


def test_in_a_finalized_year_an_objections_correction_is_said_to_apply_no_more(page, base: str) -> None:
    page.goto(f"{base}review/#{FINAL_YEAR}")
    page.wait_for_selector(".rv-objection")
    for n in (0, 1):  # open, then answered: after finalize neither lets anything through
        assert page.locator(f"#rv-obj-{n}-correction").is_disabled()
        note = page.inner_text(f"#rv-obj-{n}-correction-note")
        assert "本年度结果已定稿" in note, note
        assert "不再适用" in note, note
        assert "改回受理中即恢复" not in note
        assert page.get_attribute(f"#rv-obj-{n}-correction", "aria-describedby") == f"rv-obj-{n}-correction-note"
    assert not page.problems, page.problems


def test_markup_in_a_reason_or_an_objection_is_warned_of_as_check_warns(page, base: str) -> None:
    from validators.association.browser_markup import browser_markup_rule

    said = browser_markup_rule()["message"]
    _open(page, base)
    page.click(f"#rv-{WAITING}-not_recognised")
    reason = page.locator(f"#rv-{WAITING}-reason")
    reason.fill("证明材料中的<b>签到表</b>缺失。")
    message = page.locator(f"#rv-{WAITING}-reason-msg")
    assert message.inner_text() == said
    assert message.get_attribute("class") == "rv-field-warning"
    assert reason.get_attribute("aria-invalid") is None
    assert f"rv-{WAITING}-reason-msg" in (reason.get_attribute("aria-describedby") or "")
    assert said in page.inner_text("#rv-review-file .rv-warnings")
    assert not page.locator("#rv-review-file-download").is_disabled()
    reason.fill("证明材料中的签到表缺失。")
    assert message.is_hidden()
    assert not page.locator("#rv-review-file .rv-warnings").is_visible()

    page.click("#rv-add-objection")
    n = page.locator(".rv-objection").count() - 1
    box = page.locator(".rv-objection").nth(n)
    box.locator("select").first.select_option(SOCIETY)
    box.locator(f"#rv-obj-{n}-subject").fill("报道中的 **参会人数** 与报告不一致。")
    assert page.inner_text(f"#rv-obj-{n}-subject-msg") == said
    assert page.get_attribute(f"#rv-obj-{n}-subject-msg", "class") == "rv-field-warning"
    assert said in page.inner_text("#rv-objections-file .rv-warnings")
    assert not page.locator("#rv-objections-file-download").is_disabled()
    assert not page.problems, page.problems
