"""Hostile input: every file under tests/data/hostile/ (and every case generated below) is checked
by the real command line, in a subprocess with a memory cap and a hang guard. Each must give its
stated finding codes at a line ≥ 1, exit 1 (0 when it holds only warnings), write nothing to
stderr and never print a traceback.

A committed case states its expectations in leading comments: `# expect: CODE [LINE]`, one line
per finding, or `# expect: nothing`; `# file: society.yaml` makes the case the profile rather
than the 2017 report. Cases that cannot be committed as small text files (other
encodings, big files, symlinks, named pipes) are built in `GENERATED`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.guarded import run_check, run_in_process, run_validators
from tests.trees import profile
from validators.check import check_tree
from validators.yaml.policy import policy

HOSTILE = Path(__file__).parent / "data" / "hostile"
SOCIETY = "cd-hostile"
EXPECT = re.compile(r"^# expect: (nothing|[EW]-[A-Z0-9-]+)(?: (\d+))?$")
TARGET = re.compile(rb"^# file: (society\.yaml)$", re.MULTILINE)
Expectation = list[tuple[str, int | None]]


def expectations(data: bytes) -> Expectation:
    """The `# expect:` lines of the leading comment block (ASCII, whatever the file's encoding)."""
    found: Expectation = []
    for raw in data.removeprefix(b"\xef\xbb\xbf").splitlines():
        if not raw.startswith(b"#"):
            break
        match = EXPECT.match(raw.decode("ascii", errors="replace").rstrip())
        if match and match.group(1) != "nothing":
            found.append((match.group(1), int(match.group(2)) if match.group(2) else None))
    return found


def society_folder(tmp: Path, report: bytes | None = None) -> Path:
    """`<tmp>/cd-hostile/` with a valid profile and, when given, `2017.yaml` holding `report`."""
    folder = tmp / SOCIETY
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "society.yaml").write_text(textwrap.dedent(profile(SOCIETY)).lstrip(), encoding="utf-8")
    if report is not None:
        (folder / "2017.yaml").write_bytes(report)
    return folder


def assert_outcome(folder: Path, expected: Expectation, in_process: bool = False) -> None:
    proc = run_in_process("check", "--format", "json", folder) if in_process else run_check(folder)
    output = proc.stdout + proc.stderr
    assert b"Traceback" not in output
    assert proc.stderr == b"", proc.stderr.decode("utf-8", errors="replace")
    findings = json.loads(proc.stdout)["findings"]
    for f in findings:
        assert f["line"] >= 1, f
        assert f["column"] >= 1, f
        assert re.search(r"[\u4e00-\u9fff]", f["message"]), f
    assert {f["code"] for f in findings} == {code for code, _ in expected}, findings
    for code, line in expected:
        lines = [f["line"] for f in findings if f["code"] == code]
        assert line is None or line in lines, (code, line, lines)
    has_errors = any(code.startswith("E-") for code, _ in expected)
    assert proc.returncode == (1 if has_errors else 0), (proc.returncode, findings)


CASES = sorted(p for p in HOSTILE.iterdir() if p.suffix == ".yaml")


def test_corpus_is_large_and_every_case_states_its_outcome() -> None:
    assert len(CASES) >= 40
    for path in CASES:
        assert b"# expect: " in path.read_bytes()[:2000], f"{path.name} states no `# expect:` line"


def place(case: Path, tmp: Path) -> Path:
    """The society folder holding `case` as its 2017 report (or as its profile)."""
    folder, data = society_folder(tmp), case.read_bytes()
    target = TARGET.search(data)
    (folder / (target.group(1).decode() if target else "2017.yaml")).write_bytes(data)
    return folder


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_committed_case(path: Path, tmp_path: Path) -> None:
    # Small text files: checked in this process (the cases built below that need a memory cap,
    # a hang guard or a real file system oddity run the real command in a subprocess).
    assert_outcome(place(path, tmp_path), expectations(path.read_bytes()), in_process=True)


# --- cases built at test time ----------------------------------------------------------------

HEAD = "society: cd-hostile\nyear: 2017\n"


def _major_work(title: str = "党建活动", evidence: str = "'https://example.org/a'") -> str:
    return (HEAD + "major_work:\n  - id: mw-a\n    kind: 党建\n"
            f"    title: {title}\n    date: 2017-07-01\n    description: 活动\n"
            f"    evidence: [{evidence}]\n")


