"""Verification by staff: review files checked like reports, and what they do to the scores on
each day of the cycle."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from tests.trees import ROOT
from validators.association.record_dates import record_days
from validators.check import check_tree
from validators.evaluation.evaluate import evaluate_repository
from validators.github.changed_files import ChangedFile
from validators.github.ownership import Maintainers, check_ownership
from validators.year.guideline import Guideline, guideline

FIDELITY = ROOT / "tests" / "data" / "fidelity"
CASE = FIDELITY / "verification-final"
DURING_SUBMISSION = dt.date(2017, 10, 1)
ON_NOTICE = dt.date(2018, 1, 10)


def _lines(root: Path, day: dt.date) -> dict[str, tuple[float, str | None, str]]:
    _, repo = check_tree(root)
    [e] = evaluate_repository(repo, as_of=day)
    return {x.item_id: (x.points, x.review, x.note) for x in e.lines if x.item_id}


def test_unverified_items_count_provisionally_before_the_notice_marked_pending() -> None:
    lines = _lines(CASE, DURING_SUBMISSION)
    assert lines["mw-event"][:2] == (2, "待核实")
    assert lines["mw-party"][:2] == (2, "待补充材料")
    assert lines["mw-reform"][:2] == (3, None)
    # 不予认定 holds in every phase, and says why.
    assert lines["mw-poverty-a"][0] == 0
    assert "不予认定" in lines["mw-poverty-a"][2]
    assert "本学会未参与组织" in lines["mw-poverty-a"][2]


def test_from_the_notice_on_only_verified_items_count() -> None:
    lines = _lines(CASE, ON_NOTICE)
    assert lines["mw-event"] == (0, None, "待核实：市科协尚未核实本项，不计分")
    assert lines["mw-party"][0] == 0
    assert "请补充党支部成立的批复文件" in lines["mw-party"][2]
    assert lines["mw-poverty-b"][:2] == (3, None)


def _copy(tmp_path: Path, case: Path = CASE) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(case, root)
    return root


def test_a_rubric_without_provisional_counting_pays_only_verified_items_from_the_start(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    own = root / "validators" / "rubrics"
    own.mkdir(parents=True)
    text = (ROOT / "validators" / "rubrics" / "2017.yaml").read_text("utf-8")
    (own / "2017.yaml").write_text(text.replace("provisional: true", "provisional: false"), "utf-8")
    lines = _lines(root, DURING_SUBMISSION)
    assert lines["mw-event"][0] == 0
    assert lines["mw-reform"][0] == 3


def test_a_year_without_a_reviews_folder_counts_items_as_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    shutil.rmtree(root / "reviews")
    lines = _lines(root, ON_NOTICE)
    assert lines["mw-event"][:2] == (2, None)
    assert lines["mw-poverty-a"][0] == 3


def test_a_year_with_a_reviews_folder_but_no_file_for_the_society_verifies_nothing(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "reviews" / "2017" / "cd-case.yaml").unlink()
    assert {p for p, _, _ in _lines(root, ON_NOTICE).values()} == {0}
    assert {r for p, r, _ in _lines(root, DURING_SUBMISSION).values() if p > 0} == {"待核实"}


def test_checking_a_review_file_alone_reads_its_report(tmp_path: Path) -> None:
    case = FIDELITY / "review-file-errors"
    result, _ = check_tree(case, [case / "reviews" / "2017" / "cd-case.yaml"])
    assert result.files == 1
    assert sorted(f.code for f in result.findings) == sorted(
        ["E-REVIEW-UNKNOWN-ITEM", "E-REVIEW-REASON-REQUIRED", "E-PRIVACY-PHONE", "E-REVIEW-REST-STATUS"])
    assert {f.file for f in result.findings} == {"reviews/2017/cd-case.yaml"}


def test_a_report_that_drops_a_verified_item_is_told_its_review_breaks(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    report = root / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace("mw-reform", "mw-reform-2017"), "utf-8")
    result, _ = check_tree(root, [report])
    assert [(f.file, f.code) for f in result.findings] == [
        ("reviews/2017/cd-case.yaml", "E-REVIEW-UNKNOWN-ITEM")]
    assert "mw-reform-2017" in result.findings[0].message  # the closest id is suggested


def test_a_review_of_a_refused_report_says_the_report_has_errors_not_that_there_is_none(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    report = root / "submissions" / "cd-case" / "2017.yaml"
    report.write_text(report.read_text("utf-8").replace(
        "https://example.org/cast-sample/cd-case/mw-reform", "https://example.org/" + "a" * 2100), "utf-8")
    review = root / "reviews" / "2017" / "cd-case.yaml"
    result, _ = check_tree(root, [report, review])
    codes = {(f.file, f.code) for f in result.findings}
    assert ("submissions/cd-case/2017.yaml", "E-SCHEMA-RANGE") in codes
    [said] = [f.message for f in result.findings if f.code == "E-REVIEW-NO-REPORT"]
    assert "（submissions/cd-case/2017.yaml）有错误，无法按它核查" in said
    assert "没有" not in said
    report.unlink()  # none submitted at all: then it says so
    result, _ = check_tree(root, [review])
    [said] = [f.message for f in result.findings if f.code == "E-REVIEW-NO-REPORT"]
    assert "没有 2017 年度报告" in said


def test_hostile_review_files_give_findings_not_tracebacks(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    folder = root / "reviews" / "2017"
    (folder / "cd-case.yaml").write_text("a: &x [1]\nb: *x\n", "utf-8")
    (folder / "Bad Name.yaml").write_text("society: x\n", "utf-8")
    (folder / "cd-other.yaml").symlink_to(folder / "cd-case.yaml")
    (root / "reviews" / "2099").mkdir()
    (root / "reviews" / "2099" / "cd-case.yaml").write_text("society: cd-case\nyear: 2099\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "check",
                           "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    codes = {(f["file"], f["code"]) for f in __import__("json").loads(done.stdout)["findings"]}
    assert ("reviews/2017/Bad Name.yaml", "E-PATH-LAYOUT") in codes
    assert ("reviews/2099/cd-case.yaml", "E-YEAR-UNKNOWN") in codes
    assert ("reviews/2017/cd-other.yaml", "E-PATH-SYMLINK") in codes
    assert any(file == "reviews/2017/cd-case.yaml" and code.startswith("E-YAML") for file, code in codes)


def test_only_admins_may_change_reviews() -> None:
    change = [ChangedFile(filename="reviews/2017/cd-case.yaml", status="modified")]
    maintainers = Maintainers(societies={"cd-case": frozenset({"cd-case-secretary"})},
                              admins=frozenset({"cast-staff"}))
    [finding] = check_ownership("cd-case-secretary", change, maintainers)
    assert (finding.code, finding.file) == ("E-OWNER-OUTSIDE", "reviews/2017/cd-case.yaml")
    assert check_ownership("cast-staff", change, maintainers) == []


def test_the_society_page_shows_the_refusal_and_pending_marks(tmp_path: Path) -> None:
    from site_builder.form_page import SiteSettings
    from site_builder.generate import generate

    docs = tmp_path / "docs"
    generate(CASE, docs, settings=SiteSettings(repo_url="https://github.com/example/r"), date="2017-10-01")
    page = (docs / "societies" / "cd-case" / "2017" / "index.md").read_text("utf-8")  # the year's report
    assert "市科协核查不予认定" in page
    assert 'class="sb-badge sb-badge--review">待核实</span>' in page
    assert 'class="sb-badge sb-badge--review">待补充材料</span>' in page


def test_a_change_to_the_reviews_checks_the_whole_tree_with_the_review_files(tmp_path: Path) -> None:
    from validators.github.changed_files import files_to_check

    change = [ChangedFile(filename="reviews/2017/cd-case.yaml", status="modified")]
    assert files_to_check(change, CASE).whole_tree


def test_assessed_criteria_are_validated_and_name_a_clause_of_their_year() -> None:
    import pytest
    from pydantic import ValidationError

    from validators.year.guideline import available_years, guideline, year_data
    from validators.year.rubric import Rubric, rubric

    for year in available_years():
        for criterion in rubric(year).assessed:
            assert criterion.clause in guideline(year).clauses
    data = year_data("rubrics", 2017)
    criterion = data["assessed"][0]
    for broken in ({**criterion, "min": 5, "max": 5}, {**criterion, "area": "nowhere"}):
        with pytest.raises(ValidationError):
            Rubric.model_validate({**data, "assessed": [broken]})
    with pytest.raises(ValidationError, match="id 不能重复"):
        Rubric.model_validate({**data, "assessed": [criterion, criterion]})


def test_a_date_the_years_calendar_does_not_allow_is_refused_and_its_record_counts_for_nothing(tmp_path: Path) -> None:
    """A verdict dated 2030-01-01 or 2016-03-01 passed `check` although the year's calendar is
    known. A verdict, a mark, an objection and its answer are dated from the first day of 核查 (the
    day after submission closes) to the final day; outside is E-DATE-OUTSIDE-CYCLE at the date, and
    the record it condemns counts for nothing (the rest too)."""
    from validators.association.record_dates import record_days
    from validators.year.guideline import guideline

    rules = guideline(2017)
    assert rules is not None
    assert rules.calendar is not None
    first, last = record_days(rules)
    assert (first, last) == (rules.calendar.submission_closes + dt.timedelta(days=1), rules.calendar.final)
    root = _copy(tmp_path)
    path = root / "reviews" / "2017" / "cd-case.yaml"
    text = path.read_text("utf-8").replace("date: 2018-01-02}", "date: 2030-01-02}", 1)
    path.write_text(text + f"rest: {{status: 已核实, reviewer: cast-staff, date: {rules.calendar.submission_closes}}}\n",
                    "utf-8")
    result, _ = check_tree(root, [path])
    found = [(f.code, f.path) for f in result.findings]
    assert found == [("E-DATE-OUTSIDE-CYCLE", ("items", 0, "date")), ("E-DATE-OUTSIDE-CYCLE", ("rest", "date"))]
    said = result.findings[0].message
    assert said.startswith("核查日期 2030-01-02 不在 2017 年度允许的日期内")
    assert f"（{first.isoformat()}）" in said
    assert f"（{last.isoformat()}）" in said
    lines = _lines(root, ON_NOTICE)
    assert lines["mw-reform"][:2] == (0, None)  # its verdict is condemned: not verified
    assert lines["mw-event"][0] == 0  # only the condemned rest would have verified it
    assert lines["mw-poverty-b"][0] == 3  # the other records stand


def _finalized_2017(tmp_path: Path) -> tuple[Guideline, Path, Path, dt.date]:
    """A copy of the sample with 2017 finalized (`finalize`, as an admin runs it): 2017's
    guideline, the copy, cd-case's 2017 review file in it, and a day 30 days past 2017's last day
    for records of a year not finalized."""
    rules = guideline(2017)
    assert rules is not None
    _, last = record_days(rules)
    assert last is not None
    root = _copy(tmp_path)
    done = subprocess.run([sys.executable, "-m", "validators", "--root", str(root), "finalize", "2017",
                           "--date", "2018-02-01", "--accept-pending"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return rules, root, root / "reviews" / "2017" / "cd-case.yaml", last + dt.timedelta(days=30)


def test_a_finalized_year_is_verified_again_on_the_day_it_happens(tmp_path: Path) -> None:
    """W-REVIEW-ITEM-CHANGED asks admins to verify a finalized year again for finalize --replace,
    which refuses review files with errors: dated today, after the final day, that verdict was
    E-DATE-OUTSIDE-CYCLE, so it could only be dated on a day it did not happen. A finalized year's
    verdicts have no last day; the first day, and the warning for a day after today, hold."""
    from validators.association.record_dates import outside_words, record_days

    rules, root, path, after = _finalized_2017(tmp_path)
    assert rules.calendar is not None
    first, _ = record_days(rules)
    assert record_days(rules, reopened=True) == (first, None)
    path.write_text(path.read_text("utf-8").replace("date: 2018-01-02}", f"date: {after}}}", 1)
                    + f"rest: {{status: 已核实, reviewer: cast-staff, date: {rules.calendar.submission_closes}}}\n", "utf-8")
    result, _ = check_tree(root, [path])
    errors = [f for f in result.findings if f.severity == "error"]
    assert [(f.code, f.path) for f in errors] == [("E-DATE-OUTSIDE-CYCLE", ("rest", "date"))]  # before the first day
    said = errors[0].message
    assert said == "核查日期 " + outside_words(rules, reopened=True).replace("{date}", str(rules.calendar.submission_closes))
    assert "重新核查可晚于最终结果日" in said
    # Not finalized: the same day after the final day is refused, as before.
    (root / "results" / "2017.json").unlink()
    result, _ = check_tree(root, [path])
    assert ("E-DATE-OUTSIDE-CYCLE", ("items", 0, "date")) in [(f.code, f.path) for f in result.findings]


def test_a_finalized_years_expert_marks_dated_after_the_final_day_are_allowed_too(tmp_path: Path) -> None:
    """Verdicts of a finalized year have no last day (above); an expert marking it again for
    finalize --replace marks on the day it happens as well: not E-DATE-OUTSIDE-CYCLE. Before the
    first day it still is; and in a year not finalized the same day after the final day is."""

    rules, root, path, after = _finalized_2017(tmp_path)
    assert rules.calendar is not None
    path.write_text(path.read_text("utf-8") + "marks:\n"
                    f"  - {{criterion: event-quality, expert: expert-a, mark: 4, date: {after}}}\n"
                    f"  - {{criterion: event-quality, expert: expert-b, mark: 4.5, date: {rules.calendar.submission_closes}}}\n",
                    "utf-8")
    result, _ = check_tree(root, [path])
    outside = [(f.code, f.path) for f in result.findings if f.code == "E-DATE-OUTSIDE-CYCLE"]
    assert outside == [("E-DATE-OUTSIDE-CYCLE", ("marks", 1, "date"))]  # only the one before the first day
    assert "重新核查可晚于最终结果日" in next(f.message for f in result.findings if f.code == "E-DATE-OUTSIDE-CYCLE")
    # Not finalized: the mark after the final day is refused, as before.
    (root / "results" / "2017.json").unlink()
    result, _ = check_tree(root, [path])
    assert ("E-DATE-OUTSIDE-CYCLE", ("marks", 0, "date")) in [(f.code, f.path) for f in result.findings]


def test_a_rest_with_any_error_counts_for_nothing_not_only_a_wrong_date(tmp_path: Path) -> None:
    """`rest` stands for every item the file does not name: a rest record the check refuses for
    any reason (here a reviewer that is a phone number, E-PRIVACY-PHONE) verifies none of them,
    as an item's refused record verifies nothing."""
    root = _copy(tmp_path)
    path = root / "reviews" / "2017" / "cd-case.yaml"
    path.write_text(path.read_text("utf-8") + "rest: {status: 已核实, reviewer: '13912345678', date: 2018-01-04}\n",
                    "utf-8")
    result, _ = check_tree(root, [path])
    assert [(f.code, f.path) for f in result.findings if f.severity == "error"] == [("E-PRIVACY-PHONE", ("rest", "reviewer"))]
    lines = _lines(root, ON_NOTICE)
    assert lines["mw-event"] == (0, None, "待核实：市科协尚未核实本项，不计分")  # only the rest would have verified it
    assert lines["mw-poverty-b"][0] == 3


