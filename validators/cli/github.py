"""Pull-request commands the workflows call: `changed`, `check-changed`, `ownership`, `pr-comment`.

The workflows only wire these together; every decision is made here, where tests reach it.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from validators.cli.arguments import REPORT_FORMATS
from validators.console import err, out, read_failure
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from validators.findings import CheckResult

if TYPE_CHECKING:
    from validators.github.changed_files import ChangedFile
    from validators.github.pr_comment import Links
    from validators.yaml.loading import Loaded

# GitHub refuses a job summary over 1 MiB; keep room for other steps.
MAX_SUMMARY_BYTES = 900_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    changed = sub.add_parser("changed", help="列出相对于基准分支改动的文件（JSON）")
    changed.add_argument("--base", required=True, help="基准，如 origin/main")
    changed.add_argument("--head", default="HEAD", help="默认 HEAD")
    changed.set_defaults(run=run_changed)

    cc = sub.add_parser("check-changed", help="只检查改动涉及的提交文件（含跨文件规则）")
    cc.add_argument("changed", type=Path, help="changed 命令或 GitHub API 给出的改动文件清单")
    cc.add_argument("--format", choices=REPORT_FORMATS, default="text")
    cc.add_argument("--json-out", type=Path, help="同时把 JSON 结果写入此文件")
    cc.add_argument("--base", help="基准分支（如 origin/main）：改动的核查记录和异议记录须依据它上面的文件（E-REVIEW-STALE）")
    _add_summary_options(cc)
    cc.set_defaults(run=run_check_changed)

    own = sub.add_parser("ownership", help="核对拉取请求的作者是否有权改动这些文件夹")
    own.add_argument("--author", help="拉取请求作者的 GitHub 用户名（核对时必填）")
    source = own.add_mutually_exclusive_group(required=True)
    source.add_argument("--changed", type=Path, help="GitHub API 给出的改动文件清单（JSON 或 JSON lines）")
    source.add_argument("--base", help="改用 git：相对于这个基准的改动，如 origin/main")
    own.add_argument("--symlinks", type=Path, help="头提交中是符号链接的路径，每行一个")
    own.add_argument("--modes", type=Path,
                     help="头提交中符号链接和子模块的 {path, mode}，每行一个（GitHub 树接口的输出）")
    own.add_argument("--head-root", type=Path, help="新学会的 society.yaml 所在目录（按仓库路径存放）")
    own.add_argument("--expected-count", type=int, help="拉取请求改动的文件数，用来确认清单完整")
    own.add_argument("--list-new-profiles", action="store_true",
                     help="只列出需要从头提交读取的新学会 society.yaml 路径")
    own.add_argument("--format", choices=REPORT_FORMATS, default="text")
    own.add_argument("--summary-out", type=Path, help="追加 Markdown 摘要（如 $GITHUB_STEP_SUMMARY）")
    own.set_defaults(run=run_ownership)

    pc = sub.add_parser("pr-comment", help="由检查结果生成拉取请求评论（Markdown）")
    pc.add_argument("result", type=Path, help="check --format json 的输出")
    pc.add_argument("--evaluation-head", type=Path, help="拉取请求合并后的 evaluate --format json")
    pc.add_argument("--evaluation-base", type=Path, help="主分支的 evaluate --format json")
    pc.add_argument("--changed", type=Path, help="改动文件清单（用来确定涉及的学会）")
    add_comment_options(pc)
    pc.set_defaults(run=run_pr_comment)


def add_comment_options(parser: argparse.ArgumentParser) -> None:
    """What every command that writes the pull request's comment needs: where its links lead."""
    parser.add_argument("--repo", required=True, help="owner/name")
    parser.add_argument("--sha", required=True, help="拉取请求头提交的完整 SHA")
    parser.add_argument("--site-url", help="网站地址；默认 https://<owner>.github.io/<name>/")
    parser.add_argument("--run-id", type=int, help="检查运行的 id，用于链接")
    parser.add_argument("--output", type=Path, help="评论写入此文件；默认输出到标准输出")


