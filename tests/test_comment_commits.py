"""comment.yml's step that reads the pull request through the API, run as written with a stand-in
`gh` that answers from a scratch Git repository as GitHub's API would (a folder a commit does not
have: 404): the review file's earlier version it records is what the comment's check compares,
naming the overwritten verdict's commit as `check-changed --base` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.git_trees import git, sample_repository
from tests.pr_payloads import artifact, record_from_git
from tests.test_review_stale import (
    A_VERDICT,
    ADMIN,
    B_VERDICT,
    EXPERT,
    FILE,
    REFUSED,
    STAFF,
    check_changed,
    commit_file,
    dropped_warnings,
    open_pull_request,
    published,
    shown_text,
    workbench_file,
)
from tests.trees import ROOT
from validators.github.pr_api import read_pull_request
from validators.github.pr_comment import Links
from validators.github.pr_commits import (
    API_COMMITS,
    MAX_BYTES,
    MAX_COMMITS,
    earlier_versions,
    read_commits,
)
from validators.github.pr_verdict import decide
from validators.github.review_base import git_earlier

REPO = "example-org/society-registry"
STEP = "Read the pull request, its files, its head tree, its YAML files and its commits as data"

# Answers `gh api [-H ...] [--paginate] [--jq EXPR] ENDPOINT` from FAKE_API (the pull request's
# records) and FAKE_REPO (blobs, trees and folder listings, as the git and contents APIs give them),
# within GitHub's documented limits: a pull request's commits, 250 at most (FAKE_PR_COMMITS); a
# folder by the contents API, its first 1,000 entries without a word (FAKE_CONTENTS_LIMIT); a tree,
# `truncated` past its limit (FAKE_TREE_LIMIT, 100,000 entries when recursive). An object or folder
# there is not: 404. Strings print raw, as `gh --jq` prints them.
FAKE_GH = r'''
import json, os, subprocess, sys
args, jq, endpoint = sys.argv[2:], None, None
while args:
    a = args.pop(0)
    if a in ("-H", "--method", "-f"):
        args.pop(0)
    elif a == "--jq":
        jq = args.pop(0)
    elif a != "--paginate":
        endpoint = a
repo, api = os.environ["FAKE_REPO"], os.environ["FAKE_API"]
prefix = "repos/" + os.environ["GITHUB_REPOSITORY"] + "/"
path, _, query = endpoint[len(prefix):].partition("?")
def git(*a):
    return subprocess.run(["git", "-C", repo, *a], capture_output=True, check=True).stdout
def not_found():
    sys.stderr.write("gh: Not Found (HTTP 404)\n")
    sys.exit(1)
def ls_tree(*a):
    found = subprocess.run(["git", "-C", repo, "ls-tree", "-l", "-z", *a], capture_output=True)
    if found.returncode:
        not_found()
    for record in filter(None, found.stdout.split(b"\0")):
        meta, _, name = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        yield name.decode(), mode, kind, sha, (None if size == "-" else int(size))
if path.startswith("git/blobs/"):
    sys.stdout.buffer.write(git("cat-file", "blob", path.rsplit("/", 1)[1]))
    sys.exit(0)
if path.startswith("contents/"):
    folder, ref = path[len("contents/"):], query.partition("ref=")[2]
    listing = [{"name": name.rsplit("/", 1)[1], "path": name, "sha": sha, "size": size or 0,
                "type": {"blob": "file", "tree": "dir", "commit": "file"}[kind]}
               for name, mode, kind, sha, size in ls_tree(ref, folder + "/")]
    if not listing:
        not_found()
    body = json.dumps(listing[:int(os.environ.get("FAKE_CONTENTS_LIMIT", "1000"))])
elif path.startswith("git/trees/") and "recursive" not in query:
    wanted = path.rsplit("/", 1)[1]
    tree = [{"path": name, "mode": mode, "type": kind, "sha": sha, **({} if size is None else {"size": size})}
            for name, mode, kind, sha, size in ls_tree(wanted)]
    limit = int(os.environ.get("FAKE_TREE_LIMIT", "100000"))
    body = json.dumps({"sha": wanted, "tree": tree[:limit], "truncated": len(tree) > limit})
else:
    body = open(os.path.join(api, path.replace("/", "_") + ".json"), encoding="utf-8").read()
    if path.endswith("/commits"):
        body = json.dumps(json.loads(body)[:int(os.environ.get("FAKE_PR_COMMITS", "250"))])
if jq is None:
    sys.stdout.write(body)
else:
    sys.stdout.write(subprocess.run(["jq", "-r", "-c", jq], input=body, capture_output=True, text=True,
                                    check=True).stdout)
'''


def _step(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "comment.yml").read_text(encoding="utf-8"))
    (job,) = data["jobs"].values()
    (step,) = [s for s in job["steps"] if s.get("name") == name]
    return step


def _api_records(repo: Path, branch: str, folder: Path) -> None:
    """What GitHub's API answers for the pull request, its files, head tree and commits."""
    records = record_from_git(repo, "main", branch, folder / "recorded")
    (folder / "pulls_7.json").write_text((records / "pull.json").read_text(encoding="utf-8"), encoding="utf-8")
    files = [json.loads(line) for line in (records / "files.jsonl").read_text(encoding="utf-8").splitlines()]
    (folder / "pulls_7_files.json").write_text(json.dumps(files), encoding="utf-8")
    head = git(repo, "rev-parse", branch).strip()
    (folder / f"git_trees_{head}.json").write_text((records / "tree.json").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    commits = [line.split() for line in git(repo, "rev-list", "--reverse", "--parents", f"main..{branch}").splitlines()]
    (folder / "pulls_7_commits.json").write_text(json.dumps(
        [{"sha": c[0], "parents": [{"sha": p} for p in c[1:]]} for c in commits]), encoding="utf-8")


def run_step(repo: Path, branch: str, tmp_path: Path, **limits: str) -> tuple[str, Path]:
    """The step run on the pull request from `branch` (main checked out after): its head, and
    the folder it recorded. `limits`: the stand-in's (FAKE_TREE_LIMIT=...)."""
    head = git(repo, "rev-parse", branch).strip()
    git(repo, "checkout", "-q", "main")
    api, bin_dir, runner = tmp_path / "api", tmp_path / "bin", tmp_path / "runner"
    for folder in (api, bin_dir, runner):
        folder.mkdir()
    _api_records(repo, branch, api)
    (bin_dir / "gh").write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    for tool in ("gh", "python"):
        (bin_dir / tool).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "RUNNER_TEMP": str(runner),
           "GITHUB_REPOSITORY": REPO, "FAKE_REPO": str(repo), "FAKE_API": str(api),
           "PR_NUMBER": "7", "HEAD_SHA": head, "GH_TOKEN": "unused", **limits}
    run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step(STEP)["run"]],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return head, runner / "pull-request"