def _report(text: str | bytes) -> Callable[[Path], Path]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return lambda tmp: society_folder(tmp, data)


def _with_evidence(ref: str, make: Callable[[Path], None]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        folder = society_folder(tmp, _major_work(evidence=f"'{ref}'").encode())
        (folder / "evidence").mkdir()
        make(folder)
        return folder
    return build


def _symlinked_report(tmp: Path) -> Path:
    folder = society_folder(tmp)
    target = tmp / "elsewhere.yaml"
    target.write_text(_major_work(), encoding="utf-8")
    (folder / "2017.yaml").symlink_to(target)
    return folder


def _symlinked_folder(tmp: Path) -> Path:
    real = society_folder(tmp / "real", _major_work().encode())
    link = tmp / "tree" / SOCIETY
    link.parent.mkdir()
    link.symlink_to(real, target_is_directory=True)
    return link / "2017.yaml"


def _report_to_dev_zero(tmp: Path) -> Path:
    report = society_folder(tmp) / "2017.yaml"
    report.symlink_to("/dev/zero")
    return report


def _folder_with_dev_zero(tmp: Path) -> Path:
    return _report_to_dev_zero(tmp).parent


def _folder_with_named_pipe(tmp: Path) -> Path:
    folder = society_folder(tmp)
    os.mkfifo(folder / "2017.yaml")
    return folder


GENERATED: dict[str, tuple[Callable[[Path], Path], Expectation]] = {
    # encodings
    "utf-16-le-bom": (_report(HEAD.encode("utf-16")), [("E-YAML-ENCODING", 1)]),
    "utf-16-le": (_report(HEAD.encode("utf-16-le")), [("E-YAML-ENCODING", 1)]),
    "utf-16-be": (_report(HEAD.encode("utf-16-be")), [("E-YAML-ENCODING", 1)]),
    "utf-16-be-bom": (_report(b"\xfe\xff" + HEAD.encode("utf-16-be")), [("E-YAML-ENCODING", 1)]),
    "utf-32": (_report(HEAD.encode("utf-32")), [("E-YAML-ENCODING", 1)]),
    "gbk-only-chinese": (_report(_major_work().encode("gbk")), [("E-YAML-ENCODING", 5)]),
    "binary-png": (_report(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                   [("E-YAML-ENCODING", 1)]),
    "binary-mp4": (_report(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256))),
                   [("E-YAML-ENCODING", 1)]),
    "binary-after-text": (_report(HEAD.encode() + b"x: \x00\xff\xfe\x00"), [("E-YAML-ENCODING", 3)]),
    "nul-in-text": (_report(HEAD + "x: a\x00b\n"), [("E-YAML-CONTROL-CHAR", 3)]),
    # size
    "oversized-file-comments": (_report(b"# " + b"x" * 2_000_000 + b"\n" + HEAD.encode()),
                                [("E-YAML-TOO-LARGE", 1)]),
    "oversized-file-one-string": (_report(_major_work(title="长" * 700_000)), [("E-YAML-TOO-LARGE", 1)]),
    "oversized-string-under-cap": (_report(_major_work(title="x" * 1_000_000)),
                                   [("E-SCHEMA-RANGE", 6)]),
    "oversized-string-5000": (_report(_major_work(title="长" * 5000)), [("E-SCHEMA-RANGE", 6)]),
    "oversized-list": (_report(_major_work(evidence=", ".join(["'https://example.org/a'"] * 3000))),
                       [("E-SCHEMA-RANGE", 9)]),
    "many-keys": (_report(HEAD + "".join(f"k{i}: {i}\n" for i in range(50_000))),
                  [("E-SCHEMA-UNKNOWN-KEY", 3)]),
    # nesting
    "nesting-flow-100000": (_report(HEAD + "major_work: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                            [("E-YAML-TOO-DEEP", 3)]),
    "nesting-flow-mapping-60000": (_report(HEAD + "x: " + "{a: " * 60_000 + "1" + "}" * 60_000 + "\n"),
                                   [("E-YAML-TOO-DEEP", 3)]),
    "nesting-block-sequence-60000": (_report(HEAD + "major_work:\n" + "- " * 60_000 + "x\n"),
                                     [("E-YAML-TOO-DEEP", 4)]),
    "nesting-block-mapping-1000": (_report(HEAD + "".join(" " * i + "k:\n" for i in range(1000))),
                                   [("E-YAML-TOO-DEEP", None)]),
    "nesting-unclosed-100000": (_report(HEAD + "major_work: " + "[" * 100_000 + "\n"),
                                [("E-YAML-TOO-DEEP", 3)]),
    "alias-bomb-wide": (_report("a: &a [" + ",".join(["x"] * 1000) + "]\n"
                                + "".join(f"b{i}: [*a, *a, *a]\n" for i in range(1000))),
                        [("E-YAML-ALIAS", 1)]),
    # file system
    "symlinked-report": (_symlinked_report, [("E-PATH-SYMLINK", 1)]),
    "symlinked-folder": (_symlinked_folder, [("E-PATH-SYMLINK", 1)]),
    "report-is-dev-zero": (_report_to_dev_zero, [("E-PATH-SYMLINK", 1)]),
    "folder-with-dev-zero": (_folder_with_dev_zero, [("E-PATH-SYMLINK", 1)]),
    "folder-with-named-pipe": (_folder_with_named_pipe, [("E-FILE-UNREADABLE", 1)]),
    "evidence-symlink-outside": (
        _with_evidence("evidence/passwd", lambda f: (f / "evidence/passwd").symlink_to("/etc/passwd")),
        [("E-EVIDENCE-OUTSIDE", 9)]),
    "evidence-symlink-inside": (
        _with_evidence("evidence/b.pdf", lambda f: (
            (f / "evidence/a.pdf").write_bytes(b"%PDF-1.4\n"),
            (f / "evidence/b.pdf").symlink_to("a.pdf"))),
        [("E-EVIDENCE-OUTSIDE", 9)]),
    "evidence-symlink-loop": (
        _with_evidence("evidence/loop", lambda f: (f / "evidence/loop").symlink_to("loop")),
        [("E-EVIDENCE-MISSING", 9)]),
    "evidence-folder-symlink": (
        _with_evidence("evidence/etc/passwd", lambda f: (f / "evidence/etc").symlink_to("/etc")),
        [("E-EVIDENCE-OUTSIDE", 9)]),
    "evidence-named-pipe": (
        _with_evidence("evidence/pipe", lambda f: os.mkfifo(f / "evidence/pipe")),
        [("E-EVIDENCE-MISSING", 9)]),
    "evidence-directory": (_with_evidence("evidence", lambda f: None), [("E-EVIDENCE-MISSING", 9)]),
    "evidence-name-too-long": (_with_evidence("evidence/" + "a" * 300 + ".pdf", lambda f: None),
                               [("E-EVIDENCE-MISSING", 9)]),
    # A path, not words (E-EVIDENCE-WORDS): a "/" and an extension, and a name far past NAME_MAX.
    "evidence-path-too-long": (_with_evidence("evidence/" + "证" * 1500 + ".pdf", lambda f: None),
                               [("E-EVIDENCE-MISSING", 9)]),
    "evidence-words-too-long": (_with_evidence("证" * 1500, lambda f: None), [("E-EVIDENCE-WORDS", 9)]),
    "evidence-present": (_with_evidence("evidence/a.pdf",
                                        lambda f: (f / "evidence/a.pdf").write_bytes(b"%PDF-1.4\n")), []),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    assert_outcome(make(tmp_path), expected)


# --- special files found while listing the submissions tree ---------------------------------------

VALID = Path(__file__).parent / "data" / "valid"


@contextmanager
def _hang_guard(seconds: int = 30) -> Iterator[None]:
    """Fails the test instead of hanging it: opening a named pipe blocks until a writer comes."""
    def fail(signum: int, frame: object) -> None:
        # Not an OSError (as TimeoutError is): the code under test would swallow that one.
        pytest.fail("the check opened a named pipe")
    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _tree_with_special_files(root: Path, dev_zero: bool = True) -> Path:
    """`submissions/` with valid societies, plus a pipe and a symlink to /dev/zero in one of them."""
    submissions = root / "submissions"
    for folder in VALID.iterdir():
        shutil.copytree(folder, submissions / folder.name, symlinks=True)
    folder = society_folder(submissions)
    os.mkfifo(folder / "2017.yaml")
    if dev_zero:
        (folder / "2018.yaml").symlink_to("/dev/zero")
    return folder


SPECIAL = {(f"submissions/{SOCIETY}/2017.yaml", "E-FILE-UNREADABLE", 1),
           (f"submissions/{SOCIETY}/2018.yaml", "E-PATH-SYMLINK", 1)}


def _special_findings(findings: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(f["file"], f["code"], f["line"]) for f in findings if SOCIETY in str(f["file"])}


@pytest.mark.parametrize("scope", ["tree", "folder", "files"])
def test_pipes_and_device_links_in_the_tree_are_reported_unopened(scope: str, tmp_path: Path) -> None:
    folder = _tree_with_special_files(tmp_path)
    paths = {"tree": [], "folder": [folder],
             "files": [folder / "2017.yaml", folder / "2018.yaml"]}[scope]
    with _hang_guard():
        result, _ = check_tree(tmp_path, paths or None)
    assert _special_findings([f.to_dict() for f in result.findings]) == SPECIAL
    assert result.has_errors
    pipe = next(f for f in result.findings if f.file.endswith("2017.yaml") and SOCIETY in f.file)
    assert "命名管道" in pipe.message

    proc = run_validators("--root", tmp_path, "check", "--format", "json", *paths)
    assert proc.stderr == b""
    assert proc.returncode == 1
    assert _special_findings(json.loads(proc.stdout)["findings"]) == SPECIAL


def test_a_partial_check_never_reads_another_society_s_pipe_as_context(tmp_path: Path) -> None:
    """The cross-file rules search other reports of the same name for consortium ids."""
    folder = _tree_with_special_files(tmp_path, dev_zero=False)
    target = tmp_path / "submissions" / "cd-valid-lead" / "2017.yaml"
    with _hang_guard():
        result, _ = check_tree(tmp_path, [target])
    assert not _special_findings([f.to_dict() for f in result.findings])
    # Reading /dev/zero would fill the memory: only under the subprocess's memory cap.
    (folder / "2018.yaml").symlink_to("/dev/zero")
    proc = run_validators("--root", tmp_path, "check", "--format", "json", target)
    assert proc.stderr == b""
    assert not _special_findings(json.loads(proc.stdout)["findings"])


@pytest.mark.parametrize("output", ["text", "github", "markdown"])
def test_every_format_survives_the_whole_corpus(output: str, tmp_path: Path) -> None:
    """All committed cases in one run, each in its own society folder, in the other formats."""
    for path in CASES:
        place(path, tmp_path / path.stem)
    proc = run_validators("check", "--format", output, tmp_path)
    assert b"Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == b""
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8")


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 9999, 10_000, 10_001, 3_000_000])
def test_a_file_is_read_whole_up_to_the_limit_and_one_byte_past_it(tmp_path: Path, size: int) -> None:
    """Read into a buffer of the file's own size: the same bytes as before, never more than
    the limit and one."""
    from validators.yaml.loading import read_limited

    path = tmp_path / "x.yaml"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"a" * (size % 256))
    assert read_limited(path, 10_000) == path.read_bytes()[:10_001]


