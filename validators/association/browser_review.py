"""The check's words about a review file's names, as the workbench says them at the field: an
expert number that is not one (张三, Expert-C) and a reviewer that is not a GitHub user name
(E-SCHEMA-PATTERN), and its warnings about an objection received outside the notice period or
still open with an answer (W-OBJECTION-*). The workbench reads these from its settings and begins them with its own
subject ("第 2 行（张三）的专家编号"), so that it says what `check` says without a second copy.
"""

from __future__ import annotations

from validators.association.objections import OPEN_ANSWERED_MESSAGE, OUTSIDE_NOTICE_MESSAGE
from validators.models.common import SLUG_PATTERN
from validators.models.review import ReviewFile
from validators.models.society import GITHUB_LOGIN_PATTERN
from validators.schema_findings import pattern_message

__all__ = ["browser_review_words"]


def browser_review_words() -> dict[str, str]:
    """The check's sentences without their subject: what follows “expert” and “reviewer”; and
    its warnings about an objection, the first with {filed}, {year}, {starts} and {ends} to fill."""
    return {"expert_pattern": pattern_message(ReviewFile, ("marks", 0, "expert"), SLUG_PATTERN, ""),
            "reviewer_pattern": pattern_message(ReviewFile, ("items", 0, "reviewer"), GITHUB_LOGIN_PATTERN, ""),
            "W-OBJECTION-OUTSIDE-NOTICE": OUTSIDE_NOTICE_MESSAGE,
            "W-OBJECTION-OPEN-ANSWERED": OPEN_ANSWERED_MESSAGE}
