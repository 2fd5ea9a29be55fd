"""The pull request's earlier commits as the comment workflow records them from GitHub's API, read
as data: the versions of its review and objections files that `stale_reviews` compares with the
head's (W-REVIEW-RECORDS-DROPPED), as `check-changed --base` compares them from git.

The workflow lists the commits (`commits.jsonl`), then, at each of the newest commits (and the
one before them), the review year folders the pull request changes (`earlier/<commit>-<year>.json`:
the folder's tree from the Git Trees API, each entry's name, mode, type, blob and size, no content;
the contents API would list 1,000 entries of a folder at most), then the blobs of the versions
found. The commits compared are the head's first parents among those listed (the API's order is
not relied on; a merged branch's own commits are not compared), and a version is one at which the
file differs from its first parent, as `git log --first-parent -- <path>` lists them. The commits
and bytes read are capped; what was not read (a truncated tree, a pull request of more commits
than the API lists) is said in the comment.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, ValidationError

from validators.association.reviews import REVIEWS, record_year_folder
from validators.github.pr_api import REGULAR_MODES, ApiModel, PullRequest, Sha, TreeEntryIn
from validators.github.review_base import SHORT_SHA, EarlierReader
from validators.yaml import strict_json
from validators.yaml.loading import read_limited
from validators.yaml.policy import policy

COMMITS_FILE = "commits.jsonl"  # GET /repos/{repo}/pulls/{n}/commits: {sha, parents}, oldest first
# GET /repos/{repo}/git/trees/{sha} of reviews/{year} at a commit, one file each (a folder the
# commit lacks: an empty tree).
LISTINGS_DIR = "earlier"
API_COMMITS = 250  # the most commits GitHub lists for a pull request; with more, none are compared
MAX_COMMITS = 50  # the newest of the listed commits read
MAX_BYTES = 4 * 1024 * 1024  # the earlier versions' blobs read, newest first
_MAX_LIST_BYTES = 4 * 1024 * 1024


class CommitIn(ApiModel):
    sha: Sha
    parents: Annotated[list[Sha], Field(max_length=64)]


class ListingIn(ApiModel):
    """A folder's tree, not recursive: `truncated` when GitHub left entries out."""

    tree: Annotated[list[TreeEntryIn], Field(max_length=1_000_000)]
    truncated: bool


# A file's state at a commit: its blob and size when a regular file, None when absent or not one.
_State = tuple[str, int] | None
_UNKNOWN = ("", -1)  # a listing that was not read: differs from every state


@dataclass(frozen=True, slots=True)
class Earlier:
    """What was read of the pull request's earlier commits."""

    commits: list[str]  # read of the head's first parents, oldest first; the head's last
    start: str | None  # the first parent of the oldest read (its state is not a version)
    total: int  # the pull request's commits
    cut: bool  # the head's first parents in the pull request were more than MAX_COMMITS


@dataclass(frozen=True, slots=True)
class Unlisted:
    """The pull request has more commits than GitHub lists: none of them is compared."""

    total: int


def review_paths(pr: PullRequest) -> list[str]:
    """The review and objections files the pull request adds or changes."""
    return sorted({c.filename for c in pr.files if c.status != "removed" and record_year_folder(c.filename)})


def _years(pr: PullRequest) -> list[str]:
    return sorted({year for p in review_paths(pr) if (year := record_year_folder(p))})


def read_commits(pr: PullRequest) -> Earlier | Unlisted | None:
    """The head's first parents among the commits recorded for `pr`, the newest MAX_COMMITS of
    them read; Unlisted when the pull request has more than the API lists (the list then stops
    before the head); None when there is no usable list (missing, malformed, or without the head:
    a push meanwhile)."""
    path = pr.folder / COMMITS_FILE
    if path.is_symlink() or not path.is_file():
        return None
    data = read_limited(path, _MAX_LIST_BYTES)
    try:
        lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
        commits = [CommitIn.model_validate(strict_json.loads(line)) for line in lines]
    except (UnicodeDecodeError, strict_json.StrictJsonError, ValidationError):
        return None
    if len(data) > _MAX_LIST_BYTES or not commits:
        return None
    listed = {c.sha: c for c in commits}
    if pr.head_sha not in listed:
        whole = len(commits) >= API_COMMITS and (pr.commits or 0) > len(commits)
        return Unlisted(pr.commits or 0) if whole else None
    chain = [listed[pr.head_sha]]  # newest first, ending where the first parent is the base's
    while chain[-1].parents and (parent := listed.get(chain[-1].parents[0])) and len(chain) <= len(listed):
        chain.append(parent)
    if len(chain) > len(listed):  # a loop in what the API said: not a history
        return None
    read = chain[:MAX_COMMITS]
    start = read[-1].parents[0] if read[-1].parents else None
    return Earlier([c.sha for c in reversed(read)], start, max(pr.commits or 0, len(commits)),
                   len(chain) > MAX_COMMITS)


def folders_to_list(pr: PullRequest, earlier: Earlier) -> list[tuple[str, str]]:
    """(commit, year) of each folder listing the workflow reads: the head's is its tree."""
    commits = ([earlier.start] if earlier.start else []) + earlier.commits[:-1]
    return [(commit, year) for commit in commits for year in _years(pr)]


def _state(entry: TreeEntryIn) -> _State:
    return (entry.sha, entry.size or 0) if entry.type == "blob" and entry.mode in REGULAR_MODES else None