def test_a_rest_beside_a_refused_verdict_verifies_nothing(tmp_path: Path) -> None:
    """待补充材料 written for a mistyped id (E-REVIEW-UNKNOWN-ITEM) is refused; the item it was
    meant for was then left to 其余全部核实 and paid in the public notice. Which item a refused
    verdict was for is not known, so neither is "the rest": it verifies nothing until mended."""
    root = _copy(tmp_path)
    path = root / "reviews" / "2017" / "cd-case.yaml"
    text = path.read_text("utf-8").replace("{item: mw-party,", "{item: mw-partyy,")
    path.write_text(text + "rest: {status: 已核实, reviewer: cast-staff, date: 2018-01-04}\n", "utf-8")
    result, _ = check_tree(root, [path])
    assert [f.code for f in result.findings if f.severity == "error"] == ["E-REVIEW-UNKNOWN-ITEM"]
    lines = _lines(root, ON_NOTICE)
    held = "待核实：市科协的核查记录中有不能采用的结论，对其余项目的核实暂不生效，不计分"
    assert lines["mw-party"] == (0, None, held)
    assert lines["mw-event"] == (0, None, held)
    assert lines["mw-poverty-b"][0] == 3  # verdicts of their own still stand
    # Mended, the rest covers what it did before (mw-event), and mw-party waits for its material.
    path.write_text(text.replace("mw-partyy", "mw-party") + "rest: {status: 已核实, reviewer: cast-staff, date: 2018-01-04}\n",
                    "utf-8")
    lines = _lines(root, ON_NOTICE)
    assert lines["mw-event"][0] > 0
    assert lines["mw-party"][0] == 0


