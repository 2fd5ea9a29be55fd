"""`reviews/<year>/<society-id>.yaml`: the association's verification of one report and its
experts' marks. Only admins change these files."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Slug, StrictModel, Text
from validators.models.labelled import LabelledEnum
from validators.models.society import GithubLogin
from validators.policy import policy

__all__ = ["ExpertMark", "ItemReview", "Objection", "ObjectionStatus", "ObjectionsFile", "RestReview",
           "ReviewFile", "ReviewStatus"]

_LIMITS = policy().yaml

# An item id of the report (a slug), or one of the report's claims that score lines name
# (enterprise_platform_registered, senior_experts_registered, pilot).
ItemRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64,
                               description="报告中项目的 id，或 enterprise_platform_registered 等申报事项")]
Mark = Annotated[float, Field(ge=0, le=100, multiple_of=0.5, allow_inf_nan=False,
                              description="专家给出的分数（0.5 的整数倍），范围见评估细则")]


class ReviewStatus(LabelledEnum):
    VERIFIED = ("verified", "已核实")
    NOT_RECOGNISED = ("not_recognised", "不予认定")
    MATERIAL_REQUESTED = ("material_requested", "待补充材料")


class ItemReview(StrictModel):
    """One item's verification: who checked it, when, and the verdict."""

    item: ItemRef
    status: ReviewStatus
    reason: Text | None = Field(None, description="不予认定、待补充材料时必填：理由或需要补充的材料")
    reviewer: GithubLogin
    date: Date


class RestReview(StrictModel):
    """Every item the list does not name was verified (by this reviewer, on this day)."""

    status: ReviewStatus
    reviewer: GithubLogin
    date: Date


class ExpertMark(StrictModel):
    criterion: Slug
    expert: Annotated[Slug, Field(description="专家编号，如 expert-a（不写姓名）")]
    mark: Mark
    date: Date


class ReviewFile(StrictModel):
    society: Slug
    year: Annotated[int, Field(ge=2000, le=2100)]
    sample: bool = Field(False, description="示例数据（虚构）")
    items: Annotated[list[ItemReview], Field(max_length=_LIMITS.max_list_items)] = []
    rest: RestReview | None = None
    marks: Annotated[list[ExpertMark], Field(max_length=_LIMITS.max_list_items)] = []


class ObjectionStatus(LabelledEnum):
    OPEN = ("open", "受理中")
    ANSWERED = ("answered", "已答复")


class Objection(StrictModel):
    """One objection filed during the notice period, as the association records it."""

    id: Slug
    society: Slug
    issue: Annotated[int, Field(ge=1, description="提出异议的 GitHub 议题编号")] | None = None
    filed: Date
    subject: Text
    status: ObjectionStatus
    # The society may change its report during the notice to answer this objection.
    correction_allowed: bool = Field(False, description="允许该学会在公示期内修改报告以回应本异议")
    answer: Text | None = Field(None, description="已答复时必填：市科协的答复")
    answered: Date | None = None


class ObjectionsFile(StrictModel):
    """`reviews/<year>/objections.yaml`: the year's objections, kept by admins."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    sample: bool = Field(False, description="示例数据（虚构）")
    objections: Annotated[list[Objection], Field(max_length=_LIMITS.max_list_items)] = []
