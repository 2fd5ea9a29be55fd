"""What the form tells a secretary of the year's phase, in headless Chromium. A society without a
published report of the year, past the deadline, was told the year was on notice and then
“检查通过” at the foot of the page, while the pull request's gate refuses a new report then
(E-CYCLE-CLOSED): it is now told, at the top, at step 3 and in the file, that the report cannot be
submitted, in the gate's words, and the bar does not say “检查通过”. The bar also names each
problem's kind in words (错误, 待填写, 警告), not by colour alone, and counts warnings as `check`
does (个警告)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from site_builder.form_labels import phase_sentences
from site_builder.phase import CONTESTED
from tests.browser.test_form import settled
from tests.browser.test_form_warnings import _open as open_file
from tests.site_support import built_site, served, sync_playwright
from tests.trees import ROOT
from validators.association.objections import check_objections
from validators.github.changed_files import ChangedFile
from validators.github.cycle_gate import check_gate
from validators.github.ownership import read_profile
from validators.models.review import Objection
from validators.year.cycle import (
    AFTER_APPROVAL,
    CALENDAR_ZONE,
    LATE_EXCEPTION,
    OBJECTION_IDS_SHOWN,
    no_new_report,
)
from validators.year.guideline import guideline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2018
NEW = "cd-agri"  # registered, with a 2017 report and none of 2018
PUBLISHED = "cd-mech-eng"  # with a published 2018 report, no objection on notice
CORRECTING = "cd-tcm"  # with a published 2018 report and an open objection allowing its correction
REPORT = """society: {society}
year: 2018
major_work:
  - {{id: mw-a, kind: 党建, title: 成立党支部, date: 2018-07-01, description: 召开党员大会，成立学会党支部。,
     evidence: ["https://example.org/a"]}}
"""


def _rules():  # type: ignore[no-untyped-def]
    rules = guideline(YEAR)
    assert rules is not None
    assert rules.calendar is not None
    return rules


def _sentences(phase: str) -> dict[str, str]:
    # The first span of the phase (verification comes again between the notice and the final day).
    return next(p for p in phase_sentences(_rules(), frozen=False) if p["phase"] == phase)


def _objections(society: str) -> list[Objection]:
    """The year's open objections that let `society` correct its report (the gate's)."""
    path = ROOT / "reviews" / str(YEAR) / "objections.yaml"
    societies = {p.name for p in (ROOT / "submissions").iterdir() if p.is_dir()}
    _, doc = check_objections(path, f"reviews/{YEAR}/objections.yaml", ROOT, YEAR, societies)
    assert doc is not None
    return doc.allowing_correction(society)


def _corrections(society: str) -> list[str]:
    """The ids of the year's open objections that let `society` correct its report (the gate's)."""
    return [o.id for o in _objections(society)]


def _allowed(sentence: str, society: str) -> str:
    """The notice's sentence to a society an open objection allows to correct its report: each
    objection's id and what it is about (its subject)."""
    named = "；".join(f"{o.id}：“{o.subject}”" for o in _objections(society))
    return (sentence + "本学会有受理中、允许更正的异议（" + named +
            f"，编号见{OBJECTION_IDS_SHOWN}），可以为回应它修改报告。")  # where the gate says it is


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), CALENDAR_ZONE)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    sync_playwright()  # fails in CI, skips elsewhere, before the build
    with served(built_site()) as url:
        yield url + "form/"


def _open(page, base: str, day: dt.date, society: str, report: str = REPORT) -> None:  # type: ignore[no-untyped-def]
    """The form on `day`, with `report` (of `society`) opened from a file."""
    page.clock.install(time=_noon(day))
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.set_input_files("#rf-file", files=[{"name": f"{YEAR}.yaml", "mimeType": "text/yaml",
                                             "buffer": report.format(society=society).encode("utf-8")}])
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


def _head(page) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    bar = page.locator(".rf-editor .rf-summary")
    return str(bar.locator(".rf-summary-head").inner_text()), str(bar.get_attribute("class"))


