"""The pull-request gate of the evaluation cycle: the submission deadline and the heads' approval.

Judged by the base branch's code against the base branch's data (calendar, admins, profiles,
objections), with the pull request's changed files and reviews read from the API as data:

- a path belongs to a year when it can change that year's score: the year's report (or a
  misnamed file that reads as it), and every evidence file the year's report on the base branch
  cites (adding a missing one, editing or removing one moves the score as surely as an edit of
  the report);
- after a year's submission closes, a pull request that changes a path of that year fails
  (E-CYCLE-CLOSED), unless an admin makes it, or the year is on public notice and an open
  objection recorded in `reviews/<year>/objections.yaml` allows the society to correct it;
- before it opens, likewise (E-CYCLE-NOT-OPEN);
- the evidence of a frozen year (final, or with `results/<year>.json`) never changes, whoever
  asks (E-CYCLE-EVIDENCE-FROZEN): the published result points at it;
- nor do its year files, the guideline (data and text) and the rubric (E-CYCLE-YEAR-FROZEN):
  its pages quote them, and a later year that carries them forward would change with them;
- a society's review record of a finalized year (`reviews/<year>/<id>.yaml`) may change, for a
  re-verification, but the reviewer is told the published results stay as frozen until
  `finalize <year> --replace` (W-CYCLE-REVIEW-FINALIZED);
- after the close, a report that replaces the published one is compared with it (the head's
  report read as data, `--head-root`): the items it no longer has are named
  (W-CYCLE-ITEMS-REMOVED, `removed_items`), of the first MAX_REPLACED_REPORTS reports replaced;
- a pull request that changes a society's report, profile, misnamed file or cited evidence needs
  an approving review of the head commit from one of the society's heads (`heads` in its profile
  on the base branch), unless an admin or a head makes it (E-CYCLE-APPROVAL names whose approval
  is missing).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from validators.association.objections import ObjectionsDoc, check_objections
from validators.association.reviews import OBJECTIONS_FILE, REVIEWS, record_year_folder
from validators.evaluation.results import results_path
from validators.findings import Finding, error, warning
from validators.github.changed_files import ChangedFile, society_of
from validators.github.ownership import read_maintainers, read_profile
from validators.github.removed_items import (
    MAX_REPLACED_REPORTS,
    HeadReader,
    removed_items,
    replaced_reports,
)
from validators.models.common import SLUG_PATTERN
from validators.models.review import Objection
from validators.repository import PROFILE_FILE, SUBMISSIONS
from validators.rules.evidence import cited_path
from validators.submission_paths import PathKind, classify, name_kind
from validators.yaml.loading import load_path
from validators.yaml.policy import policy
from validators.year.cycle import (
    AFTER_APPROVAL,
    OBJECTION_IDS_SHOWN,
    Phase,
    full_date,
    no_new_report,
)
from validators.year.files import year_of_path
from validators.year.guideline import guideline

MAX_REVIEWS_BYTES = 4 * 1024 * 1024


class ReviewsError(ValueError):
    """A list of reviews that is not what GitHub's API returns."""


