"""The five ways round the checks that a hostile-fork audit found, each tried as a real pull
request: a branch in a scratch Git repository, the API records the comment job would fetch made
from it, then every pull-request job's decision (check-changed, the comment's verdict,
ownership, the gate) and the full check of the merged tree."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.git_trees import git, sample_repository
from tests.pr_payloads import artifact, record_from_git
from validators.check import check_tree
from validators.findings import CheckResult
from validators.github.changed_files import ChangedFile, files_to_check, git_changes, path_findings
from validators.github.cycle_gate import GateResult, check_gate
from validators.github.ownership import check_ownership, read_maintainers
from validators.github.pr_comment import Links
from validators.github.pr_verdict import Verdict, decide

SECRETARY = "mech-eng-secretary"  # a maintainer of cd-mech-eng, not one of its heads
HEAD_OF_SOCIETY = "mech-eng-president"
ADMIN = "cast-admin"
IN_NOTICE = dt.date(2026, 12, 4)  # the sample 2018 is on public notice; 2017 is final
CITED_2018 = "submissions/cd-mech-eng/evidence/2018-rail-station-opening.txt"
CITED_2017 = "submissions/cd-mech-eng/evidence/2017-annual-meeting-programme.txt"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the sample submissions, reviews and frozen results, and one admin."""
    return sample_repository(tmp_path, [ADMIN])


@dataclass
class Outcome:
    """What each job of the pull request decided."""

    changed: CheckResult  # validate.yml: check-changed on the merged checkout
    verdict: Verdict  # comment.yml: the base branch's code over the API records
    gate: GateResult  # ownership.yml: the deadline and the heads' approval
    ownership: list[str]  # ownership.yml: codes of the folder-permission findings
    merged: CheckResult  # `make check` on main after the merge

    def codes(self) -> set[str]:
        return {f.code for f in self.changed.findings}

    def gate_codes(self) -> set[str]:
        return {f.code for f in self.gate.findings}


