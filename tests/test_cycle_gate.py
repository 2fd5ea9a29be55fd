"""The pull-request gate: the submission deadline and the heads' approval, judged from recorded
API payloads (the changed files and the reviews of a pull request) against the base tree."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.trees import ROOT, base_tree, write_tree
from validators.association.reviews import record_year_folder
from validators.check import check_tree
from validators.cli.gate import MARKER, comment
from validators.evaluation.evaluate import evaluate_repository
from validators.findings import CheckResult, warning
from validators.github.changed_files import (
    PATCH_CHARS,
    ChangedFile,
    first_changed_line,
    parse_changed,
)
from validators.github.cycle_gate import ReviewsError, approvals, check_gate, parse_reviews
from validators.github.pr_comment import COMMENT_LIMIT, units
from validators.github.removed_items import MAX_REPLACED_REPORTS, replaced_reports
from validators.year.cycle import AFTER_APPROVAL, ITEMS_NAMED, full_date
from validators.year.guideline import guideline, reread_guidelines
from validators.year.rubric import reread_rubrics

PAYLOADS = ROOT / "tests" / "data" / "github"
FILES = (PAYLOADS / "pull-files.json").read_text("utf-8")
REVIEWS = (PAYLOADS / "pull-reviews.json").read_text("utf-8")
HEAD = "5f0c2a1e9b8d7c6a5b4e3d2c1b0a9f8e7d6c5b4a"  # the commit the recorded approval names
OPEN_2018 = dt.date(2018, 6, 1)
NOTICE_2018 = dt.date(2026, 11, 30)  # the shipped 2018 calendar: notice 2026-11-16 to 2027-12-31

PROFILE = """
    # 示例数据（虚构）
    id: cd-tcm
    name: 成都市中医药学会（示例）
    kind: 学会
    discipline: 中医药
    maintainers: [tcm-secretary]
    heads: [tcm-head, tcm-deputy]
    sample: true
    """
OBJECTIONS = """
    # 示例数据（虚构）
    year: 2018
    objections:
      - id: obj-2018-01
        society: cd-tcm
        issue: 7
        filed: 2026-11-20
        subject: 服务站活动次数与证明材料不符
        status: {status}
        correction_allowed: true
        {answer}
    """


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "base", {
        "submissions/cd-tcm/society.yaml": PROFILE,
        "submissions/cd-plain/society.yaml": PROFILE.replace("cd-tcm", "cd-plain").replace(
            "heads: [tcm-head, tcm-deputy]\n", ""),
        ".github/admins.yaml": "admins: [cast-admin]\n",
    })


def _changed(*paths: str) -> list[ChangedFile]:
    return [ChangedFile(filename=p, status="modified") for p in paths]


def _codes(result) -> list[str]:
    return sorted(f.code for f in result.findings)


def test_the_recorded_reviews_read_as_the_heads_standing_approval() -> None:
    reviews = parse_reviews(REVIEWS)
    assert [r.state for r in reviews] == ["CHANGES_REQUESTED", "APPROVED", "COMMENTED"]
    # A comment after the approval does not withdraw it; the earlier request for changes is superseded.
    assert set(approvals(reviews)) == {"tcm-head"}
    withdrawn = [*json.loads(REVIEWS), {**json.loads(REVIEWS)[0], "id": 3, "submitted_at": "2026-11-26T01:00:00Z"}]
    assert approvals(parse_reviews(json.dumps(withdrawn))) == {}


def test_paginated_and_json_lines_payloads_read_alike() -> None:
    items = json.loads(REVIEWS)
    pages = json.dumps(items[:2]) + json.dumps(items[2:])  # `gh api --paginate` without --jq
    lines = "\n".join(json.dumps(x) for x in items)         # `gh api --paginate --jq '.[]'`
    assert parse_reviews(pages) == parse_reviews(lines) == parse_reviews(REVIEWS)
    for broken in ('[{"id": 1, "state": "LGTM"}]', "{", '"text"', "[" * 10000):
        with pytest.raises(ReviewsError):
            parse_reviews(broken)


def test_an_approval_of_the_head_commit_by_a_head_passes(base: Path) -> None:
    result = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base, OPEN_2018)
    assert result.findings == []
    [status] = result.approvals
    assert (status.society, status.approved_by) == ("cd-tcm", ["tcm-head"])


def test_a_missing_approval_names_the_heads(base: Path) -> None:
    result = check_gate("tcm-secretary", parse_changed(FILES), [], HEAD, base, OPEN_2018)
    [finding] = result.findings
    assert finding.code == "E-CYCLE-APPROVAL"
    assert finding.file == "submissions/cd-tcm/2018.yaml"
    assert "缺少负责人 tcm-head、tcm-deputy 中任一位的批准" in finding.message
    assert "目前还没有负责人批准" in finding.message
    # A review does not run the check again (the workflow's triggers): the way that does is said.
    assert finding.message.endswith(AFTER_APPROVAL)
    assert "说明（最上面的一段）中点“Edit”，随便改一个字并保存" in AFTER_APPROVAL


def test_an_approval_of_an_older_commit_must_be_renewed(base: Path) -> None:
    newer = "0" * 40
    result = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), newer, base, OPEN_2018)
    [finding] = result.findings
    assert finding.code == "E-CYCLE-APPROVAL"
    assert "tcm-head 批准的是较早的提交" in finding.message


def test_a_non_head_approval_does_not_count_and_a_head_author_needs_none(base: Path) -> None:
    other = json.loads(REVIEWS)[1]
    other["user"]["login"] = "tcm-secretary"
    reviews = parse_reviews(json.dumps([other]))
    assert _codes(check_gate("someone", _changed("submissions/cd-tcm/2018.yaml"), reviews, HEAD, base,
                             OPEN_2018)) == ["E-CYCLE-APPROVAL"]
    assert check_gate("TCM-Deputy", _changed("submissions/cd-tcm/2018.yaml"), [], HEAD, base, OPEN_2018).findings == []


def test_the_profile_is_guarded_too_and_evidence_is_not(base: Path) -> None:
    assert _codes(check_gate("tcm-secretary", _changed("submissions/cd-tcm/society.yaml"), [], HEAD, base,
                             OPEN_2018)) == ["E-CYCLE-APPROVAL"]
    assert check_gate("tcm-secretary", _changed("submissions/cd-tcm/evidence/a.txt"), [], HEAD, base,
                      OPEN_2018).findings == []


def test_a_society_without_heads_is_warned_not_failed(base: Path) -> None:
    result = check_gate("x", _changed("submissions/cd-plain/2018.yaml"), [], HEAD, base, OPEN_2018)
    assert _codes(result) == ["W-CYCLE-NO-HEADS"]


def test_after_the_close_a_report_is_refused(base: Path) -> None:
    result = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base, NOTICE_2018)
    [finding] = result.findings
    assert finding.code == "E-CYCLE-CLOSED"
    assert "2018 年度的填报已于 2018 年 12 月 15 日截止（现在：公示中：至 2027 年 12 月 31 日）" in finding.message
    assert "请先按网站上的说明提出异议" in finding.message


def test_an_open_objection_allowing_correction_lets_the_society_answer_it(base: Path) -> None:
    write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(status="受理中", answer="")})
    result = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base, NOTICE_2018)
    assert _codes(result) == ["W-CYCLE-OBJECTION"]
    assert "obj-2018-01" in result.findings[0].message
    assert "“公示期的异议”表中的编号" in result.findings[0].message  # where a secretary finds it
    # Still needs its head's approval.
    assert _codes(check_gate("tcm-secretary", parse_changed(FILES), [], HEAD, base, NOTICE_2018)) == [
        "E-CYCLE-APPROVAL", "W-CYCLE-OBJECTION"]
    # Another society's report stays closed.
    assert _codes(check_gate("cd-plain-x", _changed("submissions/cd-plain/2018.yaml"), [], HEAD, base,
                             NOTICE_2018)) == ["E-CYCLE-CLOSED", "W-CYCLE-NO-HEADS"]


def test_an_answered_objection_or_the_end_of_the_notice_closes_the_report_again(base: Path) -> None:
    write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(
        status="已答复", answer="answer: 经核实，活动次数以证明材料为准。\n        answered: 2026-11-28")})
    assert _codes(check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base,
                             NOTICE_2018)) == ["E-CYCLE-CLOSED"]
    write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(status="受理中", answer="")})
    after_notice = dt.date(2028, 1, 2)
    closed = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base, after_notice)
    assert _codes(closed) == ["E-CYCLE-CLOSED"]
    # Not sent to file an objection in a notice that is over (the review's case).
    ends = guideline(2018, base)
    assert ends is not None
    assert ends.calendar is not None
    assert f"公示期已于 {full_date(ends.calendar.notice_ends)}结束，学会不能再更正报告" in closed.findings[0].message
    assert "请先按网站上的说明提出异议" not in closed.findings[0].message


def test_an_admin_may_change_a_closed_report_with_a_visible_warning(base: Path) -> None:
    result = check_gate("cast-admin", _changed("submissions/cd-tcm/2017.yaml"), [], None, base, NOTICE_2018)
    assert _codes(result) == ["W-CYCLE-ADMIN-CHANGE"]
    # Past 2017's final day, but this tree has no results/2017.json: the site's words for that.
    assert "（现在：公示已结束，结果尚未定稿）" in result.findings[0].message


def test_an_admin_removing_a_final_years_report_is_told_what_the_site_shows(base: Path) -> None:
    """The warning said the report page would note the change: a removed report has no page.
    Its frozen ranking row stays, noted as removed (tests/test_results.py)."""
    write_tree(base, {"submissions/cd-tcm/2017.yaml": "society: cd-tcm\nyear: 2017\n", "results/2017.json": "{}"})
    removed = check_gate("cast-admin", [ChangedFile(filename="submissions/cd-tcm/2017.yaml", status="removed")],
                         [], None, base, NOTICE_2018)
    assert _codes(removed) == ["W-CYCLE-ADMIN-CHANGE"]
    gone = "网站上不再有这份报告的页面；定稿结果中有这份报告的，排名中它的一行照列，并注明报告已删除或有误"
    assert gone in removed.findings[0].message
    assert "报告页面会注明" not in removed.findings[0].message
    changed = check_gate("cast-admin", _changed("submissions/cd-tcm/2017.yaml"), [], None, base, NOTICE_2018)
    assert "报告页面会注明报告在定稿后改动过" in changed.findings[0].message
    # Renamed to a name no report has (its page goes too), said once for both ends.
    misnamed = check_gate("cast-admin", [ChangedFile(filename="submissions/cd-tcm/2017.yml", status="renamed",
                                                     previous_filename="submissions/cd-tcm/2017.yaml")],
                          [], None, base, NOTICE_2018)
    assert [(f.code, gone in f.message) for f in misnamed.findings] == [("W-CYCLE-ADMIN-CHANGE", True)]


def test_a_final_year_is_closed_and_a_rename_is_judged_at_both_ends(base: Path) -> None:
    moved = [ChangedFile(filename="submissions/cd-tcm/2018.yaml", status="renamed",
                         previous_filename="submissions/cd-tcm/2017.yaml")]
    result = check_gate("tcm-secretary", moved, parse_reviews(REVIEWS), HEAD, base, OPEN_2018)
    assert [(f.file, f.code) for f in result.findings] == [("submissions/cd-tcm/2017.yaml", "E-CYCLE-CLOSED")]
    assert "该年度已是最终结果，只能由市科协管理员更正" in result.findings[0].message
    early = check_gate("tcm-secretary", _changed("submissions/cd-tcm/2018.yaml"), parse_reviews(REVIEWS), HEAD,
                       base, dt.date(2017, 12, 1))
    assert _codes(early) == ["E-CYCLE-NOT-OPEN"]


def _gate(base: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "files.json").write_text(FILES, "utf-8")
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "gate",
                           "--changed", str(tmp_path / "files.json"), *args], capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_the_command_writes_the_bot_comment_and_exits_by_severity(base: Path, tmp_path: Path) -> None:
    (tmp_path / "reviews.json").write_text("[]", "utf-8")
    comment = tmp_path / "comment.md"
    summary = tmp_path / "summary.md"
    done = _gate(base, tmp_path, "--author", "tcm-secretary", "--reviews", str(tmp_path / "reviews.json"),
                 "--head-sha", HEAD, "--date", "2018-06-01", "--format", "github",
                 "--comment-out", str(comment), "--summary-out", str(summary))
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=submissions/cd-tcm/2018.yaml")
    text = comment.read_text("utf-8")
    assert text.startswith("<!-- society-registry-cycle -->\n## ❌ 填报期限与负责人批准")
    assert "❌ 缺少批准：请 `tcm-head`、`tcm-deputy` 中任一位批准" in text
    assert AFTER_APPROVAL in text
    assert "### ❌ 填报期限与负责人批准" in summary.read_text("utf-8")
    (tmp_path / "reviews.json").write_text(REVIEWS, "utf-8")
    done = _gate(base, tmp_path, "--author", "tcm-secretary", "--reviews", str(tmp_path / "reviews.json"),
                 "--head-sha", HEAD, "--date", "2018-06-01", "--comment-out", str(comment))
    assert done.returncode == 0, done.stderr
    assert "✅ 已由 `tcm-head` 批准" in comment.read_text("utf-8")


def test_a_malformed_payload_is_a_usage_error_without_a_traceback(base: Path, tmp_path: Path) -> None:
    (tmp_path / "reviews.json").write_text('{"not": "reviews"', "utf-8")
    done = _gate(base, tmp_path, "--author", "x", "--reviews", str(tmp_path / "reviews.json"))
    assert done.returncode == 2
    assert "审查清单" in done.stderr
    assert "Traceback" not in done.stderr
    bad_date = _gate(base, tmp_path, "--author", "x", "--date", "30/11/2026")
    assert bad_date.returncode == 2
    assert "Traceback" not in bad_date.stderr


def test_a_missing_or_malformed_changed_list_is_a_usage_error(base: Path, tmp_path: Path) -> None:
    missing = subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "gate", "--author", "x",
                              "--changed", str(tmp_path / "absent.json")], capture_output=True, text=True,
                             timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert missing.returncode == 2
    assert "无法读取改动文件清单" in missing.stderr
    (tmp_path / "bad.json").write_text('{"filename": 3}', "utf-8")
    malformed = subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "gate", "--author", "x",
                                "--changed", str(tmp_path / "bad.json")], capture_output=True, text=True,
                               timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert malformed.returncode == 2
    assert "改动文件清单" in malformed.stderr
    assert "格式不对" in malformed.stderr
    assert "Traceback" not in missing.stderr + malformed.stderr


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.write_bytes(b"\xff\xfe[]"), "无法读取改动文件清单 {path}：不是 UTF-8 编码的文本（第 1 个字节无法按 UTF-8 读取）"),
    (lambda p: p.mkdir(), "无法读取改动文件清单 {path}：这是文件夹，不是文件"),
    (lambda p: None, "无法读取改动文件清单 {path}：文件不存在"),
])
def test_an_unreadable_changed_list_is_said_in_chinese(base: Path, tmp_path: Path, make: Any, said: str) -> None:
    """Python's own words (“'utf-8' codec can't decode…”, “[Errno 21] Is a directory”) were printed."""
    path = tmp_path / "changed.json"
    make(path)
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "check-changed", str(path),
                           "--base", "HEAD"], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert said.format(path=path) in done.stderr
    assert "Errno" not in done.stderr
    assert "codec" not in done.stderr


@pytest.mark.parametrize("path", ["validators/guidelines/2017.txt", "validators/guidelines/2017.yaml",
                                  "validators/rubrics/2017.yaml"])
def test_a_final_years_guideline_and_rubric_are_refused_to_anyone(base: Path, path: str) -> None:
    """Edited, a final year's text misquoted the guideline on its pages, and its rubric moved the
    scores of the next year, which carries it forward; its results file did not stop either."""
    for author in ("cast-admin", "tcm-secretary"):
        result = check_gate(author, _changed(path), [], None, base, NOTICE_2018)
        assert [(f.file, f.code) for f in result.findings] == [(path, "E-CYCLE-YEAR-FROZEN")]
    assert "2017 年度的日历已到最终结果阶段" in result.findings[0].message  # no results file in this tree


def test_a_year_frozen_by_its_calendar_alone_is_not_said_to_be_published(base: Path) -> None:
    """2018 past its calendar's final day, not finalized (no results/2018.json): its year files
    were refused as “结果已经定稿公布”, and a staff member who had just written the year with
    new-year from past dates went round in circles. The refusal says what holds and the way out."""
    assert not (base / "results" / "2018.json").exists()
    calendar = guideline(2018, base).calendar
    assert calendar is not None
    after = calendar.final + dt.timedelta(days=1)
    [found] = check_gate("cast-admin", _changed("validators/guidelines/2018.yaml"), [], None, base, after).findings
    assert found.code == "E-CYCLE-YEAR-FROZEN"
    assert f"日历已到最终结果阶段（{full_date(calendar.final)}起）" in found.message
    assert "只改该年度的 calendar" in found.message
    assert "已经定稿公布" not in found.message
    # With its results file, a year is said to be published.
    (base / "results").mkdir()
    (base / "results" / "2017.json").write_bytes((ROOT / "results" / "2017.json").read_bytes())
    [published] = check_gate("cast-admin", _changed("validators/rubrics/2017.yaml"), [], None, base, after).findings
    assert "2017 年度的结果已经定稿公布" in published.message


RUBRIC_PATCH = """@@ -57,7 +57,7 @@ academic_events:
   category:
     学术年会: {clause: "5.1", points: 6, label: 学术年会}
     全国性学术会议: {clause: "5.2", points: 5, label: 全国性学术会议}