def comment_on(repo: Path, head: str, recorded: Path, tmp_path: Path) -> str:
    verdict = decide(repo, recorded, artifact(tmp_path / "artifact", head=head), Links.build(REPO, head, None, 42))
    return shown_text(verdict.comment)


@pytest.mark.slow
def test_the_comment_job_reads_the_earlier_commits_and_names_the_overwritten_verdict(tmp_path: Path) -> None:
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    staff_commit = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    head, recorded = run_step(repo, "both", tmp_path)
    assert len(list((recorded / "earlier").iterdir())) == 2  # the commit before the pull request's, the staff's

    comment = comment_on(repo, head, recorded, tmp_path)
    assert f"本拉取请求较早的提交 {staff_commit} 中的 {FILE} 有 1 条核查记录" in comment
    assert f"项目 {REFUSED[0]} 的结论“不予认定”" in comment
    assert "比较不完整" not in comment


@pytest.mark.slow
def test_a_review_folder_an_earlier_commit_lacks_is_an_empty_listing_not_a_gap(tmp_path: Path) -> None:
    """The first review file of a new year: at the commit before the pull request the folder does
    not exist (its parent tree has no such entry), which is no gap in what was read."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    new_file = FILE.replace("2018", "2019")
    open_pull_request(repo, "new-year", "society: cd-mech-eng\nyear: 2019\nitems: [\n", new_file)
    (repo / new_file).write_text("society: cd-mech-eng\nyear: 2019\n", encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "fixed")
    head, recorded = run_step(repo, "new-year", tmp_path)
    listings = [json.loads(p.read_text(encoding="utf-8")) for p in (recorded / "earlier").iterdir()]
    assert {"tree": [], "truncated": False} in listings
    assert "比较不完整" not in comment_on(repo, head, recorded, tmp_path)


def test_the_readme_states_the_caps_the_program_keeps() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"读取最近 {MAX_COMMITS} 个提交中" in readme
    assert f"共 {MAX_BYTES // (1024 * 1024)} MB 以内" in readme
    assert f"超过 {API_COMMITS} 个提交时" in readme


@pytest.mark.slow
def test_a_review_folder_past_the_contents_apis_1000_entries_is_read_whole(tmp_path: Path) -> None:
    """The contents API lists a folder's first 1,000 entries without a word (the stand-in: its
    first 4; the review file is the fifth of reviews/2018); the plan is some 1,500 societies. The
    folders are read as trees, so a file past the cut-off is still compared."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    names = sorted(path.name for path in (repo / FILE).parent.iterdir())
    assert names.index(FILE.rsplit("/", 1)[1]) == 4
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    staff_commit = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    head, recorded = run_step(repo, "both", tmp_path, FAKE_CONTENTS_LIMIT="4")
    comment = comment_on(repo, head, recorded, tmp_path)
    assert f"本拉取请求较早的提交 {staff_commit} 中的 {FILE} 有 1 条核查记录" in comment
    assert "比较不完整" not in comment


