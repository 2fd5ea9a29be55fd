"""The downloads' tables as one Excel workbook: a sheet per table, the header row frozen,
numbers stored as numbers and every text stored as text (never read as a formula or a link)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import xlsxwriter

_MAX_WIDTH = 60
# A fixed creation date: the workbook's bytes depend on the data only, so a rebuild with the same
# data (whatever its date) writes the same file, as for every other download.
_CREATED = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # at most 31 characters, none of []:*?/\
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"created": _CREATED})
    bold = book.add_format({"bold": True})
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        page.freeze_panes(1, 0)
        widths = [_width(h) for h in sheet.header]
        page.write_row(0, 0, list(sheet.header), bold)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    page.write_string(r, c, "是" if value else "否")
                elif isinstance(value, int | float):
                    page.write_number(r, c, value)
                elif value is not None and value != "":
                    page.write_string(r, c, str(value))
                widths[c] = max(widths[c], _width(value))
        for c, w in enumerate(widths):
            page.set_column(c, c, min(_MAX_WIDTH, w + 2))
        if sheet.rows:
            page.autofilter(0, 0, len(sheet.rows), len(sheet.header) - 1)
    book.close()
    return buffer.getvalue()
