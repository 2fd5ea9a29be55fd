"""`reviews/<year>/<society-id>.yaml`: the association's verification of one report and its
experts' marks. Only admins and the reviewers of `.github/admins.yaml` change these files (the
verification workbench writes them)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Date, Slug, StrictModel, Text
from validators.models.labelled import LabelledEnum
from validators.models.society import GithubLogin
from validators.yaml.policy import policy

__all__ = ["BASED_ON_NOTHING", "BASED_ON_PATTERN", "FINAL_REQUESTED", "FINAL_UNVERIFIED", "UNVERIFIED", "ExpertMark", "ItemReview", "Objection", "ObjectionStatus",
           "ObjectionsFile", "RestReview", "ReviewFile", "ReviewStatus"]

_LIMITS = policy().yaml

# An item id of the report (a slug), or one of the report's claims that score lines name
# (enterprise_platform_registered, senior_experts_registered, pilot).
ItemRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64,
                               description="报告中项目的 id，或 enterprise_platform_registered 等申报事项")]
# What the staff saw of an item when they gave their verdict: the short digest of its content
# that the site computes (validators/association/item_content.py) and the workbench copies into
# the file. A verdict covers that content, not whatever the item says later.
ContentDigest = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$", min_length=16, max_length=16,
                                     description="核查时项目内容的摘要（由核查工作台自动填写，不要手改）")]
# The review file (or the year's objections file) the workbench started from: the sha256 of the
# bytes of the repository's file it loaded (as the site was built), or BASED_ON_NOTHING when
# there was none. The pull-request check holds it to the base branch's file
# (validators/github/review_base.py: someone else's record merged meanwhile would be wiped);
# `check` does not read it (a file on main names the one before it). Absent, as in a file written by hand: nothing to hold it to.
BASED_ON_NOTHING = "none"
BASED_ON_PATTERN = r"^(?:[0-9a-f]{64}|none)$"
BasedOn = Annotated[str, Field(pattern=BASED_ON_PATTERN, max_length=64,
                               description="核查工作台载入的核查记录文件的 sha256（当时没有文件时为 none）")]
# Within its criterion's range (association/reviews.py): the rubric sets the ceiling.
Mark = Annotated[float, Field(ge=0, le=policy().rubric.max_points, multiple_of=0.5, allow_inf_nan=False,
                              description="专家给出的分数（0.5 的整数倍），范围见评估细则")]


class ReviewStatus(LabelledEnum):
    VERIFIED = ("verified", "已核实")
    NOT_RECOGNISED = ("not_recognised", "不予认定")
    MATERIAL_REQUESTED = ("material_requested", "待补充材料")


# What every page, line and form sentence calls an item the association has not (yet) verified:
# no verdict, or one its content outgrew. Not a status a review file writes (the workbench's
# choice is 未核查): the state the society sees, said as 已核实 and 待补充材料 are.
UNVERIFIED = "待核实"
# A finalized year's item that was never verified: it waits for nothing any more.
FINAL_UNVERIFIED = "定稿时未核实"
# A finalized year's item whose material never came (ReviewStatus.MATERIAL_REQUESTED's label).
FINAL_REQUESTED = "定稿时仍待补充材料"


class ItemReview(StrictModel):
    """One item's verification: who checked it, when, and the verdict."""

    item: Annotated[ItemRef, Field(title="项目", description="报告中项目的 id，或 enterprise_platform_registered 等申报事项")]
    status: Annotated[ReviewStatus, Field(title="核查结论", description="已核实、不予认定或待补充材料")]
    reason: Text | None = Field(None, title="理由", description="不予认定、待补充材料时必填：理由或需要补充的材料")
    reviewer: Annotated[GithubLogin, Field(title="核查人", description="核查人的 GitHub 用户名")]
    date: Annotated[Date, Field(title="核查日期", description="作出结论的日期")]
    # Absent in files written before digests were recorded: the verdict then stands for the item
    # whatever it says (as it always did).
    content: Annotated[ContentDigest | None, Field(
        title="核查时的内容", description="作出结论时项目内容的摘要：项目此后改动过，这一结论就不再算数，须重新核查")] = None


