"""The "Done when" list of the foundation issue, each item through the real command line.

Every broken file sits where a society's report sits (`<tmp>/<society>/2017.yaml`, beside a
valid `society.yaml`) and is checked with `python -m validators check <society>/2017.yaml`
from that folder, as a secretary would run it. Each must exit 1 with a finding of the right
code and print no traceback. The 60 s timeout and the 1 GiB memory cap guard against hangs
and blow-ups; they are not timing assertions. Durations are printed (`pytest -s` shows them).

"Every finding code has a test" is tests/test_invalid_examples.py.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.trees import ROOT, profile

SOCIETY = "cd-done"
HANG_GUARD = 60  # seconds: a hang, never a slow machine (a check takes well under 1 s alone; 10 s ran out with 12 test workers on 2 cores)
MEMORY_CAP = 1 << 30  # bytes of address space


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _check(cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "validators", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=HANG_GUARD,
                          preexec_fn=_cap_memory, check=False)
    return done, time.perf_counter() - started


# --- the broken files --------------------------------------------------------------------------

HEAD = f"society: {SOCIETY}\nyear: 2017\n"


def _report_text(n: int) -> str:
    item = ("  - id: mw-{i}\n    kind: 党建\n    title: 第 {i} 次支部学习\n    date: 2017-07-01\n"
            "    description: 学习会议精神，交流学会党建工作经验\n")
    return HEAD + "major_work:\n" + "".join(item.format(i=i) for i in range(n))


def _twenty_megabytes() -> bytes:
    chunk = _report_text(1000).encode()
    return chunk * (20 * 1024 * 1024 // len(chunk) + 1)


def _binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return (HEAD + "\n".join(lines) + "\n").encode()


def _python_object(marker: Path) -> bytes:
    return (HEAD + "innovation: !!python/object/apply:os.system\n"
            f"  - 'echo pwned > {marker}'\n"
            "major_work: !!python/object:builtins.dict {}\n").encode()


CASES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "empty file": (lambda _: b"", "E-YAML-EMPTY"),
    "binary file": (lambda _: _binary(), "E-YAML-ENCODING"),
    "GBK file": (lambda _: ("# 学会 2017 年度报告\n" + _report_text(3)).encode("gbk"), "E-YAML-ENCODING"),
    "20 MB file": (lambda _: _twenty_megabytes(), "E-YAML-TOO-LARGE"),
    "60,000-level nested list": (lambda _: b"[" * 60_000 + b"]" * 60_000 + b"\n", "E-YAML-TOO-DEEP"),
    "60,000-level nested mapping": (lambda _: b"{a: " * 60_000 + b"1" + b"}" * 60_000 + b"\n",
                                    "E-YAML-TOO-DEEP"),
    "60,000-level block sequence": (lambda _: b"- " * 60_000 + b"x\n", "E-YAML-TOO-DEEP"),
    "billion laughs": (lambda _: _billion_laughs(), "E-YAML-ALIAS"),
    "!!python/object tag": (lambda tmp: _python_object(tmp / "pwned"), "E-YAML-TAG"),
    "root is a list": (lambda _: f"- society: {SOCIETY}\n- year: 2017\n".encode(), "E-YAML-ROOT"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_file_exits_one_with_its_finding(name: str, tmp_path: Path) -> None:
    make, code = CASES[name]
    folder = tmp_path / SOCIETY
    folder.mkdir()
    (folder / "society.yaml").write_text(profile(SOCIETY), encoding="utf-8")
    (folder / "2017.yaml").write_bytes(make(tmp_path))
    done, seconds = _check(tmp_path, f"{SOCIETY}/2017.yaml")
    print(f"\n{name}: {seconds:.2f} s")
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert done.returncode == 1, output
    assert done.stderr == ""
    findings = [line for line in done.stdout.splitlines() if line.startswith(f"{SOCIETY}/2017.yaml:")]
    assert findings, done.stdout
    assert all(f" {code} " in line for line in findings), findings
    assert not (tmp_path / "pwned").exists()


def test_sample_submissions_pass() -> None:
    if not any((ROOT / "submissions").glob("*/society.yaml")):
        pytest.skip("no sample data under submissions/")
    done, seconds = _check(ROOT)
    print(f"\nsubmissions/: {seconds:.2f} s")
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout
