"""How far the association's verification of each report has come: every item decided (已核实
or 不予认定: 核查完毕), some decided (部分核查), none (未开始); and which items wait for material
from the society."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from validators.association.reviews import (
    FrozenSince,
    ReviewDoc,
    Standing,
    item_ids,
    review_entries,
)
from validators.models.review import UNVERIFIED, ObjectionStatus, ReviewStatus
from validators.repository import Repository
from validators.year.rubric import Rubric

__all__ = ["Changed", "Progress", "ProgressState", "Requested", "open_objections", "progress_of", "report_progress",
           "unbound_verdicts", "unfinished_reviews", "year_progress"]


class ProgressState(enum.Enum):
    # Every item has a verdict, which may be 不予认定: "finished", not "all verified".
    DONE = "核查完毕"
    PARTLY = "部分核查"
    NOT_STARTED = "未开始"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Requested:
    """An item the association asked the society to support with more material."""

    item: str
    reason: str
    date: str


@dataclass(frozen=True, slots=True)
class Changed:
    """An item whose content changed after the verdict that covered it (its own, of `date`, or
    其余全部核实's when `rest`): it waits for verification again, unless the year is finalized."""

    item: str
    date: str
    rest: bool = False


@dataclass(slots=True)
class Progress:
    society: str
    year: int
    items: int
    decided: int
    requested: list[Requested] = field(default_factory=list)
    # The review file records something (an item or the rest), whatever it decides.
    started: bool = False
    # Items changed after the verdict that covered them (see `Changed`).
    changed: list[Changed] = field(default_factory=list)
    # The year is finalized: verification is over, the frozen result stands, and `changed`
    # lists what changed after the verdicts.
    final: bool = False
    # Of a finalized year: whether the report is still the file finalize recorded (its changes
    # came before finalize, which scored those items as unverified); None when not recorded.
    unchanged_since_final: bool | None = None
    # Of a finalized year: whether the review file is still the one finalize recorded (False: a
    # verdict given, changed or taken back since, which the frozen result does not count); None
    # when not recorded.
    review_unchanged_since_final: bool | None = None
    # The items the association does not recognise (不予认定): they earn nothing.
    not_recognised: list[str] = field(default_factory=list)

    @property
    def state(self) -> ProgressState:
        if self.started and self.decided == self.items and not self.requested:
            return ProgressState.DONE
        return ProgressState.PARTLY if self.started else ProgressState.NOT_STARTED

    @property
    def label(self) -> str:
        """The state as the pages say it: a finalized year whose report changed after its
        verdicts, or whose review file changed after finalize, says so, and that the frozen
        result stands (nothing is verified again)."""
        if not self.final:
            return self.state.label
        said = []
        if self.changed:
            if self.unchanged_since_final:
                said.append(f"{len(self.changed)} 项在核查结论之后、定稿之前改动过，定稿时{UNVERIFIED}、不计分")
            elif self.unchanged_since_final is None:
                said.append("报告在核查结论之后改动过")
            else:
                said.append("定稿后报告有改动")
        if self.review_unchanged_since_final is False:
            said.append("核查记录在定稿后改动过")
        return f"{self.state.label}（{'；'.join(said)}，定稿结果不变）" if said else self.state.label


def progress_of(society: str, year: int, ids: list[str], review: ReviewDoc | None,
                final: bool = False, unchanged_since_final: bool | None = None,
                review_unchanged_since_final: bool | None = None) -> Progress:
    """What the review file (its records that no error condemns, as scoring reads them) decides.
    `final`: the year is finalized, and a verdict whose item changed since stands as recorded,
    unless the report is still the file finalize froze (`unchanged_since_final`): then the item
    had changed before finalize, which scored it as unverified, and so does the progress.
    `review_unchanged_since_final`: whether the review file is the one finalize froze (the
    progress is the current file's; the label says when it is not the frozen one's)."""
    stands = final and not unchanged_since_final
    standing = Standing.of(review, strict=True)
    decided, requested, changed, refused = 0, [], [], []
    for item in dict.fromkeys(ids):
        rec = standing.records.get(item)
        outgrown = standing.changed.get(item)
        if rec is None and outgrown is not None and not standing.covered(item):
            changed.append(Changed(item, outgrown.date.isoformat()))
            rec = outgrown if stands else None
        if rec is None:
            covered = standing.covered(item)
            if not covered and standing.rest is not None and outgrown is None:
                changed.append(Changed(item, standing.rest.date.isoformat(), rest=True))
            decided += covered or (stands and standing.rest is not None)
        elif rec.status is ReviewStatus.MATERIAL_REQUESTED:
            requested.append(Requested(item, rec.reason or "", rec.date.isoformat()))
        else:
            decided += 1
            if rec.status is ReviewStatus.NOT_RECOGNISED:
                refused.append(item)
    # A verdict the item has outgrown was still given: the report's verification has begun.
    started = bool(standing.records) or bool(standing.changed) or standing.rest is not None
    return Progress(society, year, len(dict.fromkeys(ids)), decided, requested, started, changed, final,
                    unchanged_since_final if final else None, review_unchanged_since_final if final else None,
                    refused)


def report_progress(repo: Repository, society: str, year: int, ids: list[str], final: bool = False) -> Progress:
    """One report's progress as every page says it. `final`: the year is finalized, and what its
    results file recorded of the report and of the review file (`FrozenSince`) is read here, once
    for the status page, the report's page and the workbench alike (see `progress_of`)."""
    since = FrozenSince.of(repo.root, society, year) if final else None
    return progress_of(society, year, ids, repo.reviews.get((society, year)), final,
                       since.report if since else None, since.review if since else None)


def year_progress(repo: Repository, year: int, final: bool = False) -> list[Progress]:
    """Every readable report of `year`, by society id (`final`: see `report_progress`)."""
    return [report_progress(repo, society, year, item_ids(doc.report), final)
            for (society, y), doc in sorted(repo.reports.items()) if y == year]


def unfinished_reviews(repo: Repository, year: int, points: Rubric) -> list[str]:
    """What the verification of `year` has not decided, one line per society (its name and id):
    the items waiting for material (title, id and the association's reason), the items without a
    verdict, or a report not looked at. Empty when all is decided, or when the year keeps no
    verification here (it is scored by the reports)."""
    if year not in repo.reviewed_years:
        return []
    said = []
    for progress in year_progress(repo, year):
        if progress.state is ProgressState.DONE:
            continue
        doc = repo.reports[(progress.society, year)]
        profile = repo.profiles.get(progress.society)
        name = f"{profile.profile.name}（{progress.society}）" if profile else progress.society
        if not progress.started:
            said.append(f"- {name}：未开始核查，{progress.items} 项没有任何结论")
            continue
        parts = []
        titles = {e.id: e.title for e in review_entries(doc.report, points)}
        if progress.requested:
            waiting = "；".join(f"“{titles.get(r.item, r.item)}”（{r.item}，{r.date}：{r.reason}）"
                                for r in progress.requested)
            parts.append(f"待补充材料 {len(progress.requested)} 项：{waiting}")
        if progress.changed:
            parts.append(f"核查之后改动过、须重新核查 {len(progress.changed)} 项：" + "；".join(
                f"“{titles.get(c.item, c.item)}”（{c.item}，"
                + (f"“其余全部核实”（{c.date}）之后新增或改动" if c.rest else f"在 {c.date} 的核查结论之后改动过")
                + "）" for c in progress.changed))
        undecided = progress.items - progress.decided - len(progress.requested) - len(progress.changed)
        if undecided:
            parts.append(f"还有 {undecided} 项没有结论")
        said.append(f"- {name}：{'；'.join(parts)}")
    return said


def unbound_verdicts(repo: Repository, year: int, points: Rubric) -> list[str]:
    """The verdicts of `year` that record no content (W-REVIEW-UNBOUND), one line per society (its
    name and id): each item's title, id, verdict and date, and 其余全部核实 recording no contents.
    They count whatever the item says, however it changed after them: finalize names them."""
    if year not in repo.reviewed_years:
        return []
    said = []
    for (society, y), doc in sorted(repo.reports.items()):
        review = repo.reviews.get((society, year)) if y == year else None
        if review is None:
            continue
        titles = {e.id: e.title for e in review_entries(doc.report, points)}
        parts = [f"“{titles[rec.item]}”（{rec.item}，{rec.status.label}，{rec.date}）"
                 for rec in review.review.items if rec.content is None and rec.item in titles]
        rest = review.review.rest
        if rest is not None and rest.contents is None and titles:
            parts.append(f"“其余全部核实”（{rest.date}）没有记下当时看到的内容")
        if not parts:
            continue
        profile = repo.profiles.get(society)
        name = f"{profile.profile.name}（{society}）" if profile else society
        counted = [p for p in parts if not p.startswith("“其余全部核实”")]
        said.append(f"- {name}：没有记下核查时内容的结论"
                    + (f" {len(counted)} 项：" if counted else "：") + "；".join(parts)
                    + "。请在核查工作台核对这些项目现在的内容，再点一次结论（“其余全部核实”取消再勾选），记下现在的内容")
    return said


def open_objections(repo: Repository, year: int) -> list[str]:
    """The year's objections still 受理中 in reviews/<year>/objections.yaml, one line each (the
    society's name and id, the objection's id and what it says): finalizing would leave them
    unanswered for good. An objection with errors is not read (as nowhere else)."""
    doc = repo.objections.get(year)
    said = []
    for objection in doc.usable() if doc else []:
        if objection.status is not ObjectionStatus.OPEN:
            continue
        profile = repo.profiles.get(objection.society)
        name = f"{profile.profile.name}（{objection.society}）" if profile else objection.society
        said.append(f"- {name}：异议 {objection.id}（受理中）：{objection.subject}")
    return said
