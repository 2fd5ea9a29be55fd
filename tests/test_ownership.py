"""Folder ownership: maintainers change their own society's folder, admins anything, nobody symlinks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.trees import ROOT, profile, write_tree
from validators.association.admin_list import ADMINS_FILE, AdminList
from validators.check import check_file
from validators.cli import main
from validators.github.changed_files import (
    ChangedFile,
    ChangedFileError,
    parse_changed,
    parse_modes,
    parse_path_lines,
    with_modes,
    with_symlinks,
)
from validators.github.ownership import (
    check_ownership,
    new_society_profiles,
    read_maintainers,
)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The base branch: cd-alpha maintained by alice, cd-beta by bob, carol an admin."""
    root = tmp_path / "base"
    write_tree(root, {
        "submissions/cd-alpha/society.yaml": profile("cd-alpha").replace("cd-alpha-admin", "Alice"),
        "submissions/cd-beta/society.yaml": profile("cd-beta").replace("cd-beta-admin", "bob"),
        "submissions/cd-broken/society.yaml": "id: [unclosed\n",
        ADMINS_FILE: "admins:\n  - carol\n",
    })
    return root


def change(filename: str, status: str = "modified", previous: str | None = None,
           mode: str | None = None) -> ChangedFile:
    return ChangedFile(filename=filename, status=status, previous_filename=previous, mode=mode)


def codes(author: str, changes: list[ChangedFile], root: Path, head_root: Path | None = None,
          expected: int | None = None) -> list[str]:
    return [f.code for f in check_ownership(author, changes, read_maintainers(root), head_root, expected)]


def test_own_folder_passes(base: Path) -> None:
    changes = [change("submissions/cd-alpha/2017.yaml", "added"),
               change("submissions/cd-alpha/evidence/annual.pdf", "added"),
               change("submissions/cd-alpha/2016.yaml", "removed")]
    assert codes("alice", changes, base) == []  # logins compare case-insensitively


def test_another_societys_folder_fails(base: Path) -> None:
    (found,) = check_ownership("alice", [change("submissions/cd-beta/2017.yaml")], read_maintainers(base))
    assert found.code == "E-OWNER-FOREIGN"
    assert found.severity == "error"
    assert found.file == "submissions/cd-beta/2017.yaml"
    assert "cd-beta" in found.message
    assert "alice" in found.message
    assert "maintainers" in found.message


def test_rename_into_another_folder_fails(base: Path) -> None:
    moved = change("submissions/cd-beta/2017.yaml", "renamed", "submissions/cd-alpha/2017.yaml")
    assert codes("alice", [moved], base) == ["E-OWNER-RENAME", "E-OWNER-FOREIGN"]


def test_rename_out_of_the_own_folder_fails(base: Path) -> None:
    moved = change("docs/2017.yaml", "renamed", "submissions/cd-alpha/2017.yaml")
    assert codes("alice", [moved], base) == ["E-OWNER-RENAME", "E-OWNER-OUTSIDE"]


def test_rename_out_of_another_folder_into_the_own_fails(base: Path) -> None:
    moved = change("submissions/cd-alpha/2017.yaml", "renamed", "submissions/cd-beta/2017.yaml")
    found = check_ownership("alice", [moved], read_maintainers(base))
    assert [f.code for f in found] == ["E-OWNER-RENAME", "E-OWNER-FOREIGN"]
    assert found[1].file == "submissions/cd-beta/2017.yaml"


def test_rename_inside_the_own_folder_passes(base: Path) -> None:
    moved = change("submissions/cd-alpha/evidence/b.pdf", "renamed", "submissions/cd-alpha/a.pdf")
    assert codes("alice", [moved], base) == []


@pytest.mark.parametrize("author", ["alice", "carol"])
def test_symlink_fails_even_for_an_admin(base: Path, author: str) -> None:
    link = change("submissions/cd-alpha/evidence/secret.pdf", "added", mode="120000")
    found = check_ownership(author, [link], read_maintainers(base))
    assert [f.code for f in found] == ["E-OWNER-SYMLINK"]
    assert "符号链接" in found[0].message