def _add_summary_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--summary-out", type=Path, help="追加 Markdown 摘要（如 $GITHUB_STEP_SUMMARY）")
    cmd.add_argument("--repo", help="owner/name：摘要中链接到文件行")
    cmd.add_argument("--sha", help="头提交 SHA：摘要中链接到文件行")
    cmd.add_argument("--site-url", help="网站地址：摘要中链接到条款")


def run_changed(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.github.changed_files import git_changes, to_json

    try:
        changes = git_changes(args.root, args.base, args.head)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.decode("utf-8", "replace").strip() if isinstance(
            exc, subprocess.CalledProcessError) and exc.stderr else str(exc)
        err(f"无法用 git 比较 {args.base} 与 {args.head}：{detail}")
        return EXIT_USAGE
    out(to_json(changes))
    return EXIT_OK


def _read_changes(path: Path) -> list[ChangedFile] | None:
    from validators.github.changed_files import ChangedFileError, parse_changed

    try:
        return parse_changed(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ChangedFileError) as exc:
        err(f"无法读取改动文件清单 {path}：{read_failure(exc)}")
        return None


def _append_summary(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if len(data) > MAX_SUMMARY_BYTES:
        cut = data[:MAX_SUMMARY_BYTES].decode("utf-8", "ignore")
        text = cut[: cut.rfind("\n")] + "\n\n> 摘要超过长度上限，其余问题请在本地运行 check 查看。"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text.rstrip("\n") + "\n")


def _summary(result: CheckResult, args: argparse.Namespace, title: str) -> str:
    from validators import reporters
    from validators.github.pr_comment import Links

    link_base = clause_base = None
    if args.repo and args.sha:
        try:
            links = Links.build(args.repo, args.sha, args.site_url or None)
            link_base = f"https://github.com/{links.repo}/blob/{links.sha}"
            clause_base = f"{links.site_url}guideline/"
        except ValueError as exc:
            err(f"摘要中不加链接：{exc}")
    return f"### {title}\n\n" + reporters.markdown(result, link_base, clause_base)


def run_check_changed(args: argparse.Namespace) -> int:
    from validators import reporters
    from validators.check import check_tree
    from validators.github.changed_files import files_to_check, path_findings, reported
    from validators.github.review_base import files_of, git_earlier, git_files, stale_reviews
    from validators.reporters import FORMATS
    from validators.schema import SCHEMA_DIR, stale_schema_findings

    changes = _read_changes(args.changed)
    if changes is None:
        return EXIT_USAGE
    try:
        base = git_files(args.root, args.base) if args.base else None
    except (OSError, ValueError):
        err(f"无法从 git 读取基准 {args.base}。")
        return EXIT_USAGE
    selection = files_to_check(changes, args.root)
    records: dict[str, Loaded] = {}
    if selection.whole_tree:
        result, repo = check_tree(args.root)
        result.findings = reported(result.findings, changes, whole_tree=True)
        records = repo.records
    elif selection.paths:
        result, repo = check_tree(args.root, [args.root / p for p in selection.paths])
        records = repo.records
    else:
        result = CheckResult(files=0)
    result.findings += [f for change in changes for f in path_findings(change)]
    # A year file or model (what the committed schemas are exported from) or a schema changed:
    # the committed schemas must follow, since editors read them.
    if any(p.startswith(("validators/", f"{SCHEMA_DIR}/")) for change in changes for p in change.paths):
        result.findings += stale_schema_findings(args.root)
    if base is not None:
        safe = [c for c in changes if not path_findings(c)]
        # The working tree is the pull request's head: its commits since the base are in git.
        result.findings += stale_reviews(safe, files_of(args.root), base, records, args.root,
                                         git_earlier(args.root, args.base))
    rendered = FORMATS[args.format](result)
    if rendered:
        out(rendered)
    if args.json_out:
        args.json_out.write_text(reporters.json_report(result) + "\n", encoding="utf-8")
    if args.summary_out:
        scope = "全部提交文件" if selection.whole_tree else f"改动涉及的 {len(selection.paths)} 个提交文件"
        _append_summary(args.summary_out, _summary(result, args, f"校验结果（{scope}）"))
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def run_ownership(args: argparse.Namespace) -> int:
    from validators import reporters
    from validators.github.changed_files import (
        ChangedFileError,
        git_changes,
        parse_modes,
        parse_path_lines,
        with_modes,
        with_symlinks,
    )
    from validators.github.ownership import check_ownership, new_society_profiles, read_maintainers
    from validators.reporters import FORMATS

    if args.changed:
        changes = _read_changes(args.changed)
        if changes is None:
            return EXIT_USAGE
    else:
        try:
            changes = git_changes(args.root, args.base)
        except (OSError, subprocess.CalledProcessError):
            err(f"无法用 git 比较 {args.base} 与 HEAD。")
            return EXIT_USAGE
    try:
        if args.symlinks:
            changes = with_symlinks(changes, parse_path_lines(args.symlinks.read_text("utf-8")))
        if args.modes:
            changes = with_modes(changes, parse_modes(args.modes.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, ChangedFileError) as exc:
        err(f"无法读取头提交的文件类型清单：{exc}")
        return EXIT_USAGE
    if not args.author and not args.list_new_profiles:
        err("请用 --author 给出拉取请求作者的 GitHub 用户名。")
        return EXIT_USAGE
    with tempfile.TemporaryDirectory(prefix="ownership-base-") as scratch:
        # Locally the working tree is the pull request's head: the base is read from git.
        base_root = args.root if args.changed else _base_snapshot(args, Path(scratch))
        if base_root is None:
            return EXIT_USAGE
        if args.list_new_profiles:
            for path in new_society_profiles(changes, base_root):
                out(path)
            return EXIT_OK
        head_root = args.head_root or (None if args.changed else args.root)
        findings = check_ownership(args.author, changes, read_maintainers(base_root), head_root,
                                   args.expected_count)
    result = CheckResult(files=len(changes), findings=findings)
    rendered = FORMATS[args.format](result)
    if rendered:
        out(rendered)
    if args.summary_out:
        _append_summary(args.summary_out, f"### 文件夹权限（作者 {args.author}）\n\n"
                        + reporters.markdown(result))
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _base_snapshot(args: argparse.Namespace, scratch: Path) -> Path | None:
    from validators.github.ownership import base_snapshot

    try:
        return base_snapshot(args.root, args.base, scratch)
    except (OSError, subprocess.CalledProcessError):
        err(f"无法从 git 读取 {args.base} 上的学会资料和管理员名单。")
        return None


def links_from(args: argparse.Namespace) -> Links | None:
    """The comment's links from --repo, --sha, --site-url and --run-id; None (said) when invalid."""
    from validators.github.pr_comment import Links

    try:
        return Links.build(args.repo, args.sha, args.site_url or None, args.run_id)
    except ValueError as exc:
        err(f"参数无效：{exc}")
        return None


def run_pr_comment(args: argparse.Namespace) -> int:
    from validators.github.pr_comment import (
        ArtifactError,
        CheckIn,
        EvaluationsIn,
        build_comment,
        later_years,
        needs_changes,
        read_artifact,
        read_changed,
        refusal_comment,
    )

    links = links_from(args)
    if links is None:
        return EXIT_USAGE
    try:
        check = read_artifact(args.result, CheckIn, "检查结果")
        head = read_artifact(args.evaluation_head, EvaluationsIn, "评估结果") \
            if args.evaluation_head else None
        base = read_artifact(args.evaluation_base, EvaluationsIn, "主分支评估结果") \
            if args.evaluation_base else None
        changed = read_changed(args.changed) if args.changed else None
    except ArtifactError as exc:
        _emit(args.output, refusal_comment(str(exc), links))
        err(f"拒绝了检查结果文件：{exc}")
        return EXIT_ERRORS
    later = later_years((e.year for e in head.evaluations), args.root) if head else set()
    _emit(args.output, build_comment(check, links, head, base, changed, later))
    return EXIT_ERRORS if needs_changes(check) else EXIT_OK


def _emit(path: Path | None, text: str) -> None:
    if path is None:
        out(text)
    else:
        path.write_text(text, encoding="utf-8")
