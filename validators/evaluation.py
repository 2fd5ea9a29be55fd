"""Evaluations of a repository: each report scored under its year's guideline and rubric,
with the advice that would raise its score most."""

from __future__ import annotations

from validators.advice import advise
from validators.guideline import Guideline, guideline
from validators.repository import ReportDoc, Repository
from validators.rubric import Rubric, rubric
from validators.scoring import Evaluation, score_report


def evaluate_report(doc: ReportDoc, previous: ReportDoc | None, rules: Guideline,
                    points: Rubric) -> Evaluation:
    result = score_report(doc, previous, rules, points)
    result.advice = advise(doc, previous, rules, points, result)
    return result


def evaluate_repository(repo: Repository, year: int | None = None) -> list[Evaluation]:
    """Evaluations of every report (of one year, if given), sorted by year then society."""
    out: list[Evaluation] = []
    for (society, report_year), doc in sorted(repo.reports.items()):
        if year is not None and report_year != year:
            continue
        rules, points = guideline(report_year), rubric(report_year)
        if rules is None or points is None:
            continue
        previous = repo.reports.get((society, report_year - 1))
        out.append(evaluate_report(doc, previous, rules, points))
    return out
