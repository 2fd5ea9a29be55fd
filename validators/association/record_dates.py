"""The days on which the association may date its records of a year: a verdict, an expert's
mark, an objection and its answer (E-DATE-OUTSIDE-CYCLE).

They come from the year's calendar: from the first day of 核查 (the reports can no longer change)
to the final day (the year is frozen). A date outside is a slip (2030 for 2020, a year typed
wrong) or a record of another year. A date inside them but after today (Beijing time) records
what has not happened yet, an answer dated ahead: a warning (W-DATE-FUTURE). The workbench gets
the days and the words from its settings (`validators/association/browser_review.py`), so that
it says at the field what `check` says.

A finalized year (results/<year>.json) is verified again only by admins, after the final day, for
`finalize --replace` (W-REVIEW-ITEM-CHANGED says how): its review files' dates have no last day
(`reopened`), or that re-verification could be dated only on a day it did not happen.
"""

from __future__ import annotations

import datetime as dt

from validators.rules.rule_context import RuleContext
from validators.yaml.scalars import YamlPath
from validators.year import cycle
from validators.year.guideline import Guideline

__all__ = ["check_day", "future_words", "outside", "outside_words", "record_days"]

_DATE = "{date}"
_TODAY = "{today}"


def record_days(rules: Guideline, reopened: bool = False) -> tuple[dt.date, dt.date | None]:
    """The first and the last day (None: no last day) of the year's records; `reopened`: the
    verdicts and marks of a finalized year, which admins may verify again after its final day."""
    if rules.calendar is not None:
        first, last = rules.calendar.record_days()
        return first, None if reopened else last
    # Without a calendar only the report's own year is known: nothing is verified before it begins.
    return rules.evaluation_window.start + dt.timedelta(days=1), None


def outside_words(rules: Guideline, reopened: bool = False) -> str:
    """The check's sentence after a date's title (“核查日期”), with {date} for the date."""
    first, last = record_days(rules, reopened)
    allowed = (f"须在填报截止的次日（{first.isoformat()}）至最终结果日（{last.isoformat()}）之间" if last is not None
               else f"不能早于填报截止的次日（{first.isoformat()}）（本年度已定稿，重新核查可晚于最终结果日）"
               if rules.calendar is not None else f"不能早于评估期的第一天（{first.isoformat()}）")
    return f"{_DATE} 不在 {rules.year} 年度允许的日期内：核查结论、专家评分和异议的日期{allowed}，请核对。"


def future_words() -> str:
    """The check's sentence after a date's title for a day after today, with {date} and {today}."""
    return (f"{_DATE} 晚于今天（{_TODAY}，北京时间）：核查结论、专家评分和异议的提出、答复都记作出的那一天，"
            "不能预先写上将来的日子，请核对。")


def outside(rules: Guideline, day: dt.date, reopened: bool = False) -> bool:
    first, last = record_days(rules, reopened)
    return day < first or (last is not None and day > last)


def check_day(ctx: RuleContext, path: YamlPath, day: dt.date, title: str, reopened: bool = False,
              now: dt.date | None = None) -> bool:
    """Whether `day` is outside the year's days (`reopened`: see `record_days`), said as an
    error at `path` when it is; a day inside them but after `now` (the day checked for, today
    by default) is said as a warning."""
    if not outside(ctx.guideline, day, reopened):
        now = now or cycle.today()
        if day > now:
            ctx.warning(path, "W-DATE-FUTURE", f"{title} " + future_words().replace(_DATE, day.isoformat())
                        .replace(_TODAY, now.isoformat()), None)
        return False
    ctx.error(path, "E-DATE-OUTSIDE-CYCLE",
              f"{title} " + outside_words(ctx.guideline, reopened).replace(_DATE, day.isoformat()), None)
    return True
