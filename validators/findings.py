"""One problem found in one file: the unit every rule returns and every reporter renders."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# Reporters and annotations list the worst first.
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1}


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    clause: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line, self.column, SEVERITY_ORDER[self.severity], self.code)


def error(file: str, line: int, column: int, code: str, message: str,
          clause: str | None = None) -> Finding:
    return Finding(file, max(line, 1), max(column, 1), code, "error", message, clause)


def warning(file: str, line: int, column: int, code: str, message: str,
            clause: str | None = None) -> Finding:
    return Finding(file, max(line, 1), max(column, 1), code, "warning", message, clause)


@dataclass(slots=True)
class CheckResult:
    """What `check` hands to a reporter: how many files were read and what was found."""

    files: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.sort_key)

    def to_dict(self) -> dict[str, object]:
        return {"files": self.files, "findings": [f.to_dict() for f in self.sorted_findings()]}
