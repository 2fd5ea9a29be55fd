"""A report's workbook: the blank template of a society's year, or one filled from a report.
Every text is written as text (a value that starts with =, +, - or @ never becomes a formula),
dates as date cells, numbers as numbers; choices and 是/否 carry dropdowns from the 选项 sheet."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from validators.xlsx.layout import (
    COVER,
    GUIDE,
    OPTIONS,
    PARENT,
    SEPARATOR,
    Column,
    Layout,
    Sheet,
    guide_lines,
)

__all__ = ["workbook_bytes"]

# Rows that carry a column's dropdown and formats in a blank sheet: room for a big year.
_ROWS = 500
_YES, _NO = "是", "否"
# A fixed creation date: the same report always gives the same bytes.
_CREATED = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _rows(data: dict[str, Any], sheet: Sheet, layout: Layout) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """(parent id, item) of each row of `sheet` in `data`."""
    if sheet.parent is None:
        node: Any = data
        for key in sheet.path:
            node = node.get(key) if isinstance(node, dict) else None
        for item in node or []:
            yield None, item
        return
    parent = next(s for s in layout.sheets if s.path == sheet.path[:-1])
    for _, owner in _rows(data, parent, layout):
        for item in owner.get(sheet.parent) or []:
            yield owner.get("id"), item


class _Writer:
    def __init__(self, book: Any, layout: Layout) -> None:
        self.book, self.layout = book, layout
        self.head = book.add_format({"bold": True, "bg_color": "#E8EAF6", "text_wrap": True, "valign": "top"})
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        # Each list of choices once, a column of the 选项 sheet (written last) the dropdowns name.
        self.lists: dict[tuple[str, ...], str] = {(_YES, _NO): "是/否"}
        for column in self._columns():
            if column.choices:
                self.lists.setdefault(column.choices, column.title)
        self.sources = {choices: f"='{OPTIONS}'!${_letter(n)}$2:${_letter(n)}${len(choices) + 1}"
                        for n, choices in enumerate(self.lists)}

    def options(self) -> None:
        page = self.book.add_worksheet(OPTIONS)
        for n, (choices, title) in enumerate(self.lists.items()):
            page.write_string(0, n, title, self.head)
            for row, choice in enumerate(choices, start=1):
                page.write_string(row, n, choice)
            page.set_column(n, n, max(10, min(40, max(_width(c) for c in (title, *choices)) + 2)))

    def _columns(self) -> Iterator[Column]:
        yield from (c for _, c in self.layout.cover)
        for sheet in self.layout.sheets:
            yield from sheet.columns

    def cell(self, page: Any, row: int, col: int, column: Column, value: Any) -> None:
        if value is None or value == []:
            return
        if column.kind == "date" and isinstance(value, dt.date):
            page.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), self.date)
        elif column.kind in ("int", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
            page.write_number(row, col, value)
        elif column.kind == "bool" and isinstance(value, bool):
            page.write_string(row, col, _YES if value else _NO)
        elif column.kind == "list" and isinstance(value, list):
            page.write_string(row, col, SEPARATOR.join(str(v) for v in value), self.text)
        else:
            page.write_string(row, col, str(column.label_of(getattr(value, "label", value))), self.text)

    def dropdown(self, page: Any, first: int, last: int, col: int, column: Column) -> None:
        choices = (_YES, _NO) if column.kind == "bool" else column.choices
        if choices:
            # A text the year only suggests (an occasion) may be another: the list informs.
            page.data_validation(first, col, last, col, {
                "validate": "list", "source": self.sources[choices],
                "error_type": "information" if column.kind == "text" else "warning",
                "error_title": column.title, "error_message": f"请从列表中选择（见“{OPTIONS}”工作表）。"})
        elif column.kind == "date":
            page.data_validation(first, col, last, col, {
                "validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31), "error_type": "warning", "error_title": column.title,
                "error_message": "请填写日期，如 2018-05-12。"})

    def cover(self, data: dict[str, Any]) -> None:
        page = self.book.add_worksheet(COVER)
        page.write_string(0, 0, "项目", self.head)
        page.write_string(0, 1, "填写", self.head)
        page.write_string(0, 2, "说明", self.head)
        for row, (path, column) in enumerate(self.layout.cover, start=1):
            node: Any = data
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            page.write_string(row, 0, column.header)
            page.write_string(row, 2, column.note)
            if column.kind in ("text", "choice", "list"):
                page.write_blank(row, 1, None, self.text)
            self.cell(page, row, 1, column, node)
            self.dropdown(page, row, row, 1, column)
        page.set_column(0, 0, 34)
        page.set_column(1, 1, 24)
        page.set_column(2, 2, 70, self.wrap)
        page.freeze_panes(1, 0)
        self.printed(page)
        page.activate()

    def sheet(self, sheet: Sheet, data: dict[str, Any]) -> None:
        page = self.book.add_worksheet(sheet.name)
        columns = ([Column(PARENT, PARENT, "text", "这一行所属项目的编号（与上一张表中的编号一致）", (), True)]
                   if sheet.parent else []) + list(sheet.columns)
        for col, column in enumerate(columns):
            page.write_string(0, col, column.header, self.head)
            if column.note:
                page.write_comment(0, col, column.note, {"x_scale": 2, "y_scale": 1.5})
            long = column.kind == "list" or column.key in ("title", "outcome", "description", "name")
            page.set_column(col, col, 30 if long else max(12, min(24, _width(column.header) + 2)),
                            self.wrap if long else self.text if column.kind in ("text", "choice") else
                            self.date if column.kind == "date" else None)
            self.dropdown(page, 1, _ROWS, col, column)
        for row, (parent, item) in enumerate(_rows(data, sheet, self.layout), start=1):
            for col, column in enumerate(columns):
                value = parent if column.key == PARENT else item.get(column.key)
                self.cell(page, row, col, column, value)
        page.freeze_panes(1, 0)
        self.printed(page)

    def printed(self, page: Any) -> None:
        """A4 landscape, as wide as the page, the header row on every page."""
        page.set_paper(9)
        page.set_landscape()
        page.fit_to_pages(1, 0)
        page.repeat_rows(0)

    def guide(self, society: str) -> None:
        page = self.book.add_worksheet(GUIDE)
        for row, line in enumerate(guide_lines(self.layout, society)):
            page.write_string(row, 0, line, self.wrap)
        page.set_column(0, 0, 110)
        page.set_paper(9)
        page.fit_to_pages(1, 0)


def _letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def workbook_bytes(layout: Layout, data: dict[str, Any]) -> bytes:
    """The .xlsx of `data` (the report as plain values: labels, dates, lists), or of a blank
    report when it holds only the society and year."""
    import xlsxwriter  # the workbook commands only: the checks never need it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"created": _CREATED, "title": f"{layout.year} 年度学会重点工作报告"})
    writer = _Writer(book, layout)
    writer.cover(data)
    for sheet in layout.sheets:
        writer.sheet(sheet, data)
    writer.guide(str(data.get("society") or ""))
    writer.options()
    book.close()
    return buffer.getvalue()