def test_a_new_report_past_the_deadline_is_told_it_cannot_be_submitted(page, base: str) -> None:
    calendar = _rules().calendar
    _open(page, base, calendar.notice_starts + dt.timedelta(days=1), NEW)
    said = _sentences("notice")["new"]
    assert no_new_report(YEAR) in said  # the gate's words for the same report
    assert page.inner_text("#rf-phase") == said
    head, kind = _head(page)
    assert not head.startswith("检查通过"), head
    assert "这份报告不能再提交" in head
    assert "rf-summary-wait" in kind
    assert page.inner_text("#rf-phase-output") == said
    assert f"：{said}" in page.input_value("#rf-yaml-report").splitlines()[3]
    assert not page.problems, page.problems


def test_the_same_report_while_the_year_takes_reports_passes(page, base: str) -> None:
    calendar = _rules().calendar
    _open(page, base, calendar.submission_closes - dt.timedelta(days=10), NEW)
    assert page.inner_text("#rf-phase") == _sentences("submission")["sentence"]
    head, kind = _head(page)
    assert head.startswith("检查通过："), head
    assert "截止" not in head
    assert "rf-summary-ok" in kind
    assert not page.problems, page.problems


def test_a_published_report_past_the_deadline_is_told_the_phase_s_conditions(page, base: str) -> None:
    assert (ROOT / "submissions" / CORRECTING / f"{YEAR}.yaml").is_file()
    assert _corrections(CORRECTING)
    calendar = _rules().calendar
    _open(page, base, calendar.notice_starts + dt.timedelta(days=1), CORRECTING)
    # The start page names the way to correct a published report (its own year as the 填报年度).
    assert "选它自己的年度，就是更正这份已发布的报告" in page.inner_text(".rf-modes")
    # The sentence of the phase, and which objections open the way (the ids the gate asks for).
    assert page.inner_text("#rf-phase") == _allowed(_sentences("notice")["sentence"], CORRECTING)
    head, kind = _head(page)
    assert head.startswith("检查通过："), head
    assert "修改已发布的报告，须符合表单上方说明的条件" in head
    assert "rf-summary-ok" in kind


BROKEN = """society: cd-agri
year: 2018
innovation:
  services:
    - {id: svc-a, kind: 科技咨询, title: 技术咨询, enterprise: 成都示例企业, district: 郫都区,
       date: 2018-05-12, outcome: 无, evidence: ["https://example.org/a"]}
    - {id: svc-b, kind: 科技咨询, title: 技术培训, enterprise: 成都示例企业, district: 锦江区,
       date: 2019-06-12, outcome: 培训技术人员 30 人, evidence: ["https://example.org/b"]}
major_work:
  - {id: mw-a, kind: 党建, title: 成立党支部, date: 2018-07-01, evidence: ["https://example.org/c"]}
"""
KINDS = {"rf-error": "错误：", "rf-todo": "待填写：", "rf-warning": "警告："}
BEFORE = "e => getComputedStyle(e, '::before').content"


def test_each_problem_names_its_kind_in_words(page, base: str) -> None:
    open_file(page, base, BROKEN, YEAR)
    page.locator(".rf-editor .rf-summary-list > summary").click()
    settled(page)
    counts = {}
    for kind, word in KINDS.items():
        items = page.locator(f".rf-editor .rf-summary-list li.{kind}")
        counts[kind] = items.count()
        assert counts[kind], kind
        assert set(items.evaluate_all(f"es => es.map({BEFORE})")) == {f'"{word}"'}, kind
    head, _ = _head(page)
    assert head == (f"检查结果：{counts['rf-error']} 个错误，{counts['rf-todo']} 处待填写"
                    "（必填，提交后算错误），"
                    f"{counts['rf-warning']} 个警告。"), head
    # At a field: an error and a warning are named; a todo says 必填 in its own words.
    for kind in ("rf-error", "rf-warning"):
        at_field = page.locator(f".rf-editor .rf-msg > p.{kind}").first
        assert at_field.evaluate(BEFORE) == f'"{KINDS[kind]}"', kind
    todo = page.locator(".rf-editor .rf-msg > p.rf-todo").first
    assert todo.evaluate(BEFORE) == "none"
    assert todo.inner_text().startswith("必填")
    # Copied, a message is still check's sentence: the word is not part of its text.
    assert not at_field.text_content().startswith("警告")
    assert not page.problems, page.problems