class RestReview(StrictModel):
    """Every item the list does not name was verified (by this reviewer, on this day): with
    `contents`, only the items whose content was among those the staff saw then."""

    status: Annotated[ReviewStatus, Field(title="核查结论", description="其余项目的统一结论，通常为已核实")]
    reviewer: Annotated[GithubLogin, Field(title="核查人", description="核查人的 GitHub 用户名")]
    date: Annotated[Date, Field(title="核查日期", description="作出结论的日期")]
    contents: Annotated[list[ContentDigest] | None, Field(
        max_length=_LIMITS.max_list_items, title="核查时的内容",
        description="作出结论时报告各项目内容的摘要：此后新增或改动的项目不在其中，须重新核查")] = None


class ExpertMark(StrictModel):
    criterion: Annotated[Slug, Field(title="评分项", description="评估细则中专家评分项的编号")]
    expert: Annotated[Slug, Field(title="专家编号", description="专家编号，如 expert-a（不写姓名）",
                                  examples=["expert-a"])]
    mark: Annotated[Mark, Field(title="分数", description="专家给出的分数（0.5 的整数倍），范围见评估细则")]
    date: Annotated[Date, Field(title="评分日期", description="评分的日期")]


class ReviewFile(StrictModel):
    society: Annotated[Slug, Field(title="学会 id", description="被核查的学会，与文件名一致")]
    year: Annotated[int, Field(ge=2000, le=2100, title="年度", description="被核查的报告年度，与所在文件夹一致")]
    sample: bool = Field(False, title="示例数据", description="示例数据（虚构）")
    items: Annotated[list[ItemReview], Field(max_length=_LIMITS.max_list_items, title="逐项核查", description="对报告中各项目的核查结论，每项一条")] = []
    rest: Annotated[RestReview | None, Field(title="其余项目", description="未逐项列出的其余项目的统一结论")] = None
    marks: Annotated[list[ExpertMark], Field(max_length=_LIMITS.max_list_items, title="专家评分", description="专家对评估细则中专家评分项的评分，每位专家每项一条")] = []
    based_on: Annotated[BasedOn | None, Field(
        title="所依据的记录",
        description="核查工作台载入的仓库中本文件的 sha256（当时没有这个文件时为 none），由核查工作台自动填写。"
                    "拉取请求的检查用它确认期间没有别人的核查记录合并进来；手工修改本文件时请删去这一行")] = None


class ObjectionStatus(LabelledEnum):
    OPEN = ("open", "受理中")
    ANSWERED = ("answered", "已答复")


class Objection(StrictModel):
    """One objection filed during the notice period, as the association records it."""

    id: Annotated[Slug, Field(title="编号", description="异议的编号：小写英文字母、数字和连字符")]
    society: Annotated[Slug, Field(title="学会 id", description="被提出异议的学会")]
    issue: Annotated[Annotated[int, Field(ge=1, description="提出异议的 GitHub 议题编号")] | None, Field(title="议题编号", description="提出异议的 GitHub 议题编号")] = None
    filed: Annotated[Date, Field(title="提出日期", description="收到异议的日期")]
    subject: Annotated[Text, Field(title="异议内容", description="异议的内容摘要（不写个人信息）")]
    status: Annotated[ObjectionStatus, Field(title="处理状态", description="待答复或已答复")]
    # The society may change its report during the notice to answer this objection.
    correction_allowed: bool = Field(False, title="允许更正", description="允许该学会在公示期内修改报告以回应本异议")
    answer: Text | None = Field(None, title="答复", description="已答复时必填：市科协的答复")
    answered: Annotated[Date | None, Field(title="答复日期", description="作出答复的日期")] = None


class ObjectionsFile(StrictModel):
    """`reviews/<year>/objections.yaml`: the year's objections, kept by admins and reviewers."""

    year: Annotated[int, Field(ge=2000, le=2100, title="年度", description="异议所针对的年度，与所在文件夹一致")]
    sample: bool = Field(False, title="示例数据", description="示例数据（虚构）")
    objections: Annotated[list[Objection], Field(max_length=_LIMITS.max_list_items, title="异议", description="公示期内收到的异议，每条一项")] = []
    # As a review file's: the objections file the workbench loaded, held to the base branch's by
    # the pull-request check (two people answering from the same site would overwrite each other).
    based_on: Annotated[BasedOn | None, Field(
        title="所依据的记录",
        description="核查工作台载入的仓库中本文件的 sha256（当时没有这个文件时为 none），由核查工作台自动填写。"
                    "拉取请求的检查用它确认期间没有别人的异议或答复合并进来；手工修改本文件时请删去这一行")] = None
