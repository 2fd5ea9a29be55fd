"""A scratch Git repository holding the sample data on `main`, for the tests that open real pull
requests in it (the stale review and objections files, the fork audit)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from tests.trees import ROOT
from validators.association.admin_list import ADMINS_FILE

__all__ = ["git", "sample_repository"]

# Commits need a name; which one does not matter to any job (the pull request's author is said apart).
_IDENTITY = {"GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "tester@example.org",
             "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "tester@example.org"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, **_IDENTITY}).stdout


def sample_repository(tmp_path: Path, admins: Iterable[str], reviewers: Iterable[str] = ()) -> Path:
    """main: the sample submissions, reviews and frozen results, with `admins` (and `reviewers`,
    when any) in the admin list."""
    repo = tmp_path / "registry"
    for folder in ("submissions", "reviews", "results"):
        shutil.copytree(ROOT / folder, repo / folder)
    (repo / ".github").mkdir()
    listed = f"admins: [{', '.join(admins)}]\n"
    if reviewers := list(reviewers):
        listed += f"reviewers: [{', '.join(reviewers)}]\n"
    (repo / ADMINS_FILE).write_text(listed, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main")
    return repo
