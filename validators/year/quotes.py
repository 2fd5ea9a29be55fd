"""The guideline's own words, said only as the year's text says them.

Corner brackets (U+300C, U+300D) mark a quotation of the guideline (tests/test_guideline_quotes.py finds
them), and a quotation must be the year's words exactly. A phrase written in the code is one
year's wording; a later year may reword its clause, so each phrase is quoted only when the
year's clause (or whole text) still holds it, and otherwise said without quoting or left out.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["growth_named", "holds", "quoted", "said"]

_OPEN, _CLOSE = "\u300c", "\u300d"


def holds(phrase: str, *texts: str) -> bool:
    """Whether one of `texts` (a clause's words; line breaks and spaces ignored, as the printed
    text breaks lines inside sentences) holds `phrase` word for word."""
    wanted = "".join(phrase.split())
    return any(wanted in "".join(t.split()) for t in texts)


def quoted(phrase: str, *texts: str) -> str | None:
    """`phrase` in corner brackets when the year's text holds it; None when the year words it otherwise (the
    caller leaves the quotation out)."""
    return f"{_OPEN}{phrase}{_CLOSE}" if holds(phrase, *texts) else None


def said(phrase: str, *texts: str) -> str:
    """`phrase` in corner brackets when the year's text holds it; else the same phrase, unmarked."""
    return quoted(phrase, *texts) or phrase


def growth_named(clauses: Mapping[str, str], clause: str) -> str:
    """What `clause` (the clause of the rubric's `growth`, 2017's 2.3) calls the growth of a
    society's functions, in the year's words."""
    return quoted("有较大提升", clauses.get(clause, "")) or f"条款 {clause} 所说的增长"
