"""The comment's verdict, decided by the base branch's code from the pull request read as data.

The validation run (which ran the pull request's own code) only hands over an artifact; the
verdict is this module's own check of the pull request's files laid over the base branch. The
artifact can make a verdict worse, never better, and a missing or unreadable one means "not
checked": a comment that says so and the label, never silence and never a pass.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from validators.association.reviews import REVIEWS
from validators.check import check_tree, review_of
from validators.evaluation.reports import as_json
from validators.evaluation.results import as_published
from validators.findings import CheckResult
from validators.github.changed_files import files_to_check, path_findings, reported
from validators.github.pr_api import NotChecked, PullRequest, read_pull_request
from validators.github.pr_comment import (
    MARKER,
    ArtifactError,
    CheckIn,
    EvaluationsIn,
    Links,
    build_comment,
    later_years,
    needs_changes,
    read_artifact,
)
from validators.github.pr_commits import earlier_versions, read_commits
from validators.github.pr_overlay import build_overlay, outside_submissions
from validators.github.review_base import files_of, stale_reviews
from validators.markdown_text import code_span
from validators.repository import SUBMISSIONS, Repository

RESULT_FILE = "result.json"
HEAD_SHA_FILE = "head-sha"
MAX_PATHS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Verdict:
    comment: str
    needs_changes: bool


def _run(links: Links) -> str:
    return f"[检查运行]({links.run_url})" if links.run_url else "检查运行"


def not_checked_comment(reason: str, links: Links) -> str:
    """Fixed text: the reason is one of this program's sentences, never a value from the PR."""
    return (f"{MARKER}\n## ⚠️ 未能完成检查：暂按“需修改”处理\n\n"
            f"机器人没能用主分支的程序检查本次提交（提交 {code_span(links.sha[:7])}）：{reason}。"
            f"没有检查过的提交不会显示通过。\n\n请推送一次新的提交（或请管理员重新运行{_run(links)}）；"
            "如果这条提示一直出现，请联系市科协管理员。\n")


def outside_comment(paths: list[str], links: Links) -> str:
    shown = "\n".join(f"- {code_span(p)}" for p in paths[:MAX_PATHS_SHOWN])
    more = f"\n- ……另有 {len(paths) - MAX_PATHS_SHOWN} 个" if len(paths) > MAX_PATHS_SHOWN else ""
    return (f"{MARKER}\n## ❌ 拉取请求改动了学会文件夹以外的文件\n\n"
            f"学会的提交只能改动 `{SUBMISSIONS}/<学会id>/` 下的文件（市科协的核查和异议记录在 "
            f"`{REVIEWS}/<年度>/`），本拉取请求（提交 "
            f"{code_span(links.sha[:7])}）还改动了：\n\n{shown}{more}\n\n"
            "机器人不检查、也不评价这样的拉取请求。学会提交的，请把这些改动撤出；程序、年度文件、工作流和网站的改动"
            "由市科协管理员提交，由管理员审核合并（它们由“文件夹权限”检查核对提交人，这条评论和“需修改”标签可以不管）。\n")


def _artifact_errors(artifact_dir: Path | None, links: Links) -> bool:
    """Whether the validation run reported errors; ArtifactError when it handed over nothing usable."""
    if artifact_dir is None or not artifact_dir.is_dir() or artifact_dir.is_symlink():
        raise ArtifactError("校验运行没有留下结果文件（可能运行失败）")
    head = artifact_dir / HEAD_SHA_FILE
    if head.is_symlink() or not head.is_file() or head.stat().st_size > 100:
        raise ArtifactError("结果文件没有注明头提交")
    if head.read_bytes().strip() != links.sha.encode("ascii"):
        raise ArtifactError("结果文件属于另一个提交")
    return needs_changes(read_artifact(artifact_dir / RESULT_FILE, CheckIn, "检查结果"))


def _evaluations(root: Path, repo: Repository | None = None) -> EvaluationsIn:
    """The evaluations `evaluate` gives for the tree at `root` (reviews and frozen results
    included), without advice for a frozen year: its score can no longer move."""
    if repo is None:
        _, repo = check_tree(root)
    evaluations, frozen, _ = as_published(repo)
    shown = EvaluationsIn.model_validate_json(as_json(evaluations, repo))
    return EvaluationsIn(evaluations=[e.model_copy(update={"advice": []}) if e.year in frozen else e
                                      for e in shown.evaluations])


def _check(pr: PullRequest, base_root: Path, scratch: Path) -> tuple[CheckIn, EvaluationsIn, str]:
    """The check of the merged tree, its evaluations, and a sentence for the comment when the
    pull request's earlier commits were not all read."""
    overlay = build_overlay(base_root, pr, scratch)
    selection = files_to_check(list(overlay.applied), overlay.root)
    full, repo = check_tree(overlay.root)  # the whole tree, for the scores before and after
    if selection.whole_tree:
        findings = reported(full.findings, list(overlay.applied), whole_tree=True)
    else:
        # What `check-changed` reports of the same files: theirs, and their reports' review files
        # (a verdict the change made stale), read off the whole check rather than checked again.
        told = set(selection.paths) | {review.relative_to(overlay.root).as_posix() for p in selection.paths
                                       if (review := review_of(overlay.root / p, overlay.root))}
        findings = [f for f in full.findings if f.file in told]
    # The heading counts the pull request's own files: every one was read (a YAML file) or
    # weighed against the reports that cite it (evidence, removed ones too).
    result = CheckResult(files=len(pr.files), findings=findings)
    result.findings += overlay.findings
    # A review file must start from main's: someone else's record merged meanwhile is not wiped;
    # nor one an earlier commit of the pull request gave it (its versions read through the API).
    safe = [c for c in overlay.applied if not path_findings(c)]
    earlier, unread = earlier_versions(pr, read_commits(pr))
    result.findings += stale_reviews(safe, files_of(overlay.root), files_of(base_root), repo.records, base_root,
                                     earlier)
    return CheckIn.model_validate(result.to_dict()), _evaluations(overlay.root, repo), unread


def decide(base_root: Path, pr_dir: Path, artifact_dir: Path | None, links: Links) -> Verdict:
    """The comment and whether the pull request needs changes; never a pass by default."""
    try:
        artifact_has_errors = _artifact_errors(artifact_dir, links)
    except ArtifactError as exc:
        return Verdict(not_checked_comment(str(exc), links), True)
    try:
        pr = read_pull_request(pr_dir, links.sha)
        outside = outside_submissions(pr.files)
        if outside:
            return Verdict(outside_comment(outside, links), True)
        with tempfile.TemporaryDirectory(prefix="pr-verdict-") as scratch:
            check, head, unread = _check(pr, base_root, Path(scratch))
    except NotChecked as exc:
        return Verdict(not_checked_comment(str(exc), links), True)
    if artifact_has_errors and not needs_changes(check):
        return Verdict(not_checked_comment(
            "校验运行报告了错误，但主分支的程序复查没有发现，两者不一致", links), True)
    later = later_years((e.year for e in head.evaluations), base_root) if head else set()
    comment = build_comment(check, links, head, _evaluations(base_root), list(pr.files), later, unread)
    return Verdict(comment, needs_changes(check))
