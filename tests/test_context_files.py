"""A partial check reads other societies' files only when they may matter, and never whole when huge."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.trees import ROOT
from validators import related_files as context_files
from validators.check import check_file, check_tree, discover
from validators.models.report import YearReport


def _copy_sample(tmp_path: Path) -> tuple[list[Path], Path]:
    shutil.copytree(ROOT / "submissions", tmp_path / "submissions")
    tree = discover(tmp_path, None)
    target = tmp_path / "submissions" / "cd-mech-eng" / "2017.yaml"
    return tree, target


def _report(path: Path, root: Path) -> YearReport:
    doc = check_file(path, root).report
    assert doc is not None
    return doc.report


def test_a_file_naming_the_same_consortium_is_read_and_an_oversized_one_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, target = _copy_sample(tmp_path)
    report = _report(target, tmp_path)
    assert report.consortia, "the sample society leads a consortium"
    ids, _ = context_files.needles([report])
    needle = sorted(ids)[0]
    small = tmp_path / "submissions" / "zz-small" / "2017.yaml"
    huge = tmp_path / "submissions" / "zz-huge" / "2017.yaml"
    for path, size in ((small, 100), (huge, 5000)):
        path.parent.mkdir()
        path.write_bytes(b"# " + needle + b"\n" + b"x" * size)
    limit = SimpleNamespace(yaml=SimpleNamespace(max_file_bytes=1000))
    monkeypatch.setattr(context_files, "policy", lambda: limit)
    chosen = context_files.related([*tree, small, huge], {target}, {"cd-mech-eng"}, [report])
    assert small in chosen
    assert huge not in chosen


CLAIMS = ("consortium-member-follows-lead",)


@pytest.mark.parametrize("case", CLAIMS)
def test_a_file_checked_alone_gets_the_findings_of_the_whole_tree(case: str, tmp_path: Path) -> None:
    """A consortium's lead is read as context, so one file checked alone hears what it would in
    the whole tree; an unrelated society is not read."""
    root = tmp_path / case
    shutil.copytree(ROOT / "tests" / "data" / "fidelity" / case, root)
    unrelated = root / "submissions" / "cd-unrelated"
    unrelated.mkdir()
    (unrelated / "2017.yaml").write_text("society: cd-unrelated\nyear: 2017\n", "utf-8")
    full, _ = check_tree(root)
    reports = sorted(p for p in (root / "submissions").glob("*/20*.yaml") if p.parent != unrelated)
    assert full.findings
    for path in reports:
        rel = path.relative_to(root).as_posix()
        partial, repo = check_tree(root, [path])
        assert partial.sorted_findings() == [f for f in full.sorted_findings() if f.file == rel], rel
        assert ("cd-unrelated", 2017) not in repo.reports