def test_a_stream_without_a_size_is_read_up_to_the_limit_and_one_byte(tmp_path: Path) -> None:
    """A pipe or device says it holds nothing (size 0): read on, up to the limit and one byte."""
    import threading

    from validators.yaml.loading import read_limited

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(b"k: v\n" * 5000))
    writer.start()
    assert read_limited(pipe, 10_000) == (b"k: v\n" * 5000)[:10_001]
    writer.join(timeout=10)
    assert len(read_limited(Path("/dev/zero"), 10_000)) == 10_001


@pytest.mark.parametrize(("number", "said"), [(errno.EACCES, "没有读取它的权限"), (errno.EIO, "读取时磁盘或设备出错"),
                                              (errno.ENOSPC, f"系统无法读取它（错误代码 {errno.ENOSPC}）")])
def test_a_file_the_system_cannot_read_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          number: int, said: str) -> None:
    """The system's reason was printed as it gives it (“Permission denied”), in English."""
    from validators.yaml import loading

    path = tmp_path / "2017.yaml"
    path.write_text("society: cd-a\n", "utf-8")

    def refused(*_: object) -> bytes:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(loading, "read_limited", refused)
    [found] = loading.load_path(path, "cd-a/2017.yaml", policy().yaml.limits).findings
    assert (found.code, found.message) == ("E-FILE-UNREADABLE", f"无法读取文件：{said}。")
