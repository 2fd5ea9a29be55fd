"""One verdict per item, read off the findings `check` made: the evaluation pays no item that
an error condemns, so `check` and `evaluate` can never disagree about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from validators.findings import Finding
from validators.yaml.scalars import YamlPath


def _related(a: YamlPath, b: YamlPath) -> bool:
    """One path lies inside the other: an error in an item's field, or on the whole list."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# The report's own fields that are no area: an error in one is an error of the whole report.
_WHOLE_REPORT = frozenset({"society", "year"})


@dataclass(slots=True)
class Verdicts:
    """The errors of one report, by where they are."""

    # Errors that are about no item: a wrong society or year, a missing profile. They condemn
    # every item of the report.
    report_errors: list[Finding] = field(default_factory=list)
    item_errors: list[tuple[YamlPath, Finding]] = field(default_factory=list)

    @classmethod
    def of(cls, findings: Iterable[Finding], file: str | None = None) -> Verdicts:
        """An error in the report `file` at a place inside one of its areas condemns what it is
        in; one about the report as a whole (no place, its society or year) or from another file
        (its society's profile) condemns everything."""
        verdicts = cls()
        for f in findings:
            if f.severity != "error":
                continue
            own = file is None or f.file == file
            if own and f.path and f.path[0] not in _WHOLE_REPORT:
                verdicts.item_errors.append((f.path, f))
            else:
                verdicts.report_errors.append(f)
        return verdicts

    def blocking(self, path: YamlPath) -> Finding | None:
        """The first error that condemns the item at `path` (within it, or on a list holding it)."""
        if self.report_errors:
            return self.report_errors[0]
        return next((f for at, f in self.item_errors if _related(at, path)), None)

    def blocking_except(self, path: YamlPath, inner: str) -> Finding | None:
        """As `blocking`, but errors inside the item's `inner` list are judged per entry (a research
        report's achievements each stand or fall on their own)."""
        if self.report_errors:
            return self.report_errors[0]
        depth = len(path)
        return next((f for at, f in self.item_errors if _related(at, path)
                     and not (len(at) > depth and at[depth] == inner)), None)