def test_the_sentences_follow_the_society_the_report_names_now(page, base: str) -> None:
    """Typed over after the start, the society decides too: the top said the published report's
    conditions while the bar said the report could not be submitted."""
    calendar = _rules().calendar
    _open(page, base, calendar.notice_starts + dt.timedelta(days=1), CORRECTING)
    words = _sentences("notice")
    for society, said, passed in ((NEW, words["new"], False), (CORRECTING, _allowed(words["sentence"], CORRECTING), True),
                                  (PUBLISHED, words["sentence"], False)):
        field = page.locator('[data-pointer="/society"] input')
        field.fill(society)
        field.press("Tab")
        settled(page)
        assert page.inner_text("#rf-phase") == said, society
        assert page.inner_text("#rf-phase-output") == said, society
        head, _ = _head(page)
        assert head.startswith("检查通过：") == passed, head


def test_a_published_report_in_a_final_year_is_not_said_to_pass(page, base: str) -> None:
    """Past the calendar's final day no report of the year changes but by an admin (the gate's
    E-CYCLE-CLOSED): a society's published report does not pass either."""
    calendar = _rules().calendar
    _open(page, base, calendar.final + dt.timedelta(days=1), PUBLISHED)
    assert page.inner_text("#rf-phase") == _sentences("final")["sentence"]
    head, kind = _head(page)
    assert not head.startswith("检查通过"), head
    assert "2018 年度的报告已不能再修改" in head
    assert "rf-summary-wait" in kind


UNREGISTERED = "cd-late-new"  # no profile on main: the form asks for one (a new society)


def test_a_refused_new_society_saves_its_package_and_is_not_sent_to_github(page, base: str) -> None:
    """Step 3 said the report could not be submitted and, below, offered the package and five
    GitHub steps that end in E-CYCLE-CLOSED: the package is now offered to save, the steps folded
    behind the gate's condition."""
    calendar = _rules().calendar
    day = calendar.notice_starts + dt.timedelta(days=1)
    _open(page, base, day, UNREGISTERED)
    assert page.inner_text("#rf-phase-output") == _sentences("notice")["new"]
    assert page.inner_text("#rf-package h3") == "新学会：下载保存（现在不能提交）"
    assert page.is_visible("#rf-download-package")
    assert not page.is_visible("#rf-steps"), "the GitHub steps are not the way forward"
    summary = page.inner_text("#rf-steps-fold > summary")
    assert "只在市科协同意时适用" in summary
    assert LATE_EXCEPTION in summary  # the gate's words
    assert LATE_EXCEPTION in no_new_report(YEAR)
    # ...from the guide data, not a copy in the script that could drift from the gate's.
    assert LATE_EXCEPTION.rstrip("。") not in (ROOT / "site_builder/form/form-output.js").read_text("utf-8")
    # Told to contact the association, in view above the fold: the repository publishes no
    # contact (.github/admins.yaml), and the form says so rather than nothing.
    assert page.is_visible("#rf-contact")
    assert page.inner_text("#rf-contact") == "市科协尚未在本站公布联系方式。"
    with page.expect_download() as info:
        page.click("#rf-download-package")
    assert info.value.suggested_filename == f"{UNREGISTERED}-{YEAR}.zip"
    assert not page.problems, page.problems


