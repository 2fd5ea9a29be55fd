"""One cell of a filled workbook read as its column's kind, the way spreadsheets store values:
dates as date cells, serial numbers or text in the usual Chinese forms, numbers stored as text,
full-width digits, stray spaces. Every conversion is said; nothing is guessed silently."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from validators.xlsx.layout import SAID_SEPARATORS, SEPARATORS, SPACES, Column

__all__ = ["Read", "read_cell"]

# 2018-04-12, 2018/4/12, 2018.4.12, 2018年4月12日 (after NFKC: full-width digits are digits).
# ASCII digits and plain spaces only, so the form's reader (form-xlsx.js) reads the same.
_DATE = re.compile(r"^([0-9]{4})[ ]*(?:[-/.][ ]*([0-9]{1,2})[ ]*[-/.][ ]*([0-9]{1,2})"
                   r"|年[ ]*([0-9]{1,2})[ ]*月[ ]*([0-9]{1,2})[ ]*日?)$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
# A number written with the words around it: 15万, 40人, 约400, 200余人 (the same in form-xlsx.js).
_WORDY = re.compile(r"^(约|近|共|大约)?([0-9]+(?:\.[0-9]+)?)(余|多)?(万元|万|元|人次|人|个|次|项|家|名|场)?(左右|余|多|以上)?$")
# Excel's day 0 is 1899-12-30 (its 1900 leap-year bug kept for compatibility).
_EPOCH = dt.date(1899, 12, 30)
_TRUE, _FALSE = frozenset({"是", "true", "yes", "y", "1", "对", "√"}), frozenset({"否", "false", "no", "n", "0", "×"})


@dataclass(frozen=True, slots=True)
class Read:
    value: object = None  # None: the cell says nothing
    error: str | None = None  # why the cell cannot be read
    said: str | None = None  # what was converted, when something was


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


def _date(value: object) -> Read:
    if isinstance(value, dt.datetime):
        return Read(value.date())
    if isinstance(value, dt.date):
        return Read(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():
            day = _EPOCH + dt.timedelta(days=int(value))
            return Read(day, said=f"序列号 {_text(value)} 按日期 {day.isoformat()} 读入")
        return Read(error=f"日期“{_text(value)}”无法识别：请写成 2018-05-12 这样的日期。")
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
    return Read(error=f"日期“{written}”无法识别：请写成 2018-05-12 这样的日期。")


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
    return Read(error=_not_a_number(written, normal, what, column))


def _not_a_number(written: str, normal: str, what: str, column: Column | None) -> str:
    """Why a cell is no number, and how to write it: 15万 in an amount already in 万元, 40人."""
    found = _WORDY.match(normal)
    words = [w for w in (found.group(1), found.group(3), found.group(4), found.group(5)) if w] if found else []
    if found is None or not words:
        return f"“{written}”不是{what}：只写阿拉伯数字，如 15。"
    number, unit = found.group(2), found.group(4) or ""
    in_wan = column is not None and "万元" in column.title
    if in_wan and unit.startswith("万"):
        return f"“{written}”：金额的单位已是万元，只写 {number}。"
    if in_wan and unit == "元":
        return f"“{written}”：金额以万元为单位，请换算成万元后只写数字（如 150000 元写 15）。"
    if unit.startswith("万"):
        return f"“{written}”：请写出完整的数字（如 1.5万 写 15000），不带“万”。"
    return f"“{written}”：只写数字 {number}，不带“{'”“'.join(words)}”。"



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
        return Read(day.isoformat(), said=f"日期按文字“{day.isoformat()}”读入")
    written = _text(value)
    said = f"数字 {written} 按文字读入" if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    stripped = written.strip(SPACES)
    if stripped != written and stripped:
        said = "去掉了首尾的空格"
    return Read(stripped or None, said=said)


def read_cell(value: object, column: Column) -> Read:
    if value is None or (isinstance(value, str) and not value.strip(SPACES)):
        return Read()
    if column.kind == "date":
        return _date(value)
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
