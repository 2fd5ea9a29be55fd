"""Started with a Python that lacks the pinned dependencies (the system's `python` instead of
`.venv`'s), the entry points say in Chinese what to run instead, and exit 2: never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.trees import ROOT
from validators.console import missing_dependency, said_import_failure
from validators.exit_codes import EXIT_INTERNAL, EXIT_USAGE

# -S: no site-packages, so only the standard library and this repository can be imported.
_WITHOUT_SITE_PACKAGES = ("import runpy, sys; sys.path.insert(0, {root!r}); sys.argv[0] = {package!r}; "
                          "runpy.run_module({package!r}, run_name='__main__', alter_sys=True)")


def _run_bare(package: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = _WITHOUT_SITE_PACKAGES.format(root=str(ROOT), package=package)
    return subprocess.run([sys.executable, "-S", "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, env={"PATH": "/usr/bin:/bin"}, timeout=60, check=False)


@pytest.mark.parametrize(("package", "args"), [
    ("validators", ("doctor",)),  # the README's first command for an administrator
    ("validators", ("check",)),
    ("validators", ("evaluate", "--format", "json")),
    ("site_builder", ("build",)),
])
def test_a_python_without_the_dependencies_is_told_what_to_run(package: str, args: tuple[str, ...]) -> None:
    done = _run_bare(package, *args)
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert "没有安装本仓库需要的第三方包" in done.stderr
    assert "make check" in done.stderr
    assert f".venv/bin/python -m {package}" in done.stderr


def test_help_still_needs_no_dependency() -> None:
    done = _run_bare("validators", "--help")
    assert done.returncode == 0, done.stderr
    assert "doctor" in done.stdout


def test_a_missing_module_of_this_repository_is_a_bug_not_a_dependency(capsys: pytest.CaptureFixture[str]) -> None:
    assert missing_dependency(ModuleNotFoundError("x", name="validators.nowhere")) is None
    assert missing_dependency(ModuleNotFoundError("x", name="yaml_rs.inner")) == "yaml_rs"
    assert said_import_failure(ModuleNotFoundError("gone", name="site_builder.gone"), "site_builder") == EXIT_INTERNAL
    assert "内部错误" in capsys.readouterr().err