class _User(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    login: Annotated[str, Field(max_length=100)]


class PullReview(BaseModel):
    """One entry of `GET /repos/{owner}/{repo}/pulls/{n}/reviews` (chronological)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: int
    user: _User | None = None  # a deleted account
    state: Literal["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]
    commit_id: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] | None = None
    submitted_at: str | None = None


_REVIEWS = TypeAdapter(list[PullReview])


def parse_reviews(text: str) -> list[PullReview]:
    """A JSON array, several arrays (`gh api --paginate`), or JSON lines (`--jq '.[]'`)."""
    if len(text.encode("utf-8")) > MAX_REVIEWS_BYTES:
        raise ReviewsError("reviews list too large")
    try:
        decoder, items, at, stripped = json.JSONDecoder(), [], 0, text.strip()
        while at < len(stripped):
            value, end = decoder.raw_decode(stripped, at)
            items += value if isinstance(value, list) else [value]
            at = end
            while at < len(stripped) and stripped[at].isspace():
                at += 1
        return _REVIEWS.validate_python(items)
    except (ValueError, RecursionError, ValidationError):
        raise ReviewsError("not a list of pull request reviews") from None


def approvals(reviews: list[PullReview]) -> dict[str, PullReview]:
    """Each reviewer's standing approval: their latest review that decides (a comment does
    not withdraw an approval; a dismissal or a request for changes does)."""
    latest: dict[str, PullReview] = {}
    for review in reviews:
        if review.user is None or review.state in ("COMMENTED", "PENDING"):
            continue
        latest[review.user.login.casefold()] = review
    return {login: r for login, r in latest.items() if r.state == "APPROVED"}


@dataclass(slots=True)
class Approval:
    """What the bot comment says of one society: who may approve, who did."""

    society: str
    heads: list[str]
    approved_by: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # approved an older commit


@dataclass(slots=True)
class GateResult:
    findings: list[Finding]
    approvals: list[Approval]
    # The published reports replaced beyond MAX_REPLACED_REPORTS: not compared (said in the comment).
    uncompared: int = 0


@dataclass(slots=True)
class CitedEvidence:
    """The evidence paths each year's report of a society cites on the base branch, read once
    per society (the reports are only loaded, not validated: a report that fails its schema
    still cites what it cites)."""

    root: Path
    _years: dict[str, dict[int, set[tuple[str, ...]]]] = field(default_factory=dict)

    def years_citing(self, society: str, inside: tuple[str, ...]) -> list[int]:
        """The years whose report cites `inside` (a path within the society folder), a folder
        holding it, or a file within it."""
        if society not in self._years:
            self._years[society] = self._read(society)
        return sorted(year for year, cited in self._years[society].items()
                      if any(c[:len(inside)] == inside or inside[:len(c)] == c for c in cited))

    def _read(self, society: str) -> dict[int, set[tuple[str, ...]]]:
        folder = self.root / SUBMISSIONS / society
        if not re.fullmatch(SLUG_PATTERN, society) or folder.is_symlink() or not folder.is_dir():
            return {}
        years: dict[int, set[tuple[str, ...]]] = {}
        for report in sorted(folder.iterdir()):
            kind = name_kind(report.name)
            if kind.kind is not PathKind.REPORT or kind.year is None or not report.is_file() \
                    or report.is_symlink():
                continue
            loaded = load_path(report, f"{SUBMISSIONS}/{society}/{report.name}", policy().yaml.limits)
            years[kind.year] = {cited for path, ref in loaded.strings
                                if len(path) >= 2 and path[-2] == "evidence"
                                and (cited := cited_path(ref)) is not None}
        return years


def _years_of(path: str, cited: CitedEvidence) -> list[int]:
    """The years whose score a change of `path` can move: a report's own year, and every year
    whose report cites the path as evidence (any file may be cited, a YAML file too)."""
    kind = classify(path)
    if kind.society is None:
        return []
    own = [kind.year] if kind.kind in (PathKind.REPORT, PathKind.MISNAMED) and kind.year else []
    return sorted({*own, *cited.years_citing(kind.society, tuple(path.split("/")[2:]))})


def _is_frozen(year: int, root: Path, day: dt.date) -> bool:
    rules = guideline(year, root)
    final = rules is not None and rules.calendar is not None and rules.calendar.phase(day) is Phase.FINAL
    return final or results_path(root, year).is_file()


def _objections(root: Path, year: int) -> ObjectionsDoc | None:
    path = root / REVIEWS / str(year) / OBJECTIONS_FILE
    if not path.is_file() or path.is_symlink():
        return None
    base = root / SUBMISSIONS
    societies = {p.name for p in base.iterdir() if p.is_dir()} if base.is_dir() else set()
    return check_objections(path, f"{REVIEWS}/{year}/{OBJECTIONS_FILE}", root, year, societies)[1]


def _answering(root: Path, year: int, society: str, day: dt.date) -> list[Objection]:
    """The open objections that let `society` correct its `year` report today: only during the
    year's notice, and only before the year is finalized."""
    rules = guideline(year, root)
    calendar = rules.calendar if rules else None
    if calendar is None or calendar.phase(day) is not Phase.NOTICE or results_path(root, year).is_file():
        return []
    answering = _objections(root, year)
    return answering.allowing_correction(society) if answering else []


