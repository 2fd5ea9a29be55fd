"""`gate`: the submission deadline and the heads' approval of a pull request, for the ownership
workflow (which reads the changed files and the reviews from the API as data)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from validators.cli.arguments import REPORT_FORMATS, parse_day
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from validators.findings import CheckResult

T = TypeVar("T")

# The bot's own sticky comment, apart from the validation comment.
MARKER = "<!-- society-registry-cycle -->"
TITLE = "填报期限与负责人批准"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("gate", help="核对填报期限和学会负责人批准（拉取请求用）")
    cmd.add_argument("--author", required=True, help="拉取请求作者的 GitHub 用户名")
    cmd.add_argument("--changed", type=Path, required=True, help="GitHub API 给出的改动文件清单（JSON 或 JSON lines）")
    cmd.add_argument("--reviews", type=Path, help="GitHub API 给出的拉取请求审查（reviews）清单")
    cmd.add_argument("--head-sha", help="拉取请求头提交的完整 SHA：批准须针对这个提交")
    cmd.add_argument("--head-root", type=Path,
                     help="拉取请求头提交中的报告所在目录（按仓库路径存放，由 --list-reports 列出），用来核对删去的项目")
    cmd.add_argument("--list-reports", action="store_true",
                     help="只列出需要从头提交读取的报告路径")
    cmd.add_argument("--date", type=parse_day, help="按这一天判断填报是否截止（默认今天，北京时间）")
    cmd.add_argument("--format", choices=REPORT_FORMATS, default="text")
    cmd.add_argument("--summary-out", type=Path, help="追加 Markdown 摘要（如 $GITHUB_STEP_SUMMARY）")
    cmd.add_argument("--comment-out", type=Path, help="写出机器人评论（Markdown）")
    cmd.set_defaults(run=run)


def _parsed(path: Path, what: str, parse: Callable[[str], T], refused: type[Exception]) -> T | None:
    """The file at `path` read and parsed; None, said on stderr, when it cannot be."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err(f"无法读取{what} {path}：{exc}")
        return None
    try:
        return parse(text)
    except refused as exc:
        err(f"{what} {path} 的格式不对：{exc}")
        return None


def comment(result: CheckResult, approvals: str) -> str:
    # Imported here: the command line starts by importing only the command it runs.
    from validators import reporters

    counts = sum(f.severity == "error" for f in result.findings)
    title = f"## {'❌' if counts else '✅'} {TITLE}"
    body = reporters.markdown(result) if result.findings else "填报期限和负责人批准都没有问题。"
    return f"{MARKER}\n{title}\n\n{body}\n\n{approvals}".rstrip("\n") + "\n"


def run(args: argparse.Namespace) -> int:
    from validators.github.changed_files import ChangedFileError, parse_changed
    from validators.github.cycle_gate import (
        ReviewsError,
        approval_summary,
        check_gate,
        parse_reviews,
    )
    from validators.github.removed_items import replaced_reports
    from validators.github.review_base import files_of
    from validators.reporters import FORMATS
    from validators.year.cycle import today

    changes = _parsed(args.changed, "改动文件清单", parse_changed, ChangedFileError)
    if changes is None:
        return EXIT_USAGE
    if args.list_reports:
        for path in replaced_reports(changes):
            out(path)
        return EXIT_OK
    reviews = None
    if args.reviews:
        reviews = _parsed(args.reviews, "审查清单", parse_reviews, ReviewsError)
        if reviews is None:
            return EXIT_USAGE
    head = files_of(args.head_root) if args.head_root else None
    gate = check_gate(args.author, changes, reviews, args.head_sha, args.root, args.date or today(), head)
    result = CheckResult(files=len(changes), findings=gate.findings)
    rendered = FORMATS[args.format](result)
    if rendered:
        out(rendered)
    said = comment(result, approval_summary(gate))
    if args.summary_out:
        with args.summary_out.open("a", encoding="utf-8") as handle:
            handle.write(said.replace(MARKER + "\n", "").replace("## ", "### ", 1))
    if args.comment_out:  # empty when the pull request changes no report or profile
        args.comment_out.write_text(said if result.findings or gate.approvals else "", encoding="utf-8")
    return EXIT_ERRORS if result.has_errors else EXIT_OK
