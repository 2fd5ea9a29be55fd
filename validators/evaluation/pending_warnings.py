"""Warnings that wait on someone other than the society (policy.yaml's `remarks.association_pending`):
the association, with a list of the year's guideline it has not published yet, or another society
(a member of a consortium the society leads with no report of the year). The public 备注 leaves
them out of its count of warnings; `check` gives them as ever."""

from __future__ import annotations

from collections.abc import Iterable

from validators.findings import Finding
from validators.rules.cross_file_consortia import NOT_COUNTED, SAYS_NOT_COUNTED
from validators.yaml.policy import PendingWarning, policy
from validators.year.guideline import Guideline

__all__ = ["NOT_COUNTED", "SAYS_NOT_COUNTED", "association_warnings", "left_out", "pending_on_association"]


def pending_on_association(rules: Guideline) -> list[PendingWarning]:
    """The policy's entries that hold in the year of `rules`: those that always do, and those whose
    list the year's guideline leaves empty (not yet published)."""
    return [p for p in policy().remarks.association_pending
            if p.until_listed is None or not getattr(rules, p.until_listed)]


def left_out(findings: Iterable[Finding], rules: Guideline) -> list[Finding]:
    """The warnings that wait on someone other than the society in the year of `rules`: those the
    public 备注 leaves out of its count (the report page says so at each)."""
    codes = {p.code for p in pending_on_association(rules)}
    return [f for f in findings if f.severity == "warning" and f.code in codes]


def association_warnings(findings: Iterable[Finding], rules: Guideline) -> int:
    """How many of the warnings wait on someone other than the society in the year of `rules`."""
    return len(left_out(findings, rules))