def _deadline(path: str, society: str, year: int, root: Path, day: dt.date,
              is_admin: bool, added: bool = False, line: int = 1, gone: bool = False) -> Finding | None:
    """`added`: the pull request adds `path` (its new end, for a rename or copy); `gone`: it
    removes it (or renames it away). `line`: where its change begins, where a change it refuses
    is said (a new report, refused whole, at 1)."""
    rules = guideline(year, root)
    calendar = rules.calendar if rules else None
    if calendar is None:
        return None
    phase = calendar.phase(day)
    if phase is Phase.NOT_OPEN:
        return error(path, 1, 1, "E-CYCLE-NOT-OPEN",
                     f"{year} 年度的填报 {full_date(calendar.submission_opens)} 才开始，现在还不能提交这一年度的报告。")
    if not calendar.is_closed(day):
        return None
    # Finalized (results/<year>.json) before the calendar's final day: the notice is over for it.
    frozen_file = results_path(root, year)
    finalized = frozen_file.is_file()
    now = "结果已定稿" if finalized and phase is not Phase.FINAL else calendar.label(day, finalized=finalized)
    closed = f"{year} 年度的填报已于 {full_date(calendar.submission_closes)}截止（现在：{now}）"
    if is_admin:
        # A report removed has no page to say so on: its frozen ranking row says it instead.
        page = ("网站上不再有这份报告的页面；定稿结果中有这份报告的，排名中它的一行照列，并注明报告已删除或有误"
                if gone and classify(path).year == year else "报告页面会注明报告在定稿后改动过")
        stays = (f"该年度的结果已经定稿（{frozen_file.relative_to(root).as_posix()}），这次改动不会改变公布的得分，"
                 f"除非用 python -m validators finalize {year} --replace 重新定稿；{page}。"
                 if finalized else "")
        return warning(path, line, 1, "W-CYCLE-ADMIN-CHANGE",
                       f"{closed}，本改动由市科协管理员提交：合并前请在说明中写明原因。{stays}")
    if added and classify(path).year == year and not (root / SUBMISSIONS / society / f"{year}.yaml").exists():
        # A report main never had: there is nothing to correct, so no objection opens the way.
        return error(path, 1, 1, "E-CYCLE-CLOSED",
                     f"{closed}，{no_new_report(year)}")
    allowed = _answering(root, year, society, day)
    if allowed:
        ids = "、".join(o.id for o in allowed)
        return warning(path, line, 1, "W-CYCLE-OBJECTION",
                       f"{closed}；公示期内为回应已记录的异议（{ids}）修改报告，请在拉取请求说明中写明回应哪条异议（{OBJECTION_IDS_SHOWN}中的编号）。")
    if finalized:
        how = (f"该年度的结果已经定稿（{frozen_file.relative_to(root).as_posix()}），公示和异议都已结束，学会不能再更正报告："
               "如发现已公布的结果有误，请联系市科协，由市科协管理员更正并重新定稿")
    elif phase is Phase.FINAL:
        how = "该年度已是最终结果，只能由市科协管理员更正"
    elif day > calendar.notice_ends:
        # The verification that answers the objections, after the notice: none opens the way now.
        how = (f"公示期已于 {full_date(calendar.notice_ends)}结束，学会不能再更正报告："
               "如发现评估结果有误，请联系市科协，由市科协管理员更正")
    else:
        how = (f"公示期（{calendar.notice_starts} 至 {calendar.notice_ends}）内如需更正，请先按网站上的说明提出异议，"
               "市科协记录并允许更正后再提交")
    return error(path, line, 1, "E-CYCLE-CLOSED", f"{closed}，报告不能再改动。{how}。")


def _frozen_evidence(path: str, year: int) -> Finding:
    return error(path, 1, 1, "E-CYCLE-EVIDENCE-FROZEN",
                 f"这份证明材料是 {year} 年度报告引用的，{year} 年度的结果已经定稿公布，"
                 "它的证明材料不能再添加、修改、改名或删除（管理员也不能）：请撤回对这个文件的改动。"
                 "如须更正已公布的结果，请联系市科协。")


def _year_file_year(path: str) -> int | None:
    """The year of a guideline or rubric file the repository ships (`validators/guidelines/2017.txt`)."""
    return year_of_path(path)


