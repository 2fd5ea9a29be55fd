"""The command line: parses arguments, calls the pure core, hands results to a reporter."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from validators import reporters
from validators.check import check_tree
from validators.findings import CheckResult
from validators.schema import json_schema_text

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

_CHECK_FORMATS: dict[str, Callable[[CheckResult], str]] = {
    "text": reporters.text,
    "json": reporters.json_report,
    "github": reporters.github,
    "markdown": reporters.markdown,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m validators", description="成都市科协学会重点工作：校验与评估")
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="校验提交的 YAML 文件")
    check.add_argument("paths", nargs="*", type=Path, help="文件或文件夹；省略时检查整个 submissions/")
    check.add_argument("--format", choices=sorted(_CHECK_FORMATS), default="text")

    schema = sub.add_parser("schema", help="输出 JSON Schema")
    schema.add_argument("--kind", choices=["submission", "society"], default="submission")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        result, _ = check_tree(args.root, args.paths or None)
        sys.stdout.write(_CHECK_FORMATS[args.format](result) + "\n")
        return EXIT_ERRORS if result.has_errors else EXIT_OK
    if args.command == "schema":
        sys.stdout.write(json_schema_text(args.kind))
        return EXIT_OK
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so in one line, never a traceback
        sys.stderr.write(f"内部错误（请向维护者报告）：{type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL
