"""Errors of the check that the online form gives at the field, in the check's words:

- E-CRITERIA-OCCASION (validators/rules/academic_events.py) for an occasion the year does not
  name: the sentence that lists the words it takes.

Each sentence is asked of the rule itself, on a report made for the purpose, with a slot (such as
"{occasion}") where it quotes the report; an assertion fails when the rule's wording no longer
has the quoted value where the slot goes. The form reads these from a year's guide
(guide-<year>.json), so that it says what `check` says without a second copy of any word.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from validators.models.academic_events import AcademicEvent, EventRole
from validators.rules.academic_events import unmet_criteria
from validators.year.guideline import Guideline

__all__ = ["browser_findings"]

# Where the form puts the occasion an event gives (as the check quotes it).
OCCASION_SLOT = "{occasion}"


def _occasions(rules: Guideline) -> dict[str, str]:
    """For each category held in a popularisation occasion: what the check says of an occasion
    the year does not name, which lists the words it takes, with OCCASION_SLOT for the occasion."""
    out: dict[str, str] = {}
    for category in rules.kinds.event_categories:
        if not category.criteria.occasion:
            continue
        event = AcademicEvent.model_construct(
            category=category.code, role=EventRole.HOST, participants=0, main_forum=True, sub_forums=0,
            materials=True, speaker_provinces=[], countries=[], occasion=OCCASION_SLOT, occasion_name=None,
            occasion_organizer=None, date=dt.date(rules.year, 1, 1))
        [said] = [u.message for u in unmet_criteria(event, rules)
                  if u.code == "E-CRITERIA-OCCASION" and u.field == "occasion"]
        assert said.count(OCCASION_SLOT) == 1, said
        out[category.code] = said
    return out


def browser_findings(rules: Guideline) -> dict[str, Any]:
    """For a year's guide: the check's sentences for an occasion the year does not name."""
    return {"occasions": _occasions(rules)}

