"""The Makefile's virtual environment follows the Python it is asked for: `make test
PYTHON=python3.13` on a .venv built with 3.11 used to run the tests on 3.11 without a word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.clients import python_for
from tests.trees import ROOT

pytestmark = pytest.mark.slow


def _make(folder: Path, python: str) -> str:
    done = subprocess.run(["make", "venv", f"PYTHON={python}"], cwd=folder, capture_output=True,
                          text=True, timeout=300, check=True)
    return done.stdout


def _version(folder: Path) -> str:
    return subprocess.run([str(folder / ".venv" / "bin" / "python"), "-c",
                           "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def _copy_makefile(folder: Path) -> None:
    """The Makefile and what it runs, beside a lock that pins nothing (the pinned set is not
    what is tested here: an empty lock installs nothing, offline)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    (folder / ".ci").mkdir()
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    shutil.copy(ROOT / ".ci" / "find-python", folder / ".ci" / "find-python")
    (folder / "requirements.lock").write_text("# nothing pinned\n", encoding="utf-8")


def test_a_venv_of_another_python_is_rebuilt_with_the_one_asked_for(tmp_path: Path) -> None:
    _copy_makefile(tmp_path)
    first, second = python_for("3.11"), python_for("3.13")

    _make(tmp_path, first)
    assert _version(tmp_path) == "3.11"
    said = _make(tmp_path, second)
    assert _version(tmp_path) == "3.13"
    assert ".venv 是用 Python 3.11 建立的" in said
    [stamp] = (tmp_path / ".venv").glob(".installed*")
    assert stamp.name == ".installed-python3.13"
    built = stamp.stat().st_mtime_ns
    assert "重建" not in _make(tmp_path, second)  # the same Python again: nothing rebuilt
    assert stamp.stat().st_mtime_ns == built


def test_a_python_that_does_not_run_leaves_the_venv_as_it_is(tmp_path: Path) -> None:
    """With no version to compare, the venv was taken for another Python's and deleted."""
    _copy_makefile(tmp_path)
    _make(tmp_path, python_for("3.11"))
    [stamp] = (tmp_path / ".venv").glob(".installed*")
    (tmp_path / "requirements.lock").write_text("# changed\n", encoding="utf-8")  # the stamp is out of date
    done = subprocess.run(["make", "venv", f"PYTHON={tmp_path / 'no-such-python'}"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode != 0
    assert "找不到能运行的 Python" in done.stderr
    assert stamp.is_file()
    assert _version(tmp_path) == "3.11"