def test_symlinks_from_the_head_tree_listing_are_marked() -> None:
    changes = [change("submissions/cd-alpha/x.pdf", "added"), change("submissions/cd-alpha/y.pdf", "removed")]
    listed = parse_path_lines('"submissions/cd-alpha/x.pdf"\n"submissions/cd-alpha/y.pdf"\n')
    marked = with_symlinks(changes, listed)
    assert [c.is_symlink for c in marked] == [True, False]  # a removed path is no link any more


@pytest.mark.parametrize("path", [".github/workflows/validate.yml", "validators/check.py",
                                  "README.md", "submissions/README.md"])
def test_outside_a_society_folder_fails_for_a_society(base: Path, path: str) -> None:
    (found,) = check_ownership("alice", [change(path)], read_maintainers(base))
    assert found.code == "E-OWNER-OUTSIDE"
    assert path in found.message
    assert "管理员" in found.message


def test_an_admin_may_change_anything_but_symlinks(base: Path) -> None:
    changes = [change("validators/check.py"), change("submissions/cd-beta/2017.yaml"),
               change("submissions/cd-alpha/2017.yaml", "renamed", "submissions/cd-beta/2016.yaml")]
    assert codes("Carol", changes, base) == []


def test_unreadable_base_profile_leaves_the_folder_to_admins(base: Path) -> None:
    assert codes("alice", [change("submissions/cd-broken/2017.yaml")], base) == ["E-OWNER-UNKNOWN"]
    assert codes("carol", [change("submissions/cd-broken/2017.yaml")], base) == []


def _head_with(tmp_path: Path, maintainer: str) -> Path:
    return write_tree(tmp_path / "head", {
        "submissions/cd-gamma/society.yaml": profile("cd-gamma").replace("cd-gamma-admin", maintainer)})


NEW_SOCIETY = [change("submissions/cd-gamma/society.yaml", "added"),
               change("submissions/cd-gamma/2017.yaml", "added")]


def test_new_society_passes_when_its_profile_names_the_author(base: Path, tmp_path: Path) -> None:
    found = check_ownership("dave", NEW_SOCIETY, read_maintainers(base), _head_with(tmp_path, "dave"))
    assert [(f.code, f.severity) for f in found] == [("W-OWNER-NEW-SOCIETY", "warning")]


def test_new_society_fails_when_its_profile_omits_the_author(base: Path, tmp_path: Path) -> None:
    found = codes("mallory", NEW_SOCIETY, base, _head_with(tmp_path, "dave"))
    assert found == ["E-OWNER-NEW-SOCIETY", "E-OWNER-NEW-SOCIETY", "W-OWNER-NEW-SOCIETY"]


def test_new_society_without_a_profile_fails(base: Path, tmp_path: Path) -> None:
    found = codes("dave", [change("submissions/cd-gamma/2017.yaml", "added")], base, tmp_path / "none")
    assert found == ["E-OWNER-NEW-PROFILE", "W-OWNER-NEW-SOCIETY"]


def test_only_new_folders_profiles_are_fetched(base: Path) -> None:
    changes = [*NEW_SOCIETY, change("submissions/cd-alpha/society.yaml"),
               change("submissions/Bad Name/society.yaml", "added"),
               change("submissions/cd-delta/society.yaml", "removed")]
    assert new_society_profiles(changes, base) == ["submissions/cd-gamma/society.yaml"]


def test_incomplete_file_list_fails(base: Path) -> None:
    assert codes("alice", [change("submissions/cd-alpha/2017.yaml")], base, expected=3001) == [
        "E-OWNER-INCOMPLETE"]


def test_broken_admin_list_makes_nobody_an_admin(base: Path) -> None:
    (base / ADMINS_FILE).write_text("admins: carol\n", encoding="utf-8")
    assert codes("carol", [change("README.md")], base) == ["E-OWNER-ADMINS-INVALID", "E-OWNER-OUTSIDE"]


def test_the_shipped_admin_list_is_valid() -> None:
    from validators.yaml.loading import load_trusted

    AdminList.model_validate(load_trusted(ROOT / ADMINS_FILE))


