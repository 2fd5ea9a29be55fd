"""`<year>.yaml`: one society's report for one guideline year, all seven areas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field

from validators.models.academic_events import AcademicEvent
from validators.models.common import SLUG_MAX_LENGTH, Slug, StrictModel, items
from validators.models.consortia import Consortium
from validators.models.government_functions import GovernmentFunctions
from validators.models.innovation import Innovation
from validators.models.labelled import Quoting
from validators.models.major_work import MajorWork
from validators.models.research import ResearchReport
from validators.models.service_stations import ServiceStation

__all__ = ["AREA_KEYS", "EXAMPLE_SOCIETY", "ID_PREFIXES", "ITEM_AREAS", "SHARED_ID_LISTS", "YearReport", "id_prefix", "list_items", "new_id"]


class YearReport(StrictModel):
    society: Annotated[Slug, Field(title="学会 id", description="学会文件夹的名字：小写英文字母、数字和连字符，如 cd-mech-eng")]
    year: Annotated[int, Field(ge=2000, le=2100, title="年度", description="报告所属的指南年度，与文件名一致，如 2017")]
    innovation: Annotated[Innovation | None, Field(title="一、创新驱动助力工程", description="企业科协网注册、专家库注册率和为企业提供的服务（条款 1、1.1–1.5）")] = None
    government_functions: Annotated[GovernmentFunctions | None, Field(title="二、有序承接政府转移职能", description="试点学会身份和承接的转移职能、委托工作（条款 2.1–2.3）")] = None
    service_stations: Annotated[items(ServiceStation), Field(title="三、学会服务站建设", description="学会服务站，每个一项；往年建成的也列出（条款 3.1–3.2）")] = []  # type: ignore[valid-type]
    consortia: Annotated[items(Consortium), Field(title="四、学会联合体建设", description="牵头或参与的学会联合体，每个一项（条款 4、4.1–4.3）")] = []  # type: ignore[valid-type]
    academic_events: Annotated[items(AcademicEvent), Field(title="五、学术交流活动", description="学术交流活动，每次一项，须符合所申报类别的标准（条款 5.1–5.5）")] = []  # type: ignore[valid-type]
    research: Annotated[items(ResearchReport), Field(title="六、调查研究与建言献策", description="调研报告、建议、提案等，每项一项，附可认定的成果（条款 6、6.1–6.3）")] = []  # type: ignore[valid-type]
    major_work: Annotated[items(MajorWork), Quoting("市科协重大工作", "本学会在“{major_work}”方面的工作，每项一项（条款 7.1–7.5）"),  # type: ignore[valid-type]
                          Field(title="七、参与市科协重大工作", description="参与的市科协重大工作，每项一项（条款 7.1–7.5）")] = []

# The areas that are lists of items, in the guideline's order.
ITEM_AREAS = ("service_stations", "consortia", "academic_events", "research", "major_work")
# Every area, in the guideline's order (一 to 七).
AREA_KEYS = ("innovation", "government_functions", *ITEM_AREAS)
# How the ids of each list's items begin in the form's new items and the workbook's examples
# (svc-2018-01): a convention, not a rule; `id_prefix` names an area a year adds.
ID_PREFIXES = {"services": "svc", "functions": "fn", "service_stations": "station", "consortia": "consortium",
               "academic_events": "evt", "research": "rpt", "major_work": "mw"}
# Lists whose item is one thing in every society's report under one id (a consortium: its lead
# and its members all write the lead's id); the rules across files read the id so.
SHARED_ID_LISTS = frozenset({"consortia"})
# The society the examples name (the models' descriptions and the commands' help say it too).
EXAMPLE_SOCIETY = "cd-mech-eng"


def id_prefix(list_name: str) -> str:
    return ID_PREFIXES.get(list_name, list_name.replace("_", "-"))


def new_id(list_name: str, year: int, n: int = 1, society: str = "") -> str:
    """The `n`th id the form gives a new item of `list_name` (and the workbook's example): the
    year is in it, as a station or a function keeps its id from year to year and 2018's first
    new one must not take 2017's; a shared list's also names the society making it, as two
    societies' first new consortia must not share one. `form-render.js` words it alike.
    A long society id is cut (and any hyphen it then ends in dropped) so that the id is still a
    Slug, at most SLUG_MAX_LENGTH characters, and still ends in -<year>-<nn>."""
    head, tail = id_prefix(list_name), f"-{year}-{n:02d}"
    if list_name in SHARED_ID_LISTS and society:
        room = SLUG_MAX_LENGTH - len(head) - len(tail) - 1
        owner = society[:max(room, 0)].rstrip("-")
        if owner:
            head = f"{head}-{owner}"
    return head + tail


def list_items(report: YearReport) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    """Every item of the report's lists with its area and path: the services and functions,
    then each list area (an area a year adds too), in the file's order."""
    if report.innovation:
        yield from (("innovation", ("innovation", "services", i), s) for i, s in enumerate(report.innovation.services))
    if report.government_functions:
        yield from (("government_functions", ("government_functions", "functions", i), f)
                    for i, f in enumerate(report.government_functions.functions))
    for name in type(report).model_fields:
        value = getattr(report, name)
        if isinstance(value, list):
            yield from ((name, (name, i), item) for i, item in enumerate(value))
