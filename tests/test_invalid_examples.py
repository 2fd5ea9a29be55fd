"""Example-driven tests: every file under tests/data/invalid/<CODE>/<society>/ states, in
`# expect: CODE LINE:COLUMN` lines, each finding it must produce, and produces exactly those.
Adding a case is adding a file (and its sibling evidence files, if it needs any). Cases that
cannot be committed as text (other encodings, binary, huge, symlinks) are built in `GENERATED`."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.trees import ROOT, profile
from validators.check import check_file, check_tree
from validators.findings import Finding
from validators.year.guideline import guideline

DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"
EXPECT = re.compile(r"^# expect: ([EW]-[A-Z0-9-]+) (\d+):(\d+)$", re.MULTILINE)
CASES = sorted(p for p in INVALID.rglob("*")
               if p.is_file() and p.suffix in (".yaml", ".yml") and "evidence" not in p.parts)
CLAUSES = set(guideline(2017).clauses)
Expected = set[tuple[str, int, int]]


def _expected(data: bytes) -> Expected:
    text = data.decode("utf-8", errors="replace")
    return {(c, int(line), int(col)) for c, line, col in EXPECT.findall(text)}


def _located(findings: list[Finding]) -> Expected:
    return {(f.code, f.line, f.column) for f in findings}


def _assert_well_formed(findings: list[Finding]) -> None:
    for f in findings:
        assert f.severity == ("error" if f.code.startswith("E-") else "warning"), f
        assert re.search(r"[\u4e00-\u9fff]", f.message), f
        assert f.clause is None or f.clause in CLAUSES, f
        assert f.line >= 1, f
        assert f.column >= 1, f


def _case_id(path: Path) -> str:
    return str(path.relative_to(INVALID))


@pytest.mark.parametrize("path", CASES, ids=_case_id)
def test_example_produces_exactly_its_findings(path: Path) -> None:
    data = path.read_bytes()
    expected = _expected(data)
    assert expected, f"{path} states no `# expect: CODE LINE:COLUMN` line"
    malformed = [line for line in data.decode("utf-8").splitlines()
                 if line.startswith("# expect") and not EXPECT.match(line)]
    assert not malformed, f"malformed expectation lines: {malformed}"
    assert path.relative_to(INVALID).parts[0] in {c for c, _, _ in expected}, (
        "a case is filed under a code it produces")
    findings = check_file(path, path.parents[2]).findings
    assert _located(findings) == expected
    _assert_well_formed(findings)


# --- cases built at test time ------------------------------------------------------------------

def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _report(data: bytes) -> Callable[[Path], Path]:
    return lambda tmp: _write(tmp / "cd-case" / "2017.yaml", data)


def _big_evidence(tmp: Path) -> Path:
    big = tmp / "cd-case" / "evidence" / "video.mp4"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:  # sparse: 11 MB on paper, nothing on disk
        handle.truncate(11 * 1024 * 1024)
    return _write(tmp / "cd-case/2017.yaml", "society: cd-case\nyear: 2017\nmajor_work:\n  - id: mw-a\n"
                  "    kind: 党建\n    title: 党建\n    date: 2017-07-01\n    description: 活动\n"
                  "    evidence: [evidence/video.mp4]\n".encode())


def _symlinked(tmp: Path) -> Path:
    real = _write(tmp / "elsewhere.yaml", b"society: cd-case\nyear: 2017\n")
    link = tmp / "cd-case" / "2017.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    return link


def _directory(tmp: Path) -> Path:
    path = tmp / "cd-case" / "2017.yaml"
    path.mkdir(parents=True)
    return path


GENERATED: dict[str, tuple[Callable[[Path], Path], Expected]] = {
    "E-YAML-ENCODING (GBK)": (
        _report("society: cd-case\nyear: 2017\n# 中文注释\n".encode("gbk")), {("E-YAML-ENCODING", 3, 3)}),
    "E-YAML-ENCODING (GBK value)": (
        _report("society: cd-case\nyear: 2017\nmajor_work:\n  - title: 党建\n".encode("gbk")),
        {("E-YAML-ENCODING", 4, 12)}),
    "E-YAML-ENCODING (UTF-16)": (
        _report("society: cd-case\n".encode("utf-16")), {("E-YAML-ENCODING", 1, 1)}),
    "E-YAML-ENCODING (binary)": (
        _report(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8"), {("E-YAML-ENCODING", 1, 1)}),
    "E-YAML-CONTROL-CHAR": (
        _report(b"society: cd-case\nyear: 20\x0717\n"), {("E-YAML-CONTROL-CHAR", 2, 9)}),
    "E-YAML-HIDDEN-CHAR (raw U+200B in a value)": (
        _report("society: cd-case\nyear: 2017\nmajor_work:\n  - title: 党\u200b建\n".encode()),
        {("E-YAML-HIDDEN-CHAR", 4, 13)}),
    "E-YAML-HIDDEN-CHAR (raw U+061C)": (
        _report("society: cd-case\u061c\n".encode()), {("E-YAML-HIDDEN-CHAR", 1, 17)}),
    "E-YAML-HIDDEN-CHAR (raw Hangul filler U+3164)": (
        _report("society: \u3164\n".encode()), {("E-YAML-HIDDEN-CHAR", 1, 10)}),
    "E-YAML-HIDDEN-CHAR (raw tag characters)": (
        _report("society: cd-case\U000e0041\U000e007f\n".encode()), {("E-YAML-HIDDEN-CHAR", 1, 17)}),
    "E-YAML-TOO-LARGE": (
        _report(b"# " + b"x" * 2_000_000 + b"\n"), {("E-YAML-TOO-LARGE", 1, 1)}),
    "E-YAML-TOO-DEEP (60,000 levels)": (
        _report(b"[" * 60_000 + b"]" * 60_000 + b"\n"), {("E-YAML-TOO-DEEP", 1, 33)}),
    "E-YAML-EMPTY (zero bytes)": (_report(b""), {("E-YAML-EMPTY", 1, 1)}),
    "E-EVIDENCE-TOO-LARGE": (_big_evidence, {("E-EVIDENCE-TOO-LARGE", 9, 16)}),
    "E-PATH-SYMLINK": (_symlinked, {("E-PATH-SYMLINK", 1, 1)}),
    "E-FILE-UNREADABLE (a folder named 2017.yaml)": (_directory, {("E-FILE-UNREADABLE", 1, 1)}),
    "E-PATH-UNSAFE (a zero-width space in the name)": (
        lambda tmp: _write(tmp / "cd-case" / "2017\u200b.yaml", b"society: cd-case\nyear: 2017\n"),
        {("E-PATH-UNSAFE", 1, 1)}),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_example(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    findings = check_file(make(tmp_path), tmp_path).findings
    assert _located(findings) == expected
    _assert_well_formed(findings)


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    result, _ = check_tree(tmp_path, [tmp_path / "cd-case" / "2017.yaml"])
    assert [(f.code, f.line, f.column) for f in result.findings] == [("E-FILE-UNREADABLE", 1, 1)]
    _assert_well_formed(result.findings)


def test_pilot_claim_is_confirmed_by_the_association_list(tmp_path: Path) -> None:
    """A tree carries its own year file: here 2017 with a published pilot list."""
    own = tmp_path / "validators" / "guidelines"
    own.mkdir(parents=True)
    shipped = (ROOT / "validators" / "guidelines" / "2017.yaml").read_text("utf-8")
    assert "pilot_societies: []" in shipped
    (own / "2017.yaml").write_text(shipped.replace("pilot_societies: []", "pilot_societies: [cd-pilot]"),
                                   "utf-8")
    report = "society: {0}\nyear: 2017\ngovernment_functions:\n  pilot: true\n"
    path = _write(tmp_path / "submissions/cd-case/2017.yaml", report.format("cd-case").encode())
    findings = check_file(path, tmp_path).findings
    assert [(f.code, f.line, f.column, f.clause) for f in findings] == [
        ("W-PILOT-NOT-CONFIRMED", 4, 10, "2.1")]
    assert "不在市科协公布的 2017 年首批承能试点学会名单中" in findings[0].message
    _assert_well_formed(findings)
    listed_one = _write(tmp_path / "submissions/cd-pilot/2017.yaml", report.format("cd-pilot").encode())
    assert check_file(listed_one, tmp_path).findings == []
    unclaimed = _write(tmp_path / "submissions/cd-pilot/2017.yaml",
                       report.format("cd-pilot").replace("pilot: true", "pilot: false").encode())
    findings = check_file(unclaimed, tmp_path).findings
    assert [(f.code, f.line, f.column) for f in findings] == [("W-PILOT-NOT-CLAIMED", 4, 10)]
    _assert_well_formed(findings)


# --- every code has an example ---------------------------------------------------------------

# Codes whose example is a dedicated test above rather than a file or a GENERATED entry.
TESTED_ABOVE: dict[str, object] = {
    "W-PILOT-NOT-CLAIMED": test_pilot_claim_is_confirmed_by_the_association_list,
    # A year file's, not a report's: each kind of disagreement has its test there.
    "E-YEAR-FILE": "tests/test_year_consistency.py",
    "W-YEAR-RULE-LABEL": "tests/test_year_consistency.py",
    "W-YEAR-NOTE-DEFAULT": "tests/test_year_leftovers.py",
    "W-YEAR-RUBRIC-TITLE": "tests/test_year_leftovers.py"}


def _codes_in(paths: list[Path]) -> set[str]:
    return {m for p in paths for m in re.findall(r"""["']([EW]-[A-Z0-9]+(?:-[A-Z0-9]+)+)["']""",
                                                  p.read_text("utf-8"))}


