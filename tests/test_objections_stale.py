"""The year's objections file starts from main's too (E-REVIEW-STALE): two members of staff open
the same year's objections from the same published site; one answers the open objection, the
other records a new one. The first file is merged; the second, made from the objections file the
site showed before, would wipe the answer without a word (`check` finds nothing wrong in it).
Each is tried as a real pull request in a scratch Git repository, as tests/test_review_stale.py
does for a society's review file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.git_trees import git, sample_repository
from tests.test_review_stale import (
    ADMIN,
    STAFF,
    check_changed,
    comment_verdict,
    open_pull_request,
    refused_as_stale,
    sha256,
    shown_text,
    stale,
)
from validators.check import check_tree
from validators.github.changed_files import ChangedFile, git_changes
from validators.github.ownership import check_ownership, read_maintainers
from validators.github.review_base import stale_reviews

YEAR = 2018
FILE = f"reviews/{YEAR}/objections.yaml"
OTHER = "cast-staff-li"  # a second member of staff
OPEN_ID = f"obj-{YEAR}-01"  # the sample's open objection (cd-tcm, filed 2026-11-20)
NEW_ID = f"obj-{YEAR}-02"
ANSWER = ("    status: 已答复\n    answer: 已核实活动次数，学会已在公示期内更正报告。\n"
          "    answered: 2026-11-25\n")
NEW = (f"  - id: {NEW_ID}\n    society: cd-mech-eng\n    filed: 2026-11-22\n"
       "    subject: 对机械工程学会年会的参会人数有异议。\n    status: 受理中\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the sample data, an admin, and two members of staff as reviewers."""
    return sample_repository(tmp_path, [ADMIN], [STAFF, OTHER])


def published(repo: Path) -> str:
    return git(repo, "show", f"main:{FILE}")


def workbench_file(loaded: str, *, answer: bool = False, new: str = "") -> str:
    """What the workbench gives out: the objections it loaded, the open one answered (`answer`)
    and `new` ones added, and the file it loaded named by its sha256."""
    kept = "".join(line for line in loaded.splitlines(keepends=True) if not line.startswith("based_on:"))
    if answer:
        kept = kept.replace("    status: 受理中\n    correction_allowed: true\n",
                            "    correction_allowed: true\n" + ANSWER, 1)
        assert ANSWER in kept
    return (kept + new + "\n# 核查工作台载入的仓库中的异议记录（sha256）：\n"
            f"based_on: {sha256(loaded)}\n")


def merge(repo: Path, branch: str, text: str) -> None:
    open_pull_request(repo, branch, text, FILE)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", branch)


