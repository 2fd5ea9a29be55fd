"""One cell of a filled workbook read as its column's kind, the way spreadsheets store values:
dates as date cells, serial numbers or text in the usual Chinese forms, numbers stored as text,
full-width digits, stray spaces. Every conversion is said; nothing is guessed silently."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

from validators.schema_findings import month_only
from validators.xlsx.layout import SAID_SEPARATORS, SEPARATORS, SPACES, Column
from validators.yaml.policy import policy

__all__ = ["Read", "read_cell"]

# 2018-04-12, 2018/4/12, 2018.4.12, 2018年4月12日 (after NFKC: full-width digits are digits).
# ASCII digits and plain spaces only, so the form's reader (form-xlsx.js) reads the same.
_DATE = re.compile(r"^([0-9]{4})[ ]*(?:[-/.][ ]*([0-9]{1,2})[ ]*[-/.][ ]*([0-9]{1,2})"
                   r"|年[ ]*([0-9]{1,2})[ ]*月[ ]*([0-9]{1,2})[ ]*日?)$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
# The number in a cell written with words around it (15万, 40人, 约400, 200余人); the words are
# policy.yaml's workbook.numbers (the same in form-xlsx.js).
_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TRUE, _FALSE = frozenset({"是", "true", "yes", "y", "1", "对", "√"}), frozenset({"否", "false", "no", "n", "0", "×"})


# The first day a cell's number stands for as a date (1 is 1900-01-01): 0 and the numbers below
# it are no date in Excel or WPS (they show 1900-01-00, or ###### in a date cell). No report of
# any year can mean a day before it; a later day far from the report's year is read as the sheet
# shows it, and the report's own check says it is outside the year (E-DATE-OUTSIDE-WINDOW).
FIRST_DAY = dt.date(1900, 1, 1)


def _unreadable_date(value: object) -> str:
    return f"日期“{_text(value)}”无法识别：请写成 2018-05-12 这样的日期。"


def _before_first_day(day: dt.date) -> str:
    return (f"这一格的日期 {day.isoformat()} 早于 1900 年，不是报告能填写的日期（日期格式的单元格中填了 0 或负数时就会这样，"
            "Excel 和 WPS 显示为 1900-01-00 或 ######）：请写成 2018-05-12 这样的日期。")


@dataclass(frozen=True, slots=True)
class Read:
    value: object = None  # None: the cell says nothing
    error: str | None = None  # why the cell cannot be read
    said: str | None = None  # what was converted, when something was
    unit: str | None = None  # the column's unit a number was written with (15万 under 金额（万元）), when it was


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _shown(value)


def _shown(value: object) -> str:
    """A cell's value as the sheet shows it: a date cell as 2018-03-12 (not 2018-03-12 00:00:00)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _dropped(value: dt.date) -> str:
    """What is said of a date cell's time of day (43232.75 is 2018-05-12 18:00:00), which a
    date column drops: "" when there is none. Written as Python writes a time (form-xlsx.js, `clock`)."""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"，舍去了其中的时刻 {value.time().isoformat()}"
    return ""