-    国际性学术会议: {clause: "5.3", points: 5, label: 国际性学术会议}
+    国际性学术会议: {clause: "5.3", points: 8, label: 国际性学术会议}
     大型社会活动: {clause: "5.4", points: 3, label: 大型社会活动}"""


def test_a_refused_change_is_said_where_it_begins(base: Path) -> None:
    """E-CYCLE-YEAR-FROZEN and E-CYCLE-CLOSED were said at line 1 of a file changed at line 60
    (a reviewer's case): with the API's patch (its opening, as the workflow keeps it), at the
    line where the change begins; without one, at line 1 as before."""
    path = "validators/rubrics/2017.yaml"
    changed = [ChangedFile(filename=path, status="modified", patch=RUBRIC_PATCH[:PATCH_CHARS])]
    [found] = check_gate("cast-admin", changed, [], None, base, NOTICE_2018).findings
    assert (found.code, found.line, found.column) == ("E-CYCLE-YEAR-FROZEN", 60, 1)
    report = [ChangedFile(filename="submissions/cd-tcm/2018.yaml", status="modified",
                          patch="@@ -0,0 +12,2 @@\n+  - id: evt-late\n+    title: 逾期活动")]
    [closed] = [f for f in check_gate("tcm-secretary", report, [], HEAD, base, NOTICE_2018).findings
                if f.code == "E-CYCLE-CLOSED"]
    assert closed.line == 12


@pytest.mark.parametrize(("patch", "line"), [
    ("", 1), ("Binary files differ", 1), ("@@ -1,3 +1,3 @@\n-a\n+b", 1),
    ("@@ -10,6 +10,5 @@ key:\n a\n b\n c\n-d\n e", 13),  # a deletion: the line now where it was
    ("@@ -10 +10 @@\n a\n b", 12),  # cut before its first change: as far as it was read
    ("@@ -1 +99999999999999999999 @@\n+a", 1), ("@@ -1 +١٢ @@\n+a", 1),  # no number a file has
    ("diff --git a/x b/x\n@@ -3,4 +5,6 @@\n x\n+y", 6),
])
def test_the_first_changed_line_is_read_from_the_patch_alone(patch: str, line: int) -> None:
    assert first_changed_line(patch) == line


def test_an_open_years_files_and_other_program_files_pass_the_gate(base: Path) -> None:
    changed = _changed("validators/guidelines/2018.yaml", "validators/rubrics/2018.yaml",
                       "validators/guidelines/2017.py", "validators/rubrics/2017.yaml.bak")
    assert _codes(check_gate("cast-admin", changed, [], None, base, NOTICE_2018)) == []


def test_a_final_years_rubric_edited_would_move_the_next_years_tiers(tmp_path: Path) -> None:
    """Why the gate refuses a final year's rubric (the README's example): raising the 2017 annual
    meeting from 6 to 8 points moves two 2018 societies to another tier, since 2018 carries 2017
    forward."""
    root = base_tree(tmp_path)
    rubric = root / "validators" / "rubrics" / "2017.yaml"
    text = rubric.read_text("utf-8")
    old = '综合性学术年会: {clause: "5.1", points: 6,'
    assert text.count(old) == 1
    tiers = {}
    for edited in (text, text.replace(old, old.replace("points: 6", "points: 8"))):
        rubric.write_text(edited, "utf-8")
        reread_guidelines()
        reread_rubrics()
        _, repo = check_tree(root)
        tiers[edited == text] = {e.society: e.tier for e in evaluate_repository(repo, 2018)}
    reread_rubrics()
    moved = [s for s in tiers[True] if tiers[True][s] != tiers[False][s]]
    assert len(moved) == 2, (tiers, moved)


def test_a_year_finalized_during_its_notice_is_said_final_and_no_objection_opens_it(base: Path) -> None:
    """After finalize the gate still told a society "公示期内如需更正，请先…提出异议": a frozen
    year's report is closed to objections too, and the message says the year is final."""
    write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(status="受理中", answer=""),
                      "results/2018.json": "{}\n"})
    result = check_gate("tcm-secretary", parse_changed(FILES), parse_reviews(REVIEWS), HEAD, base, NOTICE_2018)
    [finding] = result.findings
    assert finding.code == "E-CYCLE-CLOSED"
    assert "现在：结果已定稿" in finding.message
    assert "该年度的结果已经定稿（results/2018.json），公示和异议都已结束" in finding.message
    assert "提出异议" not in finding.message
    admin = check_gate("cast-admin", _changed("submissions/cd-tcm/2018.yaml"), [], None, base, NOTICE_2018)
    assert _codes(admin) == ["W-CYCLE-ADMIN-CHANGE"]
    assert "finalize 2018 --replace" in admin.findings[0].message


