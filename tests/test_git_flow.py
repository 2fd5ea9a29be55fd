"""The whole flow in a scratch Git repository: template, edit, local check, commit, the validation
of the diff as CI runs it, the ownership check, and the comment text the bot would post."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.github.pr_comment import MARKER

REPO = "example-org/society-registry"
SOCIETY = "cd-new-society"
REPORT = f"submissions/{SOCIETY}/2017.yaml"

NATIONAL_EVENT = """\
academic_events:
  - id: evt-national-forum
    title: 全国智能制造学术交流会
    category: 全国性学术交流
    role: 主办
    date: 2017-09-15
    participants: 180
    speaker_provinces: [北京, 上海]
    evidence:
      - https://example.org/national-forum
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Secretary", "GIT_AUTHOR_EMAIL": "secretary@example.org",
           "GIT_COMMITTER_NAME": "Secretary", "GIT_COMMITTER_EMAIL": "secretary@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=env).stdout


def cli(repo: Path, *args: str, expect: int = 0) -> str:
    """`python -m validators ...` in the scratch repository, with its own copy of the package."""
    run = subprocess.run([sys.executable, "-m", "validators", *args], cwd=repo, capture_output=True,
                         text=True, check=False, env={**os.environ, "PYTHONPATH": ""})
    assert run.returncode == expect, run.stdout + run.stderr
    return run.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the package, the schemas, the admin list, and one society maintained by someone else."""
    repo = tmp_path / "registry"
    repo.mkdir()
    # Compiled modules come along (copytree keeps modification times, so they stay valid) and
    # are kept out of the commits: each command then starts as fast as in the real repository.
    shutil.copytree(ROOT / "validators", repo / "validators")
    (repo / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    shutil.copytree(ROOT / "schema", repo / "schema")
    (repo / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "admins.yaml", repo / ".github" / "admins.yaml")
    git(repo, "init", "--quiet", "--initial-branch=main")
    cli(repo, "new", "cd-existing", "2017", "--name", "成都市既有学会", "--maintainer", "bob")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Base")
    return repo


def evaluations(repo: Path, name: str) -> Path:
    path = repo.parent / name
    path.write_text(cli(repo, "evaluate", "--format", "json"), encoding="utf-8")
    return path


def validate_pull_request(repo: Path, expect: int) -> tuple[dict, str]:
    """What validate.yml and comment.yml do with the pull request's branch."""
    changed = repo.parent / "changed.json"
    changed.write_text(cli(repo, "changed", "--base", "main"), encoding="utf-8")
    result = repo.parent / "result.json"
    annotations = cli(repo, "check-changed", str(changed), "--format", "github", "--json-out", str(result),
                      expect=expect)
    head_eval = evaluations(repo, "evaluation-head.json")
    sha = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "--quiet", "main")
    base_eval = evaluations(repo, "evaluation-base.json")
    git(repo, "checkout", "--quiet", "-")
    comment = repo.parent / "comment.md"
    cli(repo, "pr-comment", str(result), "--evaluation-head", str(head_eval), "--evaluation-base",
        str(base_eval), "--changed", str(changed), "--repo", REPO, "--sha", sha, "--run-id", "99",
        "--output", str(comment), expect=expect)
    return json.loads(result.read_text(encoding="utf-8")), annotations + comment.read_text(encoding="utf-8")


def ownership(repo: Path, author: str, expect: int) -> str:
    """What ownership.yml does: the base branch's maintainers, the head's new profile as data."""
    base = repo.parent / "base"
    if not base.exists():
        git(repo, "worktree", "add", "--quiet", "--detach", str(base), "main")
    changed = repo.parent / "changed-api.json"
    changed.write_text(cli(repo, "changed", "--base", "main"), encoding="utf-8")
    return cli(base, "ownership", "--author", author, "--changed", str(changed), "--head-root", str(repo),
               "--format", "text", expect=expect)