def _imported_by(module: Path) -> set[Path]:
    """`module` and every module of the validators package it imports, transitively."""
    package = ROOT / "validators"
    seen: set[Path] = set()
    todo = [module]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] != "validators":
                    continue
                base = ROOT.joinpath(*name.split("."))
                for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                    if candidate.is_file() and candidate.is_relative_to(package):
                        todo.append(candidate)
    return seen


def test_every_in_file_code_has_an_example() -> None:
    """Every code that `check` can give one file (the modules validators/check.py imports) has
    an example; a new code without one fails here. Codes of the rules across files
    (validators/rules/cross_file*.py) are tested in tests/test_cross_file.py and
    tests/test_cross_claims.py."""
    sources = [p for p in _imported_by(ROOT / "validators" / "check.py")
               if not p.name.startswith("cross_file")]
    assert ROOT / "validators" / "rules" / "academic_events.py" in sources
    in_file = _codes_in(sources)
    assert len(in_file) > 40
    covered = {c for p in CASES for c, _, _ in _expected(p.read_bytes())}
    covered |= {c for _, codes in GENERATED.values() for c, _, _ in codes}
    covered |= set(TESTED_ABOVE)
    from tests.test_review_examples import COVERED as REVIEW_CODES  # review files' own examples
    covered |= REVIEW_CODES
    assert in_file - covered == set(), "finding codes without an example"


