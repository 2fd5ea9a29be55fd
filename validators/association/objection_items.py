"""Which of a report's items an objection names. The record has no field for them (the issue
form asks for 项目名称, which the association's summary keeps in the subject): the site links
the items whose names the subject gives, and says 见事由 otherwise; the report page and the online
form mark them with `CONTESTED` while the objection is open, both by `named_entries`."""

from __future__ import annotations

import re

from validators.association.reviews import review_entries
from validators.models.report import YearReport
from validators.rules.cross_file_common import same_text

__all__ = ["CONTESTED", "named_entries", "same_text", "subject_names"]

# The mark an item named by an objection still open carries: in the report's tables and at its
# box in the online form (config.json's `contested`).
CONTESTED = "有异议"

# A quoted segment of an objection's subject (in Chinese or corner quotation marks, book-title
# marks or ASCII double quotes), and the length an item's title needs to be found unquoted in it.
# A segment holds no opening mark of its kind: from each opener the scan stops at the next one,
# so a subject of openers never closed is read in linear time (test_linear_patterns).
QUOTED = re.compile('“([^“”]+)”|\u300c([^\u300c\u300d]+)\u300d|《([^《》]+)》|"([^"]+)"')
UNQUOTED_NAME_MIN = 6


def subject_names(subject: str, title: str) -> bool:
    """Whether an objection's subject names a report's item: its title quoted (“沙龙”), or,
    unquoted, a title long enough not to be part of another word (沙龙 is in 读书沙龙),
    compared as `check` compares names (same_text). A wrong link is worse than none."""
    name = same_text(title)
    if any(same_text(next(g for g in m.groups() if g)) == name for m in QUOTED.finditer(subject)):
        return True
    return len(name) >= UNQUOTED_NAME_MIN and name in same_text(subject)


def named_entries(report: YearReport, subject: str) -> list[tuple[str, str, str]]:
    """The list items (area, id, title) of `report` that an objection's `subject` names by their
    exact name, each once, in the file's order."""
    # List items only: a claim (注册率) has no row of its own.
    found = [e for e in review_entries(report) if e.fields is None and e.title and subject_names(subject, e.title)]
    # A name found only inside a longer name found too is part of that one.
    found = [e for e in found if not any(e.title != f.title and same_text(e.title) in same_text(f.title) for f in found)]
    return list(dict.fromkeys((str(e.path[0]), e.id, e.title) for e in found))
