"""Runs the real command line in a subprocess with a memory cap and a hang guard."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from tests.trees import ROOT

MEMORY_CAP = 1 << 30  # bytes of address space for the checker
HANG_GUARD = 120  # seconds; a guard against hangs, not a timing assertion


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_validators(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "validators", *map(str, args)], cwd=cwd,
                          capture_output=True, timeout=HANG_GUARD, preexec_fn=_cap_memory,
                          check=False)


def run_in_process(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """The command line called in this process, its output captured as the bytes a process
    would print: for inputs that need no memory cap or hang guard (the committed corpus is
    small files; pipes, devices and huge files keep `run_validators`)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from validators.cli import main

    stdout, stderr = io.BytesIO(), io.BytesIO()
    out, err = io.TextIOWrapper(stdout, "utf-8"), io.TextIOWrapper(stderr, "utf-8")
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    for stream in (out, err):
        stream.flush()
        stream.detach()  # keep the bytes: closing the wrapper would close them
    return subprocess.CompletedProcess(list(map(str, args)), code, stdout.getvalue(), stderr.getvalue())


def run_check(*paths: Path) -> subprocess.CompletedProcess[bytes]:
    """`check --format json` over `paths`, from the repository root."""
    return run_validators("check", "--format", "json", *paths)