def test_a_refused_new_society_may_register_alone(page, base: str) -> None:
    """Registering alone passes the gate, which refuses report files only: the profile is offered
    alone, with its own way to GitHub."""
    calendar = _rules().calendar
    day = calendar.notice_starts + dt.timedelta(days=1)
    _open(page, base, day, UNREGISTERED)
    register = page.inner_text("#rf-register-only")
    assert "只登记学会（暂不报告 2018 年度）" in register
    assert page.get_attribute("#rf-register-only a", "href") == "#rf-register"
    # The profile's own way to GitHub, as the form gives a registered society's file.
    assert page.inner_text("#rf-register h4") == "只登记学会（暂不报告 2018 年度）"
    link = page.get_attribute("#rf-register #rf-github-profile", "href")
    assert link is not None
    assert f"filename=submissions/{UNREGISTERED}/society.yaml&value=" in link
    assert "2018.yaml" not in link
    with page.expect_download() as info:
        page.click("#rf-download-profile")
    assert info.value.suggested_filename == "society.yaml"
    # The gate lets that pull request through on the same day: it refuses report files only.
    changed = [ChangedFile(filename=f"submissions/{UNREGISTERED}/society.yaml", status="added")]
    result = check_gate("secretary", changed, [], None, ROOT, day)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    with_report = [*changed, ChangedFile(filename=f"submissions/{UNREGISTERED}/{YEAR}.yaml", status="added")]
    assert "E-CYCLE-CLOSED" in [f.code for f in check_gate("secretary", with_report, [], None, ROOT, day).findings]
    assert not page.problems, page.problems


def test_a_new_society_while_the_year_takes_reports_is_given_the_steps(page, base: str) -> None:
    calendar = _rules().calendar
    _open(page, base, calendar.submission_closes - dt.timedelta(days=10), UNREGISTERED)
    assert page.inner_text("#rf-package h3") == "新学会：一个文件包，按下面的步骤提交"
    assert page.is_visible("#rf-steps #rf-download-package")
    assert page.locator("#rf-steps-fold, #rf-register, #rf-register-only").count() == 0
    assert not page.problems, page.problems


def test_a_refused_report_of_a_registered_society_is_saved_not_sent(page, base: str) -> None:
    calendar = _rules().calendar
    _open(page, base, calendar.notice_starts + dt.timedelta(days=1), NEW)
    assert "下载保存（现在不能提交）" in page.inner_text("#rf-save-report")
    assert page.is_visible("#rf-download-report")
    assert not page.is_visible("#rf-github-report")
    assert "只在市科协同意时适用" in page.inner_text("#rf-steps-fold > summary")
    assert page.locator("#rf-register").count() == 0  # registered already
    assert page.inner_text("#rf-save-report ~ #rf-contact") == "市科协尚未在本站公布联系方式。"
    assert not page.problems, page.problems


def test_a_correction_on_notice_is_told_the_head_s_approval_and_the_objection(page, base: str) -> None:
    """Step 3 ended at “Create pull request”: the gate then asks a head's approval
    (E-CYCLE-APPROVAL) and, on notice, the objection the correction answers (W-CYCLE-OBJECTION)."""
    calendar = _rules().calendar
    _open(page, base, calendar.notice_starts + dt.timedelta(days=1), CORRECTING)
    approval = page.inner_text("#rf-approval-report")
    assert "学会的报告和资料的改动须经学会负责人批准" in approval
    # Main's heads by name, as the gate asks them; a head's own pull request needs no approval.
    heads = read_profile(ROOT / "submissions" / CORRECTING / "society.yaml", "society.yaml")
    assert heads is not None
    assert heads.heads
    named = "、".join("@" + h for h in heads.heads) + (" 中任一位" if len(heads.heads) > 1 else " ")
    assert "负责人 " + named + "自己提交拉取请求" in approval
    assert "Approve" in approval
    assert AFTER_APPROVAL in approval
    objection = page.inner_text("#rf-objection-report")
    assert "请在拉取请求说明中写明回应哪条异议" in objection
    assert "（" + "、".join(_corrections(CORRECTING)) + "）" in objection  # the ids the gate names
    # While the year takes reports, the approval is asked, no objection.
    _open(page, base, calendar.submission_closes - dt.timedelta(days=10), PUBLISHED)
    assert page.locator("#rf-approval-report").count() == 1
    assert page.locator("#rf-objection-report").count() == 0
    # A society whose profile on main names no heads is told what the gate says (W-CYCLE-NO-HEADS).
    nobody = read_profile(ROOT / "submissions" / NEW / "society.yaml", "society.yaml")
    assert nobody is not None
    assert not nobody.heads
    _open(page, base, calendar.submission_closes - dt.timedelta(days=10), NEW)
    approval = page.inner_text("#rf-approval-report")
    assert "没有写负责人（heads），无法核对负责人批准" in approval
    assert "请在 society.yaml 中加入负责人的 GitHub 用户名" in approval
    assert not page.problems, page.problems