def _listing(pr: PullRequest, commit: str, year: str) -> dict[str, _State] | None:
    """The year folder's files at `commit` by name (None: not read, or truncated)."""
    if commit == pr.head_sha:
        prefix = f"{REVIEWS}/{year}/"
        return {path[len(prefix):]: _state(e)
                for path, e in pr.tree.items() if path.startswith(prefix) and "/" not in path[len(prefix):]}
    path = pr.folder / LISTINGS_DIR / f"{commit}-{year}.json"
    if path.is_symlink() or not path.is_file():
        return None
    data = read_limited(path, _MAX_LIST_BYTES)
    try:
        strict_json.loads(data)
        if len(data) > _MAX_LIST_BYTES:
            return None
        listing = ListingIn.model_validate_json(data)
    except (strict_json.StrictJsonError, ValidationError):
        return None
    return None if listing.truncated else {e.path: _state(e) for e in listing.tree}


def _versions(pr: PullRequest, earlier: Earlier, path: str,
              listings: dict[tuple[str, str], dict[str, _State] | None]) -> tuple[list[tuple[str, _State]], bool]:
    """The commits at which `path` differs from their first parent, newest first, with its state
    there; and whether a listing was missing on the way (`listings`: those read so far)."""
    year = record_year_folder(path) or ""
    name = path.rsplit("/", 1)[1]

    def state(commit: str) -> _State:
        if (commit, year) not in listings:
            listings[commit, year] = _listing(pr, commit, year)
        listing = listings[commit, year]
        return _UNKNOWN if listing is None else listing.get(name)

    before = state(earlier.start) if earlier.start else _UNKNOWN
    missing = before == _UNKNOWN and earlier.start is not None
    versions: list[tuple[str, _State]] = []
    for commit in earlier.commits:
        now = state(commit)
        missing = missing or now == _UNKNOWN
        if now not in (before, _UNKNOWN):
            versions.append((commit, now))
        before = now
    return versions[::-1], missing


@dataclass(frozen=True, slots=True)
class _Read:
    versions: dict[str, list[tuple[str, _State]]]  # by path, newest first
    missing: bool  # a listing was not read
    wanted: list[str]  # the earlier blobs within the limits, newest first
    capped: bool  # a blob was left out for the limits


def _read(pr: PullRequest, earlier: Earlier) -> _Read:
    limit = policy().yaml.max_file_bytes
    head = {c.sha for c in pr.files if c.sha}
    listings: dict[tuple[str, str], dict[str, _State] | None] = {}
    versions: dict[str, list[tuple[str, _State]]] = {}
    missing = capped = False
    chosen: dict[str, int] = {}
    for path in review_paths(pr):
        versions[path], gap = _versions(pr, earlier, path, listings)
        missing = missing or gap
        for _, state in versions[path]:
            if state is None or state[0] in head or state[0] in chosen:
                continue
            sha, size = state
            if size > limit or sum(chosen.values()) + size > MAX_BYTES:
                capped = True
                continue
            chosen[sha] = size
    return _Read(versions, missing, list(chosen), capped)


def blobs_to_fetch(pr: PullRequest, earlier: Earlier) -> list[str]:
    """The blobs of the earlier versions the workflow reads, within the size limits."""
    return _read(pr, earlier).wanted


def _blob(pr: PullRequest, sha: str) -> bytes | None:
    """A fetched blob, when it is the one named (its git id checked)."""
    where = pr.blob(sha)
    if where.is_symlink() or not where.is_file():
        return None
    data = read_limited(where, policy().yaml.max_file_bytes)
    git_id = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()  # git names blobs so
    return data if git_id == sha else None


def earlier_versions(pr: PullRequest, earlier: Earlier | Unlisted | None) -> tuple[EarlierReader | None, str]:
    """The reader `stale_reviews` compares with, and a sentence for the comment when part of the
    pull request's commits was not read (empty when all were, or no review file is changed)."""
    if not review_paths(pr):
        return None, ""
    if earlier is None:
        return None, "没有读到本拉取请求的提交清单，核查记录文件没有与较早的提交比较。"
    if isinstance(earlier, Unlisted):
        return None, (f"本拉取请求有 {earlier.total} 个提交，GitHub 最多列出一个拉取请求的 {API_COMMITS} 个提交，"
                      "核查记录文件没有与较早的提交比较。")
    found = _read(pr, earlier)
    blobs = {sha: _blob(pr, sha) for states in found.versions.values()
             for _, state in states if state is not None for sha in (state[0],)}
    unread: list[str] = []
    if earlier.cut:
        unread.append(f"只读了最近的 {len(earlier.commits)} 个提交（共 {earlier.total} 个）")
    if found.missing:
        unread.append("有的提交中的文件清单没有读到")
    if found.capped:
        unread.append(f"较早版本的内容只读了共 {MAX_BYTES // (1024 * 1024)} MB、每份不超过大小上限的")
    elif any(blobs[sha] is None for sha in found.wanted):
        unread.append("有的较早版本的内容没有读到")

    def read(path: str) -> list[tuple[str, bytes | None]]:
        return [(commit[:SHORT_SHA], None if state is None else blobs[state[0]])
                for commit, state in found.versions.get(path, [])]
    note = ("核查记录文件与本拉取请求较早提交的比较不完整：" + "；".join(unread)
            + "。没有读到的提交中给出、后来被覆盖的记录不会列出。") if unread else ""
    return read, note
