"""The files `new-year YEAR` writes: a guideline and a rubric that carry the last year forward,
with commented examples of every kind of change, and a copy of the guideline text to edit.

Written as they are, the new year passes `check` and `make build`: its window starts where the
last one ended, its calendar follows the first year's, and it changes nothing else.
"""

from __future__ import annotations

import datetime as dt

from validators.year.cycle import DAY_NAMES
from validators.year.guideline import Guideline

__all__ = ["calendar_note", "default_calendar", "default_window", "guideline_file", "rubric_file", "window_note"]


def _later(day: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def default_window(last: Guideline) -> tuple[dt.date, dt.date]:
    """The window `new-year` writes after `last`: from its deadline (not included) for a year."""
    start = last.evaluation_window.deadline
    return start, _later(start)


def window_note(start: dt.date, deadline: dt.date) -> str:
    """The window's note `new-year` writes: a placeholder the staff rewrite (`check` warns,
    W-YEAR-NOTE-DEFAULT, once the dates move or the year opens with it)."""
    return f"评估期 {start.isoformat()}（不含）至 {deadline.isoformat()}（含）为默认值，由市科协确定并可调整。"


def calendar_note(pattern_year: int) -> str:
    """The calendar's note `new-year` writes, a placeholder like the window's."""
    return f"日期按 {pattern_year} 年度的安排推算，由市科协确定并可调整。"


def default_calendar(pattern: Guideline, deadline: dt.date) -> dict[str, dt.date] | None:
    """The pattern year's cycle moved to the new deadline: each day as many days from the
    deadline as it was from the pattern's (a later year's calendar may hold dates set for a
    demonstration or a delay; the first year's is the association's ordinary cycle)."""
    calendar = pattern.calendar
    if calendar is None:
        return None
    moved = deadline - pattern.evaluation_window.deadline
    return {name: getattr(calendar, name) + moved for name in DAY_NAMES}


def _calendar(pattern: Guideline, deadline: dt.date) -> list[str]:
    days = default_calendar(pattern, deadline)
    if days is None:
        return ["# calendar: 没有可参照的日历；请按当年的安排写 submission_opens … final（见 README“评估流程”）。"]
    return [f"# 评估周期（均含当日，按北京时间）：以下按 {pattern.year} 年度的安排推算（各日期与评估截止日相隔的天数不变），"
            "请按当年的安排改写，并改写 note（它印在网站上）。",
            "calendar:", *(f"  {name}: {day.isoformat()}" for name, day in days.items()),
            f"  note: {calendar_note(pattern.year)}"]


def guideline_file(year: int, last: Guideline, text_from: int, text_title: str, pattern: Guideline) -> str:
    """`validators/guidelines/<year>.yaml`: the last year carried forward, every change shown.
    `text_title`: the title of the guideline text it carries (its own until 2019.txt changes);
    `pattern`: the year whose calendar the new one follows."""
    start, deadline = default_window(last)
    return "\n".join([
        f"# {year} 年度指南参数：沿用 {last.year} 年度的全部参数，只写出有变化的部分。",
        f"# 原文在同一文件夹的 {year}.txt（由 {text_from}.txt 复制而来）：指南有改动时直接改它，条款、数字都以它为准。"
        ,
        "# 改动的写法：",
        "# - 一个值：写出键和新值，如 thresholds: {expert_registration_rate: 0.6}；其余沿用。",
        "# - 一个列表：整张列表重写；或用 add（增加）、edit（修改，按名称）、remove（删除，按名称）。",
        "# - 删去一项沿用的值：写 null。",
        "# 写完运行 python -m validators check，它会指出与原文、上一年度或评估细则对不上的地方。",
        f"year: {year}",
        f"carried_forward_from: {last.year}",
        f"# 标题说的是沿用的原文“{text_title}”；{year}.txt 的标题一改（如“{year}年学会重点工作指南”），"
        "这里、source 和评估细则的 statement 都要随之改写，否则 check 报错。",
        f"title: {year}年度评估（沿用{text_title}）",
        "evaluation_window:",
        f"  start: {start.isoformat()}     # 不含当日：紧接 {last.year} 年度的截止日",
        f"  deadline: {deadline.isoformat()}  # 含当日",
        "  # note 印在网站的指南页和细则页上：日期定下来后，改写成本年度评估期的依据（如市科协的通知）。",
        f"  note: {window_note(start, deadline)}",
        *_calendar(pattern, deadline),
        "",
        "# ---- 改动示例（删去行首的“# ”即生效；每一种改动在 README“新年度指南”中都有说明）----",
        f"# 提高一个条款的门槛（只改 5.1，原文 {year}.txt 中的数字也要改）：",
        "# kinds:",
        "#   event_categories:",
        "#     edit:",
        "#       annual_conference: {criteria: {min_participants: 150}}",
        "# 新的活动类别（及其标准；评估细则里同时写它的分值）：",
        "#     add:",
        "#       - {code: online_exchange, label: 线上学术交流, clause: \"5.6\", criteria: {min_participants: 300}}",
        "# 新的重大工作类别：",
        "#   major_work_kinds:",
        "#     add:",
        "#       - {code: digital_reform, label: 数字化改革, clause: \"7.6\"}",
        f"# 新的服务类型（原文 {year}.txt 的 1.4 或 1.5 中写上它，如“科技类咨询、培训、技术成果转化等服务”，并列在那一条下；"
        "评估细则中按那一条计分的规则的 label 也写上它）：",
        "#   service_kinds:",
        "#     add:",
        "#       - {code: tech_transfer, label: 技术成果转化}",
        "# clause_service_kinds:",
        "#   \"1.4\": {add: [技术成果转化]}",
        "# 新的科普活动（5.4）、新的产业（4.1）、新的试点区域（1.3）：",
        "# popularisation_occasions:",
        "#   add:",
        "#     - {name: 科技活动月, aliases: [科技月]}",
        "# industries:",
        "#   add: [数字经济]",
        "# pilot_districts:",
        "#   add: [新都区]",
        "# 委托（购买）单位（二）：名称以 company_markers 中的字样结尾的是企业（括号内外的部分分别看），"
        "只是含有这些字样的不是；增加一种结尾：",
        "# company_markers:",
        "#   add: [事务所]",
        "# 让原先不计入的地区计入 5.2 的外省数：",
        "# provinces:",
        "#   edit:",
        "#     香港特别行政区: {counts: true, why: null}",
        f"# 领域改名（原文 {year}.txt 中的标题一起改）：",
        "# areas:",
        "#   edit:",
        "#     innovation: {title: 创新驱动发展工程}",
        "# 新的领域（评估细则里同时写它的上限和各类别的分值）：",
        "#   add:",
        f"#     - id: \"8\"                # 原文 {year}.txt 中要有“八、数字化服务”一节和条款 8.1",
        "#       key: digital_services",
        "#       title: 数字化服务",
        "#       kinds:",
        "#         - {code: platform, label: 数字化平台建设, clause: \"8.1\"}",
        "",
    ])


def rubric_file(year: int, last_id: str, last_year: int, statement: str = "", text_title: str = "") -> str:
    """`validators/rubrics/<year>.yaml`: the last rubric carried forward, every change shown.
    `statement`: the last year's, shown retitled for when the new text is (`text_title`: the
    title of the text it carries)."""
    retitled = statement.replace(text_title, f"{year}年学会重点工作指南") if text_title else statement
    return "\n".join([
        f"# {year} 年度评估细则（默认）：沿用 {last_year} 年度（{last_id}）的全部分值、上限和分档线，只写出有变化的部分。",
        "# 指南没有公布分值：细则由市科协确定和调整，改动本文件即改变评估结果。分值须为 0.5 的整数倍。",
        f"id: default-{year}",
        f"year: {year}",
        f"carried_forward_from: {last_year}",
        "# 标题印在细则页上：分值、上限、分档线或规则一有改动，就改写标题，去掉“沿用…”（否则 check 给出警告）。",
        f"title: {year}年度学会重点工作评估细则（默认，沿用{last_year}年度）",
        "# statement（印在细则页上的说明）沿用上一年度，其中写的是沿用的指南名称；原文改了标题就写出本年度的：",
        f"# statement: {retitled}",
        "",
        "# ---- 改动示例（删去行首的“# ”即生效）----",
        "# 一条规则的分值：",
        "# innovation:",
        "#   platform_registered: {points: 4}",
        "# 新的活动类别的分值（指南参数里先加这个类别）：",
        "# academic_events:",
        "#   category:",
        "#     线上学术交流: {clause: \"5.6\", points: 2, max_count: 3, label: 线上学术交流活动（每项）}",
        "# 1.4 列出了新的服务类型（指南参数的 clause_service_kinds）：按 1.4 计分的规则的名称随之改写：",
        "# innovation:",
        "#   consulting_training_service: {label: 科技咨询、培训、技术成果转化等服务（每项）}",
        "# 某条款不再适用（原文删去了它）：它的规则写 null，不再计分：",
        "# government_functions:",
        "#   pilot: null",
        "#   pilot_new_function: null",
        "",
    ])
