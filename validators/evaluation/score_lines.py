"""One line of an evaluation: what earned (or did not earn) how many points, and why."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CAP_RULE", "ERROR_RULE", "REVIEW_RULE", "ScoreLine"]

# The rule of the line that takes an area down to its cap (the rubric's, not a clause's).
CAP_RULE = "cap"
# The rule of the zero line of an item the association's review keeps from scoring.
REVIEW_RULE = "review"
# The rule of the zero line of an item an error keeps from scoring.
ERROR_RULE = "error"


@dataclass(frozen=True, slots=True)
class ScoreLine:
    area: str
    clause: str | None
    item_id: str | None
    rule: str
    points: float
    note: str
    file: str
    line: int
    # The code of the error that kept this item from scoring, when one did.
    finding: str | None = None
    # 待核实 or 待补充材料: the item counts provisionally, before the association verified it.
    review: str | None = None