def test_a_new_society_after_the_close_is_told_its_report_is_late_not_to_object(base: Path) -> None:
    """A society registering with its first report after the close was sent to the objection
    route (for correcting a report it never had) and asked to add heads to a profile main lacks."""
    added = [ChangedFile(filename="submissions/cd-optics/society.yaml", status="added"),
             ChangedFile(filename="submissions/cd-optics/2018.yaml", status="added")]
    result = check_gate("optics-secretary", added, [], HEAD, base, NOTICE_2018)
    assert _codes(result) == ["E-CYCLE-CLOSED", "W-CYCLE-NO-HEADS"]
    closed, heads = sorted(result.findings, key=lambda f: f.code)
    assert "不能再提交新的 2018 年度报告：逾期的报告不参加该年度的评估" in closed.message
    assert "异议" not in closed.message
    assert "还不在主分支上" in heads.message
    assert "请在 society.yaml 中加入负责人" not in heads.message
    # A report main has, changed after the close, is still sent to the objection route.
    kept = check_gate("tcm-secretary", _changed("submissions/cd-tcm/2018.yaml"), [], HEAD, base, NOTICE_2018)
    assert "请先按网站上的说明提出异议" in kept.findings[0].message


def test_a_rename_within_one_years_report_is_said_once(base: Path) -> None:
    """2018.yaml renamed 2018.yml after the close: one change of one report, one finding (at the
    new name), where both ends each had theirs."""
    write_tree(base, {"submissions/cd-tcm/2018.yaml": "society: cd-tcm\nyear: 2018\n"})
    moved = [ChangedFile(filename="submissions/cd-tcm/2018.yml", status="renamed",
                         previous_filename="submissions/cd-tcm/2018.yaml")]
    result = check_gate("tcm-secretary", moved, parse_reviews(REVIEWS), HEAD, base, NOTICE_2018)
    assert [(f.file, f.code) for f in result.findings] == [("submissions/cd-tcm/2018.yml", "E-CYCLE-CLOSED")]
    assert "请先按网站上的说明提出异议" in result.findings[0].message  # main has the report: not a late one


