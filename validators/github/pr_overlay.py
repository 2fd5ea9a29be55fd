"""The base branch's submissions with a pull request's files laid over them, in a scratch folder:
what the base branch would hold after the merge, built from data and never from a checkout of
the pull request.

Only the files `check` parses (YAML) are written with their content; every other changed file
(evidence) becomes a sparse file of its recorded size, since the rules only ask whether it
exists and how large it is. Paths that are not plain, links and submodules are never written:
they become findings.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from validators.association.results_files import RESULTS
from validators.association.reviews import REVIEWS, record_year_folder
from validators.findings import Finding
from validators.github.changed_files import path_findings
from validators.github.pr_api import REGULAR_MODES, FileIn, NotChecked, PullRequest
from validators.repository import SUBMISSIONS
from validators.submission_paths import PathKind, classify
from validators.yaml.policy import policy

# What the overlay copies from the base branch: the submissions the pull request changes, and the
# association's files that `evaluate` reads with them (a pull request never changes these two).
SCORED_FOLDERS = (SUBMISSIONS, REVIEWS, RESULTS)


@dataclass(slots=True)
class Overlay:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    # The changes that were laid over the base, as `files_to_check` reads them.
    applied: list[FileIn] = field(default_factory=list)


def is_review_record(path: str) -> bool:
    """A review or objection file (`reviews/<year>/<name>.yaml`): what the verification
    workbench writes, checked like a submission (its reviewers may change it, see ownership)."""
    return record_year_folder(path) is not None


def outside_submissions(files: list[FileIn]) -> list[str]:
    """Every path the pull request touches outside `submissions/<id>/` and the review and
    objection files, in order."""
    out: dict[str, None] = {}
    for change in files:
        for path in change.paths:
            if classify(path).kind is PathKind.OTHER and not is_review_record(path):
                out[path] = None
    return list(out)


def is_read(change: FileIn) -> bool:
    """Whether `check` reads this file (a report, a profile, a misnamed file, a review or
    objection file): its content is written; every other file only needs its size."""
    return classify(change.filename).is_yaml or is_review_record(change.filename)


def _copy_base(base_root: Path, target: Path) -> None:
    """The base branch's submissions, and the association's files that scores read (reviews,
    frozen results): the "after" side must be scored as `evaluate` scores main."""
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)  # evidence can be large: a hard link costs nothing
        except OSError:
            shutil.copy2(src, dst)

    for folder in SCORED_FOLDERS:
        source = base_root / folder
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, target / folder, symlinks=True, copy_function=link_or_copy)
    (target / SUBMISSIONS).mkdir(parents=True, exist_ok=True)


def _remove(root: Path, path: str) -> None:
    where = root / path
    if where.is_symlink() or where.is_file():
        where.unlink()


def _write(pr: PullRequest, root: Path, change: FileIn) -> None:
    where = root / change.filename
    for parent in reversed(where.relative_to(root).parents):
        folder = root / parent
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise NotChecked("拉取请求的文件与主分支上的文件或文件夹冲突")
    where.parent.mkdir(parents=True, exist_ok=True)
    if where.is_symlink() or where.is_dir():
        raise NotChecked("拉取请求的文件与主分支上的文件或文件夹冲突")
    entry = pr.tree[change.filename]
    # The base's files are hard links into the base checkout: writing through one would change
    # main's own file (and every "before" figure read from it). Unlinking breaks the link first.
    where.unlink(missing_ok=True)
    limit = policy().yaml.max_file_bytes
    if is_read(change) and (entry.size or 0) <= limit:
        blob = pr.blob(entry.sha)
        if blob.is_symlink() or not blob.is_file():
            raise NotChecked("缺少拉取请求中的文件内容")
        with blob.open("rb") as source, where.open("xb") as target:
            shutil.copyfileobj(source, target)
    else:
        with where.open("xb") as handle:  # sparse: the recorded size, no content
            handle.truncate(entry.size or 0)


def build_overlay(base_root: Path, pr: PullRequest, target: Path) -> Overlay:
    """`target` holds the merged `submissions/` and `reviews/`; other changes must be refused before."""
    _copy_base(base_root, target)
    overlay = Overlay(target)
    writes: list[FileIn] = []
    for change in pr.files:
        refused = path_findings(change)
        if refused:
            overlay.findings += refused
            continue
        if change.status == "removed":
            _remove(target, change.filename)
        elif change.status == "renamed" and change.previous_filename:
            _remove(target, change.previous_filename)
        if change.status != "removed":
            if change.mode not in REGULAR_MODES:
                raise NotChecked("头提交中有无法识别的文件类型")
            writes.append(change)
        overlay.applied.append(change)
    for change in writes:
        _write(pr, target, change)
    return overlay
