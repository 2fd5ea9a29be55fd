"""The pull request as GitHub's API describes it, recorded by the comment workflow as files and
read here as data: the pull request, its changed files, the head commit's tree, and the blobs.

Every part is checked against the others before use, so that a list of files from another head
commit, a truncated tree or a missing blob means "not checked", never a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from validators.github.changed_files import MAX_CHANGED_FILES, ChangedFile
from validators.yaml import strict_json
from validators.yaml.loading import read_limited

PULL_FILE = "pull.json"  # GET /repos/{repo}/pulls/{n}
FILES_FILE = "files.jsonl"  # GET /repos/{repo}/pulls/{n}/files, one entry a line
TREE_FILE = "tree.json"  # GET /repos/{repo}/git/trees/{head}?recursive=1
BLOBS_DIR = "blobs"  # GET /repos/{repo}/git/blobs/{sha} (raw), one file per sha
MAX_PAYLOAD_BYTES = 64 * 1024 * 1024
REGULAR_MODES = ("100644", "100755")

Sha = Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")]


class NotChecked(Exception):
    """The pull request could not be read whole; the message is fixed Chinese text."""


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class _Head(ApiModel):
    sha: Sha


class PullIn(ApiModel):
    number: Annotated[int, Field(ge=1)]
    head: _Head
    changed_files: Annotated[int, Field(ge=0)]
    commits: Annotated[int, Field(ge=0)] | None = None


class FileIn(ChangedFile):
    sha: Sha | None = None


class TreeEntryIn(ApiModel):
    path: Annotated[str, Field(min_length=1, max_length=4096)]
    mode: Annotated[str, Field(pattern=r"^[0-7]{6}$")]
    type: str
    sha: Sha
    size: Annotated[int, Field(ge=0)] | None = None


class TreeIn(ApiModel):
    sha: Sha
    tree: Annotated[list[TreeEntryIn], Field(max_length=2_000_000)]
    truncated: bool


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    head_sha: str
    files: list[FileIn]  # each with its mode in the head commit
    tree: dict[str, TreeEntryIn]
    folder: Path
    commits: int | None = None  # how many the pull request has (pull.json)

    def blob(self, sha: str) -> Path:
        return self.folder / BLOBS_DIR / sha


def _read(path: Path, what: str) -> bytes:
    if path.is_symlink() or not path.is_file():
        raise NotChecked(f"缺少{what}")
    data = read_limited(path, MAX_PAYLOAD_BYTES)
    if len(data) > MAX_PAYLOAD_BYTES:
        raise NotChecked(f"{what}过大")
    return data


def _model(data: bytes, model: type[ApiModel], what: str) -> ApiModel:
    try:
        strict_json.loads(data)
        return model.model_validate_json(data)
    except (strict_json.StrictJsonError, ValidationError):
        raise NotChecked(f"{what}的格式不符合预期") from None


def _files(data: bytes) -> list[FileIn]:
    try:
        lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
        if len(lines) > MAX_CHANGED_FILES:
            raise NotChecked(f"改动的文件超过 {MAX_CHANGED_FILES} 个")
        return [FileIn.model_validate(strict_json.loads(line)) for line in lines]
    except (UnicodeDecodeError, strict_json.StrictJsonError, ValidationError):
        raise NotChecked("改动文件清单的格式不符合预期") from None


def read_pull_request(folder: Path, head_sha: str) -> PullRequest:
    """The recorded pull request at `head_sha`, every part consistent with the others."""
    pull = _model(_read(folder / PULL_FILE, "拉取请求的信息"), PullIn, "拉取请求的信息")
    assert isinstance(pull, PullIn)
    if pull.head.sha != head_sha:
        raise NotChecked("拉取请求的头提交已经变化（有新的推送）")
    files = _files(_read(folder / FILES_FILE, "改动文件清单"))
    if len(files) != pull.changed_files:
        raise NotChecked(f"拉取请求改动了 {pull.changed_files} 个文件，只读到 {len(files)} 个")
    tree = _model(_read(folder / TREE_FILE, "头提交的文件树"), TreeIn, "头提交的文件树")
    assert isinstance(tree, TreeIn)
    if tree.truncated or tree.sha == "":
        raise NotChecked("头提交的文件树太大，GitHub 只返回了一部分")
    entries = {e.path: e for e in tree.tree}
    with_modes: list[FileIn] = []
    for change in files:
        if change.status == "removed":
            with_modes.append(change)
            continue
        entry = entries.get(change.filename)
        if entry is None or (change.sha is not None and entry.sha != change.sha):
            raise NotChecked("改动文件清单与头提交的文件树不一致（可能在读取时有新的推送）")
        with_modes.append(change.model_copy(update={"mode": entry.mode, "sha": entry.sha}))
    return PullRequest(pull.number, head_sha, with_modes, entries, folder, pull.commits)


def blobs_to_fetch(pr: PullRequest, wanted: frozenset[str]) -> list[str]:
    """The blob of each changed regular file whose content is read (`wanted` paths)."""
    found = {c.sha for c in pr.files if c.status != "removed" and c.sha
             and c.mode in REGULAR_MODES and c.filename in wanted}
    return sorted(found)