def test_the_second_objections_file_from_the_same_site_is_refused_and_names_the_answer_it_would_wipe(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = published(repo)  # both open the year's objections on the site built from this
    assert f"id: {OPEN_ID}" in site
    merge(repo, "answer", workbench_file(site, answer=True))
    open_pull_request(repo, "new-objection", workbench_file(site, new=NEW), FILE)

    message, findings = refused_as_stale(repo, capsys, FILE, site)
    assert "别人记录的异议或答复已经保存进主分支" in message
    assert f"异议 {OPEN_ID} 的答复（已答复，2026-11-25）" in message
    assert NEW_ID not in message  # the second one's own objection is not what the base holds
    assert "重新打开这个年度" in message
    assert "异议和答复重新填一遍" in message
    assert [f["code"] for f in findings if f["severity"] == "error"] == ["E-REVIEW-STALE"]  # `check` itself is clean

    # The comment's verdict, made by main's code from the API records, refuses it as well.
    result = comment_verdict(repo, "new-objection", tmp_path)
    assert result.needs_changes
    assert "E-REVIEW-STALE" in result.comment
    # A member of staff may change the objections file: the staleness is what stops it.
    assert check_ownership(OTHER, git_changes(repo, "main", "new-objection"), read_maintainers(repo)) == []


def test_two_new_objections_numbered_alike_from_the_same_site_name_the_one_merged(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Both workbenches number their new objection obj-2018-02: the second would replace the first."""
    site = published(repo)
    merge(repo, "first", workbench_file(site, new=NEW))
    other = NEW.replace("cd-mech-eng", "cd-computer").replace("机械工程学会年会", "计算机学会科普活动")
    open_pull_request(repo, "second", workbench_file(site, new=other), FILE)
    code, findings = check_changed(repo, capsys)
    assert code == 1
    [found] = stale(findings)
    assert f"异议 {NEW_ID}（cd-mech-eng，2026-11-22 提出，受理中）" in found["message"]
    assert OPEN_ID not in found["message"]  # unchanged in both


def test_an_objections_file_made_after_the_site_updated_passes_and_main_checks_clean(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    merge(repo, "answer", workbench_file(published(repo), answer=True))
    again = published(repo)  # the second one reloads the workbench from the rebuilt site
    open_pull_request(repo, "new-objection", workbench_file(again, new=NEW), FILE)
    assert ANSWER in (repo / FILE).read_text(encoding="utf-8")
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])

    result = comment_verdict(repo, "new-objection", tmp_path)
    assert not result.needs_changes, result.comment

    # Merged, `check` on main accepts the line (the model has it) and does not compare it.
    git(repo, "merge", "-q", "--ff-only", "new-objection")
    assert "based_on:" in published(repo)
    result, _ = check_tree(repo)
    assert not result.has_errors, [f for f in result.findings if f.severity == "error"]


def test_a_hand_edit_of_the_objections_file_keeps_based_on_refused_and_without_it_passes(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    merge(repo, "answer", workbench_file(published(repo), answer=True))
    by_hand = published(repo).replace("学会已在公示期内更正报告。", "学会已在公示期内更正了报告。")
    open_pull_request(repo, "admin-edit", by_hand, FILE)
    code, findings = check_changed(repo, capsys)
    assert code == 1
    assert "删去 based_on 这一行" in stale(findings)[0]["message"]

    git(repo, "checkout", "-q", "main")
    without = "".join(line for line in by_hand.splitlines(keepends=True) if not line.startswith("based_on:"))
    open_pull_request(repo, "admin-edit-2", without, FILE)
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])


def test_a_new_objections_file_is_based_on_none() -> None:
    file = "reviews/2019/objections.yaml"
    text = b"year: 2019\nobjections: []\nbased_on: none\n"
    change = [ChangedFile(filename=file, status="added")]
    assert stale_reviews(change, lambda path: text, lambda path: None) == []
    (found,) = stale_reviews(change, lambda path: text, lambda path: b"year: 2019\nobjections: []\n")
    assert "仓库中还没有这个文件" in found.message
    assert "别人记录的异议或答复" in found.message


def test_an_objections_file_committed_over_another_in_the_same_pull_request_is_warned(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One member of staff's answer and the other's new objection, both from the same site, are
    committed one over the other in one pull request: the answer, never on main, is named."""
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, answer=True), FILE)
    answered_in = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    (repo / FILE).write_text(workbench_file(site, new=NEW), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "new objection")
    code, findings = check_changed(repo, capsys)
    assert (code, stale(findings)) == (0, [])
    [found] = [f for f in findings if f["code"] == "W-REVIEW-RECORDS-DROPPED"]
    assert found["file"] == FILE
    assert f"本拉取请求较早的提交 {answered_in} 中的 {FILE} 有 1 条异议记录" in found["message"]
    assert f"异议 {OPEN_ID} 的答复（已答复，2026-11-25）" in found["message"]
    assert NEW_ID not in found["message"]
    assert "重新打开这个年度" in found["message"]


def test_the_comment_names_an_answer_an_earlier_commit_gave_that_the_head_dropped(
        repo: Path, tmp_path: Path) -> None:
    """The comment's check reads the earlier commit's objections file through the API records and
    names the overwritten answer with its commit, as check-changed does."""
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, answer=True), FILE)
    answered_in = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    (repo / FILE).write_text(workbench_file(site, new=NEW), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "new objection")
    shown = shown_text(comment_verdict(repo, "both", tmp_path).comment)
    assert "W-REVIEW-RECORDS-DROPPED" in shown
    assert f"本拉取请求较早的提交 {answered_in} 中的 {FILE} 有 1 条异议记录" in shown
    assert f"异议 {OPEN_ID} 的答复（已答复，2026-11-25）" in shown
