"""The command line imports only the command it runs: building the parser needs no machinery, and
a `check` of one file (a pre-commit hook, an editor) never loads the workbooks, the evaluation
or the GitHub commands. Each case runs in a fresh interpreter, whose modules are its own."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT
from validators.cli import xlsx as xlsx_command
from validators.cli.arguments import REPORT_FORMATS, parse_day
from validators.reporters import FORMATS
from validators.year import cycle

VALID = ROOT / "tests" / "data" / "valid"
WINGS = ("validators.xlsx", "validators.evaluation", "validators.github", "openpyxl", "xlsxwriter")


def _modules_after(code: str) -> tuple[list[str], str]:
    """The modules of WINGS (and pydantic) imported after running `code`; and its stdout."""
    script = (f"import json, sys\n{code}\n"
              f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({(*WINGS, 'pydantic')!r}))),"
              " file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def test_building_the_parser_imports_no_machinery() -> None:
    imported, _ = _modules_after("from validators.cli import build_parser; build_parser()")
    assert imported == []


def test_checking_one_file_imports_no_wing() -> None:
    report = VALID / "cd-valid-lead" / "2017.yaml"
    imported, shown = _modules_after(
        "from validators.cli import main\n"
        f"assert main(['--root', {str(VALID)!r}, 'check', '--format', 'json', {str(report)!r}]) == 0")
    result = json.loads(shown)  # alone, without its consortium's other report: warnings only
    assert result["files"] == 1
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    assert [m for m in imported if m.startswith(WINGS)] == []


def test_the_format_choices_are_the_reporters() -> None:
    assert tuple(sorted(FORMATS)) == REPORT_FORMATS
    assert set(xlsx_command._FORMATS) <= set(FORMATS)  # the import's findings: no markdown


def test_the_date_argument_is_the_cycles() -> None:
    assert parse_day("2018-01-19") == cycle.parse_day("2018-01-19")
    # The cycle's words, as argparse says an ArgumentTypeError's (a ValueError's would name the type).
    with pytest.raises(argparse.ArgumentTypeError, match="ISO"):
        parse_day("2018/01/19")


def test_a_bad_date_is_still_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(tmp_path), "finalize", "2018",
                           "--date", "2018/01/19"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          check=False)
    assert done.returncode == 2, done.stderr
    assert "参数 --date：日期应写作 2018-01-19 这样的 ISO 格式：'2018/01/19'" in done.stderr
