"""The evaluation cycle of a guideline year: its calendar (data in the year file) and its phase on
a given day.

A year runs 填报 (submission opens to closes), 核查 (staff verify the reports and experts mark
them), 公示 (the results are on public notice and anyone may object), then 最终结果 (final: the
year is frozen by `finalize`). Days between the close and the notice, and between the end of the
notice and the final day, belong to 核查: staff verify, then answer objections.
"""

from __future__ import annotations

import datetime as dt
import itertools
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from validators.findings import PlacedError

__all__ = ["AFTER_APPROVAL", "AWAITING_FINAL", "CALENDAR_ZONE", "ITEMS_NAMED", "ITEMS_REMOVED", "LATE_EXCEPTION",
           "OBJECTION_IDS_SHOWN", "Calendar", "Phase", "calendar_day", "full_date", "month_day", "no_new_report", "parse_day",
           "today"]

# The association's calendar days are Beijing time (UTC+8, no daylight saving): a deadline of
# 12 月 15 日 ends at midnight in Chengdu, not in UTC.
CALENDAR_ZONE = dt.timezone(dt.timedelta(hours=8), "UTC+8")


class Phase(StrEnum):
    NOT_OPEN = "not_open"
    SUBMISSION = "submission"
    VERIFICATION = "verification"
    NOTICE = "notice"
    FINAL = "final"


PHASE_LABELS: dict[Phase, str] = {
    Phase.NOT_OPEN: "尚未开始填报",
    Phase.SUBMISSION: "填报中",
    Phase.VERIFICATION: "核查中",
    Phase.NOTICE: "公示中",
    Phase.FINAL: "最终结果",
}
# A year on or past its calendar's final day that the association has not finalized (no
# results/<year>.json): its numbers are not final yet, whatever the calendar says. The site
# (site_builder/phase.py `label`) and the form say it in these words.
AWAITING_FINAL = "公示已结束，结果尚未定稿"


# Where a society finds the id of the objection its correction answers (W-CYCLE-OBJECTION; the
# form says it at the top of a report it may correct).
OBJECTION_IDS_SHOWN = "网站排名页和本学会该年度报告页面“公示期的异议”表"
# The one way past the gate's refusal of a late report; the form's folded GitHub steps say it too.
LATE_EXCEPTION = "确有特殊情况，请联系市科协，由市科协管理员决定是否提交。"
# What starts the approval check again once a head has approved: a review does not (the workflow
# runs on opened, synchronize, reopened and edited, .github/workflows/ownership.yml), an edit of
# the pull request's description does. Said by the gate, its comment, the form and submit.md.
AFTER_APPROVAL = ("批准之后这项检查不会自动重新运行：请在拉取请求的说明（最上面的一段）中点“Edit”，随便改一个字并保存，"
                  "检查即重新运行；也可以请市科协工作人员重新运行。")


# W-CYCLE-ITEMS-REMOVED's sentences (str.format templates): said by the gate of a report that
# replaces a published one (validators/github/removed_items.py) and, before it is submitted, by the
# online form (guide-<year>.json's `items_removed`, form-verified.js `removedNote`), in one wording.
# The items are named by id order, the first ITEMS_NAMED of them (review_base.MAX_NAMED's pattern).
ITEMS_REMOVED = {
    "said": "这份报告将替换已发布的 {year} 年度报告：已发布报告中有 {count} 个项目在这份报告中没有了：{named}。",
    "outside": "其中 {count} 个不是异议（{ids}）事由写到的项目：{named}。",
    "within": "它们都是异议（{ids}）事由写到的项目。",
    "ask": ("更正可以删除项目，但请核对这是有意的（上传或导入了空白或不完整的工作簿时，报告会缺少大量项目）："
            "确要删除的，请在拉取请求说明中写明原因；不是有意的，请补回后再提交。"),
    "item": "“{title}”（{id}）",
    "more": "等 {count} 个",
}
ITEMS_NAMED = 6


def no_new_report(year: int) -> str:
    """What a society without a report of `year` is told once the year's submission has closed:
    the pull request's gate refuses the new file (E-CYCLE-CLOSED) and the form says so before."""
    return f"不能再提交新的 {year} 年度报告：逾期的报告不参加该年度的评估。{LATE_EXCEPTION}"


def month_day(day: dt.date) -> str:
    return f"{day.month} 月 {day.day} 日"


