"""What an earlier year's name of a kind is this year: the same kind renamed, or ended. Read
off the year files alone (a kind's code, label and aliases), so that `check` and the form say
the same words."""

from __future__ import annotations

from pathlib import Path

from validators.year.files import YearFileError, available_years
from validators.year.guideline import Guideline, guideline
from validators.year.kinds import Kind

__all__ = ["earlier_name", "earlier_names", "former_kind"]


def former_kind(written: str, vocabulary: str, this: Guideline,
                root: Path | None = None) -> tuple[int, Guideline, Kind, Kind | None] | None:
    """The latest earlier year that had the name: that year, its guideline, its kind, and this
    year's same kind (by its code, label or aliases; None when this year has ended it). A clause
    number is no link: a year may renumber its clauses."""
    for year in reversed([y for y in available_years(root) if y < this.year]):
        try:
            earlier = guideline(year, root)
        except YearFileError:  # that year's own problem, said at its files
            continue
        old = earlier.kind(vocabulary, written) if earlier is not None else None
        if earlier is None or old is None:
            continue
        now = next((k for k in this.vocabulary(vocabulary) if k.code == old.code), None) or next(
            (k for name in old.names() if (k := this.kind(vocabulary, name)) is not None), None)
        return year, earlier, old, now
    return None


def earlier_name(written: str, vocabulary: str, this: Guideline, root: Path | None = None) -> str:
    """When an earlier year had the name: which year, and the year's kind the year files link
    it to: the same kind, renamed; a kind the year no longer has is said to be ended, and no
    other kind is offered in its place. Nothing is guessed beyond what the year files say."""
    found = former_kind(written, vocabulary, this, root)
    if found is None:
        return ""
    year, earlier, _, now = found
    if now is not None:
        return f"“{written}”是 {year} 年度的名称，{this.year} 年度改称“{now.label}”：请改写为“{now.label}”。"
    return f"“{written}”是 {year} 年度的{earlier.vocabulary_title(vocabulary)}，{this.year} 年度已没有这一类。"


def earlier_names(vocabulary: str, this: Guideline, root: Path | None = None) -> dict[str, str]:
    """Every name an earlier year gave a kind of `vocabulary` that `this` year does not take,
    with what `check` says of it (the form says the same)."""
    names: list[str] = []
    for year in [y for y in available_years(root) if y < this.year]:
        try:
            earlier = guideline(year, root)
        except YearFileError:
            continue
        if earlier is not None:
            names += [n for k in earlier.vocabulary(vocabulary) for n in k.names()
                      if this.kind(vocabulary, n) is None and n not in names]
    said = {name: earlier_name(name, vocabulary, this, root) for name in names}
    return {name: words for name, words in said.items() if words}
