"""`python -m site_builder generate|build|check-links|serve`: a thin command line over generate,
build and the link check."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import validators.console as console
from site_builder.build import BUILDERS, BuildError, build
from site_builder.form_page import site_settings
from site_builder.generate import DEFAULT_OUT, generate
from site_builder.link_check import base_path_of, check_site, report
from validators.association.reviews import UnusableRecords
from validators.year.files import YearFileError

_BUILDER_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


def build_parser() -> argparse.ArgumentParser:
    console.say_usage_in_chinese()
    parser = argparse.ArgumentParser(prog="python -m site_builder", description="生成和构建公开网站")
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库根目录（数据在其 submissions/ 下；默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="生成 Markdown 页面和资源文件")
    gen.add_argument("--out", type=Path, default=None, help=f"输出目录（默认 {DEFAULT_OUT}）")
    gen.add_argument("--date", help="页面上的生成日期（默认今天或 SOURCE_DATE_EPOCH）")
    bld = sub.add_parser("build", help="生成并用 mkdocs build --strict 构建网站，成功后替换 site/")
    bld.add_argument("--site-dir", type=Path, default=None, help="网站输出目录（默认 site）")
    bld.add_argument("--date", help="页面上的生成日期")
    bld.add_argument("--verbose", action="store_true", help="显示 MkDocs 的全部日志")
    bld.add_argument("--builder", choices=BUILDERS, default="mkdocs",
                     help="用哪个程序构建（默认 mkdocs，发布用它；zensical 用来验证同样的页面能迁移）")
    chk = sub.add_parser("check-links", help="检查已构建网站的每个链接、锚点，以及每页能否从首页到达")
    chk.add_argument("--site-dir", type=Path, default=None, help="已构建的网站目录（默认 site）")
    srv = sub.add_parser("serve", help="生成并在本地预览，提交文件改动后自动更新")
    srv.add_argument("--dev-addr", default="127.0.0.1:8000", help="地址和端口（默认 127.0.0.1:8000）")
    return parser


def _check_links(site: Path) -> int:
    if not (site / "index.html").is_file():
        console.err(f"{site} 中没有已构建的网站（没有 index.html）。")
        return 2
    problems = check_site(site, base_path=base_path_of(site_settings().site_url))
    if problems:
        console.err(f"{len(problems)} 处链接问题：\n{report(problems)}")
        return 1
    console.out(f"{site}：全部链接和锚点有效，每页都能从首页到达。")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if (undecodable := console.undecodable_argument(args)) is not None:
        console.err(undecodable)
        return 2
    try:
        return _run(args)
    except (YearFileError, UnusableRecords) as exc:  # the association's files, not a bug: say where
        console.err(f"网站没有生成，原有网站保持不变：{exc}（运行 python -m validators check 查看全部问题）")
        return 1


def _run(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not (root / "submissions").is_dir():
        console.err(f"提示：{root / 'submissions'} 不存在，网站将没有学会数据。")
    if args.command == "generate":
        started = time.perf_counter()
        out = args.out or root / DEFAULT_OUT
        result = generate(root, out, date=args.date)
        console.out(f"已生成 {result.files} 个文件（改动 {result.written} 个）到 {out}，"
             f"用时 {time.perf_counter() - started:.2f} 秒。")
        return 0
    if args.command == "build":
        try:
            built = build(root, args.site_dir or root / "site", date=args.date, verbose=args.verbose,
                          builder=args.builder)
        except BuildError as exc:
            console.err(f"网站构建失败，原有网站保持不变：{exc}")
            return 1
        console.out(f"网站已写入 {built.site}：{built.pages} 个页面，生成 {built.generate_seconds:.2f} 秒，"
             f"{_BUILDER_NAMES[built.builder]} {built.builder_seconds:.2f} 秒。")
        return 0
    if args.command == "check-links":
        return _check_links(args.site_dir or root / "site")
    from site_builder.serve import serve

    console.out(f"预览地址：http://{args.dev_addr}/（修改 submissions/ 中的文件后自动更新，Ctrl+C 退出）")
    serve(root, args.dev_addr)
    return 0
