"""The check's words about a review file's names, as the workbench says them at the field: an
expert number that is not one (张三, Expert-C) and a reviewer that is not a GitHub user name
(E-SCHEMA-PATTERN). The workbench reads these from its settings and begins them with its own
subject ("第 2 行（张三）的专家编号"), so that it says what `check` says without a second copy.
"""

from __future__ import annotations

from validators.models.common import SLUG_PATTERN
from validators.models.review import ReviewFile
from validators.models.society import GITHUB_LOGIN_PATTERN
from validators.schema_findings import pattern_message

__all__ = ["browser_review_words"]


def browser_review_words() -> dict[str, str]:
    """The check's sentences without their subject: what follows “expert” and “reviewer”."""
    return {"expert_pattern": pattern_message(ReviewFile, ("marks", 0, "expert"), SLUG_PATTERN, ""),
            "reviewer_pattern": pattern_message(ReviewFile, ("items", 0, "reviewer"), GITHUB_LOGIN_PATTERN, "")}
