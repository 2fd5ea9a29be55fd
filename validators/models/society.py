"""`society.yaml`: a society's profile."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Slug, StrictModel, Text
from validators.models.labelled import LabelledEnum

__all__ = ["GithubLogin", "SocietyKind", "SocietyProfile"]


class SocietyKind(LabelledEnum):
    SOCIETY = ("society", "学会")
    ASSOCIATION = ("association", "协会")
    RESEARCH_SOCIETY = ("research_society", "研究会")
    PARK_CAST = ("park_cast", "园区科协")


GithubLogin = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$", max_length=39,
                                   description="GitHub 用户名")]


class SocietyProfile(StrictModel):
    id: Slug
    name: Text
    kind: SocietyKind
    discipline: Text
    maintainers: Annotated[list[GithubLogin], Field(min_length=1, max_length=20)]
    # 负责人: a pull request that changes a report needs the approval of one of them.
    heads: Annotated[list[GithubLogin], Field(max_length=20, description=(
        "学会负责人的 GitHub 用户名：改动年度报告的拉取请求须经其中一位批准"))] = []
    website: Annotated[str, Field(max_length=500, description="http/https 网址")] | None = None
    sample: bool = Field(False, description="示例数据（虚构），网站上会标注“示例”")