def pull_request(repo: Path, tmp: Path, edit: Callable[[Path], None], author: str = SECRETARY,
                 day: dt.date = IN_NOTICE) -> Outcome:
    git(repo, "checkout", "-q", "-b", "fork-branch")
    edit(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fork")
    head = git(repo, "rev-parse", "HEAD").strip()
    records = record_from_git(repo, "main", "fork-branch", tmp / "pull-request")
    changes = git_changes(repo, "main", "fork-branch")
    changed = _check_changed(repo, changes)
    merged, _ = check_tree(repo)
    git(repo, "checkout", "-q", "main")
    links = Links.build("example-org/society-registry", head, None, 42)
    verdict = decide(repo, records, artifact(tmp / "artifact", head=head), links)
    api_changes = [ChangedFile(filename=c.filename, status=c.status,
                               previous_filename=c.previous_filename) for c in changes]
    gate = check_gate(author, api_changes, [], head, repo, day)
    owners = check_ownership(author, api_changes, read_maintainers(repo))
    git(repo, "branch", "-q", "-D", "fork-branch")
    return Outcome(changed, verdict, gate, [f.code for f in owners], merged)


def _check_changed(root: Path, changes: list[ChangedFile]) -> CheckResult:
    selection = files_to_check(changes, root)
    if selection.whole_tree:
        result, _ = check_tree(root)
    elif selection.paths:
        result, _ = check_tree(root, [root / p for p in selection.paths])
    else:
        result = CheckResult(files=0)
    result.findings += [f for change in changes for f in path_findings(change)]
    return result


# 1. An upper-case extension ------------------------------------------------------------------------

def test_an_upper_case_extension_is_refused_by_every_job(repo: Path, tmp_path: Path) -> None:
    report = (repo / "submissions/cd-mech-eng/2018.yaml").read_text(encoding="utf-8")

    def add(root: Path) -> None:
        (root / "submissions/cd-mech-eng/2019.YAML").write_text(
            report.replace("year: 2018", "year: 2019"), encoding="utf-8")

    outcome = pull_request(repo, tmp_path, add)
    assert "E-PATH-NAME" in outcome.codes()
    assert outcome.verdict.needs_changes
    assert "E-PATH-NAME" in outcome.verdict.comment
    assert "E-CYCLE-APPROVAL" in outcome.gate_codes()  # a report-like file: the head must approve
    assert [a.society for a in outcome.gate.approvals] == ["cd-mech-eng"]
    assert "E-PATH-NAME" in {f.code for f in outcome.merged.findings}  # what main would say


# 2. Evidence that a closed year's report cites -----------------------------------------------------

def test_editing_evidence_of_a_year_on_notice_is_closed_with_its_report(repo: Path, tmp_path: Path) -> None:
    def edit(root: Path) -> None:
        (root / CITED_2018).write_text("改写的证明材料\n", encoding="utf-8")

    outcome = pull_request(repo, tmp_path, edit)
    closed = [f for f in outcome.gate.findings if f.code == "E-CYCLE-CLOSED"]
    assert [f.file for f in closed] == [CITED_2018]
    assert "2018 年度的填报已于" in closed[0].message
    assert "E-CYCLE-APPROVAL" in outcome.gate_codes()
    assert outcome.ownership == []  # the secretary may change the folder: the gate is what stops it


def test_re_adding_cited_evidence_after_the_deadline_is_refused(repo: Path, tmp_path: Path) -> None:
    """The audit's case: main lacks a file its 2018 report cites (an error, fewer points); a
    pull request that brings it back would raise the score during the notice."""
    kept = (repo / CITED_2018).read_bytes()
    (repo / CITED_2018).unlink()
    git(repo, "commit", "-q", "-am", "lose the evidence")
    before = {f.code for f in check_tree(repo)[0].findings if f.file.endswith("cd-mech-eng/2018.yaml")}
    assert "E-EVIDENCE-MISSING" in before

    outcome = pull_request(repo, tmp_path, lambda root: (root / CITED_2018).write_bytes(kept))
    assert {"E-CYCLE-CLOSED", "E-CYCLE-APPROVAL"} <= outcome.gate_codes()
    # The head's own approval lifts the approval finding; the deadline still holds.
    by_head = check_gate(HEAD_OF_SOCIETY, [ChangedFile(filename=CITED_2018, status="added")], [],
                         None, repo, IN_NOTICE)
    assert {f.code for f in by_head.findings} == {"E-CYCLE-CLOSED"}


def test_an_admin_may_change_evidence_of_a_year_on_notice_but_not_of_a_final_one(
        repo: Path, tmp_path: Path) -> None:
    def edit(root: Path) -> None:
        (root / CITED_2018).write_text("管理员更正\n", encoding="utf-8")
        (root / CITED_2017).write_text("管理员更正\n", encoding="utf-8")

    outcome = pull_request(repo, tmp_path, edit, author=ADMIN)
    by_file = {f.file: f.code for f in outcome.gate.findings}
    assert by_file == {CITED_2018: "W-CYCLE-ADMIN-CHANGE", CITED_2017: "E-CYCLE-EVIDENCE-FROZEN"}


def test_evidence_no_report_cites_stays_open(repo: Path, tmp_path: Path) -> None:
    def add(root: Path) -> None:
        (root / "submissions/cd-mech-eng/evidence/2019-plan.txt").write_text("计划\n", encoding="utf-8")

    outcome = pull_request(repo, tmp_path, add)
    assert outcome.gate.findings == []
    assert outcome.gate.approvals == []


def test_an_open_objection_lets_the_society_correct_evidence_with_its_head(
        repo: Path, tmp_path: Path) -> None:
    """cd-tcm has an open objection that allows a correction: evidence its 2018 report cites is
    as open as the report itself, and still needs a head's approval."""
    report = repo / "submissions/cd-tcm/2018.yaml"
    cited = "submissions/cd-tcm/evidence/2018-station-visits.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "      - https://example.org/cast-sample/cd-tcm/2018/station",
        "      - evidence/2018-station-visits.txt"), encoding="utf-8")
    (repo / cited).write_text("服务站 2018 年活动记录\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "cite a file")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the file")

    outcome = pull_request(repo, tmp_path, lambda root: (root / cited).write_text(
        "更正后的活动记录\n", encoding="utf-8"), author="tcm-society-cd")
    assert {(f.file, f.code) for f in outcome.gate.findings} == {
        (cited, "W-CYCLE-OBJECTION"), (cited, "E-CYCLE-APPROVAL")}