def _frozen_year_file(path: str, year: int, root: Path, line: int = 1) -> Finding:
    # A year frozen by its calendar alone has no published results yet: said as it is (a year
    # just written by new-year from a past pattern's dates was told it had been finalized).
    rules = guideline(year, root)
    if not results_path(root, year).is_file() and rules is not None and rules.calendar is not None:
        return error(path, line, 1, "E-CYCLE-YEAR-FROZEN",
                     f"主分支上 {year} 年度的日历已到最终结果阶段（{full_date(rules.calendar.final)}起），"
                     "它的指南原文、指南数据和评估细则不能再改动（管理员也不能）：结果将按它们定稿。"
                     "日历写错了（如 new-year 按往年推算的日期已经过去）时，请只改该年度的 calendar，"
                     "由仓库管理员在合并页面越过这一检查并在说明中写明原因；新的规定请写进新年度的文件"
                     "（python -m validators new-year 年度）。")
    return error(path, line, 1, "E-CYCLE-YEAR-FROZEN",
                 f"{year} 年度的结果已经定稿公布，它的指南原文、指南数据和评估细则不能再改动（管理员也不能）："
                 "网站逐字引用它们，沿用它们的后续年度也会随之改变。请撤回对这个文件的改动；"
                 "新的规定请写进新年度的文件（python -m validators new-year 年度）。")


def _review_year(path: str) -> int | None:
    """The year of a society's review record (`reviews/2018/cd-tcm.yaml`); None for any other
    path, the year's objections file too (finalize records no digest of it)."""
    folder = record_year_folder(path)
    return int(folder) if folder is not None and not path.endswith(f"/{OBJECTIONS_FILE}") else None


def _finalized_review(path: str, year: int, root: Path, line: int = 1) -> Finding:
    frozen_file = results_path(root, year).relative_to(root).as_posix()
    return warning(path, line, 1, "W-CYCLE-REVIEW-FINALIZED",
                   f"{year} 年度的结果已经定稿（{frozen_file}）：核查记录的这次改动不会改变公布的结果，"
                   "公布的仍是定稿时冻结的总分、档次和评估明细，网站会注明“核查记录在定稿后改动过，定稿结果不变”。"
                   f"要按改动后的核查记录公布结果，须由管理员在合并后运行 python -m validators finalize {year} --replace "
                   "重新定稿（重新核查已定稿的年度）；合并前请在说明中写明原因。")


def check_gate(author: str, changes: list[ChangedFile], reviews: list[PullReview] | None,
               head_sha: str | None, root: Path, day: dt.date, head: HeadReader | None = None) -> GateResult:
    """Findings for the deadline and the heads' approval of one pull request; `head`: the head's
    reports (`replaced_reports`), for the items a replacement of a published one drops."""
    admins = read_maintainers(root)
    me = author.casefold()
    is_admin = me in admins.admins
    findings: list[Finding] = list(admins.findings)
    guarded: dict[str, str] = {}
    cited = CitedEvidence(root)
    replaced = replaced_reports(changes, root, day) if head is not None else []
    compared = set(replaced[:MAX_REPLACED_REPORTS])
    for change in changes:
        said: set[tuple[str, int, str]] = set()  # a rename within one year's report is one change, said once
        for path in change.paths:
            # Where the change begins in the new file; a rename's old name has no new lines.
            line = change.first_changed_line if path == change.filename and change.status != "removed" else 1
            year_of_file = _year_file_year(path)
            if year_of_file is not None and _is_frozen(year_of_file, root, day):
                findings.append(_frozen_year_file(path, year_of_file, root, line))
                continue
            reviewed = _review_year(path)
            if reviewed is not None and results_path(root, reviewed).is_file():
                findings.append(_finalized_review(path, reviewed, root, line))
                continue
            kind = classify(path)
            if kind.society is None:
                continue
            years = _years_of(path, cited) if re.fullmatch(SLUG_PATTERN, kind.society) else []
            for year in years:
                if year != kind.year and _is_frozen(year, root, day):  # cited by a frozen year
                    findings.append(_frozen_evidence(path, year))
                    continue
                added = change.status in ("added", "copied", "renamed") and path == change.filename
                # Renamed away, or to a name that is no report's (2017.yaml → 2017.yml): no page.
                gone = change.status == "removed" or (change.status == "renamed" and (
                    path != change.filename or classify(path).kind is not PathKind.REPORT))
                found = _deadline(path, kind.society, year, root, day, is_admin, added, line, gone)
                if found is not None and (kind.society, year, found.code) not in said:
                    said.add((kind.society, year, found.code))
                    findings.append(found)
                if head is not None and path in compared and path == change.filename and found is not None \
                        and found.code != "E-CYCLE-NOT-OPEN" and not gone and kind.year == year:
                    # After the close: the report on main is the published one.
                    dropped = removed_items(path, kind.society, year, root, head, line,
                                            _answering(root, year, kind.society, day))
                    findings += [dropped] if dropped is not None else []
            if kind.is_yaml or years:
                guarded.setdefault(kind.society, path)
    approved = approvals(reviews or [])
    result = GateResult(findings, [], max(0, len(replaced) - MAX_REPLACED_REPORTS))
    registering = {society_of(c.filename) for c in changes
                   if c.status == "added" and c.filename.endswith(f"/{PROFILE_FILE}")}
    for society, path in sorted(guarded.items()):
        _approval(society, path, me, is_admin, approved, head_sha, root, result, society in registering)
    return result


