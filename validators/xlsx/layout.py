"""The workbook of one year's report: which sheet and column holds each field, read off the
year's report model (its areas, kinds and field titles), so a year's new kind or area is in its
workbook without code. The form reads the same layout as JSON (`as_json`)."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from validators.models.common import SLUG_PATTERN
from validators.models.for_year import nested_model, report_model
from validators.models.labelled import LabelledEnum
from validators.models.report import EXAMPLE_SOCIETY, new_id
from validators.models.society import SocietyProfile
from validators.yaml.policy import policy
from validators.year.guideline import Guideline
from validators.year.measures import OTHER_INDUSTRY

__all__ = ["COVER", "DATE_ERROR", "FORM_PAGE", "GUIDE", "LIST_ERROR", "NEW_SOCIETY", "OPTIONS", "PARENT", "PARENT_NOTE",
           "PRINTED", "PROFILE", "PROFILE_HEADERS", "ROWS", "SEPARATOR", "SEPARATORS", "SPACES", "TITLE_AFTER_YEAR", "Column", "Layout", "Sheet",
           "column_width", "guide_lines", "layout", "profile_columns", "template_title", "template_year", "text_lines",
           "text_width"]

COVER = "封面"
GUIDE = "说明"
OPTIONS = "选项"
# A new society's profile (society.yaml) in two columns, 项目 and 内容: the fields the form's
# profile asks for (`profile_columns`).
PROFILE = "学会资料"
PROFILE_HEADERS = ("项目", "内容")
# The words and bounds of a sheet's checks as the workbook's writers give them (write.py, and the
# form's download, form-xlsx.js, from `as_json`): the rows a blank sheet's dropdowns reach, the
# message of a dropdown and of a date cell, a date's range.
ROWS = 500
LIST_ERROR = f"请从列表中选择（见“{OPTIONS}”工作表）。"
DATE_ERROR = "请填写日期，如 2018-05-12。"
DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))
PARENT_NOTE = "这一行所属项目的编号（与上一张表中的编号一致）"
# Lists inside a cell (provinces, countries, members, evidence): written with this, read with
# either width of semicolon or a line break.
SEPARATOR = "；"
SEPARATORS = ("；", ";", "\n", "、", "，", ",")
# Separators people type that are no list separator in the report's own words: read, and said.
SAID_SEPARATORS = ("、", "，", ",")
# What counts as space at the ends of a cell (the same set in the form's reader).
SPACES = " \t\n\r\x0b\x0c\u00a0\u3000"
# The column of a nested sheet that names the item its rows belong to (a research report's
# achievements).
PARENT = "所属项目编号"
# The workbook's own title (its document properties, which a workbook saved again keeps: LibreOffice
# does, tests/test_xlsx.py), after its year: a cover whose 年度 cell was emptied is read as the
# year its template was written for.
TITLE_AFTER_YEAR = " 年度学会重点工作报告"
_FORBIDDEN = str.maketrans({c: "" for c in "[]:*?/\\"})
# How the workbook reads and prints, the same from both writers (write.py, and form-xlsx.js from
# `as_json`). A column's width (Excel's units, about one Latin letter) by what it holds, narrow
# enough that a fifteen-column sheet fits an A4 landscape page at about 70%, long texts wider; the
# guide's one column fits A4 portrait unscaled (LibreOffice cut an 80-wide one at the page's edge).
# The text wraps, and each written row is as tall as its longest cell needs (written out: Excel does
# not grow a row for wrapped text in a file it did not save itself), `line` points a line (a line of
# Chinese takes about 16 in LibreOffice's and WPS's fonts, at 15 the last one was cut; 16.5 is 22 pixels).
PRINTED: dict[str, Any] = {
    "widths": {"date": 11, "int": 8, "number": 8, "bool": 7, "choice": 12, "text": 14, "list": 20},
    "long": 22, "long_keys": ["title", "outcome", "description", "name"],
    "cover": [30, 24, 60], "profile": [30, 40], "guide": 70, "line": 16.5,
}
# Characters a Chinese font prints as wide as a Chinese character, below the CJK blocks: quotes,
# the ellipsis and the dash.
_WIDE = frozenset("‘’“”…—")


def text_width(text: str) -> int:
    """`text`'s width in a column's units: a Chinese character (or quote, or dash) takes two."""
    return sum(2 if ord(ch) > 0x2E7F or ch in _WIDE else 1 for ch in text)


def text_lines(text: str, width: int) -> int:
    """The lines `text` wraps to in a column `width` wide (form-xlsx.js, `lines`)."""
    return sum(max(1, -(-text_width(part) // max(1, width - 1))) for part in str(text).split("\n"))


def column_width(column: Column) -> int:
    """A data sheet's column's width: a long text's (a title, an outcome), else its kind's."""
    return int(PRINTED["long"] if column.key in PRINTED["long_keys"] else PRINTED["widths"].get(column.kind, 14))


def template_title(year: int) -> str:
    """The title a year's workbook is written with (2018 年度学会重点工作报告)."""
    return f"{year}{TITLE_AFTER_YEAR}"