def full_date(day: dt.date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def _until(end: dt.date, day: dt.date) -> str:
    """“至 1 月 19 日”, with the year when it is not the year of `day`."""
    return f"至 {month_day(end) if end.year == day.year else full_date(end)}"


# The calendar's days in order, and whether each may fall on the day before it.
_DAYS = (("submission_opens", True), ("submission_closes", True), ("verification_ends", False),
         ("notice_starts", False), ("notice_ends", True), ("final", False))
DAY_NAMES = {"submission_opens": "填报开始", "submission_closes": "填报截止", "verification_ends": "核查结束",
             "notice_starts": "公示开始", "notice_ends": "公示结束", "final": "最终结果"}


class Calendar(BaseModel):
    """One guideline year's cycle, every day inclusive."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    submission_opens: dt.date
    submission_closes: dt.date
    verification_ends: dt.date
    notice_starts: dt.date
    notice_ends: dt.date
    final: dt.date
    note: str

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        """Each day after the one before (or on it, where a phase may last one day): every pair out
        of order named with its dates, at the first later day that comes too early."""
        wrong: list[tuple[str, str]] = []
        for (before, _), (after, same_day) in itertools.pairwise(_DAYS):
            first, then = getattr(self, before), getattr(self, after)
            if then < first or (then == first and not same_day):
                wrong.append((after, f"{DAY_NAMES[after]}（{after}）{then.isoformat()} "
                                     f"{'早于' if then < first else '与'}{DAY_NAMES[before]}（{before}）"
                                     f"{first.isoformat()}{'' if then < first else ' 是同一天'}"))
        if wrong:
            raise PlacedError("；".join(said for _, said in wrong) + "：calendar 的日期须依次为 submission_opens ≤ "
                              "submission_closes < verification_ends < notice_starts ≤ notice_ends < final",
                              (wrong[0][0],))
        return self

    def phase(self, day: dt.date) -> Phase:
        if day < self.submission_opens:
            return Phase.NOT_OPEN
        if day <= self.submission_closes:
            return Phase.SUBMISSION
        if day < self.notice_starts:
            return Phase.VERIFICATION
        if day <= self.notice_ends:
            return Phase.NOTICE
        if day < self.final:
            return Phase.VERIFICATION  # the notice is over: objections are being answered
        return Phase.FINAL

    def spans(self) -> list[tuple[Phase, dt.date | None, dt.date | None]]:
        """The phases in order, each with its first and last day (None: without end), so that a
        reader without this code (the form's script) can tell the phase of any day."""
        day = dt.timedelta(days=1)
        return [(Phase.NOT_OPEN, None, self.submission_opens - day),
                (Phase.SUBMISSION, self.submission_opens, self.submission_closes),
                (Phase.VERIFICATION, self.submission_closes + day, self.notice_starts - day),
                (Phase.NOTICE, self.notice_starts, self.notice_ends),
                (Phase.VERIFICATION, self.notice_ends + day, self.final - day),
                (Phase.FINAL, self.final, None)]

    def label(self, day: dt.date, *, finalized: bool) -> str:
        """The phase as the site says it: “公示中：至 1 月 19 日”. `finalized`: the association
        has frozen the year's results; past the final day until it does, the numbers are not final."""
        phase = self.phase(day)
        if phase is Phase.FINAL and not finalized:
            return AWAITING_FINAL
        if phase is Phase.SUBMISSION:
            return f"填报中：{_until(self.submission_closes, day)}"
        if phase is Phase.NOTICE:
            return f"公示中：{_until(self.notice_ends, day)}"
        if phase is Phase.VERIFICATION and day <= self.verification_ends:
            return f"核查中：{_until(self.verification_ends, day)}"
        if phase is Phase.VERIFICATION and day > self.notice_ends:
            return "核查中：公示已结束，正在答复异议"
        if phase is Phase.NOT_OPEN:
            return f"尚未开始填报：{full_date(self.submission_opens)}开始"
        return PHASE_LABELS[phase]

    def record_days(self) -> tuple[dt.date, dt.date]:
        """The first and last day the association may date its records of the year (a verdict, an
        expert's mark, an objection or its answer): from the first day of 核查, when the reports
        can no longer change, to the final day, on which the year is frozen."""
        return self.submission_closes + dt.timedelta(days=1), self.final

    def is_closed(self, day: dt.date) -> bool:
        """Submission is over: a report changes only by an admin or in answer to an objection."""
        return day > self.submission_closes

    def counts_provisionally(self, day: dt.date) -> bool:
        """填报 and 核查 before the notice: results are not yet on notice."""
        return day < self.notice_starts


def calendar_day(moment: dt.datetime) -> dt.date:
    """The association's day of a moment (an aware datetime): 16:40 UTC is the next day in Chengdu."""
    return moment.astimezone(CALENDAR_ZONE).date()


def today() -> dt.date:
    """Today in the association's calendar."""
    return calendar_day(dt.datetime.now(dt.UTC))


def parse_day(value: str) -> dt.date:
    """An ISO day from the command line (argparse type)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"日期应写作 2018-01-19 这样的 ISO 格式：{value!r}") from None
