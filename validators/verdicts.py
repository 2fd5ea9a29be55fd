"""One verdict per item, read off the findings `check` made: the evaluation pays no item that
an error condemns, so `check` and `evaluate` can never disagree about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from validators.findings import Finding
from validators.yaml.scalars import YamlPath

# The report's own fields that are no area: an error in one is an error of the whole report.
_WHOLE_REPORT = frozenset({"society", "year"})


@dataclass(slots=True)
class Verdicts:
    """The errors of one report, by where they are."""

    # Errors that are about no item: a wrong society or year, a missing profile. They condemn
    # every item of the report.
    report_errors: list[Finding] = field(default_factory=list)
    item_errors: list[tuple[YamlPath, Finding]] = field(default_factory=list)
    # The item errors by where they are, in order: what holds or lies within a path is looked
    # up, not searched for (a report of 2,000 items with an error each was scanned 2,000 times
    # over, for every what-if copy of the advice).
    _at: dict[YamlPath, tuple[int, Finding]] | None = None
    _within: dict[YamlPath, list[tuple[int, YamlPath, Finding]]] | None = None

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

    def _first(self, path: YamlPath, skip_inner: str | None) -> Finding | None:
        """The first error (in the findings' order) on a list or block holding `path`, or on or
        within it (but for those inside its `skip_inner` list)."""
        if self._at is None or self._within is None:
            self._at, self._within = {}, {}
            for order, (at, f) in enumerate(self.item_errors):
                self._at.setdefault(at, (order, f))
                for n in range(1, len(at) + 1):
                    self._within.setdefault(at[:n], []).append((order, at, f))
        depth = len(path)
        found = [self._at[path[:n]] for n in range(1, depth) if path[:n] in self._at]
        inside = next(((order, f) for order, at, f in self._within.get(path, [])
                       if skip_inner is None or not (len(at) > depth and at[depth] == skip_inner)), None)
        found += [inside] if inside else []
        return min(found, key=lambda e: e[0])[1] if found else None

    def blocking(self, path: YamlPath) -> Finding | None:
        """The first error that condemns the item at `path` (within it, or on a list holding it)."""
        if self.report_errors:
            return self.report_errors[0]
        return self._first(path, None)

    def blocking_except(self, path: YamlPath, inner: str) -> Finding | None:
        """As `blocking`, but errors inside the item's `inner` list are judged per entry (a research
        report's achievements each stand or fall on their own)."""
        if self.report_errors:
            return self.report_errors[0]
        return self._first(path, inner)
