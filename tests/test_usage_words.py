"""The command lines' own usage errors and help are Chinese, as every finding is."""

from __future__ import annotations

import argparse
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.console import USAGE_WORDS as WORDS


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)


@pytest.mark.parametrize(("args", "said"), [
    (("validators", "evaluate", "--year", "abc"), "参数 --year：'abc' 不是有效的 int 值"),
    (("validators", "check", "--format", "bogus"), "参数 --format：无效的选项 'bogus'（可选："),
    (("validators", "new"), "缺少必需的参数：society, year"),
    (("validators", "check", "--nope"), "不认识的参数：--nope"),
    (("site_builder", "build", "--nope"), "不认识的参数：--nope"),
    # A date the command cannot read is said in the date's own words, not by its reader's name.
    (("validators", "finalize", "2019", "--date", "2026-13-01"), "日期应写作 2018-01-19 这样的 ISO 格式：'2026-13-01'"),
    (("validators", "gate", "--date", "2026-1-5"), "日期应写作 2018-01-19 这样的 ISO 格式：'2026-1-5'"),
])
def test_a_usage_error_is_said_in_chinese(args: tuple[str, ...], said: str) -> None:
    done = _run(*args)
    assert done.returncode == 2, done.stderr
    assert said in done.stderr
    for english in ("usage:", "error:", "invalid", "argument", "required", "unrecognized", "parse_day"):
        assert english not in done.stderr, done.stderr


def test_the_help_is_headed_in_chinese() -> None:
    done = _run("validators", "check", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：python -m validators check")
    assert "显示本帮助并退出" in done.stdout
    assert "show this help" not in done.stdout
    # Every heading ends in a full-width colon, on every Python this runs on (3.11 and 3.12
    # write the colon themselves, 3.13 through the translation).
    headings = [line for line in done.stdout.splitlines() if line and not line[0].isspace()][1:]
    assert headings, done.stdout
    assert all(line.endswith("：") and ":" not in line for line in headings), headings


@pytest.mark.parametrize("command", [
    ("-m", "benchmarks.run"), ("-m", "benchmarks.generate"), ("-m", "benchmarks.preview"),
    ("-m", "benchmarks.workbook"), ("-m", "benchmarks.hostile_text"), ("-m", "benchmarks.form_downloads"),
    ("-m", "benchmarks.zensical_build"), (str(ROOT / "scripts" / "serve_built.py"),),
    (str(ROOT / "scripts" / "screenshots.py"),),
])
def test_the_benchmarks_and_scripts_say_their_usage_in_chinese(command: tuple[str, ...]) -> None:
    """They said usage:, options: and show this help message and exit."""
    done = subprocess.run([sys.executable, *command, "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：")
    assert "显示本帮助并退出" in done.stdout
    assert "usage:" not in done.stdout
    assert "options:" not in done.stdout


def test_every_listed_message_is_one_argparse_says() -> None:
    """A message id argparse no longer has would be a translation that never shows."""
    source = inspect.getsource(argparse)
    missing = [m for m in WORDS if repr(m) not in source and f'"{m}"' not in source]
    # Ids only the newer Pythons have (3.13's headings and warnings) are listed for them.
    newer = {"%(heading)s:", " (default: %(default)s)", "%(prog)s: warning: %(message)s\n", "subcommands"}
    assert set(missing) <= (newer if sys.version_info < (3, 13) else set()), missing


@pytest.mark.parametrize("args", [
    (b"validators", b"check", b"nope\xff.yaml"),
    (b"validators", b"evaluate", b"--society", b"x\xff"),
    (b"validators", b"--root", b"/tmp/\xff", b"check"),
    (b"site_builder", b"--root", b"/tmp/\xff", b"build"),
])
def test_a_value_that_is_not_utf8_is_a_usage_error(args: tuple[bytes, ...]) -> None:
    """A path or id whose bytes are not UTF-8 ended as exit 3 with “内部错误：UnicodeEncodeError”
    (a tester's case): it is a usage error, said with the byte shown as \\xff."""
    done = subprocess.run([sys.executable.encode(), b"-m", *args], capture_output=True, cwd=ROOT, timeout=120,
                          check=False)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert "含有不是 UTF-8 编码的字节" in stderr
    assert "\\xff" in stderr
    assert "Traceback" not in stderr


def test_a_workbook_written_to_a_name_that_is_not_utf8_is_not_written(tmp_path: Path) -> None:
    """`xlsx template … -o n\\xff.xlsx` wrote the file, then failed saying so (exit 3)."""
    target = os.fsencode(tmp_path) + b"/n\xff.xlsx"
    done = subprocess.run([sys.executable.encode(), b"-m", b"validators", b"xlsx", b"template", b"cd-new", b"2018",
                           b"-o", target], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 2, done.stderr.decode("utf-8")
    assert os.listdir(os.fsencode(tmp_path)) == []


def test_a_root_that_is_no_registry_is_a_usage_error(tmp_path: Path) -> None:
    """`--root /tmp check` read no file and passed with exit 0 (a tester's case)."""
    done = _run("validators", "--root", str(tmp_path), "check")
    assert done.returncode == 2, done.stderr
    assert "中没有 submissions/ 文件夹，不是登记仓库" in done.stderr
    (tmp_path / "submissions").mkdir()
    assert _run("validators", "--root", str(tmp_path), "check").returncode == 0


def test_a_name_that_is_not_utf8_is_written_not_failed_on(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`out` and `err` write such a byte as \\udcff rather than failing after the work is done
    (`xlsx import -o` had written its file and then ended in exit 3 saying so)."""
    from validators.console import err, out

    name = os.fsdecode(b"n\xff.yaml")
    out(f"已写入 {name}")
    err(f"找不到 {name}")
    written = capsysbinary.readouterr()
    assert written.out.decode("utf-8") == "已写入 n\\udcff.yaml\n"
    assert written.err.decode("utf-8") == "找不到 n\\udcff.yaml\n"
