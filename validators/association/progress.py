"""How far the association's verification of each report has come: every item decided (已核实
or 不予认定: 核查完毕), some decided (部分核查), none (未开始); and which items wait for material
from the society."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from validators.association.reviews import ReviewDoc, Standing, item_ids, review_entries
from validators.models.review import ReviewStatus
from validators.repository import Repository
from validators.year.rubric import Rubric

__all__ = ["Progress", "ProgressState", "Requested", "progress_of", "unfinished_reviews", "year_progress"]


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


@dataclass(slots=True)
class Progress:
    society: str
    year: int
    items: int
    decided: int
    requested: list[Requested] = field(default_factory=list)
    # The review file records something (an item or the rest), whatever it decides.
    started: bool = False

    @property
    def state(self) -> ProgressState:
        if self.started and self.decided == self.items and not self.requested:
            return ProgressState.DONE
        return ProgressState.PARTLY if self.started else ProgressState.NOT_STARTED


def progress_of(society: str, year: int, ids: list[str], review: ReviewDoc | None) -> Progress:
    """What the review file (its records that no error condemns, as scoring reads them) decides."""
    standing = Standing.of(review, strict=True)
    decided, requested = 0, []
    for item in dict.fromkeys(ids):
        rec = standing.records.get(item)
        if rec is None:
            decided += standing.covered(item)
        elif rec.status is ReviewStatus.MATERIAL_REQUESTED:
            requested.append(Requested(item, rec.reason or "", rec.date.isoformat()))
        else:
            decided += 1
    # A verdict the item has outgrown was still given: the report's verification has begun.
    started = bool(standing.records) or bool(standing.changed) or standing.rest is not None
    return Progress(society, year, len(dict.fromkeys(ids)), decided, requested, started)


def year_progress(repo: Repository, year: int) -> list[Progress]:
    """Every readable report of `year`, by society id."""
    return [progress_of(society, year, item_ids(doc.report), repo.reviews.get((society, year)))
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
        if progress.requested:
            titles = {e.id: e.title for e in review_entries(doc.report, points)}
            waiting = "；".join(f"“{titles.get(r.item, r.item)}”（{r.item}，{r.date}：{r.reason}）"
                                for r in progress.requested)
            parts.append(f"待补充材料 {len(progress.requested)} 项：{waiting}")
        undecided = progress.items - progress.decided - len(progress.requested)
        if undecided:
            parts.append(f"还有 {undecided} 项没有结论")
        said.append(f"- {name}：{'；'.join(parts)}")
    return said
