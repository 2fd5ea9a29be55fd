"""The files a pull request changes: read from GitHub's API output or from `git diff`, and the
submission files `check` must read because of them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from validators.association.reviews import OBJECTIONS_FILE, REVIEWS, key_of
from validators.findings import Finding, error
from validators.repository import SUBMISSIONS
from validators.submission_paths import classify, name_kind, unsafe_path
from validators.yaml import strict_json

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"  # a submodule: a pointer to another repository's commit, not a file
# GitHub lists at most 3,000 files of a pull request; more is not a submission.
MAX_CHANGED_FILES = 3000
MAX_LIST_BYTES = 4 * 1024 * 1024
# Changes here can change the result of every submission (the rules, the association's
# reviews, the admin list the checks read): check the whole tree, the review files included.
WHOLE_TREE_PREFIXES = ("validators/", "reviews/", ".github/admins.yaml")
Status = Literal["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]
_GIT_STATUS: dict[str, Status] = {"A": "added", "C": "copied", "D": "removed", "M": "modified", "R": "renamed",
               "T": "changed"}

RepoPath = Annotated[str, Field(min_length=1, max_length=1024)]


class ChangedFileError(ValueError):
    """A list of changed files that is not what GitHub or git would produce."""


class ChangedFile(BaseModel):
    """One entry of `GET /repos/{owner}/{repo}/pulls/{n}/files`, plus the file mode in the head
    commit (the API omits it; the workflow reads it from the head tree)."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)

    filename: RepoPath
    status: Status
    previous_filename: RepoPath | None = None
    mode: Annotated[str, Field(pattern=r"^[0-7]{6}$")] | None = None
    # The opening of the file's unified diff (the API's `patch`, cut to PATCH_CHARS by the
    # workflow): where its first change is, for a finding about the whole file to point at.
    patch: Annotated[str, Field(max_length=4 * 1024)] | None = None

    @property
    def first_changed_line(self) -> int:
        """The line of the new file at which the change begins, 1 when the patch does not say
        (none given, a binary file, a file removed or emptied)."""
        return first_changed_line(self.patch or "")

    @property
    def is_symlink(self) -> bool:
        return self.mode == SYMLINK_MODE

    @property
    def is_gitlink(self) -> bool:
        return self.mode == GITLINK_MODE

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path the change touches: the new one and, for a rename or copy, the old one."""
        return (self.filename,) if self.previous_filename is None else (
            self.filename, self.previous_filename)


_LIST = TypeAdapter(list[ChangedFile])
# How much of each file's patch the workflow keeps: the first hunk's header, its leading context
# (three lines) and its first changed line, for 3,000 files well within MAX_LIST_BYTES.
PATCH_CHARS = 600


def first_changed_line(patch: str) -> int:
    """The new file's line at the first `+` or `-` line of a unified diff's first hunk (a
    deletion: the line that now stands where the removed ones were), read without a pattern
    (the text is the pull request's); 1 when there is no hunk."""
    lines = patch.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("@@ -")), None)
    if at is None:
        return 1
    header = lines[at]
    plus = header.find(" +")
    digits = ""
    for char in header[plus + 2:] if plus >= 0 else "":
        if not char.isascii() or not char.isdigit():
            break
        digits += char
    if not digits or len(digits) > 9:
        return 1
    line = int(digits)
    for text in lines[at + 1:]:
        if text.startswith(("+", "-")):
            break
        line += 1  # a context line (or the cut end of the kept patch)
    return max(line, 1)


def parse_changed(text: str) -> list[ChangedFile]:
    """A JSON array, or JSON lines (what `gh api --paginate --jq '.[]'` prints)."""
    if len(text.encode("utf-8")) > MAX_LIST_BYTES:
        raise ChangedFileError(f"清单超过 {MAX_LIST_BYTES // (1024 * 1024)} MB")
    try:
        stripped = text.strip()
        if stripped.startswith("["):
            data = strict_json.loads(stripped)
        else:
            data = [strict_json.loads(line) for line in stripped.splitlines() if line.strip()]
        if len(data) > MAX_CHANGED_FILES:
            raise ChangedFileError(f"改动的文件超过 {MAX_CHANGED_FILES} 个")
        return _LIST.validate_python(data)
    except (ValueError, RecursionError, ValidationError) as exc:
        if isinstance(exc, ChangedFileError):
            raise
        raise ChangedFileError(
            "这不是改动文件清单：应为 GitHub API 列出的拉取请求改动文件（JSON 数组，或每行一个 JSON 对象，"
            "每个对象有 filename 和 status），可以用 python -m validators changed --base <基准分支> 生成；"
            "只有文件路径的清单不行") from None


def parse_path_lines(text: str) -> set[str]:
    """Paths one per line, each a JSON string (`--jq '... | .path | tojson'`) or plain text."""
    paths: set[str] = set()
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            value = strict_json.loads(line) if line.startswith('"') else line
        except ValueError:
            raise ChangedFileError("symlink list line is not a JSON string") from None
        if not isinstance(value, str):
            raise ChangedFileError("symlink list line is not a path")
        paths.add(value)
    return paths


def with_symlinks(changes: Iterable[ChangedFile], symlinks: set[str]) -> list[ChangedFile]:
    """Marks the changed paths that are symbolic links in the head commit."""
    return with_modes(changes, dict.fromkeys(symlinks, SYMLINK_MODE))


def with_modes(changes: Iterable[ChangedFile], modes: dict[str, str]) -> list[ChangedFile]:
    """Gives each changed path its mode in the head commit (the API's file list has none)."""
    return [c.model_copy(update={"mode": modes[c.filename]}) if c.filename in modes and
            c.status != "removed" else c for c in changes]


