"""`.github/admins.yaml`: who may change what besides the societies' own folders.

- `admins`: the association's admins, who may change anything but links and submodules;
- `reviewers` (optional): the association's staff and the experts, who may change the review
  and objection files of a year already under verification (`reviews/<year>/<name>.yaml`) and
  nothing else: the verification workbench's pull-request route is theirs;
- `contact` (optional): how secretaries and staff reach the association, published where the
  site and the checks tell them to contact it (联系市科协).

The pull-request checks read it from the base branch; the site reads it to tell the workbench's
users who can take that route.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from validators.findings import Finding, PlacedError
from validators.models.society import GithubLogin
from validators.schema_findings import findings_from
from validators.urls import url_problem
from validators.yaml.loading import load_path
from validators.yaml.policy import policy

__all__ = ["ADMINS_FILE", "AdminList", "Contact", "admin_list_findings", "checked_admin_list", "read_admin_list"]

ADMINS_FILE = ".github/admins.yaml"

# An office telephone as people write one: digits, spaces, hyphens, a leading +, brackets around
# an area code and 转 before an extension; at least five digits.
_PHONE = re.compile(r"\+?[0-9 ()（）\-－转]+")
_PHONE_DIGITS = re.compile(r"[0-9]")
# One plain address, no display name, no "mailto:", ASCII only (a look-alike domain misleads).
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_PHONE_MIN_DIGITS = 5


class Contact(BaseModel):
    """How to reach the association: each entry optional, each published as written (as text;
    the address as a link, http/https only)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    office: Annotated[str | None, Field(min_length=1, max_length=60, title="部门",
                                        description="负责本站和年度报告的部门名称，如 市科协学会部")] = None
    phone: Annotated[str | None, Field(min_length=1, max_length=40, title="电话",
                                       description="办公电话（公开显示，不写个人手机号），如 028-0000 0000")] = None
    email: Annotated[str | None, Field(min_length=1, max_length=254, title="邮箱",
                                       description="机构邮箱（公开显示），如 office@example.org")] = None
    url: Annotated[str | None, Field(min_length=1, max_length=500, title="网址",
                                     description="http:// 或 https:// 开头的网址，如联系方式所在的网页")] = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and (not _PHONE.fullmatch(value)
                                  or len(_PHONE_DIGITS.findall(value)) < _PHONE_MIN_DIGITS):
            raise PlacedError("联系方式的“电话”（phone）应为办公电话：只写数字、空格、“-”、括号和“转”，"
                              "至少 5 位数字，如 028-0000 0000 转 1", ())
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.fullmatch(value):
            raise PlacedError("联系方式的“邮箱”（email）应为一个完整的邮箱地址，如 office@example.org"
                              "（不加“mailto:”、姓名和空格）", ())
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        problem = url_problem(value) if value is not None else None
        if problem is not None:
            raise PlacedError(f"联系方式的“网址”（url）不能发布：{problem}", ())
        return value


class AdminList(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    admins: Annotated[list[GithubLogin], Field(max_length=200)] = []
    reviewers: Annotated[list[GithubLogin], Field(max_length=500)] = []
    contact: Annotated[Contact | None, Field(title="联系方式")] = None


def read_admin_list(root: Path) -> AdminList | None:
    """The list of `root`, empty when the file is absent; None when it cannot be read."""
    return checked_admin_list(root)[0]


def admin_list_findings(root: Path) -> list[Finding]:
    """What `check` says of the list of `root` (nothing when it is absent or valid), in the words
    and codes it uses for the societies' files: the pull-request checks read this file, and a
    broken one would make nobody an admin from the moment it is merged."""
    return checked_admin_list(root)[1]


def checked_admin_list(root: Path) -> tuple[AdminList | None, list[Finding]]:
    """The list of `root` (empty when the file is absent; None when it cannot be read) and what
    `check` says of it, from one reading of the file."""
    path = root / ADMINS_FILE
    if not path.is_file():
        return AdminList(), []
    loaded = load_path(path, ADMINS_FILE, policy().yaml.limits)
    if not loaded.ok:
        return None, list(loaded.findings)
    try:
        return AdminList.model_validate(loaded.data), list(loaded.findings)
    except ValidationError as exc:
        return None, [*loaded.findings, *findings_from(exc, AdminList, ADMINS_FILE, loaded.source)]