def test_api_output_is_read_as_json_lines_with_extra_fields() -> None:
    lines = "\n".join(json.dumps(x) for x in [
        {"filename": "submissions/cd-alpha/2017.yaml", "status": "renamed",
         "previous_filename": "submissions/cd-alpha/2016.yaml", "additions": 3, "sha": "abc"},
        {"filename": "README.md", "status": "modified", "previous_filename": None}])
    parsed = parse_changed(lines)
    assert parsed[0].paths == ("submissions/cd-alpha/2017.yaml", "submissions/cd-alpha/2016.yaml")
    assert parsed[1].previous_filename is None


def test_cli_flags_a_foreign_folder_as_an_annotation(base: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    files = tmp_path / "files.jsonl"
    files.write_text(json.dumps({"filename": "submissions/cd-beta/2017.yaml", "status": "modified"}) + "\n",
                     encoding="utf-8")
    summary = tmp_path / "summary.md"
    args = ["--root", str(base), "ownership", "--changed", str(files), "--format", "github"]
    assert main([*args, "--author", "bob", "--summary-out", str(summary)]) == 0
    capsys.readouterr()
    assert main([*args, "--author", "alice", "--expected-count", "1"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=submissions/cd-beta/2017.yaml,line=1,col=1,title=E-OWNER-FOREIGN")
    assert "没有发现问题" in summary.read_text(encoding="utf-8")


def test_a_changed_file_list_with_a_key_given_twice_is_refused() -> None:
    with pytest.raises(ChangedFileError):
        parse_changed('{"filename": "submissions/cd-a/2017.yaml", "status": "modified", '
                      '"filename": ".github/workflows/validate.yml"}\n')


@pytest.mark.parametrize("author", ["alice", "carol"])
def test_a_submodule_is_refused_like_a_symlink_even_for_an_admin(base: Path, author: str) -> None:
    found = codes(author, [change("submissions/cd-alpha/2019.yaml", "added", mode="160000")], base)
    assert found == ["E-OWNER-GITLINK"]


def test_submodules_from_the_head_tree_listing_are_marked() -> None:
    modes = parse_modes('{"path": "submissions/cd-alpha/2019.yaml", "mode": "160000"}\n'
                        '{"path": "submissions/cd-alpha/x.pdf", "mode": "120000"}\n')
    marked = with_modes([change("submissions/cd-alpha/2019.yaml", "added"),
                         change("submissions/cd-alpha/x.pdf", "added")], modes)
    assert [(c.is_gitlink, c.is_symlink) for c in marked] == [(True, False), (False, True)]


@pytest.mark.parametrize("path", ["submissions/cd-alpha/../cd-beta/2017.yaml",
                                  "submissions/./cd-beta/2017.yaml",
                                  "submissions/cd-alpha/./2017.yaml",
                                  "submissions/cd-alpha/2017\u202e.yaml"])
@pytest.mark.parametrize("author", ["alice", "carol"])
def test_dot_dot_and_hidden_characters_in_a_path_are_refused(base: Path, path: str,
                                                             author: str) -> None:
    assert codes(author, [change(path, "added")], base) == ["E-OWNER-UNSAFE-PATH"]


def test_a_folder_name_with_a_trailing_newline_is_no_society(base: Path, tmp_path: Path) -> None:
    sneaky = "submissions/cd-gamma\n/society.yaml"
    assert new_society_profiles([change(sneaky, "added")], base) == []
    assert codes("dave", [change(sneaky, "added")], base) == ["E-OWNER-UNSAFE-PATH"]
    folder = tmp_path / "tree" / "cd-gamma\n"
    folder.mkdir(parents=True)
    (folder / "2017.yaml").write_text("society: cd-gamma\nyear: 2017\n", encoding="utf-8")
    (found,) = check_file(folder / "2017.yaml", tmp_path / "tree").findings
    assert found.code == "E-PATH-UNSAFE"  # as the pull request's own checks say it


def _impostor(tmp_path: Path, name: str, website: str | None = None) -> Path:
    text = profile("cd-gamma").replace("cd-gamma-admin", "dave").replace(
        "成都市cd-gamma学会（示例）", name)
    if website:
        text += f"website: {website}\n"
    return write_tree(tmp_path / "head", {"submissions/cd-gamma/society.yaml": text})


@pytest.mark.parametrize(("name", "website"), [
    ("成都市cd-alpha学会（示例）", None),
    ("成都市ＣＤ－ＡＬＰＨＡ学会（示例）", None),  # full-width letters read the same
    ("成都市 cd-alpha 学会（示例）", None),
    ("另一个名字", "https://www.alpha.example.org/"),
])
def test_a_new_society_may_not_take_an_existing_societys_name_or_website(
        base: Path, tmp_path: Path, name: str, website: str | None) -> None:
    (base / "submissions/cd-alpha/society.yaml").write_text(
        profile("cd-alpha").replace("cd-alpha-admin", "Alice").lstrip()
        .replace("        ", "") + "website: http://alpha.example.org\n", encoding="utf-8")
    head = _impostor(tmp_path, name, website)
    found = codes("dave", NEW_SOCIETY, base, head)
    assert "E-OWNER-IMPERSONATION" in found
    assert codes("carol", NEW_SOCIETY, base, head) == []  # an admin may


def test_a_new_society_with_its_own_name_passes(base: Path, tmp_path: Path) -> None:
    assert codes("dave", NEW_SOCIETY, base, _impostor(tmp_path, "成都市伽马学会")) == [
        "W-OWNER-NEW-SOCIETY"]


# --- reviewers: the staff and experts who submit the verification workbench's files -----------

@pytest.fixture
def reviewed(base: Path) -> Path:
    """The base with 2018 under verification and dora, a member of staff, a reviewer."""
    (base / ADMINS_FILE).write_text("admins:\n  - carol\nreviewers:\n  - Dora\n", encoding="utf-8")
    write_tree(base, {"reviews/2018/cd-alpha.yaml": "society: cd-alpha\nyear: 2018\n"})
    return base


def test_a_reviewer_may_add_and_change_the_workbenchs_files(reviewed: Path) -> None:
    changes = [change("reviews/2018/cd-alpha.yaml"), change("reviews/2018/cd-beta.yaml", "added"),
               change("reviews/2018/objections.yaml", "added")]
    assert codes("dora", changes, reviewed) == []


@pytest.mark.parametrize(("path", "status", "says"), [
    ("results/2018.json", "modified", "核查人员（.github/admins.yaml 的 reviewers）只能改动"),
    ("validators/guidelines/2018.yaml", "modified", "只能改动 reviews/<年度>/"),
    (ADMINS_FILE, "modified", "只能改动 reviews/<年度>/"),
    ("reviews/2019/cd-alpha.yaml", "added", "主分支上还没有 reviews/2019/ 文件夹"),
    ("reviews/2018/notes.md", "added", "不是这样的文件"),
    ("reviews/2018/cd-alpha.yaml", "removed", "不能删除、改名或复制"),
])
def test_a_reviewer_may_change_nothing_else(reviewed: Path, path: str, status: str, says: str) -> None:
    (found,) = check_ownership("dora", [change(path, status)], read_maintainers(reviewed))
    assert (found.code, found.file) == ("E-OWNER-OUTSIDE", path)
    assert says in found.message


def test_a_reviewer_is_no_maintainer(reviewed: Path) -> None:
    assert codes("dora", [change("submissions/cd-alpha/2018.yaml")], reviewed) == ["E-OWNER-FOREIGN"]


def test_a_reviewer_may_not_move_a_review_file(reviewed: Path) -> None:
    moved = change("reviews/2018/cd-beta.yaml", "renamed", "reviews/2018/cd-alpha.yaml")
    found = check_ownership("dora", [moved], read_maintainers(reviewed))
    assert [(f.code, f.file) for f in found] == [
        ("E-OWNER-RENAME", "reviews/2018/cd-beta.yaml"), ("E-OWNER-OUTSIDE", "reviews/2018/cd-beta.yaml"),
        ("E-OWNER-OUTSIDE", "reviews/2018/cd-alpha.yaml")]


def test_someone_else_changing_a_review_file_is_told_whom_to_ask(reviewed: Path) -> None:
    (found,) = check_ownership("alice", [change("reviews/2018/cd-alpha.yaml")], read_maintainers(reviewed))
    assert found.code == "E-OWNER-OUTSIDE"  # the code keeps its meaning; the words fit the case
    assert "核查或异议记录" in found.message
    assert "reviewers" in found.message
    assert "交给市科协管理员" in found.message
    assert "学会只能改动自己的" not in found.message
    assert codes("carol", [change("reviews/2018/cd-alpha.yaml", "removed")], reviewed) == []


def test_a_broken_list_makes_nobody_a_reviewer(reviewed: Path) -> None:
    (reviewed / ADMINS_FILE).write_text("admins: [carol]\nreviewers: dora\n", encoding="utf-8")
    assert codes("dora", [change("reviews/2018/cd-alpha.yaml")], reviewed) == [
        "E-OWNER-ADMINS-INVALID", "E-OWNER-OUTSIDE"]


def test_the_cli_passes_a_reviewers_pull_request(reviewed: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    files = tmp_path / "files.jsonl"
    files.write_text(json.dumps({"filename": "reviews/2018/cd-alpha.yaml", "status": "modified"}) + "\n",
                     encoding="utf-8")
    args = ["--root", str(reviewed), "ownership", "--changed", str(files), "--format", "text"]
    assert main([*args, "--author", "dora", "--expected-count", "1"]) == 0
    assert main([*args, "--author", "alice"]) == 1
    assert "reviewers" in capsys.readouterr().out


def test_the_local_base_snapshot_brings_the_review_years_and_reviewers(tmp_path: Path) -> None:
    import subprocess

    from validators.github.ownership import base_snapshot

    repo = write_tree(tmp_path / "repo", {ADMINS_FILE: "admins: []\nreviewers: [dora]\n",
                                          "reviews/2018/cd-alpha.yaml": "society: cd-alpha\nyear: 2018\n",
                                          "reviews/2017/cd-alpha.yaml": "society: cd-alpha\nyear: 2017\n",
                                          "results/2017.json": "{}\n"})
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=x", "-c", "user.email=x@example.org",
                                                 "commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    seen = read_maintainers(base_snapshot(repo, "HEAD", tmp_path / "snapshot"))
    assert (seen.review_years, seen.final_years, seen.reviewers) == (
        frozenset({"2017", "2018"}), frozenset({"2017"}), frozenset({"dora"}))
    assert codes("dora", [change("reviews/2018/cd-alpha.yaml")], tmp_path / "snapshot") == []
    assert codes("dora", [change("reviews/2017/cd-alpha.yaml")], tmp_path / "snapshot") == ["E-OWNER-OUTSIDE"]


def test_a_finalized_year_is_verified_again_by_admins_only(reviewed: Path) -> None:
    """Its records may be dated after the final day (re-verification for finalize --replace):
    a reviewer's pull request would re-verify a frozen year unseen by an admin."""
    write_tree(reviewed, {"results/2018.json": "{}\n"})
    (found,) = check_ownership("dora", [change("reviews/2018/cd-alpha.yaml")], read_maintainers(reviewed))
    assert found.code == "E-OWNER-OUTSIDE"
    assert "已经定稿" in found.message
    assert "results/2018.json" in found.message
    assert codes("carol", [change("reviews/2018/cd-alpha.yaml")], reviewed) == []


def test_a_folder_the_check_does_not_read_as_a_year_is_none(reviewed: Path) -> None:
    write_tree(reviewed, {"reviews/draft/cd-alpha.yaml": "society: cd-alpha\n"})
    assert read_maintainers(reviewed).review_years == frozenset({"2018"})


def test_a_list_of_bare_paths_is_told_in_chinese_what_the_list_should_be(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A reviewer's first guess, the paths alone, got the English `not a list of changed files:
    ValidationError`."""
    files = tmp_path / "changed.json"
    files.write_text('["submissions/cd-a/2017.yaml"]', encoding="utf-8")
    assert main(["--root", str(tmp_path), "check-changed", str(files)]) == 2
    said = capsys.readouterr().err
    assert "这不是改动文件清单" in said
    assert "python -m validators changed --base" in said
    assert "Error" not in said
