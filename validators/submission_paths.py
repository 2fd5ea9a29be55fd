"""What a repository path is to the registry: one rule for the full check, the pull-request
check, ownership, the gate and the comment's overlay.

`submissions/<society>/<YYYY>.yaml` is a report (four ASCII digits, lower-case `.yaml`),
`submissions/<society>/society.yaml` the profile. Any other name directly in a society folder
that a reader, an editor or another operating system would take for a YAML file (`2019.YAML`,
`２０１８.yaml`, `2018.yml`, `2018.yaml.`, `2018.yaml `) is misnamed: an error wherever it is
seen, never a second report and never evidence. Every other file under a society folder is
evidence. A YAML file directly in `submissions/` is misnamed too (it belongs in a society's
folder); anything else lies outside the submissions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from validators.findings import Finding, error
from validators.rules.evidence import cited_path
from validators.yaml.hidden_characters import visible
from validators.yaml.policy import hidden_characters, policy

__all__ = ["PROFILE_FILE", "SUBMISSIONS", "PathKind", "SubmissionPath", "classify", "evidence_file", "name_kind",
           "name_problem", "path_problem", "unsafe_path"]

SUBMISSIONS = "submissions"
PROFILE_FILE = "society.yaml"

_REPORT_NAME = re.compile(r"[0-9]{4}\.yaml", re.ASCII)
# On the folded name: full-width and other Unicode digits read as a year too.
_YEAR_LIKE = re.compile(r"(\d{4})\.ya?ml")
_SURROGATE = re.compile("[\ud800-\udfff]")
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


# Characters that draw nothing or nothing known: formats, marks, controls, unassigned and private
# code points. `2018.yaml` followed by a variation selector looks like a report; it is one.
_INVISIBLE = frozenset(("Cc", "Cf", "Cn", "Co", "Cs", "Me", "Mn"))


def _visible_part(name: str) -> str:
    return "".join(c for c in name if unicodedata.category(c) not in _INVISIBLE)


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKC", _visible_part(name)).casefold().rstrip(_TRAILING)


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
    if len(parts) == 2 and parts[0] == SUBMISSIONS and name_kind(parts[1]).is_yaml:
        # A report or profile beside the society folders: checked, and told where it belongs.
        return SubmissionPath(PathKind.MISNAMED, year=name_kind(parts[1]).year)
    if len(parts) < 3 or parts[0] != SUBMISSIONS:
        return SubmissionPath(PathKind.OTHER)
    society = parts[1]
    if len(parts) > 3:
        # A report or profile put in a sub-folder (sub/2018.yaml) is checked and told where it
        # belongs; before, it passed as evidence and the report was never read.
        # No year: it is no report of one, so the cycle's gate holds it to no year's deadline
        # (it would say a year is closed instead of where the file belongs).
        if name_kind(parts[-1]).is_yaml:
            return SubmissionPath(PathKind.MISNAMED, society)
        return SubmissionPath(PathKind.EVIDENCE, society)
    kind = name_kind(parts[2])
    return SubmissionPath(kind.kind, society, kind.year)


def name_problem(name: str) -> str:
    """What is wrong with a misnamed file's name, in the words a secretary can act on."""
    folded = _folded(name)
    if _visible_part(name) != name:
        return "文件名里有看不见的字符（如变体选择符、零宽字符）"
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


def path_problem(path: str) -> str | None:
    """Why `path` is not a plain repository path (Chinese), or None. A name that cannot be
    trusted is never opened, linked or written: it becomes a finding that shows it visibly."""
    if _SURROGATE.search(path):
        return "文件名不是有效的 UTF-8 文字"
    if hidden_characters().search(path) or any(c in path for c in "\t\n\r"):
        return "文件名含有不可见字符或换行"
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        return "路径含有“.”“..”、空的部分或反斜杠"
    return None


def unsafe_path(path: str, names: str | None = None) -> Finding | None:
    """The error for a path that is not a plain repository path (or whose `names`, the part of
    it inside the repository, are not plain): it is never opened, linked or written, and shown
    with its hidden characters made visible."""
    problem = path_problem(path if names is None else names)
    if problem is None:
        return None
    return error(visible(path, hidden_characters()), 1, 1, "E-PATH-UNSAFE",
                 f"{problem}：请改用小写英文字母、数字、连字符和点组成的普通文件名。")


def evidence_file(ref: str) -> str | None:
    """The file in the society's folder that an evidence reference names, read as the check
    reads it (`cited_path`); None for a web address and for a reference the check refuses on its
    text alone (another scheme such as javascript: or data:, an absolute path, a way out of the
    folder), and for a file of no kind the staff may open (an .exe, a web page: policy.yaml's
    `evidence.file_kinds`, which the check holds it to): the site shows those as text, never as
    a link into the repository."""
    parts = cited_path(ref)
    return "/".join(parts) if parts and policy().evidence.kind_of(parts[-1]) else None
