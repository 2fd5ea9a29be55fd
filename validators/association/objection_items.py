"""Which of a report's items an objection names. The record has no field for them (the issue
form asks for 项目名称, which the association's summary keeps in the subject): the site links
the items whose names the subject gives, and says 见事由 otherwise; the report page and the online
form mark them with `CONTESTED` while the objection is open, both by `named_entries`; the report
page's mark adds what the subject says of the item (`disputed_words`)."""

from __future__ import annotations

import re

from validators.association.reviews import review_entries
from validators.models.report import YearReport
from validators.rules.cross_file_common import same_text

__all__ = ["CONTESTED", "disputed_words", "named_entries", "same_text", "subject_names"]

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


# Around an item's name in a subject: the marks that quote it, and what joins it to the rest
# (“……服务站”的活动次数 → 活动次数); a sentence, after whose end a subject asks or adds
# (……不一致。请核实。 → ……不一致).
NAME_QUOTES = "“”「」《》\""
NAME_JOINERS = " \t，,、：:；;的"
SENTENCE_END = re.compile("[。！？；!?;\n]")


def disputed_words(subject: str, title: str, limit: int) -> str:
    """What an objection's subject says about an item it names, in at most `limit` characters
    (cut with “…”): its first sentence after the item's name where the subject writes the name
    as the report does, else its first sentence. Plain text, for its reader to escape."""
    at = subject.find(title) if title else -1
    after = subject[at + len(title):].lstrip(NAME_QUOTES).lstrip(NAME_JOINERS) if at >= 0 else ""
    sentences = [" ".join(s.split()) for s in (*SENTENCE_END.split(after), *SENTENCE_END.split(subject))]
    words = next((s for s in sentences if s), "")
    return words if len(words) <= limit else words[:limit - 1].rstrip(NAME_JOINERS) + "…"
