"""The pre-commit hook as a society's own repository uses it: `pre-commit try-repo` (the pinned
pre-commit) against a commit of this repository, on a good and a broken file, with the hook's
environment built on Python 3.11 and on 3.13.

pre-commit installs a `language: python` hook with `pip install .` into a fresh virtualenv, so
this checks `requires-python` and the package data as a consumer gets them. The dependencies
come from the package index pip is configured with (pre-commit does not read requirements.lock).
The hook environment's interpreter is chosen through virtualenv's `VIRTUALENV_PYTHON`, which is
what virtualenv uses when pre-commit asks for its default version.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clients import python_for
from tests.trees import ROOT

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
SAMPLE = Path("submissions/cd-tcm")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          timeout=120).stdout


def _commit_all(repo: Path) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=test", "-c", "user.email=test@example.org",
         "commit", "-q", "--no-verify", "-m", "snapshot")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository as it stands (tracked and new files), committed in a temporary clone."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file() and not source.is_symlink():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / rel)
    _git(repo, "init", "-q")
    _commit_all(repo)
    return repo


def _consumer(base: Path, broken: bool) -> Path:
    """A society's repository with its folder, optionally with one unknown key added."""
    repo = base / ("broken" if broken else "good")
    shutil.copytree(ROOT / SAMPLE, repo / SAMPLE)
    if broken:
        report = repo / SAMPLE / "2017.yaml"
        report.write_text(report.read_text("utf-8").replace("year: 2017\n", "year: 2017\nnotes: 补充\n", 1),
                          encoding="utf-8")
    _git(repo, "init", "-q")
    _commit_all(repo)
    return repo


def _try_repo(consumer: Path, hook_repo: Path, python: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIRTUALENV_PYTHON": python, "PRE_COMMIT_COLOR": "never",
           "PRE_COMMIT_HOME": str(consumer.parent / "pre-commit-home")}
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(hook_repo), "society-check", "--all-files"],
                          cwd=consumer, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize("version", ["3.11", "3.13"])
def test_hook_passes_a_good_file_and_fails_a_broken_one(
        version: str, hook_repo: Path, tmp_path: Path) -> None:
    assert PRE_COMMIT.is_file(), "pre-commit is a pinned dev dependency"
    python = python_for(version)
    # The interpreter virtualenv gives a hook environment under this setting.
    probe = tmp_path / "probe"
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", str(probe)], check=True, timeout=120,
                   env={**os.environ, "VIRTUALENV_PYTHON": python})
    made = subprocess.run([str(probe / "bin" / "python"), "-c", "import sys; print(sys.version)"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    assert made.startswith(version + ".")

    good = _try_repo(_consumer(tmp_path, broken=False), hook_repo, python)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "学会提交检查" in good.stdout
    assert "Passed" in good.stdout

    broken = _try_repo(_consumer(tmp_path, broken=True), hook_repo, python)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert "submissions/cd-tcm/2017.yaml:5:1" in broken.stdout
    assert "未知字段“notes”" in broken.stdout