@pytest.mark.slow
@pytest.mark.parametrize("limit", ["4", "1"], ids=["the-year-folder", "the-commits-root"])
def test_a_truncated_tree_is_said_unread_not_taken_for_a_missing_file(tmp_path: Path, limit: str) -> None:
    """A tree GitHub truncates lacks entries it holds (the stand-in: past `limit`; the review file
    is the fifth of reviews/2018, `reviews` the second of the root): the comment says the
    comparison is incomplete, never that nothing changed."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    head, recorded = run_step(repo, "both", tmp_path, FAKE_TREE_LIMIT=limit)
    comment = comment_on(repo, head, recorded, tmp_path)
    assert "W-REVIEW-RECORDS-DROPPED" not in comment
    assert "核查记录文件与本拉取请求较早提交的比较不完整：有的提交中的文件清单没有读到" in comment


@pytest.mark.slow
def test_a_pull_request_of_more_commits_than_github_lists_says_so(tmp_path: Path) -> None:
    """GitHub lists 250 of a pull request's commits at most, the oldest, so the list stops before
    the head: the comment says how many there are and that none was compared, not that the list
    was not read."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "many", workbench_file(site, A_VERDICT))
    subprocess.run(["bash", "-c", f'for i in $(seq {API_COMMITS}); do git commit -q --allow-empty -m "$i"; done'],
                   cwd=repo, env={**os.environ, "GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "t@example.org",
                                  "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "t@example.org"},
                   check=True)
    head, recorded = run_step(repo, "many", tmp_path)
    assert len((recorded / "commits.jsonl").read_text(encoding="utf-8").splitlines()) == API_COMMITS
    comment = comment_on(repo, head, recorded, tmp_path)
    assert (f"本拉取请求有 {API_COMMITS + 1} 个提交，GitHub 最多列出一个拉取请求的 {API_COMMITS} 个提交，"
            "核查记录文件没有与较早的提交比较。") in comment
    assert "没有读到本拉取请求的提交清单" not in comment


@pytest.mark.slow
def test_after_main_is_merged_in_the_comment_compares_the_commits_check_changed_compares(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The branch merges main, which another pull request changed the same file on, taking main's
    file over the staff's, then commits on top. Both checks follow the branch's first parents (the
    merge is compared with the branch's commit before it): they read the same versions, and both
    name the staff's verdict the merge dropped."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    staff_commit = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    commit_file(repo, workbench_file(site, B_VERDICT), "the expert's, merged meanwhile")
    main_file = published(repo)
    git(repo, "checkout", "-q", "both")
    git(repo, "merge", "-q", "--no-commit", "-X", "theirs", "main")
    git(repo, "checkout", "main", "--", FILE)  # main's file, whole: the merge is the same as main's
    git(repo, "commit", "-q", "--no-edit")
    commit_file(repo, workbench_file(main_file, ""), "saved again from the updated site")
    _, findings = check_changed(repo, capsys)
    head, recorded = run_step(repo, "both", tmp_path)

    pr = read_pull_request(recorded, head)
    reader, note = earlier_versions(pr, read_commits(pr))
    assert reader is not None
    assert note == ""
    assert reader(FILE) == git_earlier(repo, "main", head)(FILE)
    assert len(reader(FILE)) == 3  # the head, the merge, the staff's
    named = f"本拉取请求较早的提交 {staff_commit} 中的 {FILE} 有 1 条核查记录"
    [warned] = dropped_warnings(findings)
    assert named in warned["message"]
    assert named in comment_on(repo, head, recorded, tmp_path)


@pytest.mark.slow
def test_a_branch_merged_into_the_pull_request_is_not_compared_commit_by_commit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The expert's branch (not on main) merged into the staff's, keeping the staff's file: the
    API lists the expert's commit among the pull request's, but neither check compares it, the
    comment following the head's first parents as check-changed does, whatever the list's order."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "expert", workbench_file(site, B_VERDICT))
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    git(repo, "merge", "-q", "--no-commit", "-X", "ours", "expert")
    git(repo, "checkout", "HEAD", "--", FILE)  # the staff's file, whole
    git(repo, "commit", "-q", "--no-edit")
    _, findings = check_changed(repo, capsys)
    head, recorded = run_step(repo, "both", tmp_path)
    assert len((recorded / "commits.jsonl").read_text(encoding="utf-8").splitlines()) == 3

    pr = read_pull_request(recorded, head)
    reader, note = earlier_versions(pr, read_commits(pr))
    assert reader is not None
    assert note == ""
    assert reader(FILE) == git_earlier(repo, "main", head)(FILE)
    assert dropped_warnings(findings) == []
    assert "W-REVIEW-RECORDS-DROPPED" not in comment_on(repo, head, recorded, tmp_path)


def test_the_commits_compared_follow_the_parents_not_the_order_listed(tmp_path: Path) -> None:
    """The head's first parents are read from each commit's `parents`, whatever order the API
    lists the commits in; parents that loop back are no history (the list is not used)."""
    repo = sample_repository(tmp_path, [ADMIN], [STAFF, EXPERT])
    site = published(repo)
    open_pull_request(repo, "both", workbench_file(site, A_VERDICT))
    commit_file(repo, workbench_file(site, B_VERDICT), "expert")
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    recorded = record_from_git(repo, "main", "both", tmp_path / "pull-request")
    listed = recorded / "commits.jsonl"
    lines = listed.read_text(encoding="utf-8").splitlines(keepends=True)
    in_order = read_commits(read_pull_request(recorded, head))
    listed.write_text("".join(reversed(lines)), encoding="utf-8")
    assert read_commits(read_pull_request(recorded, head)) == in_order
    first = json.loads(lines[0])
    listed.write_text(json.dumps({**first, "parents": [head]}) + "\n" + lines[1], encoding="utf-8")
    assert read_commits(read_pull_request(recorded, head)) is None
