"""Warnings that wait on the association, not on the society: a list of the year's guideline it
has not published yet (policy.yaml's `remarks.association_pending`). The public 备注 leaves them
out of its count of warnings; `check` gives them as ever."""

from __future__ import annotations

from collections.abc import Iterable

from validators.findings import Finding
from validators.yaml.policy import PendingWarning, policy
from validators.year.guideline import Guideline

__all__ = ["association_warnings", "pending_on_association"]


def pending_on_association(rules: Guideline) -> list[PendingWarning]:
    """The policy's entries whose list the year's guideline leaves empty (not yet published)."""
    return [p for p in policy().remarks.association_pending if not getattr(rules, p.until_listed)]


def association_warnings(findings: Iterable[Finding], rules: Guideline) -> int:
    """How many of the warnings wait on the association in the year of `rules`."""
    codes = {p.code for p in pending_on_association(rules)}
    return sum(f.severity == "warning" and f.code in codes for f in findings)
