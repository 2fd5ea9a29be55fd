"""`.github/admins.yaml`: who may change what besides the societies' own folders.

- `admins`: the association's admins, who may change anything but links and submodules;
- `reviewers` (optional): the association's staff and the experts, who may change the review
  and objection files of a year already under verification (`reviews/<year>/<name>.yaml`) and
  nothing else: the verification workbench's pull-request route is theirs.

The pull-request checks read it from the base branch; the site reads it to tell the workbench's
users who can take that route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from validators.findings import Finding
from validators.models.society import GithubLogin
from validators.schema_findings import findings_from
from validators.yaml.loading import load_path
from validators.yaml.policy import policy

__all__ = ["ADMINS_FILE", "AdminList", "admin_list_findings", "checked_admin_list", "read_admin_list"]

ADMINS_FILE = ".github/admins.yaml"


class AdminList(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    admins: Annotated[list[GithubLogin], Field(max_length=200)] = []
    reviewers: Annotated[list[GithubLogin], Field(max_length=500)] = []


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
