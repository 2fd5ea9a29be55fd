"""Evaluations of a repository: each report scored under its year's guideline and rubric,
with the advice that would raise its score most."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from validators.association.results_files import results_path
from validators.association.reviews import Standing, standing_for
from validators.evaluation.advice import advise, pending_gains
from validators.evaluation.pending_warnings import association_warnings
from validators.evaluation.scoring import Evaluation, score_report
from validators.repository import BrokenReport, ReportDoc, Repository
from validators.year.cycle import today
from validators.year.files import YearFileError
from validators.year.guideline import EvaluationWindow, Guideline, guideline
from validators.year.rubric import Rubric, rubric

__all__ = ["EvaluationMemo", "evaluate_repository"]

# Evaluations kept by a long-running caller (the site's preview), each with what it was computed
# from; one whose inputs are unchanged is not computed again.
EvaluationMemo = dict[tuple[str, int], tuple[tuple[object, ...], Evaluation]]


def evaluate_report(doc: ReportDoc, previous: ReportDoc | BrokenReport | None, rules: Guideline,
                    points: Rubric, standing: Standing | None = None,
                    following: EvaluationWindow | None = None, day: dt.date | None = None,
                    finalized: bool = False) -> Evaluation:
    """`following`: the next year's evaluation window, where advice sends a late achievement;
    `day`: the day `standing` is of (today by default), whose phase says whether items waiting
    for verification may still be verified; `finalized`: the year's results are frozen, so no
    verification adds anything to what is published (the pending gains are not computed)."""
    result = score_report(doc, previous, rules, points, standing)
    result.advice = advise(doc, previous, rules, points, result, standing, following)
    if not finalized:
        result.pending, result.waiting_tiers = pending_gains(doc, previous, rules, points, result, standing,
                                                             day or today())
    return result


def unreadable(doc: BrokenReport, rules: Guideline, points: Rubric) -> Evaluation:
    """A report that failed to load or its schema: listed with its errors, scoring nothing."""
    errors = sum(f.severity == "error" for f in doc.findings)
    return Evaluation(doc.society, doc.year, rules.year, points.id, doc.file, has_errors=True,
                      errors=errors, warnings=len(doc.findings) - errors, unreadable=True,
                      association_warnings=association_warnings(doc.findings, rules),
                      total=0.0, tier=points.tier_of(0.0))


def evaluate_repository(repo: Repository, year: int | None = None, as_of: dt.date | None = None,
                        memo: EvaluationMemo | None = None, finalizing: bool = False) -> list[Evaluation]:
    """Evaluations of every report (of one year, if given), sorted by year then society, with
    the association's reviews as they stand on `as_of` (today by default). With `memo`, a
    report whose inputs (itself and its lines, its findings, the year before, the review, the
    year files) are unchanged keeps its evaluation. A finalized year's (and, `finalizing`, the
    year being finalized) lines say what an unverified item was at the end, not what it waits for."""
    day = as_of or today()
    out: list[Evaluation] = []
    for (society, report_year), doc in sorted(repo.reports.items()):
        if year is not None and report_year != year:
            continue
        rules, points = _year_files(report_year, repo.root)
        if rules is None or points is None:
            continue
        # A report of the year before that could not be read is still there: 2.3 says so.
        previous = repo.reports.get((society, report_year - 1)) or repo.broken.get((society, report_year - 1))
        finalized = results_path(repo.root, report_year).is_file()
        standing = standing_for(repo.reviews.get((society, report_year)),
                                report_year in repo.reviewed_years, rules, points, day, final=finalized or finalizing)
        following = _next_window(report_year, repo.root)
        # Tuples compare their items by identity first: unchanged reports compare in no time.
        # The source map too: score lines cite the lines their items start on.
        before = (previous.report, previous.source) if isinstance(previous, ReportDoc) else (previous and previous.file,)
        inputs = (doc.report, doc.source, tuple(doc.findings), before, tuple(previous.findings) if previous else (),
                  standing, rules, points, day, following, finalized)
        kept = memo.get((society, report_year)) if memo is not None else None
        if kept is not None and kept[0] == inputs:
            result = kept[1]
        else:
            result = evaluate_report(doc, previous, rules, points, standing, following, day, finalized=finalized)
            result.society, result.year = society, report_year  # its place, whatever it claims
            if memo is not None:
                memo[(society, report_year)] = (inputs, result)
        out.append(result)
    for (society, report_year), broken in sorted(repo.broken.items()):
        if (year is not None and report_year != year) or (society, report_year) in repo.reports:
            continue
        rules, points = _year_files(report_year, repo.root)
        if rules is not None and points is not None:
            out.append(unreadable(broken, rules, points))
    return sorted(out, key=lambda e: (e.year, e.society))


def _year_files(year: int, root: Path) -> tuple[Guideline | None, Rubric | None]:
    """A year's guideline and rubric; none while its files are broken (the check says where),
    so one year the staff are still writing never stops the others' scores."""
    try:
        return guideline(year, root), rubric(year, root)
    except YearFileError:
        return None, None


def _next_window(year: int, root: Path) -> EvaluationWindow | None:
    """The evaluation window of the year after `year`, as its guideline file sets it; None while
    that year has no file, or its file does not read."""
    try:
        following = guideline(year + 1, root)
    except YearFileError:
        return None
    return following.evaluation_window if following is not None else None