def _date(value: object) -> Read:
    if isinstance(value, dt.date):  # a date cell (a datetime is a date too)
        day = value.date() if isinstance(value, dt.datetime) else value
        if day < FIRST_DAY:
            return Read(error=_before_first_day(day))
        dropped = _dropped(value)
        return Read(day, said=f"这一格按日期 {day.isoformat()} 读入{dropped}" if dropped else None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            from openpyxl.utils.datetime import from_excel  # imported by the workbook reader anyway

            # Read as a date cell holding it is (Excel's 1900 leap-year bug: 59 is 1900-02-28);
            # 2958465.999999995 rounds to a moment past 9999-12-31.
            try:
                moment = from_excel(value)
            except OverflowError:
                return Read(error=_unreadable_date(value))
            return Read(moment.date(), said=f"序列号 {_text(value)} 按日期 {moment.date().isoformat()} 读入{_dropped(moment)}")
        return Read(error=_unreadable_date(value))
    written = str(value)
    normal = unicodedata.normalize("NFKC", written).strip(SPACES)
    found = _DATE.match(normal)
    if found:
        year, month, day_ = found.group(1), found.group(2) or found.group(4), found.group(3) or found.group(5)
        meant: dt.date | None
        try:
            meant = dt.date(int(year), int(month), int(day_))
        except ValueError:
            meant = None
        if meant is not None:
            iso = meant.isoformat()
            return Read(meant, said=None if written == iso else f"文字“{written}”按日期 {iso} 读入")
    return Read(error=month_only(written, normal) or f"日期“{written}”无法识别：请写成 2018-05-12 这样的日期。")


def _number(value: object, integer: bool, column: Column | None = None) -> Read:
    what = "整数" if integer else "数字"
    if isinstance(value, bool):
        return Read(error=f"这里应填{what}，现在是“{'是' if value else '否'}”。")
    if isinstance(value, (int, float)):
        if integer and not float(value).is_integer():
            return Read(error=f"这里应填整数，现在是 {_text(value)}。")
        return Read(int(value) if integer else float(value))
    written = _shown(value)
    normal = unicodedata.normalize("NFKC", written).strip(SPACES).replace(",", "")
    if (_INTEGER if integer else _NUMBER).match(normal):
        number: int | float = int(normal) if integer else float(normal)
        return Read(number, said=f"文字“{written}”按{what} {normal} 读入")
    return _worded(written, normal, what, column)


def _longest(text: str, at: int, words: list[str]) -> str:
    return max((w for w in words if text.startswith(w, at)), key=len, default="")


def _words(normal: str) -> tuple[str, list[str], str] | None:
    """(the number, the words around it in order, the unit or "") of 约15万, 160人, 200余人左右;
    None when the cell is more than one number and policy.yaml's words (a range, words)."""
    rule = policy().workbook.numbers
    before = _longest(normal, 0, rule.before)
    found = _DIGITS.match(normal, len(before))
    if found is None:
        return None
    at, words, unit = found.end(), [before], ""
    for listed in (rule.within, rule.units, rule.after):
        word = _longest(normal, at, listed)
        unit = word if listed is rule.units else unit
        words.append(word)
        at += len(word)
    return (found.group(), [w for w in words if w], unit) if at == len(normal) else None


def _worded(written: str, normal: str, what: str, column: Column | None) -> Read:
    """A number written with words: read when the only word is its column's own unit (15万 under
    金额（万元）, 160人 under 参与人数), else why it is no number and how to write it."""
    found = _words(normal)
    if found is None or not found[1]:
        return Read(error=f"“{written}”不是{what}：只写阿拉伯数字，如 15。")
    number, words, unit = found
    own = column.units if column is not None else ()
    if words == [unit] and unit in own:
        if what == "整数" and not _INTEGER.match(number):
            return Read(error=f"这里应填整数，现在是“{written}”。")
        return Read(int(number) if what == "整数" else float(number), unit=own[0],
                    said=f"“{written}”已按 {number} 读入（单位：{own[0]}，只写数字即可）")
    scale = policy().workbook.numbers.scale
    if unit.startswith(scale) and unit not in own:
        return Read(error=f"“{written}”：请写出完整的数字（如 1.5{scale} 写 15000），不带“{scale}”。")
    if unit and own and unit not in own:
        return Read(error=f"“{written}”：这一列的单位是“{own[0]}”，不是“{unit}”；请换算后只写数字。")
    return Read(error=f"“{written}”：只写数字 {number}，不带“{'”“'.join(words)}”。")


# The cover's 年度: read as a year, said in a year's words (a year is no count of 15).
_YEAR_KEY = "year"
_YEAR_WORDS = ("年度", "年")  # 2018年, 2018 年度: the year, with the word said to be dropped
_YEAR_EXAMPLE = "如 2018"


def _year(value: object) -> Read:
    """The cover's year: a number, or text of digits with or without 年 or 年度 after them
    (2018年, ２０１８ 年度), read and said; anything else says what a year is written as."""
    if isinstance(value, bool):
        return Read(error=f"这里应填年度（{_YEAR_EXAMPLE}），现在是“{'是' if value else '否'}”。")
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            return Read(error=f"这里应填年度（{_YEAR_EXAMPLE}），现在是 {_text(value)}。")
        return Read(int(value))
    written = _shown(value)
    normal = unicodedata.normalize("NFKC", written).strip(SPACES)
    digits = next((normal[:-len(w)] for w in _YEAR_WORDS if normal.endswith(w)), normal).rstrip(SPACES)
    if digits.isascii() and digits.isdigit() and len(digits) <= 6:
        return Read(int(digits), said=f"文字“{written}”按年度 {int(digits)} 读入")
    return Read(error=f"“{written}”不是年度：只写年度的阿拉伯数字，{_YEAR_EXAMPLE}。")


def _bool(value: object) -> Read:
    if isinstance(value, bool):
        return Read(value)
    written = _text(value)
    normal = unicodedata.normalize("NFKC", written).strip(SPACES).lower()
    if normal in _TRUE or normal in _FALSE:
        found = normal in _TRUE
        return Read(found, said=None if written in ("是", "否") else f"“{written}”按“{'是' if found else '否'}”读入")
    return Read(error=f"这里应填“是”或“否”，现在是“{written}”。")


def _plain(value: object, column: Column) -> Read:
    """Text: numbers a spreadsheet made of typed digits go back to text, spaces at the ends go."""
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return Read(day.isoformat(), said=f"日期按文字“{day.isoformat()}”读入{_dropped(value)}")
    written = _text(value)
    said = f"数字 {written} 按文字读入" if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    stripped = written.strip(SPACES)
    if stripped != written and stripped:
        said = "去掉了首尾的空格"
    return Read(stripped or None, said=said)


def _not_finite(value: float, kind: str) -> str:
    """Why a number no spreadsheet shows (1e999999 in the file is infinity; NaN is no number) is
    not read: said as such, not as "inf" (form-xlsx.js says the same words)."""
    what = "这里应填" + {"int": "整数", "number": "数字", "date": "日期"}.get(kind, "内容") + "，"
    if math.isnan(value):
        return f"{what}现在的值不是一个有效的数：请重新填写这一格。"
    return f"{what}现在的数{'太大' if value > 0 else '的绝对值太大'}，超出了能读入的范围：请填写实际的数。"


def read_cell(value: object, column: Column) -> Read:
    if value is None or (isinstance(value, str) and not value.strip(SPACES)):
        return Read()
    if isinstance(value, float) and not math.isfinite(value):
        return Read(error=_not_finite(value, column.kind))
    if column.kind == "date":
        return _date(value)
    if column.kind == "int" and column.key == _YEAR_KEY:
        return _year(value)
    if column.kind in ("int", "number"):
        return _number(value, column.kind == "int", column)
    if column.kind == "bool":
        return _bool(value)
    if column.kind == "list":
        text = _text(value)
        used = [sep for sep in SAID_SEPARATORS if sep in text]
        for sep in SEPARATORS[1:]:
            text = text.replace(sep, SEPARATORS[0])
        parts = [p for p in (p.strip(SPACES) for p in text.split(SEPARATORS[0])) if p]
        said = (f"按“{'”“'.join(used)}”分成 {len(parts)} 项" if used and len(parts) > 1 else None)
        return Read(parts or None, said=said)
    return _plain(value, column)
