"""The command line: parses arguments, calls the pure core, hands results to a reporter.

Each subcommand lives in a module of this package with `register(subparsers)`, which sets
`run(args) -> exit code` as the parser's default. Building the parser imports only argparse and
light modules: each command imports its machinery when it runs, so a `check` of one file (a hook,
an editor) does not pay for the workbooks, the evaluation or the GitHub commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from validators.cli import check as commands_check
from validators.cli import doctor as commands_doctor
from validators.cli import evaluate as commands_evaluate
from validators.cli import finalize as commands_finalize
from validators.cli import gate as commands_gate
from validators.cli import github as commands_github
from validators.cli import new as commands_new
from validators.cli import new_year as commands_new_year
from validators.cli import pr_verdict as commands_pr_verdict
from validators.cli import xlsx as commands_xlsx
from validators.console import err, said_import_failure, say_usage_in_chinese, undecodable_argument
from validators.exit_codes import EXIT_ERRORS, EXIT_INTERNAL, EXIT_USAGE

_COMMAND_MODULES = (commands_check, commands_evaluate, commands_github, commands_new,
                    commands_pr_verdict, commands_doctor, commands_finalize, commands_gate,
                    commands_new_year, commands_xlsx)


class UsageParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    say_usage_in_chinese()
    parser = UsageParser(prog="python -m validators",
                         description="成都市科协学会重点工作：校验、评估与发布")
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=UsageParser)
    for module in _COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if (undecodable := undecodable_argument(args)) is not None:
        err(undecodable)
        return EXIT_USAGE
    if not args.root.is_dir():
        err(f"用法错误：--root 指定的仓库目录“{args.root}”不存在或不是文件夹。")
        return EXIT_USAGE
    try:
        # Here, not at the top: the command line starts by importing only the command it runs.
        from validators.year.files import YearFileError
    except ImportError as exc:  # a Python without the dependencies: say what to run instead
        return said_import_failure(exc, "validators")
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return EXIT_USAGE
    except YearFileError as exc:  # the association's data, not a bug: an error, said at its file
        err(str(exc))
        return EXIT_ERRORS
    except ImportError as exc:  # a command's own imports, in a Python without the dependencies
        return said_import_failure(exc, "validators")
    except Exception as exc:  # a bug: say so in one line, never a traceback
        err(f"内部错误（请向维护者报告）：{type(exc).__name__}: {exc}")
        return EXIT_INTERNAL
