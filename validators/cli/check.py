"""`check` and `schema`: validate submissions; print the JSON Schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from validators.check import check_tree
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from validators.guideline import available_years, guideline
from validators.reporters import FORMATS
from validators.schema import json_schema_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="校验提交的 YAML 文件")
    check.add_argument("paths", nargs="*", type=Path, help="文件或文件夹；省略时检查整个 submissions/")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.set_defaults(run=run_check)

    schema = sub.add_parser("schema", help="输出 JSON Schema")
    schema.add_argument("--kind", choices=["submission", "society"], default="submission")
    schema.add_argument("--year", type=int, help="加入该年度学术活动类别标准（仅 submission）")
    schema.set_defaults(run=run_schema)


def run_check(args: argparse.Namespace) -> int:
    # Paths name files of the repository at --root, wherever the command runs from.
    paths = [p if p.is_absolute() else args.root / p for p in args.paths]
    result, _ = check_tree(args.root, paths or None)
    out(FORMATS[args.format](result))
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    if args.year is not None and guideline(args.year) is None:
        err(f"{args.year} 年没有工作指南：可选年度为 {'、'.join(map(str, available_years()))}。")
        return EXIT_USAGE
    out(json_schema_text(args.kind, args.year))
    return EXIT_OK
