"""Which of a report's items an objection names. The record has no field for them (the issue
form asks for 项目名称, which the association's summary keeps in the subject): the site links
the items whose names the subject gives, and says 见事由 otherwise; the report page and the online
form mark them with `CONTESTED` while the objection is open, both by `named_entries`; the report
page's mark adds what the subject says of the item (`disputed_words`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
# (……不一致。请核实。 → ……不一致); what lists it with another item (沙龙A、沙龙B均无照片: what
# follows the name is said of both, and the name after it is another item's).
NAME_QUOTES = "“”「」《》\""
NAME_JOINERS = " \t，,、：:；;的"
NAME_LISTED = ("、", "和", "与", "及", "以及")
SENTENCE_END = re.compile("[。！？；!?;\n]")
# The mark quotes the words in “”: quotation marks in them are turned to the inner ones (‘’).
INNER_QUOTES = str.maketrans("“”", "‘’")


def _inner_quotes(words: str) -> str:
    """`words` with its double quotation marks made single ones, an ASCII pair opening and closing
    as the Chinese ones do; the whole of them one quoted segment, that segment (“沙龙” → 沙龙)."""
    whole = QUOTED.fullmatch(words)
    if whole is not None:
        words = next(g for g in whole.groups() if g)
    parts = words.translate(INNER_QUOTES).split('"')
    return "".join(part + ("‘" if i % 2 == 0 else "’") for i, part in enumerate(parts[:-1])) + parts[-1]


def disputed_words(subject: str, title: str, limit: int, others: Iterable[str] = ()) -> str:
    """What an objection's subject says about an item it names, in at most `limit` characters
    (cut with “…”): its first sentence after the item's name where the subject writes the name
    as the report does, unless the name is listed with another item (“、”, or one of `others`,
    the other items the subject names, right after it), else the subject's first sentence; its
    quotation marks made inner ones, for the mark quotes it; "" when it says nothing. Plain text,
    for its reader to escape."""
    at = subject.find(title) if title else -1
    after = subject[at + len(title):].lstrip(NAME_QUOTES) if at >= 0 else ""
    rest = after.lstrip(NAME_JOINERS)
    listed = next((w for w in NAME_LISTED if rest.startswith(w)), "")
    rest_named = rest[len(listed):].lstrip(NAME_QUOTES)
    if after.startswith("、") or any(o and o != title and rest_named.startswith(o) for o in others):
        rest = ""
    firsts = (SENTENCE_END.split(rest)[0], next((s for s in SENTENCE_END.split(subject) if s.strip()), ""))
    words = next((w for w in (_inner_quotes(" ".join(s.split())) for s in firsts) if w.strip(NAME_QUOTES)), "")
    return words if len(words) <= limit else words[:limit - 1].rstrip(NAME_JOINERS) + "…"
