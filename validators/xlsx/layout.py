"""The workbook of one year's report: which sheet and column holds each field, read off the
year's report model (its areas, kinds and field titles), so a year's new kind or area is in its
workbook without code. The form reads the same layout as JSON (`as_json`)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from validators.models.for_year import nested_model, report_model
from validators.models.labelled import LabelledEnum
from validators.year.guideline import Guideline

__all__ = ["COVER", "GUIDE", "OPTIONS", "PARENT", "SEPARATOR", "SEPARATORS", "SPACES", "Column", "Layout", "Sheet",
           "guide_lines", "layout"]

COVER = "封面"
GUIDE = "说明"
OPTIONS = "选项"
# Lists inside a cell (provinces, countries, members, evidence): written with this, read with
# either width of semicolon or a line break.
SEPARATOR = "；"
SEPARATORS = ("；", ";", "\n")
# What counts as space at the ends of a cell (the same set in the form's reader).
SPACES = " \t\n\r\x0b\x0c\u00a0\u3000"
# The column of a nested sheet that names the item its rows belong to (a research report's
# achievements).
PARENT = "所属项目编号"
_FORBIDDEN = str.maketrans({c: "" for c in "[]:*?/\\"})


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the field's name in the report
    title: str  # the header, the field's title
    kind: str  # text, int, number, bool, date, choice, list
    note: str = ""  # the field's description, shown as the header's note
    choices: tuple[str, ...] = ()  # the labels a choice takes
    required: bool = False


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    path: tuple[str, ...]  # where its items are in the report: ("innovation", "services")
    title: str  # what the list is called in the guideline's words
    columns: tuple[Column, ...]
    parent: str | None = None  # the key, in the parent sheet's items, of a nested list


@dataclass(frozen=True, slots=True)
class Layout:
    year: int
    cover: tuple[tuple[tuple[str, ...], Column], ...]  # (path, column) per cover row
    sheets: tuple[Sheet, ...] = field(default=())

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def as_json(self) -> dict[str, Any]:
        def column(c: Column) -> dict[str, Any]:
            return {"key": c.key, "title": c.title, "kind": c.kind, "choices": list(c.choices)}

        return {"year": self.year, "cover_sheet": COVER, "separator": SEPARATOR, "parent": PARENT,
                "separators": list(SEPARATORS), "spaces": SPACES, "options_sheet": OPTIONS,
                "guide_sheet": GUIDE, "guide": guide_lines(self),
                "cover": [{"path": list(p), **column(c)} for p, c in self.cover],
                "sheets": [{"name": s.name, "path": list(s.path), "parent": s.parent,
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


def _column(name: str, info: FieldInfo) -> Column | None:
    """The column of a scalar field or a list of scalars; None for a list of items."""
    kind_of = _bare(info.annotation)
    title, note, required = info.title or name, info.description or "", info.is_required()
    if typing.get_origin(kind_of) is list:
        if nested_model(kind_of) is not None:
            return None
        return Column(name, title, "list", note + f"（多项用“{SEPARATOR}”分隔）", (), required)
    if isinstance(kind_of, type) and issubclass(kind_of, LabelledEnum):
        return Column(name, title, "choice", note, tuple(m.label for m in kind_of), required)
    kinds: dict[Any, str] = {bool: "bool", int: "int", float: "number", dt.date: "date"}
    return Column(name, title, kinds.get(kind_of, "text"), note, (), required)


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
    columns = [c for n, i in model.model_fields.items() if (c := _column(n, i)) is not None]
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
    taken = {COVER, GUIDE, OPTIONS}
    for name, info in model.model_fields.items():
        inner = nested_model(info.annotation)
        column = _column(name, info)
        if inner is None and column is not None:
            cover.append(((name,), column))
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
    return Layout(rules.year, tuple(cover), tuple(sheets))


def guide_lines(layout: Layout, society: str = "") -> list[str]:
    """The 说明 sheet, line by line."""
    sheets = "、".join(f"“{s.name}”" for s in layout.sheets)
    return [
        f"{layout.year} 年度学会重点工作报告工作簿" + (f"（{society}）" if society else ""),
        "",
        f"1. 在“{COVER}”填写本学会的基本情况；每类工作各占一张工作表：{sheets}。",
        "2. 每一行是一项工作，第一行是标题，请不要改动标题和工作表的名称；把鼠标移到标题上可以看到填写说明。",
        "3. 有下拉箭头的单元格请从列表中选择；“是/否”的单元格选“是”或“否”。",
        "4. 日期写成 2018-05-12，或用表格的日期格式；写成 2018年5月12日、2018/5/12 也能识别，导入时会说明。",
        f"5. 一个单元格里有多项（省份、国家或地区、成员、证明材料）时，用中文分号“{SEPARATOR}”分隔。",
        f"6. “{PARENT}”一列填写所属项目的编号，把成果与它所属的调查研究报告对应起来。",
        "7. 编号用小写英文字母、数字和连字符，如 svc-motor-rd；同一报告中不能重复。",
        "8. 填好后交给市科协，或在网站“在线填报”页面拖入本文件：系统按工作指南逐项检查，问题会指明工作表和单元格。",
    ]
