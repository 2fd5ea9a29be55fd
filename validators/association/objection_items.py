"""Which of a report's items an objection names. The record has no field for them (the issue
form asks for 项目名称, which the association's summary keeps in the subject): the site links
the items whose names the subject gives, and says 见事由 otherwise."""

from __future__ import annotations

import re

from validators.rules.cross_file_common import same_text

__all__ = ["same_text", "subject_names"]

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
