"""Output of the command line: UTF-8 bytes whatever the locale, exactly as rendered; argparse's own
words (usage, help headings, usage errors) in Chinese; and what an entry point says when it is run
with a Python that lacks the dependencies.

argparse looks each message up through gettext at the moment it says it (`argparse._`), so
giving it a lookup of its message ids is the whole translation: no message is matched after
the fact, and an id a later Python adds stays in English until it is listed here.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from typing import Any

from validators.exit_codes import EXIT_INTERNAL, EXIT_USAGE

_SURROGATES = re.compile("[\udc80-\udcff]")  # how Python reads a byte of a name that is not UTF-8

__all__ = ["OWN_PACKAGES", "USAGE_WORDS", "err", "missing_dependency", "out", "read_failure", "said_import_failure",
           "say_usage_in_chinese", "undecodable_argument"]


# A text that holds a byte of a name that is not UTF-8 (read by Python as a lone surrogate) is
# written with it as \udcff rather than failing after the work is done.
def out(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8", "backslashreplace"))
    sys.stdout.buffer.flush()


def err(text: str) -> None:
    sys.stderr.flush()
    sys.stderr.buffer.write((text if text.endswith("\n") else text + "\n").encode("utf-8", "backslashreplace"))
    sys.stderr.buffer.flush()


def undecodable_argument(args: argparse.Namespace) -> str | None:
    """The usage error for a command-line value (a path, a society id) holding bytes that are not
    UTF-8, as the system gave them; None when every value is text. Said before any work, so that
    nothing is written under a name no page, finding or Git can show."""
    for value in vars(args).values():
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, str | os.PathLike) and _SURROGATES.search(shown := os.fspath(one)):
                readable = os.fsencode(shown).decode("utf-8", "backslashreplace")
                return (f"用法错误：参数“{readable}”含有不是 UTF-8 编码的字节（以 \\x 加两位十六进制数显示）："
                        "请改用 UTF-8 编码的名称（中文、英文字母和数字都可以）。")
    return None

# Why a file could not be read, in words a user can act on (the system's own are English).
_OS_WORDS = {errno.ENOENT: "文件不存在", errno.EISDIR: "这是文件夹，不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
             errno.EACCES: "没有读取它的权限", errno.EPERM: "没有读取它的权限", errno.ELOOP: "符号链接层数过多（可能指向自己）",
             errno.ENAMETOOLONG: "文件名太长", errno.EIO: "读取时磁盘或设备出错"}


def read_failure(exc: BaseException) -> str:
    """Why reading a file failed, in Chinese: its errno's words, or that it is not UTF-8."""
    if isinstance(exc, UnicodeDecodeError):
        return f"不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法按 UTF-8 读取）：请用“另存为 UTF-8”保存"
    if isinstance(exc, OSError):
        return _OS_WORDS.get(exc.errno or 0, f"系统无法读取它（错误代码 {exc.errno}）")
    return str(exc)


# argparse's message ids (Python 3.11–3.13) → Chinese, with the same %-placeholders.
USAGE_WORDS: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "subcommands": "子命令",
    "%(heading)s:": "%(heading)s：",
    "show this help message and exit": "显示本帮助并退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s 值",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "ignored explicit argument %r": "多余的值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
}
_PLURALS = {"expected %s argument": "需要 %s 个值"}


def _lookup(message: str) -> str:
    return USAGE_WORDS.get(message, message)


def _plural(singular: str, plural: str, n: int) -> str:
    words = _PLURALS.get(singular)
    return words if words is not None else (singular if n == 1 else plural)


def say_usage_in_chinese() -> None:
    """Has argparse say its words in Chinese from now on, in this process."""
    argparse._ = _lookup  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
    section: Any = argparse.HelpFormatter._Section
    if sys.version_info < (3, 13) and not getattr(section.format_help, "chinese", False):
        section.format_help = _headed(section.format_help)


def _headed(format_help: Any) -> Any:
    """Python before 3.13 writes a heading's colon itself (`'%s:'`), not through gettext: the
    section as it says it, with its heading's colon full-width, as 3.13 says it through
    `%(heading)s:`."""
    def headed(section: Any) -> str:
        text: str = format_help(section)
        if section.heading and section.heading is not argparse.SUPPRESS:
            text = text.replace(f"{section.heading}:\n", f"{section.heading}：\n", 1)
        return text
    headed.chinese = True  # type: ignore[attr-defined]
    return headed


# An entry point started with a Python that lacks the pinned dependencies (the system's `python`
# rather than `.venv`'s) says so and what to run: this module needs the standard library only, so
# it still runs when nothing else can be imported. A missing module of this repository's own
# packages is no such case: that is a broken checkout or a bug, said as one.
OWN_PACKAGES = ("validators", "site_builder")


def missing_dependency(exc: BaseException) -> str | None:
    """The third-party package `exc` failed to import, or None when it is not such a failure."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    top = exc.name.split(".", 1)[0]
    return None if top in OWN_PACKAGES else top


def said_import_failure(exc: ImportError, prog: str) -> int:
    """Say, in one message and never a traceback, why `python -m <prog>` could not start; the exit code."""
    package = missing_dependency(exc)
    if package is None:
        err(f"内部错误（请向维护者报告）：{type(exc).__name__}: {exc}")
        return EXIT_INTERNAL
    err(f"无法运行：这个 Python（{sys.executable}）没有安装本仓库需要的第三方包 {package}，"
        "多半是用了系统自带的 python，而不是本仓库的虚拟环境 .venv。\n"
        "请在仓库根目录先运行一次 make check（按 requirements.lock 建立 .venv 并装好全部依赖），"
        f"再用 .venv/bin/python -m {prog} …运行（或先 source .venv/bin/activate，之后 python -m {prog} … 即可）。")
    return EXIT_USAGE
