"""The validated contents of a submissions tree: profiles and year reports with their source marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from validators.loading import SourceMap
from validators.models.report import YearReport
from validators.models.society import SocietyProfile

SUBMISSIONS = "submissions"
PROFILE_FILE = "society.yaml"


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
    # True when an in-file rule found an error: such a report is shown but not scored.
    has_errors: bool = False


@dataclass(slots=True)
class Repository:
    root: Path
    profiles: dict[str, ProfileDoc] = field(default_factory=dict)
    reports: dict[tuple[str, int], ReportDoc] = field(default_factory=dict)
    # Every society folder of the tree, when only part of it was read.
    society_ids: set[str] = field(default_factory=set)

    def years(self) -> list[int]:
        return sorted({year for _, year in self.reports})
