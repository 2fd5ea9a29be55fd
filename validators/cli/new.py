"""`new SOCIETY YEAR`: write a commented report template (and the profile when missing)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from validators.console import err, out
from validators.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("new", help="生成带中文注释的年度报告模板")
    cmd.add_argument("society", help="学会 id（文件夹名），如 cd-mech-eng")
    cmd.add_argument("year", type=int, help="年度，如 2017")
    cmd.add_argument("--name", help="学会中文全称（仅在新建 society.yaml 时使用）")
    cmd.add_argument("--maintainer", action="append", default=[], metavar="LOGIN",
                     help="维护人的 GitHub 用户名，可重复（仅在新建 society.yaml 时使用）")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: the command line starts by importing only the command it runs.
    from validators.models.common import SLUG_PATTERN
    from validators.repository import PROFILE_FILE, SUBMISSIONS
    from validators.template import report_template, society_template
    from validators.yaml.loading import control_character, load_bytes
    from validators.yaml.policy import policy
    from validators.year.guideline import available_years, guideline

    society, year = args.society, args.year
    if not re.fullmatch(SLUG_PATTERN, society) or len(society) > 64:
        err(f"学会 id“{society}”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。")
        return EXIT_USAGE
    rules = guideline(year, args.root)
    if rules is None:
        err(f"{year} 年没有工作指南：可选年度为 {'、'.join(map(str, available_years(args.root)))}。")
        return EXIT_USAGE
    bad = [login for login in args.maintainer if not _valid_login(login)]
    if bad:
        err(f"GitHub 用户名“{bad[0]}”无效：只能含英文字母、数字和单个连字符。")
        return EXIT_USAGE
    # A name holding a hidden character (U+202E turns text around) would write a profile its
    # own check refuses: said of the name; anything else the profile would not read back as
    # `check` reads it, said as the check says it.
    name = args.name or ""
    # Character by character: a line break in the name would make a line and column of it.
    at = next((i for i, char in enumerate(name) if control_character(char) is not None), None)
    broken = next((i for i, char in enumerate(name) if len(f"a{char}a".splitlines()) > 1), None)
    if broken is not None and (at is None or broken <= at):
        err(f"学会名称要写在一行里：第 {broken + 1} 个字符是换行符（U+{ord(name[broken]):04X}），请删除后重新运行。")
        return EXIT_USAGE
    if at is not None:
        err(f"学会名称的第 {at + 1} 个字符是不可见的控制字符 U+{ord(name[at]):04X}，请删除后重新运行。")
        return EXIT_USAGE
    profile_text = society_template(society, args.name, args.maintainer)
    refused = load_bytes(profile_text.encode("utf-8"), PROFILE_FILE, policy().yaml.limits).findings
    if refused:
        err(f"学会名称无法写入 {PROFILE_FILE}：{refused[0].message}")
        return EXIT_USAGE
    folder = Path(args.root) / SUBMISSIONS / society
    report = folder / f"{year}.yaml"
    if report.exists() or report.is_symlink():
        err(f"{SUBMISSIONS}/{society}/{year}.yaml 已经存在，没有覆盖。要重新开始，请先把原文件改名或删除。")
        return EXIT_ERRORS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        err(f"{SUBMISSIONS}/{society} 不是普通文件夹，没有写入。")
        return EXIT_ERRORS
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    profile = folder / PROFILE_FILE
    if not profile.exists() and not profile.is_symlink():
        _write_new(profile, profile_text)
        written.append(f"{SUBMISSIONS}/{society}/{PROFILE_FILE}")
    _write_new(report, report_template(society, year, rules))
    written.append(f"{SUBMISSIONS}/{society}/{year}.yaml")
    out(f"已生成：{'、'.join(written)}。\n"
        f"下一步：按文件中的注释填写，然后运行 python -m validators check {SUBMISSIONS}/{society}/")
    return EXIT_OK


def _valid_login(login: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    from validators.models.society import GithubLogin

    try:
        TypeAdapter(GithubLogin).validate_python(login)
    except ValidationError:
        return False
    return True


def _write_new(path: Path, text: str) -> None:
    """Exclusive create: a file that appeared meanwhile is never overwritten."""
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
