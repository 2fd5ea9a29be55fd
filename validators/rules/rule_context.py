"""What an in-file rule sees: the validated report, where its values are, and the year's guideline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from validators.findings import Finding, error, warning
from validators.rules.suggest import closest_name
from validators.yaml.loading import SourceMap
from validators.yaml.policy import Policy
from validators.yaml.scalars import YamlPath
from validators.year.cited import area_clause, cited_clause
from validators.year.guideline import Guideline


@dataclass(slots=True)
class RuleContext:
    file: str
    folder: Path
    source: SourceMap
    guideline: Guideline
    policy: Policy
    findings: list[Finding] = field(default_factory=list)
    hints_given: int = 0
    # The repository whose year files the rules may consult (another year's names); None: the
    # years shipped with the code.
    root: Path | None = None

    def cited(self, area: str, name: str | None = None) -> str:
        """The clause as the year numbers it: the rubric rule `area`.`name`'s (validators.year.
        cited), or without `name` the area's own."""
        if name is None:
            return area_clause(self.guideline, area)
        return cited_clause(area, name, self.guideline, self.root)

    def closest(self, name: str, options: Sequence[str], cutoff: float = 0.5) -> str | None:
        """The listed name `name` most likely meant, while the file's budget of hints lasts."""
        bounds = self.policy.suggestions
        if self.hints_given >= bounds.max_per_file or len(name) > bounds.max_name_chars:
            return None
        self.hints_given += 1
        return closest_name(name.strip(), tuple(options), cutoff)

    def error(self, path: YamlPath, code: str, message: str, clause: str | None) -> None:
        line, col = self.source.value(path)
        self.findings.append(error(self.file, line, col, code, message, clause, path))

    def warning(self, path: YamlPath, code: str, message: str, clause: str | None) -> None:
        line, col = self.source.value(path)
        self.findings.append(warning(self.file, line, col, code, message, clause, path))

    def not_after_deadline(self, path: YamlPath, day: dt.date, clause: str | None, what: str) -> None:
        """A station or consortium reported this year must exist by this year's deadline."""
        deadline = self.guideline.evaluation_window.deadline
        if day > deadline:
            self.error(path, "E-DATE-OUTSIDE-WINDOW",
                       f"{what} {day.isoformat()} 晚于 {self.guideline.year} 年度评估截止日 "
                       f"{deadline.isoformat()}：请放到对应年度的报告中。", clause)

    def in_window(self, path: YamlPath, day: dt.date, clause: str | None, what: str) -> None:
        window = self.guideline.evaluation_window
        if not window.contains(day):
            self.error(path, "E-DATE-OUTSIDE-WINDOW",
                       f"{what} {day.isoformat()} 不在 {self.guideline.year} 年度评估期"
                       f"（{window.label}）内：请核对日期，或放到对应年度的报告中。", clause)
