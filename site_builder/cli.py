"""`python -m site_builder generate|build|serve`: a thin command line over generate and build."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import validators.console as console
from site_builder.build import BUILDERS, BuildError, build
from site_builder.generate import DEFAULT_OUT, generate

_BUILDER_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


def build_parser() -> argparse.ArgumentParser:
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
    srv = sub.add_parser("serve", help="生成并在本地预览，提交文件改动后自动更新")
    srv.add_argument("--dev-addr", default="127.0.0.1:8000", help="地址和端口（默认 127.0.0.1:8000）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
    from site_builder.serve import serve

    console.out(f"预览地址：http://{args.dev_addr}/（修改 submissions/ 中的文件后自动更新，Ctrl+C 退出）")
    serve(root, args.dev_addr)
    return 0
