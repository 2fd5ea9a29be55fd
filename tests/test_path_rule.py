"""One rule for what a path is (report, profile, misnamed, evidence, other): the pull request's
check, the comment's overlay, ownership and the gate see every changed file as the full check
on main does, whatever its name's case, digits, width or trailing dots and spaces."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pr_payloads import HEAD, PullRequestRecord, artifact
from tests.trees import ROOT
from validators.check import check_tree
from validators.findings import CheckResult, Finding
from validators.github.changed_files import ChangedFile, files_to_check, path_findings
from validators.github.cycle_gate import check_gate
from validators.github.ownership import check_ownership, read_maintainers
from validators.github.pr_comment import Links
from validators.github.pr_verdict import decide
from validators.submission_paths import PathKind, classify, name_kind, name_problem
from validators.yaml.hidden_characters import visible
from validators.yaml.policy import hidden_characters

VALID = ROOT / "tests" / "data" / "valid"
MEMBER_REPORT = (VALID / "cd-valid-member" / "2017.yaml").read_text(encoding="utf-8")
LINKS = Links.build("example-org/society-registry", HEAD, None, 42)

# -- the rule itself, case by case ------------------------------------------------------------------

KINDS = [
    ("submissions/cd-a/2018.yaml", PathKind.REPORT, "cd-a", 2018),
    ("submissions/cd-a/society.yaml", PathKind.PROFILE, "cd-a", None),
    ("submissions/cd-a/2019.YAML", PathKind.MISNAMED, "cd-a", 2019),
    ("submissions/cd-a/2018.yml", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/\uff12\uff10\uff11\uff18.yaml", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/\u0662\u0660\u0661\u0668.yaml", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018.yaml.", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018.yaml ", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018\uff0eyaml", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/Society.yaml", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/notes.yaml", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/2018.yaml\ufe0f", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018.yaml\U000e0100", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/society.yaml\u180b", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/2018.yaml\u2065", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018.yaml\ufff0", PathKind.MISNAMED, "cd-a", 2018),
    ("submissions/cd-a/2018.yaml.pdf", PathKind.EVIDENCE, "cd-a", None),
    # YAML in a sub-folder: a report or profile put in the wrong place (before, evidence, never read)
    # and of no year: the cycle's gate would say a year is closed instead of where it belongs
    ("submissions/cd-a/evidence/2018.yaml", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/sub/society.yaml", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/2018.yaml/2018.yaml", PathKind.MISNAMED, "cd-a", None),
    ("submissions/cd-a/evidence/2018.pdf", PathKind.EVIDENCE, "cd-a", None),
    ("submissions/cd-a/photo.jpg", PathKind.EVIDENCE, "cd-a", None),
    ("submissions/2018.yaml", PathKind.MISNAMED, None, 2018),  # beside the society folders
    ("submissions/README.md", PathKind.OTHER, None, None),
    ("Submissions/cd-a/2018.yaml", PathKind.OTHER, None, None),
    ("validators/yaml/policy.yaml", PathKind.OTHER, None, None),
]


@pytest.mark.parametrize(("path", "kind", "society", "year"), KINDS)
def test_each_kind_of_path(path: str, kind: PathKind, society: str | None, year: int | None) -> None:
    found = classify(path)
    assert (found.kind, found.society, found.year) == (kind, society, year)


@pytest.mark.parametrize(("name", "hint"), [
    ("2019.YAML", "小写的 .yaml"),
    ("2018.yml", "不用 .yml"),
    ("\uff12\uff10\uff11\uff18.yaml", "半角数字"),
    ("2018.yaml.", "末尾有点或空格"),
    ("Society.yaml", "小写的 society.yaml"),
    ("notes.yaml", "不是 society.yaml"),
    ("2018.yaml\ufe0f", "看不见的字符"),
])
def test_a_misnamed_file_is_told_what_is_wrong(name: str, hint: str) -> None:
    assert name_kind(name).kind is PathKind.MISNAMED
    assert hint in name_problem(name)


# -- the property: random trees, random changes ------------------------------------------------------

SOCIETY_FOLDERS = ["cd-valid-member", "cd-valid-lead", "cd-new", "CD-New", "cd-new."]
STEMS = ["2017", "2018", "2019", "\uff12\uff10\uff11\uff18", "\u0662\u0660\u0661\u0667", "society",
         "Society", "notes", "2017 ", "20\u200d17"]
EXTENSIONS = [".yaml", ".YAML", ".Yaml", ".yml", ".yaml.", ".yaml ", ".yaml..", "\uff0eyaml",
              ".pdf", ".yaml.pdf", ".txt", "", ".yaml\ufe0f", ".yaml\U000e0100"]
CONTENTS = ["report", "broken", "profile", "binary"]


def _content(kind: str, society: str, year: int) -> bytes:
    if kind == "report":
        return MEMBER_REPORT.replace("society: cd-valid-member", f"society: {society}").replace(
            "year: 2017", f"year: {year}").encode()
    if kind == "profile":
        return (VALID / "cd-valid-member" / "society.yaml").read_bytes().replace(
            b"id: cd-valid-member", f"id: {society}".encode())
    if kind == "broken":
        return b"society: [\n"
    return b"\x00\x01PDF"


generated_file = st.tuples(
    st.sampled_from(SOCIETY_FOLDERS), st.booleans(), st.sampled_from(STEMS),
    st.sampled_from(EXTENSIONS), st.sampled_from(CONTENTS))


def _lay_out(root: Path, files: list[tuple[str, bool, str, str, str]]) -> dict[str, bytes]:
    shutil.copytree(VALID, root / "submissions")
    written: dict[str, bytes] = {}
    for folder, in_evidence, stem, extension, content in files:
        path = f"submissions/{folder}/{'evidence/' if in_evidence else ''}{stem}{extension}"
        year = name_kind(stem + extension).year or 2017
        data = _content(content, folder, year)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
        written[path] = data
    return written


def _shown(paths: list[str]) -> set[str]:
    """The paths as findings name them: hidden characters made visible."""
    return {visible(p, hidden_characters()) for p in paths} | set(paths)


def _keys(findings: list[Finding], files: set[str]) -> set[tuple[str, str, int, int]]:
    return {(f.file, f.code, f.line, f.column) for f in findings if f.file in files}


def _pull_request_check(root: Path, changes: list[ChangedFile]) -> CheckResult:
    """What `check-changed` (validate.yml) does with the changed-file list."""
    selection = files_to_check(changes, root)
    if selection.whole_tree:
        result, _ = check_tree(root)
    elif selection.paths:
        result, _ = check_tree(root, [root / p for p in selection.paths])
    else:
        result = CheckResult(files=0)
    result.findings += [f for change in changes for f in path_findings(change)]
    return result


@pytest.mark.parametrize("name", ["2017.yaml", "society.yaml", "stray.yaml", "2018.YML"])
def test_a_yaml_file_beside_the_society_folders_is_told_where_it_belongs(tmp_path: Path, name: str) -> None:
    """Skipped by the full check, it passed main and the pull request alike while the report it
    was meant to be never counted."""
    shutil.copytree(VALID, tmp_path / "submissions")
    (tmp_path / "submissions" / name).write_text(MEMBER_REPORT, encoding="utf-8")
    (tmp_path / "submissions" / "README.md").write_text("说明\n", encoding="utf-8")  # not a submission
    path = f"submissions/{name}"
    assert classify(path).is_yaml
    assert classify(path).society is None
    changes = [ChangedFile(filename=p, status="added", mode="100644") for p in (path, "submissions/README.md")]
    for result in (check_tree(tmp_path)[0], _pull_request_check(tmp_path, changes),
                   check_tree(tmp_path, [tmp_path / "submissions"])[0]):
        loose = [(f.file, f.code) for f in result.findings if f.file.count("/") == 1]
        assert loose == [(path, "E-PATH-LAYOUT")], result.findings
        assert "要放在本学会的文件夹中" in next(f.message for f in result.findings if f.file == path)


@pytest.mark.parametrize("path", ["cd-valid-member/sub/2018.yaml", "cd-valid-member/2018.yaml/2018.yaml",
                                  "cd-valid-member/evidence/society.yaml"])
def test_a_yaml_file_in_a_society_s_sub_folder_is_told_where_it_belongs(tmp_path: Path, path: str) -> None:
    """submissions/cd-fintech/sub/2018.yaml passed the full check with no word about it, and
    was checked as the report of a society named "sub" when given alone (a tester's case)."""
    shutil.copytree(VALID, tmp_path / "submissions")
    (tmp_path / "submissions" / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "submissions" / path).write_text(MEMBER_REPORT, encoding="utf-8")
    changed = f"submissions/{path}"
    changes = [ChangedFile(filename=changed, status="added", mode="100644")]
    for result in (check_tree(tmp_path)[0], _pull_request_check(tmp_path, changes),
                   check_tree(tmp_path, [tmp_path / changed])[0],
                   check_tree(tmp_path, [tmp_path / "submissions" / "cd-valid-member"])[0]):
        nested = [(f.file, f.code) for f in result.findings if f.file == changed]
        assert nested == [(changed, "E-PATH-LAYOUT")], result.findings
        message = next(f.message for f in result.findings if f.file == changed)
        assert "放在了学会文件夹 cd-valid-member/ 的子文件夹中" in message
        assert f"如 submissions/cd-valid-member/{path.rsplit('/', 1)[1]}" in message
    # Another report checked alone reads the societies' own files as context: the sub-folder is
    # no society (its name was taken for one: "sub", "2018.yaml", "evidence").
    _, repo = check_tree(tmp_path, [tmp_path / "submissions" / "cd-valid-lead" / "2017.yaml"])
    assert repo.societies() | repo.unread_societies() == {"cd-valid-member", "cd-valid-lead"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(generated_file, min_size=1, max_size=6, unique_by=lambda f: f[:4]),
       picks=st.lists(st.integers(0, 5), max_size=6))
def test_the_pull_request_sees_each_changed_file_as_the_full_check_does(
        files: list[tuple[str, bool, str, str, str]], picks: list[int]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        written = _lay_out(root, files)
        paths = sorted(written)
        changed = sorted({paths[i % len(paths)] for i in picks} or set(paths))
        changes = [ChangedFile(filename=p, status="added", mode="100644") for p in changed]
        full, _ = check_tree(root)
        pull = _pull_request_check(root, changes)
        assert _keys(pull.findings, _shown(changed)) == _keys(full.findings, _shown(changed))
        # Each misnamed file is refused on both sides: never skipped as evidence.
        for path in changed:
            if classify(path).kind is PathKind.MISNAMED:
                assert any(f.file in _shown([path]) and f.severity == "error" for f in full.findings)
        # Ownership and the gate file each change under the society the check names.
        foreign = check_ownership("someone-else", changes, read_maintainers(root))
        for path in changed:
            if classify(path).society in ("cd-valid-member", "cd-valid-lead"):
                # Foreign, unknown when the generated files replaced the base profile, or
                # refused from everyone for its name.
                assert any(f.file in _shown([path]) and f.code in (
                    "E-OWNER-FOREIGN", "E-OWNER-UNKNOWN", "E-OWNER-UNSAFE-PATH") for f in foreign)
        gate = check_gate("someone-else", changes, [], HEAD, root, dt.date(2017, 6, 1))
        guarded = {a.society for a in gate.approvals}
        for path in changed:
            kind = classify(path)
            if kind.is_yaml and kind.society in ("cd-valid-member", "cd-valid-lead"):
                assert kind.society in guarded or any(
                    f.code == "W-CYCLE-NO-HEADS" and f.file.startswith(f"submissions/{kind.society}/")
                    for f in gate.findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(generated_file, min_size=1, max_size=4, unique_by=lambda f: f[:4]))
def test_the_comment_s_overlay_agrees_with_the_full_check(
        files: list[tuple[str, bool, str, str, str]]) -> None:
    """The comment job lays the pull request's files over main and checks them: its verdict on
    the changed files is the full check's verdict on the merged tree."""
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        merged = tmp / "merged"
        written = _lay_out(merged, files)
        base = tmp / "base"
        shutil.copytree(VALID, base / "submissions")
        record = PullRequestRecord(base)
        for path, data in written.items():
            record.change(path, data, status="added")
        verdict = decide(base, record.write(tmp / "pr"), artifact(tmp / "artifact"), LINKS)
        full, _ = check_tree(merged)
        shown = _shown(list(written))
        errors_in_changed = any(f.severity == "error" and f.file in shown for f in full.findings)
        assert verdict.needs_changes == errors_in_changed
        for finding in full.findings:
            if finding.file in shown and finding.severity == "error":
                assert finding.code in verdict.comment