def test_an_objection_opens_no_way_for_a_report_main_never_had(base: Path) -> None:
    """An objection allowing cd-tcm to correct its report lets it answer with that report, not
    add a late one; a folder main has without a profile is not told it registers now."""
    write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(status="受理中", answer="")})
    added = [ChangedFile(filename="submissions/cd-tcm/2018.yaml", status="added")]
    [late] = [f for f in check_gate("tcm-secretary", added, [], HEAD, base, NOTICE_2018).findings
              if f.code == "E-CYCLE-CLOSED"]
    assert (late.code, "不能再提交新的 2018 年度报告" in late.message) == ("E-CYCLE-CLOSED", True)
    bare = write_tree(base.parent / "bare", {"submissions/cd-bare/2017.yaml": "society: cd-bare\nyear: 2017\n",
                                             ".github/admins.yaml": "admins: [cast-admin]\n"})
    said = check_gate("bare-secretary", _changed("submissions/cd-bare/2017.yaml"), [], HEAD, bare, OPEN_2018)
    [heads] = [f for f in said.findings if f.code == "W-CYCLE-NO-HEADS"]
    assert "还不在主分支上" not in heads.message
    assert "请在 society.yaml 中加入负责人" in heads.message


REVIEW_PATCH = """@@ -6,7 +6,7 @@ verdicts:
   - item: svc-2018-01
     by: 市科协核查员
     on: 2026-11-10
-    status: 待补充材料
+    status: 已核实
     contents: "0123456789ab\""""


