"""CSV that opens correctly in Excel: UTF-8 with a BOM, CRLF, and no cell read as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

__all__ = ["excel_cell", "to_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def excel_cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = "" if value is None else str(value)
    # A leading apostrophe keeps Excel from evaluating text typed by a submitter (CSV injection).
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    """A plain ASCII decimal as Excel reads one. Not `float()`: it also takes "-inf", "-nan",
    "-1_0" and Arabic-Indic digits ("+١٢٣"), which Excel reads as text or a formula."""
    return _NUMBER.fullmatch(text) is not None


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([excel_cell(v) for v in row] for row in rows)
    return "\ufeff" + buffer.getvalue()