@pytest.mark.parametrize(("when", "said"), [("notice", "本学会现在没有这样的异议"),
                                            ("verification", "报告的改动须由市科协管理员提交"),
                                            ("after notice", "报告的改动须由市科协管理员提交")])
def test_a_published_report_the_gate_would_refuse_is_saved_not_sent(page, base: str, when: str, said: str) -> None:
    """After the deadline the gate refuses a society's change to its published report
    (E-CYCLE-CLOSED) unless, on notice, an open objection allows it: the form no longer says
    “检查通过” and hands such a report the GitHub steps. The verification that follows the
    notice (until the final day) refuses it too."""
    assert not _corrections(PUBLISHED)
    calendar = _rules().calendar
    day = {"notice": calendar.notice_starts, "verification": calendar.submission_closes,
           "after notice": calendar.notice_ends}[when] + dt.timedelta(days=1)
    _open(page, base, day, PUBLISHED)
    phase = "notice" if when == "notice" else "verification"
    assert page.inner_text("#rf-phase") == _sentences(phase)["sentence"]
    head, kind = _head(page)
    assert not head.startswith("检查通过"), head
    assert said in head
    assert "rf-summary-wait" in kind
    assert "下载保存（现在不能提交）" in page.inner_text("#rf-save-report")
    assert not page.is_visible("#rf-github-report")
    assert page.locator("#rf-objection-report").count() == 0
    assert not page.problems, page.problems


WITH_FILES = REPORT.replace('evidence: ["https://example.org/a"]',
                            'evidence: ["https://example.org/a", "evidence/2018-年会通知.pdf", "./evidence/2018-年会通知.pdf",'
                            ' "evidence/签到表.jpg", "evidence/setup.exe"]')


@pytest.mark.parametrize(("society", "where"), [(NEW, "#rf-evidence-report"), (UNREGISTERED, "#rf-evidence-package"),
                                               (CORRECTING, "#rf-evidence-report")])
def test_step_three_lists_the_evidence_files_to_send_with_the_report(page, base: str, society: str, where: str) -> None:
    """The walkthrough: a report naming evidence/2018-年会通知.pdf was told, only in the problem
    list, to put it into the folder; step 3 said the folder held society.yaml and 2018.yaml."""
    calendar = _rules().calendar
    _open(page, base, calendar.submission_closes - dt.timedelta(days=10), society, WITH_FILES)
    listed = page.locator(f"{where} li code").all_inner_texts()
    # Each file once (./evidence/… is the same file), named from the folder; an address is none,
    # nor is a file of a kind the check refuses (E-EVIDENCE-FILE-TYPE): that one is to mend.
    assert listed == ["evidence/2018-年会通知.pdf", "evidence/签到表.jpg"], listed
    assert "找不到证明材料文件" in page.inner_text(where)
    assert page.is_visible(where)
    # The upload is then the one way offered, not the editor's page, which takes the report alone
    # (a published report too: following both made two pull requests).
    assert page.locator("#rf-github-report").count() == 0
    assert "这个文件已经发布过。要修改它" not in page.inner_text("#rf-output")
    assert "编辑页面修改报告" not in page.inner_text(where)
    if where == "#rf-evidence-report":
        assert page.inner_text("#rf-one-way-report") == ONE_WAY
    assert not page.problems, page.problems


# Why step 3 offers only the upload for a report naming files of the folder.
ONE_WAY = "这里只给出上传这一种方式：GitHub 的编辑页面一次只能提交一个文件，报告和证明材料要在同一个拉取请求中提交。"