def test_a_finalized_years_review_record_changed_is_said_where_it_changes(base: Path) -> None:
    """A finalized year's review record changed (待补充材料 → 已核实) passed the gate without a
    word, where a report's change warns: the reviewer is told, at the changed line, that the
    published results stay as frozen until finalize --replace."""
    path = "reviews/2018/cd-tcm.yaml"
    changed = [ChangedFile(filename=path, status="modified", patch=REVIEW_PATCH[:PATCH_CHARS])]
    assert check_gate("cast-admin", changed, [], None, base, NOTICE_2018).findings == []  # not finalized
    write_tree(base, {"results/2018.json": "{}\n"})
    for author in ("cast-admin", "staff-reviewer"):
        [found] = check_gate(author, changed, [], None, base, NOTICE_2018).findings
        assert (found.file, found.line, found.column, found.code, found.severity) == (
            path, 9, 1, "W-CYCLE-REVIEW-FINALIZED", "warning")
    assert "2018 年度的结果已经定稿（results/2018.json）：核查记录的这次改动不会改变公布的结果" in found.message
    assert "python -m validators finalize 2018 --replace 重新定稿" in found.message
    # Given or taken back: the whole file, at line 1.
    removed = [ChangedFile(filename=path, status="removed")]
    assert [(f.line, f.code) for f in check_gate("cast-admin", removed, [], None, base, NOTICE_2018).findings] == [
        (1, "W-CYCLE-REVIEW-FINALIZED")]
    # The objections file holds no verdict the results froze; another year's record is not final.
    others = _changed("reviews/2018/objections.yaml", "reviews/2019/cd-tcm.yaml", "reviews/2018/notes.txt")
    assert check_gate("cast-admin", others, [], None, base, NOTICE_2018).findings == []


