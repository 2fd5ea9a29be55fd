"""Objections to a year's results: `reviews/<year>/objections.yaml`, kept by the association.

Anyone files an objection during the notice period with the issue form; the association records
it here (only admins and the reviewers of `.github/admins.yaml` change `reviews/`), answers it,
and may allow the society to correct its
report while the notice lasts. The file, not the issue tracker, is the record: it is reviewed and
committed like every decision, the pull-request check and the site read it offline, and nobody
who can edit an issue can open a closed report.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from validators.association.admin_files import open_record, year_mismatch
from validators.association.record_dates import check_day
from validators.findings import Finding
from validators.models.review import Objection, ObjectionsFile, ObjectionStatus
from validators.rules import text_fields
from validators.yaml.loading import Loaded, SourceMap

# The check's words, which the workbench says too (validators/association/browser_review.py).
OUTSIDE_NOTICE_MESSAGE = ("异议提出于 {filed}，不在 {year} 年度公示期（{starts} 至 {ends}）内："
                          "请核对日期，或说明为何受理。")
OPEN_ANSWERED_MESSAGE = ("这条异议仍是“受理中”，却写了答复或答复日期：已经答复的，请把处理状态改为“已答复”；"
                         "还没有答复的，请删去答复（answer）和答复日期（answered），以免公开一份尚未作出的答复。")


@dataclass(slots=True)
class ObjectionsDoc:
    file: str
    objections: ObjectionsFile
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)

    def usable(self) -> list[Objection]:
        """The objections no error condemns."""
        bad = {f.path[1] for f in self.findings if f.severity == "error" and f.path
               and f.path[0] == "objections" and len(f.path) > 1}
        return [o for i, o in enumerate(self.objections.objections) if i not in bad]

    def allowing_correction(self, society: str) -> list[Objection]:
        """Open objections that let `society` correct its report during the notice."""
        return [o for o in self.usable() if o.society == society and o.correction_allowed
                and o.status is ObjectionStatus.OPEN]


def _title(name: str) -> str:
    """What the file's readers call an objection's date (提出日期, 答复日期)."""
    return Objection.model_fields[name].title or name


def check_objections(path: Path, file: str, root: Path, year: int, societies: set[str],
                     keep: dict[str, Loaded] | None = None,
                     day: dt.date | None = None) -> tuple[list[Finding], ObjectionsDoc | None]:
    """The findings of a year's objections file, as they stand on `day` (today by default)."""
    stopped, opened = open_record(path, file, ObjectionsFile, year, root, "异议记录", keep)
    if opened is None:
        return stopped, None
    data, ctx = opened.data, opened.ctx
    if data.year != year:  # said alone, as a review file's (reviews.check_review)
        ctx.error(("year",), "E-YEAR-MISMATCH", year_mismatch(path, data.year, year, "异议记录"), None)
        text_fields.check(text_fields.iter_strings(opened.raw), ctx)
        return ctx.findings, None  # no objection of the folder's year: none of them counts there
    seen: set[str] = set()
    known = sorted(societies)
    for i, o in enumerate(data.objections):
        at = ("objections", i)
        if o.id in seen:
            ctx.error((*at, "id"), "E-ID-DUPLICATE", f"异议编号“{o.id}”重复：每条异议的 id 须唯一。", None)
        seen.add(o.id)
        if o.society not in societies:
            close = difflib.get_close_matches(o.society, known, n=1)
            hint = f"是不是“{close[0]}”？" if close else "请写 submissions/ 下的学会文件夹名。"
            ctx.error((*at, "society"), "E-OBJECTION-UNKNOWN-SOCIETY", f"没有学会“{o.society}”：{hint}", None)
        if o.status is ObjectionStatus.ANSWERED and not (o.answer and o.answered):
            ctx.error((*at, "status"), "E-OBJECTION-ANSWER-REQUIRED",
                      "已答复的异议须写明 answer（答复内容）和 answered（答复日期）：网站会公开答复。", None)
        if o.answered is not None and o.answered < o.filed:
            ctx.error((*at, "answered"), "E-DATE-ORDER",
                      f"答复日期 {o.answered} 早于提出日期 {o.filed}：请核对。", None)
        # A date the year does not allow at all is an error; one merely outside the notice, a warning.
        filed_wrong = check_day(ctx, (*at, "filed"), o.filed, _title("filed"), now=day)
        if o.answered is not None:
            check_day(ctx, (*at, "answered"), o.answered, _title("answered"), now=day)
        calendar = ctx.guideline.calendar
        if (calendar is not None and not filed_wrong
                and not calendar.notice_starts <= o.filed <= calendar.notice_ends):
            ctx.warning((*at, "filed"), "W-OBJECTION-OUTSIDE-NOTICE",
                        OUTSIDE_NOTICE_MESSAGE.format(filed=o.filed, year=year, starts=calendar.notice_starts,
                                                      ends=calendar.notice_ends), None)
        if o.status is ObjectionStatus.OPEN and (o.answer or o.answered is not None):
            ctx.warning((*at, "answer" if o.answer else "answered"), "W-OBJECTION-OPEN-ANSWERED",
                        OPEN_ANSWERED_MESSAGE, None)
    text_fields.check(text_fields.iter_strings(opened.raw), ctx)
    return ctx.findings, ObjectionsDoc(file, data, ctx.source, list(ctx.findings))