def test_a_refused_verdict_on_a_known_item_keeps_that_item_alone_from_the_rest(tmp_path: Path) -> None:
    """待补充材料 for mw-party without its reason (E-REVIEW-REASON-REQUIRED) is refused: the rest does
    not verify mw-party in its place, and still verifies the items it covered (mw-event); one
    staff slip does not zero the whole report."""
    root = _copy(tmp_path)
    path = root / "reviews" / "2017" / "cd-case.yaml"
    text = path.read_text("utf-8").replace("reason: 请补充党支部成立的批复文件。, ", "")
    path.write_text(text + "rest: {status: 已核实, reviewer: cast-staff, date: 2018-01-04}\n", "utf-8")
    result, _ = check_tree(root, [path])
    assert [f.code for f in result.findings if f.severity == "error"] == ["E-REVIEW-REASON-REQUIRED"]
    lines = _lines(root, ON_NOTICE)
    assert lines["mw-party"] == (0, None, "待核实：市科协对本项的核查结论有误，不能采用，须重新核实，不计分")
    assert lines["mw-event"][0] > 0


def test_the_shipped_review_files_keep_to_their_years_calendars() -> None:
    """The frozen 2017 files and the 2018 sample pass the rule unchanged."""
    files = sorted((ROOT / "reviews").glob("*/*.yaml"))
    assert {p.parent.name for p in files} >= {"2017", "2018"}
    result, _ = check_tree(ROOT, files)
    assert not [f for f in result.findings if f.code == "E-DATE-OUTSIDE-CYCLE"]


