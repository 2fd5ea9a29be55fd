"""The comment's verdict comes from the base branch's code only: a fork's pull request, its
artifact and its file names are data, and none of them can turn a failing submission green."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.github_render import MENTION, read
from tests.pr_payloads import GITLINK, HEAD, OTHER, SYMLINK, PullRequestRecord, artifact, base_tree
from validators.cli import main
from validators.github.pr_api import MAX_PAYLOAD_BYTES
from validators.github.pr_comment import LABEL_NEEDS_CHANGES, MARKER, Links
from validators.github.pr_verdict import Verdict, decide

LINKS = Links.build("example-org/society-registry", HEAD, None, 42)
REPORT = "submissions/cd-computer/2018.yaml"
PASS = "## ✅"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return base_tree(tmp_path)


def _report(base: Path, old: str = "", new: str = "") -> str:
    text = (base / REPORT).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def failing(base: Path) -> PullRequestRecord:
    """A real error: a service in a district that is not Chengdu's."""
    return PullRequestRecord(base).change(REPORT, _report(base, "district: 郫都区", "district: 海淀区"))


def passing(base: Path) -> PullRequestRecord:
    return PullRequestRecord(base).change(
        REPORT, _report(base, "中小企业上云技术咨询", "中小企业上云迁移技术咨询"))


def verdict(tmp_path: Path, base: Path, pr: PullRequestRecord, art: Path | str | None = "clean",
            blobs: bool = True) -> Verdict:
    folder = pr.write(tmp_path / "pr", blobs=blobs)
    if art == "clean":
        art = artifact(tmp_path / "artifact")
    assert not isinstance(art, str)
    return decide(base, folder, art, LINKS)


# --- the positive control: a correct pull request passes -----------------------------------------

def test_a_correct_pull_request_passes(tmp_path: Path, base: Path) -> None:
    result = verdict(tmp_path, base, passing(base))
    assert result.comment.startswith(f"{MARKER}\n{PASS} 提交检查通过")
    assert not result.needs_changes
    assert "cd-computer" in result.comment  # the score table names the society


def test_the_verdict_never_writes_into_the_base_checkout(tmp_path: Path, base: Path) -> None:
    """The overlay hard-links main's files: a changed report and a changed evidence file must
    replace their links, not write through them into main's checkout."""
    evidence = "submissions/cd-mech-eng/evidence/2018-rail-station-opening.txt"
    before = {p: p.read_bytes() for p in base.rglob("*") if p.is_file()}
    verdict(tmp_path, base, failing(base).change(evidence, "改写\n"))
    assert {p: p.read_bytes() for p in base.rglob("*") if p.is_file()} == before


def test_a_failing_submission_fails_whatever_the_artifact_says(tmp_path: Path, base: Path) -> None:
    result = verdict(tmp_path, base, failing(base))
    assert result.needs_changes
    assert "## ❌ 提交检查：需要修改" in result.comment
    assert "E-DISTRICT-UNKNOWN" in result.comment


# --- hostile artifacts: not one turns a failing submission green --------------------------------

HOSTILE_ARTIFACTS = {
    "clean result": ('{"files": 0, "findings": []}', HEAD),
    "findings twice, the last empty": (
        '{"files": 1, "findings": [{"file": "x", "line": 1, "column": 1, "code": "E-X", '
        '"severity": "error", "message": "m"}], "findings": []}', HEAD),
    "files twice": ('{"files": 1, "files": 0, "findings": []}', HEAD),
    "NaN": ('{"files": NaN, "findings": []}', HEAD),
    "not JSON": ("{", HEAD),
    "empty": ("", HEAD),
    "deeply nested": ("[" * 100_000 + "]" * 100_000, HEAD),
    "extra key": ('{"files": 0, "findings": [], "verdict": "pass"}', HEAD),
    "UTF-16": ('{"files": 0, "findings": []}'.encode("utf-16"), HEAD),
    "another commit": ('{"files": 0, "findings": []}', OTHER),
    "head-sha with a second line": ('{"files": 0, "findings": []}', HEAD + "\n" + OTHER),
    "no head-sha": ('{"files": 0, "findings": []}', None),
    "no result": (None, HEAD),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_ARTIFACTS))
def test_no_crafted_artifact_passes_a_failing_submission(tmp_path: Path, base: Path,
                                                         name: str) -> None:
    result_json, head = HOSTILE_ARTIFACTS[name]
    art = artifact(tmp_path / "artifact", result_json, head)
    result = verdict(tmp_path, base, failing(base), art)
    assert result.needs_changes
    assert PASS not in result.comment
    assert result.comment.startswith(MARKER)