def test_from_template_to_bot_comment(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "submit-2017")
    out = cli(repo, "new", SOCIETY, "2017", "--name", "成都市新建学会", "--maintainer", "alice")
    assert "已生成" in out
    report = repo / REPORT
    text = report.read_text(encoding="utf-8")
    assert "academic_events: []" in text
    # The secretary fills in one event, claiming a category it does not meet.
    text = text.replace("academic_events: []", NATIONAL_EVENT.rstrip("\n"), 1)
    text = text.replace("  enterprise_platform_registered: false", "  enterprise_platform_registered: true")
    report.write_text(text, encoding="utf-8")
    local = cli(repo, "check", f"submissions/{SOCIETY}/", expect=1)
    assert "E-THRESHOLD-PROVINCES" in local
    assert "6 个及以上外省" in local
    git(repo, "add", f"submissions/{SOCIETY}")
    git(repo, "commit", "--quiet", "-m", "Add the 2017 report")

    result, output = validate_pull_request(repo, expect=1)
    (found,) = result["findings"]
    assert found["code"] == "E-THRESHOLD-PROVINCES"
    assert found["file"] == REPORT
    event_line = text.splitlines().index("    speaker_provinces: [北京, 上海]") + 1
    assert found["line"] == event_line
    assert f"::error file={REPORT},line={event_line}" in output
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert MARKER in output
    assert "需要修改" in output
    assert f"https://github.com/{REPO}/blob/{sha}/{REPORT}#L{event_line}" in output
    assert "https://example-org.github.io/society-registry/guideline/2017/#clause-5-2" in output
    score_row = next(line for line in output.splitlines() if f"`{SOCIETY}`" in line and "| 2017 |" in line)
    assert "新增" in score_row
    assert "成都市新建学会" in score_row

    assert ownership(repo, "alice", expect=0).count("W-OWNER-NEW-SOCIETY") == 1
    assert "E-OWNER-NEW-SOCIETY" in ownership(repo, "mallory", expect=1)

    # The secretary reads the comment, reports the event as what it is, and pushes again.
    report.write_text(text.replace("category: 全国性学术交流", "category: 其他"), encoding="utf-8")
    cli(repo, "check", f"submissions/{SOCIETY}/")
    git(repo, "commit", "--quiet", "-am", "Report the forum as 其他")
    result, output = validate_pull_request(repo, expect=0)
    assert result["findings"] == []
    assert "✅ 提交检查通过" in output
    score_row = next(line for line in output.splitlines() if f"`{SOCIETY}`" in line and "| 2017 |" in line)
    head = json.loads((repo.parent / "evaluation-head.json").read_text(encoding="utf-8"))
    (mine,) = [e for e in head["evaluations"] if e["society"] == SOCIETY]
    assert mine["total"] > 0
    assert f"| 2017 | {mine['total']:g} | {mine['tier']} | 新增 |" in score_row


def test_touching_another_society_is_flagged_and_checked(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "edit-other")
    path = repo / "submissions/cd-existing/2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2017", "year: 2016"), encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Edit another society")
    assert "E-OWNER-FOREIGN" in ownership(repo, "alice", expect=1)
    ownership(repo, "bob", expect=0)
    result, output = validate_pull_request(repo, expect=1)
    assert [f["code"] for f in result["findings"]] == ["E-YEAR-MISMATCH"]
    assert "本拉取请求没有改变任何学会的得分" not in output


def test_symlink_and_rename_are_seen_in_the_diff(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "sneaky")
    folder = repo / "submissions/cd-existing"
    (folder / "evidence").mkdir()
    (folder / "evidence/link.pdf").symlink_to("/etc/passwd")
    git(repo, "mv", "submissions/cd-existing/2017.yaml", "submissions/cd-existing/2018.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Sneaky")
    changes = json.loads(cli(repo, "changed", "--base", "main"))
    by_name = {c["filename"]: c for c in changes}
    assert by_name["submissions/cd-existing/evidence/link.pdf"]["mode"] == "120000"
    assert by_name["submissions/cd-existing/2018.yaml"]["status"] == "renamed"
    assert by_name["submissions/cd-existing/2018.yaml"]["previous_filename"] == "submissions/cd-existing/2017.yaml"
    out = ownership(repo, "bob", expect=1)
    assert "E-OWNER-SYMLINK" in out
    assert "E-OWNER-RENAME" not in out  # a rename inside one's own folder is fine