def test_a_full_width_year_folder_is_no_finalized_years_review_record(base: Path) -> None:
    """`reviews/２０１８/cd-tcm.yaml` was read as 2018's review record (`int` takes full-width
    digits): told W-CYCLE-REVIEW-FINALIZED, and let past the gate's other checks. It is no record
    of any year: the folder must be written in ASCII digits."""
    write_tree(base, {"results/2018.json": "{}\n"})
    path = "reviews/\uff12\uff10\uff11\uff18/cd-tcm.yaml"
    assert record_year_folder(path) is None
    found = check_gate("staff-reviewer", _changed(path), [], None, base, NOTICE_2018).findings
    assert "W-CYCLE-REVIEW-FINALIZED" not in [f.code for f in found]


def test_what_reruns_the_approval_check_is_what_the_workflow_runs_on() -> None:
    """AFTER_APPROVAL sends a secretary to edit the pull request's description: true only while the
    gate's workflow runs on `edited` (and a review alone does not start it). The page on
    submitting says the same words."""
    import yaml

    workflow = yaml.load((ROOT / ".github" / "workflows" / "ownership.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    on = workflow[True] if True in workflow else workflow["on"]
    assert "edited" in on["pull_request_target"]["types"]
    assert "pull_request_review" not in on
    submit = (ROOT / "docs" / "submit.md").read_text("utf-8")
    plain = re.sub(r"\*\*<span lang=\"en\">(\w+)</span>\*\*", r"“\1”", submit).replace(" “", "“").replace("” ", "”")
    assert AFTER_APPROVAL in plain


# The shipped sample report as published on the base branch, and one workbook item's removal.
PUBLISHED_2018 = (ROOT / "submissions" / "cd-tcm" / "2018.yaml").read_text("utf-8")
SALON = "经方临床应用青年医师沙龙"


def _published(base: Path, subject: str = "服务站活动次数与证明材料不符") -> Path:
    (base / "submissions" / "cd-tcm" / "2018.yaml").write_text(PUBLISHED_2018, "utf-8")
    return write_tree(base, {"reviews/2018/objections.yaml": OBJECTIONS.format(status="受理中", answer="").replace(
        "服务站活动次数与证明材料不符", subject)})


def _replaced(base: Path, new: str, day: dt.date = NOTICE_2018, author: str = "tcm-secretary") -> list:
    heads = {"submissions/cd-tcm/2018.yaml": new.encode("utf-8")}
    return check_gate(author, _changed("submissions/cd-tcm/2018.yaml"), parse_reviews(REVIEWS), HEAD, base,
                      day, heads.get).findings


def _without_salon(text: str) -> str:
    start = text.index("  - id: evt-tcm-salon-2018")
    return text[:start] + text[text.index("research:"):]


def test_a_nearly_blank_replacement_of_a_published_report_names_the_items_it_drops(base: Path) -> None:
    """An empty workbook uploaded in answer to an objection passed with W-CYCLE-OBJECTION alone:
    the published report's items it no longer has are named, a warning (a correction may drop one)."""
    _published(base)
    findings = _replaced(base, "# 示例数据（虚构）\nsociety: cd-tcm\nyear: 2018\n")
    assert [f.code for f in findings] == ["W-CYCLE-OBJECTION", "W-CYCLE-ITEMS-REMOVED"]
    removed = findings[1]
    assert (removed.file, removed.severity) == ("submissions/cd-tcm/2018.yaml", "warning")
    assert removed.message.startswith("这份报告将替换已发布的 2018 年度报告：已发布报告中有 9 个项目在这份报告中没有了："
                                      "“成都绿色健康学会联合体”（consortium-green-health）、")
    assert f"“{SALON}”（evt-tcm-salon-2018）" in removed.message
    assert "上传或导入了空白或不完整的工作簿" in removed.message
    assert "异议（" not in removed.message  # the objection names no item of the report
    # No raw field key is said (titles and ids are the report's own values).
    assert not re.search(r"\b(academic_events|services|title|name)\b", removed.message)
    # An empty file drops them all too.
    assert "有 9 个项目" in _replaced(base, "")[1].message


def test_a_correction_dropping_items_its_objection_does_not_name_is_said_apart(base: Path) -> None:
    _published(base, f"“{SALON}”参加人数与签到表不符")
    [objection, removed] = _replaced(base, _without_salon(PUBLISHED_2018).replace(
        "  - id: mw-tcm-party", "  - id: mw-tcm-party-renamed"))
    assert objection.code == "W-CYCLE-OBJECTION"
    assert removed.code == "W-CYCLE-ITEMS-REMOVED"
    assert "已发布报告中有 2 个项目在这份报告中没有了" in removed.message
    assert ("其中 1 个不是异议（obj-2018-01）事由写到的项目：“学会党建工作与学术工作融合推进”（mw-tcm-party）。"
            in removed.message)
    # Only the item the objection names removed: said to be within it.
    [_, within] = _replaced(base, _without_salon(PUBLISHED_2018))
    assert f"有 1 个项目在这份报告中没有了：“{SALON}”（evt-tcm-salon-2018）。它们都是异议（obj-2018-01）事由写到的项目。" \
        in within.message


def test_only_a_replacement_after_the_close_that_drops_items_is_said(base: Path) -> None:
    _published(base)
    # An edit that keeps every item; before the close (the society may still rework its report).
    assert [f.code for f in _replaced(base, PUBLISHED_2018.replace("participants: 55", "participants: 56"))] == [
        "W-CYCLE-OBJECTION"]
    assert _replaced(base, "society: cd-tcm\nyear: 2018\n", OPEN_2018) == []
    # After the close generally: an admin's replacement is said too.
    admin = _replaced(base, _without_salon(PUBLISHED_2018), author="cast-admin")
    assert [f.code for f in admin] == ["W-CYCLE-ADMIN-CHANGE", "W-CYCLE-ITEMS-REMOVED"]
    # A head that is not YAML is its own check's error, not a list of removals.
    assert [f.code for f in _replaced(base, "items: [\n")] == ["W-CYCLE-OBJECTION"]
    # A head that fails the model is read by its ids: what it still has is not called removed.
    broken = _without_salon(PUBLISHED_2018).replace("participants: 360", "participants: many")
    [_, removed] = _replaced(base, broken)
    assert "有 1 个项目在这份报告中没有了" in removed.message


def test_the_command_lists_the_reports_to_fetch_and_reads_them_from_the_head_root(base: Path, tmp_path: Path) -> None:
    _published(base)
    listed = _gate(base, tmp_path, "--author", "tcm-secretary", "--list-reports", "--date", NOTICE_2018.isoformat())
    assert (listed.returncode, listed.stdout) == (0, "submissions/cd-tcm/2018.yaml\n"), listed.stderr
    head = write_tree(tmp_path / "head", {"submissions/cd-tcm/2018.yaml": "society: cd-tcm\nyear: 2018\n"})
    (tmp_path / "reviews.json").write_text(REVIEWS, "utf-8")
    done = _gate(base, tmp_path, "--author", "tcm-secretary", "--reviews", str(tmp_path / "reviews.json"),
                 "--head-sha", HEAD, "--date", NOTICE_2018.isoformat(), "--head-root", str(head), "--format", "github")
    assert done.returncode == 0, done.stderr
    assert "::warning file=submissions/cd-tcm/2018.yaml,line=40" in done.stdout
    assert "W-CYCLE-ITEMS-REMOVED" in done.stdout


def _changes(*rows: tuple[str, str]) -> list[ChangedFile]:
    return [ChangedFile(filename=name, status=status) for name, status in rows]


def test_only_published_reports_of_closed_years_are_listed_to_fetch(base: Path) -> None:
    """The listed paths go into the workflow's API URLs and file names: only a slug folder's
    four-digit report of a closed year that the base branch has, each once, a few at most."""
    _published(base)
    write_tree(base, {"submissions/cd-plain/2018.yaml": "society: cd-plain\nyear: 2018\n"})
    hostile = ["submissions/x?ref=main#/2018.yaml", "submissions/cd-tcm\n../../x/2018.yaml",
               "submissions/../2018.yaml", "submissions/CD-TCM/2018.yaml", "submissions/cd-tcm/02018.yaml",
               "submissions/cd-tcm/2018.yml", "submissions/cd-tcm/society.yaml", "submissions/cd-tcm/evidence/2018.yaml"]
    changes = _changes(*((h, "modified") for h in hostile),
                       ("submissions/cd-tcm/2018.yaml", "modified"), ("submissions/cd-tcm/2018.yaml", "modified"),
                       ("submissions/cd-plain/2018.yaml", "removed"),  # nothing left to compare
                       ("submissions/cd-new/2018.yaml", "added"),  # a report main never had
                       ("submissions/cd-tcm/2019.yaml", "added"))
    assert replaced_reports(changes, base, NOTICE_2018) == ["submissions/cd-tcm/2018.yaml"]
    # While the year still takes reports, nothing is published yet to compare.
    assert replaced_reports(changes, base, OPEN_2018) == []


def test_a_bulk_pull_request_compares_a_few_published_reports_and_says_so(base: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    many = {f"submissions/cd-s{i:02d}/2018.yaml": f"society: cd-s{i:02d}\nyear: 2018\n"
            for i in range(MAX_REPLACED_REPORTS + 3)}
    write_tree(base, many)
    changes = _changes(*((path, "modified") for path in many))
    listed = replaced_reports(changes, base, NOTICE_2018)
    assert len(listed) == MAX_REPLACED_REPORTS + 3
    (tmp_path / "many.json").write_text(json.dumps([{"filename": p, "status": "modified"} for p in many]), "utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(base), "gate", "--author", "x",
                           "--changed", str(tmp_path / "many.json"), "--list-reports", "--date", NOTICE_2018.isoformat()],
                          capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == sorted(many)[:MAX_REPLACED_REPORTS]
    assert f"只核对了其中 {MAX_REPLACED_REPORTS} 份" in done.stderr
    assert "其余 3 份没有核对" in done.stderr
    # The gate compares those alone (a head reader asked of the others would be asked in vain).
    asked: list[str] = []
    result = check_gate("cast-admin", changes, [], HEAD, base, NOTICE_2018, lambda path: asked.append(path) or b"")
    assert asked == sorted(many)[:MAX_REPLACED_REPORTS]
    assert result.uncompared == 3
    assert "其余 3 份没有核对" in comment(CheckResult(files=len(changes), findings=result.findings), "", result.uncompared)


def test_the_removed_items_are_named_a_few_and_counted(base: Path) -> None:
    _published(base)
    [_, removed] = _replaced(base, "society: cd-tcm\nyear: 2018\n")
    named = removed.message[:removed.message.index("。")]
    assert named.endswith("等 9 个")
    assert named.count("”（") == ITEMS_NAMED


def test_the_cycle_comment_stays_within_what_github_accepts() -> None:
    """Thousands of findings (a bulk pull request after the close): the comment is cut, with a note."""
    findings = [warning(f"submissions/cd-s{i:04d}/2018.yaml", 1, 1, "W-CYCLE-ITEMS-REMOVED", "项目“𝔸”" * 40)
                for i in range(3000)]
    said = comment(CheckResult(files=3000, findings=findings), "#### 负责人批准\n\n| 学会 |\n")
    assert units(said) <= COMMENT_LIMIT
    assert said.startswith(MARKER)
    assert "评论过长，以下从略" in said
    assert said.endswith("| 学会 |\n")
    rows = "\n".join(f"| `cd-s{i:04d}` | x | y |" for i in range(5000))
    assert units(comment(CheckResult(files=1, findings=[]), rows)) <= COMMENT_LIMIT
