"""Each area's rules read only their own part of a report, and each area is scored apart.

Advice re-checks a what-if copy with the rules of the one area the change touched
(`area_findings(doc, copy, rules, area)`) and re-scores that area alone; that is only right
while no area's rules or points look at another area. The one rule that does, repeated items
(one piece of work listed in two areas), is checked whole (`repeat_findings`), and the areas
whose repeats it changes are scored again too. Here every area of every sample and
acceptance-case report is checked again with every other area emptied (its findings must not
move), and advice is compared with advice computed the long way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.trees import ROOT
from validators.association.reviews import Standing, standing_for
from validators.check import area_findings, check_tree, repeat_findings
from validators.evaluation.advice import MAX_ADVICE, candidates
from validators.evaluation.evaluate import evaluate_repository
from validators.evaluation.scoring import Advice, Evaluation, score_report
from validators.findings import Finding
from validators.models.report import AREA_KEYS, YearReport
from validators.repository import ReportDoc
from validators.rules.repeated_items import CODE as REPEATED
from validators.year.guideline import Guideline, guideline
from validators.year.rubric import Rubric, rubric

FIDELITY = ROOT / "tests" / "data" / "fidelity"
TREES = [ROOT, *sorted(p for p in FIDELITY.iterdir() if (p / "submissions").is_dir())]


def _docs(tree: Path) -> list[ReportDoc]:
    _, repo = check_tree(tree)
    return [repo.reports[key] for key in sorted(repo.reports)]


def _emptied(report: YearReport, keep: str) -> YearReport:
    fields = YearReport.model_fields
    return report.model_copy(update={
        area: fields[area].get_default(call_default_factory=True) for area in AREA_KEYS if area != keep})


def test_an_areas_findings_do_not_depend_on_the_other_areas() -> None:
    checked: set[str] = set()
    for tree in TREES:
        for doc in _docs(tree):
            rules = guideline(doc.report.year, tree)
            if rules is None:
                continue
            for area in AREA_KEYS:
                alone = _emptied(doc.report, area)
                assert area_findings(doc, alone, rules, area) == area_findings(doc, doc.report, rules, area), (
                    tree.name, doc.file, area)
            checked.add(f"{tree.name}/{doc.file}")
    # The samples and most acceptance cases hold readable reports.
    assert len(checked) >= len(TREES), sorted(checked)


def test_the_area_rules_are_all_present() -> None:
    """A report that changes an area unknown to `area_findings` must fail loudly, not pass."""
    doc = _docs(ROOT)[0]
    rules = guideline(doc.report.year, ROOT)
    assert rules is not None
    for area in AREA_KEYS:
        area_findings(doc, doc.report, rules, area)
    with pytest.raises(KeyError):
        area_findings(doc, doc.report, rules, "society")


def _reference_advice(doc: ReportDoc, previous: ReportDoc | None, rules: Guideline, points: Rubric,
                      current: Evaluation, standing: Standing | None) -> list[Advice]:
    """Advice the long way: every candidate re-checked by every area's rules and the rule of
    repeated items (which reads all areas at once), the whole report scored."""
    def by_areas(report: YearReport) -> list[Finding]:
        return [f for area in AREA_KEYS for f in area_findings(doc, report, rules, area)
                if f.code != REPEATED]

    made = by_areas(doc.report)
    kept = [f for f in doc.findings if f not in made and f.code != REPEATED]
    found = []
    for candidate in candidates(doc.report, rules, points, current):
        others = kept + by_areas(candidate.report)
        fixed = replace(doc, report=candidate.report,
                        findings=others + repeat_findings(doc, candidate.report, rules, others))
        gain = score_report(fixed, previous, rules, points, standing).total - current.total
        if gain > 0:
            found.append(Advice(candidate.clause, candidate.message, gain))
    found.sort(key=lambda a: (-a.gain, a.clause, a.message))
    return found[:MAX_ADVICE]


def test_advice_scored_one_area_at_a_time_equals_advice_scored_whole(tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    generate(12, 3, seed=7, out=generated)
    compared = 0
    for tree in [ROOT, generated, *TREES[1:]]:
        _, repo = check_tree(tree)
        for evaluation in evaluate_repository(repo, as_of=dt.date(2030, 1, 1)):
            doc = repo.reports.get((evaluation.society, evaluation.year))
            rules, points = guideline(evaluation.year, tree), rubric(evaluation.year, tree)
            if doc is None or rules is None or points is None:
                continue
            previous = repo.reports.get((evaluation.society, evaluation.year - 1))
            standing = standing_for(repo.reviews.get((evaluation.society, evaluation.year)),
                                    evaluation.year in repo.reviewed_years, rules, points, dt.date(2030, 1, 1))
            expected = _reference_advice(doc, previous, rules, points, evaluation, standing)
            assert [(a.clause, a.message) for a in evaluation.advice] == [(a.clause, a.message) for a in expected]
            assert [a.gain for a in evaluation.advice] == pytest.approx([a.gain for a in expected])
            compared += len(expected)
    assert compared > 20  # the generated tree gives many candidates that raise a score