# 3. Markup that made the scan quadratic ------------------------------------------------------------

def test_titles_full_of_link_brackets_are_checked_and_warned(repo: Path, tmp_path: Path) -> None:
    """Titles of "](" × 1000 (the longest a title may be) took minutes to scan; now they are
    read once (how long it takes is measured by `benchmarks.hostile_text`) and one that closes
    the bracket is a link, warned about."""
    path = repo / "submissions/cd-computer/2018.yaml"
    text = path.read_text(encoding="utf-8")

    def edit(root: Path) -> None:
        (root / "submissions/cd-computer/2018.yaml").write_text(
            text.replace("title: 2018年成都计算机学术年会", 'title: "' + "](" * 999 + ')"'),
            encoding="utf-8")

    outcome = pull_request(repo, tmp_path, edit, day=dt.date(2018, 6, 1))
    assert "W-TEXT-MARKUP" in outcome.codes()
    assert "W-TEXT-MARKUP" in outcome.verdict.comment


# 4. Two reports for one year -------------------------------------------------------------------------

def test_a_full_width_year_beside_the_report_is_an_error_everywhere(repo: Path, tmp_path: Path) -> None:
    report = (repo / "submissions/cd-computer/2018.yaml").read_text(encoding="utf-8")
    twin = "submissions/cd-computer/\uff12\uff10\uff11\uff18.yaml"

    outcome = pull_request(repo, tmp_path, lambda root: (root / twin).write_text(report, encoding="utf-8"),
                           author="cd-computer-admin", day=dt.date(2018, 6, 1))
    assert {(f.file, f.code) for f in outcome.changed.findings if f.severity == "error"} == {
        (twin, "E-PATH-NAME")}
    assert "半角数字" in next(f.message for f in outcome.changed.findings if f.file == twin)
    assert outcome.verdict.needs_changes
    assert any(f.file == twin and f.code == "E-PATH-NAME" for f in outcome.merged.findings)


# 5. The comment's "与 main 相比" ---------------------------------------------------------------------

def test_a_comment_only_change_moves_no_score(repo: Path, tmp_path: Path) -> None:
    path = "submissions/cd-agri/2017.yaml"
    text = (repo / path).read_text(encoding="utf-8")
    outcome = pull_request(repo, tmp_path, lambda root: (root / path).write_text(
        "# 只加一行注释\n" + text, encoding="utf-8"), author="cd-agri-admin")
    comment = outcome.verdict.comment
    assert "检查了 1 个文件" in comment
    assert "本拉取请求没有改变任何学会的得分。" in comment
    assert "| 学会 | 年度 |" not in comment
    assert "提分建议" not in comment  # 2017 is final: no advice for a frozen year


def test_a_change_to_one_report_moves_that_report_alone(repo: Path, tmp_path: Path) -> None:
    path = "submissions/cd-computer/2018.yaml"
    text = (repo / path).read_text(encoding="utf-8")
    start = text.index("  - id: evt-blockchain-national")
    end = text.index("research:")

    outcome = pull_request(repo, tmp_path, lambda root: (root / path).write_text(
        text[:start] + text[end:], encoding="utf-8"), author="cd-computer-admin",
        day=dt.date(2018, 6, 1))
    rows = [line for line in outcome.verdict.comment.splitlines()
            if line.startswith("| ") and "`cd-" in line and "分" in line]
    assert len(rows) == 1, outcome.verdict.comment
    assert "`cd-computer`" in rows[0]
    assert "| 2018 |" in rows[0]


# A second audit of the fixes: evidence the check and the gate could read apart ------------------

