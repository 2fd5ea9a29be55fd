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
# Where the comment's findings are cut: GitHub refuses a longer comment body.
CLIPPED = "\n\n（评论过长，以下从略：完整结果见检查运行的摘要和注释）\n"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("gate", help="核对填报期限和学会负责人批准（拉取请求用）")
    cmd.add_argument("--author", required=True, help="拉取请求作者的 GitHub 用户名")
    cmd.add_argument("--changed", type=Path, required=True, help="GitHub API 给出的改动文件清单（JSON 或 JSON lines）")
    cmd.add_argument("--reviews", type=Path, help="GitHub API 给出的拉取请求审查（reviews）清单")
    cmd.add_argument("--head-sha", help="拉取请求头提交的完整 SHA：批准须针对这个提交")
    cmd.add_argument("--head-root", type=Path,
                     help="拉取请求头提交中的报告所在目录（按仓库路径存放，由 --list-reports 列出），用来核对删去的项目")
    cmd.add_argument("--list-reports", action="store_true",
                     help="只列出需要从头提交读取的报告路径（截止后替换主分支上已发布报告的，至多若干份）")
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


def uncompared_note(count: int) -> str:
    from validators.github.removed_items import MAX_REPLACED_REPORTS

    return (f"本拉取请求替换了 {MAX_REPLACED_REPORTS + count} 份已发布的报告，只核对了其中 {MAX_REPLACED_REPORTS} 份"
            f"删去的项目（W-CYCLE-ITEMS-REMOVED），其余 {count} 份没有核对：请分成几个拉取请求提交，或由市科协工作人员逐份核对。")


def _clipped(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 code units (as GitHub counts)."""
    from validators.github.pr_comment import units

    while units(text) > limit:
        text = text[: max(0, len(text) - (units(text) - limit))]
    return text


def comment(result: CheckResult, approvals: str, uncompared: int = 0) -> str:
    """The bot's comment, never longer than GitHub accepts (the findings cut, with a note, to fit)."""
    # Imported here: the command line starts by importing only the command it runs.
    from validators import reporters
    from validators.github.pr_comment import COMMENT_LIMIT, units

    counts = sum(f.severity == "error" for f in result.findings)
    title = f"## {'❌' if counts else '✅'} {TITLE}"
    body = reporters.markdown(result) if result.findings else "填报期限和负责人批准都没有问题。"
    note = f"\n\n{uncompared_note(uncompared)}" if uncompared else ""
    head, tail = f"{MARKER}\n{title}\n\n", f"{note}\n\n{approvals}".rstrip("\n") + "\n"
    if units(head + body + tail) > COMMENT_LIMIT:
        body = _clipped(body, max(0, COMMENT_LIMIT - units(head) - units(tail) - units(CLIPPED))) + CLIPPED
    said = head + body + tail
    # The approvals' table alone too long (a pull request across thousands of societies): cut too.
    return said if units(said) <= COMMENT_LIMIT else _clipped(said, COMMENT_LIMIT - units(CLIPPED)) + CLIPPED


def run(args: argparse.Namespace) -> int:
    from validators.github.changed_files import ChangedFileError, parse_changed
    from validators.github.cycle_gate import (
        ReviewsError,
        approval_summary,
        check_gate,
        parse_reviews,
    )
    from validators.github.removed_items import MAX_REPLACED_REPORTS, replaced_reports
    from validators.github.review_base import files_of
    from validators.reporters import FORMATS
    from validators.year.cycle import today

    changes = _parsed(args.changed, "改动文件清单", parse_changed, ChangedFileError)
    if changes is None:
        return EXIT_USAGE
    day = args.date or today()
    if args.list_reports:
        # Read from the base branch (the checkout): its calendar and its published reports.
        replaced = replaced_reports(changes, args.root, day)
        for path in replaced[:MAX_REPLACED_REPORTS]:
            out(path)
        if len(replaced) > MAX_REPLACED_REPORTS:
            err(uncompared_note(len(replaced) - MAX_REPLACED_REPORTS))
        return EXIT_OK
    reviews = None
    if args.reviews:
        reviews = _parsed(args.reviews, "审查清单", parse_reviews, ReviewsError)
        if reviews is None:
            return EXIT_USAGE
    head = files_of(args.head_root) if args.head_root else None
    gate = check_gate(args.author, changes, reviews, args.head_sha, args.root, day, head)
    result = CheckResult(files=len(changes), findings=gate.findings)
    rendered = FORMATS[args.format](result)
    if rendered:
        out(rendered)
    said = comment(result, approval_summary(gate), gate.uncompared)
    if gate.uncompared:
        err(uncompared_note(gate.uncompared))
    if args.summary_out:
        with args.summary_out.open("a", encoding="utf-8") as handle:
            handle.write(said.replace(MARKER + "\n", "").replace("## ", "### ", 1))
    if args.comment_out:  # empty when the pull request changes no report or profile
        args.comment_out.write_text(said if result.findings or gate.approvals else "", encoding="utf-8")
    return EXIT_ERRORS if result.has_errors else EXIT_OK