def test_a_year_without_a_calendar_refuses_only_dates_before_its_report_year() -> None:
    from validators.association.record_dates import outside, outside_words, record_days
    from validators.year.guideline import guideline

    shipped = guideline(2018)
    assert shipped is not None
    rules = shipped.model_copy(update={"calendar": None})
    first, last = record_days(rules)
    assert (first, last) == (rules.evaluation_window.start + dt.timedelta(days=1), None)
    assert outside(rules, first - dt.timedelta(days=1))
    assert not outside(rules, first)
    assert not outside(rules, dt.date(2099, 1, 1))
    assert "不能早于评估期的第一天" in outside_words(rules)


def test_a_record_saved_in_another_years_folder_is_told_so_alone(tmp_path: Path) -> None:
    """Read against its folder's year, a 2018 review in reviews/2017/ drew one warning per item
    telling staff that 2018 was finalized and to run finalize 2018 --replace."""
    root = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results", "validators"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    wrong = root / "reviews" / "2017" / "cd-mech-eng.yaml"
    shutil.copy(root / "reviews" / "2018" / "cd-mech-eng.yaml", wrong)
    shutil.copy(root / "reviews" / "2018" / "objections.yaml", root / "reviews" / "2017" / "objections.yaml")
    result, _ = check_tree(root, [wrong, root / "reviews" / "2017" / "objections.yaml"])
    found = sorted((f.file, f.code, f.message) for f in result.findings)
    assert [(file, code) for file, code, _ in found] == [
        ("reviews/2017/cd-mech-eng.yaml", "E-YEAR-MISMATCH"), ("reviews/2017/objections.yaml", "E-YEAR-MISMATCH")]
    assert "请把它移到 reviews/2018/ 中" in found[0][2]
    assert "异议记录" in found[1][2]


