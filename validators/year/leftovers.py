"""What `new-year` writes for the staff to rewrite, left as it was once it is no longer true: the
window's and the calendar's placeholder notes, and a rubric title that says the year carries
the last one's points after the points changed. `check` warns: the site prints the window's
note and the title, and a file's stale note misleads whoever edits the year next.

Only the scaffold's own words are recognised (`scaffold.window_note`, `scaffold.calendar_note`,
a title with 沿用): a note the staff wrote is theirs, and the frozen years' notes are not these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validators.year.cycle import DAY_NAMES
from validators.year.files import YearFileError
from validators.year.guideline import Guideline, guideline
from validators.year.rubric import Rubric, rubric
from validators.year.scaffold import calendar_note, default_calendar, default_window, window_note

__all__ = ["NOTE_CODE", "TITLE_CODE", "Leftover", "note_leftovers", "title_leftovers"]

NOTE_CODE = "W-YEAR-NOTE-DEFAULT"
TITLE_CODE = "W-YEAR-RUBRIC-TITLE"
# What the rubric's title says of a year that carries the last one's points (“（默认，沿用2018年度）”).
CARRIED_WORD = "沿用"
# A rubric's own words, not its points: compared apart from these.
_NOT_POINTS = {"id", "year", "title", "statement", "carried_forward_from"}
# How many of a rubric's changes its title's warning names.
_NAMED_CHANGES = 3

_REWRITE = "网站的指南页和细则页把这句话印给学会和公众看：请改写 note，写明市科协确定的评估期（如依据的通知），不再说“默认值”。"
# The calendar's note is not published; it misleads whoever reads the file next.
_REWRITE_CALENDAR = ("这句话留在文件中会误导以后读这个文件的人（审核拉取请求的人、下一年度的工作人员）："
                     "请改写 note，写明日期的依据（如市科协的通知），不再说“推算”。")


@dataclass(frozen=True, slots=True)
class Leftover:
    """A warning on a year file: its code, the keys it is said at, and what it says."""

    code: str
    keys: tuple[str, ...]
    message: str


def _opened(rules: Guideline, day: dt.date) -> dt.date | None:
    """The day the year's submission opened, if it has by `day`."""
    opens = rules.calendar.submission_opens if rules.calendar is not None else None
    return opens if opens is not None and opens <= day else None


def note_leftovers(rules: Guideline, root: Path | None, day: dt.date, first_year: int) -> list[Leftover]:
    """The placeholder notes `new-year` wrote, still there when the dates they speak of moved;
    the window's, which the site prints, also once the year has opened for submissions."""
    try:
        last, pattern = guideline(rules.year - 1, root), guideline(first_year, root)
    except YearFileError:  # said at those files
        return []
    if last is None or pattern is None:
        return []
    found: list[Leftover] = []
    opened = _opened(rules, day)
    window = rules.evaluation_window
    start, deadline = default_window(last)
    if window.note in (window_note(start, deadline), window_note(window.start, window.deadline)):
        if (window.start, window.deadline) != (start, deadline):
            found.append(Leftover(NOTE_CODE, ("evaluation_window", "note"), (
                f"评估期的说明（evaluation_window 的 note）仍是 new-year 生成的“{window.note}”，而评估期已改为 "
                f"{window.start.isoformat()}（不含）至 {window.deadline.isoformat()}（含）。{_REWRITE}")))
        elif opened is not None:
            found.append(Leftover(NOTE_CODE, ("evaluation_window", "note"), (
                f"评估期的说明（evaluation_window 的 note）仍是 new-year 生成的占位说明“{window.note}”，"
                f"而 {rules.year} 年度已于 {opened.isoformat()} 开始填报。{_REWRITE}")))
    calendar = rules.calendar
    if calendar is None or calendar.note != calendar_note(pattern.year):
        return found
    days = default_calendar(pattern, deadline) or {}
    moved = [f"{DAY_NAMES[name]}（{name}）{was.isoformat()} → {getattr(calendar, name).isoformat()}"
             for name, was in days.items() if getattr(calendar, name) != was]
    if moved:
        found.append(Leftover(NOTE_CODE, ("calendar", "note"), (
            f"日历的说明（calendar 的 note）仍是 new-year 生成的“{calendar.note}”，而日期已不是按 {pattern.year} "
            f"年度推算的（{'；'.join(moved)}）。{_REWRITE_CALENDAR}")))
    return found


def _changes(old: Any, new: Any, path: str = "") -> list[str]:
    """Where two rubrics' data differ, each as “innovation.platform_registered.points 3 → 4”."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [change for key in dict.fromkeys([*old, *new])
                for change in _changes(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))]
    if old == new:
        return []
    return [f"{path} {_short(old)} → {_short(new)}"]


def _short(value: Any) -> str:
    if value is None:
        return "（无）"
    return f"{value:g}" if isinstance(value, float) else str(value)


def title_leftovers(points: Rubric, root: Path | None) -> list[Leftover]:
    """A rubric whose title says it carries the year before's (沿用) while its points, caps,
    tiers or rules differ from that year's."""
    before = points.carried_forward_from
    if before is None or CARRIED_WORD not in points.title:
        return []
    try:
        old = rubric(before, root)
    except YearFileError:  # said at that file
        return []
    if old is None:
        return []
    changes = _changes(old.model_dump(exclude=_NOT_POINTS), points.model_dump(exclude=_NOT_POINTS))
    if not changes:
        return []
    named = "；".join(changes[:_NAMED_CHANGES]) + (f" 等 {len(changes)} 处" if len(changes) > _NAMED_CHANGES else "")
    return [Leftover(TITLE_CODE, ("title",), (
        f"细则的标题“{points.title}”说{CARRIED_WORD} {before} 年度，而本年度细则改动了 {before} 年度的分值、上限、"
        f"分档线或规则（{named}）：网站的细则页以这一标题为名称，读者会以为一分未改。请改写 title，"
        f"如“{points.year}年度学会重点工作评估细则（默认）”；改动之处细则页在“与上一年度相比的变化”中逐项列出。"))]