@pytest.mark.parametrize(("report", "upload"), [(WITH_FILES, True), (REPORT, False)])
def test_a_correction_on_notice_is_given_one_way_to_github(page, base: str, report: str, upload: bool) -> None:
    """cd-tcm correcting its 2018 report on notice with evidence files to send was given the upload
    and then the editor's page, one after the other: following both makes two pull requests. With
    files to send, the upload alone, which replaces the published report in the same pull
    request; without, the editor's page alone."""
    _open(page, base, _rules().calendar.notice_starts + dt.timedelta(days=1), CORRECTING, report)
    output = page.inner_text("#rf-output")
    assert ("这个文件已经发布过。要修改它" in output) == (not upload)
    assert page.locator("#rf-evidence-report").count() == int(upload)
    if upload:
        box = page.inner_text("#rf-evidence-report")
        assert "请用上传的方式" in box
        assert "（上传的 2018.yaml 替换同名文件，即已发布的报告）" in box
        assert page.inner_text("#rf-one-way-report") == ONE_WAY
    # One route: the other's link is nowhere in the step.
    assert ("GitHub 上的编辑页面" in output) == (not upload)
    assert ("本学会文件夹的上传页面" in output) == upload
    # The approval and the objection are asked either way.
    assert page.locator("#rf-approval-report").count() == 1
    assert page.locator("#rf-objection-report").count() == 1
    assert not page.problems, page.problems


def test_a_correction_allowed_on_notice_is_refused_once_the_notice_is_over(page, base: str) -> None:
    """The gate lets an objection open the way only on notice: the day after, the society with
    an open objection allowing its correction is refused like any other."""
    assert _corrections(CORRECTING)
    calendar = _rules().calendar
    _open(page, base, calendar.notice_ends + dt.timedelta(days=1), CORRECTING)
    head, _ = _head(page)
    assert not head.startswith("检查通过"), head
    assert "报告的改动须由市科协管理员提交" in head
    assert page.locator("#rf-objection-report").count() == 0
    assert not page.problems, page.problems


def test_a_published_report_loaded_as_the_draft_is_not_said_to_be_resubmittable_when_refused(page, base: str) -> None:
    """The start page's 以已发布的报告为底稿 said “可以修改后重新提交” to a society the gate refuses."""
    calendar = _rules().calendar
    page.clock.install(time=_noon(calendar.notice_starts + dt.timedelta(days=1)))
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    for society, said in ((PUBLISHED, "现在不能由学会提交修改（见表单上方的说明），可以修改后下载保存。"),
                          (CORRECTING, "可以修改后重新提交。")):
        copy_published(page, base, society)
        note = page.inner_text(".rf-note")
        assert f"已发布的 {YEAR} 年度报告，{said}" in note, note
    assert not page.problems, page.problems


def _copy_published(page, base: str, day: dt.date, society: str) -> None:  # type: ignore[no-untyped-def]
    """The form on `day`, with `society`'s published report of the year loaded to correct it."""
    page.clock.install(time=_noon(day))
    copy_published(page, base, society)


def copy_published(page, base: str, society: str, year: int = YEAR) -> None:  # type: ignore[no-untyped-def]
    """`society`'s published report of `year` loaded as the draft, as a secretary starts a
    correction, on the day the page's clock says."""
    page.goto(base)
    page.wait_for_selector(".rf-modes")
    page.select_option("#rf-copy-society", society)
    page.select_option("#rf-copy-from", str(year))
    page.select_option("#rf-copy-to", str(year))
    page.click("#rf-start-copy")
    page.wait_for_selector(".rf-editor .rf-summary")
    settled(page)


# The item cd-tcm's objection names (温江中医药健康产业学会服务站), by the pointer of its box.
CONTESTED_ITEM = "/service_stations/0"


def test_a_correction_is_told_what_the_objection_is_about_and_which_item_it_names(page, base: str) -> None:
    """A secretary correcting cd-tcm's 2018 report on notice was told only “obj-2018-01”: the top
    sentence now says its subject, and the item it names carries the report page's mark."""
    (objection,) = _objections(CORRECTING)
    calendar = _rules().calendar
    _copy_published(page, base, calendar.notice_starts + dt.timedelta(days=1), CORRECTING)
    said = page.inner_text("#rf-phase")
    assert said == _allowed(_sentences("notice")["sentence"], CORRECTING)
    assert f"{objection.id}：“{objection.subject}”" in said
    marks = page.locator(".rf-contested:visible")
    assert marks.all_inner_texts() == [f"{CONTESTED}（{objection.id}）"]
    card = page.locator(f'.rf-card[data-pointer="{CONTESTED_ITEM}"]')
    assert "温江中医药健康产业学会服务站" in card.locator(".rf-card-title").inner_text()
    assert card.locator(":scope > .rf-contested").is_visible()
    # The item's id is what names it: changed, the mark goes.
    card.locator(f'[data-pointer="{CONTESTED_ITEM}/id"] input').fill("station-other")
    settled(page)
    assert page.locator(".rf-contested:visible").count() == 0
    assert not page.problems, page.problems