def template_year(title: object) -> int | None:
    """The year a workbook's title names when it is exactly a template's title, else None (the
    form's reader reads it so too: form-xlsx.js, `RF.templateYear`)."""
    if not isinstance(title, str) or not title.endswith(TITLE_AFTER_YEAR):
        return None
    head = title[:-len(TITLE_AFTER_YEAR)]
    if len(head) != 4 or not head.isascii() or not head.isdigit() or head.startswith("0"):
        return None
    return int(head)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the field's name in the report
    title: str  # the header, the field's title
    kind: str  # text, int, number, bool, date, choice, list
    note: str = ""  # the field's description, shown as the header's note
    choices: tuple[str, ...] = ()  # the labels a choice takes (or, for text, suggests)
    required: bool = False
    codes: tuple[tuple[str, str], ...] = ()  # a choice's (code, label) pairs: a report may hold codes
    closed: bool = False  # text whose `choices` are the only words the check takes (a district)
    units: tuple[str, ...] = ()  # a number's own units, the one it is counted in first (policy.yaml's workbook.numbers)

    @property
    def header(self) -> str:
        """What the sheet's first row says: the title, with * where the field is required."""
        return f"{self.title} *" if self.required else self.title

    def label_of(self, value: object) -> object:
        return dict(self.codes).get(value, value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    path: tuple[str, ...]  # where its items are in the report: ("innovation", "services")
    title: str  # what the list is called in the guideline's words
    columns: tuple[Column, ...]
    parent: str | None = None  # the key, in the parent sheet's items, of a nested list
    id_example: str = ""  # an id of this sheet's kind of item in the layout's year (its 编号's note)


@dataclass(frozen=True, slots=True)
class Layout:
    year: int
    cover: tuple[tuple[tuple[str, ...], Column], ...]  # (path, column) per cover row
    sheets: tuple[Sheet, ...] = field(default=())
    profile: tuple[Column, ...] = field(default=())  # the 学会资料 sheet's rows

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def as_json(self) -> dict[str, Any]:
        def column(c: Column) -> dict[str, Any]:
            return {"key": c.key, "title": c.title, "header": c.header, "kind": c.kind, "choices": list(c.choices),
                    "required": c.required, "codes": dict(c.codes), "closed": c.closed, "units": list(c.units),
                    "note": c.note}

        def serial(day: dt.date) -> int:
            return (day - dt.date(1899, 12, 30)).days

        return {"year": self.year, "cover_sheet": COVER, "separator": SEPARATOR, "parent": PARENT,
                "separators": list(SEPARATORS), "said_separators": list(SAID_SEPARATORS), "spaces": SPACES,
                "options_sheet": OPTIONS, "totals": policy().workbook.totals.model_dump(),
                "numbers": policy().workbook.numbers.model_dump(exclude={"columns"}),
                "guide_sheet": GUIDE, "guide": guide_lines(self), "title_after_year": TITLE_AFTER_YEAR,
                "cover": [{"path": list(p), **column(c)} for p, c in self.cover],
                "printed": PRINTED, "profile_sheet": PROFILE, "profile_headers": list(PROFILE_HEADERS),
                "profile": [column(c) for c in self.profile],
                "checks": {"rows": ROWS, "list_error": LIST_ERROR, "date_error": DATE_ERROR,
                           "dates": [serial(d) for d in DATE_RANGE], "parent_note": PARENT_NOTE},
                "sheets": [{"name": s.name, "path": list(s.path), "parent": s.parent, "id_example": s.id_example,
                            "columns": [column(c) for c in s.columns]} for s in self.sheets]}


def _bare(annotation: Any) -> Any:
    """The type inside `X | None` and `Annotated[X, ...]`."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _note(text: str, fields: dict[str, FieldInfo]) -> str:
    """A field's description as a spreadsheet user reads it: 是/否 for true/false, the other
    columns by their titles, not by their keys."""
    text = text.replace("true", "“是”").replace("false", "“否”")
    for key in sorted(fields, key=len, reverse=True):
        if len(key) > 3 and key in text:
            text = text.replace(key, f"“{fields[key].title or key}”")
    return text


def _column(name: str, info: FieldInfo, fields: dict[str, FieldInfo] | None = None) -> Column | None:
    """The column of a scalar field or a list of scalars; None for a list of items."""
    kind_of = _bare(info.annotation)
    title, required = info.title or name, info.is_required()
    note = _note(info.description or "", fields or {name: info})
    if typing.get_origin(kind_of) is list:
        if nested_model(kind_of) is not None:
            return None
        return Column(name, title, "list", note + f"（多项用“{SEPARATOR}”分隔）", (), required)
    if isinstance(kind_of, type) and issubclass(kind_of, LabelledEnum):
        return Column(name, title, "choice", note, tuple(m.label for m in kind_of), required,
                      tuple((m.value, m.label) for m in kind_of))
    kinds: dict[Any, str] = {bool: "bool", int: "int", float: "number", dt.date: "date"}
    kind = kinds.get(kind_of, "text")
    units = tuple(policy().workbook.numbers.columns.get(name, ())) if kind in ("int", "number") else ()
    return Column(name, title, kind, note, (), required, units=units)


# Where a workbook sends its reader on the site; `workbook_bytes` adds the address when it knows it.
FORM_PAGE = "网站“在线填报”页面"
# What a new society does: its profile (name, type, maintainers) in the 学会资料 sheet, or in the form.
NEW_SOCIETY = (f"新学会还没有代号：自拟一个（小写英文字母、数字和连字符，如 cd-new-materials），并在“{PROFILE}”工作表填写学会资料"
               f"（名称、类型、维护人）；填好工作簿后拖入{FORM_PAGE}，表单会请你核对或补填学会资料，再一并提交。")
_COVER_NOTES = {"society": f"本学会在市科协登记的英文代号，如 cd-mech-eng（网站“学会”页面列出各学会的代号）。{NEW_SOCIETY}",
                "year": "报告所属的年度，如 2018"}


def _sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    name = title.translate(_FORBIDDEN)[:31] or "工作表"
    n = 2
    while name in taken:
        name = f"{name[:28]}（{n}）"
        n += 1
    taken.add(name)
    return name


def _list_sheets(model: type[BaseModel], path: tuple[str, ...], title: str, taken: set[str],
                 parent: str | None = None) -> list[Sheet]:
    columns = [c for n, i in model.model_fields.items() if (c := _column(n, i, model.model_fields)) is not None]
    sheets = [Sheet(_sheet_name(title, taken), path, title, tuple(columns), parent)]
    for name, info in model.model_fields.items():
        inner = nested_model(info.annotation)
        if inner is not None and typing.get_origin(_bare(info.annotation)) is list:
            sheets += _list_sheets(inner, (*path, name), info.title or name, taken, name)
    return sheets


def layout(rules: Guideline) -> Layout:
    """The workbook of `rules`' year: a cover with the report's own values and the scalar
    fields of its areas, then a sheet per list of items (a nested list, its own sheet)."""
    model = report_model(rules)
    cover: list[tuple[tuple[str, ...], Column]] = []
    sheets: list[Sheet] = []
    taken = {COVER, GUIDE, OPTIONS, PROFILE}
    for name, info in model.model_fields.items():
        inner = nested_model(info.annotation)
        column = _column(name, info)
        if inner is None and column is not None:
            cover.append(((name,), replace(column, note=_COVER_NOTES.get(name, column.note))))
            continue
        if inner is None:
            continue
        area_title = info.title or name
        if typing.get_origin(_bare(info.annotation)) is list:
            sheets += _list_sheets(inner, (name,), area_title.split("、", 1)[-1], taken)
            continue
        for key, sub in inner.model_fields.items():  # an area that is one object (一, 二)
            sub_column = _column(key, sub)
            if sub_column is not None:
                cover.append(((name, key), sub_column))
            elif (item := nested_model(sub.annotation)) is not None:
                sheets += _list_sheets(item, (name, key), sub.title or key, taken)
    # Text the year suggests but does not limit: a dropdown that lets other words through.
    suggested = {"occasion": (*(o.name for o in rules.popularisation_occasions), rules.open_occasion)}
    # Text the check holds to the year's lists (validators/rules): a dropdown that warns.
    closed = {("innovation", "services", "district"): tuple(rules.districts),
              ("consortia", "industry"): (*rules.industries, OTHER_INDUSTRY)}
    sheets = [replace(sheet, columns=tuple(_helped(c, sheet, suggested, closed, rules.year) for c in sheet.columns),
                      id_example=_id_example(sheet, rules.year)) for sheet in sheets]
    return Layout(rules.year, tuple(cover), tuple(sheets), profile_columns())


# The profile's fields a workbook leaves out, as the form's profile does: its id is the cover's
# 学会 id; `sample` marks the site's own made-up societies.
_NOT_IN_WORKBOOK = ("id", "sample")


def profile_columns() -> tuple[Column, ...]:
    """The rows of the 学会资料 sheet: the profile's fields, titled and described by its model."""
    fields = SocietyProfile.model_fields
    return tuple(c for name, info in fields.items()
                 if name not in _NOT_IN_WORKBOOK and (c := _column(name, info, fields)) is not None)


# The example id of each list in its notes: the prefix the sample reports use (svc-…), else
# the list's own key's first letters.
_GENERIC_ID_EXAMPLE = "evt-annual-2017"


def _id_example(sheet: Sheet, year: int) -> str:
    """An id of `sheet`'s kind of item: the one its 编号 column's description gives (a station's id
    is the same every year: station-wenjiang), else the form's first new id of `year` (svc-2018-01).
    The template's note and the import's message on a wrong id both say it."""
    note = next((c.note for c in sheet.columns if c.key == "id"), None)
    if note is None:
        return ""
    given = note.rpartition("如 ")[2].rstrip("。")
    if given and given != _GENERIC_ID_EXAMPLE and re.fullmatch(SLUG_PATTERN, given):
        return given
    return new_id(str(sheet.path[-1]), year, society=EXAMPLE_SOCIETY)


def _helped(column: Column, sheet: Sheet, suggested: dict[str, tuple[str, ...]],
            closed: dict[tuple[str, ...], tuple[str, ...]], year: int) -> Column:
    """A column with the year's lists as its dropdown, and its id's example in its sheet's and
    year's words (the models' one example, evt-annual-2017, stood on every sheet of every year)."""
    if column.kind == "text" and (*sheet.path, column.key) in closed:
        column = replace(column, choices=closed[(*sheet.path, column.key)], closed=True)
    elif column.kind == "text" and column.key in suggested:
        column = replace(column, choices=suggested[column.key])
    if column.key == "id" and _GENERIC_ID_EXAMPLE in column.note:
        column = replace(column, note=column.note.replace(_GENERIC_ID_EXAMPLE, _id_example(sheet, year)))
    return column


def guide_lines(layout: Layout, society: str = "") -> list[str]:
    """The 说明 sheet, line by line: the conventions, then every sheet with its columns. The
    columns that hold several values and the sheets of items under another's are the layout's
    (a year that adds or renames them changes this sheet with them)."""
    lists = list(dict.fromkeys(c.title for _, c in layout.cover if c.kind == "list")
                 | dict.fromkeys(c.title for s in layout.sheets for c in s.columns if c.kind == "list"))
    children = [s.name for s in layout.sheets if s.parent]
    lines = [
        f"{layout.year} 年度学会重点工作报告工作簿" + (f"（{society}）" if society else ""),
        "",
        f"1. 在“{COVER}”填写本学会的基本情况；每类工作各占一张工作表，见下面的清单。",
        "2. 每一行是一项工作，第一行是标题：请不要改动标题、工作表的名称和顺序，不要在标题上方插入行，不要合并单元格。"
        "把鼠标移到标题上可以看到填写说明；标题带 * 的是必填项。",
        "3. 有下拉箭头的单元格请从列表中选择；“是/否”的单元格选“是”或“否”。",
        "4. 日期写成 2018-05-12，或用表格的日期格式；写成 2018年5月12日、2018/5/12 也能识别，导入时会说明。",
        f"5. 一个单元格里有多项（{'、'.join(lists)}）时，用中文分号“{SEPARATOR}”分隔；"
        "写成顿号、逗号也能识别，导入时会说明。",
        f"6. “{PARENT}”一列填写所属项目的编号，把{'、'.join(children)}与它所属的项目对应起来。",
        "7. 编号用小写英文字母、数字和连字符，如 svc-motor-rd；同一报告中不能重复。",
        f"8. 填好后交给市科协，或在{FORM_PAGE}拖入本文件：系统按工作指南逐项检查，问题会指明工作表和单元格。",
        f"9. {NEW_SOCIETY}",
        "",
        f"“{COVER}”：" + "、".join(c.header for _, c in layout.cover),
        f"“{PROFILE}”（新学会填写，已登记的学会不必填写）：" + "、".join(c.header for c in layout.profile),
    ]
    for sheet in layout.sheets:
        columns = ([f"{PARENT} *"] if sheet.parent else []) + [c.header for c in sheet.columns]
        lines.append(f"“{sheet.name}”：" + "、".join(columns))
    return lines
