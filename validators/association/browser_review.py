"""The check's words about a review file's names, as the workbench says them at the field: an
expert number that is not one (张三, Expert-C) and a reviewer that is not a GitHub user name
(E-SCHEMA-PATTERN), and its warnings about an objection received outside the notice period or
still open with an answer (W-OBJECTION-*). The workbench reads these from its settings and begins them with its own
subject ("第 2 行（张三）的专家编号"), so that it says what `check` says without a second copy.
A year's settings carry the days its records may be dated and the check's words for a date
outside them (E-DATE-OUTSIDE-CYCLE).
"""

from __future__ import annotations

from typing import Any

from validators.association.objections import OPEN_ANSWERED_MESSAGE, OUTSIDE_NOTICE_MESSAGE
from validators.association.record_dates import future_words, outside_words, record_days
from validators.models.common import SLUG_PATTERN
from validators.models.review import ReviewFile
from validators.models.society import GITHUB_LOGIN_PATTERN
from validators.schema_findings import pattern_message
from validators.year.guideline import Guideline

__all__ = ["browser_record_days", "browser_review_words"]


def browser_review_words() -> dict[str, str]:
    """The check's sentences without their subject: what follows “expert” and “reviewer”; and
    its warnings about an objection, the first with {filed}, {year}, {starts} and {ends} to fill."""
    return {"expert_pattern": pattern_message(ReviewFile, ("marks", 0, "expert"), SLUG_PATTERN, ""),
            "reviewer_pattern": pattern_message(ReviewFile, ("items", 0, "reviewer"), GITHUB_LOGIN_PATTERN, ""),
            "W-OBJECTION-OUTSIDE-NOTICE": OUTSIDE_NOTICE_MESSAGE,
            "W-OBJECTION-OPEN-ANSWERED": OPEN_ANSWERED_MESSAGE}


def browser_record_days(rules: Guideline, reopened: bool = False) -> dict[str, Any]:
    """The year's first and last day for a verdict, a mark, an objection and its answer (last
    None: no last day), and the check's sentence after a date's title, with {date} to fill; and
    its warning for a day after today (W-DATE-FUTURE), with {date} and {today}. `reopened`: a
    finalized year's verdicts and marks, verified again (see `record_days`)."""
    first, last = record_days(rules, reopened)
    return {"first": first.isoformat(), "last": last.isoformat() if last else None,
            "words": outside_words(rules, reopened), "future_words": future_words()}