def test_no_item_is_marked_once_the_notice_is_over(page, base: str) -> None:
    """The gate lets an objection open the way only on notice: after it, no correction is
    invited, nor any item marked."""
    (objection,) = _objections(CORRECTING)
    _copy_published(page, base, _rules().calendar.notice_ends + dt.timedelta(days=1), CORRECTING)
    assert page.locator(f'.rf-card[data-pointer="{CONTESTED_ITEM}"]').count() == 1
    assert page.locator(".rf-contested:visible").count() == 0
    assert objection.subject not in page.inner_text("#rf-phase")
    assert not page.problems, page.problems


def test_an_objection_s_subject_is_shown_as_text(page, base: str) -> None:
    """The subject is the association's record, put in the page as text (textContent)."""
    hostile = '<img src=x onerror="window.hit=1">服务站'

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        config = route.fetch().json()
        for society in config["societies"]:
            for objections in society["corrections"].values():
                for o in objections:
                    o["subject"] = hostile
        route.fulfill(json=config)

    page.route("**/form/config.json", handle)
    _copy_published(page, base, _rules().calendar.notice_starts + dt.timedelta(days=1), CORRECTING)
    assert f"：“{hostile}”" in page.inner_text("#rf-phase")
    assert page.locator("#rf-phase img").count() == 0
    assert page.evaluate("window.hit") is None
    assert not page.problems, page.problems


def test_a_correction_that_drops_published_items_is_told_which_before_it_is_sent(page, base: str) -> None:
    """A nearly blank workbook sent as a correction on notice passed with W-CYCLE-OBJECTION alone:
    step 3 now names the published items the report no longer has, and those the objection does
    not name (what the gate warns of, W-CYCLE-ITEMS-REMOVED)."""
    (objection,) = _objections(CORRECTING)
    notice = _rules().calendar.notice_starts + dt.timedelta(days=1)
    # A workbook of one item, opened from a file (the published report fetched for the note).
    _open(page, base, notice, CORRECTING)
    page.wait_for_selector("#rf-removed-report")
    assert "这份报告将替换已发布的 2018 年度报告：已发布报告中有 9 个项目在这份报告中没有了：" in page.inner_text("#rf-removed-report")
    # While the year takes reports, the society reworks its draft freely: no note.
    _open(page, base, _rules().calendar.submission_closes - dt.timedelta(days=10), CORRECTING)
    assert page.locator("#rf-removed-report").count() == 0
    # The published report loaded to correct it: two items' ids changed are two items dropped.
    _copy_published(page, base, notice, CORRECTING)
    assert page.locator("#rf-removed-report").count() == 0  # nothing dropped yet
    salon = "/academic_events/1"
    page.locator(f'[data-pointer="{salon}/id"] input').fill("evt-other")
    page.locator(f'[data-pointer="{CONTESTED_ITEM}/id"] input').fill("station-other")
    settled(page)
    said = page.inner_text("#rf-removed-report")
    # The gate's words (guide-2018.json's items_removed), by id.
    assert said.startswith("这份报告将替换已发布的 2018 年度报告：已发布报告中有 2 个项目在这份报告中没有了："
                           "“经方临床应用青年医师沙龙”（evt-tcm-salon-2018）、“温江中医药健康产业学会服务站”"
                           "（station-wenjiang-health）。")
    assert (f"其中 1 个不是异议（{objection.id}）事由写到的项目：“经方临床应用青年医师沙龙”（evt-tcm-salon-2018）。"
            in said)
    assert not page.problems, page.problems