@pytest.mark.parametrize("name", sorted(set(HOSTILE_ARTIFACTS) - {"clean result"}))
def test_an_unreadable_artifact_means_not_checked_even_for_a_correct_pull_request(
        tmp_path: Path, base: Path, name: str) -> None:
    result_json, head = HOSTILE_ARTIFACTS[name]
    art = artifact(tmp_path / "artifact", result_json, head)
    result = verdict(tmp_path, base, passing(base), art)
    assert result.needs_changes
    assert "## ⚠️ 未能完成检查" in result.comment


def test_a_missing_artifact_means_not_checked(tmp_path: Path, base: Path) -> None:
    result = verdict(tmp_path, base, passing(base), None)
    assert result.needs_changes
    assert "校验运行没有留下结果文件" in result.comment


def test_a_symlinked_artifact_file_is_refused(tmp_path: Path, base: Path) -> None:
    art = artifact(tmp_path / "artifact", None)
    real = tmp_path / "real.json"
    real.write_text('{"files": 0, "findings": []}')
    (art / "result.json").symlink_to(real)
    assert verdict(tmp_path, base, passing(base), art).needs_changes


def test_errors_in_the_artifact_make_it_worse_never_better(tmp_path: Path, base: Path) -> None:
    errors = ('{"files": 1, "findings": [{"file": "submissions/cd-computer/2018.yaml", "line": 1, '
              '"column": 1, "code": "E-X", "severity": "error", "message": "@admin 看这里"}]}')
    result = verdict(tmp_path, base, passing(base), artifact(tmp_path / "artifact", errors))
    assert result.needs_changes
    assert PASS not in result.comment
    assert "@admin" not in result.comment  # nothing of the artifact is repeated


# --- the pull request's files, read from the API as data -----------------------------------------

@pytest.mark.parametrize("path", [".github/workflows/validate.yml", "validators/check.py", "Makefile",
                                  "requirements.lock", "submissions/README.md", "submissions"])
def test_a_change_outside_submissions_is_refused(tmp_path: Path, base: Path, path: str) -> None:
    result = verdict(tmp_path, base, passing(base).change(path, "x"))
    assert result.needs_changes
    assert "## ❌ 拉取请求改动了学会文件夹以外的文件" in result.comment
    assert f"`{path}`" in result.comment


def test_a_rename_out_of_submissions_is_refused(tmp_path: Path, base: Path) -> None:
    pr = PullRequestRecord(base).change("docs/x.yaml", "x", status="renamed", previous=REPORT)
    assert "以外的文件" in verdict(tmp_path, base, pr).comment


def test_a_submodule_named_like_a_report_is_an_error(tmp_path: Path, base: Path) -> None:
    pr = passing(base).change("submissions/cd-computer/2019.yaml", OTHER, mode=GITLINK, status="added")
    result = verdict(tmp_path, base, pr)
    assert result.needs_changes
    assert "E-PATH-GITLINK" in result.comment


def test_a_symbolic_link_is_an_error(tmp_path: Path, base: Path) -> None:
    pr = passing(base).change("submissions/cd-computer/2019.yaml", "../../validators/yaml/policy.yaml",
                              mode=SYMLINK, status="added")
    result = verdict(tmp_path, base, pr)
    assert result.needs_changes
    assert "E-PATH-SYMLINK" in result.comment


@pytest.mark.parametrize(("path", "expected"), [
    ("submissions/cd-computer/../cd-tcm/2017.yaml", "E-PATH-UNSAFE"),
    ("submissions/./cd-computer/2019.yaml", "E-PATH-UNSAFE"),
    ("submissions//cd-computer/2019.yaml", "E-PATH-UNSAFE"),
    ("submissions/cd-computer/2019\u202e.yaml", "E-PATH-UNSAFE"),
    ("submissions/cd-computer/\ufffd.yaml", "E-PATH-NAME"),  # how the API shows a non-UTF-8 name
    ("submissions/cd-computer\n/2019.yaml", "E-PATH-UNSAFE"),
    # A lone surrogate is not text: the record is refused whole.
    ("submissions/cd-computer/2019\udcff.yaml", "未能完成检查"),
])
def test_a_path_that_is_not_plain_is_an_error_and_never_written(tmp_path: Path, base: Path,
                                                                path: str, expected: str) -> None:
    before = (base / "submissions" / "cd-tcm" / "2017.yaml").read_bytes()
    result = verdict(tmp_path, base, passing(base).change(path, "society: cd-computer\n",
                                                          status="added"))
    assert result.needs_changes
    assert expected in result.comment
    assert PASS not in result.comment
    assert (base / "submissions" / "cd-tcm" / "2017.yaml").read_bytes() == before