def _approval(society: str, path: str, me: str, is_admin: bool, approved: dict[str, PullReview],
              head_sha: str | None, root: Path, result: GateResult, registering: bool = False) -> None:
    """`registering`: this pull request adds the society's profile (main has none to ask)."""
    profile_path = root / SUBMISSIONS / society / PROFILE_FILE
    profile = None
    if profile_path.is_file() and not profile_path.is_symlink():
        profile = read_profile(profile_path, f"{SUBMISSIONS}/{society}/{PROFILE_FILE}")
    heads = list(profile.heads) if profile else []
    if is_admin:
        return
    if not heads:
        said = (f"主分支上学会 {society} 的 society.yaml 没有写负责人（heads），无法核对负责人批准："
                "请在 society.yaml 中加入负责人的 GitHub 用户名。" if not registering else
                # A society this pull request registers: its heads are not on main to be asked.
                f"学会 {society} 的学会资料（society.yaml）还不在主分支上，其中的负责人（heads）要合并之后才能核对批准："
                "这次由市科协工作人员在合并前核对提交人；以后的报告须由负责人批准。")
        result.findings.append(warning(path, 1, 1, "W-CYCLE-NO-HEADS", said))
        return
    status = Approval(society, heads)
    result.approvals.append(status)
    for head in heads:
        review = approved.get(head.casefold())
        if head.casefold() == me:
            status.approved_by.append(head)  # the head made the pull request
        elif review is not None and (head_sha is None or review.commit_id == head_sha):
            status.approved_by.append(head)
        elif review is not None:
            status.stale.append(head)
    if status.approved_by:
        return
    names = "、".join(heads)
    stale = (f"{'、'.join(status.stale)} 批准的是较早的提交，此后又有改动，请重新批准。"
             if status.stale else "目前还没有负责人批准。")
    result.findings.append(error(
        path, 1, 1, "E-CYCLE-APPROVAL",
        f"学会 {society} 的报告和资料的改动须经学会负责人批准，缺少负责人 {names} 中任一位的批准：{stale}"
        "请负责人打开本拉取请求的“Files changed”页，点“Review changes”，选“Approve”后提交。" + AFTER_APPROVAL))


def approval_summary(result: GateResult) -> str:
    """The Markdown the bot writes: each society's heads, who approved, whose approval is missing."""
    if not result.approvals:
        return ""
    rows = ["| 学会 | 负责人 | 批准情况 |", "| --- | --- | --- |"]
    for a in result.approvals:
        if a.approved_by:
            state = "✅ 已由 " + "、".join(f"`{x}`" for x in a.approved_by) + " 批准"
        else:
            state = "❌ 缺少批准：请 " + "、".join(f"`{x}`" for x in a.heads) + " 中任一位批准"
            if a.stale:
                state += "（" + "、".join(f"`{x}`" for x in a.stale) + " 批准的是较早的提交）"
        rows.append(f"| `{a.society}` | {'、'.join(f'`{x}`' for x in a.heads)} | {state} |")
    missing = any(not a.approved_by for a in result.approvals)
    return "#### 负责人批准\n\n" + "\n".join(rows) + "\n" + (f"\n{AFTER_APPROVAL}\n" if missing else "")
