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
    DATE_ERROR,
    DATE_RANGE,
    FORM_PAGE,
    GUIDE,
    LIST_ERROR,
    OPTIONS,
    PARENT,
    PARENT_NOTE,
    PRINTED,
    PROFILE,
    PROFILE_HEADERS,
    ROWS,
    SEPARATOR,
    Column,
    Layout,
    Sheet,
    column_width,
    guide_lines,
    template_title,
    text_lines,
    text_width,
)

__all__ = ["workbook_bytes"]

# Rows that carry a column's dropdown and formats in a blank sheet: room for a big year.
_ROWS = ROWS
_YES, _NO = "是", "否"
# A fixed creation date: the same report always gives the same bytes.
_CREATED = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)


_LINE = PRINTED["line"]  # points a line of wrapped text takes
_COVER, _PROFILE, _GUIDE_WIDTH = PRINTED["cover"], PRINTED["profile"], PRINTED["guide"]


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
    def __init__(self, book: Any, layout: Layout, form_url: str = "", profile: bool = False) -> None:
        self.book, self.layout = book, layout
        self.with_profile = profile
        self.form_url = form_url
        self.head = book.add_format({"bold": True, "bg_color": "#E8EAF6", "text_wrap": True, "valign": "top"})
        self.text = book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.plain = book.add_format({"valign": "top"})
        self.wrap = self.text
        # Each list of choices once, a column of the hidden 选项 sheet (written last) the dropdowns name.
        self.lists: dict[tuple[str, ...], str] = {(_YES, _NO): "是/否"}
        for column in self._columns():
            if column.choices:
                self.lists.setdefault(column.choices, column.title)
        self.sources = {choices: f"='{OPTIONS}'!${_letter(n)}$2:${_letter(n)}${len(choices) + 1}"
                        for n, choices in enumerate(self.lists)}

    def options(self) -> None:
        """The lists the dropdowns name, on a hidden sheet (hidden, not very hidden: a secretary
        who wants to see the lists can unhide it, and Excel, WPS and LibreOffice still offer them)."""
        page = self.book.add_worksheet(OPTIONS)
        page.hide()
        for n, (choices, title) in enumerate(self.lists.items()):
            page.write_string(0, n, title, self.head)
            for row, choice in enumerate(choices, start=1):
                page.write_string(row, n, choice)
            page.set_column(n, n, max(10, min(40, max(text_width(c) for c in (title, *choices)) + 2)))

    def _columns(self) -> Iterator[Column]:
        yield from (c for _, c in self.layout.cover)
        if self.with_profile:  # in the order of the sheets, as the form lists its choices
            yield from self.layout.profile
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
            # A text the year only suggests (an occasion) may be another: the list informs; a
            # closed list (a district) warns.
            page.data_validation(first, col, last, col, {
                "validate": "list", "source": self.sources[choices],
                "error_type": "information" if column.kind == "text" and not column.closed else "warning",
                "error_title": column.title, "error_message": LIST_ERROR})
        elif column.kind == "date":
            page.data_validation(first, col, last, col, {
                "validate": "date", "criteria": "between", "minimum": DATE_RANGE[0],
                "maximum": DATE_RANGE[1], "error_type": "warning", "error_title": column.title,
                "error_message": DATE_ERROR})

    def cover(self, data: dict[str, Any]) -> None:
        page = self.book.add_worksheet(COVER)
        page.write_string(0, 0, "项目", self.head)
        page.write_string(0, 1, "填写", self.head)
        page.write_string(0, 2, "说明", self.head)
        for row, (path, column) in enumerate(self.layout.cover, start=1):
            node: Any = data
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            note = self.addressed(column.note)
            page.write_string(row, 0, column.header, self.wrap)
            page.write_string(row, 2, note, self.wrap)
            page.set_row(row, _LINE * max(text_lines(column.header, _COVER[0]), text_lines(note, _COVER[2])))
            if column.kind in ("text", "choice", "list"):
                page.write_blank(row, 1, None, self.text)
            self.cell(page, row, 1, column, node)
            self.dropdown(page, row, row, 1, column)
        page.set_column(0, 0, _COVER[0])
        page.set_column(1, 1, _COVER[1], self.plain)
        page.set_column(2, 2, _COVER[2], self.wrap)
        page.freeze_panes(1, 0)
        self.printed(page)

    def profile(self, profile: dict[str, Any]) -> None:
        """A new society's profile: a row per field, its help in the note on its title (a sheet of
        two columns, 项目 and 内容, that the secretary fills in like the cover)."""
        page = self.book.add_worksheet(PROFILE)
        for col, title in enumerate(PROFILE_HEADERS):
            page.write_string(0, col, title, self.head)
        for row, column in enumerate(self.layout.profile, start=1):
            page.write_string(row, 0, column.header, self.wrap)
            if column.note:
                page.write_comment(row, 0, column.note, {"x_scale": 2, "y_scale": 1.5})
            if column.kind in ("text", "choice", "list"):
                page.write_blank(row, 1, None, self.text)
            self.cell(page, row, 1, column, profile.get(column.key))
            self.dropdown(page, row, row, 1, column)
        page.set_column(0, 0, _PROFILE[0])
        page.set_column(1, 1, _PROFILE[1], self.wrap)
        page.freeze_panes(1, 0)
        self.printed(page)

    def sheet(self, sheet: Sheet, data: dict[str, Any]) -> None:
        page = self.book.add_worksheet(sheet.name)
        columns = ([Column(PARENT, PARENT, "text", PARENT_NOTE, (), True)]
                   if sheet.parent else []) + list(sheet.columns)
        widths = [column_width(column) for column in columns]
        for col, column in enumerate(columns):
            page.write_string(0, col, column.header, self.head)
            if column.note:
                page.write_comment(0, col, column.note, {"x_scale": 2, "y_scale": 1.5})
            page.set_column(col, col, widths[col], self.wrap if column.kind in ("text", "choice", "list") else
                            self.date if column.kind == "date" else self.plain)
            self.dropdown(page, 1, _ROWS, col, column)
        page.set_row(0, _LINE * max(text_lines(c.header, w) for c, w in zip(columns, widths, strict=True)))
        for row, (parent, item) in enumerate(_rows(data, sheet, self.layout), start=1):
            tallest = 1
            for col, column in enumerate(columns):
                value = parent if column.key == PARENT else item.get(column.key)
                self.cell(page, row, col, column, value)
                if column.kind in ("text", "choice", "list") and value:
                    shown = SEPARATOR.join(map(str, value)) if isinstance(value, list) else column.label_of(value)
                    tallest = max(tallest, text_lines(str(getattr(shown, "label", shown)), widths[col]))
            page.set_row(row, _LINE * tallest)
        page.freeze_panes(1, 0)
        self.printed(page)

    def addressed(self, text: str) -> str:
        """`text` with the form's address after its name, when the address is known."""
        return text.replace(FORM_PAGE, f"{FORM_PAGE}（{self.form_url}）") if self.form_url else text

    def printed(self, page: Any) -> None:
        """A4 landscape, as wide as the page, narrow margins, the header row on every page."""
        page.set_paper(9)
        page.set_landscape()
        page.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
        page.fit_to_pages(1, 0)
        page.repeat_rows(0)

    def guide(self, society: str) -> None:
        page = self.book.add_worksheet(GUIDE)
        for row, line in enumerate(guide_lines(self.layout, society)):
            line = self.addressed(line)
            page.write_string(row, 0, line, self.wrap)
            page.set_row(row, _LINE * text_lines(line, _GUIDE_WIDTH))
        page.set_column(0, 0, _GUIDE_WIDTH, self.wrap)
        page.set_paper(9)
        page.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        page.fit_to_pages(1, 0)


def _letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def workbook_bytes(layout: Layout, data: dict[str, Any], form_url: str = "",
                   profile: dict[str, Any] | None = None) -> bytes:
    """The .xlsx of `data` (the report as plain values: labels, dates, lists), or of a blank
    report when it holds only the society and year. `form_url`: the online form's address, said
    where the workbook sends its reader there. `profile`: a new society's profile (society.yaml's
    fields; {} for a blank one), written on its own sheet after the cover; None, no such sheet.
    The sheets: 说明, 封面, 学会资料, a sheet per list, and the hidden 选项."""
    import xlsxwriter  # the workbook commands only: the checks never need it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"created": _CREATED, "title": template_title(layout.year)})
    writer = _Writer(book, layout, form_url, profile is not None)
    # The guide first, the sheet the workbook opens at and prints first: what to do, then the cover.
    writer.guide(str(data.get("society") or ""))
    writer.cover(data)
    if profile is not None:
        writer.profile(profile)
    for sheet in layout.sheets:
        writer.sheet(sheet, data)
    writer.options()
    book.close()
    return buffer.getvalue()