def test_a_submodule_named_like_a_report_is_an_error_not_a_skip(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "submodule")
    target = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{target},submissions/cd-existing/2019.yaml")
    git(repo, "commit", "--quiet", "-m", "A submodule")
    changes = json.loads(cli(repo, "changed", "--base", "main"))
    assert [(c["filename"], c["mode"]) for c in changes] == [("submissions/cd-existing/2019.yaml", "160000")]
    changed = repo.parent / "changed.json"
    changed.write_text(json.dumps(changes), encoding="utf-8")
    annotations = cli(repo, "check-changed", str(changed), "--format", "text", expect=1)
    assert "E-PATH-GITLINK" in annotations
    assert "E-OWNER-GITLINK" in cli(repo, "ownership", "--author", "bob", "--base", "main", expect=1)


def test_a_file_name_that_is_not_utf8_is_a_finding_not_a_crash(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "bytes")
    folder = repo / "submissions" / "cd-existing"
    (folder / os.fsdecode(b"2019\xff.yaml")).write_text("x: 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "A name that is not UTF-8")
    listing = cli(repo, "changed", "--base", "main")
    changed = repo.parent / "changed.json"
    changed.write_text(listing, encoding="utf-8")
    out = cli(repo, "check-changed", str(changed), "--format", "text", expect=1)
    assert "E-PATH-UNSAFE" in out
    assert "2019\\xff.yaml" in out


def test_local_ownership_reads_the_maintainers_of_the_base(repo: Path) -> None:
    """A pull request that adds its author to a society's maintainers is judged by the old list."""
    git(repo, "checkout", "--quiet", "-b", "takeover")
    profile = repo / "submissions/cd-existing/society.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("  - bob", "  - bob\n  - mallory"),
                       encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "Add mallory")
    assert "mallory" in profile.read_text(encoding="utf-8")
    out = cli(repo, "ownership", "--author", "mallory", "--base", "main", "--format", "text", expect=1)
    assert "E-OWNER-FOREIGN" in out
    cli(repo, "ownership", "--author", "bob", "--base", "main", "--format", "text", expect=0)


def test_a_year_file_changed_without_its_schemas_is_refused_until_they_follow(repo: Path) -> None:
    """Editors read schema/ through each report's first line: a pull request that changes a year
    file must bring the schemas exported from it (E-SCHEMA-STALE until it does)."""
    git(repo, "checkout", "--quiet", "-b", "year-2019")
    cli(repo, "new-year", "2019")
    own = repo / "validators"
    for path, change in ((own / "guidelines" / "2019.yaml", "kinds:\n  major_work_kinds:\n    edit:\n"
                                                            "      党建: {label: 学会党建}\n"),
                         (own / "rubrics" / "2019.yaml", "major_work:\n  kind:\n    党建: null\n    学会党建: "
                                                         "{clause: \"7.3\", points: 2, max_count: 1, label: 学会党建工作}\n")):
        path.write_text(path.read_text("utf-8") + change, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "2019 renames a kind")
    changed = repo.parent / "changed.json"
    changed.write_text(cli(repo, "changed", "--base", "main"), encoding="utf-8")
    out = cli(repo, "check-changed", str(changed), "--format", "text", expect=1)
    assert "schema/submission.schema.json:1:1" in out
    assert "E-SCHEMA-STALE" in out
    assert "python -m validators schema --write" in out
    assert "schema/society.schema.json" not in out  # the profile's schema is as exported
    assert "已更新 schema/submission.schema.json" in cli(repo, "schema", "--write")
    git(repo, "commit", "--quiet", "-am", "Its schemas")
    changed.write_text(cli(repo, "changed", "--base", "main"), encoding="utf-8")
    assert "E-SCHEMA-STALE" not in cli(repo, "check-changed", str(changed), "--format", "text")