class _TreeMode(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)

    path: RepoPath
    mode: Annotated[str, Field(pattern=r"^[0-7]{6}$")]


def parse_modes(text: str) -> dict[str, str]:
    """`{"path": ..., "mode": ...}` per line (`gh api .../git/trees/SHA --jq '.tree[] | ...'`)."""
    try:
        entries = [_TreeMode.model_validate(strict_json.loads(line))
                   for line in text.splitlines() if line.strip()]
    except (ValueError, ValidationError):
        raise ChangedFileError("not a list of tree entries") from None
    return {e.path: e.mode for e in entries}


def git_changes(root: Path, base: str, head: str = "HEAD") -> list[ChangedFile]:
    """`git diff --raw` between the merge base of `base` and `head`, as the API would list it."""
    out = subprocess.run(
        ["git", "-C", str(root), "diff", "--raw", "-z", "-M", "--no-abbrev",
         "--diff-filter=ACMRTD", f"{base}...{head}", "--"],
        capture_output=True, check=True).stdout
    fields = out.split(b"\0")
    changes: list[ChangedFile] = []
    i = 0
    while i < len(fields) and fields[i]:
        meta = fields[i].decode("ascii").lstrip(":").split()
        src_mode, dst_mode, letter = meta[0], meta[1], meta[4][0]
        # A name that is not UTF-8 keeps its bytes as `\\xff`: readable, and refused by name
        # (a backslash is no path character) instead of failing the list.
        if letter in "RC":
            old = fields[i + 1].decode("utf-8", "backslashreplace")
            new = fields[i + 2].decode("utf-8", "backslashreplace")
            i += 3
        else:
            old, new = None, fields[i + 1].decode("utf-8", "backslashreplace")
            i += 2
        status = _GIT_STATUS[letter]
        changes.append(ChangedFile(filename=new, status=status, previous_filename=old,
                                   mode=src_mode if status == "removed" else dst_mode))
    return changes


def to_json(changes: list[ChangedFile]) -> str:
    return json.dumps([c.model_dump(exclude_none=True) for c in changes], ensure_ascii=False,
                      indent=2)


def path_findings(change: ChangedFile) -> list[Finding]:
    """Errors for a changed path that must not be checked as a file: an unsafe name, a symbolic
    link, or a submodule (gitlink) that only pretends to be a file."""
    found = [finding for path in change.paths if (finding := unsafe_path(path))]
    if found or change.status == "removed":
        return found
    if change.is_symlink:
        found.append(error(change.filename, 1, 1, "E-PATH-SYMLINK",
                           "提交的文件和学会文件夹不能是符号链接（symlink）：请提交普通文件。"))
    elif change.is_gitlink:
        found.append(error(change.filename, 1, 1, "E-PATH-GITLINK",
                           f"“{change.filename}”是子模块（submodule），不是文件：检查和网站都读不到它的内容。"
                           "请删除子模块，改为提交普通文件。"))
    return found


def society_of(path: str) -> str | None:
    """The society folder a path lies in (`submissions/<id>/...`), or None."""
    return classify(path).society



def reported(findings: list[Finding], changes: list[ChangedFile], whole_tree: bool) -> list[Finding]:
    """What a pull request is told when its change made the whole tree be checked: every error,
    since the change may break any file, and the warnings of the societies it touched (their
    reports and review files). A change beyond the societies (a year file, the admin list, the
    objections) may cause a note anywhere: it is told all of them."""
    if not whole_tree:
        return findings
    touched = {_owner(p) for change in changes for p in change.paths}
    if None in touched:
        return findings
    return [f for f in findings if f.severity == "error" or _owner(f.file) in touched]


def _owner(path: str) -> str | None:
    """The society a path is about: its folder's, or a review file's (`reviews/<year>/<id>.yaml`)."""
    place = Path(path)
    review = key_of(place) if place.parent.parent == Path(REVIEWS) and place.name != OBJECTIONS_FILE else None
    return review[0] if review else society_of(path)


@dataclass(frozen=True, slots=True)
class Selection:
    """What `check` reads for a change: the whole tree, or these files (maybe none)."""

    whole_tree: bool
    paths: tuple[str, ...] = ()


def files_to_check(changes: list[ChangedFile], root: Path) -> Selection:
    """Changed submission files, and the remaining files of every society whose evidence
    changed (added, edited, removed, or moved in or out). A change to the rules, or a removed or
    moved submission file (another society's consortium may lose its lead), makes every file a
    candidate: the whole tree is checked."""
    chosen: dict[str, None] = {}
    for change in changes:
        if path_findings(change):  # reported by name; never opened as a file
            continue
        if any(p.startswith(WHOLE_TREE_PREFIXES) for p in change.paths):
            return Selection(whole_tree=True)
        if change.status in ("removed", "renamed") and any(classify(p).is_yaml for p in change.paths):
            return Selection(whole_tree=True)
        for path in change.paths:
            kind = classify(path)
            if kind.is_yaml:  # a society's file, or one left beside the society folders
                if path == change.filename and change.status != "removed":
                    chosen[path] = None
                continue
            if kind.society is None:
                continue
            folder = root / SUBMISSIONS / kind.society
            if folder.is_dir() and not folder.is_symlink():
                for report in sorted(folder.iterdir()):
                    if name_kind(report.name).is_yaml and (report.is_symlink() or not report.is_dir()):
                        chosen[f"{SUBMISSIONS}/{folder.name}/{report.name}"] = None
    return Selection(whole_tree=False, paths=tuple(chosen))
