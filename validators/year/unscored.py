"""The years whose files cannot be scored by: unreadable, or disagreeing with each other or
with their text (what `check` reports as E-YEAR-FILE at the year files). Neither `evaluate`
nor the site publishes a score of such a year."""

from __future__ import annotations

from pathlib import Path

from validators.year.consistency import year_problems
from validators.year.files import YearProblem

__all__ = ["unscored_years"]


def unscored_years(root: Path | None = None) -> dict[int, list[YearProblem]]:
    """Each such year with its problems, said at its own files (`2019.yaml`, `2019.txt`)."""
    held: dict[int, list[YearProblem]] = {}
    for problem in year_problems(root):
        stem = Path(problem.file).stem
        if stem.isdigit():
            held.setdefault(int(stem), []).append(problem)
    return held
