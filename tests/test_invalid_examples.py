"""Example-driven tests: every file under tests/data/invalid/ states, in `# expect:` lines, each
finding (code, line, column) it must produce, and produces exactly those. Adding a case is
adding a file. Cases that cannot be committed as text are generated in `GENERATED`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trees import ROOT, profile, write_tree
from validators.check import check_file, check_tree
from validators.rules import cross_file

DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"
EXPECT = re.compile(r"^# expect: ([EW]-[A-Z0-9-]+) (\d+):(\d+)$", re.MULTILINE)
CASES = sorted(p for p in INVALID.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))


def _expected(path: Path) -> set[tuple[str, int, int]]:
    return {(c, int(line), int(col)) for c, line, col in EXPECT.findall(path.read_text("utf-8"))}


def _found(path: Path, root: Path) -> list:
    return check_file(path, root).findings


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(INVALID)))
def test_example_produces_exactly_its_findings(path: Path) -> None:
    expected = _expected(path)
    assert expected, f"{path} states no `# expect:` line"
    findings = _found(path, path.parents[2])
    assert {(f.code, f.line, f.column) for f in findings} == expected
    for f in findings:
        assert f.severity == ("error" if f.code.startswith("E-") else "warning")
        assert re.search(r"[\u4e00-\u9fff]", f.message), f.message


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _deep_evidence(tmp: Path) -> Path:
    big = tmp / "cd-case" / "evidence" / "video.mp4"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:  # sparse: 11 MB on paper, nothing on disk
        handle.truncate(11 * 1024 * 1024)
    return _write(tmp / "cd-case/2017.yaml", "society: cd-case\nyear: 2017\nmajor_work:\n  - id: mw-a\n"
                  "    kind: 党建\n    title: 党建\n    date: 2017-07-01\n    description: 活动\n"
                  "    evidence: [evidence/video.mp4]\n".encode())


GENERATED = {
    "E-YAML-ENCODING (GBK)": (lambda t: _write(t / "cd-case/2017.yaml",
                                               "society: cd-case\nyear: 2017\n# 中文注释\n".encode("gbk")),
                              {("E-YAML-ENCODING", 3, 3)}),
    "E-YAML-ENCODING (UTF-16)": (lambda t: _write(t / "cd-case/2017.yaml",
                                                  "society: cd-case\n".encode("utf-16")),
                                 {("E-YAML-ENCODING", 1, 1)}),
    "E-YAML-ENCODING (binary)": (lambda t: _write(t / "cd-case/2017.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8"),
                                 {("E-YAML-ENCODING", 1, 1)}),
    "E-YAML-CONTROL-CHAR": (lambda t: _write(t / "cd-case/2017.yaml", b"society: cd-case\nyear: 20\x0717\n"),
                            {("E-YAML-CONTROL-CHAR", 2, 9)}),
    "E-YAML-TOO-LARGE": (lambda t: _write(t / "cd-case/2017.yaml", b"# " + b"x" * 2_000_000 + b"\n"),
                         {("E-YAML-TOO-LARGE", 1, 1)}),
    "E-EVIDENCE-TOO-LARGE": (_deep_evidence, {("E-EVIDENCE-TOO-LARGE", 9, 16)}),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_example(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    path = make(tmp_path)
    assert {(f.code, f.line, f.column) for f in _found(path, tmp_path)} == expected


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    result, _ = check_tree(tmp_path, [tmp_path / "cd-case" / "2017.yaml"])
    assert [(f.code, f.line) for f in result.findings] == [("E-FILE-UNREADABLE", 1)]


def test_pilot_list_is_checked_when_the_year_has_one(tmp_path: Path, monkeypatch) -> None:
    from validators import check as check_module

    real = check_module.guideline(2017)
    listed = real.model_copy(update={"pilot_societies": ["cd-pilot"]})
    monkeypatch.setattr(check_module, "guideline", lambda year: listed if year == 2017 else None)
    path = _write(tmp_path / "cd-case/2017.yaml",
                  b"society: cd-case\nyear: 2017\ngovernment_functions:\n  pilot: true\n")
    assert [(f.code, f.line, f.column, f.clause) for f in _found(path, tmp_path)] == [
        ("E-PILOT-NOT-LISTED", 4, 10, "2.1")]


def _codes_in(paths: list[Path]) -> set[str]:
    return {m for p in paths for m in re.findall(r'"([EW]-[A-Z0-9-]+)"', p.read_text("utf-8"))}


def test_every_in_file_code_has_an_example() -> None:
    """A new finding code without an example fails here; cross-file codes are covered by
    tests/test_cross_file.py, file-system ones by the tests above."""
    in_file = _codes_in([p for p in (ROOT / "validators").rglob("*.py")
                         if p.name != "cross_file.py"])
    covered = {c for p in CASES for c, _, _ in _expected(p)}
    covered |= {c for _, codes in GENERATED.values() for c, _, _ in codes}
    covered |= {"E-FILE-UNREADABLE", "E-PILOT-NOT-LISTED", "E-PATH-SYMLINK"}
    assert in_file - covered == set()


def test_every_cross_file_code_is_tested() -> None:
    codes = _codes_in([Path(cross_file.__file__)])
    text = (Path(__file__).parent / "test_cross_file.py").read_text("utf-8")
    assert codes
    assert {c for c in codes if c not in text} == set()


@pytest.mark.parametrize("code", ["E-SCHEMA-UNKNOWN-KEY", "W-TEXT-MARKUP", "W-EXPERTS-RATE"])
def test_exit_code_follows_severity(code: str, tmp_path: Path) -> None:
    [case] = [p for p in CASES if p.parts[-3] == code]
    write_tree(tmp_path, {"cd-case/society.yaml": profile("cd-case")})
    path = tmp_path / "cd-case" / case.name
    path.write_bytes(case.read_bytes())
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(tmp_path),
                           "check", str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=False)
    assert done.returncode == (1 if code.startswith("E-") else 0)
    assert "Traceback" not in done.stdout + done.stderr
