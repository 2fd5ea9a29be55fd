"""`<year>.yaml`: one society's report for one guideline year, all seven areas."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.academic_events import AcademicEvent
from validators.models.common import Slug, StrictModel, items
from validators.models.consortia import Consortium
from validators.models.government_functions import GovernmentFunctions
from validators.models.innovation import Innovation
from validators.models.major_work import MajorWork
from validators.models.research import ResearchReport
from validators.models.service_stations import ServiceStation

__all__ = ["AREA_KEYS", "ITEM_AREAS", "YearReport"]


class YearReport(StrictModel):
    society: Slug
    year: Annotated[int, Field(ge=2000, le=2100)]
    innovation: Innovation | None = None
    government_functions: GovernmentFunctions | None = None
    service_stations: items(ServiceStation) = []  # type: ignore[valid-type]
    consortia: items(Consortium) = []  # type: ignore[valid-type]
    academic_events: items(AcademicEvent) = []  # type: ignore[valid-type]
    research: items(ResearchReport) = []  # type: ignore[valid-type]
    major_work: items(MajorWork) = []  # type: ignore[valid-type]

# The areas that are lists of items, in the guideline's order.
ITEM_AREAS = ("service_stations", "consortia", "academic_events", "research", "major_work")
# Every area, in the guideline's order (一 to 七).
AREA_KEYS = ("innovation", "government_functions", *ITEM_AREAS)
