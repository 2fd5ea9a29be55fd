"""`check` and `schema`: validate submissions; print the JSON Schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from validators.cli.arguments import REPORT_FORMATS
from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from validators.findings import CheckResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="校验提交的 YAML 文件")
    check.add_argument("paths", nargs="*", type=Path, help="文件或文件夹；省略时检查整个 submissions/")
    check.add_argument("--format", choices=REPORT_FORMATS, default="text")
    check.set_defaults(run=run_check)

    schema = sub.add_parser("schema", help="输出 JSON Schema")
    schema.add_argument("--kind", choices=["submission", "society"], default="submission")
    schema.add_argument("--year", type=int, help="加入该年度学术活动类别标准（仅 submission）")
    schema.add_argument("--write", action="store_true",
                        help="改写仓库 schema/ 中的两个文件（内容有变化时），而不是输出")
    schema.set_defaults(run=run_schema)


def run_check(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.association.results_files import discover as discover_results
    from validators.association.results_files import is_results_path
    from validators.check import check_tree
    from validators.reporters import FORMATS
    from validators.submission_paths import SUBMISSIONS

    if not args.paths and not (args.root / SUBMISSIONS).is_dir():
        # A mistyped --root read no file and passed: in CI that looked like a clean check.
        err(f"用法错误：“{args.root}”中没有 {SUBMISSIONS}/ 文件夹，不是登记仓库：请用 --root 指向仓库的根目录。")
        return EXIT_USAGE
    # Paths name files of the repository at --root, wherever the command runs from.
    paths = [p if p.is_absolute() else args.root / p for p in args.paths]
    frozen = [p for p in paths if is_results_path(p, args.root)]
    paths = [p for p in paths if p not in frozen]
    result, _ = check_tree(args.root, paths or None, marks=False) if paths or not frozen else (CheckResult(), None)
    # The frozen results files: all of them with the whole tree, else the ones named.
    named = [q for p in frozen for q in (discover_results(args.root) if p.is_dir() else [p])]
    results = named if args.paths else discover_results(args.root)
    if results:  # the evaluation wing is imported only for frozen results files to read
        from validators.evaluation.results import check_frozen

        check_frozen(result, args.root, results)
    out(FORMATS[args.format](result))
    if args.format == "text":
        _year_files_note(result)
    if args.paths and result.files == 0 and not results:
        # Nothing was read: a mistyped or empty folder must not look like a clean check.
        err("注意：所给的路径中没有找到要检查的文件（学会资料 society.yaml、以年份命名的年度报告、核查记录或定稿结果）："
            "请核对路径。")
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _year_files_note(result: CheckResult) -> None:
    """The year files' findings sort after every report's (validators/ after submissions/), behind
    the reports' warnings: a line on standard error says they are there. The output's lines
    and their order are the format other tools read, so they stay as they are."""
    from validators.year.files import year_of_path

    said = [f for f in result.findings if year_of_path(f.file) is not None]
    if not said or len(said) == len(result.findings):  # nothing listed before them
        return
    errors = sum(f.severity == "error" for f in said)
    files = "、".join(dict.fromkeys(sorted(f.file for f in said)))
    err(f"注意：年度文件（{files}）有 {errors} 个错误、{len(said) - errors} 个警告，列在学会文件的问题之后"
        + ("：改正之前，该年度不评分，网站也不生成。" if errors else "。"))


def run_schema(args: argparse.Namespace) -> int:
    from validators.schema import SCHEMA_DIR, expected_schema_files, json_schema_text
    from validators.year.guideline import available_years, guideline

    if args.year is not None and guideline(args.year, args.root) is None:
        err(f"{args.year} 年没有工作指南：可选年度为 {'、'.join(map(str, available_years(args.root)))}。")
        return EXIT_USAGE
    if args.write:  # the committed files, kept in step with the year files by `make`
        from validators.year.consistency import year_problems

        # A year file in error exports a worse schema (a rubric that does not read drops the
        # clauses of the field descriptions): none is written, and the error is said.
        if problems := year_problems(args.root):
            for problem in problems:
                err(str(problem))
            err(f"没有改写 {SCHEMA_DIR}/ 中的文件：年度文件有 {len(problems)} 处错误（见上），按它们导出的 JSON Schema "
                "会丢失或改错说明。请先改正，再运行 python -m validators schema --write"
                "（python -m validators check 列出全部问题）。")
            return EXIT_ERRORS
        for path, text in expected_schema_files(args.root).items():
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
                out(f"已更新 {path.relative_to(args.root)}（年度文件有变化）")
        return EXIT_OK
    out(json_schema_text(args.kind, args.year, args.root))
    return EXIT_OK