def test_a_removed_report_is_checked_with_the_whole_tree(tmp_path: Path, base: Path) -> None:
    pr = PullRequestRecord(base).remove("submissions/cd-computer/2018.yaml")
    result = verdict(tmp_path, base, pr)
    assert not result.needs_changes, result.comment
    assert (base / REPORT).exists()  # the base tree is never changed


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda pr: setattr(pr, "changed_files", 2), "只读到 1 个"),
    (lambda pr: setattr(pr, "truncated", True), "只返回了一部分"),
    (lambda pr: pr.changes[0].update(sha="0" * 40), "不一致"),
], ids=["incomplete list", "truncated tree", "list of another head"])
def test_an_inconsistent_api_record_means_not_checked(tmp_path: Path, base: Path, edit: object,
                                                      reason: str) -> None:
    pr = passing(base)
    edit(pr)  # type: ignore[operator]
    result = verdict(tmp_path, base, pr)
    assert result.needs_changes
    assert reason in result.comment


def test_a_moved_head_means_not_checked(tmp_path: Path, base: Path) -> None:
    pr = passing(base)
    pr.head_sha = OTHER
    assert "头提交已经变化" in verdict(tmp_path, base, pr).comment


def test_a_missing_blob_means_not_checked(tmp_path: Path, base: Path) -> None:
    result = verdict(tmp_path, base, passing(base), blobs=False)
    assert result.needs_changes
    assert "缺少拉取请求中的文件内容" in result.comment


def test_duplicate_keys_in_the_api_record_mean_not_checked(tmp_path: Path, base: Path) -> None:
    folder = passing(base).write(tmp_path / "pr")
    line = (folder / "files.jsonl").read_text().strip()
    (folder / "files.jsonl").write_text(line[:-1] + ', "filename": "Makefile"}\n')
    result = decide(base, folder, artifact(tmp_path / "artifact"), LINKS)
    assert result.needs_changes
    assert "格式不符合预期" in result.comment


def test_a_new_society_named_to_mention_a_team_notifies_no_one(tmp_path: Path, base: Path) -> None:
    profile = ("id: cd-new\nname: \"@cdast/reviewers 请尽快合并\"\nkind: 学会\ndiscipline: 测试\n"
               "maintainers: [someone]\n")
    report = (base / REPORT).read_text().replace("society: cd-computer", "society: cd-new")
    pr = (PullRequestRecord(base).change("submissions/cd-new/society.yaml", profile, status="added")
          .change("submissions/cd-new/2018.yaml", report, status="added"))
    result = verdict(tmp_path, base, pr)
    _, text = read(result.comment)
    assert "请尽快合并" in text
    assert not MENTION.search(text)


# --- the command the workflow runs --------------------------------------------------------------

def _cli(tmp_path: Path, base: Path, pr: PullRequestRecord, *extra: str) -> tuple[int, str]:
    folder = pr.write(tmp_path / "pr")
    art = artifact(tmp_path / "artifact")
    output = tmp_path / "comment.md"
    code = main(["--root", str(base), "pr-verdict", "--pull-request", str(folder), "--artifact",
                 str(art), "--repo", "example-org/society-registry", "--sha", HEAD,
                 "--output", str(output), *extra])
    return code, output.read_text(encoding="utf-8") if output.exists() else ""


def test_cli_exit_code_is_the_verdict(tmp_path: Path, base: Path) -> None:
    assert _cli(tmp_path / "a", base, passing(base))[0] == 0
    code, comment = _cli(tmp_path / "b", base, failing(base))
    assert code == 1
    assert comment.startswith(MARKER)


