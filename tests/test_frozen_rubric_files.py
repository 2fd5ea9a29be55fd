"""A finalized year's rubric files, held to the digests its results file recorded at finalize
(`rubric_file_sha256`): `check` warns at a file changed since (W-RESULTS-RUBRIC-CHANGED)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from tests.test_results import AFTER_2017_FINAL, _git, _run, case_tree
from tests.trees import ROOT
from validators.evaluation.results import (
    FrozenYear,
    load_frozen,
    rubric_file_digests,
    rubric_file_findings,
)

RUBRIC = "validators/rubrics/2017.yaml"
PARTY = '党建: {clause: "7.3", points: 2,'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return case_tree(tmp_path)


def _warned(tree: Path) -> list[dict[str, object]]:
    done = _run(tree, "check", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr  # a warning: the check still passes
    return [f for f in json.loads(done.stdout)["findings"] if f["code"] == "W-RESULTS-RUBRIC-CHANGED"]


def test_a_final_years_rubric_changed_after_finalize_is_warned_where_it_changed(tree: Path) -> None:
    """An admin merged a change of a finalized year's rubric past the gate (党建 2 → 9): `check`
    said nothing, while the rubric page showed the new points as the year's own and 2018, which
    carries 2017 forward, silently scored with them. It warns at the changed line, says the
    frozen results stand, and how to put the file back; restored, the warning goes."""
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "data")
    assert _run(tree, "finalize", "2017", "--date", AFTER_2017_FINAL).returncode == 0
    commit = json.loads((tree / "results" / "2017.json").read_text("utf-8"))["code_commit"]
    assert _warned(tree) == []
    rubric = tree / RUBRIC
    text = rubric.read_text("utf-8")
    assert text.count(PARTY) == 1
    rubric.write_text(text.replace(PARTY, PARTY.replace("points: 2", "points: 9")), "utf-8")
    [found] = _warned(tree)
    line = text[:text.index(PARTY)].count("\n") + 1
    assert (found["file"], found["line"], found["column"], found["severity"]) == (RUBRIC, line, 1, "warning")
    message = str(found["message"])
    assert "与 2017 年度定稿时记录在 results/2017.json 中的 sha256（rubric_file_sha256）不同" in message
    assert "公布的仍是 2017 年度定稿时冻结的结果，不随之改变" in message
    assert "沿用它的 2018 年度（carried_forward_from）也按现在的文件计分" in message
    assert f"请从定稿时的提交中恢复这个文件（git checkout {commit} -- {RUBRIC}）" in message
    assert "新的规定请写进新年度的文件（python -m validators new-year 年度）" in message
    _git(tree, "checkout", commit, "--", RUBRIC)
    assert _warned(tree) == []


def _frozen(year: int, recorded: dict[str, str]) -> FrozenYear:
    return FrozenYear(year=year, finalized_on=dt.date(2018, 2, 1), code_commit=None, guideline_sha256="0" * 64,
                      rubric_id="default-2017", rubric_sha256="0" * 64, rubric_file_sha256=recorded, evaluations=[])


def test_a_rubric_file_two_final_years_recorded_is_warned_once_and_a_lost_one_too(tree: Path) -> None:
    """2017 and 2018 both finalized with 2017's file (2018 carries it forward): one warning names
    both years; without the finalize commit it is said at line 1. A recorded file the year no
    longer reads is said too."""
    now = hashlib.sha256((tree / RUBRIC).read_bytes()).hexdigest()
    other = "1" * 64
    frozen = {2017: _frozen(2017, {RUBRIC: other}),
              2018: _frozen(2018, {**rubric_file_digests(tree, 2018), RUBRIC: other})}
    [changed] = rubric_file_findings(frozen, tree)
    assert (changed.file, changed.line, changed.code) == (RUBRIC, 1, "W-RESULTS-RUBRIC-CHANGED")
    assert "与 2017、2018 年度定稿时记录在 results/2017.json、results/2018.json 中的 sha256" in changed.message
    assert "请把这个文件恢复成定稿时的样子" in changed.message
    assert "沿用它的" not in changed.message  # no year after them reads it unfrozen
    assert rubric_file_findings({2017: _frozen(2017, {RUBRIC: now})}, tree) == []
    gone = "validators/rubrics/2016.yaml"
    [lost] = rubric_file_findings({2017: _frozen(2017, {RUBRIC: now, gone: other})}, tree)
    assert (lost.file, lost.line) == (gone, 1)
    assert "现在已被删除或不再被沿用：公布的仍是 2017 年度定稿时冻结的结果" in lost.message


def test_the_shipped_results_record_no_rubric_file_digests_and_say_nothing() -> None:
    """The shipped results/2017.json was written before finalize recorded rubric file digests
    (and there is no results/2018.json): nothing to compare, no warning on the shipped data."""
    frozen, broken = load_frozen(ROOT)
    assert broken == []
    assert sorted(frozen) == [2017]
    assert all(year.rubric_file_sha256 is None for year in frozen.values())
    assert rubric_file_findings(frozen, ROOT) == []
