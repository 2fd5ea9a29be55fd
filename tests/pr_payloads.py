"""A pull request as the comment workflow records it from GitHub's API (pull.json, files.jsonl,
tree.json, blobs/), and the validation run's artifact, written as data for the verdict tests."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.trees import ROOT
from validators.github.changed_files import git_changes
from validators.github.pr_api import NotChecked, read_pull_request
from validators.github.pr_commits import (
    COMMITS_FILE,
    LISTINGS_DIR,
    Earlier,
    blobs_to_fetch,
    folders_to_list,
    read_commits,
)

HEAD = "c0ffee" + "0" * 34
OTHER = "badbad" + "0" * 34
REGULAR, SYMLINK, GITLINK = "100644", "120000", "160000"


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def base_tree(tmp: Path) -> Path:
    """The sample submissions as the base branch holds them."""
    base = tmp / "base"
    shutil.copytree(ROOT / "submissions", base / "submissions")
    return base


@dataclass
class PullRequestRecord:
    """What the workflow fetched: edit the fields, then `write` the payloads."""

    base: Path
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path: (mode, content)
    changes: list[dict[str, object]] = field(default_factory=list)
    head_sha: str = HEAD
    changed_files: int | None = None
    truncated: bool = False

    def change(self, path: str, content: bytes | str, mode: str = REGULAR,
               status: str = "modified", previous: str | None = None) -> PullRequestRecord:
        data = content.encode() if isinstance(content, str) else content
        self.files[path] = (mode, data)
        entry: dict[str, object] = {"filename": path, "status": status, "sha": blob_sha(data),
                                    "additions": 1, "deletions": 0}
        if previous:
            entry["previous_filename"] = previous
        self.changes.append(entry)
        return self

    def remove(self, path: str) -> PullRequestRecord:
        self.changes.append({"filename": path, "status": "removed", "sha": None})
        return self

    def write(self, folder: Path, blobs: bool = True) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        tree: dict[str, tuple[str, bytes]] = {}
        for path in sorted((self.base / "submissions").rglob("*")):
            if path.is_file():
                tree[path.relative_to(self.base).as_posix()] = (REGULAR, path.read_bytes())
        for change in self.changes:
            if change["status"] == "removed" or change["status"] == "renamed":
                tree.pop(str(change.get("previous_filename") or change["filename"]), None)
        tree.update(self.files)
        (folder / "tree.json").write_text(json.dumps({
            "sha": "7" * 40, "truncated": self.truncated,
            "tree": [{"path": p, "mode": m, "type": "commit" if m == GITLINK else "blob",
                      "sha": blob_sha(d), "size": len(d)} for p, (m, d) in tree.items()]}))
        (folder / "files.jsonl").write_text(
            "".join(json.dumps(c) + "\n" for c in self.changes))
        (folder / COMMITS_FILE).write_text(json.dumps({"sha": self.head_sha, "parents": []}) + "\n")
        count = len(self.changes) if self.changed_files is None else self.changed_files
        (folder / "pull.json").write_text(json.dumps({
            "number": 7, "state": "open", "head": {"sha": self.head_sha, "ref": "patch-1"},
            "base": {"ref": "main"}, "user": {"login": "cd-computer-admin"}, "changed_files": count}))
        if blobs:
            (folder / "blobs").mkdir(exist_ok=True)
            for _, data in self.files.values():
                (folder / "blobs" / blob_sha(data)).write_bytes(data)
        return folder


def artifact(folder: Path, result: bytes | str | None = '{"files": 0, "findings": []}',
             head: str | None = HEAD) -> Path:
    """The validation run's upload: result.json and head-sha (None leaves a file out)."""
    folder.mkdir(parents=True, exist_ok=True)
    if result is not None:
        (folder / "result.json").write_bytes(result.encode() if isinstance(result, str) else result)
    if head is not None:
        (folder / "head-sha").write_text(head + "\n")
    return folder


def record_from_git(repo: Path, base: str, head: str, folder: Path, number: int = 7) -> Path:
    """The records the comment workflow fetches from GitHub's API, made from a real branch: the
    changed files (`pulls/N/files`), the head commit's recursive tree and the changed blobs."""
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout

    head_sha = git("rev-parse", head).decode().strip()
    tree = []
    for record in filter(None, git("ls-tree", "-r", "-l", "-z", "--full-tree", head_sha).split(b"\0")):
        meta, _, path = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        entry: dict[str, object] = {"path": path.decode("utf-8", "surrogateescape"), "mode": mode,
                                    "type": kind, "sha": sha}
        if kind == "blob":
            entry["size"] = int(size)
        tree.append(entry)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "blobs").mkdir(exist_ok=True)
    by_path = {str(e["path"]): e for e in tree}
    lines = []
    for change in git_changes(repo, base, head_sha):
        entry = by_path.get(change.filename)
        sha = str(entry["sha"]) if entry and change.status != "removed" else None
        lines.append(json.dumps({"filename": change.filename, "status": change.status,
                                 "previous_filename": change.previous_filename, "sha": sha},
                                ensure_ascii=False))
        if sha:
            (folder / "blobs" / sha).write_bytes(git("cat-file", "blob", sha))
    (folder / "files.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (folder / "tree.json").write_text(json.dumps({"sha": git("rev-parse", f"{head_sha}^{{tree}}")
                                                  .decode().strip(), "truncated": False, "tree": tree},
                                                 ensure_ascii=False), encoding="utf-8")
    commits = [line.split() for line in git("rev-list", "--reverse", "--parents", f"{base}..{head_sha}").decode().splitlines()]
    (folder / COMMITS_FILE).write_text("".join(json.dumps({"sha": c[0], "parents": c[1:]}) + "\n" for c in commits))
    (folder / "pull.json").write_text(json.dumps({
        "number": number, "state": "open", "head": {"sha": head_sha, "ref": head},
        "base": {"ref": base}, "changed_files": len(lines), "commits": len(commits)}), encoding="utf-8")
    _earlier_from_git(git, folder, head_sha)
    return folder


def tree_entries(ls_tree: bytes) -> list[dict[str, object]]:
    """`git ls-tree -l -z` of one folder as the Git Trees API lists it (names, not paths)."""
    entries: list[dict[str, object]] = []
    for record in filter(None, ls_tree.split(b"\0")):
        meta, _, path = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        entry: dict[str, object] = {"path": path.decode().rsplit("/", 1)[-1], "mode": mode, "type": kind, "sha": sha}
        if kind == "blob":
            entry["size"] = int(size)
        entries.append(entry)
    return entries


def _earlier_from_git(git: Callable[..., bytes], folder: Path, head_sha: str) -> None:
    """What the comment workflow reads of the earlier commits, asked for as it asks (`pr-verdict
    --list-earlier`): each folder's tree by the Git Trees API (a folder the commit lacks: an
    empty tree), then the blobs."""
    try:
        pr = read_pull_request(folder, head_sha)
    except NotChecked:
        return
    earlier = read_commits(pr)
    if not isinstance(earlier, Earlier):
        return
    (folder / LISTINGS_DIR).mkdir(exist_ok=True)
    for commit, year in folders_to_list(pr, earlier):
        (folder / LISTINGS_DIR / f"{commit}-{year}.json").write_text(
            json.dumps({"tree": tree_entries(git("ls-tree", "-l", "-z", commit, f"reviews/{year}/")),
                        "truncated": False}), encoding="utf-8")
    for sha in blobs_to_fetch(pr, earlier):
        (folder / "blobs" / sha).write_bytes(git("cat-file", "blob", sha))
