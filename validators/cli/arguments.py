"""What several commands' arguments share, without the machinery behind them: building the
parser imports none of the reporters or the year files (tests/test_cli_imports.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import stat
from pathlib import Path

__all__ = ["REPORT_FORMATS", "not_a_file", "parse_day"]

# The names of validators.reporters.FORMATS, for --format (a test keeps the two in step).
REPORT_FORMATS = ("github", "json", "markdown", "text")


def parse_day(value: str) -> dt.date:
    """validators.year.cycle.parse_day, imported when a date is given. Its words reach the user
    as an ArgumentTypeError: a ValueError would have argparse say "不是有效的 parse_day 值"."""
    from validators.year.cycle import parse_day as parse

    try:
        return parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def not_a_file(path: Path) -> str | None:
    """Why an existing `path` is never written over, --replace or not, in the user's words (the
    caller says what to do); None when it is a regular file or nothing. A folder, a symbolic link
    (writing would follow it, or drop it), a pipe or a device (/dev/full) is not the file a command
    writes: refused, left unchanged."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return f"{path} 无法访问"
    if stat.S_ISREG(mode):
        return None
    kind = "文件夹" if stat.S_ISDIR(mode) else "符号链接" if stat.S_ISLNK(mode) else "设备或管道等特殊文件"
    return f"{path} 是一个{kind}，不是普通文件，不能写入或覆盖（加 --replace 也不行）"