def test_every_code_folder_is_a_code_of_the_code_base() -> None:
    """A renamed code leaves no orphan folder of examples behind."""
    known = _codes_in(list((ROOT / "validators").rglob("*.py")))
    assert {p.name for p in INVALID.iterdir()} - known == set()


# --- the command line agrees, and exits by severity ------------------------------------------

CLI_SAMPLE = [
    "E-YAML-TAG/cd-case/2017.yaml",
    "E-YAML-DUPLICATE-KEY/cd-case/2017.yaml",
    "E-SCHEMA-UNKNOWN-KEY/cd-nested/2017.yaml",
    "E-SCHEMA-DATE/cd-quoted/2017.yaml",
    "E-THRESHOLD-PROVINCES/cd-case/2017.yaml",
    "E-DATE-OUTSIDE-WINDOW/cd-areas/2017.yaml",
    "E-EVIDENCE-MISSING/cd-directory/2017.yaml",
    "E-URL-SCHEME/cd-case/society.yaml",
    "E-PRIVACY-PHONE/cd-profile/society.yaml",
    "W-TEXT-MARKUP/cd-case/2017.yaml",
    "W-EXPERTS-RATE/cd-case/2017.yaml",
    "W-RESEARCH-NO-ACHIEVEMENT/cd-case/2017.yaml",
    "W-TEXT-OTHER-YEAR/cd-case/2018.yaml",
]


def _run_check(root: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check",
                           "--format", "json", str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)


@pytest.mark.parametrize("case", CLI_SAMPLE)
def test_command_line_reports_the_same_and_exits_by_severity(case: str, tmp_path: Path) -> None:
    source = INVALID / case
    folder = tmp_path / source.parent.name
    shutil.copytree(source.parent, folder)  # with its sibling evidence files
    if not (folder / "society.yaml").exists():
        (folder / "society.yaml").write_text(profile(folder.name), encoding="utf-8")
    done = _run_check(tmp_path, folder / source.name)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    expected = _expected(source.read_bytes())
    assert report["files"] == 1
    assert {(f["code"], f["line"], f["column"]) for f in report["findings"]} == expected
    assert done.returncode == (1 if any(c.startswith("E-") for c, _, _ in expected) else 0)


def test_command_line_exits_one_on_a_generated_encoding_case(tmp_path: Path) -> None:
    make, expected = GENERATED["E-YAML-ENCODING (GBK)"]
    done = _run_check(tmp_path, make(tmp_path))
    assert done.returncode == 1
    assert {(f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)["findings"]} == expected


def test_a_duplicate_id_names_the_line_of_its_first_use() -> None:
    """The first use's line is looked up only when a duplicate needs it: still the right line."""
    case = Path(__file__).parent / "data/invalid/E-ID-DUPLICATE/cd-case/2017.yaml"
    first = next(i for i, line in enumerate(case.read_text("utf-8").splitlines(), 1) if "id: evt-a" in line)
    [found] = [f for f in check_file(case, case.parents[1]).findings if f.code == "E-ID-DUPLICATE"]
    assert f"第 {first} 行已使用" in found.message
    assert found.line > first


def test_a_count_in_another_base_or_with_a_plus_sign_is_told_how_to_write_it() -> None:
    """0x10 and +12 stay text (they were scored 16 and 12): the finding says how a count is written."""
    path = INVALID / "E-SCHEMA-TYPE" / "cd-hex-count" / "2017.yaml"
    messages = [f.message for f in check_file(path, path.parents[2]).findings]
    assert len(messages) == 2
    assert all("不加引号、正号" in m and "0x10、0o17 这样的十六进制、八进制" in m for m in messages), messages
