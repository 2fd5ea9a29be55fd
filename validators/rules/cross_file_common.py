"""What the rules across files share: where a finding goes, the items of an area, and the
form in which two reports' texts name the same thing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from validators.findings import Finding, error, warning
from validators.repository import ReportDoc, Repository
from validators.yaml.policy import policy
from validators.yaml.scalars import YamlPath
from validators.year.cited import cited_in_year

__all__ = ["REPORT_WORDS", "at", "clause_of", "items", "report_words", "same_text", "society_name", "squeezed"]


def clause_of(repo: Repository, doc: ReportDoc, area: str, name: str | None = None) -> str | None:
    """The clause a finding about `doc`'s item names, as `doc`'s year numbers it: the rubric
    rule `area`.`name`'s, or the area's own (validators.year.cited)."""
    return cited_in_year(doc.report.year, repo.root, area, name)


def society_name(repo: Repository, society: str) -> str:
    """A society as a message names it to a secretary: by its registered name (a society without
    a profile here by its id). The online form names it so from its list of societies
    (form-cross.js, `who`): a message must not make a secretary look up an id.."""
    profile = repo.profiles.get(society)
    return profile.profile.name if profile is not None else society


# How a message names another report (str.format): by its society and year, as a secretary
# knows it, not by its path in the repository. "own" when it is the same society's as the report
# the finding is in. The online form names it alike (form-cross.js, `reportOf`).
REPORT_WORDS = {"own": "本学会 {year} 年度报告", "other": "{society}的 {year} 年度报告"}


def report_words(repo: Repository, cited: ReportDoc, at_doc: ReportDoc) -> str:
    """The report `cited` as a message in `at_doc` names it."""
    if cited.report.society == at_doc.report.society:
        return REPORT_WORDS["own"].format(year=cited.report.year)
    return REPORT_WORDS["other"].format(society=society_name(repo, cited.report.society), year=cited.report.year)


# The rules across files key every title, name and commissioner by it, several times each:
# NFKC of a Chinese text with full-width punctuation is not cheap, the answers are small.
@lru_cache(maxsize=1 << 16)
def same_text(text: str) -> str:
    """What two reports must share to name the same thing: the NFKC form (a full-width １ is a 1)
    without any white space or the marks of policy.yaml's `text.same_text_ignored` (a copy with
    a space or a 。 added is the same title), ASCII letters in lower case."""
    return squeezed(unicodedata.normalize("NFKC", text))


def squeezed(text: str) -> str:
    """`text` without white space and the ignored marks, ASCII letters in lower case (as
    `same_text` compares, before NFKC). A mark between two digits stays: 1.5 is not 15, nor
    1/2 12."""
    kept = "".join(text.split())
    table = _ignored()
    pieces: list[str] = []
    start = 0
    for between in _BETWEEN_DIGITS.finditer(kept):
        mark = between.group()
        if table.get(ord(mark), mark) is None:  # an ignored mark, but part of a number here
            pieces += (kept[start:between.start()].translate(table), mark)
            start = between.end()
    return "".join(pieces) + kept[start:].translate(table)


_BETWEEN_DIGITS = re.compile("(?<=[0-9])[^0-9](?=[0-9])")


@cache
def _ignored() -> dict[int, int | None]:
    # ASCII letters compare case-blind too ("ChatGPT" and "Chatgpt" name one work); other
    # scripts' case rules differ between Python and the form's JavaScript, and titles here are
    # Chinese with a few Latin words.
    folded: dict[int, int | None] = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
    return folded | dict.fromkeys(map(ord, policy().text.same_text_ignored))


def at(doc: ReportDoc, path: YamlPath, code: str, message: str, clause: str | None,
        severity: str = "error") -> Finding:
    line, col = doc.source.value(path)
    make = error if severity == "error" else warning
    return make(doc.file, line, col, code, message, clause, path)


def items(repo: Repository, area: str) -> Iterator[tuple[ReportDoc, int, Any]]:
    """Every item of one list area, with its report and index; items of different areas share
    `id` and the fields a rule reads, so they are typed loosely here."""
    for _, doc in sorted(repo.reports.items()):
        for i, item in enumerate(getattr(doc.report, area)):
            yield doc, i, item