def test_a_record_of_another_year_counts_for_nothing_in_the_folder_it_was_saved_in(tmp_path: Path) -> None:
    """Said alone, it was still filed under the folder's year, and its verdicts and marks counted
    there, never held to that year's report."""
    def scores(root: Path) -> list[tuple[str | None, float, str]]:
        _, repo = check_tree(root)
        [e] = [e for e in evaluate_repository(repo, as_of=dt.date(2026, 12, 6))
               if (e.society, e.year) == ("cd-computer", 2018)]
        return [(x.item_id, x.points, x.note) for x in e.lines]

    root = tmp_path / "tree"
    for folder in ("submissions", "reviews", "results", "validators"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    here = root / "reviews" / "2018" / "cd-computer.yaml"
    here.unlink()
    without = scores(root)
    shutil.copy(root / "reviews" / "2017" / "cd-computer.yaml", here)
    result, repo = check_tree(root)
    assert [f.code for f in result.findings if f.file == "reviews/2018/cd-computer.yaml"] == ["E-YEAR-MISMATCH"]
    assert ("cd-computer", 2018) not in repo.reviews
    assert scores(root) == without


def test_a_year_folder_is_four_ascii_digits() -> None:
    """`check` filed a misnamed record under the year its folder's name read as by str.isdigit,
    which takes “２０１８” (full-width) for 2018; a folder's year is four ASCII digits everywhere."""
    from validators.association.reviews import folder_year

    assert folder_year("2018") == 2018
    assert [folder_year(name) for name in ("２０１８", "2018\n", "218", "20180", "٢٠١٨")] == [None] * 5
