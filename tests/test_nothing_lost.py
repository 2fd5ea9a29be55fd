"""Nothing lost: `check`, `evaluate` and the site build only read `submissions/`. Over a copy of the submissions tree (plus a broken file), in
every output format, for the whole tree and for single files, every file keeps its bytes and
its mode, and no file appears or disappears."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.guarded import run_validators
from tests.trees import ROOT


def snapshot(base: Path) -> dict[str, tuple[str, int]]:
    """Every entry under `base` (symlinks not followed): content hash and mode."""
    state: dict[str, tuple[str, int]] = {}
    for path in sorted(base.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            digest = "->" + str(path.readlink())
        elif path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = "dir"
        state[path.relative_to(base).as_posix()] = (digest, info.st_mode)
    return state


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "submissions", tmp_path / "submissions", symlinks=True)
    broken = tmp_path / "submissions" / "cd-broken"
    broken.mkdir()
    (broken / "2017.yaml").write_bytes(b"society: cd-broken\nyear: [2017\n")
    (broken / "2018.yaml").write_bytes("society: 成都\n".encode("gbk"))
    (broken / "evidence").mkdir()
    (broken / "evidence" / "outside.pdf").symlink_to("/etc/passwd")
    return tmp_path


@pytest.mark.parametrize("output", ["text", "json", "github", "markdown"])
def test_check_changes_no_file(tree: Path, output: str) -> None:
    before = snapshot(tree)
    assert len(before) > 20
    whole = run_validators("--root", tree, "check", "--format", output)
    some = run_validators("--root", tree, "check", "--format", output,
                          tree / "submissions/cd-broken/2017.yaml", tree / "submissions/cd-agri")
    for proc in (whole, some):
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == b""
    assert snapshot(tree) == before


def test_evaluate_and_site_build_change_no_file(tree: Path) -> None:
    import subprocess
    import sys

    before = snapshot(tree / "submissions")
    for output in ("text", "json", "csv"):
        proc = run_validators("--root", tree, "evaluate", "--format", output)
        assert proc.returncode == 0, proc.stderr
    site = tree / "out" / "site"
    build = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(tree), "build",
                            "--site-dir", str(site)], cwd=ROOT, capture_output=True, timeout=600, check=False)
    assert build.returncode == 0, build.stderr.decode()[-2000:]
    assert (site / "index.html").is_file()
    assert snapshot(tree / "submissions") == before
