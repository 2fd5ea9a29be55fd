"""What a repository path is to the registry: one rule for the full check, the pull-request
check, ownership, the gate and the comment's overlay.

`submissions/<society>/<YYYY>.yaml` is a report (four ASCII digits, lower-case `.yaml`),
`submissions/<society>/society.yaml` the profile. Any other name directly in a society folder
that a reader, an editor or another operating system would take for a YAML file (`2019.YAML`,
`２０１８.yaml`, `2018.yml`, `2018.yaml.`, `2018.yaml `) is misnamed: an error wherever it is
seen, never a second report and never evidence. Every other file under a society folder is
evidence; anything else lies outside the submissions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["PROFILE_FILE", "SUBMISSIONS", "PathKind", "SubmissionPath", "classify", "name_kind",
           "name_problem"]

SUBMISSIONS = "submissions"
PROFILE_FILE = "society.yaml"

_REPORT_NAME = re.compile(r"[0-9]{4}\.yaml", re.ASCII)
# On the folded name: full-width and other Unicode digits read as a year too.
_YEAR_LIKE = re.compile(r"(\d{4})\.ya?ml")
# What Windows drops from the end of a name, and what a careless rename leaves there.
_TRAILING = ". \t\u3000"


class PathKind(StrEnum):
    REPORT = "report"
    PROFILE = "profile"
    MISNAMED = "misnamed"
    EVIDENCE = "evidence"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class SubmissionPath:
    kind: PathKind
    society: str | None = None
    # The report's year; for a misnamed file, the year its name reads as (refused all the same).
    year: int | None = None

    @property
    def is_yaml(self) -> bool:
        """A file `check` reads (or refuses by name): reports, profiles and misnamed files."""
        return self.kind in (PathKind.REPORT, PathKind.PROFILE, PathKind.MISNAMED)


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().rstrip(_TRAILING)


def name_kind(name: str) -> SubmissionPath:
    """The kind of a file named `name` directly in a society folder (society left unset)."""
    if name == PROFILE_FILE:
        return SubmissionPath(PathKind.PROFILE)
    if _REPORT_NAME.fullmatch(name):
        return SubmissionPath(PathKind.REPORT, year=int(name[:4]))
    folded = _folded(name)
    if folded.endswith((".yaml", ".yml")):
        year = _YEAR_LIKE.fullmatch(folded)
        return SubmissionPath(PathKind.MISNAMED, year=int(year.group(1)) if year else None)
    return SubmissionPath(PathKind.EVIDENCE)


def classify(path: str) -> SubmissionPath:
    """The kind of a repository path (POSIX, relative to the repository's root)."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != SUBMISSIONS:
        return SubmissionPath(PathKind.OTHER)
    society = parts[1]
    if len(parts) > 3:
        return SubmissionPath(PathKind.EVIDENCE, society)
    kind = name_kind(parts[2])
    return SubmissionPath(kind.kind, society, kind.year)


def name_problem(name: str) -> str:
    """What is wrong with a misnamed file's name, in the words a secretary can act on."""
    folded = _folded(name)
    if name.rstrip(_TRAILING) != name:
        return "文件名末尾有点或空格（Windows 会把它们去掉，Git 和网站不会）"
    if _YEAR_LIKE.fullmatch(folded) and not name[:4].isascii():
        return "年份要用半角数字 0–9"
    if folded in (PROFILE_FILE, "society.yml") and folded != name:
        return "学会资料的文件名要写小写的 society.yaml"
    if folded.endswith(".yml"):
        return "扩展名要写 .yaml，不用 .yml"
    if folded.endswith(".yaml") and not name.endswith(".yaml"):
        return "扩展名要写小写的 .yaml"
    return "它不是 society.yaml，也不是以四位年份命名的年度报告"
