"""`pr-verdict`: the comment workflow's one decision, made by the base branch's code."""

from __future__ import annotations

import argparse
from pathlib import Path

from validators.cli.github import add_comment_options, links_from
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("pr-verdict", help="用主分支的程序检查拉取请求的文件（作为数据读入），生成评论")
    cmd.add_argument("--pull-request", type=Path, required=True,
                     help="工作流从 GitHub API 读到的拉取请求：pull.json、files.jsonl、tree.json、blobs/")
    cmd.add_argument("--artifact", type=Path, help="校验运行上传的构件目录（缺少时按“未检查”处理）")
    add_comment_options(cmd)
    cmd.add_argument("--list-blobs", action="store_true",
                     help="只列出需要从 API 读取内容的文件（blob SHA），每行一个")
    cmd.add_argument("--list-earlier", choices=("folders", "blobs"),
                     help="只列出较早提交中需要从 API 读取的核查记录年度文件夹（提交 SHA 与年度，以制表符分隔）"
                          "或文件内容（blob SHA），每行一个（commits.jsonl 读到之后）")
    cmd.set_defaults(run=run)


def _list_blobs(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.github.pr_api import NotChecked, blobs_to_fetch, read_pull_request
    from validators.github.pr_overlay import is_read, outside_submissions
    from validators.submission_paths import path_problem
    from validators.yaml.policy import policy

    try:
        pr = read_pull_request(args.pull_request, args.sha)
    except NotChecked as exc:
        err(f"不读取文件内容：{exc}")  # the verdict will say "not checked"
        return EXIT_OK
    if outside_submissions(pr.files):
        return EXIT_OK
    limit = policy().yaml.max_file_bytes
    wanted = frozenset(
        c.filename for c in pr.files
        if c.status != "removed" and is_read(c) and path_problem(c.filename) is None
        and (pr.tree[c.filename].size or 0) <= limit)
    for sha in blobs_to_fetch(pr, wanted):
        out(sha)
    return EXIT_OK


def _list_earlier(args: argparse.Namespace) -> int:
    from validators.github.pr_api import NotChecked, read_pull_request
    from validators.github.pr_commits import Earlier, blobs_to_fetch, folders_to_list, read_commits
    from validators.github.pr_overlay import outside_submissions

    try:
        pr = read_pull_request(args.pull_request, args.sha)
    except NotChecked as exc:
        err(f"不读取较早的提交：{exc}")
        return EXIT_OK
    earlier = read_commits(pr)
    if not isinstance(earlier, Earlier) or outside_submissions(pr.files):
        return EXIT_OK
    if args.list_earlier == "folders":
        for commit, year in folders_to_list(pr, earlier):
            out(f"{commit}\t{year}")
    else:
        for sha in blobs_to_fetch(pr, earlier):
            out(sha)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    links = links_from(args)
    if links is None:
        return EXIT_USAGE
    if args.list_blobs:
        return _list_blobs(args)
    if args.list_earlier:
        return _list_earlier(args)
    from validators.github.pr_verdict import decide

    verdict = decide(args.root, args.pull_request, args.artifact, links)
    if args.output is None:
        out(verdict.comment)
    else:
        args.output.write_text(verdict.comment, encoding="utf-8")
    return EXIT_ERRORS if verdict.needs_changes else EXIT_OK