def _cite(repo: Path, year: int, ref: str, body: bytes | None = b"material\n") -> None:
    """Main's report of `year` for cd-mech-eng cites `ref` (and the file exists, unless None)."""
    report = repo / f"submissions/cd-mech-eng/{year}.yaml"
    text = report.read_text(encoding="utf-8")
    first = re.search(r"^( +)- https://", text, re.MULTILINE)
    assert first is not None
    cited = f"{first.group(1)}- {json.dumps(ref, ensure_ascii=False)}\n"
    report.write_text(text[:first.start()] + cited + text[first.start():], encoding="utf-8")
    if body is not None:
        (repo / "submissions/cd-mech-eng" / ref).parent.mkdir(parents=True, exist_ok=True)
        (repo / "submissions/cd-mech-eng" / ref).write_bytes(body)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"cite {ref}")


def test_evidence_named_like_a_drive_after_a_space_is_still_cited(repo: Path, tmp_path: Path) -> None:
    """" c:/x.txt" is a path inside the folder to the check; the gate reads it the same way."""
    _cite(repo, 2018, " c:/x.txt")
    _cite(repo, 2017, " d:/frozen.txt")

    def edit(root: Path) -> None:
        (root / "submissions/cd-mech-eng/ c:/x.txt").write_text("swapped\n", encoding="utf-8")
        (root / "submissions/cd-mech-eng/ d:/frozen.txt").write_text("swapped\n", encoding="utf-8")

    outcome = pull_request(repo, tmp_path, edit)
    by_file = {(f.file, f.code) for f in outcome.gate.findings}
    assert ("submissions/cd-mech-eng/ c:/x.txt", "E-CYCLE-CLOSED") in by_file
    assert ("submissions/cd-mech-eng/ d:/frozen.txt", "E-CYCLE-EVIDENCE-FROZEN") in by_file
    assert "E-CYCLE-APPROVAL" in outcome.gate_codes()


def test_a_yaml_file_cited_as_evidence_belongs_to_the_citing_year_too(repo: Path, tmp_path: Path) -> None:
    _cite(repo, 2017, "society.yaml", body=None)  # the final 2017 report cites the profile
    profile = repo / "submissions/cd-mech-eng/society.yaml"
    outcome = pull_request(repo, tmp_path, lambda root: (root / "submissions/cd-mech-eng/society.yaml")
                           .write_text(profile.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8"),
                           author=ADMIN)
    assert {(f.file, f.code) for f in outcome.gate.findings} == {
        ("submissions/cd-mech-eng/society.yaml", "E-CYCLE-EVIDENCE-FROZEN")}


def test_removing_cited_evidence_rechecks_the_reports_that_cite_it(repo: Path, tmp_path: Path) -> None:
    """An open year: no deadline, but the report loses its evidence and every job must say so."""
    outcome = pull_request(repo, tmp_path, lambda root: (root / CITED_2018).unlink(),
                           author=HEAD_OF_SOCIETY, day=dt.date(2018, 6, 1))
    missing = [f for f in outcome.changed.findings if f.code == "E-EVIDENCE-MISSING"]
    assert [f.file for f in missing] == ["submissions/cd-mech-eng/2018.yaml"]
    assert outcome.verdict.needs_changes
    assert "E-EVIDENCE-MISSING" in outcome.verdict.comment
    assert "检查了 1 个文件" in outcome.verdict.comment


def test_a_variation_selector_after_the_extension_is_no_way_round(repo: Path, tmp_path: Path) -> None:
    report = (repo / "submissions/cd-mech-eng/2018.yaml").read_text(encoding="utf-8")
    twin = "submissions/cd-mech-eng/2018.yaml\ufe0f"
    outcome = pull_request(repo, tmp_path, lambda root: (root / twin).write_text(report, encoding="utf-8"))
    assert "E-PATH-UNSAFE" in outcome.codes() or "E-PATH-NAME" in outcome.codes()
    assert outcome.verdict.needs_changes
    assert "E-CYCLE-CLOSED" in outcome.gate_codes()  # it reads as the closed 2018 report
    assert any(f.severity == "error" and "2018.yaml" in f.file for f in outcome.merged.findings)
