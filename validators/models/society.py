"""`society.yaml`: a society's profile."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from validators.models.common import Slug, StrictModel, Text
from validators.models.labelled import LabelledEnum

__all__ = ["GITHUB_LOGIN_PATTERN", "GithubLogin", "SocietyKind", "SocietyProfile"]


class SocietyKind(LabelledEnum):
    SOCIETY = ("society", "学会")
    ASSOCIATION = ("association", "协会")
    RESEARCH_SOCIETY = ("research_society", "研究会")
    PARK_CAST = ("park_cast", "园区科协")


# A GitHub login as GitHub allows it; the workbench checks its reviewer field with the same pattern.
GITHUB_LOGIN_PATTERN = r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$"
GithubLogin = Annotated[str, Field(pattern=GITHUB_LOGIN_PATTERN, max_length=39,
                                   description="GitHub 用户名")]


class SocietyProfile(StrictModel):
    id: Annotated[Slug, Field(title="学会 id", description="与学会文件夹同名：小写英文字母、数字和连字符")]
    name: Annotated[Text, Field(title="学会全称", description="学会的中文全称")]
    kind: Annotated[SocietyKind, Field(title="类型", description="学会、协会、研究会或园区科协")]
    discipline: Annotated[Text, Field(title="学科领域", description="学会所属的学科或行业领域")]
    maintainers: Annotated[list[GithubLogin], Field(min_length=1, max_length=20, title="维护人（GitHub 用户名）", description="可以修改本学会文件夹的 GitHub 用户名，至少一个；还没有账号的，先在 github.com 免费注册，再把用户名写在这里")]
    # 负责人: a pull request that changes a report needs the approval of one of them.
    heads: Annotated[list[GithubLogin], Field(title="负责人（GitHub 用户名）", max_length=20, description="学会负责人的 GitHub 用户名：改动年度报告的拉取请求须经其中一位批准")] = []
    website: Annotated[Annotated[str, Field(max_length=500, description="http/https 网址")] | None, Field(title="学会网站", description="http:// 或 https:// 开头的网址")] = None
    sample: bool = Field(False, title="示例数据", description="示例数据（虚构），网站上会标注“示例”")