def test_cli_lists_only_the_yaml_blobs_to_fetch(tmp_path: Path, base: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pr = passing(base).change("submissions/cd-computer/evidence/big.pdf", b"%PDF" * 10, status="added")
    folder = pr.write(tmp_path / "pr", blobs=False)
    code = main(["--root", str(base), "pr-verdict", "--pull-request", str(folder), "--repo",
                 "example-org/society-registry", "--sha", HEAD, "--list-blobs"])
    listed = capsys.readouterr().out.split()
    assert code == 0
    assert listed == [json.loads((folder / "files.jsonl").read_text().splitlines()[0])["sha"]]


def test_a_review_file_is_fetched_and_checked_not_refused_unread(tmp_path: Path, base: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The workbench's file (reviews/<year>/<society>.yaml) is read like a report: its blob is
    fetched, and the comment checks it over main (here a verdict on an item the report lacks)."""
    review = "reviews/2018/cd-computer.yaml"
    text = "society: cd-computer\nyear: 2018\nitems:\n  - item: no-such-item\n    status: 已核实\n" \
           "    reviewer: cast-staff\n    date: 2026-11-12\n"
    pr = PullRequestRecord(base).change(review, text, status="added")
    folder = pr.write(tmp_path / "pr", blobs=False)
    assert main(["--root", str(base), "pr-verdict", "--pull-request", str(folder), "--repo",
                 "example-org/society-registry", "--sha", HEAD, "--list-blobs"]) == 0
    assert capsys.readouterr().out.split() == [json.loads((folder / "files.jsonl").read_text())["sha"]]
    result = verdict(tmp_path, base, pr)
    assert result.needs_changes
    assert "以外的文件" not in result.comment
    assert "E-REVIEW-UNKNOWN-ITEM" in result.comment


def test_the_label_is_the_one_the_workflow_sets() -> None:
    assert LABEL_NEEDS_CHANGES == "需修改"


def test_an_oversized_api_record_means_not_checked(tmp_path: Path, base: Path) -> None:
    """Read no further than the cap: a record past it is refused, not parsed."""
    folder = passing(base).write(tmp_path / "pr")
    with (folder / "tree.json").open("r+b") as handle:
        handle.truncate(MAX_PAYLOAD_BYTES + 1)
    result = decide(base, folder, artifact(tmp_path / "artifact"), LINKS)
    assert result.needs_changes
    assert "头提交的文件树过大" in result.comment


def test_the_comment_says_what_the_check_says_of_the_review_a_change_made_stale(tmp_path: Path, base: Path) -> None:
    """A change to a verified item makes its verdict stale (W-REVIEW-ITEM-CHANGED, said at the
    review file): the check run listed it, the comment did not, and showed the score falling
    with no reason. The comment lists what `check-changed` lists, by the same check."""
    import shutil

    from tests.trees import ROOT
    from validators.check import check_tree

    shutil.copytree(ROOT / "reviews", base / "reviews")  # main's verdicts
    report = "submissions/cd-electronics/2018.yaml"
    text = (base / report).read_text(encoding="utf-8")
    registered = next(line for line in text.splitlines() if "senior_experts_registered:" in line)
    changed = text.replace(registered, registered.rsplit(":", 1)[0] + ": 35", 1)
    result = verdict(tmp_path, base, PullRequestRecord(base).change(report, changed))
    (base / report).write_text(changed, encoding="utf-8")
    said = check_tree(base, [base / report])[0].findings
    assert [f.code for f in said] == ["W-REVIEW-ITEM-CHANGED"]
    for f in said:  # each at its place, as check-changed says it
        assert f"`{f.file}:{f.line}:{f.column}`" in result.comment
    assert "W-REVIEW-ITEM-CHANGED" in result.comment
    assert "该项目现在是“待核实”" in result.comment


def test_a_broken_profile_is_named_as_why_every_item_scores_nothing(tmp_path: Path, base: Path) -> None:
    """A profile error keeps every item of the society's reports from scoring: the score row
    said “12 项有错误，不计分” beside a findings table with one error, in society.yaml."""
    profile = "submissions/cd-computer/society.yaml"
    text = (base / profile).read_text(encoding="utf-8")
    maintainer = next(line for line in text.splitlines() if line.lstrip().startswith("- ") and "maintainers" not in line)
    broken = text.replace(maintainer, maintainer + " - not a login", 1)
    result = verdict(tmp_path, base, PullRequestRecord(base).change(profile, broken))
    assert result.needs_changes
    row = next(line for line in result.comment.splitlines() if line.startswith("| ") and "| 2018 |" in line
               and "cd-computer" in line)
    assert "学会资料 society.yaml 有错误，本报告的项目都不计分" in row, row
    assert "项有错误，不计分" not in row
    assert row.startswith("| `cd-computer` | 2018 |"), row  # no name to read: the id, once


def test_a_change_to_two_societies_folders_is_said_at_the_top_of_the_comment(tmp_path: Path, base: Path) -> None:
    """Staff saw that another society's folder was touched only in the 文件夹权限 check's summary;
    the comment (which gave the other society a score row and advice) now says it first."""
    other = "submissions/cd-electronics/2018.yaml"
    text = (base / other).read_text(encoding="utf-8")
    pr = passing(base).change(other, text + "\n")
    said = verdict(tmp_path, base, pr).comment
    head = said.split("###", 1)[0]
    assert "本拉取请求改动了 2 个学会的文件夹：" in head
    assert "`cd-computer`" in head
    assert "`cd-electronics`" in head
    assert "每个学会的文件夹只能由本学会的维护人改动" in head
    one = verdict(tmp_path / "one", base, passing(base)).comment
    assert "个学会的文件夹" not in one
