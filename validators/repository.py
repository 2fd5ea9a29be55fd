"""The validated contents of a submissions tree: profiles and year reports with their source marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from validators.findings import Finding
from validators.models.consortia import Consortium, ConsortiumRole
from validators.models.report import YearReport
from validators.models.society import SocietyProfile
from validators.submission_paths import PROFILE_FILE, SUBMISSIONS
from validators.yaml.loading import Loaded, SourceMap

if TYPE_CHECKING:
    from validators.association.objections import ObjectionsDoc
    from validators.association.reviews import ReviewDoc

__all__ = ["PROFILE_FILE", "SUBMISSIONS", "BrokenReport", "ProfileDoc", "ReportDoc", "Repository"]


@dataclass(slots=True)
class ProfileDoc:
    file: str
    profile: SocietyProfile
    source: SourceMap


@dataclass(slots=True)
class ReportDoc:
    file: str
    report: YearReport
    source: SourceMap
    # Every finding in the file, the cross-file ones included: the item verdicts come from these.
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass(slots=True)
class BrokenReport:
    """A year report that could not be read or failed its schema: it scores nothing, but it is
    still a report that was submitted, with its errors."""

    file: str
    society: str
    year: int
    findings: list[Finding]


@dataclass(slots=True)
class Repository:
    root: Path
    profiles: dict[str, ProfileDoc] = field(default_factory=dict)
    reports: dict[tuple[str, int], ReportDoc] = field(default_factory=dict)
    broken: dict[tuple[str, int], BrokenReport] = field(default_factory=dict)
    # The errors of each society's profile (by folder): they condemn the society's reports.
    profile_errors: dict[str, list[Finding]] = field(default_factory=dict)
    # The association's reviews (reviews/<year>/<society>.yaml), and the years that keep them.
    reviews: dict[tuple[str, int], ReviewDoc] = field(default_factory=dict)
    reviewed_years: set[int] = field(default_factory=set)
    # Each year's objections (reviews/<year>/objections.yaml).
    objections: dict[int, ObjectionsDoc] = field(default_factory=dict)
    # Each year's review and objection files that could not be used (unreadable, refused by their
    # model, of another year), with their errors: a year scored without them would publish every
    # item of the society as unverified, or drop its objections. Nothing of such a year is scored.
    unusable_records: dict[int, list[Finding]] = field(default_factory=dict)
    # Each file of the reviews folder the check loaded, by file, whether its model accepted it or
    # not: the pull request's check of `based_on` reads them instead of loading them again.
    records: dict[str, Loaded] = field(default_factory=dict)

    def societies(self) -> set[str]:
        """The societies of the tree: each folder whose profile or a report reads. The one
        definition the rules across files, the site and the online form share; a check of one file
        reads a member's folder whole, so it knows the same ones as the whole check."""
        return set(self.profiles) | {society for society, _ in self.reports}

    def unread_societies(self) -> set[str]:
        """The folders of the tree that hold a profile or a report, none of which reads: no
        society (`societies`), but a member written as one is told its files do not read
        (W-CONSORTIUM-MEMBER-UNKNOWN), not that no such society is here."""
        folders = {society for society, errors in self.profile_errors.items()
                   if any(f.file == f"{SUBMISSIONS}/{society}/{PROFILE_FILE}" for f in errors)}
        return (folders | {society for society, _ in self.broken}) - self.societies()

    def years(self) -> list[int]:
        return sorted({year for _, year in self.reports} | {year for _, year in self.broken})

    def led_consortia(self) -> dict[str, tuple[str, int, Consortium]]:
        """Every consortium a report leads, by id, as its lead last reported it (reports taken by
        society, then year): (society, year, consortium). The form's list of published consortia,
        whose ids it gives no new item, and `xlsx import` likewise."""
        found: dict[str, tuple[str, int, Consortium]] = {}
        for (society, year), doc in sorted(self.reports.items()):
            for item in doc.report.consortia:
                if item.role is ConsortiumRole.LEAD:
                    found[item.id] = (society, year, item)
        return found
