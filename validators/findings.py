"""One problem found in one file: the unit every rule returns and every reporter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CheckResult", "Finding", "PlacedError", "error", "warning"]

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
    # Where in the document the finding is (keys and list indexes), so that scoring can tell
    # which item it condemns. Internal: not part of the published finding format.
    path: tuple[str | int, ...] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column, "code": self.code,
                "severity": self.severity, "message": self.message, "clause": self.clause}

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line, self.column, SEVERITY_ORDER[self.severity], self.code)


class PlacedError(ValueError):
    """A model validator's objection to one value inside what it validates: `at` is the path of
    that value below the validated model, so that the finding points at it (the entry out of
    order), not at the model's first line. The message is said as written."""

    def __init__(self, message: str, at: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.at = at


def error(file: str, line: int, column: int, code: str, message: str,
          clause: str | None = None, path: tuple[str | int, ...] | None = None) -> Finding:
    return Finding(file, max(line, 1), max(column, 1), code, "error", message, clause, path)


def warning(file: str, line: int, column: int, code: str, message: str,
            clause: str | None = None, path: tuple[str | int, ...] | None = None) -> Finding:
    return Finding(file, max(line, 1), max(column, 1), code, "warning", message, clause, path)


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
