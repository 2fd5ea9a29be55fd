"""The files a pull request changes: read from GitHub's API output or from `git diff`, and the
submission files `check` must read because of them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from validators.repository import SUBMISSIONS

SYMLINK_MODE = "120000"
# GitHub lists at most 3,000 files of a pull request; more is not a submission.
MAX_CHANGED_FILES = 3000
MAX_LIST_BYTES = 4 * 1024 * 1024
# Changes here can change the result of every submission (the rules, the association's
# reviews): check the whole tree, the review files included.
WHOLE_TREE_PREFIXES = ("validators/", "reviews/")
_GIT_STATUS = {"A": "added", "C": "copied", "D": "removed", "M": "modified", "R": "renamed",
               "T": "changed"}

Status = Literal["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]
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

    @property
    def is_symlink(self) -> bool:
        return self.mode == SYMLINK_MODE

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path the change touches: the new one and, for a rename or copy, the old one."""
        return (self.filename,) if self.previous_filename is None else (
            self.filename, self.previous_filename)


_LIST = TypeAdapter(list[ChangedFile])


def parse_changed(text: str) -> list[ChangedFile]:
    """A JSON array, or JSON lines (what `gh api --paginate --jq '.[]'` prints)."""
    if len(text.encode("utf-8")) > MAX_LIST_BYTES:
        raise ChangedFileError("changed-file list too large")
    try:
        stripped = text.strip()
        if stripped.startswith("["):
            data = json.loads(stripped)
        else:
            data = [json.loads(line) for line in stripped.splitlines() if line.strip()]
        if len(data) > MAX_CHANGED_FILES:
            raise ChangedFileError(f"more than {MAX_CHANGED_FILES} changed files")
        return _LIST.validate_python(data)
    except (ValueError, RecursionError, ValidationError) as exc:
        if isinstance(exc, ChangedFileError):
            raise
        raise ChangedFileError(f"not a list of changed files: {type(exc).__name__}") from None


def parse_path_lines(text: str) -> set[str]:
    """Paths one per line, each a JSON string (`--jq '... | .path | tojson'`) or plain text."""
    paths: set[str] = set()
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line) if line.startswith('"') else line
        except ValueError:
            raise ChangedFileError("symlink list line is not a JSON string") from None
        if not isinstance(value, str):
            raise ChangedFileError("symlink list line is not a path")
        paths.add(value)
    return paths


def with_symlinks(changes: Iterable[ChangedFile], symlinks: set[str]) -> list[ChangedFile]:
    """Marks the changed paths that are symbolic links in the head commit."""
    return [c.model_copy(update={"mode": SYMLINK_MODE}) if c.filename in symlinks and
            c.status != "removed" else c for c in changes]


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
        if letter in "RC":
            old, new = fields[i + 1].decode("utf-8", "surrogateescape"), fields[i + 2].decode(
                "utf-8", "surrogateescape")
            i += 3
        else:
            old, new = None, fields[i + 1].decode("utf-8", "surrogateescape")
            i += 2
        status = _GIT_STATUS[letter]
        changes.append(ChangedFile(filename=new, status=status, previous_filename=old,
                                   mode=src_mode if status == "removed" else dst_mode))
    return changes


def to_json(changes: list[ChangedFile]) -> str:
    return json.dumps([c.model_dump(exclude_none=True) for c in changes], ensure_ascii=False,
                      indent=2)


def society_of(path: str) -> str | None:
    """The society folder a path lies in (`submissions/<id>/...`), or None."""
    parts = PurePosixPath(path).parts
    return parts[1] if len(parts) >= 3 and parts[0] == SUBMISSIONS else None


def _is_report_file(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return len(parts) == 3 and parts[0] == SUBMISSIONS and parts[2].endswith((".yaml", ".yml"))


@dataclass(frozen=True, slots=True)
class Selection:
    """What `check` reads for a change: the whole tree, or these files (maybe none)."""

    whole_tree: bool
    paths: tuple[str, ...] = ()


def files_to_check(changes: list[ChangedFile], root: Path) -> Selection:
    """Changed submission files, and the remaining files of every society whose evidence
    changed. A change to the rules, or a removed or moved submission file (another society's
    consortium may lose its lead), makes every file a candidate: the whole tree is checked."""
    chosen: dict[str, None] = {}
    for change in changes:
        if any(p.startswith(WHOLE_TREE_PREFIXES) for p in change.paths):
            return Selection(whole_tree=True)
        if change.status in ("removed", "renamed") and any(_is_report_file(p) for p in change.paths):
            return Selection(whole_tree=True)
        if change.status == "removed" or society_of(change.filename) is None:
            continue
        if _is_report_file(change.filename):
            chosen[change.filename] = None
            continue
        folder = root / SUBMISSIONS / str(society_of(change.filename))
        if folder.is_dir() and not folder.is_symlink():
            for report in sorted(folder.iterdir()):
                if report.suffix in (".yaml", ".yml") and report.is_file():
                    chosen[f"{SUBMISSIONS}/{folder.name}/{report.name}"] = None
    return Selection(whole_tree=False, paths=tuple(chosen))
