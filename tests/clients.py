"""The third-party clients the tests drive: the npm tools pinned in package-lock.json (installed
by `make` with `npm ci`, never fetched at test time) and the machine's other Pythons.

Missing ones fail the test under CI=true, where `.ci/run` installs them, and skip it elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.trees import ROOT

NODE_BIN = ROOT / "node_modules" / ".bin"


def missing(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run and the Makefile)")
    pytest.skip(reason)


def npm_tool(name: str) -> Path:
    """A command of the pinned npm packages; node itself must be on PATH."""
    path = NODE_BIN / name
    if shutil.which("node") is None:
        missing("Node.js is not installed")
    if not path.is_file():
        missing(f"node_modules/.bin/{name} is missing: run `make` (npm ci) first")
    return path


def python_for(version: str) -> str:
    """The interpreter of one Python version, found as the Makefile finds its own."""
    done = subprocess.run(["sh", str(ROOT / ".ci" / "find-python"), version],
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        missing(f"no Python {version} on this machine")
    return done.stdout.strip()
